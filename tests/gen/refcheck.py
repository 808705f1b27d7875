#!/usr/bin/env python3
"""refcheck.py -- a second opinion on fixtures/cases/verify.txt.

    python3 tests/gen/refcheck.py [FIXTURES_DIR]

The generator writes each case's expected rc/fail/warn by hand. This script
re-derives them from the token and JWKS bytes with a small model of the
verify semantics (documented in fixtures/cases/README.md) and lists every
case where the two disagree. It is not the product: it is slow, trusts
Python's json module for most of the grammar, and exists only to catch
mistakes in the hand-written expectations. Exit status 1 on any mismatch.
"""

import sys

sys.dont_write_bytecode = True

import json
import os
import re

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import svcrypto as C          # noqa: E402

STS_ALGS = ("RS256", "RS384", "RS512", "ES256", "ES384", "ES512")
PRIVATE = ("d", "p", "q", "dp", "dq", "qi", "oth", "k")
KEYREF = ("jwk", "jku", "x5u", "x5c")
B64URL = re.compile(r"^[A-Za-z0-9_-]*$")
CURVE_OF = {"ES256": "P-256", "ES384": "P-384", "ES512": "P-521"}
INT64 = (-(1 << 63), (1 << 63) - 1)


class InputError(Exception):
    pass


class BadJson(Exception):
    pass


def parse_manifest(path):
    cases, cur = [], None
    for line in open(path, encoding="utf-8"):
        line = line.rstrip("\n")
        if not line or line.startswith(";"):
            continue
        if line == "[case]":
            cur = {"aud": []}
            cases.append(cur)
            continue
        key, _, val = line.partition("=")
        key, val = key.strip(), val.strip()
        if key == "aud":
            cur["aud"].append(val)
        else:
            cur[key] = val
    return cases


# ---- strict JSON ---------------------------------------------------------

def strict_json(data):
    try:
        text = data.decode("utf-8")            # rejects overlong forms and bad bytes
    except UnicodeDecodeError:
        raise BadJson("utf-8")

    def pairs(items):
        keys = [k for k, _ in items]
        if len(keys) != len(set(keys)):
            raise BadJson("duplicate member")
        return dict(items)

    def no_constant(name):
        raise BadJson(name)

    try:
        obj = json.loads(text, object_pairs_hook=pairs, parse_constant=no_constant)
    except ValueError:
        raise BadJson("grammar")
    if depth(obj) > 16:
        raise BadJson("depth")
    return obj


def depth(v):
    if isinstance(v, dict):
        return 1 + max((depth(x) for x in v.values()), default=0)
    if isinstance(v, list):
        return 1 + max((depth(x) for x in v), default=0)
    return 0


def b64_strict(seg):
    if not B64URL.match(seg) or len(seg) % 4 == 1:
        raise BadJson("base64url")
    raw = C.b64u_decode(seg)
    if C.b64u(raw) != seg:                     # non-zero trailing bits
        raise BadJson("trailing bits")
    return raw


# ---- inputs ---------------------------------------------------------------

def read_token(path):
    try:
        data = open(path, "rb").read()
    except OSError:
        raise InputError("token file unreadable")
    for end in (b"\r\n", b"\n"):
        if data.endswith(end):
            data = data[:-len(end)]
            break
    if not data or b"\n" in data or b"\r" in data or data != data.strip(b" \t\r\n\v\f"):
        raise InputError("token file framing")
    return data.decode("latin-1")


def read_jwks(path):
    try:
        data = open(path, "rb").read()
    except OSError:
        raise InputError("jwks unreadable")
    try:
        doc = strict_json(data)
    except BadJson:
        raise InputError("jwks not JSON")
    if not isinstance(doc, dict) or not isinstance(doc.get("keys"), list):
        raise InputError("jwks has no keys array")
    if not all(isinstance(k, dict) for k in doc["keys"]):
        raise InputError("jwks key not an object")
    return doc["keys"]


# ---- the model ------------------------------------------------------------

def evaluate(c, root):
    """Returns (rc, fail set, warn set)."""
    try:
        tok = read_token(os.path.join(root, c["token"]))
        keys = read_jwks(os.path.join(root, c["jwks"]))
    except InputError:
        return 2, set(), set()
    now = int(c["now"])
    leeway = int(c.get("leeway", 300))
    algs = c["alg"].split(",") if "alg" in c else list(STS_ALGS)
    fail, warn = set(), set()

    try:
        if len(tok) > 20000:
            raise BadJson("too long")
        segs = tok.split(".")
        if len(segs) != 3 or not segs[0] or not segs[1]:
            raise BadJson("segments")
        hraw, praw, sig = (b64_strict(s) for s in segs)
        h, p = strict_json(hraw), strict_json(praw)
        if not isinstance(h, dict) or not isinstance(p, dict):
            raise BadJson("not an object")
    except BadJson:
        return 1, {"tok.format"}, set()

    alg = h.get("alg")
    alg_ok = isinstance(alg, str) and alg in STS_ALGS and alg in algs
    if not alg_ok:
        fail.add("hdr.alg")
    if "crit" in h or "b64" in h:
        fail.add("hdr.crit")
    if any(k in h for k in KEYREF):
        warn.add("hdr.keyref")

    nrsa = sum(1 for k in keys if k.get("kty") == "RSA")
    nec = sum(1 for k in keys if k.get("kty") == "EC")
    jwks_ok = 0 < nrsa + nec and nrsa <= 100 and nec <= 100
    if not jwks_ok:
        fail.add("jwks.keys")
    elif any(m in k for k in keys for m in PRIVATE):
        warn.add("jwks.keys")

    if alg_ok and jwks_ok:
        key = select(h, alg, keys, fail, warn)
        if key is not None and params_ok(key, alg, fail):
            if not sig_ok(key, alg, f"{segs[0]}.{segs[1]}".encode(), sig):
                fail.add("sig.valid")

    claims(p, c, now, leeway, fail, warn)
    return (1 if fail else 0), fail, warn


def select(h, alg, keys, fail, warn):
    if "kid" in h:
        kid = h["kid"]
        hits = [k for k in keys if isinstance(kid, str) and k.get("kid") == kid]
        if len(hits) != 1:
            fail.add("key.select")
            return None
        return hits[0]
    kty = "RSA" if alg.startswith("RS") else "EC"
    hits = [k for k in keys if k.get("kty") == kty]
    if len(hits) != 1:
        fail.add("key.select")
        return None
    warn.add("key.select")
    return hits[0]


def params_ok(k, alg, fail):
    ok = True
    kty = "RSA" if alg.startswith("RS") else "EC"
    if k.get("kty") != kty:
        ok = False
    if "use" in k and k["use"] != "sig":
        ok = False
    if "key_ops" in k and "verify" not in k["key_ops"]:
        ok = False
    if "alg" in k and k["alg"] != alg:
        ok = False
    if ok and kty == "RSA":
        n, e = C.b64u_decode(k["n"]), C.b2i(C.b64u_decode(k["e"]))
        bits = C.b2i(n).bit_length()
        if n[0] == 0 or not 2048 <= bits <= 4096 or e % 2 == 0 or e < 3:
            ok = False
    if ok and kty == "EC":
        size = C.CURVES[CURVE_OF[alg]].size
        if k.get("crv") != CURVE_OF[alg] or len(C.b64u_decode(k["x"])) != size \
                or len(C.b64u_decode(k["y"])) != size:
            ok = False
    if not ok:
        fail.add("key.params")
    return ok


def sig_ok(k, alg, si, sig):
    if alg.startswith("RS"):
        n, e = C.b2i(C.b64u_decode(k["n"])), C.b2i(C.b64u_decode(k["e"]))
        key = object.__new__(C.RsaKey)
        key.n, key.e, key.k = n, e, (n.bit_length() + 7) // 8
        return key.verify_pkcs1(alg, si, sig)
    curve = C.CURVES[k["crv"]]
    key = object.__new__(C.EcKey)
    key.curve = curve
    key.Q = (C.b2i(C.b64u_decode(k["x"])), C.b2i(C.b64u_decode(k["y"])))
    return curve.on_curve(key.Q) and key.verify(alg, si, sig)


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool) and INT64[0] <= v <= INT64[1]


def claims(p, c, now, leeway, fail, warn):
    iss = p.get("iss")
    if not isinstance(iss, str) or ("iss" in c and iss != c["iss"]):
        fail.add("clm.iss")
    if not isinstance(p.get("sub"), str):
        fail.add("clm.sub")
    aud = p.get("aud")
    vals = [aud] if isinstance(aud, str) else aud
    if not isinstance(vals, list) or not vals or not all(isinstance(a, str) for a in vals) \
            or (c["aud"] and not set(vals) & set(c["aud"])):
        fail.add("clm.aud")
    exp = p.get("exp")
    if not is_int(exp) or now >= exp + leeway:
        fail.add("clm.exp")
    if "nbf" in p and (not is_int(p["nbf"]) or p["nbf"] > now + leeway):
        fail.add("clm.nbf")
    if "iat" in p:
        if not is_int(p["iat"]) or p["iat"] > now + leeway:
            fail.add("clm.iat")
        elif now - p["iat"] > 86400:
            warn.add("clm.iat")


def main(argv):
    root = argv[1] if len(argv) > 1 else os.path.join(os.path.dirname(os.path.dirname(HERE)), "fixtures")
    bad = 0
    cases = parse_manifest(os.path.join(root, "cases", "verify.txt"))
    for c in cases:
        rc, fail, warn = evaluate(c, root)
        want = (int(c["rc"]), set(c.get("fail", "").split()), set(c.get("warn", "").split()))
        if (rc, fail, warn) != want:
            bad += 1
            print(f"MISMATCH {c['name']}: model rc={rc} fail={sorted(fail)} warn={sorted(warn)}; "
                  f"manifest rc={want[0]} fail={sorted(want[1])} warn={sorted(want[2])}")
    print(f"refcheck: {len(cases)} cases, {bad} mismatches")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
