"""The runtime loop of sls's python3.x bootstrap (bootstrap.py imports it and calls main).

It loads the handler named by argv[1] or `_HANDLER`, then asks the Runtime API at
AWS_LAMBDA_RUNTIME_API for events forever, calls `handler(event, context)` and posts the result
or the error, with the exact documents, messages and log lines the managed runtime
(awslambdaric 4.x) produces.

Standard library only, Python 3.9 syntax: the same files run under every python3.x interpreter
a user may have installed. What only failures and the function's own logging need lives in
sls_bootstrap_logs.py, loaded the first time it is needed.

A cold `sls invoke` waits for this process to start, so it imports only what every invocation
needs: the Runtime API client speaks HTTP/1.1 on a plain socket (http.client and the email
package behind it cost more than the interpreter's own start), JSON is read and written with the
C functions of `_json` (the `json` package imports `re`), and `traceback`, `json` and `logging`
are imported when they are needed: on an error, on a document only the full decoder can judge,
and when the function's code imports `logging` (see LoggingHook).
"""

import _json
import _socket
import importlib
import os
import sys
import time

API_PREFIX = "/2018-06-01/runtime"
# What json's constants are; without the math module, one import fewer at every start.
_INF = float("inf")
_NAN = float("nan")
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

_request_id = None
_tenant_id = None

# A runtime `sls invoke` started before it read the template (from the launch it recorded last
# time) finds the read end of a pipe here, and must not load the function's code before sls has
# checked that launch: one byte "1" means go on, the pipe closing means exit.
GATE_FD = 1000
_S_IFMT = 0o170000
_S_IFIFO = 0o010000

_LOGS_MODULE = "sls_bootstrap_logs"
_LOGS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), _LOGS_MODULE + ".py")


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


def _is_decimal(obj):
    # A Decimal exists only once its module was imported: no need to import it here.
    for name in ("decimal", "_decimal"):
        module = sys.modules.get(name)
        if module is not None and isinstance(obj, module.Decimal):
            return True
    return False


def _default(obj):
    if _is_decimal(obj):
        if obj.is_nan():
            return _NAN
        return _Raw(str(obj))
    raise TypeError(MESSAGES["not_serializable"] % obj.__class__.__name__)


def _float_text(value):
    if value != value:
        return "NaN"
    if value == _INF:
        return "Infinity"
    if value == -_INF:
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
        quote = _json.encode_basestring_ascii
    else:
        quote = _json.encode_basestring
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


class _Constants(object):
    """What json.JSONDecoder gives the C scanner: the default options of json.loads."""

    strict = True
    object_hook = None
    object_pairs_hook = None
    parse_float = float
    parse_int = int
    parse_constant = {"-Infinity": -_INF, "Infinity": _INF, "NaN": _NAN}.__getitem__


_scan = []  # the C scanner, made on first use
_JSON_WHITESPACE = " \t\n\r"
# json.loads reads bytes in UTF-16 or UTF-32 when a NUL is among the first four, and skips a
# UTF-8 BOM; such documents take the full decoder.
_UTF8_BOM = b"\xef\xbb\xbf"
_ENCODING_SNIFF_BYTES = 4


def _skip_whitespace(text, i):
    n = len(text)
    while i < n and text[i] in _JSON_WHITESPACE:
        i += 1
    return i


def json_loads(data):
    """json.loads(data), read by the C scanner json.loads itself uses.

    A document that scanner does not read whole (an error, another encoding) goes to json.loads,
    so the result and every error message are json.loads's own.
    """
    try:
        if isinstance(data, (bytes, bytearray)):
            if data.startswith(_UTF8_BOM) or b"\x00" in data[:_ENCODING_SNIFF_BYTES]:
                raise ValueError("not plain UTF-8")
            text = data.decode("utf-8", "surrogatepass")
        else:
            text = data
        if not _scan:
            _scan.append(_json.make_scanner(_Constants()))
        value, end = _scan[0](text, _skip_whitespace(text, 0))
        if _skip_whitespace(text, end) == len(text):
            return value
    except Exception:
        pass
    import json

    return json.loads(data)


def unmarshal_event(body, content_type):
    if content_type != "application/json":
        return body
    try:
        return json_loads(body)
    except Exception as e:
        raise FaultError(UNMARSHAL_ERROR, MESSAGES["unmarshal"].format(str(e)))


# --- The Runtime API client ---------------------------------------------------------------------


class Invocation(object):
    def __init__(self, body, headers):
        self.body = body
        self.request_id = headers.get("lambda-runtime-aws-request-id")
        self.trace_id = headers.get("lambda-runtime-trace-id") or None
        self.function_arn = headers.get("lambda-runtime-invoked-function-arn")
        deadline = headers.get("lambda-runtime-deadline-ms") or "0"
        self.deadline_ms = int(deadline) if deadline.strip().isdigit() else 0
        self.client_context = headers.get("lambda-runtime-client-context") or None
        self.cognito_identity = headers.get("lambda-runtime-cognito-identity") or None
        self.tenant_id = headers.get("lambda-runtime-aws-tenant-id") or None
        self.content_type = headers.get("content-type") or None


class RuntimeApiError(Exception):
    pass


class Disconnected(ConnectionError):
    """The server closed a kept-alive connection before answering."""


HTTP_OK = 200
HTTP_ACCEPTED = 202
HTTP_NO_CONTENT = 204
HTTP_NOT_MODIFIED = 304
FIRST_FINAL_STATUS = 200  # 1xx answers are interim
RECV_BYTES = 65536
HEAD_END = b"\r\n\r\n"
LINE_END = b"\r\n"


def _open_socket(address):
    """A connected TCP socket to HOST:PORT (HOST may be an IPv6 address in brackets)."""
    host, _, port = address.rpartition(":")
    host = host[1:-1] if host.startswith("[") and host.endswith("]") else host
    port = int(port)
    targets = []
    for family in (_socket.AF_INET, _socket.AF_INET6):
        try:
            _socket.inet_pton(family, host)
        except OSError:
            continue
        targets.append((family, (host, port)))
        break
    else:
        for family, _, _, _, sockaddr in _socket.getaddrinfo(host, port, 0, _socket.SOCK_STREAM):
            targets.append((family, sockaddr))
    error = OSError("cannot resolve %s" % host)
    for family, sockaddr in targets:
        sock = _socket.socket(family, _socket.SOCK_STREAM)
        try:
            sock.connect(sockaddr)
        except OSError as e:
            sock.close()
            error = e
            continue
        # Requests go out in one send each; the runtime waits for every answer.
        sock.setsockopt(_socket.IPPROTO_TCP, _socket.TCP_NODELAY, 1)
        return sock
    raise error


class Connection(object):
    """One HTTP/1.1 connection: requests written whole, answers read by Content-Length, chunks,
    or until the server closes."""

    def __init__(self, address):
        self.address = address
        self.sock = _open_socket(address)
        self.pending = bytearray()  # bytes received past the answer read so far

    def close(self):
        if self.sock is not None:
            self.sock.close()
            self.sock = None

    def _fill(self):
        data = self.sock.recv(RECV_BYTES)
        if data:
            self.pending += data
        return len(data)

    def _read_line(self):
        while True:
            end = self.pending.find(LINE_END)
            if end >= 0:
                line = bytes(self.pending[:end])
                del self.pending[: end + len(LINE_END)]
                return line
            if not self._fill():
                raise RuntimeApiError("the Runtime API closed the connection mid-answer")

    def _read_exactly(self, n):
        while len(self.pending) < n:
            if not self._fill():
                raise RuntimeApiError("the Runtime API closed the connection mid-answer")
        data = bytes(self.pending[:n])
        del self.pending[:n]
        return data

    def _read_to_close(self):
        while self._fill():
            pass
        data = bytes(self.pending)
        del self.pending[:]
        return data

    def _read_chunked(self):
        parts = []
        while True:
            size = int(self._read_line().split(b";", 1)[0].strip(), 16)
            if size == 0:
                break
            parts.append(self._read_exactly(size))
            self._read_line()
        while self._read_line():  # trailers, up to the empty line
            pass
        return b"".join(parts)

    def _read_head(self):
        while True:
            end = self.pending.find(HEAD_END)
            if end >= 0:
                break
            if not self._fill():
                if not self.pending:
                    raise Disconnected("Remote end closed connection without response")
                raise RuntimeApiError("the Runtime API closed the connection mid-answer")
        lines = bytes(self.pending[:end]).split(LINE_END)
        del self.pending[: end + len(HEAD_END)]
        version, _, rest = lines[0].partition(b" ")
        status = int(rest.split(b" ", 1)[0])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            key = name.strip().lower().decode("latin-1")
            headers.setdefault(key, value.strip().decode("latin-1"))
        return version, status, headers

    def request(self, method, path, body, headers):
        lines = ["%s %s HTTP/1.1" % (method, path), "Host: %s" % self.address]
        lines.extend("%s: %s" % item for item in headers)
        if body is not None:
            lines.append("Content-Length: %d" % len(body))
        message = ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")
        self.sock.sendall(message + body if body else message)
        while True:
            version, status, response_headers = self._read_head()
            if status >= FIRST_FINAL_STATUS:
                break
        if status in (HTTP_NO_CONTENT, HTTP_NOT_MODIFIED):
            data = b""
        elif "chunked" in response_headers.get("transfer-encoding", "").lower():
            data = self._read_chunked()
        elif "content-length" in response_headers:
            data = self._read_exactly(int(response_headers["content-length"]))
        else:
            data = self._read_to_close()
        connection = response_headers.get("connection", "").lower()
        if connection == "close" or (version == b"HTTP/1.0" and connection != "keep-alive"):
            self.close()
        return status, response_headers, data


class RuntimeClient(object):
    """Speaks HTTP/1.1 to the Runtime API over one kept-alive connection."""

    def __init__(self, address):
        self.address = address
        self.connection = None
        self.user_agent = "sls-python/%d.%d.%d" % sys.version_info[:3]

    def connect(self):
        """Opens the connection ahead of the first request: sls accepts it while the function's
        code loads. A failure here is met again, and reported, by the first request."""
        try:
            self.connection = Connection(self.address)
        except OSError:
            self.connection = None

    def _request(self, method, path, body=None, headers=()):
        all_headers = [("User-Agent", self.user_agent)]
        all_headers.extend(headers)
        for attempt in (1, 2):
            fresh = self.connection is None or self.connection.sock is None
            if fresh:
                self.connection = Connection(self.address)
            try:
                return self.connection.request(method, path, body, all_headers)
            except (Disconnected, ConnectionResetError, BrokenPipeError):
                # A kept-alive connection the server closed while idle: retry once on a new one.
                self.connection.close()
                self.connection = None
                if fresh or attempt == 2:
                    raise
        raise RuntimeApiError("unreachable")

    def _post(self, path, body, headers):
        status, _, data = self._request("POST", path, body, headers)
        if status != HTTP_ACCEPTED:
            raise RuntimeApiError(
                "Request to Lambda Runtime '%s' endpoint failed. Reason: '%d'. Response body: '%r'"
                % (path, status, data)
            )

    def next(self):
        path = API_PREFIX + "/invocation/next"
        status, headers, data = self._request("GET", path)
        if status != HTTP_OK:
            raise RuntimeApiError("Failed to get next invocation: %d %r" % (status, data))
        return Invocation(data, headers)

    def post_result(self, request_id, body, content_type):
        path = "%s/invocation/%s/response" % (API_PREFIX, request_id)
        self._post(path, body, [("Content-Type", content_type)])

    def post_error(self, request_id, error_json, xray_cause):
        path = "%s/invocation/%s/error" % (API_PREFIX, request_id)
        headers = [("Content-Type", "application/json")]
        if len(xray_cause.encode("utf-8")) < XRAY_CAUSE_MAX_BYTES:
            headers.append((XRAY_CAUSE_HEADER, xray_cause))
        self._post(path, error_json.encode("utf-8"), headers)

    def post_init_error(self, error):
        headers = [("Content-Type", "application/json"), (ERROR_TYPE_HEADER, error["errorType"])]
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
        return json_loads(text)
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


def _logs():
    """sls_bootstrap_logs, loaded the first time a failure or the function's logging needs it.

    Loaded by its path: by then the function's code directory has taken this directory's place
    at the head of sys.path, as in Lambda, and a module of the function's must not shadow it.
    """
    module = sys.modules.get(_LOGS_MODULE)
    if module is None:
        import importlib.util

        spec = importlib.util.spec_from_file_location(_LOGS_MODULE, _LOGS_FILE)
        module = importlib.util.module_from_spec(spec)
        sys.modules[_LOGS_MODULE] = module
        spec.loader.exec_module(module)
    return module


class _SetupAfterExec(object):
    """The loader of `logging`, which sets Lambda's handler up as soon as the module has run."""

    def __init__(self, loader):
        self.loader = loader

    def __getattr__(self, name):
        return getattr(self.loader, name)

    def create_module(self, spec):
        return self.loader.create_module(spec)

    def exec_module(self, module):
        # The module keeps its own loader: nothing after this shows the hook was there.
        module.__loader__ = self.loader
        if getattr(module, "__spec__", None) is not None:
            module.__spec__.loader = self.loader
        self.loader.exec_module(module)
        _logs().setup_logging(module)


class LoggingHook(object):
    """Sets Lambda's logging up the moment `logging` is first imported, by anyone.

    The managed runtime imports `logging` before the function's code and configures the root
    logger; importing it costs a cold start several milliseconds, and most handlers never log.
    This import hook gives a function that does import it exactly the same logger, configured
    before any of its code can use it.
    """

    def find_spec(self, name, path=None, target=None):
        if name != "logging":
            return None
        if self in sys.meta_path:
            sys.meta_path.remove(self)
        for finder in sys.meta_path:
            find = getattr(finder, "find_spec", None)
            spec = find(name, path, target) if find is not None else None
            if spec is not None:
                if spec.loader is not None and hasattr(spec.loader, "exec_module"):
                    spec.loader = _SetupAfterExec(spec.loader)
                return spec
        return None


def install_logging():
    if "logging" in sys.modules:
        _logs().setup_logging(sys.modules["logging"])
    else:
        sys.meta_path.insert(0, LoggingHook())


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
    try:
        context = LambdaContext(invocation)
        event = unmarshal_event(invocation.body, invocation.content_type)
        result, content_type = marshal_response(handler(event, context))
    except FaultError as e:
        logs = _logs()
        xray = logs.make_xray_cause("LambdaValidationError", e.message, [])
        error = logs.make_error(e.message, e.error_type, e.trace, request_id)
    except Exception:
        logs = _logs()
        error_type, value, tb = sys.exc_info()
        frames = logs.user_frames(tb)
        xray = logs.make_xray_cause(error_type.__name__, str(value), frames)
        trace = logs.format_frames(frames)
        error = logs.make_error(str(value), error_type.__name__, trace, request_id)
    else:
        client.post_result(request_id, result, content_type)
        return
    logs.log_error(error)
    client.post_error(request_id, to_json(error), xray)


def update_trace_id(trace_id):
    if trace_id is not None:
        os.environ["_X_AMZN_TRACE_ID"] = trace_id
    else:
        os.environ.pop("_X_AMZN_TRACE_ID", None)


def wait_at_gate():
    try:
        mode = os.fstat(GATE_FD).st_mode
    except OSError:
        return  # started the usual way
    if mode & _S_IFMT != _S_IFIFO:
        return
    try:
        go = os.read(GATE_FD, 1)
    except OSError:
        go = b""
    os.close(GATE_FD)
    if go != b"1":
        os._exit(0)


def main(argv):
    global _request_id, _tenant_id
    wait_at_gate()
    sys.stdout = Unbuffered(sys.stdout)
    sys.stderr = Unbuffered(sys.stderr)
    handler_name = argv[1] if len(argv) > 1 else os.environ.get("_HANDLER", "")
    client = RuntimeClient(os.environ["AWS_LAMBDA_RUNTIME_API"])
    client.connect()
    set_search_path(os.environ.get("LAMBDA_TASK_ROOT") or os.getcwd())

    try:
        install_logging()
        handler = load_handler(handler_name)
    except Exception as e:
        logs = _logs()
        if isinstance(e, FaultError):
            error = logs.make_error(e.message, e.error_type, e.trace)
        else:
            frames = logs.user_frames(e.__traceback__)
            error = logs.make_error(str(e), type(e).__name__, logs.format_frames(frames))
        import logging

        logging.warning(MESSAGES["unhandled_warning"])
        logs.log_error(error)
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
