"""The rarely needed half of sls's python3.x bootstrap: failures and the function's own logging.

sls_bootstrap.py loads this module the first time a function fails (the error document, the
`[ERROR]` log line, the X-Ray cause) or imports `logging` (Lambda's root handler and formats), so
a cold start that needs neither does not pay for it.
"""

import os
import sys
import time

import sls_bootstrap

# Text log layout: fields joined by TAB, multi-line errors kept in one event with CR.
TEXT_LOG_FORMAT = "[%(levelname)s]\t%(asctime)s.%(msecs)03dZ\t%(aws_request_id)s\t%(message)s\n"
TEXT_LOG_DATEFMT = "%Y-%m-%dT%H:%M:%S"
JSON_LOG_DATEFMT = "%Y-%m-%dT%H:%M:%SZ"
ERROR_LINE_JOIN = "\r"
ERROR_INDENT = "\u00a0"  # Lambda indents traceback lines with NO-BREAK SPACE


def _json_logs():
    return os.environ.get("AWS_LAMBDA_LOG_FORMAT", "").upper() == "JSON"


# Attributes of every LogRecord; anything else a caller attached through `extra` is logged.
_RECORD_FIELDS = frozenset(
    [
        "name", "msg", "args", "levelname", "levelno", "pathname", "filename", "module",
        "exc_info", "exc_text", "stack_info", "lineno", "funcName", "created", "msecs",
        "relativeCreated", "thread", "threadName", "processName", "process", "aws_request_id",
        "tenant_id",
    ]
)


def setup_logging(logging):
    """Gives the root logger Lambda's handler and format, as the managed runtime does at start.

    The classes derive from `logging`'s, so they are made here, once the module exists.
    """

    def level_of(record):
        # Custom levels are reported as the standard level below them, as Lambda does.
        return min(logging.CRITICAL, max(logging.NOTSET, record.levelno)) // 10 * 10

    class RequestIdFilter(logging.Filter):
        def filter(self, record):
            record.aws_request_id = sls_bootstrap._request_id or ""
            record.tenant_id = sls_bootstrap._tenant_id
            return True

    class LambdaHandler(logging.Handler):
        def emit(self, record):
            sys.stdout.write(self.format(record))

    class JsonFormatter(logging.Formatter):
        def __init__(self):
            super().__init__(datefmt=JSON_LOG_DATEFMT)

        def format(self, record):
            import json
            import traceback

            record.levelno = level_of(record)
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
                    "%s:%s:%s" % (record.pathname, record.funcName, record.lineno)
                    if exc
                    else None
                ),
            }
            if getattr(record, "tenant_id", None) is not None:
                result["tenantId"] = record.tenant_id
            for key, value in record.__dict__.items():
                if key not in _RECORD_FIELDS and key not in result:
                    result[key] = value
            result = {k: v for k, v in result.items() if v is not None}
            return json.JSONEncoder(ensure_ascii=False).encode(result) + "\n"

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
        sys.stdout.write(sls_bootstrap.to_json(record) + "\n")
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


_OWN_FILES = ("/bootstrap.py", "/sls_bootstrap.py", "/sls_bootstrap_logs.py")


def user_frames(tb):
    """The traceback without the bootstrap's frames at its top (the user's code starts there)."""
    import traceback

    frames = [(f.filename, f.lineno, f.name, f.line) for f in traceback.extract_tb(tb)]
    for i, frame in enumerate(frames):
        if not frame[0].endswith(_OWN_FILES):
            return frames[i:]
    return frames


def format_frames(frames):
    import traceback

    return traceback.format_list(frames)


def make_xray_cause(error_type, message, frames):
    stack = [{"label": name, "path": path, "line": line} for path, line, name, _ in frames]
    cause = {
        "working_directory": os.getcwd(),
        "exceptions": [{"message": message, "type": error_type, "stack": stack}],
        "paths": list(dict.fromkeys(path for path, _, _, _ in frames)),
    }
    return sls_bootstrap.to_json(cause, ensure_ascii=True)
