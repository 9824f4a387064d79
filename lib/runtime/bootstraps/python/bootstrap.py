"""sls's runtime loop for python3.x functions: the process Lambda's managed Python runtime runs.

Started as `python3 bootstrap.py [handler]` with the environment of an execution environment
(spec/lambda-runtime-api.md §3). The loop itself is sls_bootstrap.py beside this file: Python
compiles the script it is started with on every start, but caches the bytecode of a module it
imports, so this file stays a few lines and every cold start after the first skips compiling
the loop.
"""

import sys

from sls_bootstrap import main

if __name__ == "__main__":
    main(sys.argv)
