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
    "com.amazonaws.dynamodb.v20120810#InternalServerError";                  // ?
inline constexpr std::string_view kInternalError = "Internal server error";  // ?

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

}  // namespace sls::table::msg
