#!/usr/bin/env python3
"""boto3 (client and resource APIs, plus the dynamodbstreams client) against a
DynamoDB-compatible endpoint, asserting DynamoDB's own results and messages.

Usage: boto3_scenarios.py http://127.0.0.1:PORT [SCENARIO...]
Prints one line per scenario, "PASS name" or "FAIL name: why", and exits 1 if any failed.
Dummy credentials come from the environment (table_boto3_test.sh sets them)."""
import concurrent.futures
import os
import sys
import time
import traceback
from decimal import Decimal

import boto3
import botocore
from boto3.dynamodb.conditions import Attr, Key
from boto3.dynamodb.types import Binary
from botocore.config import Config

MAX_ITEM_BYTES = 409600  # DynamoDB's 400 KB item limit
SCENARIOS = []


def scenario(fn):
    SCENARIOS.append(fn)
    return fn


class Ctx:
    """Clients and the tables every scenario shares (each scenario uses its own keys)."""

    def __init__(self, endpoint):
        cfg = Config(retries={"max_attempts": 1}, connect_timeout=5, read_timeout=30)
        self.client = boto3.client("dynamodb", endpoint_url=endpoint, config=cfg)
        self.resource = boto3.resource("dynamodb", endpoint_url=endpoint, config=cfg)
        self.streams = boto3.client("dynamodbstreams", endpoint_url=endpoint, config=cfg)
        suffix = f"{os.getpid()}_{int(time.time() * 1000) % 100000000}"
        # main: S partition key, N sort key, one GSI (cat, price).
        self.main = f"b3_main_{suffix}"
        # bin: B sort key.
        self.bin = f"b3_bin_{suffix}"
        # hash: S partition key only.
        self.hash = f"b3_hash_{suffix}"
        # str: S sort key.
        self.str = f"b3_str_{suffix}"
        # stream: hash-only with a NEW_AND_OLD_IMAGES stream.
        self.stream = f"b3_stream_{suffix}"
        self.missing = f"b3_missing_{suffix}"
        self.tables = [self.main, self.bin, self.str, self.hash, self.stream]

    def create_tables(self):
        c = self.client
        pay = {"BillingMode": "PAY_PER_REQUEST"}
        c.create_table(
            TableName=self.main,
            AttributeDefinitions=[attr_def("pk", "S"), attr_def("sk", "N"), attr_def("cat", "S"),
                                  attr_def("price", "N")],
            KeySchema=key_schema("pk", "sk"),
            GlobalSecondaryIndexes=[{"IndexName": "byCat", "KeySchema": key_schema("cat", "price"),
                                     "Projection": {"ProjectionType": "ALL"}}],
            **pay)
        c.create_table(TableName=self.bin, AttributeDefinitions=[attr_def("pk", "S"), attr_def("sk", "B")],
                       KeySchema=key_schema("pk", "sk"), **pay)
        c.create_table(TableName=self.str, AttributeDefinitions=[attr_def("pk", "S"), attr_def("sk", "S")],
                       KeySchema=key_schema("pk", "sk"), **pay)
        c.create_table(TableName=self.hash, AttributeDefinitions=[attr_def("pk", "S")],
                       KeySchema=key_schema("pk"), **pay)
        c.create_table(TableName=self.stream, AttributeDefinitions=[attr_def("pk", "S")],
                       KeySchema=key_schema("pk"),
                       StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"},
                       **pay)
        waiter = c.get_waiter("table_exists")
        for t in self.tables:
            waiter.wait(TableName=t, WaiterConfig={"Delay": 1, "MaxAttempts": 30})

    def delete_tables(self):
        for t in self.tables:
            try:
                self.client.delete_table(TableName=t)
            except botocore.exceptions.ClientError:
                pass


def attr_def(name, type_):
    return {"AttributeName": name, "AttributeType": type_}


def key_schema(hash_key, range_key=None):
    ks = [{"AttributeName": hash_key, "KeyType": "HASH"}]
    if range_key:
        ks.append({"AttributeName": range_key, "KeyType": "RANGE"})
    return ks


# The mismatches of the running scenario: a mismatch is recorded and the scenario goes on, so
# one run shows every difference; the scenario fails at its end if any was recorded.
MISMATCHES = []


def eq(expected, actual, what):
    if expected != actual:
        MISMATCHES.append(f"{what}:\n      expected {expected!r}\n      actual   {actual!r}")
    return expected == actual


def expect_error(code, message, fn, *args, **kwargs):
    """Call fn and require a ClientError with exactly this code and message; return it."""
    try:
        fn(*args, **kwargs)
    except botocore.exceptions.ClientError as e:
        err = e.response["Error"]
        eq((code, message), (err.get("Code"), err.get("Message")), f"error of {fn.__name__}")
        return e
    raise AssertionError(f"expected {code} ({message}) from {fn.__name__}, but the call succeeded")


def sorted_sets(value):
    """Low-level attribute values with set members sorted (set order is unspecified)."""
    if isinstance(value, dict):
        return {k: (sorted(v) if k in ("SS", "NS", "BS") else sorted_sets(v)) for k, v in value.items()}
    if isinstance(value, list):
        return [sorted_sets(v) for v in value]
    return value


def put_all(ctx, table, items):
    with ctx.resource.Table(table).batch_writer() as w:
        for it in items:
            w.put_item(Item=it)


# ---- attribute values and numbers --------------------------------------------------------------

@scenario
def a_put_item_round_trips_every_attribute_type(ctx):
    item = {"pk": {"S": "types"}, "sk": {"N": "1"}, "s": {"S": "héllo"}, "n": {"N": "-12.5"},
            "b": {"B": b"\x00\xff\x80"}, "t": {"BOOL": True}, "f": {"BOOL": False}, "z": {"NULL": True},
            "empty_s": {"S": ""}, "empty_b": {"B": b""},
            "m": {"M": {"inner": {"L": [{"S": ""}, {"N": "0"}, {"M": {}}]}, "e": {"L": []}}},
            "ss": {"SS": ["b", "a", ""]}, "ns": {"NS": ["10", "-1", "2.5"]},
            "bs": {"BS": [b"\x01", b"\x00", b""]}}
    ctx.client.put_item(TableName=ctx.main, Item=item)
    got = ctx.client.get_item(TableName=ctx.main, Key={"pk": {"S": "types"}, "sk": {"N": "1"}},
                              ConsistentRead=True)["Item"]
    eq(sorted_sets(item), sorted_sets(got), "the item read back")


@scenario
def numbers_keep_38_digits_and_come_back_normalized(ctx):
    # The extremes go through the client API: boto3's Decimal context cannot represent 1E-130.
    written = {"a": "1234567890123456789012345678901234567.8",
               "b": "9.9999999999999999999999999999999999999E+125", "c": "-1E-130", "d": "1.0E3",
               "e": "-0.0", "f": "1.10", "g": ".5", "h": "+3",  # dynalite refuses the leading "+"
               "i": "0001.23", "j": "1E+3", "k": "-17e5"}
    ctx.client.put_item(TableName=ctx.main, Item={"pk": {"S": "num"}, "sk": {"N": "1"},
                                                  **{k: {"N": v} for k, v in written.items()}})
    raw = ctx.client.get_item(TableName=ctx.main, Key={"pk": {"S": "num"}, "sk": {"N": "1"}})["Item"]
    eq({"a": "1234567890123456789012345678901234567.8", "b": "99999999999999999999999999999999999999" + "0" * 88,
        "c": "-0." + "0" * 129 + "1", "d": "1000", "e": "0", "f": "1.1", "g": "0.5", "h": "3", "i": "1.23", "j": "1000", "k": "-1700000"},
       {k: raw[k]["N"] for k in written}, "the canonical plain-decimal text of each number")
    t = ctx.resource.Table(ctx.main)
    values = {"a": Decimal("-9.876543210987654321098765432109876543E-100"), "b": Decimal("12345678901234567890123456789012345678"),
              "c": Decimal("0.1")}
    t.put_item(Item={"pk": "num", "sk": 2, **values})
    got = t.get_item(Key={"pk": "num", "sk": 2})["Item"]
    eq(values, {k: got[k] for k in values}, "the resource API's Decimals, exact to 38 digits")


@scenario
def out_of_range_numbers_are_refused_with_dynamodbs_messages(ctx):
    def put(n):
        ctx.client.put_item(TableName=ctx.main, Item={"pk": {"S": "bad"}, "sk": {"N": "1"}, "v": {"N": n}})

    expect_error("ValidationException", "Attempting to store more than 38 significant digits in a Number",
                 put, "1.23456789012345678901234567890123456789")
    expect_error("ValidationException",
                 "Number overflow. Attempting to store a number with magnitude larger than supported range",
                 put, "1E126")
    expect_error("ValidationException",
                 "Number underflow. Attempting to store a number with magnitude smaller than supported range",
                 put, "1E-131")
    expect_error("ValidationException", "The parameter cannot be converted to a numeric value: abc", put, "abc")


@scenario
def update_arithmetic_is_exact_decimal(ctx):
    key = {"pk": {"S": "arith"}, "sk": {"N": "1"}}
    ctx.client.put_item(TableName=ctx.main, Item={**key, "n": {"N": "0.1"}, "big": {"N": "1E50"}})
    r = ctx.client.update_item(TableName=ctx.main, Key=key, UpdateExpression="SET n = n + :d ADD c :d",
                               ExpressionAttributeValues={":d": {"N": "0.2"}}, ReturnValues="UPDATED_NEW")
    eq({"n": {"N": "0.3"}, "c": {"N": "0.2"}}, r["Attributes"], "0.1 + 0.2 and ADD to a missing attribute")
    # A result that needs more than 38 digits fails, with the overflow message (AWS's quirk;
    # Dynoxide answers with the 38-digit message, dynalite stores a rounded result).
    expect_error("ValidationException",
                 "Number overflow. Attempting to store a number with magnitude larger than supported range",
                 ctx.client.update_item, TableName=ctx.main, Key=key, UpdateExpression="SET big = big + :one",
                 ExpressionAttributeValues={":one": {"N": "1"}})


@scenario
def numeric_sort_keys_order_negatives_fractions_and_exponents(ctx):
    # Written in shuffled order and in several spellings; DynamoDB orders by value.
    written = ["10", "-1E125", "1E-130", "-2.5", "0", "2", "-0.001", "9.9999999999999999999999999999999999999E125",
               "1e3", "-10", "0.5", "1", "-1", "-1.25"]
    ctx.client.batch_write_item(RequestItems={ctx.main: [
        {"PutRequest": {"Item": {"pk": {"S": "order"}, "sk": {"N": s}}}} for s in written]})
    expected = sorted(written, key=Decimal)
    q = dict(TableName=ctx.main, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "order"}})

    def sks(r):
        return [Decimal(i["sk"]["N"]) for i in r["Items"]]

    eq([Decimal(s) for s in expected], sks(ctx.client.query(**q)), "ascending query order")
    eq([Decimal(s) for s in expected[::-1]], sks(ctx.client.query(ScanIndexForward=False, **q)),
       "ScanIndexForward=False order")
    r = ctx.client.query(**{**q, "KeyConditionExpression": "pk = :p AND sk BETWEEN :lo AND :hi",
                            "ExpressionAttributeValues": {":p": {"S": "order"}, ":lo": {"N": "-2.5"},
                                                          ":hi": {"N": "1E-3"}}})
    eq(["-2.5", "-1.25", "-1", "-0.001", "0", "0." + "0" * 129 + "1"], [i["sk"]["N"] for i in r["Items"]],
       "BETWEEN -2.5 AND 0.001 (both bounds included)")


@scenario
def equal_numbers_address_the_same_item(ctx):
    ctx.client.put_item(TableName=ctx.main, Item={"pk": {"S": "same"}, "sk": {"N": "1000"}, "v": {"S": "first"}})
    ctx.client.put_item(TableName=ctx.main, Item={"pk": {"S": "same"}, "sk": {"N": "1E3"}, "v": {"S": "second"}})
    got = ctx.client.get_item(TableName=ctx.main, Key={"pk": {"S": "same"}, "sk": {"N": "1.000e+3"}})["Item"]
    eq({"pk": {"S": "same"}, "sk": {"N": "1000"}, "v": {"S": "second"}}, got, "the one item under 1000 = 1E3")
    q = ctx.client.query(TableName=ctx.main, KeyConditionExpression="pk = :p",
                         ExpressionAttributeValues={":p": {"S": "same"}}, Select="COUNT")
    eq(1, q["Count"], "items in the partition")


@scenario
def binary_sort_keys_order_as_unsigned_bytes(ctx):
    keys = [b"\x80", b"\x00", b"\xff", b"\x7f", b"\xff\x00", b"\x01", b"\x80\x00", b"\xfe\xff", b"a"]
    put_all(ctx, ctx.bin, [{"pk": "bin", "sk": k} for k in keys])
    t = ctx.resource.Table(ctx.bin)
    got = [i["sk"].value for i in t.query(KeyConditionExpression=Key("pk").eq("bin"))["Items"]]
    eq(sorted(keys), got, "query order")
    pre = t.query(KeyConditionExpression=Key("pk").eq("bin") & Key("sk").begins_with(Binary(b"\xff")))["Items"]
    eq([b"\xff", b"\xff\x00"], [i["sk"].value for i in pre], "begins_with(sk, 0xff)")
    hi = t.query(KeyConditionExpression=Key("pk").eq("bin") & Key("sk").gt(Binary(b"\x7f")))["Items"]
    eq([b"\x80", b"\x80\x00", b"\xfe\xff", b"\xff", b"\xff\x00"], [i["sk"].value for i in hi], "sk > 0x7f")


@scenario
def string_sort_keys_order_by_utf8_bytes(ctx):
    # U+FF5E sorts before U+1D11E in UTF-8 bytes but after it in UTF-16 code units.
    words = ["\U0001D11E", "\uFF5E", "a", "A", "\u00BF", "Z", "ab", "\u20AC", "a\u0000"]
    put_all(ctx, ctx.str, [{"pk": "w", "sk": w} for w in words])
    got = [i["sk"] for i in ctx.resource.Table(ctx.str).query(KeyConditionExpression=Key("pk").eq("w"))["Items"]]
    eq(sorted(words, key=lambda w: w.encode()), got, "query order (UTF-8 bytes)")


# ---- conditions, queries, scans ---------------------------------------------------------------

@scenario
def boto3_conditions_build_working_filters_and_key_conditions(ctx):
    t = ctx.resource.Table(ctx.main)
    put_all(ctx, ctx.main, [
        {"pk": "cond", "sk": 1, "cat": "a", "price": 5, "tags": {"x", "y"}, "name": "apple"},
        {"pk": "cond", "sk": 2, "cat": "b", "price": 12, "tags": {"y"}, "name": "banana", "note": None},
        {"pk": "cond", "sk": 3, "cat": "a", "price": 30, "name": "avocado", "l": [1, 2, 3]},
        {"pk": "cond", "sk": 4, "name": "blueberry"},
    ])

    def sks(**kw):
        return [int(i["sk"]) for i in t.query(KeyConditionExpression=Key("pk").eq("cond") & Key("sk").between(1, 4),
                                              **kw)["Items"]]

    eq([1, 3], sks(FilterExpression=Attr("cat").eq("a")), "Attr.eq")
    eq([1, 2], sks(FilterExpression=Attr("tags").contains("y")), "Attr.contains on a set")
    eq([2, 4], sks(FilterExpression=Attr("name").begins_with("b")), "Attr.begins_with")
    eq([2, 3], sks(FilterExpression=Attr("price").gt(10) | Attr("note").exists()), "OR of gt and exists")
    eq([4], sks(FilterExpression=Attr("cat").not_exists()), "Attr.not_exists")
    eq([1, 2], sks(FilterExpression=Attr("cat").is_in(["a", "b"]) & ~Attr("price").gte(30)), "is_in AND NOT")
    eq([3], sks(FilterExpression=Attr("l").size().eq(3)), "size() of a list")
    eq([2], sks(FilterExpression=Attr("note").attribute_type("NULL")), "attribute_type NULL")
    eq([1, 3, 4], sks(FilterExpression=Attr("name").ne("banana")), "Attr.ne")
    r = t.query(KeyConditionExpression=Key("pk").eq("cond") & Key("sk").gte(2), FilterExpression=Attr("price").lt(20))
    eq((1, 3), (r["Count"], r["ScannedCount"]), "Count after the filter, ScannedCount before it")


@scenario
def query_limit_returns_last_evaluated_key_without_look_ahead(ctx):
    put_all(ctx, ctx.main, [{"pk": "lim", "sk": i} for i in range(1, 6)])
    q = dict(TableName=ctx.main, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "lim"}})
    r = ctx.client.query(Limit=2, **q)
    eq({"pk": {"S": "lim"}, "sk": {"N": "2"}}, r.get("LastEvaluatedKey"), "LastEvaluatedKey after 2 items")
    r = ctx.client.query(Limit=3, ExclusiveStartKey=r["LastEvaluatedKey"], **q)
    eq((["3", "4", "5"], {"pk": {"S": "lim"}, "sk": {"N": "5"}}),
       ([i["sk"]["N"] for i in r["Items"]], r.get("LastEvaluatedKey")),
       "the last page, a Limit equal to the remaining count still returns LastEvaluatedKey")
    r = ctx.client.query(ExclusiveStartKey=r["LastEvaluatedKey"], **q)
    eq((0, None), (r["Count"], r.get("LastEvaluatedKey")), "after the end: no items and no key")


@scenario
def gsi_query_pages_with_index_and_table_keys(ctx):
    put_all(ctx, ctx.main, [{"pk": f"g{i}", "sk": i, "cat": "gsi-cat", "price": p}
                            for i, p in enumerate([30, -1, 5, Decimal("2.5"), 100])])
    q = dict(TableName=ctx.main, IndexName="byCat", KeyConditionExpression="cat = :c",
             ExpressionAttributeValues={":c": {"S": "gsi-cat"}})
    r = ctx.client.query(Limit=2, **q)
    eq(["-1", "2.5"], [i["price"]["N"] for i in r["Items"]], "first page in price order")
    eq({"cat": {"S": "gsi-cat"}, "price": {"N": "2.5"}, "pk": {"S": "g3"}, "sk": {"N": "3"}},
       r.get("LastEvaluatedKey"), "LastEvaluatedKey holds the index and the table keys")
    r = ctx.client.query(ExclusiveStartKey=r["LastEvaluatedKey"], ScanIndexForward=False, **q)
    eq(["-1"], [i["price"]["N"] for i in r["Items"]], "backwards from the key")
    expect_error("ValidationException", "Consistent reads are not supported on global secondary indexes",
                 ctx.client.query, ConsistentRead=True, **q)
    expect_error("ValidationException", "The table does not have the specified index: nope",
                 ctx.client.query, **{**q, "IndexName": "nope"})


@scenario
def query_and_scan_paginators_see_every_item_once(ctx):
    put_all(ctx, ctx.main, [{"pk": "pag", "sk": i, "v": "x" * 50} for i in range(23)])
    pages = ctx.client.get_paginator("query").paginate(
        TableName=ctx.main, KeyConditionExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "pag"}},
        PaginationConfig={"PageSize": 5})
    got = [int(i["sk"]["N"]) for page in pages for i in page["Items"]]
    eq(list(range(23)), got, "query pages in order, each item once")
    scan = ctx.client.get_paginator("scan").paginate(
        TableName=ctx.main, FilterExpression="pk = :p", ExpressionAttributeValues={":p": {"S": "pag"}},
        PaginationConfig={"PageSize": 7})
    got = [int(i["sk"]["N"]) for page in scan for i in page["Items"]]
    eq(list(range(23)), sorted(got), "scan pages, each item once")
    eq(23, len(got), "no duplicates across scan pages")


@scenario
def parallel_scan_segments_cover_every_item_exactly_once(ctx):
    keys = [f"seg-{i:03d}" for i in range(64)]
    put_all(ctx, ctx.hash, [{"pk": k} for k in keys])
    total = 4

    def segment(s):
        out, start = [], None
        while True:
            kw = {"ExclusiveStartKey": start} if start else {}
            r = ctx.client.scan(TableName=ctx.hash, Segment=s, TotalSegments=total, Limit=10,
                                FilterExpression="begins_with(pk, :s)",
                                ExpressionAttributeValues={":s": {"S": "seg-"}}, **kw)
            out += [i["pk"]["S"] for i in r["Items"]]
            start = r.get("LastEvaluatedKey")
            if not start:
                return out

    with concurrent.futures.ThreadPoolExecutor(total) as pool:
        parts = list(pool.map(segment, range(total)))
    eq(keys, sorted(k for p in parts for k in p), "the union of the segments")
    eq(len(keys), sum(len(p) for p in parts), "no item in two segments")
    eq(True, sum(1 for p in parts if p) > 1, "the items are spread over more than one segment")
    expect_error("ValidationException",
                 "The TotalSegments parameter is required but was not present in the request when Segment parameter is present",
                 ctx.client.scan, TableName=ctx.hash, Segment=1)
    expect_error("ValidationException",
                 "The Segment parameter is zero-based and must be less than parameter TotalSegments: Segment: 5 is not less than TotalSegments: 5",
                 ctx.client.scan, TableName=ctx.hash, Segment=5, TotalSegments=5)


# ---- batches and transactions ------------------------------------------------------------------

@scenario
def batch_writer_stores_every_item(ctx):
    t = ctx.resource.Table(ctx.hash)
    with t.batch_writer(overwrite_by_pkeys=["pk"]) as w:
        for i in range(60):
            w.put_item(Item={"pk": f"bw-{i}", "n": i})
        w.put_item(Item={"pk": "bw-0", "n": 1000})  # deduplicated by the writer: the last one wins
        w.delete_item(Key={"pk": "bw-59"})
    r = ctx.client.batch_get_item(RequestItems={ctx.hash: {"Keys": [{"pk": {"S": f"bw-{i}"}} for i in (0, 1, 58, 59)],
                                                           "ConsistentRead": True}})
    eq({}, r["UnprocessedKeys"], "UnprocessedKeys")
    eq({"bw-0": "1000", "bw-1": "1", "bw-58": "58"},
       {i["pk"]["S"]: i["n"]["N"] for i in r["Responses"][ctx.hash]}, "items found (bw-59 deleted)")
    n = sum(1 for page in ctx.client.get_paginator("scan").paginate(
        TableName=ctx.hash, FilterExpression="begins_with(pk, :p)", ExpressionAttributeValues={":p": {"S": "bw-"}})
        for _ in page["Items"])
    eq(59, n, "items under bw-")


@scenario
def batch_calls_refuse_duplicate_keys_and_missing_tables(ctx):
    put = {"PutRequest": {"Item": {"pk": {"S": "dup"}}}}
    expect_error("ValidationException", "Provided list of item keys contains duplicates",
                 ctx.client.batch_write_item, RequestItems={ctx.hash: [put, {"DeleteRequest": {"Key": {"pk": {"S": "dup"}}}}]})
    expect_error("ValidationException", "Provided list of item keys contains duplicates",
                 ctx.client.batch_get_item, RequestItems={ctx.hash: {"Keys": [{"pk": {"S": "d"}}, {"pk": {"S": "d"}}]}})
    expect_error("ResourceNotFoundException", "Requested resource not found",
                 ctx.client.batch_write_item, RequestItems={ctx.missing: [put]})
    expect_error("ValidationException", "The provided key element does not match the schema",
                 ctx.client.batch_get_item, RequestItems={ctx.hash: {"Keys": [{"pk": {"N": "1"}}]}})
    r = ctx.client.batch_write_item(RequestItems={ctx.hash: [put]})
    eq({"UnprocessedItems": {}}, {k: v for k, v in r.items() if k != "ResponseMetadata"}, "the reply")


@scenario
def transact_write_items_is_all_or_nothing(ctx):
    c = ctx.client
    c.put_item(TableName=ctx.hash, Item={"pk": {"S": "tx-a"}, "n": {"N": "1"}})
    items = [
        {"Put": {"TableName": ctx.hash, "Item": {"pk": {"S": "tx-new"}}}},
        {"Update": {"TableName": ctx.hash, "Key": {"pk": {"S": "tx-a"}}, "UpdateExpression": "SET n = n + :one",
                    "ExpressionAttributeValues": {":one": {"N": "1"}}}},
        {"ConditionCheck": {"TableName": ctx.hash, "Key": {"pk": {"S": "tx-a"}}, "ConditionExpression": "n = :two",
                            "ExpressionAttributeValues": {":two": {"N": "2"}},
                            "ReturnValuesOnConditionCheckFailure": "ALL_OLD"}},
    ]
    expect_error("ValidationException", "Transaction request cannot include multiple operations on one item",
                 c.transact_write_items, TransactItems=items)
    items[1] = {"Delete": {"TableName": ctx.hash, "Key": {"pk": {"S": "tx-other"}},
                           "ConditionExpression": "attribute_exists(pk)"}}
    e = expect_error("TransactionCanceledException",
                     "Transaction cancelled, please refer cancellation reasons for specific reasons "
                     "[None, ConditionalCheckFailed, ConditionalCheckFailed]",
                     c.transact_write_items, TransactItems=items)
    eq([{"Code": "None"},
        {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed"},
        {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed",
         "Item": {"pk": {"S": "tx-a"}, "n": {"N": "1"}}}],
       e.response.get("CancellationReasons"), "CancellationReasons, one per action in order")
    eq(None, c.get_item(TableName=ctx.hash, Key={"pk": {"S": "tx-new"}}).get("Item"), "the cancelled put")
    items[2]["ConditionCheck"]["ExpressionAttributeValues"] = {":two": {"N": "1"}}
    items[1]["Delete"]["ConditionExpression"] = "attribute_not_exists(pk)"
    c.transact_write_items(TransactItems=items)
    eq({"pk": {"S": "tx-new"}}, c.get_item(TableName=ctx.hash, Key={"pk": {"S": "tx-new"}}).get("Item"),
       "the put of the committed transaction")
    expect_error("ResourceNotFoundException", "Requested resource not found", c.transact_write_items,
                 TransactItems=[{"Put": {"TableName": ctx.missing, "Item": {"pk": {"S": "x"}}}}])


@scenario
def transact_write_items_with_the_same_token_applies_once(ctx):
    c = ctx.client
    token = f"token-{os.getpid()}-{time.time()}"[:36]
    req = [{"Update": {"TableName": ctx.hash, "Key": {"pk": {"S": "tx-idem"}}, "UpdateExpression": "ADD n :one",
                       "ExpressionAttributeValues": {":one": {"N": "1"}}}}]
    c.transact_write_items(TransactItems=req, ClientRequestToken=token)
    c.transact_write_items(TransactItems=req, ClientRequestToken=token)
    eq({"pk": {"S": "tx-idem"}, "n": {"N": "1"}},
       c.get_item(TableName=ctx.hash, Key={"pk": {"S": "tx-idem"}}, ConsistentRead=True)["Item"],
       "the counter after the same request twice")
    other = [{"Update": {**req[0]["Update"], "ExpressionAttributeValues": {":one": {"N": "2"}}}}]
    try:
        c.transact_write_items(TransactItems=other, ClientRequestToken=token)
        raise AssertionError("a different request under the same token succeeded")
    except c.exceptions.IdempotentParameterMismatchException:
        pass


@scenario
def transact_get_items_answers_in_request_order(ctx):
    c = ctx.client
    c.put_item(TableName=ctx.hash, Item={"pk": {"S": "tg-1"}, "a": {"S": "one"}, "b": {"N": "1"}})
    c.put_item(TableName=ctx.main, Item={"pk": {"S": "tg"}, "sk": {"N": "2"}, "a": {"S": "two"}})
    r = c.transact_get_items(TransactItems=[
        {"Get": {"TableName": ctx.main, "Key": {"pk": {"S": "tg"}, "sk": {"N": "2"}}}},
        {"Get": {"TableName": ctx.hash, "Key": {"pk": {"S": "tg-missing"}}}},
        # Key attributes come back only when projected (Dynoxide adds them; dynalite has no
        # transactions at all).
        {"Get": {"TableName": ctx.hash, "Key": {"pk": {"S": "tg-1"}}, "ProjectionExpression": "#a",
                 "ExpressionAttributeNames": {"#a": "a"}}},
    ])
    eq([{"Item": {"pk": {"S": "tg"}, "sk": {"N": "2"}, "a": {"S": "two"}}}, {}, {"Item": {"a": {"S": "one"}}}],
       r["Responses"], "Responses")


# ---- writes: return values, conditions, updates, sizes ---------------------------------------------

@scenario
def update_item_return_values_variants(ctx):
    t = ctx.resource.Table(ctx.hash)
    t.put_item(Item={"pk": "rv", "a": {"b": "dog", "c": [1, 2, 3]}, "d": "cat"})

    def upd(rv, expr, values=None):
        kw = {"ExpressionAttributeValues": values} if values else {}
        return t.update_item(Key={"pk": "rv"}, UpdateExpression=expr, ReturnValues=rv, **kw).get("Attributes")

    eq({"pk": "rv", "a": {"b": "dog", "c": [1, 2, 3]}, "d": "cat"}, upd("ALL_OLD", "SET a.b = :v", {":v": "hi"}),
       "ALL_OLD")
    eq({"a": {"b": "hi"}}, upd("UPDATED_OLD", "SET a.b = :v", {":v": "yo"}), "UPDATED_OLD of a nested path")
    # Dynoxide returns whole top-level attributes for nested paths; these two follow AWS.
    eq({"a": {"c": [2]}}, upd("UPDATED_OLD", "SET a.c[1] = :v", {":v": 7}), "UPDATED_OLD of a list element")
    eq({"a": {"c": [4]}}, upd("UPDATED_NEW", "SET a.c[1] = :v", {":v": 4}), "UPDATED_NEW of a list element")
    eq({"pk": "rv", "a": {"b": "yo", "c": [1, 4, 3]}}, upd("ALL_NEW", "REMOVE d"), "ALL_NEW after REMOVE")
    # dynalite sends an empty Attributes map here.
    eq(None, upd("UPDATED_NEW", "REMOVE e"), "UPDATED_NEW of a REMOVE of a missing attribute")
    eq(None, upd("NONE", "SET d = :v", {":v": "x"}), "NONE")
    eq({"pk": "rv", "a": {"b": "yo", "c": [1, 4, 3]}, "d": "x"},
       t.delete_item(Key={"pk": "rv"}, ReturnValues="ALL_OLD").get("Attributes"), "DeleteItem ALL_OLD")
    expect_error("ValidationException", "ReturnValues can only be ALL_OLD or NONE",
                 ctx.client.put_item, TableName=ctx.hash, Item={"pk": {"S": "rv"}}, ReturnValues="ALL_NEW")


@scenario
def conditional_writes_raise_the_typed_exception(ctx):
    t = ctx.resource.Table(ctx.hash)
    t.put_item(Item={"pk": "cw", "v": 1}, ConditionExpression=Attr("pk").not_exists())
    try:
        t.put_item(Item={"pk": "cw", "v": 2}, ConditionExpression=Attr("pk").not_exists())
        raise AssertionError("a conditional put over an existing item succeeded")
    except ctx.client.exceptions.ConditionalCheckFailedException as e:
        eq("The conditional request failed", e.response["Error"]["Message"], "message")
    t.update_item(Key={"pk": "cw"}, UpdateExpression="SET v = :n", ConditionExpression=Attr("v").eq(1),
                  ExpressionAttributeValues={":n": 3})
    expect_error("ConditionalCheckFailedException", "The conditional request failed", t.delete_item,
                 Key={"pk": "cw"}, ConditionExpression=Attr("v").lt(3))
    eq({"pk": "cw", "v": 3}, t.get_item(Key={"pk": "cw"})["Item"], "the item after the failed delete")


@scenario
def sets_grow_and_shrink_by_value(ctx):
    c, key = ctx.client, {"pk": {"S": "sets"}}
    c.put_item(TableName=ctx.hash, Item={**key, "ns": {"NS": ["1"]}, "ss": {"SS": ["a", "b"]}})
    # Set members are equal by value: 1.0 joins {1} as a no-op (Dynoxide refuses the ADD with
    # "Input collection contains duplicates"; dynalite's ADD message lacks the typeSet suffix).
    r = c.update_item(TableName=ctx.hash, Key=key, UpdateExpression="ADD ns :n, bs :b DELETE ss :s",
                      ExpressionAttributeValues={":n": {"NS": ["1.0", "2"]}, ":b": {"BS": [b"\x80"]},
                                                 ":s": {"SS": ["a", "b", "zz"]}},
                      ReturnValues="ALL_NEW")
    eq({"pk": {"S": "sets"}, "ns": {"NS": ["1", "2"]}, "bs": {"BS": [b"\x80"]}}, sorted_sets(r["Attributes"]),
       "1.0 is already in {1}; an emptied set is removed")
    expect_error("ValidationException",
                 "One or more parameter values were invalid: Input collection [a, a] contains duplicates.",
                 c.put_item, TableName=ctx.hash, Item={**key, "ss": {"SS": ["a", "a"]}})
    expect_error("ValidationException", "One or more parameter values were invalid: An string set  may not be empty",
                 c.put_item, TableName=ctx.hash, Item={**key, "ss": {"SS": []}})
    expect_error("ValidationException",
                 "Invalid UpdateExpression: Incorrect operand type for operator or function; operator: ADD, "
                 "operand type: STRING, typeSet: ALLOWED_FOR_ADD_OPERAND",
                 c.update_item, TableName=ctx.hash, Key=key, UpdateExpression="ADD ns :s",
                 ExpressionAttributeValues={":s": {"S": "x"}})
    expect_error("ValidationException", "An operand in the update expression has an incorrect data type",
                 c.update_item, TableName=ctx.hash, Key=key, UpdateExpression="ADD ns :s",
                 ExpressionAttributeValues={":s": {"SS": ["x"]}})


@scenario
def nested_maps_and_lists_update_in_place(ctx):
    t = ctx.resource.Table(ctx.hash)
    t.put_item(Item={"pk": "nest", "m": {"a": {"b": 1}}, "l": ["x", "y", "z"]})
    # An index past the end appends (Dynoxide pads the list with NULLs up to the index).
    t.update_item(Key={"pk": "nest"},
                  UpdateExpression="SET m.a.c = :v, l[10] = :end, #new = list_append(:front, l) REMOVE l[0], m.a.b",
                  ExpressionAttributeNames={"#new": "copy"},
                  ExpressionAttributeValues={":v": {"deep": [True, None]}, ":end": "END", ":front": ["first"]})
    eq({"pk": "nest", "m": {"a": {"c": {"deep": [True, None]}}}, "l": ["y", "z", "END"],
        "copy": ["first", "x", "y", "z"]},
       t.get_item(Key={"pk": "nest"}, ConsistentRead=True)["Item"], "the item after the update")
    expect_error("ValidationException", "The document path provided in the update expression is invalid for update",
                 t.update_item, Key={"pk": "nest"}, UpdateExpression="SET nothere.x = :v",
                 ExpressionAttributeValues={":v": 1})
    expect_error("ValidationException", "The provided expression refers to an attribute that does not exist in the item",
                 t.update_item, Key={"pk": "nest"}, UpdateExpression="SET a = nothere")
    got = ctx.client.get_item(TableName=ctx.hash, Key={"pk": {"S": "nest"}}, ProjectionExpression="m.a.c.deep[1], l[2], l[0]")
    eq({"m": {"M": {"a": {"M": {"c": {"M": {"deep": {"L": [{"NULL": True}]}}}}}}}, "l": {"L": [{"S": "y"}, {"S": "END"}]}},
       got["Item"], "a projection of nested paths")


@scenario
def an_item_over_400_kb_is_refused(ctx):
    c = ctx.client
    # size = len("pk") + len("big") + len("data") + len(payload); dynalite lets 409601 bytes pass.
    fixed = len("pk") + len("big") + len("data")
    c.put_item(TableName=ctx.hash, Item={"pk": {"S": "big"}, "data": {"S": "x" * (MAX_ITEM_BYTES - fixed)}})
    expect_error("ValidationException", "Item size has exceeded the maximum allowed size", c.put_item,
                 TableName=ctx.hash, Item={"pk": {"S": "big"}, "data": {"S": "x" * (MAX_ITEM_BYTES - fixed + 1)}})
    expect_error("ValidationException", "Item size to update has exceeded the maximum allowed size", c.update_item,
                 TableName=ctx.hash, Key={"pk": {"S": "big"}}, UpdateExpression="SET e = :v",
                 ExpressionAttributeValues={":v": {"S": ""}})
    # Non-ASCII text counts in UTF-8 bytes: 2 bytes per "é".
    half = (MAX_ITEM_BYTES - fixed) // 2
    expect_error("ValidationException", "Item size has exceeded the maximum allowed size", c.put_item,
                 TableName=ctx.hash, Item={"pk": {"S": "big"}, "data": {"S": "é" * (half + 1)}})


# ---- streams -----------------------------------------------------------------------------------

@scenario
def streams_record_insert_modify_and_remove_with_images(ctx):
    # dynalite has no streams; Dynoxide's streams differ in many details (no KeySchema, short
    # ShardId and sequence numbers, other SizeBytes, a record for an unchanged put).
    c, s = ctx.client, ctx.streams
    desc = c.describe_table(TableName=ctx.stream)["Table"]
    eq({"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"}, desc.get("StreamSpecification"),
       "StreamSpecification")
    arn = desc["LatestStreamArn"]
    eq(f"{desc['TableArn']}/stream/{desc['LatestStreamLabel']}", arn, "LatestStreamArn")
    streams = s.list_streams(TableName=ctx.stream)["Streams"]
    eq([{"StreamArn": arn, "TableName": ctx.stream, "StreamLabel": desc["LatestStreamLabel"]}], streams, "ListStreams")
    key = {"pk": {"S": "s1"}}
    c.put_item(TableName=ctx.stream, Item={**key, "v": {"S": "a"}})
    c.put_item(TableName=ctx.stream, Item={**key, "v": {"S": "a"}})  # unchanged: no record
    c.update_item(TableName=ctx.stream, Key=key, UpdateExpression="SET v = :v",
                  ExpressionAttributeValues={":v": {"S": "bb"}})
    c.delete_item(TableName=ctx.stream, Key=key)
    c.delete_item(TableName=ctx.stream, Key=key)  # absent: no record
    sd = s.describe_stream(StreamArn=arn)["StreamDescription"]
    eq((arn, ctx.stream, "NEW_AND_OLD_IMAGES", "ENABLED", key_schema("pk")),
       tuple(sd.get(k) for k in ("StreamArn", "TableName", "StreamViewType", "StreamStatus", "KeySchema")),
       "DescribeStream")
    records = []
    for shard in sd["Shards"]:
        eq(True, 28 <= len(shard["ShardId"]) <= 65, f"ShardId length of {shard['ShardId']}")
        it = s.get_shard_iterator(StreamArn=arn, ShardId=shard["ShardId"],
                                  ShardIteratorType="TRIM_HORIZON")["ShardIterator"]
        for _ in range(10):
            r = s.get_records(ShardIterator=it)
            records += r["Records"]
            it = r.get("NextShardIterator")
            if not r["Records"] or not it:
                break
    got = [(r["eventName"], r["dynamodb"].get("Keys"), r["dynamodb"].get("OldImage"), r["dynamodb"].get("NewImage"),
            r["dynamodb"].get("SizeBytes"), r["dynamodb"].get("StreamViewType")) for r in records]
    a, bb = {**key, "v": {"S": "a"}}, {**key, "v": {"S": "bb"}}
    eq([("INSERT", key, None, a, 10, "NEW_AND_OLD_IMAGES"), ("MODIFY", key, a, bb, 17, "NEW_AND_OLD_IMAGES"),
        ("REMOVE", key, bb, None, 11, "NEW_AND_OLD_IMAGES")], got, "the records")
    eq([("aws:dynamodb", "1.1", "us-east-1")] * 3,
       [(r["eventSource"], r["eventVersion"], r["awsRegion"]) for r in records], "eventSource, eventVersion, awsRegion")
    seqs = [r["dynamodb"]["SequenceNumber"] for r in records]
    eq(True, all(21 <= len(q) <= 40 and q.isdigit() for q in seqs), f"sequence number format {seqs}")
    eq(True, [int(q) for q in seqs] == sorted(set(int(q) for q in seqs)), "sequence numbers strictly increase")
    eq(3, len({r["eventID"] for r in records}), "distinct eventIDs")
    after = s.get_shard_iterator(StreamArn=arn, ShardId=sd["Shards"][0]["ShardId"],
                                 ShardIteratorType="AFTER_SEQUENCE_NUMBER", SequenceNumber=seqs[0])["ShardIterator"]
    eq(["MODIFY", "REMOVE"], [r["eventName"] for r in s.get_records(ShardIterator=after)["Records"]],
       "records after the first sequence number")
    expect_error("ResourceNotFoundException", f"Requested resource not found: Stream: {arn}x not found",
                 s.describe_stream, StreamArn=arn + "x")


# ---- PartiQL -------------------------------------------------------------------------------------

@scenario
def partiql_statements_insert_select_update_and_delete(ctx):
    c = ctx.client
    t = ctx.hash
    eq([], c.execute_statement(
        Statement=f"INSERT INTO \"{t}\" VALUE {{'pk': 'pq-1', 'n': 1, 'l': [1, 'a'], 'm': {{'x': true}}, "
                  "'s': <<'b', 'a'>>, 'z': null}")["Items"], "INSERT answers an empty Items list")
    expect_error("DuplicateItemException", "Duplicate primary key exists in table", c.execute_statement,
                 Statement=f"INSERT INTO \"{t}\" VALUE {{'pk': 'pq-1'}}")
    eq([{"pk": {"S": "pq-1"}, "n": {"N": "1"}, "l": {"L": [{"N": "1"}, {"S": "a"}]},
         "m": {"M": {"x": {"BOOL": True}}}, "s": {"SS": ["a", "b"]}, "z": {"NULL": True}}],
       sorted_sets(c.execute_statement(Statement=f"SELECT * FROM \"{t}\" WHERE pk = ?",
                                       Parameters=[{"S": "pq-1"}])["Items"]), "SELECT * by key")
    eq([{"x": {"BOOL": True}, "l[1]": {"S": "a"}}],
       c.execute_statement(Statement=f"SELECT m.x, l[1] FROM \"{t}\" WHERE pk = 'pq-1'")["Items"],
       "a SELECT list names each result by its last path name")
    eq([{"n": {"N": "2"}, "m": {"M": {"y": {"S": "why"}}}}],
       c.execute_statement(Statement=f"UPDATE \"{t}\" SET n = n + 1 SET m.y = ? REMOVE z "
                                     "WHERE pk = 'pq-1' RETURNING MODIFIED NEW *",
                           Parameters=[{"S": "why"}])["Items"], "UPDATE ... RETURNING MODIFIED NEW *")
    expect_error("ConditionalCheckFailedException", "The conditional request failed", c.execute_statement,
                 Statement=f"UPDATE \"{t}\" SET n = 1 WHERE pk = 'pq-missing'")
    expect_error("ConditionalCheckFailedException", "The conditional request failed", c.execute_statement,
                 Statement=f"DELETE FROM \"{t}\" WHERE pk = 'pq-1' AND n = 7")
    eq([], c.execute_statement(Statement=f"DELETE FROM \"{t}\" WHERE pk = 'pq-1'")["Items"], "DELETE")
    eq(None, c.get_item(TableName=t, Key={"pk": {"S": "pq-1"}}).get("Item"), "the deleted item")
    expect_error("ValidationException",
                 "Where clause does not contain a mandatory equality on all key attributes",
                 c.execute_statement, Statement=f"DELETE FROM \"{t}\" WHERE n = 1")
    expect_error("ValidationException",
                 "Statement wasn't well formed, can't be processed: Expected data manipulation",
                 c.execute_statement, Statement=f"SLECT * FROM \"{t}\"")
    expect_error("ValidationException",
                 "Statement wasn't well formed, can't be processed: Unexpected token after expression",
                 c.execute_statement, Statement=f"SELECT * FROM \"{t}\" WHERE pk = 'a' foo")
    expect_error("ResourceNotFoundException", "Requested resource not found", c.execute_statement,
                 Statement=f"SELECT * FROM \"{ctx.missing}\" WHERE pk = 'a'")


@scenario
def partiql_select_pages_with_next_token_and_reads_indexes(ctx):
    c = ctx.client
    put_all(ctx, ctx.main, [{"pk": "pq-page", "sk": i, "cat": "pq-cat", "price": 10 - i} for i in range(1, 6)])
    stmt = f"SELECT sk FROM \"{ctx.main}\" WHERE pk = 'pq-page' AND sk >= 2"
    got, token, pages = [], None, 0
    while True:
        kw = {"NextToken": token} if token else {}
        r = c.execute_statement(Statement=stmt, Limit=2, **kw)
        got += [i["sk"]["N"] for i in r["Items"]]
        pages += 1
        token = r.get("NextToken")
        if not token:
            break
    eq((["2", "3", "4", "5"], 3), (got, pages), "pages of 2 rows read, in sort-key order")
    eq(["5", "4"], [i["sk"]["N"] for i in c.execute_statement(
        Statement=f"SELECT * FROM \"{ctx.main}\" WHERE pk = 'pq-page' AND sk > 3 ORDER BY sk DESC")["Items"]],
       "ORDER BY the sort key DESC")
    eq(["5", "6", "7", "8", "9"], [i["price"]["N"] for i in c.execute_statement(
        Statement=f"SELECT price FROM \"{ctx.main}\".\"byCat\" WHERE cat = 'pq-cat'")["Items"]],
       "a GSI read in index order")
    expect_error("ValidationException", "The table does not have the specified index", c.execute_statement,
                 Statement=f"SELECT * FROM \"{ctx.main}\".\"nope\"")
    expect_error("ValidationException", "NextToken does not match request", c.execute_statement,
                 Statement=f"SELECT * FROM \"{ctx.main}\"", NextToken=c.execute_statement(
                     Statement=stmt, Limit=1)["NextToken"])


@scenario
def partiql_batch_answers_each_statement_in_its_place(ctx):
    c = ctx.client
    t = ctx.hash
    c.put_item(TableName=t, Item={"pk": {"S": "pqb-1"}, "n": {"N": "1"}})
    r = c.batch_execute_statement(Statements=[
        {"Statement": f"SELECT n FROM \"{t}\" WHERE pk = ?", "Parameters": [{"S": "pqb-1"}]},
        {"Statement": f"SELECT * FROM \"{t}\" WHERE pk = 'pqb-none'"},
        {"Statement": f"SELECT * FROM \"{t}\" WHERE n = 1"},
        {"Statement": f"SELECT * FROM \"{ctx.missing}\" WHERE pk = 'a'"},
    ], ReturnConsumedCapacity="TOTAL")
    select_key = "Select statements within BatchExecuteStatement must specify the primary key in the where clause."
    eq([{"TableName": t, "Item": {"n": {"N": "1"}}}, {"TableName": t},
        {"Error": {"Code": "ValidationError", "Message": select_key}},
        {"Error": {"Code": "ResourceNotFound", "Message": "Requested resource not found"}}],
       r["Responses"], "read Responses")
    eq([{"TableName": t, "CapacityUnits": 1.0}], r.get("ConsumedCapacity"), "ConsumedCapacity")
    r = c.batch_execute_statement(Statements=[
        {"Statement": f"INSERT INTO \"{t}\" VALUE {{'pk': 'pqb-2'}}"},
        {"Statement": f"INSERT INTO \"{t}\" VALUE {{'pk': 'pqb-1'}}"},
        {"Statement": f"UPDATE \"{t}\" SET n = 5 WHERE pk = 'pqb-none'"},
    ])
    eq([{"TableName": t},
        {"Error": {"Code": "DuplicateItem", "Message": "Duplicate primary key exists in table"}, "TableName": t},
        {"Error": {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed"},
         "TableName": t}], r["Responses"], "write Responses")
    expect_error("ValidationException", "Read and write requests together in the same batch is not supported.",
                 c.batch_execute_statement, Statements=[
                     {"Statement": f"SELECT * FROM \"{t}\" WHERE pk = 'pqb-1'"},
                     {"Statement": f"DELETE FROM \"{t}\" WHERE pk = 'pqb-2'"}])


@scenario
def partiql_transactions_are_all_or_nothing(ctx):
    c = ctx.client
    t = ctx.hash
    c.put_item(TableName=t, Item={"pk": {"S": "pqt-1"}, "n": {"N": "1"}})
    r = c.execute_transaction(TransactStatements=[
        {"Statement": f"INSERT INTO \"{t}\" VALUE {{'pk': 'pqt-2'}}"},
        {"Statement": f"UPDATE \"{t}\" SET n = n + 1 WHERE pk = ?", "Parameters": [{"S": "pqt-1"}]},
    ], ClientRequestToken=f"pqt-{os.getpid()}-{time.time()}"[:36])
    eq([], r["Responses"], "a transaction of writes answers an empty Responses list")
    e = expect_error("TransactionCanceledException",
                     "Transaction cancelled, please refer cancellation reasons for specific reasons "
                     "[None, DuplicateItem, ConditionalCheckFailed]",
                     c.execute_transaction, TransactStatements=[
                         {"Statement": f"INSERT INTO \"{t}\" VALUE {{'pk': 'pqt-3'}}"},
                         {"Statement": f"INSERT INTO \"{t}\" VALUE {{'pk': 'pqt-2'}}"},
                         {"Statement": f"UPDATE \"{t}\" SET n = 0 WHERE pk = 'pqt-1' AND n = 7"}])
    eq([{"Code": "None"},
        {"Code": "DuplicateItem", "Message": "Duplicate primary key exists in table"},
        {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed"}],
       e.response.get("CancellationReasons"), "CancellationReasons")
    eq(None, c.get_item(TableName=t, Key={"pk": {"S": "pqt-3"}}).get("Item"), "the cancelled INSERT")
    r = c.execute_transaction(TransactStatements=[
        {"Statement": f"SELECT n FROM \"{t}\" WHERE pk = 'pqt-1'"},
        {"Statement": f"SELECT * FROM \"{t}\" WHERE pk = 'pqt-none'"}])
    eq([{"Item": {"n": {"N": "2"}}}, {}], r["Responses"], "a transaction of reads")
    expect_error("ValidationException",
                 "Validation failed in TransactStatements[0]: Select statements within ExecuteTransaction "
                 "must specify the primary key in the where clause.",
                 c.execute_transaction, TransactStatements=[{"Statement": f"SELECT * FROM \"{t}\""}])


# ---- errors ------------------------------------------------------------------------------------

@scenario
def errors_carry_dynamodbs_codes_and_messages(ctx):
    # Classic us-east-1 wording. Dynoxide prefixes non-constraint messages with "1 validation
    # error detected: ", words syntax errors its own way and does not check the key type of a
    # key condition; dynalite words syntax errors its own way and sends ResourceInUse without
    # a message.
    c = ctx.client
    expect_error("ResourceNotFoundException", f"Requested resource not found: Table: {ctx.missing} not found",
                 c.describe_table, TableName=ctx.missing)
    expect_error("ResourceNotFoundException", "Requested resource not found", c.get_item, TableName=ctx.missing,
                 Key={"pk": {"S": "x"}})
    expect_error("ResourceInUseException", f"Table already exists: {ctx.hash}", c.create_table, TableName=ctx.hash,
                 AttributeDefinitions=[attr_def("pk", "S")], KeySchema=key_schema("pk"), BillingMode="PAY_PER_REQUEST")
    expect_error("ValidationException", "The provided key element does not match the schema", c.get_item,
                 TableName=ctx.main, Key={"pk": {"S": "x"}})
    expect_error("ValidationException", "One or more parameter values were invalid: Missing the key pk in the item",
                 c.put_item, TableName=ctx.hash, Item={"v": {"S": "x"}})
    expect_error("ValidationException",
                 "One or more parameter values were invalid: Type mismatch for key pk expected: S actual: N",
                 c.put_item, TableName=ctx.hash, Item={"pk": {"N": "1"}})
    expect_error("ValidationException",
                 "Invalid UpdateExpression: Attribute name is a reserved keyword; reserved keyword: name",
                 c.update_item, TableName=ctx.hash, Key={"pk": {"S": "x"}}, UpdateExpression="SET name = :v",
                 ExpressionAttributeValues={":v": {"S": "x"}})
    expect_error("ValidationException", "Value provided in ExpressionAttributeValues unused in expressions: keys: {:c}",
                 c.update_item, TableName=ctx.hash, Key={"pk": {"S": "x"}}, UpdateExpression="SET a = :v",
                 ExpressionAttributeValues={":v": {"S": "x"}, ":c": {"S": "y"}})
    expect_error("ValidationException", 'Invalid ConditionExpression: Syntax error; token: "<EOF>", near: "="',
                 c.put_item, TableName=ctx.hash, Item={"pk": {"S": "x"}}, ConditionExpression="a =")
    expect_error("ValidationException",
                 "One or more parameter values were invalid: Cannot update attribute pk. This attribute is part of the key",
                 c.update_item, TableName=ctx.hash, Key={"pk": {"S": "x"}}, UpdateExpression="SET pk = :v",
                 ExpressionAttributeValues={":v": {"S": "y"}})
    expect_error("ValidationException", "Query condition missed key schema element: pk", c.query, TableName=ctx.main,
                 KeyConditionExpression="sk = :v", ExpressionAttributeValues={":v": {"N": "1"}})
    expect_error("ValidationException",
                 "One or more parameter values were invalid: Condition parameter type does not match schema type",
                 c.query, TableName=ctx.main, KeyConditionExpression="pk = :v",
                 ExpressionAttributeValues={":v": {"N": "1"}})
    expect_error("ValidationException",
                 "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the supported datatypes",
                 c.put_item, TableName=ctx.hash, Item={"pk": {"S": "x"}, "v": {"S": "a", "N": "1"}})
    expect_error("ValidationException",
                 "1 validation error detected: Value 'bad table!' at 'tableName' failed to satisfy constraint: "
                 "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+",
                 c.describe_table, TableName="bad table!")


def main(argv):
    if len(argv) < 2:
        sys.exit(__doc__)
    ctx = Ctx(argv[1])
    wanted = set(argv[2:])
    try:
        ctx.create_tables()
    except Exception as e:  # noqa: BLE001 - setup failure is reported as one failed line
        print(f"FAIL creating the test tables: {e}")
        ctx.delete_tables()
        return 1
    failed = 0
    for fn in SCENARIOS:
        if wanted and fn.__name__ not in wanted:
            continue
        MISMATCHES.clear()
        try:
            fn(ctx)
        except AssertionError as e:
            MISMATCHES.append(str(e))
        except Exception as e:  # noqa: BLE001 - an unexpected error fails only its scenario
            where = traceback.extract_tb(e.__traceback__)[-1]
            MISMATCHES.append(f"{type(e).__name__}: {e} (line {where.lineno})")
        if MISMATCHES:
            failed += 1
            print(f"FAIL {fn.__name__}: " + "\n    ".join(MISMATCHES), flush=True)
        else:
            print(f"PASS {fn.__name__}", flush=True)
    ctx.delete_tables()
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
