// The AWS SDK for JavaScript v3 (client-dynamodb and the lib-dynamodb DocumentClient) against a
// DynamoDB-compatible endpoint, asserting DynamoDB's own results, error types and messages.
//
//   node scenarios.mjs http://127.0.0.1:PORT [scenario ...]
// Prints one line per scenario, "PASS name" or "FAIL name: why", and exits 1 if any failed.
// Dummy credentials come from the environment (table_jssdk_test.sh sets them).
import { isDeepStrictEqual, inspect } from "node:util";
import {
  ConditionalCheckFailedException, CreateTableCommand, DeleteTableCommand, DescribeTableCommand,
  DuplicateItemException, DynamoDBClient, ExecuteStatementCommand, GetItemCommand, PutItemCommand,
  QueryCommand, ResourceNotFoundException, TransactionCanceledException, waitUntilTableExists,
} from "@aws-sdk/client-dynamodb";
import {
  BatchExecuteStatementCommand as DocBatchExecuteStatementCommand, BatchGetCommand, BatchWriteCommand,
  DeleteCommand, DynamoDBDocumentClient, ExecuteStatementCommand as DocExecuteStatementCommand,
  ExecuteTransactionCommand as DocExecuteTransactionCommand, GetCommand, NumberValue, PutCommand,
  QueryCommand as DocQueryCommand, ScanCommand, TransactGetCommand, TransactWriteCommand, UpdateCommand,
  paginateQuery, paginateScan,
} from "@aws-sdk/lib-dynamodb";

const endpoint = process.argv[2];
if (!endpoint) {
  console.error("usage: node scenarios.mjs http://127.0.0.1:PORT [scenario ...]");
  process.exit(2);
}
const client = new DynamoDBClient({ endpoint, region: "us-east-1", maxAttempts: 1 });
const doc = DynamoDBDocumentClient.from(client, {
  marshallOptions: { removeUndefinedValues: true },
});
const suffix = `${process.pid}_${Date.now() % 100000000}`;
const MAIN = `js_main_${suffix}`; // pk S + sk N
const HASH = `js_hash_${suffix}`; // pk S
const MISSING = `js_missing_${suffix}`;

// The mismatches of the running scenario: recorded, so one run shows every difference.
let mismatches = [];
function eq(expected, actual, what) {
  if (!isDeepStrictEqual(expected, actual)) {
    mismatches.push(`${what}:\n      expected ${inspect(expected, { depth: 12, breakLength: Infinity })}` +
      `\n      actual   ${inspect(actual, { depth: 12, breakLength: Infinity })}`);
  }
}

// expectError(name, message, promise): the call must reject with exactly this error; returns it.
async function expectError(name, message, promise) {
  try {
    await promise;
  } catch (e) {
    eq([name, message, 400], [e.name, e.message, e.$metadata?.httpStatusCode], "error name, message, status");
    return e;
  }
  throw new Error(`expected ${name} (${message}), but the call succeeded`);
}

const scenarios = [];
const scenario = (name, fn) => scenarios.push([name, fn]);

async function createTables() {
  const pay = { BillingMode: "PAY_PER_REQUEST" };
  await client.send(new CreateTableCommand({
    TableName: MAIN, ...pay,
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }, { AttributeName: "sk", AttributeType: "N" }],
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
  }));
  await client.send(new CreateTableCommand({
    TableName: HASH, ...pay,
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
  }));
  for (const TableName of [MAIN, HASH]) {
    await waitUntilTableExists({ client, maxWaitTime: 30, minDelay: 1, maxDelay: 1 }, { TableName });
  }
}

// ---- client-dynamodb ----------------------------------------------------------------------

scenario("describe_table_shows_an_active_table_with_its_key_schema", async () => {
  const r = await client.send(new DescribeTableCommand({ TableName: MAIN }));
  eq(200, r.$metadata.httpStatusCode, "HTTP status");
  eq(true, typeof r.$metadata.requestId === "string" && r.$metadata.requestId.length > 0, "x-amzn-RequestId");
  const t = r.Table;
  eq(["ACTIVE", MAIN, [{ AttributeName: "pk", KeyType: "HASH" }, { AttributeName: "sk", KeyType: "RANGE" }],
    "PAY_PER_REQUEST", 0],
  [t.TableStatus, t.TableName, t.KeySchema, t.BillingModeSummary?.BillingMode, t.ItemCount], "the description");
  eq(true, t.CreationDateTime instanceof Date && !Number.isNaN(t.CreationDateTime.getTime()), "CreationDateTime");
});

scenario("low_level_items_round_trip_every_attribute_type", async () => {
  const Item = {
    pk: { S: "types" }, sk: { N: "1" }, s: { S: "naïve" }, n: { N: "-0.5" }, b: { B: Uint8Array.of(0, 255, 128) },
    t: { BOOL: true }, z: { NULL: true }, m: { M: { l: { L: [{ S: "" }, { N: "1" }] } } },
    ss: { SS: ["a"] }, ns: { NS: ["7"] }, bs: { BS: [Uint8Array.of(1)] },
  };
  await client.send(new PutItemCommand({ TableName: MAIN, Item }));
  const r = await client.send(new GetItemCommand({ TableName: MAIN, Key: { pk: Item.pk, sk: Item.sk }, ConsistentRead: true }));
  eq(Item, r.Item, "the item read back");
});

scenario("query_orders_numeric_sort_keys_by_value_both_ways", async () => {
  const sks = ["10", "-1E125", "0.5", "-2.5", "0", "2", "1e3", "-10", "1E-130", "-0.001"];
  await doc.send(new BatchWriteCommand({
    RequestItems: { [MAIN]: sks.map((sk) => ({ PutRequest: { Item: { pk: "order", sk: NumberValue.from(sk) } } })) },
  }));
  const q = { TableName: MAIN, KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": { S: "order" } } };
  const up = await client.send(new QueryCommand(q));
  const expected = ["-1" + "0".repeat(125), "-10", "-2.5", "-0.001", "0", "0." + "0".repeat(129) + "1", "0.5", "2",
    "10", "1000"];
  eq(expected, up.Items.map((i) => i.sk.N), "ascending");
  const down = await client.send(new QueryCommand({ ...q, ScanIndexForward: false }));
  eq([...expected].reverse(), down.Items.map((i) => i.sk.N), "ScanIndexForward false");
});

// dynalite ignores ReturnValuesOnConditionCheckFailure (spec 6.5).
scenario("a_failed_condition_returns_the_old_item_with_all_old", async () => {
  await client.send(new PutItemCommand({ TableName: HASH, Item: { pk: { S: "ccf" }, v: { N: "1" } } }));
  const e = await expectError("ConditionalCheckFailedException", "The conditional request failed",
    client.send(new PutItemCommand({
      TableName: HASH, Item: { pk: { S: "ccf" } }, ConditionExpression: "attribute_not_exists(pk)",
      ReturnValuesOnConditionCheckFailure: "ALL_OLD",
    })));
  eq(true, e instanceof ConditionalCheckFailedException, "instanceof ConditionalCheckFailedException");
  eq({ pk: { S: "ccf" }, v: { N: "1" } }, e.Item, "the exception's Item");
  const none = await expectError("ConditionalCheckFailedException", "The conditional request failed",
    doc.send(new UpdateCommand({
      TableName: HASH, Key: { pk: "ccf" }, UpdateExpression: "SET v = :two", ConditionExpression: "v = :two",
      ExpressionAttributeValues: { ":two": 2 }, ReturnValuesOnConditionCheckFailure: "NONE",
    })));
  eq(undefined, none.Item, "no Item with NONE");
});

// Classic us-east-1 wording: Dynoxide words the table-name constraint and syntax errors its own
// way; dynalite too, and it sends ResourceInUse without a message and Query's Limit error in
// Scan's wording.
scenario("errors_are_typed_exceptions_with_dynamodbs_messages", async () => {
  const e = await expectError("ResourceNotFoundException", "Requested resource not found",
    client.send(new GetItemCommand({ TableName: MISSING, Key: { pk: { S: "x" } } })));
  eq(true, e instanceof ResourceNotFoundException, "instanceof ResourceNotFoundException");
  await expectError("ResourceNotFoundException", `Requested resource not found: Table: ${MISSING} not found`,
    client.send(new DescribeTableCommand({ TableName: MISSING })));
  await expectError("ValidationException", "The provided key element does not match the schema",
    doc.send(new GetCommand({ TableName: MAIN, Key: { pk: "x" } })));
  await expectError("ResourceInUseException", `Table already exists: ${HASH}`, client.send(new CreateTableCommand({
    TableName: HASH, BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [{ AttributeName: "pk", AttributeType: "S" }],
    KeySchema: [{ AttributeName: "pk", KeyType: "HASH" }],
  })));
  // JS v3 validates nothing client-side, so the server's constraint messages show through.
  await expectError("ValidationException",
    "1 validation error detected: Value 'ab' at 'tableName' failed to satisfy constraint: " +
    "Member must have length greater than or equal to 3",
    client.send(new DescribeTableCommand({ TableName: "ab" })));
  await expectError("ValidationException",
    "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: " +
    "Member must have value greater than or equal to 1",
    doc.send(new ScanCommand({ TableName: MAIN, Limit: 0 })));
  // Query words the same constraint differently (as captured from DynamoDB).
  await expectError("ValidationException",
    "1 validation error detected: Value at 'Limit' failed to satisfy constraint: " +
    "Member must have value greater than or equal to 1",
    doc.send(new DocQueryCommand({ TableName: MAIN, Limit: 0, KeyConditionExpression: "pk = :p",
      ExpressionAttributeValues: { ":p": "x" } })));
  await expectError("ValidationException",
    'Invalid KeyConditionExpression: Syntax error; token: "<EOF>", near: ":type"',
    doc.send(new DocQueryCommand({ TableName: MAIN, KeyConditionExpression: "pk = :p AND begins_with(#t, :type",
      ExpressionAttributeNames: { "#t": "sk" }, ExpressionAttributeValues: { ":p": "x", ":type": "y" } })));
  await expectError("ValidationException",
    "Value provided in ExpressionAttributeNames unused in expressions: keys: {#unused}",
    doc.send(new GetCommand({ TableName: HASH, Key: { pk: "x" }, ProjectionExpression: "a",
      ExpressionAttributeNames: { "#unused": "b" } })));
});

// ---- lib-dynamodb DocumentClient ------------------------------------------------------------

scenario("document_client_marshals_js_values_sets_and_nesting", async () => {
  const item = {
    pk: "doc", str: "x", num: 42, neg: -0.25, yes: true, nil: null, bin: Uint8Array.of(0x80, 0xff),
    tags: new Set(["b", "a"]), nums: new Set([3, 1]),
    nested: { list: [1, "two", { three: [false] }], empty: {}, none: [] }, gone: undefined,
    big: NumberValue.from("12345678901234567890123456789012345678"),
  };
  await doc.send(new PutCommand({ TableName: HASH, Item: item }));
  const low = await client.send(new GetItemCommand({ TableName: HASH, Key: { pk: { S: "doc" } }, ConsistentRead: true }));
  const sorted = (a) => [...a].sort();
  eq({
    pk: { S: "doc" }, str: { S: "x" }, num: { N: "42" }, neg: { N: "-0.25" }, yes: { BOOL: true }, nil: { NULL: true },
    bin: { B: Uint8Array.of(0x80, 0xff) }, tags: { SS: ["a", "b"] }, nums: { NS: ["1", "3"] },
    nested: { M: { list: { L: [{ N: "1" }, { S: "two" }, { M: { three: { L: [{ BOOL: false }] } } }] },
      empty: { M: {} }, none: { L: [] } } },
    big: { N: "12345678901234567890123456789012345678" },
  }, { ...low.Item, tags: { SS: sorted(low.Item.tags.SS) }, nums: { NS: sorted(low.Item.nums.NS) } },
  "the marshalled item as stored");
  // A client of its own: a DocumentClient's options apply to the middleware of the client it wraps.
  const wrapped = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint, region: "us-east-1", maxAttempts: 1 }),
    { unmarshallOptions: { wrapNumbers: true } });
  const got = (await wrapped.send(new GetCommand({ TableName: HASH, Key: { pk: "doc" } }))).Item;
  eq("12345678901234567890123456789012345678", got.big.value, "a 38-digit number, exact with wrapNumbers");
  const plain = (await doc.send(new GetCommand({ TableName: HASH, Key: { pk: "doc" }, ProjectionExpression:
    "tags, nums, nested.#l[2], nil", ExpressionAttributeNames: { "#l": "list" } }))).Item;
  eq({ tags: new Set(["a", "b"]), nums: new Set([1, 3]), nested: { list: [{ three: [false] }] }, nil: null }, plain,
    "a projection unmarshalled to JS values");
});

scenario("paginate_query_and_paginate_scan_see_every_item_once", async () => {
  const items = Array.from({ length: 23 }, (_, i) => ({ pk: "pag", sk: i }));
  for (let i = 0; i < items.length; i += 25) {
    await doc.send(new BatchWriteCommand({
      RequestItems: { [MAIN]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) },
    }));
  }
  const seen = [];
  let pages = 0;
  for await (const page of paginateQuery({ client: doc, pageSize: 5 }, {
    TableName: MAIN, KeyConditionExpression: "pk = :p", ExpressionAttributeValues: { ":p": "pag" },
  })) {
    pages += 1;
    seen.push(...page.Items.map((i) => i.sk));
  }
  eq(Array.from({ length: 23 }, (_, i) => i), seen, "query pages in order");
  eq(5, pages, "pages of 5 (the last one holds 3 items)");
  const scanned = [];
  for await (const page of paginateScan({ client: doc, pageSize: 4 }, {
    TableName: MAIN, FilterExpression: "pk = :p", ExpressionAttributeValues: { ":p": "pag" },
  })) scanned.push(...page.Items.map((i) => i.sk));
  eq(Array.from({ length: 23 }, (_, i) => i), scanned.sort((a, b) => a - b), "scan pages, each item once");
});

scenario("batch_write_and_batch_get_commands_store_and_read_items", async () => {
  const r = await doc.send(new BatchWriteCommand({
    RequestItems: {
      [HASH]: [{ PutRequest: { Item: { pk: "bw1", v: 1 } } }, { PutRequest: { Item: { pk: "bw2", v: 2 } } },
        { DeleteRequest: { Key: { pk: "bw3" } } }],
    },
  }));
  eq({}, r.UnprocessedItems, "UnprocessedItems");
  const g = await doc.send(new BatchGetCommand({
    RequestItems: { [HASH]: { Keys: [{ pk: "bw1" }, { pk: "bw2" }, { pk: "bw3" }], ProjectionExpression: "pk, v" } },
  }));
  eq([{ pk: "bw1", v: 1 }, { pk: "bw2", v: 2 }], g.Responses[HASH].sort((a, b) => a.v - b.v), "Responses");
  eq({}, g.UnprocessedKeys, "UnprocessedKeys");
  await expectError("ValidationException", "Provided list of item keys contains duplicates",
    doc.send(new BatchWriteCommand({ RequestItems: { [HASH]: [
      { PutRequest: { Item: { pk: "d" } } }, { DeleteRequest: { Key: { pk: "d" } } }] } })));
});

// dynalite has no transactions (spec 6.5).
scenario("transact_write_command_cancels_everything_on_a_failed_condition", async () => {
  await doc.send(new PutCommand({ TableName: HASH, Item: { pk: "tx-a", n: 1 } }));
  const items = [
    { Put: { TableName: HASH, Item: { pk: "tx-new", tags: new Set(["x"]) } } },
    { Update: { TableName: HASH, Key: { pk: "tx-b" }, UpdateExpression: "SET n = :one",
      ExpressionAttributeValues: { ":one": 1 } } },
    { ConditionCheck: { TableName: HASH, Key: { pk: "tx-a" }, ConditionExpression: "n = :two",
      ExpressionAttributeValues: { ":two": 2 }, ReturnValuesOnConditionCheckFailure: "ALL_OLD" } },
  ];
  const e = await expectError("TransactionCanceledException",
    "Transaction cancelled, please refer cancellation reasons for specific reasons [None, None, ConditionalCheckFailed]",
    doc.send(new TransactWriteCommand({ TransactItems: items })));
  eq(true, e instanceof TransactionCanceledException, "instanceof TransactionCanceledException");
  eq([{ Code: "None" }, { Code: "None" },
    { Code: "ConditionalCheckFailed", Message: "The conditional request failed",
      Item: { pk: { S: "tx-a" }, n: { N: "1" } } }], e.CancellationReasons, "CancellationReasons");
  eq(undefined, (await doc.send(new GetCommand({ TableName: HASH, Key: { pk: "tx-new" } }))).Item,
    "nothing written");
  items[2].ConditionCheck.ExpressionAttributeValues[":two"] = 1;
  const ok = await doc.send(new TransactWriteCommand({ TransactItems: items, ClientRequestToken: `tok-${suffix}` }));
  eq(200, ok.$metadata.httpStatusCode, "the committed transaction");
  const got = await doc.send(new TransactGetCommand({ TransactItems: [
    { Get: { TableName: HASH, Key: { pk: "tx-new" } } }, { Get: { TableName: HASH, Key: { pk: "tx-none" } } },
    { Get: { TableName: HASH, Key: { pk: "tx-b" } } }] }));
  eq([{ Item: { pk: "tx-new", tags: new Set(["x"]) } }, {}, { Item: { pk: "tx-b", n: 1 } }], got.Responses,
    "TransactGetCommand Responses in request order");
});

scenario("update_and_delete_commands_return_the_asked_values", async () => {
  await doc.send(new PutCommand({ TableName: HASH, Item: { pk: "rv", a: { b: [1, 2] }, c: "x" } }));
  const r = await doc.send(new UpdateCommand({
    TableName: HASH, Key: { pk: "rv" }, ReturnValues: "ALL_NEW",
    UpdateExpression: "SET a.b[2] = :v, d = if_not_exists(d, :zero) + :v REMOVE c ADD s :s",
    ExpressionAttributeValues: { ":v": 3, ":zero": 0, ":s": new Set(["q"]) },
  }));
  eq({ pk: "rv", a: { b: [1, 2, 3] }, d: 3, s: new Set(["q"]) }, r.Attributes, "ALL_NEW");
  const n = await doc.send(new UpdateCommand({
    TableName: HASH, Key: { pk: "rv" }, ReturnValues: "UPDATED_NEW", UpdateExpression: "SET d = d - :v",
    ExpressionAttributeValues: { ":v": 0.5 },
  }));
  eq({ d: 2.5 }, n.Attributes, "UPDATED_NEW");
  const d = await doc.send(new DeleteCommand({ TableName: HASH, Key: { pk: "rv" }, ReturnValues: "ALL_OLD" }));
  eq({ pk: "rv", a: { b: [1, 2, 3] }, d: 2.5, s: new Set(["q"]) }, d.Attributes, "DeleteCommand ALL_OLD");
  const again = await doc.send(new DeleteCommand({ TableName: HASH, Key: { pk: "rv" }, ReturnValues: "ALL_OLD" }));
  eq(undefined, again.Attributes, "no Attributes for an absent item");
});

// ---- PartiQL ---------------------------------------------------------------------------------

scenario("partiql_execute_statement_with_client_dynamodb", async () => {
  const ins = await client.send(new ExecuteStatementCommand({
    Statement: `INSERT INTO "${HASH}" VALUE {'pk': ?, 'n': ?, 'l': [1, 'a'], 'm': {'x': true}}`,
    Parameters: [{ S: "pq-js" }, { N: "1" }],
  }));
  eq([], ins.Items, "INSERT answers an empty Items list");
  const dup = await expectError("DuplicateItemException", "Duplicate primary key exists in table",
    client.send(new ExecuteStatementCommand({ Statement: `INSERT INTO "${HASH}" VALUE {'pk': 'pq-js'}` })));
  eq(true, dup instanceof DuplicateItemException, "instanceof DuplicateItemException");
  const sel = await client.send(new ExecuteStatementCommand({
    Statement: `SELECT * FROM "${HASH}" WHERE pk = ?`, Parameters: [{ S: "pq-js" }],
    ReturnConsumedCapacity: "TOTAL", ConsistentRead: true,
  }));
  eq([{ pk: { S: "pq-js" }, n: { N: "1" }, l: { L: [{ N: "1" }, { S: "a" }] }, m: { M: { x: { BOOL: true } } } }],
    sel.Items, "SELECT * by key");
  eq({ TableName: HASH, CapacityUnits: 1 }, sel.ConsumedCapacity, "ConsumedCapacity of a strong read");
  eq(undefined, sel.NextToken, "no NextToken on the last page");
  const upd = await client.send(new ExecuteStatementCommand({
    Statement: `UPDATE "${HASH}" SET n = n + 1 REMOVE l WHERE pk = 'pq-js' RETURNING ALL OLD *`,
  }));
  eq([{ pk: { S: "pq-js" }, n: { N: "1" }, l: { L: [{ N: "1" }, { S: "a" }] }, m: { M: { x: { BOOL: true } } } }],
    upd.Items, "RETURNING ALL OLD *");
  const ccf = await expectError("ConditionalCheckFailedException", "The conditional request failed",
    client.send(new ExecuteStatementCommand({ Statement: `UPDATE "${HASH}" SET n = 0 WHERE pk = 'pq-none'` })));
  eq(true, ccf instanceof ConditionalCheckFailedException, "instanceof ConditionalCheckFailedException");
  await expectError("ValidationException", "Statement wasn't well formed, can't be processed: Unexpected term",
    client.send(new ExecuteStatementCommand({ Statement: `SELECT * FROM "${HASH}" WHERE` })));
  await expectError("ResourceNotFoundException", "Requested resource not found",
    client.send(new ExecuteStatementCommand({ Statement: `DELETE FROM "${MISSING}" WHERE pk = 'x'` })));
});

scenario("partiql_document_client_marshals_parameters_and_items", async () => {
  await doc.send(new DocExecuteStatementCommand({
    Statement: `INSERT INTO "${MAIN}" VALUE {'pk': ?, 'sk': ?, 'tags': ?, 'm': ?, 'ss': ?}`,
    Parameters: ["pq-doc", 1, ["a", 2], { x: true, y: null }, new Set(["s"])],
  }));
  await doc.send(new DocExecuteStatementCommand({
    Statement: `INSERT INTO "${MAIN}" VALUE {'pk': 'pq-doc', 'sk': 2, 'tags': []}`,
  }));
  const sel = await doc.send(new DocExecuteStatementCommand({
    Statement: `SELECT * FROM "${MAIN}" WHERE pk = ? AND sk BETWEEN ? AND ? ORDER BY sk DESC`,
    Parameters: ["pq-doc", 1, 2],
  }));
  eq([{ pk: "pq-doc", sk: 2, tags: [] }, { pk: "pq-doc", sk: 1, tags: ["a", 2], m: { x: true, y: null }, ss: new Set(["s"]) }],
    sel.Items, "Items unmarshalled, in descending sort-key order");
  const batch = await doc.send(new DocBatchExecuteStatementCommand({
    Statements: [
      { Statement: `SELECT tags FROM "${MAIN}" WHERE pk = ? AND sk = ?`, Parameters: ["pq-doc", 1] },
      { Statement: `SELECT * FROM "${MAIN}" WHERE pk = 'pq-doc' AND sk = 3` },
    ],
  }));
  eq([{ TableName: MAIN, Item: { tags: ["a", 2] } }, { TableName: MAIN }], batch.Responses, "batch Responses");
  const tx = await doc.send(new DocExecuteTransactionCommand({
    TransactStatements: [
      { Statement: `UPDATE "${MAIN}" SET n = ? WHERE pk = ? AND sk = ?`, Parameters: [7, "pq-doc", 2] },
      { Statement: `DELETE FROM "${MAIN}" WHERE pk = 'pq-doc' AND sk = 1` },
    ],
  }));
  eq([], tx.Responses, "a transaction of writes answers an empty Responses list");
  const e = await expectError("TransactionCanceledException",
    "Transaction cancelled, please refer cancellation reasons for specific reasons [DuplicateItem]",
    doc.send(new DocExecuteTransactionCommand({
      TransactStatements: [{ Statement: `INSERT INTO "${MAIN}" VALUE {'pk': 'pq-doc', 'sk': 2}` }],
    })));
  eq(true, e instanceof TransactionCanceledException, "instanceof TransactionCanceledException");
  eq([{ Code: "DuplicateItem", Message: "Duplicate primary key exists in table" }], e.CancellationReasons,
    "CancellationReasons");
  const read = await doc.send(new DocExecuteTransactionCommand({
    TransactStatements: [{ Statement: `SELECT n FROM "${MAIN}" WHERE pk = 'pq-doc' AND sk = 2` },
      { Statement: `SELECT * FROM "${MAIN}" WHERE pk = 'pq-doc' AND sk = 1` }],
  }));
  eq([{ Item: { n: 7 } }, {}], read.Responses, "a transaction of reads");
});

async function main() {
  const wanted = new Set(process.argv.slice(3));
  try {
    await createTables();
  } catch (e) {
    console.log(`FAIL creating the test tables: ${e.name}: ${e.message}`);
    return 1;
  }
  let failed = 0;
  for (const [name, fn] of scenarios) {
    if (wanted.size && !wanted.has(name)) continue;
    mismatches = [];
    try {
      await fn();
    } catch (e) {
      mismatches.push(`${e.name}: ${e.message}`);
    }
    if (mismatches.length) {
      failed += 1;
      console.log(`FAIL ${name}: ${mismatches.join("\n    ")}`);
    } else {
      console.log(`PASS ${name}`);
    }
  }
  for (const TableName of [MAIN, HASH]) {
    await client.send(new DeleteTableCommand({ TableName })).catch(() => {});
  }
  return failed ? 1 : 0;
}

process.exitCode = await main();
