#!/usr/bin/env python3
"""check_containerfiles.py [FILE...] -- check deploy/Containerfile* without a
container engine (run by tests/deploy/test_deploy.c; none can run here).

What can be checked without building: every logical line (backslash
continuations joined, comments and blank lines left out) is a known
instruction with arguments; the first is FROM (ARGs may come before); stage
names are unique and COPY --from names an earlier stage; exec forms
(ENTRYPOINT, CMD, RUN, SHELL [...]) are JSON arrays of strings; every COPY/ADD
source from the build context is a file of this checkout or what a Makefile
target writes (build/...: named in the Makefile); USER is not root. A final
stage FROM scratch holds no shell: no RUN, no shell-form ENTRYPOINT or CMD, and
its ENTRYPOINT names a file the stage copied in.

Prints one line per file ("ok" or one FAIL line per problem, with the line
number), then a total; exit 1 when anything failed.
"""
import glob
import json
import os
import re
import sys

INSTRUCTIONS = {"FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD", "COPY", "ENTRYPOINT", "VOLUME",
                "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL"}
EXEC_FORM = {"ENTRYPOINT", "CMD", "RUN", "SHELL"}


def logical_lines(text):
    """(line number, text) of each instruction, continuations joined."""
    out, cur, start = [], None, 0
    for n, raw in enumerate(text.split("\n"), 1):
        line = raw.rstrip()
        if cur is None:
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            cur, start = "", n
        elif line.lstrip().startswith("#"):
            continue                        # a comment inside a continued instruction
        if line.endswith("\\"):
            cur += line[:-1] + " "
            continue
        out.append((start, (cur + line).strip()))
        cur = None
    if cur is not None:
        out.append((start, cur.strip() + " \\"))   # ends in a continuation
    return out


def check(path, makefile):
    errs = []
    try:
        text = open(path).read()
    except OSError as e:
        return ["cannot read: %s" % e.strerror]
    stages = []          # [{"name", "base", "line", "copied", "run", "entry"}]
    seen_from = False
    for n, line in logical_lines(text):
        where = "line %d" % n
        if line.endswith(" \\"):
            errs.append("%s: the file ends inside a continued line" % where)
            break
        word, _, args = line.partition(" ")
        ins = word.upper()
        args = args.strip()
        if ins not in INSTRUCTIONS:
            errs.append("%s: unknown instruction %s" % (where, word))
            continue
        if word != ins:
            errs.append("%s: %s: instructions are written in capitals (a convention Docker does not enforce)" % (where, word))
        if not args:
            errs.append("%s: %s without arguments" % (where, ins))
            continue
        if not seen_from and ins not in ("FROM", "ARG"):
            errs.append("%s: %s before the first FROM" % (where, ins))
            continue
        if ins == "FROM":
            seen_from = True
            mo = re.fullmatch(r"(?:--platform=\S+\s+)?(\S+)(?:\s+[Aa][Ss]\s+([a-z0-9][a-z0-9_.-]*))?", args)
            if not mo:
                errs.append("%s: FROM takes IMAGE [AS name], saw %r" % (where, args))
                continue
            name = mo.group(2)
            if name and any(s["name"] == name for s in stages):
                errs.append("%s: stage name %s used twice" % (where, name))
            stages.append({"name": name, "base": mo.group(1), "line": n, "copied": set(), "run": [],
                           "entry": None})
            continue
        st = stages[-1] if stages else None
        if ins in EXEC_FORM and args.startswith("["):
            try:
                v = json.loads(args)
                if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                    raise ValueError
            except ValueError:
                errs.append("%s: %s exec form is not a JSON array of strings: %s" % (where, ins, args))
                continue
        if ins == "RUN":
            st["run"].append(n)
        if ins in ("ENTRYPOINT", "CMD"):
            if ins == "ENTRYPOINT" or st["entry"] is None:
                st["entry"] = (n, ins, args)
        if ins == "USER":
            user = args.split(":")[0]
            if user in ("0", "root"):
                errs.append("%s: USER %s runs as root" % (where, args))
        if ins in ("COPY", "ADD"):
            parts = args.split()
            opts = [p for p in parts if p.startswith("--")]
            files = [p for p in parts if not p.startswith("--")]
            if len(files) < 2:
                errs.append("%s: %s needs a source and a destination" % (where, ins))
                continue
            src, dest = files[:-1], files[-1]
            frm = [o.split("=", 1)[1] for o in opts if o.startswith("--from=")]
            if frm:
                names = [s["name"] for s in stages[:-1]]
                if frm[0] not in names and not re.search(r"[/:]", frm[0]):
                    errs.append("%s: COPY --from=%s names no earlier stage" % (where, frm[0]))
            else:
                for s in src:
                    if os.path.exists(s):
                        continue
                    if s.startswith("build/") and (s in makefile or built_by_make(s, makefile)):
                        continue
                    errs.append("%s: %s source %s is not in the checkout, nor written by a make target" %
                                (where, ins, s))
            if len(src) == 1 and not dest.endswith("/"):
                st["copied"].add(dest)
            else:
                st["copied"].update(dest.rstrip("/") + "/" + os.path.basename(s) for s in src)
    if not stages:
        errs.append("no FROM")
    elif stages[-1]["base"] == "scratch":
        last = stages[-1]
        for n in last["run"]:
            errs.append("line %d: RUN in a FROM scratch stage (there is no shell)" % n)
        if not last["entry"]:
            errs.append("line %d: a FROM scratch stage needs an ENTRYPOINT or CMD" % last["line"])
        else:
            n, ins, args = last["entry"]
            if not args.startswith("["):
                errs.append("line %d: %s in shell form in a FROM scratch stage (there is no /bin/sh)" % (n, ins))
            else:
                prog = (json.loads(args) or [""])[0]
                if prog not in last["copied"]:
                    errs.append("line %d: %s runs %s, which the stage does not COPY in" % (n, ins, prog))
    return errs


def built_by_make(src, makefile):
    """build/<CONF>[-none]/stsverify: the binary `make CONF=<CONF>` writes
    (BIN = $(BUILD)/stsverify), for a CONF that has its toolchain/<CONF>.mk.
    A fresh checkout has no build/ yet, so existence cannot be the test."""
    m = re.fullmatch(r"build/([A-Za-z0-9_.]+(?:-[A-Za-z0-9_.]+)*?)(-none)?/stsverify", src)
    return bool(m) and os.path.exists("toolchain/%s.mk" % m.group(1)) and "$(BUILD)/stsverify" in makefile


def main(argv):
    files = argv[1:] or sorted(glob.glob("deploy/Containerfile*"))
    try:
        makefile = open("Makefile").read()
    except OSError:
        makefile = ""
    nbad = 0
    for path in files:
        errs = check(path, makefile)
        if errs:
            nbad += 1
            for e in errs:
                print("%s: FAIL: %s" % (path, e))
        else:
            print("%s: ok" % path)
    print("%d files: %d failed" % (len(files), nbad))
    return 1 if nbad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
