#!/usr/bin/python3
"""rss.py CMD ARGS...: runs the command (output discarded) and prints its peak
resident set size in KiB (getrusage of the waited-for child tree)."""
import resource
import subprocess
import sys

subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
