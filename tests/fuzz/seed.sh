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
#   b64      every token's header and signature segment; the JWK members n, e, x, y
#   time     every `now` of the manifest, and the boundaries of both forms
#   like     IAM StringLike pattern/value pairs (flags byte, pattern, NUL, value)
#   docs     every discovery, provider and role document of the check bundles, and
#            the permission policies and roles of permissions/
#   pem      the x5c certificates the attack tokens carry, as PEM (one, and a chain)
#   stsresp  STS answers in the documented shapes (synthetic: no fixture holds one yet)
#   awsconf  every bundle's credentials/config file, and a Secret as JSON
#   arn      every role ARN and issuer of the bundles, regions and endpoint URLs
#   check    every bundle as one input: token, JWKS, discovery, provider, role
#            (and chain when the bundle has one), joined by 0x1E
#   yaml     every CredentialsRequest of permissions/requests/ (YAML, and the JSON form)
#   http     HTTP responses a peer may send: Content-Length, chunked with
#            extensions and trailers, close-delimited, 1xx, redirects, an S3
#            error and an HTML login page (synthetic; flags byte first)
#   x509     every certificate PEM of tls/, each as DER, and server chains of
#            them in fuzz_x509.c's layout
#   rsa_diff every RSA key of keys/ with a genuine signature of the verify
#            tokens made by it, in fuzz_rsa_diff.c's layout
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
targets = ("json", "token", "jwks", "verify", "sigflip", "b64", "time", "like",
           "docs", "pem", "stsresp", "awsconf", "arn", "check", "rsa_diff", "yaml", "http", "x509")
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

# the check bundles: one directory per scenario
bundles = sorted(os.path.join("bundles", b) for b in os.listdir(os.path.join(fix, "bundles"))
                 if os.path.isdir(os.path.join(fix, "bundles", b))) \
    if os.path.isdir(os.path.join(fix, "bundles")) else []
for b in bundles:
    for f in sorted(os.listdir(os.path.join(fix, b))):
        rel, data = os.path.join(b, f), read(os.path.join(b, f))
        if f in ("openid-configuration.json", "provider.json", "role.json"):
            put("docs", rel, data)
            try:
                doc = json.loads(data)
            except ValueError:
                continue
            for k in ("issuer", "jwks_uri"):
                if isinstance(doc, dict) and isinstance(doc.get(k), str):
                    put("arn", rel + "." + k, doc[k])
            role = doc.get("Role") if isinstance(doc, dict) else None
            if isinstance(role, dict) and isinstance(role.get("Arn"), str):
                put("arn", rel + ".Arn", role["Arn"])
        elif f in ("credentials", "config"):
            put("awsconf", rel, data)
        elif f == "keys.json":
            put("jwks", rel, data)
        elif f == "token":
            put("token", rel, data)
# check: the bundle's inputs in sv_check_in order, 0x1E between them
for b in bundles:
    parts = []
    for f in ("token", "keys.json", "openid-configuration.json", "provider.json", "role.json", "chain.pem"):
        p = os.path.join(fix, b, f)
        parts.append(read(os.path.join(b, f)) if os.path.exists(p) else None)
    while parts and parts[-1] is None:
        parts.pop()
    put("check", b, b"\x1e".join(x if x is not None else b"" for x in parts))

# x509 (and pem): the TLS fixtures' certificates
ders = []
for rel in files("tls", ".pem"):
    text = read(rel)
    if b"CERTIFICATE" not in text:
        continue
    put("x509", rel, text)
    put("pem", rel, text)
    for block in text.split(b"-----BEGIN CERTIFICATE-----")[1:]:
        b64 = block.split(b"-----END CERTIFICATE-----")[0]
        der = base64.b64decode(b"".join(b64.split()))
        if der not in ders:
            ders.append(der)
for i, der in enumerate(ders):
    put("x509", f"der-{i}", der)
    put("x509", f"chain-{i}", b"".join(bytes([len(d) >> 8, len(d) & 255, 200]) + d for d in ders[i:i + 3]))

# http: flags byte (piece size 7, body limit 64 KiB = 6 << 5), then the response
def http(name, text, flags=0x07 | (6 << 5)):
    put("http", name, bytes([flags]) + text.replace(b"\n", b"\r\n"))
jw = b"{}"
if os.path.exists(os.path.join(fix, "jwks", "cluster.json")):
    jw = json.dumps(json.loads(read(os.path.join("jwks", "cluster.json"))), separators=(",", ":")).encode()
http("length", b"HTTP/1.1 200 OK\nContent-Type: application/json\nContent-Length: %d\n\n" % len(jw) + jw)
http("chunked", b"HTTP/1.1 200 OK\nTransfer-Encoding: chunked\nContent-Type: application/json\n\n"
     b"5;ext=1\n{\"a\":\n4\n1}  \n0\nX-Trailer: t\n\n")
http("close", b"HTTP/1.0 200 OK\nContent-Type: application/json\n\n{\"keys\":[]}")
http("continue", b"HTTP/1.1 100 Continue\n\nHTTP/1.1 200 OK\nContent-Length: 2\n\n{}")
http("redirect", b"HTTP/1.1 301 Moved Permanently\nLocation: //other.example/path/../jwks?x=1#frag\nContent-Length: 0\n\n")
http("redirect-relative", b"HTTP/1.1 302 Found\nLocation: ../keys.json\nContent-Length: 0\n\n")
http("s3-error", b"HTTP/1.1 301 Moved Permanently\nContent-Type: application/xml\nContent-Length: 256\n\n"
     b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>PermanentRedirect</Code><Message>The bucket you "
     b"are attempting to access must be addressed using the specified endpoint.</Message><Endpoint>b.s3.amazonaws.com"
     b"</Endpoint><BucketName>b</BucketName></Error>".ljust(256))
http("html-login", b"HTTP/1.1 200 OK\nContent-Type: text/html\n\n<html><head><title>Sign in</title></head>"
     b"<body><form action=\"/login\"><input type=\"password\"></form></body></html>")
http("connect-ok", b"HTTP/1.1 200 Connection established\n\n", flags=0x10 | 0x03 | (6 << 5))
http("connect-auth", b"HTTP/1.1 407 Proxy Authentication Required\nProxy-Authenticate: Basic\nContent-Length: 0\n\n",
     flags=0x10 | 0x03 | (6 << 5))

# CredentialsRequests, as oc writes them
for rel in files(os.path.join("permissions", "requests"), ".yaml") + files(os.path.join("permissions", "requests"), ".json"):
    put("yaml", rel, read(rel))

# permission policies and roles (bare policy documents read as roles too)
for root, _, names in sorted(os.walk(os.path.join(fix, "permissions"))):
    for f in sorted(names):
        if f.endswith(".json"):
            rel = os.path.relpath(os.path.join(root, f), fix)
            put("docs", rel, read(rel))

# a Secret as `oc get secret -o json` prints it, from the first bundle's credentials
for b in bundles:
    p = os.path.join(fix, b, "credentials")
    if os.path.exists(p):
        cred = read(os.path.join(b, "credentials"))
        put("awsconf", b + ".secret.json", json.dumps(
            {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "cloud-credentials"},
             "data": {"credentials": base64.b64encode(cred).decode()}}, indent=2))
        put("awsconf", b + ".config+credentials",
            b"[profile dev]\nregion = us-west-2\nsts_regional_endpoints = legacy\n\0" + cred)
        break

# tokens
for rel in files("tokens", ".jwt"):
    data = read(rel)
    put("token", rel, data)
    line = data.rstrip(b"\r\n")
    segs = line.split(b".")
    for i, s in enumerate(segs[:3]):
        if i != 1:                              # claims segments are long and alike: headers and signatures
            put("b64", f"{rel}.seg{i}", s)
    if len(segs) == 3:
        try:
            h, p, s = b64d(segs[0]), b64d(segs[1]), b64d(segs[2])
        except (ValueError, base64.binascii.Error):
            continue
        if b"\0" in h or b"\0" in p:
            continue
        put("token", rel + ".split", h + b"\0" + p + b"\0" + s)
        try:
            x5c = json.loads(h).get("x5c")
        except (ValueError, AttributeError):
            x5c = None
        if isinstance(x5c, list) and x5c and all(isinstance(c, str) for c in x5c):
            def pem(der64):
                lines = [der64[i:i + 64] for i in range(0, len(der64), 64)]
                return "-----BEGIN CERTIFICATE-----\n" + "\n".join(lines) + "\n-----END CERTIFICATE-----\n"
            put("pem", rel + ".x5c.pem", pem(x5c[0]))
            put("pem", rel + ".x5c-chain.pem", pem(x5c[0]) + pem(x5c[0]))
            put("pem", rel + ".x5c-crlf.pem", pem(x5c[0]).replace("\n", "\r\n"))
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

# rsa_diff: byte 0 >= 0xF0 picks 2048/3072/4096 bits (0xF0/0xF1/0xF2), byte 1 = 0 is e = 65537,
# then n and x. x is a genuine RS256 signature by that key when a verify token has one.
sizes = {256: 0xF0, 384: 0xF1, 512: 0xF2}
sigs = {}
for rel in files("tokens", ".jwt"):
    segs = read(rel).rstrip(b"\r\n").split(b".")
    if len(segs) == 3 and segs[2]:
        try:
            hdr, sig = json.loads(b64d(segs[0])), b64d(segs[2])
        except (ValueError, base64.binascii.Error):
            continue
        if isinstance(hdr, dict) and isinstance(hdr.get("kid"), str):
            sigs.setdefault(hdr["kid"], sig)
for rel in files("keys", ".pub.jwk.json"):
    try:
        k = json.loads(read(rel))
        n, e = b64d(k["n"].encode()), b64d(k["e"].encode())
    except (ValueError, KeyError, AttributeError, base64.binascii.Error):
        continue
    if k.get("kty") != "RSA" or len(n) not in sizes or e != b"\x01\x00\x01" or n[0] < 0x80:
        continue
    x = sigs.get(k.get("kid"), b"")
    if len(x) != len(n):
        x = bytes((i * 7 + 1) % 256 for i in range(len(n)))
    put("rsa_diff", rel, bytes([sizes[len(n)], 0]) + n + x)

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

# STS answers (STS-FACTS c): success and error XML, the JSON variant, the CLI's line
X = "https://sts.amazonaws.com/doc/2011-06-15/"
put("stsresp", "success.xml", f"""<AssumeRoleWithWebIdentityResponse xmlns="{X}">
  <AssumeRoleWithWebIdentityResult>
    <SubjectFromWebIdentityToken>system:serviceaccount:default:app</SubjectFromWebIdentityToken>
    <Audience>sts.amazonaws.com</Audience>
    <AssumedRoleUser>
      <Arn>arn:aws:sts::111122223333:assumed-role/app/botocore-session-1790000000</Arn>
      <AssumedRoleId>AROAEXAMPLEID:botocore-session-1790000000</AssumedRoleId>
    </AssumedRoleUser>
    <Credentials>
      <SessionToken>FwoGZXIvYXdzEXAMPLETOKEN&amp;more=</SessionToken>
      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY</SecretAccessKey>
      <Expiration>2026-09-21T15:13:20Z</Expiration>
      <AccessKeyId>ASIAEXAMPLEKEYID0000</AccessKeyId>
    </Credentials>
    <SourceIdentity>app</SourceIdentity>
    <Provider>arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/EXAMPLE</Provider>
    <PackedPolicySize>6</PackedPolicySize>
  </AssumeRoleWithWebIdentityResult>
  <ResponseMetadata>
    <RequestId>ad4156e9-bce1-11e2-82e6-6b6efEXAMPLE</RequestId>
  </ResponseMetadata>
</AssumeRoleWithWebIdentityResponse>
""")
put("stsresp", "error.xml", f"""<?xml version="1.0" encoding="UTF-8"?>
<ErrorResponse xmlns="{X}">
  <Error>
    <Type>Sender</Type>
    <Code>InvalidIdentityToken</Code>
    <Message>No OpenIDConnect provider found in your account for https://oidc.example/id/&#x41;&lt;x&gt;</Message>
  </Error>
  <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>
</ErrorResponse>
""")
put("stsresp", "error.json", json.dumps({"Error": {"Code": "AccessDenied", "Message":
    "Not authorized to perform sts:AssumeRoleWithWebIdentity", "Type": "Sender"},
    "RequestId": "c6104cbe-af31-11e0-8154-cbc7ccf896c7"}, indent=2))
put("stsresp", "success.json", json.dumps({"AssumeRoleWithWebIdentityResponse": {
    "AssumeRoleWithWebIdentityResult": {"Credentials": {"AccessKeyId": "ASIAEXAMPLEKEYID0000",
        "SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "SessionToken": "FwoGZXIvYXdzEXAMPLE",
        "Expiration": 1.7900036e9}, "AssumedRoleUser": {"Arn":
        "arn:aws:sts::111122223333:assumed-role/app/s", "AssumedRoleId": "AROAEXAMPLEID:s"},
        "Audience": "sts.amazonaws.com", "PackedPolicySize": None},
    "ResponseMetadata": {"RequestId": "ad4156e9"}}}))
put("stsresp", "cli-line.txt", "\nAn error occurred (InvalidIdentityToken) when calling the "
    "AssumeRoleWithWebIdentity operation: Couldn't retrieve verification key from your identity provider\n")
put("stsresp", "cli-line-retries.txt", "An error occurred (IDPCommunicationError) when calling the "
    "AssumeRoleWithWebIdentity operation (reached max retries: 4): Error communicating\r\n")

# arn: identifiers, regions and endpoint URLs (the harness treats text starting with 'h' as a URL)
for name, v in (("role", "arn:aws:iam::111122223333:role/app"),
                ("role-path", "arn:aws-cn:iam::111122223333:role/a/b/c+=,.@-_"),
                ("provider", "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/X"),
                ("region", "us-west-2"), ("region-gov", "us-gov-west-1"), ("region-cn", "cn-north-1"),
                ("region-global", "aws-global"), ("url", "https://sts.example.test:8443/p?q=1"),
                ("session", "botocore-session-1790000000"), ("duration", "\x00\x00\x00\x00\x00\x00\x0e\x10")):
    put("arn", name, v)

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
