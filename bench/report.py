#!/usr/bin/python3
"""report.py RESULTS.tsv INDIR SECONDS: the Markdown table `make bench` prints."""
import collections
import json
import os
import platform
import subprocess
import sys

rows = collections.defaultdict(dict)   # kind -> (peer, size) -> float
why = collections.defaultdict(dict)    # kind -> (peer, size) -> "n/a (...)" text
na = {}                                # peer -> reason it has no figures at all
rows_load = None                       # "1.0 2.0 3.0": /proc/loadavg when run.sh ended
for line in open(sys.argv[1]):
    kind, peer, size, val = line.rstrip("\n").split("\t", 3)
    if kind == "na":
        na[peer] = val
        continue
    if kind == "load":
        rows_load = val
        continue
    try:
        rows[kind][(peer, size)] = float(val)
    except ValueError:
        why[kind][(peer, size)] = val if val.startswith("n/a") else "n/a (%s)" % (val or "no figure")
secs = int(sys.argv[3])
SIZES = sorted({s for (_, s) in list(rows["single"]) + list(why["single"]) if s != "-"}, key=int)
SIZES = [s for s in SIZES if any(k[1] == s and k[0] != "aws-cli" for k in list(rows["single"]) + list(why["single"]))] or SIZES


def cell(kind, peer, size):
    """'n/a (reason)' when the peer or this figure is missing, else None."""
    if (peer, size) in rows[kind]:
        return None
    if peer in na:
        return "n/a (%s)" % na[peer]
    return why[kind].get((peer, size), "n/a (not measured)")


def versions():
    q = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Version}\n", "libbearssl-dev", "openssl",
                        "jose", "libjwt-dev", "python3-jwt", "python3-jwcrypto", "python3-cryptography",
                        "awscli", "nodejs", "hyperfine", "valgrind"], capture_output=True, text=True).stdout
    v = [l for l in q.splitlines() if l.strip()]
    for pkg in ("jsonwebtoken", "jose"):
        try:
            with open(os.path.join(os.path.dirname(sys.argv[2]), "node_modules", pkg, "package.json")) as f:
                v.append("npm %s %s" % (pkg, json.load(f)["version"]))
        except (OSError, ValueError):
            v.append("npm %s: not installed" % pkg)
    return v


PEERS = ["stsverify", "stsverify-check", "stsverify-static", "stsverify-static-check", "stsverify-bearssl", "openssl", "jose", "libjwt", "pyjwt", "jwcrypto",
         "node-jsonwebtoken", "node-jose", "aws-cli"]
WHAT = {
    "stsverify": "stsverify verify (every check; RSA fast path)",
    "stsverify-check": "stsverify check --dir (every STS gate, offline)",
    "stsverify-static": "stsverify verify, static musl build",
    "stsverify-static-check": "stsverify check --dir, static musl build",
    "stsverify-bearssl": "stsverify, RSA through BearSSL (-DSV_RSA_BEARSSL)",
    "openssl": "openssl dgst -verify (signature only, shell split)",
    "jose": "jose jws ver (latchset; signature only)",
    "libjwt": "libjwt 1.10 + C driver (sig, exp, aud)",
    "pyjwt": "PyJWT 2.6 (Debian; sig, exp, aud)",
    "jwcrypto": "jwcrypto 1.1 (Debian; sig, exp, aud)",
    "node-jsonwebtoken": "node jsonwebtoken (npm; sig, exp, aud)",
    "node-jose": "node jose (npm; sig, exp, aud)",
    "aws-cli": "aws sts assume-role-with-web-identity (mock STS)",
}


def ms(v):
    return "%.1f" % (v * 1000) if v < 10 else "%.0f" % (v * 1000)


def x(v):
    return "%.1fx" % v if v < 100 else "%.0fx" % v


def mib(b):
    return "%.1f" % (b / 1048576.0)


out = []
p = out.append
load = [float(v) for v in rows_load.split()] if rows_load else os.getloadavg()
p("# stsverify benchmark")
p("")
p("Machine: %s, %d CPUs, load average %.1f %.1f %.1f at the end; `make bench` took %d s." % (
    platform.machine(), os.cpu_count(), load[0], load[1], load[2], secs))
runs = os.environ.get("BENCH_RUNS")
p("hyperfine: %s per one-process command (--warmup 2); batches: %s runs, no warm-up." % (
    "%s runs (BENCH_RUNS)" % runs if runs else "its default (at least 10 runs, 3 s)",
    os.environ.get("BENCH_BATCH_RUNS", "3")))
p("Versions: " + "; ".join(versions()) + ".")
p("Medians of many runs (hyperfine); instructions from callgrind (repeatable). Ratios are")
p("*peer / stsverify* for time, RSS and size (higher = stsverify ahead) and *stsverify / peer* for")
p("throughput. Figures, not verdicts: see docs/bench.md for how to read them.")
p("")
p("## One verification as a whole process (RS256): median wall time")
p("")
hdr = "| peer | " + " | ".join("%s ms | ratio" % s for s in SIZES) + " | peak RSS KiB (%s) | ratio | footprint MiB | ratio |" % SIZES[0]
p(hdr)
p("|" + "---|" * (1 + 2 * len(SIZES) + 4))
base = {s: rows["single"].get(("stsverify", s)) for s in SIZES}
rss0 = rows["rss"].get(("stsverify", SIZES[0]))
fp0 = rows["footprint"].get(("stsverify", "-"))
for peer in PEERS:
    cells = []
    if not any((peer, s) in rows["single"] or (peer, s) in why["single"] for s in SIZES) and peer not in na:
        continue
    for s in SIZES:
        v = rows["single"].get((peer, s))
        if peer == "aws-cli" and s != "2048":
            cells += ["-", "-"]
            continue
        cells += [ms(v), x(v / base[s])] if v and base[s] else [cell("single", peer, s), "-"]
    rs = "2048" if peer == "aws-cli" else SIZES[0]
    r = rows["rss"].get((peer, rs))
    f = rows["footprint"].get((peer, "-"))
    cells += [("%.0f" % r, x(r / rss0)) if r and rss0 else (cell("rss", peer, rs), "-")][0]
    cells += [(mib(f), x(f / fp0)) if f and fp0 else ("-", "-")][0]
    p("| %s | %s |" % (WHAT[peer], " | ".join(cells)))
p("")
p("Ratio: peer / `stsverify verify` (the first row). The AWS CLI row is 2048 bits only.")
p("Peak RSS: VmHWM when the process exits (bench/peers/maxrss.c; exact, where getrusage's")
p("ru_maxrss, GNU time's figure, can miss up to 32 pages per CPU on Linux >= 6.2). stsverify rows:")
p("")
p("| build | ru_maxrss KiB | VmHWM KiB | Rss at exit KiB |")
p("|---|---|---|---|")
for peer in ("stsverify", "stsverify-check", "stsverify-static", "stsverify-static-check"):
    if (peer, SIZES[0]) in rows["rss"]:
        p("| %s (%s) | %s | %s | %s |" % (WHAT[peer], SIZES[0],
          "%.0f" % rows["rss-ru"][(peer, SIZES[0])] if (peer, SIZES[0]) in rows["rss-ru"] else "-",
          "%.0f" % rows["rss"][(peer, SIZES[0])],
          "%.0f" % rows["rss-exit"][(peer, SIZES[0])] if (peer, SIZES[0]) in rows["rss-exit"] else "-"))


def cpu_s(kind, peer, s):
    """Mean user+system CPU seconds of hyperfine's runs of kind-peer-s (its JSON), or None."""
    try:
        with open(os.path.join(os.path.dirname(sys.argv[1]), "%s-%s-%s.json" % (kind, peer, s))) as f:
            r = json.load(f)["results"][0]
        return r["user"] + r["system"]
    except (OSError, ValueError, KeyError, IndexError):
        return None


def cpu_table(intro, peers, val, head, cell, ratio):
    """The intro lines, then one row per peer with a figure: val(peer, size) per size,
    printed by cell, with ratio(stsverify's, the peer's) beside it. Nothing without
    stsverify's own figures."""
    base = {s: val("stsverify", s) for s in SIZES}
    if not any(base.values()):
        return
    p("")
    for line in intro:
        p(line)
    p("")
    p("| peer | " + " | ".join("%s %s | %s" % (s, head[0], head[1]) for s in SIZES) + " |")
    p("|" + "---|" * (1 + 2 * len(SIZES)))
    for peer in peers:
        v = [val(peer, s) for s in SIZES]
        if not any(v):
            continue
        cells = []
        for s, c in zip(SIZES, v):
            cells += [cell(c), x(ratio(base[s], c))] if c and base[s] else ["-", "-"]
        p("| %s | %s |" % (WHAT[peer], " | ".join(cells)))


def single_cpu(peer, s):
    return cpu_s("single", peer, s)


cpu_table(("The same processes by CPU time: mean user + system ms per run, from the same hyperfine runs.",
           "A process waiting for a core uses none, so this moves less with other work on the machine",
           "than the wall-time medians; what it leaves out is time spent waiting (page cache misses,",
           "scheduling), which a user does see."),
          PEERS, single_cpu, ("CPU ms", "ratio"), ms, lambda base, c: c / base)
p("")
p("## Batch: 10,000 Kubernetes-shaped tokens, keys parsed once, one process")
p("")
p("| peer | " + " | ".join("%s tokens/s | stsverify is" % s for s in SIZES) + " |")
p("|" + "---|" * (1 + 2 * len(SIZES)))
bb = {s: rows["batch"].get(("stsverify", s)) for s in SIZES}
BATCHERS = ("stsverify", "stsverify-bearssl", "libjwt", "pyjwt", "jwcrypto", "node-jsonwebtoken", "node-jose")
for peer in BATCHERS:
    if not any((peer, s) in rows["batch"] or (peer, s) in why["batch"] for s in SIZES) and peer not in na:
        continue
    cells = []
    for s in SIZES:
        v = rows["batch"].get((peer, s))
        cells += ["%.0f" % (10000 / v), x(v / bb[s])] if v and bb[s] else [cell("batch", peer, s), "-"]
    p("| %s | %s |" % (WHAT[peer], " | ".join(cells)))
cl = []
for s in SIZES:
    sp = rows["speed"].get(("openssl", s))
    if sp:
        cl.append("%.0f | %s" % (sp, "stsverify %.0f%% of it" % (100 * 10000 / bb[s] / sp) if bb[s] else "-"))
    else:
        cl.append("%s | -" % cell("speed", "openssl", s))
p("| ceiling: `openssl speed` RSA verify/s (no JWT work at all) | %s |" % " | ".join(cl))
p("")
p("Tokens/s is 10,000 / the median wall time of the whole batch process (start-up included).")


def batch_rate(peer, s):
    """10,000 / the mean user+system CPU seconds of the batch runs."""
    c = cpu_s("batch", peer, s)
    return 10000 / c if c else None


cpu_table(("The same batches by CPU time: 10,000 / mean (user + system) seconds. Less sensitive to other",
           "work on the machine than wall time (a process waiting for a core uses none), though not immune;",
           "node's extra threads count against it."),
          BATCHERS, batch_rate, ("tokens/CPU-s", "stsverify is"), lambda c: "%.0f" % c,
          lambda base, c: base / c)
p("")
p("## stsverify instructions (callgrind)")
p("")
p("| build | " + " | ".join("%s per token | %s per process" % (s, s) for s in SIZES) + " |")
p("|" + "---|" * (1 + 2 * len(SIZES)))
def num(kind, peer, s):
    v = rows[kind].get((peer, s))
    return "{:,}".format(int(v)) if v is not None else cell(kind, peer, s)


for peer in ("stsverify", "stsverify-bearssl"):
    cells = []
    for s in SIZES:
        cells += [num("instr-token", peer, s), num("instr-process", peer, s)]
    p("| %s | %s |" % (WHAT[peer], " | ".join(cells)))
p("| %s | %s |" % (WHAT["stsverify-check"], " | ".join("- | " + num("instr-check", "stsverify", s) for s in SIZES)))
p("")
p("Per token: (instructions for 101 tokens - for 1 token) / 100 in one batch process.")
p("")
p("## Linearity (stsverify, 2048-bit key, one process)")
p("")
p("| JWKS keys (token's key last) | instructions | median ms |")
p("|---|---|---|")
for (peer, n), v in sorted(rows["lin-jwks"].items(), key=lambda kv: int(kv[0][1])):
    p("| %s | {:,} | %s |".format(int(v)) % (n, ms(rows["lin-jwks-time"].get((peer, n), 0))))
p("")
p("| token bytes | instructions | median ms |")
p("|---|---|---|")
for (peer, n), v in sorted(rows["lin-size"].items(), key=lambda kv: int(kv[0][1])):
    p("| %s | {:,} | %s |".format(int(v)) % (n, ms(rows["lin-size-time"].get((peer, n), 0))))
for (peer, n), v in why["lin-size"].items():
    p("| %s | %s | - |" % (n, v))

# the targets, as figures: this prints them, it never fails on them
OTHERS = [q for q in PEERS if not q.startswith("stsverify")]
p("")
p("## Targets (figures from this run; `make bench` never fails on them)")
p("")
p("| size | fastest peer process | ms | `check` ms (host) | x faster | `check` ms (static) | x faster | fastest batch peer | tokens/s | stsverify tokens/s | stsverify / peer |")
p("|" + "---|" * 11)
for s in SIZES:
    sp = [(rows["single"][(q, s)], q) for q in OTHERS if (q, s) in rows["single"]]
    bp = [(rows["batch"][(q, s)], q) for q in BATCHERS if not q.startswith("stsverify") and (q, s) in rows["batch"]]
    c = [rows["single"].get(("stsverify-check", s)), rows["single"].get(("stsverify-static-check", s))]
    f = min(sp) if sp else None
    b = min(bp) if bp else None
    p("| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
        s, f[1] if f else "-", ms(f[0]) if f else "-",
        ms(c[0]) if c[0] else "-", x(f[0] / c[0]) if f and c[0] else "-",
        ms(c[1]) if c[1] else "-", x(f[0] / c[1]) if f and c[1] else "-",
        b[1] if b else "-", "%.0f" % (10000 / b[0]) if b else "-",
        "%.0f" % (10000 / bb[s]) if bb[s] else "-", x(b[0] / bb[s]) if b and bb[s] else "-"))
p("")
p("The same one-process comparison by CPU time (mean user + system per run):")
p("")
p("| size | fastest peer process by CPU | CPU ms | static `check` CPU ms | x faster |")
p("|---|---|---|---|---|")
for s in SIZES:
    sp = [(c, q) for c, q in ((single_cpu(q, s), q) for q in OTHERS) if c]
    c = single_cpu("stsverify-static-check", s)
    f = min(sp) if sp else None
    p("| %s | %s | %s | %s | %s |" % (s, f[1] if f else "-", ms(f[0]) if f else "-",
      ms(c) if c else "-", x(f[0] / c) if f and c else "-"))
r = rows["rss"].get(("stsverify-static-check", SIZES[0]))
p("")
p("Targets: one `check` process >= 5x faster than the fastest peer process; <= 1024 KiB peak RSS")
p("for the static build's `check` (here: %s); batch tokens/s >= the fastest batch peer's." % (
    "%.0f KiB VmHWM at %s bits" % (r, SIZES[0]) if r else cell("rss", "stsverify-static-check", SIZES[0])))
print("\n".join(out))
