"""Notes API: GET /notes, POST /notes, GET /notes/{id}, backed by a DynamoDB table.

The table name comes from TABLE_NAME; the endpoint from AWS_ENDPOINT_URL_DYNAMODB when set
(sls local-api points it at its embedded table), so the same code runs locally and on AWS.
"""
import json
import os
import time
import uuid

import boto3

_table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])


def _reply(status, body):
    return {
        "statusCode": status,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps(body),
    }


def handler(event, context):
    method = event.get("httpMethod", "GET")
    note_id = (event.get("pathParameters") or {}).get("id")
    if method == "POST":
        try:
            text = json.loads(event.get("body") or "{}")["text"]
        except (ValueError, KeyError, TypeError):
            return _reply(400, {"message": "body must be JSON with a 'text' field"})
        note = {"id": str(uuid.uuid4()), "text": text, "created": int(time.time())}
        _table.put_item(Item=note)
        return _reply(201, note)
    if note_id:
        item = _table.get_item(Key={"id": note_id}).get("Item")
        if item is None:
            return _reply(404, {"message": f"no note {note_id}"})
        item["created"] = int(item["created"])
        return _reply(200, item)
    items = _table.scan(Limit=100).get("Items", [])
    for item in items:
        item["created"] = int(item["created"])
    return _reply(200, {"notes": items})
