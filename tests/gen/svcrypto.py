"""svcrypto -- the small, slow, pure-Python crypto the fixture generator needs.

Standard library only, deterministic, and not constant-time: it makes test
data and must never see a real secret. Everything random comes from Drbg,
a SHA-256 counter generator keyed by a label, so adding a new key or
signature never changes the bytes of an existing one.
"""

import base64
import hashlib
import hmac
import math

# ---------------------------------------------------------------------------
# Deterministic randomness
# ---------------------------------------------------------------------------

SEED = b"stsverify fixture generator, seed v1\0"


class Drbg:
    """SHA-256(seed || label || counter) blocks, read as a byte stream."""

    def __init__(self, label):
        self.key = hashlib.sha256(SEED + label.encode()).digest()
        self.ctr = 0
        self.buf = b""

    def read(self, n):
        while len(self.buf) < n:
            self.buf += hashlib.sha256(self.key + self.ctr.to_bytes(8, "big")).digest()
            self.ctr += 1
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def below(self, n):
        """Uniform integer in [0, n) by rejection (no modulo bias)."""
        nbytes = (n.bit_length() + 7) // 8
        mask = (1 << n.bit_length()) - 1
        while True:
            v = int.from_bytes(self.read(nbytes), "big") & mask
            if v < n:
                return v

    def uuid(self):
        """A version-4-shaped UUID string (deterministic, not random)."""
        b = bytearray(self.read(16))
        b[6] = (b[6] & 0x0F) | 0x40
        b[8] = (b[8] & 0x3F) | 0x80
        h = b.hex()
        return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


# ---------------------------------------------------------------------------
# Encodings
# ---------------------------------------------------------------------------

def b64u(data):
    """base64url without padding (RFC 7515 section 2)."""
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def b64u_decode(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def i2b(v, length=None):
    """Unsigned big-endian; minimal length unless one is given."""
    if length is None:
        length = max(1, (v.bit_length() + 7) // 8)
    return v.to_bytes(length, "big")


def b2i(b):
    return int.from_bytes(b, "big")


# ---------------------------------------------------------------------------
# DER, just enough for SubjectPublicKeyInfo and one self-signed certificate
# ---------------------------------------------------------------------------

def der_tlv(tag, content):
    n = len(content)
    if n < 0x80:
        head = bytes([n])
    else:
        ln = i2b(n)
        head = bytes([0x80 | len(ln)]) + ln
    return bytes([tag]) + head + content


def der_int(v):
    b = i2b(v)
    if b[0] & 0x80:          # keep it positive
        b = b"\x00" + b
    return der_tlv(0x02, b)


def der_seq(*items):
    return der_tlv(0x30, b"".join(items))


def der_set(*items):
    return der_tlv(0x31, b"".join(items))


def der_null():
    return b"\x05\x00"


def der_oid(dotted):
    arcs = [int(a) for a in dotted.split(".")]
    body = bytes([40 * arcs[0] + arcs[1]])
    for a in arcs[2:]:
        chunk = [a & 0x7F]
        a >>= 7
        while a:
            chunk.append(0x80 | (a & 0x7F))
            a >>= 7
        body += bytes(reversed(chunk))
    return der_tlv(0x06, body)


def der_bitstring(data):
    return der_tlv(0x03, b"\x00" + data)


OID_RSA = "1.2.840.113549.1.1.1"
OID_SHA256_RSA = "1.2.840.113549.1.1.11"
OID_EC_PUBLIC_KEY = "1.2.840.10045.2.1"


def pem(label, der):
    body = base64.b64encode(der).decode("ascii")
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return f"-----BEGIN {label}-----\n" + "\n".join(lines) + f"\n-----END {label}-----\n"


def kid_of(spki_der):
    """kube-apiserver's keyIDFromPublicKey: b64url(SHA-256(PKIX DER))."""
    return b64u(hashlib.sha256(spki_der).digest())


# ---------------------------------------------------------------------------
# Hashes and the DigestInfo prefixes of RSASSA-PKCS1-v1_5 (RFC 8017 9.2 note 1)
# ---------------------------------------------------------------------------

HASHES = {
    "SHA-256": (hashlib.sha256, bytes.fromhex("3031300d060960864801650304020105000420")),
    "SHA-384": (hashlib.sha384, bytes.fromhex("3041300d060960864801650304020205000430")),
    "SHA-512": (hashlib.sha512, bytes.fromhex("3051300d060960864801650304020305000440")),
}

ALG_HASH = {
    "RS256": "SHA-256", "RS384": "SHA-384", "RS512": "SHA-512",
    "PS256": "SHA-256",
    "ES256": "SHA-256", "ES384": "SHA-384", "ES512": "SHA-512",
}


def digest(alg, data):
    return HASHES[ALG_HASH[alg]][0](data).digest()


# ---------------------------------------------------------------------------
# RSA
# ---------------------------------------------------------------------------

def _small_primes(limit):
    sieve = bytearray([1]) * limit
    sieve[0:2] = b"\x00\x00"
    for i in range(2, int(limit ** 0.5) + 1):
        if sieve[i]:
            sieve[i * i::i] = bytearray(len(sieve[i * i::i]))
    return [i for i in range(limit) if sieve[i]]


SMALL_PRIMES = _small_primes(1 << 16)[1:]      # odd primes below 65536


def is_probable_prime(c, rng, rounds=6):
    """Miller-Rabin with bases drawn from the DRBG (deterministic).

    Candidates come from a sieve and already passed a base-2 Fermat test, so
    a few random bases are plenty (FIPS 186-4 C.3 asks 4-5 for these sizes).
    """
    d, r = c - 1, 0
    while d % 2 == 0:
        d //= 2
        r += 1
    for _ in range(rounds):
        a = 2 + rng.below(c - 3)
        x = pow(a, d, c)
        if x in (1, c - 1):
            continue
        for _ in range(r - 1):
            x = x * x % c
            if x == c - 1:
                break
        else:
            return False
    return True


def gen_prime(bits, e, rng, window=8192):
    """Random start, then walk odd numbers; a sieve over the window skips
    everything with a factor below 65536, so few pow() calls are wasted."""
    while True:
        # Top two bits set so p*q has exactly 2*bits bits; odd.
        base = b2i(rng.read(bits // 8)) | (3 << (bits - 2)) | 1
        alive = bytearray([1]) * window            # alive[i]: base + 2i may be prime
        for p in SMALL_PRIMES:
            i = (-(base % p) * ((p + 1) // 2)) % p  # base + 2i == 0 (mod p)
            alive[i::p] = bytes(len(range(i, window, p)))
        for i in range(window):
            c = base + 2 * i
            if not alive[i] or math.gcd(e, c - 1) != 1:
                continue
            if c.bit_length() != bits:
                break
            if pow(2, c - 1, c) == 1 and is_probable_prime(c, rng):
                return c


class RsaKey:
    def __init__(self, label, bits, e=65537):
        rng = Drbg("rsa:" + label)
        while True:
            p = gen_prime(bits // 2, e, rng)
            q = gen_prime(bits // 2, e, rng)
            if p != q and (p * q).bit_length() == bits:
                break
        if p < q:                       # conventional order, p > q
            p, q = q, p
        self.label, self.bits = label, bits
        self.n, self.e, self.p, self.q = p * q, e, p, q
        self.d = pow(e, -1, math.lcm(p - 1, q - 1))
        self.dp, self.dq = self.d % (p - 1), self.d % (q - 1)
        self.qi = pow(q, -1, p)
        self.k = (bits + 7) // 8

    # -- raw operations -----------------------------------------------------
    def private_op(self, m):
        """m^d mod n by CRT (Garner)."""
        m1 = pow(m, self.dp, self.p)
        m2 = pow(m, self.dq, self.q)
        h = (self.qi * (m1 - m2)) % self.p
        return m2 + h * self.q

    # -- RSASSA-PKCS1-v1_5 ------------------------------------------------------
    def pkcs1_em(self, alg, data):
        h = digest(alg, data)
        t = HASHES[ALG_HASH[alg]][1] + h
        return b"\x00\x01" + b"\xff" * (self.k - len(t) - 3) + b"\x00" + t

    def sign_pkcs1(self, alg, data):
        return i2b(self.private_op(b2i(self.pkcs1_em(alg, data))), self.k)

    def verify_pkcs1(self, alg, data, sig):
        if len(sig) != self.k or b2i(sig) >= self.n:
            return False
        return i2b(pow(b2i(sig), self.e, self.n), self.k) == self.pkcs1_em(alg, data)

    # -- RSASSA-PSS (only for the PS256 token STS must not accept) --------------
    def sign_pss(self, data, rng):
        mhash = hashlib.sha256(data).digest()
        salt = rng.read(32)
        embits = self.n.bit_length() - 1
        emlen = (embits + 7) // 8
        h = hashlib.sha256(b"\x00" * 8 + mhash + salt).digest()
        db = b"\x00" * (emlen - len(salt) - 32 - 2) + b"\x01" + salt
        mask = mgf1_sha256(h, len(db))
        masked = bytearray(x ^ y for x, y in zip(db, mask))
        masked[0] &= 0xFF >> (8 * emlen - embits)
        em = bytes(masked) + h + b"\xbc"
        return i2b(self.private_op(b2i(em)), self.k)

    # -- encodings ----------------------------------------------------------------
    def rsa_public_key_der(self):
        return der_seq(der_int(self.n), der_int(self.e))

    def spki_der(self):
        return spki_rsa(self.n, self.e)

    def kid(self):
        return kid_of(self.spki_der())

    def public_jwk(self):
        return {"kty": "RSA", "kid": self.kid(), "n": b64u(i2b(self.n)), "e": b64u(i2b(self.e))}

    def private_jwk(self):
        j = self.public_jwk()
        for name in ("d", "p", "q", "dp", "dq", "qi"):
            j[name] = b64u(i2b(getattr(self, name)))
        return j


def spki_rsa(n, e):
    algid = der_seq(der_oid(OID_RSA), der_null())
    return der_seq(algid, der_bitstring(der_seq(der_int(n), der_int(e))))


def mgf1_sha256(seed, length):
    out = b""
    ctr = 0
    while len(out) < length:
        out += hashlib.sha256(seed + ctr.to_bytes(4, "big")).digest()
        ctr += 1
    return out[:length]


# ---------------------------------------------------------------------------
# ECDSA over the NIST prime curves, RFC 6979 nonces, JWS raw r||s signatures
# ---------------------------------------------------------------------------

class Curve:
    def __init__(self, name, oid, p, b, gx, gy, n, alg):
        self.name, self.oid, self.p, self.a, self.b = name, oid, p, p - 3, b
        self.g, self.n, self.alg = (gx, gy), n, alg
        self.size = (p.bit_length() + 7) // 8      # 32, 48, 66 bytes

    # Jacobian coordinates: (X, Y, Z) stands for (X/Z^2, Y/Z^3); Z=0 is infinity.
    def _dbl(self, P):
        X, Y, Z = P
        if Y == 0 or Z == 0:
            return (1, 1, 0)
        p = self.p
        YY = Y * Y % p
        S = 4 * X * YY % p
        ZZ = Z * Z % p
        M = 3 * (X - ZZ) * (X + ZZ) % p          # a = -3
        X3 = (M * M - 2 * S) % p
        Y3 = (M * (S - X3) - 8 * YY * YY) % p
        Z3 = 2 * Y * Z % p
        return (X3, Y3, Z3)

    def _add(self, P, Q):
        if P[2] == 0:
            return Q
        if Q[2] == 0:
            return P
        p = self.p
        X1, Y1, Z1 = P
        X2, Y2, Z2 = Q
        Z1Z1, Z2Z2 = Z1 * Z1 % p, Z2 * Z2 % p
        U1, U2 = X1 * Z2Z2 % p, X2 * Z1Z1 % p
        S1, S2 = Y1 * Z2 * Z2Z2 % p, Y2 * Z1 * Z1Z1 % p
        if U1 == U2:
            return self._dbl(P) if S1 == S2 else (1, 1, 0)
        H, R = (U2 - U1) % p, (S2 - S1) % p
        HH = H * H % p
        HHH = H * HH % p
        V = U1 * HH % p
        X3 = (R * R - HHH - 2 * V) % p
        Y3 = (R * (V - X3) - S1 * HHH) % p
        Z3 = H * Z1 * Z2 % p
        return (X3, Y3, Z3)

    def mul(self, k, point):
        R = (1, 1, 0)
        P = (point[0], point[1], 1)
        for bit in bin(k)[2:]:
            R = self._dbl(R)
            if bit == "1":
                R = self._add(R, P)
        return self._affine(R)

    def add_affine(self, A, B):
        return self._affine(self._add((A[0], A[1], 1), (B[0], B[1], 1)))

    def _affine(self, P):
        if P[2] == 0:
            return None
        zi = pow(P[2], -1, self.p)
        zi2 = zi * zi % self.p
        return (P[0] * zi2 % self.p, P[1] * zi2 * zi % self.p)

    def on_curve(self, Q):
        x, y = Q
        return (y * y - (x * x * x + self.a * x + self.b)) % self.p == 0


P256 = Curve(
    "P-256", "1.2.840.10045.3.1.7",
    0xffffffff00000001000000000000000000000000ffffffffffffffffffffffff,
    0x5ac635d8aa3a93e7b3ebbd55769886bc651d06b0cc53b0f63bce3c3e27d2604b,
    0x6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296,
    0x4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5,
    0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551,
    "ES256")
P384 = Curve(
    "P-384", "1.3.132.0.34",
    int("fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe"
        "ffffffff0000000000000000ffffffff", 16),
    int("b3312fa7e23ee7e4988e056be3f82d19181d9c6efe8141120314088f5013875a"
        "c656398d8a2ed19d2a85c8edd3ec2aef", 16),
    int("aa87ca22be8b05378eb1c71ef320ad746e1d3b628ba79b9859f741e082542a38"
        "5502f25dbf55296c3a545e3872760ab7", 16),
    int("3617de4a96262c6f5d9e98bf9292dc29f8f41dbd289a147ce9da3113b5f0b8c0"
        "0a60b1ce1d7e819d7a431d7c90ea0e5f", 16),
    int("ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf"
        "581a0db248b0a77aecec196accc52973", 16),
    "ES384")
P521 = Curve(
    "P-521", "1.3.132.0.35",
    (1 << 521) - 1,
    int("0051953eb9618e1c9a1f929a21a0b68540eea2da725b99b315f3b8b489918ef1"
        "09e156193951ec7e937b1652c0bd3bb1bf073573df883d2c34f1ef451fd46b50"
        "3f00", 16),
    int("00c6858e06b70404e9cd9e3ecb662395b4429c648139053fb521f828af606b4d"
        "3dbaa14b5e77efe75928fe1dc127a2ffa8de3348b3c1856a429bf97e7e31c2e5"
        "bd66", 16),
    int("011839296a789a3bc0045c8a5fb42c7d1bd998f54449579b446817afbd17273e"
        "662c97ee72995ef42640c550b9013fad0761353c7086a272c24088be94769fd1"
        "6650", 16),
    int("01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"
        "fffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e9138"
        "6409", 16),
    "ES512")

CURVES = {c.name: c for c in (P256, P384, P521)}


def _bits2int(data, qlen):
    v = b2i(data)
    blen = 8 * len(data)
    return v >> (blen - qlen) if blen > qlen else v


def rfc6979_k(curve, d, h1, hashname):
    """Deterministic nonce, RFC 6979 section 3.2, HMAC over the JWS hash."""
    hfn = HASHES[hashname][0]
    q, qlen = curve.n, curve.n.bit_length()
    rlen = (qlen + 7) // 8
    x = i2b(d, rlen)
    z = _bits2int(h1, qlen) % q
    h1o = i2b(z, rlen)
    hl = hfn().digest_size
    V, K = b"\x01" * hl, b"\x00" * hl
    K = hmac.new(K, V + b"\x00" + x + h1o, hfn).digest()
    V = hmac.new(K, V, hfn).digest()
    K = hmac.new(K, V + b"\x01" + x + h1o, hfn).digest()
    V = hmac.new(K, V, hfn).digest()
    while True:
        T = b""
        while len(T) < rlen:
            V = hmac.new(K, V, hfn).digest()
            T += V
        k = _bits2int(T[:rlen], qlen)
        if 1 <= k < q:
            return k
        K = hmac.new(K, V + b"\x00", hfn).digest()
        V = hmac.new(K, V, hfn).digest()


class EcKey:
    def __init__(self, label, curve, d=None):
        self.label, self.curve = label, curve
        self.d = d if d is not None else 1 + Drbg("ec:" + label).below(curve.n - 1)
        self.Q = curve.mul(self.d, curve.g)

    def sign_raw(self, alg, data):
        """(r, s) as integers; the hash follows the JWS alg, not the curve."""
        c = self.curve
        hname = ALG_HASH[alg]
        h = HASHES[hname][0](data).digest()
        k = rfc6979_k(c, self.d, h, hname)
        z = _bits2int(h, c.n.bit_length())
        r = c.mul(k, c.g)[0] % c.n
        s = pow(k, -1, c.n) * (z + r * self.d) % c.n
        assert r and s
        return r, s

    def sign_jws(self, alg, data):
        r, s = self.sign_raw(alg, data)
        return i2b(r, self.curve.size) + i2b(s, self.curve.size)

    def verify(self, alg, data, sig):
        c = self.curve
        if len(sig) != 2 * c.size:
            return False
        r, s = b2i(sig[:c.size]), b2i(sig[c.size:])
        if not (0 < r < c.n and 0 < s < c.n):
            return False
        z = _bits2int(digest(alg, data), c.n.bit_length())
        w = pow(s, -1, c.n)
        R = c.add_affine(c.mul(z * w % c.n, c.g), c.mul(r * w % c.n, self.Q))
        return R is not None and R[0] % c.n == r

    def point(self):
        return b"\x04" + i2b(self.Q[0], self.curve.size) + i2b(self.Q[1], self.curve.size)

    def spki_der(self):
        algid = der_seq(der_oid(OID_EC_PUBLIC_KEY), der_oid(self.curve.oid))
        return der_seq(algid, der_bitstring(self.point()))

    def kid(self):
        return kid_of(self.spki_der())

    def public_jwk(self):
        size = self.curve.size
        return {"kty": "EC", "kid": self.kid(), "crv": self.curve.name,
                "x": b64u(i2b(self.Q[0], size)), "y": b64u(i2b(self.Q[1], size))}

    def private_jwk(self):
        j = self.public_jwk()
        j["d"] = b64u(i2b(self.d, self.curve.size))
        return j


def der_ecdsa_sig(r, s):
    """The X9.62 DER form many libraries emit, and JWS forbids."""
    return der_seq(der_int(r), der_int(s))


# ---------------------------------------------------------------------------
# Integer cube root, for the e=3 signature forgery
# ---------------------------------------------------------------------------

def icbrt_ceil(v):
    lo, hi = 0, 1 << ((v.bit_length() + 2) // 3 + 1)
    while lo < hi:
        mid = (lo + hi) // 2
        if mid ** 3 < v:
            lo = mid + 1
        else:
            hi = mid
    return lo


def hs(alg, key, data):
    fn = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}[alg]
    return hmac.new(key, data, fn).digest()
