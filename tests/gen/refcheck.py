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

import base64
import hashlib
import json
import os
import re
import urllib.parse

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
    # any whitespace left after one line end is a broken file, not a token
    if not data or any(c in data for c in b" \t\r\n\v\f"):
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
    """A verify case: (rc, fail set, warn set)."""
    try:
        tok = read_token(os.path.join(root, c["token"]))
        keys = read_jwks(os.path.join(root, c["jwks"]))
    except InputError:
        return 2, set(), set()
    fail, warn, _, _ = core(tok, keys, int(c["now"]), int(c.get("leeway", 300)),
                            c["alg"].split(",") if "alg" in c else list(STS_ALGS), c["aud"], c.get("iss"))
    return (1 if fail else 0), fail, warn


def core(tok, keys, now, leeway, algs, auds, iss):
    """The verify rows: (fail, warn, header, claims); header/claims None if undecodable."""
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
        return {"tok.format"}, set(), None, None

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

    claims(p, auds, iss, now, leeway, fail, warn)
    return fail, warn, h, p


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


def claims(p, auds, want_iss, now, leeway, fail, warn):
    iss = p.get("iss")
    if not isinstance(iss, str) or (want_iss is not None and iss != want_iss):
        fail.add("clm.iss")
    if not isinstance(p.get("sub"), str):
        fail.add("clm.sub")
    aud = p.get("aud")
    vals = [aud] if isinstance(aud, str) else aud
    if not isinstance(vals, list) or not vals or not all(isinstance(a, str) for a in vals) \
            or (auds and not set(vals) & set(auds)):
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


# ---- check bundles ---------------------------------------------------------

ARN_RE = re.compile(r"^arn:(aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f):iam::(\d{12}):"
                    r"role/(?:[\x21-\x7e]+/)?([\w+=,.@-]{1,64})$")
TAGS = "https://aws.amazon.com/tags"


def usable_aud(p):
    a = p.get("aud")
    vals = [a] if isinstance(a, str) else a
    ok = isinstance(vals, list) and vals and all(isinstance(v, str) for v in vals)
    return vals if ok else None


def like(pattern, value):
    rx = "".join(".*" if ch == "*" else "." if ch == "?" else re.escape(ch) for ch in pattern)
    return re.fullmatch(rx, value, re.S) is not None


def cond_true(cond, ctx):
    """IAM condition block against ctx {lowercased key: [values]}; every operator must hold."""
    for op, block in cond.items():
        for key, want in block.items():
            want = want if isinstance(want, list) else [want]
            have = ctx.get(key.lower())
            setop, _, base = op.rpartition(":")
            match = like if base.startswith("StringLike") else (lambda a, b: a == b)
            if not have:
                return False                      # positive operators on a missing key
            hits = [any(match(w, h) for w in want) for h in have]
            if setop == "ForAllValues":
                ok = all(hits)
            else:                                 # ForAnyValue, and single-valued keys
                ok = any(hits)
            if not ok:
                return False
    return True


def action_has(action, name):
    acts = action if isinstance(action, list) else [action]
    return any(like(a, name) for a in acts)


def principals(st):
    fed = st.get("Principal", {}).get("Federated", [])
    return fed if isinstance(fed, list) else [fed]


def credentials_keys(raw):
    """The [default] keys of the credentials ini, or of a Secret's base64 data.credentials."""
    text = raw.decode()
    if text.lstrip().startswith("{"):
        text = base64.b64decode(json.loads(text)["data"]["credentials"]).decode()
    keys = {}
    for line in text.splitlines():
        if "=" in line and not line.lstrip().startswith(("#", ";", "[")):
            k, _, v = line.partition("=")
            keys[k.strip().lower()] = v.strip()
    return keys


def thumbprint_fails(d, disc, prov):
    """prov.thumbprint: SHA-1 of chain.pem's last certificate not listed, for a host AWS does not
    verify with its CA library (S3, Google, Auth0 are exempt)."""
    path = os.path.join(d, "chain.pem")
    if not os.path.exists(path) or not prov.get("ThumbprintList"):
        return False
    ders = re.findall(r"-----BEGIN CERTIFICATE-----\n(.*?)-----END CERTIFICATE-----", open(path).read(), re.S)
    thumb = hashlib.sha1(base64.b64decode("".join(ders[-1].split()))).hexdigest()
    host = urllib.parse.urlparse(str(disc.get("jwks_uri", ""))).hostname or ""
    labels = host.split(".")
    if host.endswith((".amazonaws.com", ".amazonaws.com.cn")) and any(
            lab == "s3" or lab.startswith("s3-") for lab in labels):
        return False
    if host in ("www.googleapis.com", "accounts.google.com") or host.endswith(".auth0.com"):
        return False
    return thumb not in [t.lower() for t in prov["ThumbprintList"]]


def check_bundle(d):
    def text(name):
        return open(os.path.join(d, name), "rb").read()
    expect = dict(line.split(" =", 1) for line in text("expect").decode().splitlines())
    expect = {k: v.strip() for k, v in expect.items()}
    now = int(expect["now"])
    disc = json.loads(text("openid-configuration.json"))
    prov = json.loads(text("provider.json"))
    role = json.loads(text("role.json"))["Role"]
    policy = role["AssumeRolePolicyDocument"]
    if isinstance(policy, str):                 # the raw IAM API's URL-encoded text (unquote, not unquote_plus)
        policy = json.loads(urllib.parse.unquote(policy))
    keys = read_jwks(os.path.join(d, "keys.json"))

    role_arn = role["Arn"]
    fail = set()
    if os.path.exists(os.path.join(d, "credentials")):
        creds = credentials_keys(text("credentials"))
        role_arn = creds.get("role_arn", role_arn)
        session = creds.get("role_session_name")
        if session is not None and not re.fullmatch(r"[\w+=,.@-]{2,64}", session, re.ASCII):
            fail.add("req.session-name")
    if not ARN_RE.match(role_arn):
        fail.add("req.role-arn")
    try:
        tok = read_token(os.path.join(d, "token"))
    except InputError:
        fail.add("tok.format")                  # a broken token file: every token row is SKIP
        return expect, fail

    core_fail, _, h, p = core(tok, keys, now, 300, list(STS_ALGS), [], None)
    fail |= core_fail
    if not 4 <= len(tok) <= 20000:
        fail.add("req.token-size")
    if p is None:
        return expect, fail
    iss = p.get("iss") if isinstance(p.get("iss"), str) else ""
    m = re.fullmatch(r"https://([^/?#:]+)(/[^?#]*)?", iss)
    if not m:
        fail.add("iss.url")
    if disc.get("issuer") != iss:
        fail.add("disc.issuer")
    if not str(disc.get("jwks_uri", "")).startswith("https://"):
        fail.add("disc.jwks-uri")
    if h.get("alg") not in disc.get("id_token_signing_alg_values_supported", []):
        fail.add("disc.alg")

    url = prov["Url"]
    if not iss.startswith("https://") or iss[len("https://"):] != url:
        fail.add("prov.url")
    account = ARN_RE.match(role["Arn"]).group(2)
    named = [a for st in policy["Statement"] for a in principals(st)
             if a.split(":", 5)[-1] == "oidc-provider/" + url]
    if named and all(a.split(":")[4] != account for a in named):
        fail.add("prov.account")
    if "prov.url" in fail or "prov.account" in fail:
        return expect, fail
    if thumbprint_fails(d, disc, prov):
        fail.add("prov.thumbprint")

    auds = usable_aud(p)
    if auds is not None and not set(auds) & set(prov["ClientIDList"]):
        fail.add("prov.aud")

    arn = f"arn:aws:iam::{account}:oidc-provider/{url}"
    ctx = {f"{url}:sub".lower(): [p["sub"]] if isinstance(p.get("sub"), str) else [],
           f"{url}:aud".lower(): auds or []}

    def applies(st, action):
        return arn in principals(st) and action_has(st.get("Action", []), action) \
            and cond_true(st.get("Condition", {}), ctx)

    allows = [st for st in policy["Statement"] if st["Effect"] == "Allow"]
    if not any(applies(st, "sts:AssumeRoleWithWebIdentity") for st in allows):
        fail.add("pol.allow")
    if any(applies(st, "sts:AssumeRoleWithWebIdentity") for st in policy["Statement"]
           if st["Effect"] == "Deny"):
        fail.add("pol.deny")
    if TAGS in p and not any(applies(st, "sts:TagSession") for st in allows):
        fail.add("pol.tag-session")
    return expect, fail


def check_bundles(root, order):
    bad = 0
    broot = os.path.join(root, "bundles")
    names = sorted(n for n in os.listdir(broot) if os.path.isdir(os.path.join(broot, n)))
    for n in names:
        expect, fail = check_bundle(os.path.join(broot, n))
        gate = gate_of(fail, order)
        fail = sorted(fail, key=order.index)
        got = {"rc": str(1 if fail else 0), "fail": " ".join(fail), "gate": gate}
        want = {k: expect[k] for k in got}
        if got != want:
            bad += 1
            print(f"MISMATCH bundle {n}: model {got}; expect {want}")
    print(f"refcheck: {len(names)} bundles, {bad} mismatches")
    return bad


# The order STS applies its gates in (src/sv_check.c sv_check_gates): the first failing one is the answer.
GATES = ("pod.env pod.token-file pod.cred-chain req.role-arn req.session-name req.duration req.token-size "
         "tok.format hdr.alg hdr.crit clm.iss iss.url prov.url prov.account disc.issuer disc.jwks-uri disc.alg "
         "prov.thumbprint jwks.keys key.select key.params sig.valid clm.aud prov.aud clm.exp clm.nbf clm.iat "
         "clm.sub pol.role pol.deny pol.allow pol.tag-session").split()


def gate_of(fail, order):
    """The first failing gate; rows outside the gate list come after, in report order."""
    ranked = sorted(fail, key=lambda s: (GATES.index(s) if s in GATES else len(GATES), order.index(s)))
    return ranked[0] if ranked else ""


def check_order():
    path = os.path.join(os.path.dirname(os.path.dirname(HERE)), "include", "stsverify", "sv_checks.def")
    return [line.split('"')[1] for line in open(path) if line.startswith("SV_CHECK(")]


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
    print(f"refcheck: {len(cases)} verify cases, {bad} mismatches")
    if os.path.isdir(os.path.join(root, "bundles")):
        bad += check_bundles(root, check_order())
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
