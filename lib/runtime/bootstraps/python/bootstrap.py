"""sls's runtime loop for python3.x functions: the process Lambda's managed Python runtime runs.

Started as `python3 bootstrap.py [handler]` with the environment of an execution environment
(spec/lambda-runtime-api.md §3). It loads the handler named by argv[1] or `_HANDLER`, then asks
the Runtime API at AWS_LAMBDA_RUNTIME_API for events forever, calls `handler(event, context)`
and posts the result or the error, with the exact documents, messages and log lines the
managed runtime (awslambdaric 4.x) produces.

One file, standard library only, Python 3.9 syntax: the same file runs under every python3.x
interpreter a user may have installed.
"""

import decimal
import http.client
import importlib
import json
import json.encoder
import logging
import math
import os
import sys
import time
import traceback

API_PREFIX = "/2018-06-01/runtime"
ERROR_TYPE_HEADER = "Lambda-Runtime-Function-Error-Type"
XRAY_CAUSE_HEADER = "Lambda-Runtime-Function-XRay-Error-Cause"
# Lambda drops an X-Ray cause of this size or more rather than send a huge header.
XRAY_CAUSE_MAX_BYTES = 1024 * 1024
# The first Python whose managed runtime writes non-ASCII characters unescaped in JSON.
FIRST_MINOR_WITH_RAW_UNICODE = 12

# Error types and messages, exactly as the managed runtime sends them (spec §6).
MARSHAL_ERROR = "Runtime.MarshalError"
UNMARSHAL_ERROR = "Runtime.UnmarshalError"
USER_CODE_SYNTAX_ERROR = "Runtime.UserCodeSyntaxError"
HANDLER_NOT_FOUND = "Runtime.HandlerNotFound"
IMPORT_MODULE_ERROR = "Runtime.ImportModuleError"
BUILT_IN_MODULE_CONFLICT = "Runtime.BuiltInModuleConflict"
MALFORMED_HANDLER_NAME = "Runtime.MalformedHandlerName"
CONTEXT_UNMARSHAL_ERROR = "Runtime.LambdaContextUnmarshalError"
MESSAGES = {
    "bad_handler": "Bad handler '{}': {}",
    "builtin": "Cannot use built-in module {} as a handler module",
    "import": "Unable to import module '{}': {}",
    "syntax": "Syntax error in module '{}': {}",
    "syntax_trace": '  File "%s" Line %s\n    %s',
    "missing": "Handler '{}' missing on module '{}'",
    "marshal": "Unable to marshal response: {}",
    "unmarshal": "Unable to unmarshal input: {}",
    "context_json": "Unable to parse {} JSON: {}",
    "not_serializable": "Object of type %s is not JSON serializable",
    "bad_key": "keys must be str, int, float, bool or None, not %s",
    "bad_asdict": "_asdict() must return a dict, not %s",
    "circular": "Circular reference detected",
    "unhandled_warning": (
        "LAMBDA_WARNING: Unhandled exception. The most likely cause is an issue in the function"
        " code. However, in rare cases, a Lambda runtime update can cause unexpected function"
        " behavior. For functions using managed runtimes, runtime updates can be triggered by a"
        " function change, or can be applied automatically. To determine if the runtime has been"
        " updated, check the runtime version in the INIT_START log entry. If this error"
        " correlates with a change in the runtime version, you may be able to mitigate this"
        " error by temporarily rolling back to the previous runtime version. For more"
        " information, see https://docs.aws.amazon.com/lambda/latest/dg/runtimes-update.html\r"
    ),
}

# Text log layout: fields joined by TAB, multi-line errors kept in one event with CR.
TEXT_LOG_FORMAT = "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n"
TEXT_LOG_DATEFMT = "%Y-%m-%dT%H:%M:%S"
JSON_LOG_DATEFMT = "%Y-%m-%dT%H:%M:%SZ"
ERROR_LINE_JOIN = "\r"
ERROR_INDENT = "\u00a0"  # Lambda indents traceback lines with NO-BREAK SPACE

_request_id = None
_tenant_id = None


class FaultError(Exception):
    """A failure the runtime itself names (Runtime.*), as opposed to one raised by user code."""

    def __init__(self, error_type, message, trace=None):
        super().__init__(message)
        self.error_type = error_type
        self.message = message
        self.trace = trace


# --- JSON, encoded as the managed runtime's encoder does --------------------------------------
# That encoder is simplejson with Decimal written verbatim, NaN allowed, objects with
# _asdict() (namedtuples) written as objects, bytes decoded as UTF-8 and ", " / ": " separators.


class _Raw(object):
    __slots__ = ("text",)

    def __init__(self, text):
        self.text = text


def _raw_unicode_json():
    env = os.environ.get("AWS_EXECUTION_ENV", "")
    prefix = "AWS_Lambda_python3."
    if not env.startswith(prefix):
        return False
    try:
        return int(env[len(prefix):]) >= FIRST_MINOR_WITH_RAW_UNICODE
    except ValueError:
        return False


def _default(obj):
    if isinstance(obj, decimal.Decimal):
        if obj.is_nan():
            return math.nan
        return _Raw(str(obj))
    raise TypeError(MESSAGES["not_serializable"] % obj.__class__.__name__)


def _float_text(value):
    if value != value:
        return "NaN"
    if value == math.inf:
        return "Infinity"
    if value == -math.inf:
        return "-Infinity"
    return float.__repr__(float(value))


def _asdict_of(obj):
    method = getattr(obj, "_asdict", None)
    if not callable(method):
        return None
    try:
        result = method()
    except TypeError:
        return None
    if not isinstance(result, dict):
        raise TypeError(MESSAGES["bad_asdict"] % type(result).__name__)
    return result


def to_json(obj, ensure_ascii=None):
    if ensure_ascii is None:
        ensure_ascii = not _raw_unicode_json()
    if ensure_ascii:
        quote = json.encoder.encode_basestring_ascii
    else:
        quote = json.encoder.encode_basestring
    out = []
    markers = {}

    def key_text(key):
        if isinstance(key, str):
            return key
        if isinstance(key, bytes):
            return key.decode("utf-8")
        if isinstance(key, float):
            return _float_text(key)
        if key is True:
            return "true"
        if key is False:
            return "false"
        if key is None:
            return "null"
        if isinstance(key, int):
            return str(int(key))
        raise TypeError(MESSAGES["bad_key"] % key.__class__.__name__)

    def enter(container):
        marker = id(container)
        if marker in markers:
            raise ValueError(MESSAGES["circular"])
        markers[marker] = container
        return marker

    def walk(o):
        if isinstance(o, str):
            out.append(quote(o))
        elif isinstance(o, bytes):
            out.append(quote(o.decode("utf-8")))
        elif isinstance(o, _Raw):
            out.append(o.text)
        elif o is None:
            out.append("null")
        elif o is True:
            out.append("true")
        elif o is False:
            out.append("false")
        elif isinstance(o, int):
            out.append(int.__repr__(int(o)))
        elif isinstance(o, float):
            out.append(_float_text(o))
        else:
            as_dict = _asdict_of(o)
            if as_dict is not None:
                walk_dict(as_dict)
            elif isinstance(o, (list, tuple)):
                walk_list(o)
            elif isinstance(o, dict):
                walk_dict(o)
            else:
                marker = enter(o)
                walk(_default(o))
                del markers[marker]

    def walk_list(items):
        if not items:
            out.append("[]")
            return
        marker = enter(items)
        out.append("[")
        first = True
        for item in items:
            if not first:
                out.append(", ")
            first = False
            walk(item)
        out.append("]")
        del markers[marker]

    def walk_dict(mapping):
        if not mapping:
            out.append("{}")
            return
        marker = enter(mapping)
        out.append("{")
        first = True
        for key, value in mapping.items():
            if not first:
                out.append(", ")
            first = False
            out.append(quote(key_text(key)))
            out.append(": ")
            walk(value)
        out.append("}")
        del markers[marker]

    walk(obj)
    return "".join(out)


def marshal_response(response):
    if isinstance(response, bytes):
        return response, "application/unknown"
    try:
        return to_json(response).encode("utf-8"), "application/json"
    except Exception as e:
        raise FaultError(MARSHAL_ERROR, MESSAGES["marshal"].format(str(e)))


def unmarshal_event(body, content_type):
    if content_type != "application/json":
        return body
    try:
        return json.loads(body)
    except Exception as e:
        raise FaultError(UNMARSHAL_ERROR, MESSAGES["unmarshal"].format(str(e)))


# --- The Runtime API client ---------------------------------------------------------------------


class Invocation(object):
    def __init__(self, body, headers):
        self.body = body
        self.request_id = headers.get("Lambda-Runtime-Aws-Request-Id")
        self.trace_id = headers.get("Lambda-Runtime-Trace-Id") or None
        self.function_arn = headers.get("Lambda-Runtime-Invoked-Function-Arn")
        deadline = headers.get("Lambda-Runtime-Deadline-Ms") or "0"
        self.deadline_ms = int(deadline) if deadline.strip().isdigit() else 0
        self.client_context = headers.get("Lambda-Runtime-Client-Context") or None
        self.cognito_identity = headers.get("Lambda-Runtime-Cognito-Identity") or None
        self.tenant_id = headers.get("Lambda-Runtime-Aws-Tenant-Id") or None
        self.content_type = headers.get("Content-Type") or None


class RuntimeApiError(Exception):
    pass


class RuntimeClient(object):
    """Speaks HTTP/1.1 to the Runtime API over one kept-alive connection."""

    def __init__(self, address):
        self.address = address
        self.connection = None
        self.user_agent = "sls-python/%d.%d.%d" % sys.version_info[:3]

    def _request(self, method, path, body=None, headers=None):
        all_headers = {"User-Agent": self.user_agent}
        all_headers.update(headers or {})
        for attempt in (1, 2):
            fresh = self.connection is None
            if fresh:
                self.connection = http.client.HTTPConnection(self.address)
            try:
                self.connection.request(method, path, body=body, headers=all_headers)
                response = self.connection.getresponse()
                data = response.read()
                return response.status, response.headers, data
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A kept-alive connection the server closed while idle: retry once on a new one.
                self.connection.close()
                self.connection = None
                if fresh or attempt == 2:
                    raise
        raise RuntimeApiError("unreachable")

    def _post(self, path, body, headers):
        status, _, data = self._request("POST", path, body, headers)
        if status != http.client.ACCEPTED:
            raise RuntimeApiError(
                "Request to Lambda Runtime '%s' endpoint failed. Reason: '%d'. Response body: '%r'"
                % (path, status, data)
            )

    def next(self):
        path = API_PREFIX + "/invocation/next"
        status, headers, data = self._request("GET", path)
        if status != http.client.OK:
            raise RuntimeApiError("Failed to get next invocation: %d %r" % (status, data))
        return Invocation(data, headers)

    def post_result(self, request_id, body, content_type):
        path = "%s/invocation/%s/response" % (API_PREFIX, request_id)
        self._post(path, body, {"Content-Type": content_type})

    def post_error(self, request_id, error_json, xray_cause):
        path = "%s/invocation/%s/error" % (API_PREFIX, request_id)
        headers = {"Content-Type": "application/json"}
        if len(xray_cause.encode("utf-8")) < XRAY_CAUSE_MAX_BYTES:
            headers[XRAY_CAUSE_HEADER] = xray_cause
        self._post(path, error_json.encode("utf-8"), headers)

    def post_init_error(self, error):
        headers = {"Content-Type": "application/json", ERROR_TYPE_HEADER: error["errorType"]}
        self._post(API_PREFIX + "/init/error", to_json(error).encode("utf-8"), headers)


# --- The context object -------------------------------------------------------------------------


def _object_from(cls, values):
    if values is None:
        return None
    obj = cls()
    for field in cls.__slots__:
        setattr(obj, field, values.get(field))
    return obj


def _describe(obj, fields):
    parts = ",".join("%s=%s" % (f, getattr(obj, f)) for f in fields)
    return "%s([%s])" % (obj.__class__.__name__, parts)


class CognitoIdentity(object):
    __slots__ = ["cognito_identity_id", "cognito_identity_pool_id"]

    def __repr__(self):
        return _describe(self, self.__slots__)


class Client(object):
    __slots__ = [
        "installation_id",
        "app_title",
        "app_version_name",
        "app_version_code",
        "app_package_name",
    ]

    def __repr__(self):
        return _describe(self, self.__slots__)


class ClientContext(object):
    __slots__ = ["custom", "env", "client"]

    def __repr__(self):
        return _describe(self, self.__slots__)


def _parse_json_header(text, name):
    try:
        return json.loads(text)
    except Exception as e:
        raise FaultError(CONTEXT_UNMARSHAL_ERROR, MESSAGES["context_json"].format(name, str(e)))


class LambdaContext(object):
    _FIELDS = [
        "aws_request_id",
        "log_group_name",
        "log_stream_name",
        "function_name",
        "memory_limit_in_mb",
        "function_version",
        "invoked_function_arn",
        "client_context",
        "identity",
        "tenant_id",
    ]

    def __init__(self, invocation):
        client_context = None
        if invocation.client_context:
            client_context = _parse_json_header(invocation.client_context, "Client Context")
        cognito = None
        if invocation.cognito_identity:
            cognito = _parse_json_header(invocation.cognito_identity, "Cognito Identity")
        self.aws_request_id = invocation.request_id
        self.log_group_name = os.environ.get("AWS_LAMBDA_LOG_GROUP_NAME")
        self.log_stream_name = os.environ.get("AWS_LAMBDA_LOG_STREAM_NAME")
        self.function_name = os.environ.get("AWS_LAMBDA_FUNCTION_NAME")
        # A string, as in Lambda: it is read from the environment unconverted.
        self.memory_limit_in_mb = os.environ.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")
        self.function_version = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION")
        self.invoked_function_arn = invocation.function_arn
        self.tenant_id = invocation.tenant_id
        self.client_context = _object_from(ClientContext, client_context)
        if self.client_context is not None:
            self.client_context.client = _object_from(Client, self.client_context.client)
        self.identity = _object_from(CognitoIdentity, {})
        if cognito is not None:
            self.identity.cognito_identity_id = cognito.get("cognitoIdentityId")
            self.identity.cognito_identity_pool_id = cognito.get("cognitoIdentityPoolId")
        self._deadline_ms = invocation.deadline_ms

    def get_remaining_time_in_millis(self):
        remaining = self._deadline_ms - int(time.time() * 1000)
        return remaining if remaining > 0 else 0

    def log(self, msg):
        sys.stdout.write(str(msg))

    def __repr__(self):
        return _describe(self, self._FIELDS)


# --- Logging ------------------------------------------------------------------------------------


class Unbuffered(object):
    """Flushes every write, so each line reaches sls as soon as the function prints it."""

    def __init__(self, stream):
        self.stream = stream

    def __getattr__(self, name):
        return getattr(self.stream, name)

    def write(self, text):
        self.stream.write(text)
        self.stream.flush()

    def writelines(self, lines):
        self.stream.writelines(lines)
        self.stream.flush()


def _json_logs():
    return os.environ.get("AWS_LAMBDA_LOG_FORMAT", "").upper() == "JSON"


def _level_of(record):
    # Custom levels are reported as the standard level below them, as Lambda does.
    return min(logging.CRITICAL, max(logging.NOTSET, record.levelno)) // 10 * 10


class RequestIdFilter(logging.Filter):
    def filter(self, record):
        record.aws_request_id = _request_id or ""
        record.tenant_id = _tenant_id
        return True


class LambdaHandler(logging.Handler):
    def emit(self, record):
        sys.stdout.write(self.format(record))


# Attributes of every LogRecord; anything else a caller attached through `extra` is logged.
_RECORD_FIELDS = frozenset(
    [
        "name", "msg", "args", "levelname", "levelno", "pathname", "filename", "module",
        "exc_info", "exc_text", "stack_info", "lineno", "funcName", "created", "msecs",
        "relativeCreated", "thread", "threadName", "processName", "process", "aws_request_id",
        "tenant_id",
    ]
)


class JsonFormatter(logging.Formatter):
    def __init__(self):
        super().__init__(datefmt=JSON_LOG_DATEFMT)

    def format(self, record):
        record.levelno = _level_of(record)
        record.levelname = logging.getLevelName(record.levelno)
        exc = record.exc_info
        result = {
            "timestamp": self.formatTime(record, self.datefmt),
            "level": record.levelname,
            "message": record.getMessage(),
            "logger": record.name,
            "stackTrace": traceback.format_tb(exc[2]) if exc else None,
            "errorType": exc[0].__name__ if exc else None,
            "errorMessage": str(exc[1]) if exc else None,
            "requestId": getattr(record, "aws_request_id", None),
            "location": (
                "%s:%s:%s" % (record.pathname, record.funcName, record.lineno) if exc else None
            ),
        }
        if getattr(record, "tenant_id", None) is not None:
            result["tenantId"] = record.tenant_id
        for key, value in record.__dict__.items():
            if key not in _RECORD_FIELDS and key not in result:
                result[key] = value
        result = {k: v for k, v in result.items() if v is not None}
        return json.JSONEncoder(ensure_ascii=False).encode(result) + "\n"


def setup_logging():
    logging.Formatter.converter = time.gmtime
    root = logging.getLogger()
    handler = LambdaHandler()
    if _json_logs():
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(logging.Formatter(TEXT_LOG_FORMAT, TEXT_LOG_DATEFMT))
    level = os.environ.get("AWS_LAMBDA_LOG_LEVEL")
    level = {None: "", "TRACE": "DEBUG"}.get(level, level).upper()
    if level in logging._nameToLevel:
        root.setLevel(level)
    handler.addFilter(RequestIdFilter())
    root.addHandler(handler)


def _indent_with_nbsp(line):
    stripped = line.lstrip(" ")
    return ERROR_INDENT * (len(line) - len(stripped)) + stripped


def log_error(error):
    """Writes a failure as one log event: the runtime's `[ERROR]` line, or a JSON object."""
    if _json_logs():
        stamp = time.strftime(JSON_LOG_DATEFMT, time.gmtime(time.time()))
        record = {"timestamp": stamp, "log_level": "ERROR"}
        record.update(error)
        sys.stdout.write(to_json(record) + "\n")
        return
    head = "[ERROR]"
    if error.get("errorType"):
        head += " " + error["errorType"]
    if error.get("errorMessage"):
        if error.get("errorType"):
            head += ":"
        head += " " + error["errorMessage"]
    lines = [head]
    stack = error.get("stackTrace")
    if stack is not None:
        lines.append("Traceback (most recent call last):")
        for element in stack:
            if element == "":
                lines.append("")
            else:
                lines.extend(_indent_with_nbsp(line) for line in element.splitlines())
    sys.stdout.write(ERROR_LINE_JOIN.join(lines) + "\n")


# --- Errors -------------------------------------------------------------------------------------


def make_error(message, error_type, stack_trace, request_id=None):
    return {
        "errorMessage": message if message else "",
        "errorType": error_type if error_type else "",
        "requestId": request_id if request_id is not None else "",
        "stackTrace": stack_trace if stack_trace else [],
    }


def _user_frames(tb):
    """The traceback without this file's frames at its top (the user's code starts there)."""
    frames = [(f.filename, f.lineno, f.name, f.line) for f in traceback.extract_tb(tb)]
    for i, frame in enumerate(frames):
        if "/bootstrap.py" not in frame[0]:
            return frames[i:]
    return frames


def make_xray_cause(error_type, message, frames):
    stack = [{"label": name, "path": path, "line": line} for path, line, name, _ in frames]
    cause = {
        "working_directory": os.getcwd(),
        "exceptions": [{"message": message, "type": error_type, "stack": stack}],
        "paths": list(dict.fromkeys(path for path, _, _, _ in frames)),
    }
    return to_json(cause, ensure_ascii=True)


# --- Handler loading ----------------------------------------------------------------------------


def load_handler(handler):
    try:
        module_name, function_name = handler.rsplit(".", 1)
    except ValueError as e:
        raise FaultError(MALFORMED_HANDLER_NAME, MESSAGES["bad_handler"].format(handler, str(e)))
    try:
        if module_name.split(".")[0] in sys.builtin_module_names:
            raise FaultError(BUILT_IN_MODULE_CONFLICT, MESSAGES["builtin"].format(module_name))
        module = importlib.import_module(module_name.replace("/", "."))
    except ImportError as e:
        raise FaultError(IMPORT_MODULE_ERROR, MESSAGES["import"].format(module_name, str(e)))
    except SyntaxError as e:
        trace = [MESSAGES["syntax_trace"] % (e.filename, e.lineno, e.text)]
        raise FaultError(
            USER_CODE_SYNTAX_ERROR, MESSAGES["syntax"].format(module_name, str(e)), trace
        )
    try:
        return getattr(module, function_name)
    except AttributeError:
        raise FaultError(HANDLER_NOT_FOUND, MESSAGES["missing"].format(function_name, module_name))


def set_search_path(task_root):
    """The task root comes first, where the interpreter put this script's own directory."""
    own_dir = os.path.dirname(os.path.abspath(__file__))
    if sys.path and os.path.abspath(sys.path[0] or ".") == own_dir:
        sys.path.pop(0)
    if task_root in sys.path:
        sys.path.remove(task_root)
    sys.path.insert(0, task_root)


# --- The loop -----------------------------------------------------------------------------------


def handle(client, handler, invocation):
    request_id = invocation.request_id
    error = None
    try:
        context = LambdaContext(invocation)
        event = unmarshal_event(invocation.body, invocation.content_type)
        result, content_type = marshal_response(handler(event, context))
    except FaultError as e:
        xray = make_xray_cause("LambdaValidationError", e.message, [])
        error = make_error(e.message, e.error_type, e.trace, request_id)
    except Exception:
        error_type, value, tb = sys.exc_info()
        frames = _user_frames(tb)
        xray = make_xray_cause(error_type.__name__, str(value), frames)
        error = make_error(
            str(value), error_type.__name__, traceback.format_list(frames), request_id
        )
    if error is not None:
        log_error(error)
        client.post_error(request_id, to_json(error), xray)
    else:
        client.post_result(request_id, result, content_type)


def update_trace_id(trace_id):
    if trace_id is not None:
        os.environ["_X_AMZN_TRACE_ID"] = trace_id
    else:
        os.environ.pop("_X_AMZN_TRACE_ID", None)


def main(argv):
    global _request_id, _tenant_id
    sys.stdout = Unbuffered(sys.stdout)
    sys.stderr = Unbuffered(sys.stderr)
    handler_name = argv[1] if len(argv) > 1 else os.environ.get("_HANDLER", "")
    client = RuntimeClient(os.environ["AWS_LAMBDA_RUNTIME_API"])
    set_search_path(os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd())

    error = None
    try:
        setup_logging()
        handler = load_handler(handler_name)
    except FaultError as e:
        error = make_error(e.message, e.error_type, e.trace)
    except Exception:
        error_type, value, tb = sys.exc_info()
        frames = _user_frames(tb)
        error = make_error(str(value), error_type.__name__, traceback.format_list(frames))
    if error is not None:
        logging.warning(MESSAGES["unhandled_warning"])
        log_error(error)
        client.post_init_error(error)
        sys.exit(1)

    while True:
        invocation = client.next()
        _request_id = invocation.request_id
        _tenant_id = invocation.tenant_id
        update_trace_id(invocation.trace_id)
        handle(client, handler, invocation)


if __name__ == "__main__":
    main(sys.argv)
