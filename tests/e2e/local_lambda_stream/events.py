"""Reads an InvokeWithResponseStream body (AWS event-stream messages) from stdin as it arrives and
prints one line per event: "<arrival epoch ms> <:event-type> <:message-type> <:content-type>
<payload>". Decoding is botocore's (EventStreamBuffer), so the framing is checked by AWS's code."""
import os
import sys
import time

from botocore.eventstream import EventStreamBuffer

buf = EventStreamBuffer()
while True:
    data = os.read(0, 65536)
    if not data:
        break
    now = int(time.time() * 1000)
    buf.add_data(data)
    for m in buf:
        h = m.headers
        print(now, h.get(":event-type"), h.get(":message-type"), h.get(":content-type"),
              m.payload.decode("utf-8", "replace"), flush=True)
