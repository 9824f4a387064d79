# A handler for tests/e2e/invoke_test.sh: writes and reads the template's table through
# AWS_ENDPOINT_URL_DYNAMODB.
import os

import boto3


def notes(event, context):
    endpoint = os.environ.get("AWS_ENDPOINT_URL_DYNAMODB")
    if event.get("endpoint_only"):
        return {"endpoint": endpoint}
    # boto3 reads AWS_ENDPOINT_URL_DYNAMODB itself from 1.28 on; Debian's is older, so pass it.
    table = boto3.resource("dynamodb", endpoint_url=endpoint).Table(os.environ["TABLE"])
    if "text" in event:
        table.put_item(Item={"id": event["id"], "text": event["text"]})
    return table.get_item(Key={"id": event["id"]}).get("Item")
