"""A module whose loading leaves a trace: MARK appended to the file MARKS names."""
import os

with open(os.environ["MARKS"], "a") as marks:
    marks.write(os.environ["MARK"] + "\n")


def handler(event, context):
    return {"mark": os.environ["MARK"], "tmp": os.environ["TMPDIR"]}
