# Python handlers for tests/e2e/invoke_test.sh.
import os
import time


def hello(event, context):
    print("hello from", context.function_name)
    return {"hello": event.get("name", "world")}


def fail(event, context):
    raise Exception("Handler fails")


def sleepy(event, context):
    time.sleep(30)


def crash(event, context):
    os._exit(3)


def env(event, context):
    names = ["FROM_TEMPLATE", "SHARED", "GLOBAL_VAR", "OVERRIDDEN", "BY_PARAMETERS", "UNDECLARED",
             "AWS_SAM_LOCAL", "TZ", "AWS_LAMBDA_FUNCTION_NAME", "AWS_REGION"]
    return {name: os.environ.get(name) for name in names}


def context_info(event, context):
    return {
        "function_name": context.function_name,
        "memory_limit_in_mb": context.memory_limit_in_mb,
        "remaining_ms": context.get_remaining_time_in_millis(),
        "aws_request_id": context.aws_request_id,
        "invoked_function_arn": context.invoked_function_arn,
        "log_stream_name": context.log_stream_name,
    }


def echo(event, context):
    return event


def sandbox(event, context):
    try:
        with open(os.path.join(os.getcwd(), "written-by-function"), "w") as f:
            f.write("x")
        code_writable = True
    except OSError:
        code_writable = False
    with open(event["tmp_file"], "w") as f:
        f.write("x")
    return {"code_writable": code_writable, "sees_host_file": os.path.exists(event["marker"])}


def hog(event, context):
    # bytearray(n) writes every byte: all of it is resident at once.
    data = bytearray(event.get("mb", 300) * 1024 * 1024)
    return {"allocated_mb": len(data) // (1024 * 1024)}


def background(event, context):
    """Leaves a child process running in the runtime's process group, as careless code does."""
    import subprocess

    child = subprocess.Popen(["sleep", "300"])
    return {"child": child.pid, "tmp": os.environ.get("TMPDIR", "")}


def tmp_space(event, context):
    """The size of the function's /tmp (statvfs, as `df /tmp` shows it), and what becomes of a
    file of `fill_mb` MiB there: fallocate takes the blocks at once, without writing them."""
    import errno
    import tempfile

    tmp = tempfile.gettempdir()
    st = os.statvfs(tmp)
    with open(os.path.join(tmp, "fill"), "wb") as f:
        try:
            os.posix_fallocate(f.fileno(), 0, event["fill_mb"] * 1024 * 1024)
            outcome = "written"
        except OSError as e:
            outcome = errno.errorcode[e.errno]
    return {"tmp_mb": st.f_blocks * st.f_frsize // (1024 * 1024), "fill": outcome}


def threads(event, context):
    """How many threads start, of 1,100 asked (Lambda: 1,024 processes and threads in all)."""
    import threading

    release = threading.Event()
    started = []
    try:
        for _ in range(1100):
            t = threading.Thread(target=release.wait)
            t.start()
            started.append(t)
    except RuntimeError:  # "can't start new thread"
        pass
    release.set()
    for t in started:
        t.join()
    return len(started)


def open_files(event, context):
    """The runtime's open-files limit, soft and hard (Lambda's: 1,024 both)."""
    import resource

    return list(resource.getrlimit(resource.RLIMIT_NOFILE))
