#!/bin/sh
# tests/fuzz/seed.sh [FIXTURES] -- (re)writes the seed corpora fixtures/fuzz/<target>/
# from our own generated fixtures (never from ../shared). Deterministic: the
# same fixture tree gives byte-identical corpora, so `git diff` shows what a
# fixture change did. fixtures/fuzz/crashes/ (past crashes) is never touched.
#
#   json     every JSON document in the tree, the decoded header and claims
#            of every token, and three synthetic objects of 140-300 names
#   token    every token file as is, and each decodable one in the harness's
#            structured form: header JSON, NUL, claims JSON, NUL, signature
#   jwks     every JWKS and JWK file
#   verify   token file + JWKS file of every case in cases/verify.txt
#   sigflip  one edit script per accepted case and mode
#   b64      every token segment; the JWK members n, e, x, y
#   time     every `now` of the manifest, and the boundaries of both forms
#   like     IAM StringLike pattern/value pairs (flags byte, pattern, NUL, value)
#
# Files larger than 64 KiB are left out (libFuzzer sizes -max_len from the
# seeds; the big-JWKS limits have their own unit tests).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
fix=${1:-$repo/fixtures}
[ -f "$fix/cases/verify.txt" ] || { echo "seed.sh: no $fix/cases/verify.txt (run make fixtures)" >&2; exit 2; }
exec python3 - "$fix" "$repo/fixtures/fuzz" <<'EOF'
import base64, json, os, re, shutil, sys

sys.dont_write_bytecode = True
fix, out = sys.argv[1], sys.argv[2]
MAX = 65536
targets = ("json", "token", "jwks", "verify", "sigflip", "b64", "time", "like")
corp = {t: {} for t in targets}

def put(target, name, data):
    if isinstance(data, str):
        data = data.encode()
    if len(data) > MAX:
        return
    name = re.sub(r"[^A-Za-z0-9._-]", "_", name)
    if data in corp[target].values():
        return                                  # same bytes under another name
    assert name not in corp[target], (target, name)
    corp[target][name] = data

def files(sub, ext):
    d = os.path.join(fix, sub)
    if not os.path.isdir(d):
        return []
    return sorted(os.path.join(sub, f) for f in os.listdir(d) if f.endswith(ext))

def read(rel):
    with open(os.path.join(fix, rel), "rb") as f:
        return f.read()

def b64d(s):
    return base64.urlsafe_b64decode(s + b"=" * (-len(s) % 4))

# JSON documents and JWKS
for sub in sorted(d for d in os.listdir(fix) if os.path.isdir(os.path.join(fix, d)) and d != "fuzz"):
    for rel in files(sub, ".json"):
        data = read(rel)
        put("json", rel, data)
        if sub in ("jwks", "keys"):
            put("jwks", rel, data)
            try:
                doc = json.loads(data)
            except ValueError:
                continue
            keys = doc.get("keys", [doc]) if isinstance(doc, dict) else []
            for i, k in enumerate(keys if isinstance(keys, list) else []):
                for m in ("n", "e", "x", "y"):
                    if isinstance(k, dict) and isinstance(k.get(m), str):
                        put("b64", f"{rel}.{i}.{m}", k[m])

# tokens
for rel in files("tokens", ".jwt"):
    data = read(rel)
    put("token", rel, data)
    line = data.rstrip(b"\r\n")
    segs = line.split(b".")
    for i, s in enumerate(segs[:3]):
        put("b64", f"{rel}.seg{i}", s)
    if len(segs) == 3:
        try:
            h, p, s = b64d(segs[0]), b64d(segs[1]), b64d(segs[2])
        except (ValueError, base64.binascii.Error):
            continue
        if b"\0" in h or b"\0" in p:
            continue
        put("token", rel + ".split", h + b"\0" + p + b"\0" + s)
        put("json", rel + ".header", h)
        put("json", rel + ".claims", p)

# the verify manifest
cases, cur = [], None
for line in read("cases/verify.txt").decode().splitlines():
    if line == "[case]":
        cur = {}
        cases.append(cur)
    elif cur is not None and " = " in line:
        k, v = line.split(" = ", 1)
        cur.setdefault(k, v)
nows = set()
accepted = 0
for c in cases:
    nows.add(c["now"])
    try:
        tok, jwks = read(c["token"]), read(c["jwks"])
    except OSError:
        continue                                # the input-missing cases
    if not tok.endswith(b"\n"):
        tok += b"\n"                            # the harness splits at the first '\n'
    put("verify", c["name"], tok + jwks)
    if c["rc"] == "0":
        # sigflip: byte 0 picks the case (in manifest order), byte 1 the mode
        for mode in (0, 1):
            put("sigflip", f"{c['name']}.mode{mode}",
                bytes([accepted % 256, mode, 2, 0, 7, 0, 0, 1, 1, 0, 0, 9]))
        accepted += 1

# json: objects large enough for the blocked duplicate-name check (128 names a block)
for n, dup in ((300, None), (300, 250), (140, 129)):
    names = ["n%03d" % i for i in range(n)]
    if dup is not None:
        names[dup] = "\\u006e%03d" % (dup - 129)
    put("json", f"synthetic-object-{n}" + (f"-dup-{dup}" if dup is not None else ""),
        "{" + ",".join(f'"{k}":{i}' for i, k in enumerate(names)) + "}")

# time: the manifest's clocks and the edges of both forms
for n in sorted(nows):
    put("time", "now-" + n, n)
for name, s in (("epoch", "0"), ("negative", "-1"), ("12-digits", "999999999999"),
                ("13-digits", "9999999999999"), ("rfc3339", "2026-09-21T14:13:20Z"),
                ("rfc3339-lower", "2026-09-21t14:13:20z"), ("leap-day", "2024-02-29T00:00:00Z"),
                ("not-leap", "2100-02-29T00:00:00Z"), ("year-0", "0000-01-01T00:00:00Z"),
                ("year-9999", "9999-12-31T23:59:59Z"), ("offset", "2026-09-21T14:13:20+00:00"),
                ("leap-second", "2016-12-31T23:59:60Z"), ("int64-bytes", b"\x7f\xff\xff\xff\xff\xff\xff\xff")):
    put("time", name, s)

# like: flags (bit 0 = case-insensitive), pattern, NUL, value
for name, flags, pat, val in (
        ("sa-star", 0, "system:serviceaccount:*", "system:serviceaccount:default:app"),
        ("sa-exact", 0, "system:serviceaccount:kube-system:aws-node", "system:serviceaccount:kube-system:aws-node"),
        ("question", 0, "app-?", "app-1"),
        ("utf8-question", 0, "caf?", "caf\u00e9"),
        ("two-stars", 0, "*:*:app", "system:serviceaccount:ns:app"),
        ("nocase", 1, "Sts.AmazonAWS.com", "sts.amazonaws.com"),
        ("backtrack", 0, "*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
        ("empty-pattern", 0, "", ""),
        ("star-only", 0, "*", "")):
    put("like", name, bytes([flags]) + pat.encode() + b"\0" + val.encode())

for t in targets:
    d = os.path.join(out, t)
    if os.path.isdir(d):
        shutil.rmtree(d)
    os.makedirs(d)
    for name, data in sorted(corp[t].items()):
        with open(os.path.join(d, name), "wb") as f:
            f.write(data)
print("seed.sh: " + ", ".join(f"{t} {len(corp[t])}" for t in targets) + f" -> {out}")
EOF
