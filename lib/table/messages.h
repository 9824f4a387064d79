// Every message text the table room sends to a DynamoDB client, in one table, so that a wording
// drift at AWS is a one-line change (spec/dynamodb-api.md, "Wording drift"). Texts are the classic
// us-east-1 wording; `{}` marks an argument filled in with fmt::format at the throw site.
// Confidence marks (✔ ◐ ?) are the spec's; "?" texts are our choice where AWS's is unknown.
// Thread safety: constants only.
#pragma once

#include <string_view>

namespace sls::table::msg {

// --- Protocol (spec 1.1, 1.2, 1.4): the wire's answers before a request reaches the engine ---
inline constexpr std::string_view kHealthLine = "healthy: dynamodb.{}.amazonaws.com ";  // ◐ (sic)
// A body with a content type other than JSON 1.0 / JSON, or a method other than POST (HTTP 404).
inline constexpr std::string_view kNotJsonBody = "<UnknownOperationException/>\n";  // ◐
inline constexpr std::string_view kUnknownOperationType =
    "com.amazon.coral.service#UnknownOperationException";  // ✔ status, ◐ body
inline constexpr std::string_view kSerializationType =
    "com.amazon.coral.service#SerializationException";  // ✔
inline constexpr std::string_view kMissingTokenType =
    "com.amazon.coral.service#MissingAuthenticationTokenException";                           // ◐
inline constexpr std::string_view kMissingToken = "Request is missing Authentication Token";  // ◐
inline constexpr std::string_view kInvalidSignatureType =
    "com.amazon.coral.service#InvalidSignatureException";  // ◐
inline constexpr std::string_view kAuthBothWays =
    "Found both 'X-Amz-Algorithm' as a query-string param and 'Authorization' as HTTP "
    "header.";  // ◐
inline constexpr std::string_view kIncompleteSignatureType =
    "com.amazon.coral.service#IncompleteSignatureException";  // ◐
// Concatenated, each with its trailing space, then kAuthHeaderEcho.
inline constexpr std::string_view kAuthHeaderRequires =
    "Authorization header requires '{}' parameter. ";  // ◐
inline constexpr std::string_view kAuthHeaderRequiresDate =
    "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ";  // ◐
inline constexpr std::string_view kAuthHeaderEcho = "Authorization={}";                       // ◐
// Concatenated, then kAuthQueryEnd.
inline constexpr std::string_view kAuthQueryRequires =
    "AWS query-string parameters must include '{}'. ";                                        // ◐
inline constexpr std::string_view kAuthQueryEnd = "Re-examine the query-string parameters.";  // ◐
inline constexpr std::string_view kInternalErrorType =
    "com.amazonaws.dynamodb.v20120810#InternalServerError";  // ?
inline constexpr std::string_view kValidationType =
    "com.amazon.coral.validate#ValidationException";  // ✔
// A TransactWriteItems body over 4 MiB (spec 3.15: only "size cannot exceed" is known).
inline constexpr std::string_view kTransactRequestTooLarge =
    "Transaction request size cannot exceed 4 MB";  // ?

// --- Numbers (spec 2.2, 2.3) ----------------------------------------------------------------
inline constexpr std::string_view kNumberEmpty =
    "The parameter cannot be converted to a numeric value";  // ◐
inline constexpr std::string_view kNumberInvalid =
    "The parameter cannot be converted to a numeric value: {}";  // ◐
inline constexpr std::string_view kNumberTooPrecise =
    "Attempting to store more than 38 significant digits in a Number";  // ◐
inline constexpr std::string_view kNumberOverflow =
    "Number overflow. Attempting to store a number with magnitude larger than supported "
    "range";  // ◐
inline constexpr std::string_view kNumberUnderflow =
    "Number underflow. Attempting to store a number with magnitude smaller than supported "
    "range";  // ◐

// --- Attribute values (spec 2.2) ------------------------------------------------------------
inline constexpr std::string_view kValueEmpty =
    "Supplied AttributeValue is empty, must contain exactly one of the supported "
    "datatypes";  // ◐
inline constexpr std::string_view kValueManyTypes =
    "Supplied AttributeValue has more than one datatypes set, must contain exactly one of the "
    "supported datatypes";  // ◐
inline constexpr std::string_view kNullNotTrue =
    "One or more parameter values were invalid: Null attribute value types must have the value "
    "of true";  // ✔
inline constexpr std::string_view kStringSetEmpty =
    "One or more parameter values were invalid: An string set  may not be empty";  // ✔ (sic)
inline constexpr std::string_view kNumberSetEmpty =
    "One or more parameter values were invalid: An number set  may not be empty";  // ✔ (sic)
inline constexpr std::string_view kBinarySetEmpty =
    "One or more parameter values were invalid: Binary sets should not be empty";  // ◐
inline constexpr std::string_view kStringSetDuplicates =
    "One or more parameter values were invalid: Input collection {} contains duplicates.";  // ✔
inline constexpr std::string_view kNumberSetDuplicates =
    "Input collection contains duplicates";  // ◐ (no prefix)
inline constexpr std::string_view kBinarySetDuplicates =
    "One or more parameter values were invalid: Input collection {}of type BS contains "
    "duplicates.";  // ◐ (sic: no space before "of")
inline constexpr std::string_view kNestingTooDeep =
    "Nesting Levels have exceeded supported limits: Attributes in the item have nested levels "
    "beyond supported limit";  // ✔ (AWS capture, dynoxide #110)
inline constexpr std::string_view kItemTooLarge =
    "Item size has exceeded the maximum allowed size";  // ✔
inline constexpr std::string_view kUpdatedItemTooLarge =
    "Item size to update has exceeded the maximum allowed size";  // ✔

// SerializationException texts for a member of the wrong JSON type (◐, dynalite's captures).
inline constexpr std::string_view kSerialStartOfMap =
    "Start of structure or map found where not expected.";
inline constexpr std::string_view kSerialStartOfList = "Start of list found where not expected";
inline constexpr std::string_view kSerialExpectedList = "Expected list or null";
inline constexpr std::string_view kSerialExpectedMap = "Expected map or null";
inline constexpr std::string_view kSerialExpectedStructure = "Expected null";
inline constexpr std::string_view kSerialNotString = "class {} can not be converted to an String";
inline constexpr std::string_view kSerialNotBoolean = "class {} can not be converted to an Boolean";
inline constexpr std::string_view kSerialStringNotBoolean =
    "'{}' can not be converted to an Boolean";
inline constexpr std::string_view kSerialNotInteger =
    "class {} can not be converted to an {}";  // ? (dynalite's form for Integer and Long)
inline constexpr std::string_view kSerialNotBlob = "class {} can not be converted to a Blob";
inline constexpr std::string_view kSerialBase64Length =
    "'{}' can not be converted to a Blob: Base64 encoded length is expected a multiple of 4 "
    "bytes but found: {}";
inline constexpr std::string_view kSerialBase64Char =
    "'{}' can not be converted to a Blob: Invalid Base64 character: '{}'";
inline constexpr std::string_view kSerialBase64LastChar =
    "'{}' can not be converted to a Blob: Invalid last non-pad Base64 character "
    "dectected";  // sic

// --- ExpressionAttributeNames / ExpressionAttributeValues (spec 4.5) --------------------------
inline constexpr std::string_view kNamesEmpty = "ExpressionAttributeNames must not be empty";
inline constexpr std::string_view kValuesEmpty = "ExpressionAttributeValues must not be empty";
inline constexpr std::string_view kNamesBadKey =
    "ExpressionAttributeNames contains invalid key: Syntax error; key: \"{}\"";
inline constexpr std::string_view kValuesBadKey =
    "ExpressionAttributeValues contains invalid key: Syntax error; key: \"{}\"";
inline constexpr std::string_view kValuesBadValue =
    "ExpressionAttributeValues contains invalid value: {} for key {}";
inline constexpr std::string_view kNamesUnused =
    "Value provided in ExpressionAttributeNames unused in expressions: keys: {{{}}}";  // ✔
inline constexpr std::string_view kValuesUnused =
    "Value provided in ExpressionAttributeValues unused in expressions: keys: {{{}}}";  // ✔

// --- Expressions: static checks (spec 4.1-4.4, 4.8); each follows "Invalid <Parameter>: " ---
inline constexpr std::string_view kExprInvalid = "Invalid {}: {}";
// An expression over 4,096 bytes, as sent (placeholders not substituted). AWS's captures show
// the size echoed for FilterExpression and not for UpdateExpression (◐).
inline constexpr std::string_view kExprTooLarge =
    "Expression size has exceeded the maximum allowed size; expression size: {}";
inline constexpr std::string_view kExprTooLargeUpdate =
    "Expression size has exceeded the maximum allowed size;";
inline constexpr std::string_view kExprTooManyOperators =
    "The expression contains too many operators; operator count: {}";  // ✔ (aws-sdk-js #3721)
inline constexpr std::string_view kExprEmpty = "The expression can not be empty;";            // ✔
inline constexpr std::string_view kExprSyntax = "Syntax error; token: \"{}\", near: \"{}\"";  // ✔
inline constexpr std::string_view kExprRedundantParens =
    "The expression has redundant parentheses;";  // ✔
inline constexpr std::string_view kExprReserved =
    "Attribute name is a reserved keyword; reserved keyword: {}";  // ◐
inline constexpr std::string_view kExprUndefinedName =
    "An expression attribute name used in the document path is not defined; attribute name: "
    "{}";  // ✔
inline constexpr std::string_view kExprUndefinedValue =
    "An expression attribute value used in expression is not defined; attribute value: {}";  // ✔
inline constexpr std::string_view kExprUnknownFunction =
    "Invalid function name; function: {}";  // ◐
inline constexpr std::string_view kExprOperandCount =
    "Incorrect number of operands for operator or function; operator or function: {}, number "
    "of operands: {}";  // ◐
inline constexpr std::string_view kExprNeedsPath =
    "Operator or function requires a document path; operator or function: {}";  // ◐
inline constexpr std::string_view kExprMisusedFunction =
    "The function is not allowed to be used this way in an expression; function: {}";  // ◐
inline constexpr std::string_view kExprNotDistinct =
    "The first operand must be distinct from the remaining operands for this operator or "
    "function; operator: {}, first operand: {}";  // ✔
inline constexpr std::string_view kExprOperandType =
    "Incorrect operand type for operator or function; operator or function: {}, operand type: "
    "{}";  // ◐
inline constexpr std::string_view kExprBadTypeName =
    "Invalid attribute type name found; type: {}, valid types: "
    "{{B,NULL,SS,BOOL,L,BS,N,NS,S,M}}";  // ◐
inline constexpr std::string_view kExprBetweenTypes =
    "The BETWEEN operator requires same data type for lower and upper bounds; lower bound "
    "operand: AttributeValue: {{{}:{}}}, upper bound operand: AttributeValue: {{{}:{}}}";  // ◐
inline constexpr std::string_view kExprBetweenOrder =
    "The BETWEEN operator requires upper bound to be greater than or equal to lower bound; "
    "lower bound operand: AttributeValue: {{{}:{}}}, upper bound operand: AttributeValue: "
    "{{{}:{}}}";  // ◐
inline constexpr std::string_view kExprInTooMany =
    "The IN operator is provided with too many operands; number of operands: {}";  // ?
inline constexpr std::string_view kExprSectionTwice =
    "The \"{}\" section can only be used once in an update expression;";  // ◐
inline constexpr std::string_view kExprPathsOverlap =
    "Two document paths overlap with each other; must remove or rewrite one of these paths; "
    "path one: {}, path two: {}";  // ◐
inline constexpr std::string_view kExprPathsConflict =
    "Two document paths conflict with each other; must remove or rewrite one of these paths; "
    "path one: {}, path two: {}";  // ◐
inline constexpr std::string_view kExprUpdateOperandType =
    "Incorrect operand type for operator or function; operator: {}, operand type: {}, typeSet: "
    "{}";  // ✔

// --- Key conditions (spec 4.2, "Key conditions additionally"; full messages, no prefix) ------
inline constexpr std::string_view kKeyInvalidOperator =
    "Invalid operator used in KeyConditionExpression: {}";  // ◐
inline constexpr std::string_view kKeyNestedOperation =
    "KeyConditionExpressions cannot contain nested operations";  // ◐
inline constexpr std::string_view kKeyMultipleNames =
    "Invalid condition in KeyConditionExpression: Multiple attribute names used in one "
    "condition";  // ◐
inline constexpr std::string_view kKeyNoAttribute =
    "Invalid condition in KeyConditionExpression: No key attribute specified";  // ◐
inline constexpr std::string_view kKeyValueFirst =
    "Invalid condition in KeyConditionExpression: {} operator must have the key attribute as "
    "its first operand";  // ◐
inline constexpr std::string_view kKeyNestedAttribute =
    "KeyConditionExpressions cannot have conditions on nested attributes";  // ◐
inline constexpr std::string_view kKeyOneConditionPerKey =
    "KeyConditionExpressions must only contain one condition per key";  // ◐
inline constexpr std::string_view kKeyMissedElement =
    "Query condition missed key schema element: {}";                                       // ✔
inline constexpr std::string_view kKeyNotSupported = "Query key condition not supported";  // ◐
inline constexpr std::string_view kKeyTypeMismatch =
    "One or more parameter values were invalid: Condition parameter type does not match schema "
    "type";  // ◐

// --- Update evaluation (spec 4.4, 3.8; run time, no prefix) ---------------------------------
inline constexpr std::string_view kUpdateBadPath =
    "The document path provided in the update expression is invalid for update";  // ✔
inline constexpr std::string_view kUpdateMissingOperand =
    "The provided expression refers to an attribute that does not exist in the item";  // ✔
inline constexpr std::string_view kUpdateOperandType =
    "An operand in the update expression has an incorrect data type";  // ✔
inline constexpr std::string_view kUpdateKeyAttribute =
    "One or more parameter values were invalid: Cannot update attribute {}. This attribute is "
    "part of the key";  // ✔

// --- Request shape (spec 1.5) -----------------------------------------------------------------
inline constexpr std::string_view kShapeOne = "1 validation error detected: {}";     // ✔
inline constexpr std::string_view kShapeMany = "{} validation errors detected: {}";  // ✔
inline constexpr std::string_view kShapeItem =
    "Value {} at '{}' failed to satisfy constraint: {}";                     // ✔
inline constexpr std::string_view kRuleNotNull = "Member must not be null";  // ✔
inline constexpr std::string_view kRuleMinLength =
    "Member must have length greater than or equal to {}";  // ✔
inline constexpr std::string_view kRuleMaxLength =
    "Member must have length less than or equal to {}";  // ✔
inline constexpr std::string_view kRuleMinValue =
    "Member must have value greater than or equal to {}";  // ✔
inline constexpr std::string_view kRuleMaxValue =
    "Member must have value less than or equal to {}";  // ✔
inline constexpr std::string_view kRuleNamePattern =
    "Member must satisfy regular expression pattern: [a-zA-Z0-9_.-]+";                     // ✔
inline constexpr std::string_view kRuleEnum = "Member must satisfy enum value set: [{}]";  // ✔
inline constexpr std::string_view kParameterRequired =
    "The parameter '{}' is required but was not present in the request";  // ✔

// --- Tables and keys (spec 3.0, 2.4) ---------------------------------------------------------
inline constexpr std::string_view kTableNotFound =
    "Requested resource not found: Table: {} not found";                               // ✔
inline constexpr std::string_view kResourceNotFound = "Requested resource not found";  // ✔
inline constexpr std::string_view kKeySchemaMismatch =
    "The provided key element does not match the schema";  // ✔
inline constexpr std::string_view kMissingKey =
    "One or more parameter values were invalid: Missing the key {} in the item";  // ◐
inline constexpr std::string_view kItemKeyTypeMismatch =
    "One or more parameter values were invalid: Type mismatch for key {} expected: {} actual: "
    "{}";  // ◐
inline constexpr std::string_view kIndexKeyTypeMismatch =
    "One or more parameter values were invalid: Type mismatch for Index Key {} Expected: {} "
    "Actual: {} IndexName: {}";  // ◐
inline constexpr std::string_view kEmptyKeyInItem =
    "One or more parameter values are not valid. The AttributeValue for a key attribute cannot "
    "contain an empty {} value. Key: {}";  // ◐ ("string" / "binary")
inline constexpr std::string_view kEmptyKeyInKey =
    "One or more parameter values were invalid: The AttributeValue for a key attribute cannot "
    "contain an empty {} value. Key: {}";  // ◐ for string, ? for binary
inline constexpr std::string_view kHashKeyTooLarge =
    "One or more parameter values were invalid: Size of hashkey has exceeded the maximum size "
    "limit of2048 bytes";  // ◐ (sic)
inline constexpr std::string_view kRangeKeyTooLarge =
    "One or more parameter values were invalid: Aggregated size of all range keys has exceeded "
    "the size limit of 1024 bytes";  // ◐
inline constexpr std::string_view kIndexKeyBadUpdate =
    "The update expression attempted to update the secondary index key to unsupported "
    "type";  // ✔

// --- Streams (spec 3.19) -------------------------------------------------------------------------
inline constexpr std::string_view kStreamNotFound =
    "Requested resource not found: Stream: {} not found";  // ✔
inline constexpr std::string_view kShardNotFound =
    "Requested resource not found: Shard: {} in Stream: {} not found";          // ?
inline constexpr std::string_view kInvalidStreamArn = "Invalid StreamArn: {}";  // ?
inline constexpr std::string_view kSequenceNumberNotAllowed =
    "Invalid request: SequenceNumber cannot be specified with ShardIteratorType {}";  // ?
inline constexpr std::string_view kSequenceNumberRequired =
    "Invalid request: SequenceNumber is required with ShardIteratorType {}";  // ?
inline constexpr std::string_view kSequenceNumberInvalid =
    "Invalid SequenceNumber {} for shard {}";                                       // ?
inline constexpr std::string_view kInvalidShardIterator = "Invalid ShardIterator";  // ?
inline constexpr std::string_view kIteratorExpired =
    "Iterator expired. The iterator was created at time {} while right now it is {} which is "
    "further in the future than the tolerated delay of 900000 milliseconds.";  // ? (Kinesis's ✔)
inline constexpr std::string_view kTrimmedData =
    "The operation attempted to read past the oldest stream record in a shard.";  // ?

// --- Time to live (spec 3.17) ----------------------------------------------------------------
inline constexpr std::string_view kTtlAlreadyEnabled = "TimeToLive is already enabled";    // ✔
inline constexpr std::string_view kTtlAlreadyDisabled = "TimeToLive is already disabled";  // ✔
inline constexpr std::string_view kTtlOtherAttribute =
    "TimeToLive is active on a different AttributeName: current AttributeName is {}";  // ◐
inline constexpr std::string_view kTtlAttributeEmpty =
    "TimeToLiveSpecification.AttributeName must be non empty";  // ◐

// --- Tags (spec 3.18) --------------------------------------------------------------------------
inline constexpr std::string_view kArnMissing = "Invalid TableArn";  // ◐
inline constexpr std::string_view kArnNotArn =
    "One or more parameter values were invalid: ARNs must start with 'arn:': {}";  // ◐
inline constexpr std::string_view kArnNotDynamoDb =
    "One or more parameter values were invalid: Provided Arn is not a DynamoDB resource arn: "
    "{}";  // ◐
inline constexpr std::string_view kArnNotTable =
    "One or more parameter values were invalid: Invalid resource arn provided, only table or "
    "stream is accepted. Provided resource arn: {}";  // ◐
inline constexpr std::string_view kArnInvalid =
    "Invalid TableArn: Invalid ResourceArn provided as input {}";  // ◐
inline constexpr std::string_view kResourceArnNotFound =
    "Requested resource not found: ResourcArn: {} not found";  // ◐ (sic)
inline constexpr std::string_view kAccessDenied =
    "User: arn:aws:iam::{}:root is not authorized to perform: dynamodb:{} on resource: "
    "{}";  // ◐
inline constexpr std::string_view kTagKeyInvalid = "The Tag Key provided is invalid, Key: {}";  // ◐
inline constexpr std::string_view kTagValueInvalid =
    "The Tag Value provided is invalid, Value: {}";  // ◐
inline constexpr std::string_view kTagKeyAwsPrefix =
    "Tag Key cannot be prefixed with aws:, Key: {}";  // ◐
inline constexpr std::string_view kTagKeyDuplicate =
    "Duplicate Tag Keys provided as input: Duplicate Tag Key found {}";  // ◐
inline constexpr std::string_view kTooManyTags =
    "Number of Tags exceed the current limit for the provided ResourceArn";  // ◐
inline constexpr std::string_view kNoTags = "Atleast one Tag needs to be provided as Input.";  // ◐
inline constexpr std::string_view kNoTagKeys =
    "Atleast one Tag Key needs to be provided as Input.";  // ◐ (sic)

// --- PartiQL (spec 3.20) ------------------------------------------------------------------
// ✔ here: captured against the live service (paritysuite/dynamodb-conformance, October 2026);
// ◐: dynoxide's captures; ?: our choice.
inline constexpr std::string_view kDuplicateItem = "Duplicate primary key exists in table";  // ✔
// The syntax envelope; some details are empty (an unreadable character or literal).
inline constexpr std::string_view kPartiqlNotWellFormed =
    "Statement wasn't well formed, can't be processed: {}";                                // ✔
inline constexpr std::string_view kPartiqlNotDml = "Expected data manipulation";           // ✔
inline constexpr std::string_view kPartiqlLeftover = "Unexpected token after expression";  // ✔
inline constexpr std::string_view kPartiqlUnexpectedTerm = "Unexpected term";              // ✔
inline constexpr std::string_view kPartiqlUnexpectedKeyword = "Unexpected keyword";        // ✔
inline constexpr std::string_view kPartiqlUnexpectedOperator = "Unexpected operator";      // ✔
inline constexpr std::string_view kPartiqlMissingOperand =
    "Missing right-hand side expression of infix operator";  // ✔
inline constexpr std::string_view kPartiqlExpectedSimplePath =
    "Expected identifier for simple path";                                                // ✔
inline constexpr std::string_view kPartiqlExpectedTypeName = "Expected type name";        // ✔
inline constexpr std::string_view kPartiqlInvalidPathDot = "Invalid path dot component";  // ✔
inline constexpr std::string_view kPartiqlExpectedKeyword = "Expected keyword {}";        // ?
inline constexpr std::string_view kPartiqlExpected = "Expected {}";                       // ?
inline constexpr std::string_view kPartiqlTupleKey = "Expected a string key in a tuple";  // ?
inline constexpr std::string_view kPartiqlTooDeep = "Statement nests too deeply";         // ?
// Rejections without the envelope; "at <line>:<column>:<length>" locates a token.
inline constexpr std::string_view kPartiqlAliasing = "Aliasing is not supported";             // ✔
inline constexpr std::string_view kPartiqlPathComponent = "Unexpected path component at {}";  // ✔
inline constexpr std::string_view kPartiqlUnknownFunction = "Unrecognized function: {} at {}";  // ✔
inline constexpr std::string_view kPartiqlNumberUnder =
    "{} under root{}";  // ✔ (the number message)
inline constexpr std::string_view kPartiqlUnsupportedValue =
    "Unsupported data type: {} under key root at {}";  // ✔ (a function call in a value)
inline constexpr std::string_view kPartiqlSetFirstArgument =
    "The first argument to {} must equal the assignment value at {}";  // ✔
inline constexpr std::string_view kPartiqlSetSecondArgument =
    "The second argument to {} must be a value with type SET at {}";  // ✔
inline constexpr std::string_view kPartiqlSetArity =
    "{} must have exactly two arguments at {}";                                       // ✔
inline constexpr std::string_view kPartiqlEmptyBag = "Empty bags are not supported";  // ✔
inline constexpr std::string_view kPartiqlMixedBag =
    "One or more parameter values were invalid: A set may only hold one type";  // ?
inline constexpr std::string_view kPartiqlBagElement =
    "Unsupported data type: a set may only hold strings, numbers or binaries";  // ?
inline constexpr std::string_view kPartiqlInsertIndex =
    "FROM clause may only contain a single table name in data manipulation statements at "
    "{}";  // ◐
inline constexpr std::string_view kPartiqlInsertMany =
    "Unsupported operation: Inserting multiple items in a single statement is not supported, use "
    "\"INSERT INTO tableName VALUE item\" instead";                                      // ?
inline constexpr std::string_view kPartiqlInsertNotTuple = "Expected a tuple in VALUE";  // ?
inline constexpr std::string_view kPartiqlDeleteReturning =
    "Invalid returning clause: RETURNING {} *. Only RETURNING ALL OLD * is allowed in DELETE "
    "statements.";  // ✔ (conformance suite)
inline constexpr std::string_view kPartiqlParameterCount =
    "Number of parameters in request and statement don't match.";  // ?
inline constexpr std::string_view kPartiqlNotCondition =
    "Unsupported operation: the WHERE clause must be a condition";  // ?
inline constexpr std::string_view kPartiqlNotValue =
    "Unsupported operation: a condition where a value is expected";  // ?
inline constexpr std::string_view kPartiqlMandatoryKey =
    "Where clause does not contain a mandatory equality on all key attributes";  // ✔
inline constexpr std::string_view kPartiqlWriteOnIndex =
    "This operation is not supported on an index";  // ◐
inline constexpr std::string_view kPartiqlNoSuchIndex =
    "The table does not have the specified index";  // ✔
inline constexpr std::string_view kPartiqlGsiConsistentRead =
    "Strongly consistent read is not supported on Global Secondary Indexes";  // ◐
inline constexpr std::string_view kPartiqlGsiNotProjected =
    "One or more parameter values were invalid: Global secondary index {} does not project "
    "[{}]";  // ✔
inline constexpr std::string_view kPartiqlOrderBy =
    "ORDER BY is only supported on the sort key of a WHERE clause with a partition key "
    "equality";                                                                    // ?
inline constexpr std::string_view kPartiqlInvalidNextToken = "Invalid NextToken";  // ◐
inline constexpr std::string_view kPartiqlNextTokenMismatch =
    "NextToken does not match request";  // ◐
inline constexpr std::string_view kPartiqlNextTokenNotSelect =
    "NextToken is only valid on a SELECT statement";  // ?
inline constexpr std::string_view kPartiqlBatchSelectKey =
    "Select statements within BatchExecuteStatement must specify the primary key in the where "
    "clause.";  // ✔
inline constexpr std::string_view kPartiqlBatchMixed =
    "Read and write requests together in the same batch is not supported.";  // ◐
inline constexpr std::string_view kPartiqlTransactStatement =
    "Validation failed in TransactStatements[{}]: {}";  // ✔
inline constexpr std::string_view kPartiqlTransactSelectKey =
    "Select statements within ExecuteTransaction must specify the primary key in the where "
    "clause.";  // ✔
inline constexpr std::string_view kPartiqlTransactIndexRead =
    "Reads on indices are not supported within transactions.";  // ◐
inline constexpr std::string_view kPartiqlTransactReturning =
    "RETURNING clause is not supported in ExecuteTransaction.";  // ◐
inline constexpr std::string_view kPartiqlTransactMixed =
    "ExecuteTransaction API does not support both read and write operations in the same "
    "request.";  // ◐
// --- Errors at the edge (spec 1.4) -----------------------------------------------------------
inline constexpr std::string_view kInternalError = "Internal server error";             // ?
inline constexpr std::string_view kNotSupported = "{} is not supported by sls";         // sls's own
inline constexpr std::string_view kConditionFailed = "The conditional request failed";  // ✔
inline constexpr std::string_view kTransactionCanceled =
    "Transaction cancelled, please refer cancellation reasons for specific reasons [{}]";  // ✔
inline constexpr std::string_view kIdempotentMismatch =
    "Request parameters do not match the parameters of the request with the same client token "
    "that was issued earlier";  // ?

// --- Control plane (spec 3.1-3.5) ------------------------------------------------------------
inline constexpr std::string_view kPayPerRequestThroughput =
    "One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits "
    "can be specified when BillingMode is PAY_PER_REQUEST";  // ◐
inline constexpr std::string_view kProvisionedNeedsThroughput =
    "One or more parameter values were invalid: ReadCapacityUnits and WriteCapacityUnits must "
    "both be specified when BillingMode is PROVISIONED";  // ✔
inline constexpr std::string_view kThroughputOutOfBounds =
    "Given value {} for {} is out of bounds";  // ◐
inline constexpr std::string_view kKeyNoDefinition =
    "Invalid KeySchema: Some index key attribute have no definition";  // ✔
inline constexpr std::string_view kKeysNotDefined =
    "One or more parameter values were invalid: Some index key attributes are not defined in "
    "AttributeDefinitions. Keys: [{}], AttributeDefinitions: [{}]";  // ◐
inline constexpr std::string_view kHashRangeSameName =
    "Both the Hash Key and the Range Key element in the KeySchema have the same name";  // ◐
inline constexpr std::string_view kFirstNotHash =
    "Invalid KeySchema: The first KeySchemaElement is not a HASH key type";  // ◐
inline constexpr std::string_view kSecondNotRange =
    "Invalid KeySchema: The second KeySchemaElement is not a RANGE key type";  // ◐
inline constexpr std::string_view kDefinitionsCountMismatch =
    "One or more parameter values were invalid: Number of attributes in KeySchema does not "
    "exactly match number of attributes defined in AttributeDefinitions";  // ◐
inline constexpr std::string_view kDefinitionsUnused =
    "One or more parameter values were invalid: Some AttributeDefinitions are not used. "
    "AttributeDefinitions: [{}], keys used: [{}]";  // ✔
inline constexpr std::string_view kIndexListEmpty =
    "One or more parameter values were invalid: List of {} is empty";  // ◐
inline constexpr std::string_view kLsiNeedsTableRange =
    "One or more parameter values were invalid: Table KeySchema does not have a range key, which "
    "is required when specifying a LocalSecondaryIndex";  // ✔
inline constexpr std::string_view kLsiNeedsRange =
    "One or more parameter values were invalid: Index KeySchema does not have a range key for "
    "index: {}";  // ◐
inline constexpr std::string_view kLsiHashMismatch =
    "One or more parameter values were invalid: Index KeySchema does not have the same leading "
    "hash key as table KeySchema for index: {}. index hash key: {}, table hash key: {}";  // ◐
inline constexpr std::string_view kUnknownProjection =
    "One or more parameter values were invalid: Unknown ProjectionType: {}";  // ◐
inline constexpr std::string_view kNonKeyWithProjection =
    "One or more parameter values were invalid: ProjectionType is {}, but NonKeyAttributes is "
    "specified";  // ◐
inline constexpr std::string_view kIndexThroughputOnDemand =
    "One or more parameter values were invalid: ProvisionedThroughput should not be specified "
    "for index: {} when BillingMode is PAY_PER_REQUEST";  // ◐
inline constexpr std::string_view kIndexThroughputMissing =
    "One or more parameter values were invalid: ProvisionedThroughput must be specified for "
    "index: {}";  // ?
inline constexpr std::string_view kDuplicateIndexName =
    "One or more parameter values were invalid: Duplicate index name: {}";  // ✔
inline constexpr std::string_view kTooManyLsis =
    "One or more parameter values were invalid: Number of LocalSecondaryIndexes exceeds "
    "per-table limit of 5";  // ◐
inline constexpr std::string_view kTooManyGsis =
    "One or more parameter values were invalid: GlobalSecondaryIndex count exceeds the "
    "per-table limit of 20";  // ◐
inline constexpr std::string_view kTooManyProjected =
    "One or more parameter values were invalid: Number of projected attributes in all indexes "
    "exceeds limit of 100, number of projected attributes: {}";  // ? (text unknown, limit ✔)
inline constexpr std::string_view kStreamViewTypeRequired =
    "One or more parameter values were invalid: Table is being created with a stream enabled, "
    "UpdateViewType is required";  // ◐ (captured 2026; AWS names the member UpdateViewType)
inline constexpr std::string_view kStreamViewTypeWhenDisabled =
    "One or more parameter values were invalid: Table is being created with a stream disabled, "
    "UpdateViewType should not be specified";                                 // ◐
inline constexpr std::string_view kTableExists = "Table already exists: {}";  // ✔
inline constexpr std::string_view kDeletionProtected =
    "Resource cannot be deleted as it is currently protected against deletion. Disable "
    "deletion protection first.";  // ?
inline constexpr std::string_view kNothingToUpdate =
    "At least one of ProvisionedThroughput, BillingMode, UpdateStreamEnabled, "
    "GlobalSecondaryIndexUpdates or SSESpecification or ReplicaUpdates is required";  // ◐
inline constexpr std::string_view kOneIndexAtATime =
    "Subscriber limit exceeded: Only 1 online index can be created or deleted simultaneously "
    "per table";  // ◐
inline constexpr std::string_view kOneUpdatePerIndex =
    "One or more parameter values were invalid: Only one global secondary index update per "
    "index is allowed simultaneously. Index: {}";  // ◐
inline constexpr std::string_view kIndexUpdateEmpty =
    "One or more parameter values were invalid: One of GlobalSecondaryIndexUpdate.Update, "
    "GlobalSecondaryIndexUpdate.Create, GlobalSecondaryIndexUpdate.Delete must not be "
    "null";  // ◐
inline constexpr std::string_view kProvisionedNeedsThroughputUpdate =
    "One or more parameter values were invalid: ProvisionedThroughput must be specified when "
    "BillingMode is PROVISIONED";  // ◐
inline constexpr std::string_view kThroughputUnchanged =
    "The provisioned throughput for the table will not change. The requested value equals the "
    "current value. Current ReadCapacityUnits provisioned for the table: {}. Requested "
    "ReadCapacityUnits: {}. Current WriteCapacityUnits provisioned for the table: {}. Requested "
    "WriteCapacityUnits: {}. Refer to the Amazon DynamoDB Developer Guide for current limits "
    "and how to request higher limits.";  // ◐
inline constexpr std::string_view kStreamAlreadyEnabled =
    "Table already has an enabled stream: TableName: {}";  // ◐ (AWS: "already" ... "enabled" ✔)
inline constexpr std::string_view kNoStreamToDisable =
    "Table has no stream to disable: TableName: {}";  // ◐ (AWS: "stream" ... "disable" ✔)
inline constexpr std::string_view kStreamEnableNeedsViewType =
    "One or more parameter values were invalid: If stream is being enabled then UpdateViewType "
    "is required";  // ◐
inline constexpr std::string_view kStreamDisableWithViewType =
    "One or more parameter values were invalid: If stream is being disabled, then "
    "UpdateViewType must not be specified";  // ◐
inline constexpr std::string_view kIndexNotFound =
    "Requested resource not found: Index: {} not found";  // ?
inline constexpr std::string_view kIndexExists =
    "One or more parameter values were invalid: Index already exists: {}";  // ?

// --- Item operations (spec 3.6-3.10, 4.5, 4.7) -------------------------------------------------
inline constexpr std::string_view kReturnValuesPutDelete =
    "ReturnValues can only be ALL_OLD or NONE";  // ◐ (PutItem), ? (DeleteItem)
inline constexpr std::string_view kMixedParameters =
    "Can not use both expression and non-expression parameters in the same request: "
    "Non-expression parameters: {{{}}} Expression parameters: {{{}}}";  // ✔
inline constexpr std::string_view kNamesWithoutExpression =
    "ExpressionAttributeNames can only be specified when using expressions";  // ◐
inline constexpr std::string_view kValuesWithoutExpression =
    "ExpressionAttributeValues can only be specified when using expressions: {}";  // ✔
inline constexpr std::string_view kDuplicateAttributeName =
    "One or more parameter values were invalid: Duplicate value in attribute name: {}";  // ◐
inline constexpr std::string_view kLegacyValueAndList =
    "One or more parameter values were invalid: Value and AttributeValueList cannot be used "
    "together for Attribute: {}";  // ◐
inline constexpr std::string_view kLegacyExistsAndOperator =
    "One or more parameter values were invalid: Exists and ComparisonOperator cannot be used "
    "together for Attribute: {}";  // ◐
inline constexpr std::string_view kLegacyOperatorNeedsValue =
    "One or more parameter values were invalid: Value or AttributeValueList must be used with "
    "ComparisonOperator: {} for Attribute: {}";  // ◐
inline constexpr std::string_view kLegacyListWithoutOperator =
    "One or more parameter values were invalid: AttributeValueList can only be used with a "
    "ComparisonOperator for Attribute: {}";  // ◐
inline constexpr std::string_view kLegacyValueRequired =
    "One or more parameter values were invalid: Value must be provided when Exists is {} for "
    "Attribute: {}";  // ◐
inline constexpr std::string_view kLegacyValueWhenNotExists =
    "One or more parameter values were invalid: Value cannot be used when Exists is false for "
    "Attribute: {}";  // ◐
inline constexpr std::string_view kLegacyArgumentCount =
    "One or more parameter values were invalid: Invalid number of argument(s) for the {} "
    "ComparisonOperator";  // ◐
inline constexpr std::string_view kLegacySameType =
    "One or more parameter values were invalid: AttributeValues inside AttributeValueList must "
    "be of same type";  // ◐
inline constexpr std::string_view kLegacyOperatorType =
    "One or more parameter values were invalid: ComparisonOperator {} is not valid for {} "
    "AttributeValue type";  // ◐
inline constexpr std::string_view kLegacyDeleteOnly =
    "One or more parameter values were invalid: Only DELETE action is allowed when no attribute "
    "value is specified";  // ◐
inline constexpr std::string_view kLegacyDeleteType =
    "One or more parameter values were invalid: DELETE action with value is not supported for "
    "the type {}";  // ◐
inline constexpr std::string_view kLegacyAddType =
    "One or more parameter values were invalid: ADD action is not supported for the type "
    "{}";  // ◐
inline constexpr std::string_view kLegacyBetweenOrder =
    "The BETWEEN condition was provided a range where the lower bound is greater than the upper "
    "bound";  // ◐
inline constexpr std::string_view kLegacyNotIndexable =
    "Attempted conditional constraint is not an indexable operation";  // ◐
inline constexpr std::string_view kLegacyConditionCount =
    "Conditions can be of length 1 or 2 only";  // ◐

// --- Query and Scan (spec 3.11, 3.12) --------------------------------------------------------
inline constexpr std::string_view kQueryLimitBelowOne =
    "Value at 'Limit' failed to satisfy constraint: Member must have value greater than or equal "
    "to 1";  // ✔ (Query's own form, no echo)
inline constexpr std::string_view kNoKeyCondition =
    "Either the KeyConditions or KeyConditionExpression parameter must be specified in the "
    "request.";  // ◐
inline constexpr std::string_view kGsiConsistentRead =
    "Consistent reads are not supported on global secondary indexes";  // ✔
inline constexpr std::string_view kNoSuchIndex =
    "The table does not have the specified index: {}";  // ◐
inline constexpr std::string_view kFilterOnKey =
    "Filter Expression can only contain non-primary key attributes: Primary key attribute: "
    "{}";  // ◐
inline constexpr std::string_view kLegacyFilterOnKey =
    "{} can only contain non-primary key attributes: Primary key attribute: {}";              // ◐
inline constexpr std::string_view kStartKeyInvalid = "The provided starting key is invalid";  // ✔
inline constexpr std::string_view kStartKeyBadType =
    "The provided starting key is invalid: The provided key element does not match the "
    "schema";  // ◐
inline constexpr std::string_view kStartKeyOutside =
    "The provided starting key is outside query boundaries based on provided conditions";  // ✔
inline constexpr std::string_view kStartKeyNotInRange =
    "The provided starting key does not match the range key predicate";  // ◐
inline constexpr std::string_view kStartKeyWrongSegment =
    "The provided starting key is invalid: Invalid ExclusiveStartKey. Please use "
    "ExclusiveStartKey with correct Segment. TotalSegments: {} Segment: {}";  // ◐
inline constexpr std::string_view kSelectAllOnGsi =
    "One or more parameter values were invalid: Select type ALL_ATTRIBUTES is not supported for "
    "global secondary index {} because its projection type is not ALL";  // ◐
inline constexpr std::string_view kSelectProjectedWithoutIndex =
    "One or more parameter values were invalid: Select type ALL_PROJECTED_ATTRIBUTES can be used "
    "only when Querying using an IndexName";  // ?
inline constexpr std::string_view kSelectSpecificWithoutProjection =
    "One or more parameter values were invalid: Must specify the AttributesToGet or "
    "ProjectionExpression when choosing to get SPECIFIC_ATTRIBUTES";  // ?
inline constexpr std::string_view kSelectWithProjection =
    "One or more parameter values were invalid: Cannot specify the {} when choosing to get "
    "{}";  // ?
inline constexpr std::string_view kSegmentWithoutTotal =
    "The TotalSegments parameter is required but was not present in the request when Segment "
    "parameter is present";  // ✔
inline constexpr std::string_view kTotalWithoutSegment =
    "The Segment parameter is required but was not present in the request when parameter "
    "TotalSegments is present";  // ✔
inline constexpr std::string_view kSegmentTooLarge =
    "The Segment parameter is zero-based and must be less than parameter TotalSegments: "
    "Segment: {} is not less than TotalSegments: {}";  // ✔

// --- Batches and transactions (spec 3.13-3.16) -----------------------------------------------
inline constexpr std::string_view kBatchGetRequired =
    "The requestItems parameter is required for BatchGetItem";  // ✔
inline constexpr std::string_view kBatchWriteRequired =
    "The requestItems parameter is required for BatchWriteItem";  // ✔
inline constexpr std::string_view kBatchGetKeysTooMany =
    "Value at 'RequestItems.{}.member.Keys' failed to satisfy constraint: Member must have "
    "length less than or equal to 100";  // ✔
inline constexpr std::string_view kBatchGetKeysEmpty =
    "Value at 'RequestItems.{}.member.Keys' failed to satisfy constraint: Member must have "
    "length greater than or equal to 1";  // ?
inline constexpr std::string_view kBatchGetTooMany =
    "Too many items requested for the BatchGetItem call";  // ◐
inline constexpr std::string_view kBatchDuplicates =
    "Provided list of item keys contains duplicates";  // ✔
inline constexpr std::string_view kBatchWriteCount =
    "Value '{{{}}}' at 'requestItems' failed to satisfy constraint: Map value must satisfy "
    "constraint: [Member must have length less than or equal to 25, Member must have length "
    "greater than or equal to 1]";  // ✔ after the echo (a Java toString, not matched)
inline constexpr std::string_view kBatchWriteRequestShape =
    "One or more parameter values were invalid: A write request must contain exactly one of "
    "PutRequest or DeleteRequest";  // ?
inline constexpr std::string_view kTransactMultipleOnItem =
    "Transaction request cannot include multiple operations on one item";  // ✔
inline constexpr std::string_view kTransactItemShape =
    "One or more parameter values were invalid: A TransactWriteItem must contain exactly one of "
    "ConditionCheck, Put, Update or Delete";  // ?
inline constexpr std::string_view kTransactGetShape =
    "One or more parameter values were invalid: A TransactGetItem must contain Get";  // ?
inline constexpr std::string_view kTransactConditionRequired =
    "One or more parameter values were invalid: ConditionExpression must be specified for "
    "ConditionCheck";  // ?

}  // namespace sls::table::msg
