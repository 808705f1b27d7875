#!/usr/bin/python3
"""bench/gen.py OUTDIR -- the benchmark inputs, byte for byte the same on every run.

RSA keys come from a seeded generator (SHA-256 counter stream, 12 Miller-Rabin
rounds with seeded bases), so no key is committed and every machine signs the same
tokens; PKCS#1 v1.5 signatures are deterministic, so the tokens are too.
Tokens are shaped like Kubernetes projected service-account tokens (EKS
issuer, sts.amazonaws.com audience, kubernetes.io claims).

For each of 2048, 3072, 4096 bits, OUTDIR/<bits>/ holds:
  pub.pem        the public key (SubjectPublicKeyInfo PEM)
  jwks.json      a JWKS with that key only
  jwks10.json    9 other keys first, then that key (kid lookup walks past them)
  jwks100.json   99 other keys first, then that key
  token.jwt      one token (with a trailing newline)
  tokens.txt     10,000 distinct tokens, one per line
and OUTDIR/2048/size-<n>.jwt: tokens of (at most, and within a byte of) 1024,
5120, 10240 and 20000 bytes (the STS limit), padded with a long claim; the
1 KB one carries the short claim set (small_claims), the others the EKS one.
Uses Debian's python3-cryptography for signing only.
"""
import base64
import hashlib
import json
import os
import sys

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

SEED = b"stsverify-bench-v1"
N_TOKENS = 10000
IAT = 1790000000
EXP = 4102444800  # 2100-01-01: valid for every peer's real clock
ISS = "https://oidc.eks.us-east-1.amazonaws.com/id/5C1D8E0B2F6A4E7D9C3B1A0F8E7D6C5B"


class Stream:
    def __init__(self, label):
        self.label = label
        self.ctr = 0

    def bytes(self, n):
        out = b""
        while len(out) < n:
            out += hashlib.sha256(SEED + self.label + self.ctr.to_bytes(8, "big")).digest()
            self.ctr += 1
        return out[:n]

    def int(self, bits):
        return int.from_bytes(self.bytes((bits + 7) // 8), "big") >> (-bits % 8)


SMALL = [p for p in range(3, 2000) if all(p % q for q in range(2, int(p ** 0.5) + 1))]


def probable_prime(n, rs):
    if any(n % p == 0 for p in SMALL):
        return n in SMALL
    d, s = n - 1, 0
    while d % 2 == 0:
        d, s = d // 2, s + 1
    for _ in range(12):
        a = 2 + rs.int(n.bit_length() - 1) % (n - 3)
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = x * x % n
            if x == n - 1:
                break
        else:
            return False
    return True


def prime(bits, rs, e=65537):
    while True:
        c = rs.int(bits) | (3 << (bits - 2)) | 1
        if (c - 1) % e and probable_prime(c, rs):
            return c


def keypair(bits, label):
    rs = Stream(b"key/%d/%s" % (bits, label.encode()))
    e = 65537
    while True:
        p, q = prime(bits // 2, rs), prime(bits // 2, rs)
        n = p * q
        if p != q and n.bit_length() == bits:
            break
    phi = (p - 1) * (q - 1)
    d = pow(e, -1, phi)
    priv = rsa.RSAPrivateNumbers(p, q, d, d % (p - 1), d % (q - 1), pow(q, -1, p),
                                 rsa.RSAPublicNumbers(e, n)).private_key()
    return priv


def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def jwk(pub, kid):
    nums = pub.public_numbers()
    n = nums.n.to_bytes((nums.n.bit_length() + 7) // 8, "big")
    return {"kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256",
            "n": b64u(n), "e": b64u(nums.e.to_bytes(3, "big"))}


def kid_of(pub):
    der = pub.public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    return hashlib.sha1(der).hexdigest()


def claims(i, pad=None):
    u = hashlib.sha256(b"uid/%d" % i).hexdigest()
    uid = lambda k: "%s-%s-%s-%s-%s" % (u[k:k + 8], u[k + 8:k + 12], u[k + 12:k + 16], u[k + 16:k + 20], u[k + 20:k + 32])
    ns, sa = "team-%d" % (i % 37), "app-%d" % (i % 101)
    c = {
        "aud": ["sts.amazonaws.com"],
        "exp": EXP,
        "iat": IAT + i % 3600,
        "iss": ISS,
        "jti": uid(0),
        "kubernetes.io": {
            "namespace": ns,
            "node": {"name": "ip-10-0-%d-%d.ec2.internal" % (i % 250, i % 199), "uid": uid(1)},
            "pod": {"name": "%s-7d9f8c6b5-%05d" % (sa, i), "uid": uid(2)},
            "serviceaccount": {"name": sa, "uid": uid(3)},
            "warnafter": IAT + i % 3600 + 3607,
        },
        "nbf": IAT + i % 3600,
        "sub": "system:serviceaccount:%s:%s" % (ns, sa),
    }
    if pad:
        c["x-bench-pad"] = pad
    return c


def token(priv, kid, c):
    h = b64u(json.dumps({"alg": "RS256", "kid": kid}, separators=(",", ":")).encode())
    p = b64u(json.dumps(c, separators=(",", ":")).encode())
    si = (h + "." + p).encode()
    sig = priv.sign(si, padding.PKCS1v15(), hashes.SHA256())
    return h + "." + p + "." + b64u(sig)


def small_claims(pad):
    """The claims STS and stsverify look at, without the pod/node detail: the
    shortest Kubernetes-shaped token, so that a 1 KB one exists at all (the full
    EKS-shaped token is already about 1.2 KB with a 2048-bit signature)."""
    c = claims(0, pad)
    k = c["kubernetes.io"]
    c["kubernetes.io"] = {"namespace": k["namespace"], "serviceaccount": k["serviceaccount"]}
    del c["jti"]
    return c


def sized(priv, kid, target):
    """The longest token of at most `target` characters: the EKS-shaped claims
    (or the short ones when those are already too long) padded with one long
    claim. base64url makes some lengths unreachable, so it may be 1 short."""
    def eks(pad):
        return claims(0, pad)
    mk = eks if len(token(priv, kid, eks(""))) <= target else small_claims
    base = len(token(priv, kid, mk("")))
    if base > target:
        raise SystemExit("bench/gen.py: no token of %d bytes (the shortest is %d)" % (target, base))
    n = (target - base) * 3 // 4  # base64url: 4 characters per 3 bytes of claim text
    t = token(priv, kid, mk("x" * n))
    while len(t) > target:
        n -= 1
        t = token(priv, kid, mk("x" * n))
    while True:
        t2 = token(priv, kid, mk("x" * (n + 1)))
        if len(t2) > target:
            return t
        n, t = n + 1, t2


def write(path, text):
    with open(path + ".tmp", "w") as f:
        f.write(text)
    os.replace(path + ".tmp", path)


def main():
    out = sys.argv[1]
    others = None
    for bits in (2048, 3072, 4096):
        d = os.path.join(out, str(bits))
        os.makedirs(d, exist_ok=True)
        priv = keypair(bits, "signer")
        pub = priv.public_key()
        kid = kid_of(pub)
        if others is None:
            # the decoys of the 10- and 100-key JWKS: well-formed 2048-bit RSA JWKs whose
            # moduli are seeded odd numbers (never used to verify: their kids differ)
            rs = Stream(b"decoys")
            others = [{"kty": "RSA", "kid": "decoy-%02d" % i, "use": "sig", "alg": "RS256",
                       "n": b64u((rs.int(2048) | (1 << 2047) | 1).to_bytes(256, "big")), "e": "AQAB"}
                      for i in range(99)]
        write(os.path.join(d, "pub.pem"), pub.public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo).decode())
        me = jwk(pub, kid)
        for name, keys in (("jwks.json", [me]), ("jwks10.json", others[:9] + [me]),
                           ("jwks100.json", others + [me])):
            write(os.path.join(d, name), json.dumps({"keys": keys}, indent=2) + "\n")
        toks = [token(priv, kid, claims(i)) for i in range(N_TOKENS)]
        write(os.path.join(d, "token.jwt"), toks[0] + "\n")
        write(os.path.join(d, "tokens.txt"), "\n".join(toks) + "\n")
        if bits == 2048:
            for target in (1024, 5120, 10240, 20000):
                write(os.path.join(d, "size-%d.jwt" % target), sized(priv, kid, target) + "\n")
        print("bench/gen.py: %d-bit key %s, %d tokens" % (bits, kid[:12], N_TOKENS), flush=True)


if __name__ == "__main__":
    main()
