# Python handlers for tests/e2e/local_lambda_test.sh (sls local-lambda).
import json
import os
import time

import boto3

CALLS = {"count": 0}  # module state: it survives between invocations of a warm environment


def counter(event, context):
    CALLS["count"] += 1
    print("call", CALLS["count"])
    return {"count": CALLS["count"], "pid": os.getpid(), "event": event}


def fail(event, context):
    raise ValueError("bad input: " + json.dumps(event))


def slow(event, context):
    time.sleep(float(event.get("seconds", 1)))
    return {"slept": event.get("seconds", 1)}


def record(event, context):
    """Appends the event to a file named by the event (for Event invocations)."""
    with open(event["file"], "a") as f:
        f.write(json.dumps(event) + "\n")
    if event.get("fail"):
        raise RuntimeError("asked to fail")
    return None


def notes(event, context):
    # boto3 reads AWS_ENDPOINT_URL_DYNAMODB itself from 1.28 on; Debian's is older, so pass it.
    endpoint = os.environ["AWS_ENDPOINT_URL_DYNAMODB"]
    table = boto3.resource("dynamodb", endpoint_url=endpoint).Table(os.environ["TABLE"])
    table.put_item(Item={"id": event["id"], "text": event["text"]})
    return table.get_item(Key={"id": event["id"]})["Item"]


def hog(event, context):
    """Counts its calls (module state) and allocates event["mb"] MiB, every byte written."""
    CALLS["count"] += 1
    data = bytearray(event.get("mb", 0) * 1024 * 1024)
    return {"count": CALLS["count"], "allocated_mb": len(data) // (1024 * 1024)}


TICKS = {"n": 0, "thread": None}


def _tick():
    while True:
        time.sleep(0.01)
        TICKS["n"] += 1


def ticker(event, context):
    """Starts a thread that counts every 10 ms: what it counted between two invocations shows
    whether the environment ran in between (Lambda freezes it)."""
    if TICKS["thread"] is None:
        import threading

        TICKS["thread"] = threading.Thread(target=_tick, daemon=True)
        TICKS["thread"].start()
    return {"pid": os.getpid(), "ticks": TICKS["n"]}
