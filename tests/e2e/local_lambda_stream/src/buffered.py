def handler(event, context):
    print("buffered handler ran")
    return {"hello": "world", "event": event}


def fails(event, context):
    raise Exception("buffered boom")
