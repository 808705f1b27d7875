#!/usr/bin/env python3
"""stack.py BUILD_DIR -- the static stack report behind `make stack`.

Reads the call graphs GCC writes with -fcallgraph-info=su (one .ci file per
object under BUILD_DIR: every function's frame size and its direct calls)
and prints

  * for every command (each sv_cmd_* function, entered through main and
    sv_cli_main's command table), the deepest chain of frames in our code
    and its total: the static worst case;
  * the largest single frames.

What it cannot see, it says: calls through function pointers (the output
sinks, BearSSL's hash and curve vtables) are not in GCC's graph, and
BearSSL itself is a library built without call-graph info, so its frames
(the RSA and ECDSA arithmetic: a few KiB) are not in the totals. Recursion
is reported with its cycle; every recursion in the program follows the
nesting of a document that was parsed with a depth limit (BOUNDS below),
and its frames are counted that many times. tests/cli/test_stack.c measures the real peak, BearSSL
included, by running each command on a thread with a painted stack.
"""
import os
import re
import sys

sys.dont_write_bytecode = True

NODE = re.compile(r'node: \{ title: "([^"]+)" label: "([^"]*)"')
EDGE = re.compile(r'edge: \{ sourcename: "([^"]+)" targetname: "([^"]+)"')
SIZE = re.compile(r'\\n(\d+) bytes \(([^)]*)\)')

# recursion bounds: function (name as in the label) -> how many frames at most
# each bounded by SV_MAX_JSON_DEPTH (16) levels below the root: the JSON wrapper's walk,
# the pretty printers of decode/verify (out.c) and permissions, the YAML reader
BOUNDS = {"pretty": 17, "walk": 17, "compact": 17, "block_node": 17, "block_seq": 17}


def load(build):
    size, qual, name, edges, where = {}, {}, {}, {}, {}
    for root, _, files in os.walk(build):
        for f in files:
            if not f.endswith(".ci"):
                continue
            with open(os.path.join(root, f), encoding="utf-8", errors="replace") as fh:
                text = fh.read()
            for title, label in NODE.findall(text):
                m = SIZE.search(label)
                if m:
                    size[title] = int(m.group(1))
                    qual[title] = m.group(2)
                    parts = label.split("\\n")
                    name[title] = parts[0]
                    where[title] = parts[1] if len(parts) > 1 else ""
            for src, dst in EDGE.findall(text):
                edges.setdefault(src, []).append(dst)
    return size, qual, name, edges, where


def resolve(title, size):
    """Edges name a global function by its bare name; static ones by file:name."""
    if title in size:
        return title
    return None


def worst(fn, size, name, edges, memo, stack, cycles):
    """(total bytes, chain) of the deepest call chain from fn."""
    if fn in memo:
        return memo[fn]
    if fn in stack:
        cycles.add(tuple(stack[stack.index(fn):] + [fn]))
        return 0, []
    stack.append(fn)
    best, chain = 0, []
    for callee in edges.get(fn, ()):
        c = resolve(callee, size)
        if c is None:
            continue
        t, ch = worst(c, size, name, edges, memo, stack, cycles)
        if t > best:
            best, chain = t, ch
    stack.pop()
    own = size.get(fn, 0)
    if name.get(fn) in BOUNDS:
        own *= BOUNDS[name[fn]]
    memo[fn] = (own + best, [fn] + chain)
    return memo[fn]


def main(argv):
    build = argv[1] if len(argv) > 1 else "build/stack"
    size, qual, name, edges, where = load(build)
    if not size:
        print(f"stack.py: no .ci files under {build} (build with -fcallgraph-info=su)", file=sys.stderr)
        return 2
    memo, cycles = {}, set()
    entry = 0
    for e in ("main", "sv_cli_main"):
        if e in size:
            entry += size[e]
    cmds = sorted(t for t in size if re.fullmatch(r"sv_cmd_\w+", t))
    print(f"static stack report ({len(size)} functions with frame sizes, from {build})")
    print()
    print("worst chain per command (main + sv_cli_main + the command's deepest chain; our code only):")
    print()
    rows = []
    for c in cmds:
        total, chain = worst(c, size, name, edges, memo, [], cycles)
        rows.append((c[7:], entry + total, chain))
    for cmd, total, chain in sorted(rows, key=lambda r: -r[1]):
        print(f"  {cmd:<12} {total:>7} bytes")
        shown = [f"{name[f]} {size[f] * (BOUNDS.get(name[f], 1))}" for f in chain[:8]]
        print("               " + " > ".join(shown) + (" > ..." if len(chain) > 8 else ""))
    print()
    print("largest frames:")
    for t in sorted(size, key=lambda t: -size[t])[:15]:
        print(f"  {size[t]:>7}  {name[t]:<28} {where[t]}  ({qual[t]})")
    print()
    if cycles:
        print("recursion (counted with its bound where known):")
        for cyc in sorted(cycles):
            n = name.get(cyc[0], cyc[0])
            b = BOUNDS.get(n)
            print("  " + " > ".join(name.get(f, f) for f in cyc) +
                  (f"  (bounded: {b} frames)" if b else "  (NOT bounded in this report)"))
        print()
    dyn = [t for t in size if "dynamic" in qual[t] and "bounded" not in qual[t]]
    print("unbounded dynamic frames (alloca / VLAs): " + (", ".join(name[t] for t in dyn) or "none"))
    print("not counted: BearSSL's frames and calls through function pointers "
          "(tests/cli/test_stack.c measures them)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
