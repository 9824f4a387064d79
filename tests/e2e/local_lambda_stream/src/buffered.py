def handler(event, context):
    print("buffered handler ran")
    return {"hello": "world", "event": event}
