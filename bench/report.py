#!/usr/bin/python3
"""report.py RESULTS.tsv INDIR SECONDS: the Markdown table `make bench` prints."""
import collections
import os
import platform
import subprocess
import sys

rows = collections.defaultdict(dict)
for line in open(sys.argv[1]):
    kind, peer, size, val = line.rstrip("\n").split("\t")
    try:
        rows[kind][(peer, size)] = float(val)
    except ValueError:
        pass
secs = int(sys.argv[3])
SIZES = sorted({s for (_, s) in rows["single"]}, key=int)
PEERS = ["stsverify", "stsverify-bearssl", "openssl", "jose", "libjwt", "pyjwt", "jwcrypto",
         "node-jsonwebtoken", "node-jose", "aws-cli"]
WHAT = {
    "stsverify": "stsverify verify (every check; RSA fast path)",
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
load = os.getloadavg()
p("# stsverify benchmark")
p("")
p("Machine: %s, %d CPUs, load average %.1f %.1f %.1f at the end; `make bench` took %d s." % (
    platform.machine(), os.cpu_count(), load[0], load[1], load[2], secs))
p("Medians of many runs (hyperfine); instructions from callgrind (repeatable). Ratios are")
p("*peer / stsverify* for time, RSS and size (higher = stsverify ahead) and *stsverify / peer* for")
p("throughput. Figures, not verdicts: see docs/bench.md for how to read them.")
p("")
p("## One verification as a whole process (RS256): median wall time")
p("")
hdr = "| peer | " + " | ".join("%s ms | ratio" % s for s in SIZES) + " | peak RSS MiB (%s) | ratio | footprint MiB | ratio |" % SIZES[0]
p(hdr)
p("|" + "---|" * (1 + 2 * len(SIZES) + 4))
base = {s: rows["single"].get(("stsverify", s)) for s in SIZES}
rss0 = rows["rss"].get(("stsverify", SIZES[0]))
fp0 = rows["footprint"].get(("stsverify", "-"))
for peer in PEERS:
    cells = []
    if not any((peer, s) in rows["single"] for s in SIZES):
        continue
    for s in SIZES:
        v = rows["single"].get((peer, s))
        cells += [ms(v), x(v / base[s])] if v and base[s] else ["-", "-"]
    r = rows["rss"].get((peer, SIZES[0])) or rows["rss"].get((peer, "2048"))
    f = rows["footprint"].get((peer, "-"))
    cells += [("%.1f" % (r / 1024), x(r / rss0)) if r and rss0 else ("-", "-")][0]
    cells += [(mib(f), x(f / fp0)) if f and fp0 else ("-", "-")][0]
    p("| %s | %s |" % (WHAT[peer], " | ".join(cells)))
p("")
p("## Batch: 10,000 Kubernetes-shaped tokens, keys parsed once, one process")
p("")
p("| peer | " + " | ".join("%s tokens/s | stsverify is" % s for s in SIZES) + " |")
p("|" + "---|" * (1 + 2 * len(SIZES)))
bb = {s: rows["batch"].get(("stsverify", s)) for s in SIZES}
for peer in PEERS:
    if not any((peer, s) in rows["batch"] for s in SIZES):
        continue
    cells = []
    for s in SIZES:
        v = rows["batch"].get((peer, s))
        cells += ["%.0f" % (10000 / v), x(v / bb[s])] if v and bb[s] else ["-", "-"]
    p("| %s | %s |" % (WHAT[peer], " | ".join(cells)))
p("| ceiling: `openssl speed` RSA verify/s (no JWT work at all) | %s |" % " | ".join(
    "%.0f | %s" % (rows["speed"].get(("openssl", s), 0),
                   x(rows["speed"].get(("openssl", s), 0) * bb[s] / 10000) + " of it" if bb[s] else "-")
    for s in SIZES))
p("")
p("Tokens/s is 10,000 / the median wall time of the whole batch process (start-up included).")
p("")
p("## stsverify instructions (callgrind)")
p("")
p("| build | " + " | ".join("%s per token | %s per process" % (s, s) for s in SIZES) + " |")
p("|" + "---|" * (1 + 2 * len(SIZES)))
for peer in ("stsverify", "stsverify-bearssl"):
    cells = []
    for s in SIZES:
        cells += ["{:,}".format(int(rows["instr-token"].get((peer, s), 0))),
                  "{:,}".format(int(rows["instr-process"].get((peer, s), 0)))]
    p("| %s | %s |" % (WHAT[peer], " | ".join(cells)))
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
print("\n".join(out))
