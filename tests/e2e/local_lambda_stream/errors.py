"""Summarises the events of a failed InvokeWithResponseStream call, so that a check does not
depend on the stack trace's file paths. Reads events.py's lines (arrival times cut) or
js/invoke_stream.mjs's JSON lines from stdin and prints one line per event: "PayloadChunk <text>"
and "InvokeComplete <ErrorCode> <ErrorDetails>", where an error document prints as
"<errorType>: <errorMessage> [trace]" and ErrorDetails that repeats the PayloadChunks' bytes
exactly is followed by "(the payload)". Other lines are printed as they are."""
import json
import sys


def summary(text):
    try:
        doc = json.loads(text)
        trace = " [trace]" if doc.get("stackTrace") or doc.get("trace") else ""
        return f"{doc['errorType']}: {doc['errorMessage']}{trace}"
    except (ValueError, KeyError, TypeError, AttributeError):
        return text


payload = ""
for line in sys.stdin.read().splitlines():
    if line.startswith("{"):
        event = json.loads(line)
        kind, body = next(iter(event.items()))
    elif line.startswith(("PayloadChunk ", "InvokeComplete ")):
        kind, body = line.split(" ", 1)[0], line.split(" ", 3)[3]
    else:
        print(line)
        continue
    if kind == "PayloadChunk":
        payload += body
        print("PayloadChunk", summary(body))
        continue
    complete = body if isinstance(body, dict) else json.loads(body)
    details = complete.get("ErrorDetails", "")
    same = " (the payload)" if payload and details == payload else ""
    print("InvokeComplete", complete.get("ErrorCode", "-"), summary(details) + same)
