/*
 * sv_rsa.c -- the RSA public operation x^e mod n, for verification only.
 *
 * Everything here is public: the modulus, the exponent, the signature and
 * the result. So this code is free to be fast rather than constant-time:
 * Montgomery arithmetic over 64-bit limbs where the compiler has a 128-bit
 * product (32-bit limbs elsewhere), left-to-right square-and-multiply over
 * e's bits (16 squarings and 1 multiplication for e = 65537, plus the two
 * conversions), a dedicated squaring, and the per-key constants (-1/n mod 2^w, R^2 mod n) computed once in
 * sv_rsa_key_init and reused for every signature made by that key.
 * Never use it with a secret exponent.
 *
 * BearSSL's br_rsa_i31_public / br_rsa_i62_public stay the reference:
 * tests/unit/test_rsa.c checks both agree on every Wycheproof vector and
 * tests/fuzz/fuzz_rsa_diff.c on random inputs. Build with -DSV_RSA_BEARSSL
 * to verify through BearSSL instead (bench/ measures both).
 */
#include "sv_internal.h"

#if defined(__SIZEOF_INT128__) && !defined(SV_RSA_LIMB32)
typedef uint64_t limb;
__extension__ typedef unsigned __int128 dlimb;
#define LW 64
#define LIMBS(u) ((u).l64)
#else
typedef uint32_t limb;
typedef uint64_t dlimb;
#define LW 32
#define LIMBS(u) ((u).l32)
#endif

#define KMAX (SV_RSA_MAX_BITS / LW)

_Static_assert(SV_RSA_MAX_BITS % 64 == 0, "SV_RSA_MAX_BITS must be a multiple of 64");

/* Big-endian bytes (exactly len, len <= k * LW / 8) to k little-endian limbs. */
static void decode(limb *r, size_t k, const unsigned char *p, size_t len)
{
	size_t i;
	memset(r, 0, k * sizeof *r);
	for (i = 0; i < len; i++)
		r[i / (LW / 8)] |= (limb)p[len - 1 - i] << (8 * (i % (LW / 8)));
}

static void encode(unsigned char *p, size_t len, const limb *a)
{
	size_t i;
	for (i = 0; i < len; i++)
		p[len - 1 - i] = (unsigned char)(a[i / (LW / 8)] >> (8 * (i % (LW / 8))));
}

/* 1 when a >= b (k limbs each). */
static int geq(const limb *a, const limb *b, size_t k)
{
	while (k-- > 0)
		if (a[k] != b[k])
			return a[k] > b[k];
	return 1;
}

/* a -= b over k limbs; returns the borrow. */
static limb sub(limb *a, const limb *b, size_t k)
{
	limb borrow = 0;
	size_t i;
	for (i = 0; i < k; i++) {
		limb ai = a[i], d = ai - b[i] - borrow;
		borrow = (limb)((ai < b[i]) | ((ai == b[i]) & borrow));
		a[i] = d;
	}
	return borrow;
}

/* a = 2a mod n, for a < n. */
static void dbl(limb *a, const limb *n, size_t k)
{
	limb carry = 0;
	size_t i;
	for (i = 0; i < k; i++) {
		limb top = a[i] >> (LW - 1);
		a[i] = (limb)(a[i] << 1) | carry;
		carry = top;
	}
	if (carry || geq(a, n, k))
		sub(a, n, k);
}

/* (hi, lo) = x * y + u + c, in limbs with explicit carries. */
#define MULADD(hi, lo, x, y, u, c) do {                         \
		limb x_ = (x), y_ = (y), u_ = (u), c_ = (c);     \
		lo = (limb)(x_ * y_);                           \
		hi = (limb)(((dlimb)x_ * y_) >> LW);            \
		lo += u_;                                       \
		hi += lo < u_;                                  \
		lo += c_;                                       \
		hi += lo < c_;                                  \
	} while (0)

/*
 * r = a * b / R mod n; a, b < n; r may alias a or b. Montgomery's
 * multiplication with the product and the reduction in one pass over the
 * limbs (FIOS): row i adds a * b[i] and m * n, m chosen so the low limb
 * cancels, and shifts down one limb. The running value stays below 2n.
 */
static void montmul(limb *r, const limb *a, const limb *b, const limb *n, limb n0, size_t k)
{
	limb t[KMAX + 1];
	size_t i, j;

	memset(t, 0, (k + 1) * sizeof *t);
	for (i = 0; i < k; i++) {
		limb bi = b[i], c1, c2, m, hi, lo, x;
		MULADD(c1, x, a[0], bi, t[0], 0);
		m = (limb)(x * n0);
		MULADD(c2, lo, m, n[0], x, 0);          /* lo is 0 by the choice of m */
		for (j = 1; j < k; j++) {
			MULADD(c1, x, a[j], bi, t[j], c1);
			MULADD(hi, lo, m, n[j], x, c2);
			c2 = hi;
			t[j - 1] = lo;
		}
		lo = t[k] + c1;
		hi = lo < c1;
		lo += c2;
		hi += lo < c2;
		t[k - 1] = lo;
		t[k] = hi;
	}
	/* t < 2n: one conditional subtraction */
	if (t[k] != 0 || geq(t, n, k))
		sub(t, n, k);
	memcpy(r, t, k * sizeof *r);
}

/*
 * r = a * a / R mod n; a < n; r may alias a. The square first (each cross
 * product once, then doubled, then the diagonal), then Montgomery's
 * reduction limb by limb: three quarters of montmul's multiplications,
 * and 16 of the 19 products of an e = 65537 verification are squares.
 */
static void montsqr(limb *r, const limb *a, const limb *n, limb n0, size_t k)
{
	limb u[2 * KMAX], hi, lo, c, top, m;
	size_t i, j;

	memset(u, 0, 2 * k * sizeof *u);
	for (i = 0; i < k; i++) {                    /* a[i] a[j], i < j */
		c = 0;
		for (j = i + 1; j < k; j++) {
			MULADD(hi, lo, a[i], a[j], u[i + j], c);
			u[i + j] = lo;
			c = hi;
		}
		u[i + k] = c;
	}
	c = 0;
	for (i = 0; i < 2 * k; i++) {                /* times 2 */
		limb t = u[i] >> (LW - 1);
		u[i] = (limb)(u[i] << 1) | c;
		c = t;
	}
	c = 0;
	for (i = 0; i < k; i++) {                    /* plus a[i]^2 at 2i */
		MULADD(hi, lo, a[i], a[i], u[2 * i], c);
		u[2 * i] = lo;
		lo = u[2 * i + 1] + hi;
		c = lo < hi;
		u[2 * i + 1] = lo;
	}
	/* a^2 < n^2 < 2^(2 k LW): no carry is left. Now divide by R mod n. */
	top = 0;
	for (i = 0; i < k; i++) {
		m = (limb)(u[i] * n0);
		c = 0;
		for (j = 0; j < k; j++) {
			MULADD(hi, lo, m, n[j], u[i + j], c);
			u[i + j] = lo;
			c = hi;
		}
		lo = u[i + k] + c;
		hi = lo < c;
		lo += top;
		hi += lo < top;
		u[i + k] = lo;
		top = hi;
	}
	/* (a^2 + M n) / R < 2n: one conditional subtraction */
	if (top != 0 || geq(u + k, n, k))
		sub(u + k, n, k);
	memcpy(r, u + k, k * sizeof *r);
}

/* see sv_internal.h */
int sv_rsa_key_init(sv_rsa_key *key, const unsigned char *n, size_t nlen,
                    const unsigned char *e, size_t elen)
{
	limb *m = LIMBS(key->n), *rr = LIMBS(key->rr), inv;
	size_t k, bits, i, d, j;

	key->ready = 0;
	while (nlen > 0 && n[0] == 0) {
		n++;
		nlen--;
	}
	while (elen > 0 && e[0] == 0) {
		e++;
		elen--;
	}
	if (nlen == 0 || nlen > SV_RSA_MAX_BITS / 8 || !(n[nlen - 1] & 1) ||
	    elen == 0 || elen > sizeof key->e)
		return SV_E_PARAM;
	bits = nlen * 8;
	for (i = 0x80; !(n[0] & i); i >>= 1)
		bits--;
	if (bits < 2)
		return SV_E_PARAM;   /* n = 1 */
	k = (nlen + LW / 8 - 1) / (LW / 8);
	decode(m, k, n, nlen);
	memcpy(key->nb, n, nlen);
	key->nlen = nlen;
	memcpy(key->e, e, elen);
	key->elen = elen;
	key->k = k;

	/* -1/n mod 2^LW by Newton's iteration: n*n = 1 mod 8, then 3, 6, ... bits */
	inv = m[0];
	for (i = 0; i < 6; i++)
		inv = (limb)(inv * (limb)(2 - m[0] * inv));
	key->n0 = (limb)(0 - inv);

	/*
	 * R^2 mod n, R = 2^(k*LW) = 2^(d * 2^j) with d odd: 2^(bits-1) < n,
	 * doubled up to R mod n, doubled d more times to 2^d * R, then j
	 * Montgomery squarings: (2^a R)^2 / R = 2^(2a) R.
	 */
	memset(rr, 0, k * sizeof *rr);
	rr[(bits - 1) / LW] = (limb)1 << ((bits - 1) % LW);
	for (d = k, j = 0; !(d & 1); d >>= 1)
		j++;
	for (j += (LW == 64 ? 6 : 5), i = 0; i < k * LW - (bits - 1) + d; i++)
		dbl(rr, m, k);
	for (i = 0; i < j; i++)
		montmul(rr, rr, rr, m, key->n0, k);
	key->ready = 1;
	return SV_OK;
}

/* see sv_internal.h */
int sv_rsa_key_is(const sv_rsa_key *key, const unsigned char *n, size_t nlen,
                  const unsigned char *e, size_t elen)
{
	while (nlen > 0 && n[0] == 0) {
		n++;
		nlen--;
	}
	while (elen > 0 && e[0] == 0) {
		e++;
		elen--;
	}
	return key->ready && key->nlen == nlen && key->elen == elen &&
	       memcmp(key->nb, n, nlen) == 0 && memcmp(key->e, e, elen) == 0;
}

/* see sv_internal.h */
uint32_t sv_rsa_public(const sv_rsa_key *key, unsigned char *x, size_t xlen)
{
	const limb *m = LIMBS(key->n);
	limb a[KMAX], xr[KMAX], one[KMAX];
	size_t k = key->k, i;
	int bit, started = 0;

	if (!key->ready || xlen != key->nlen)
		return 0;
	decode(a, k, x, xlen);
	if (geq(a, m, k))
		return 0;
	montmul(xr, a, LIMBS(key->rr), m, key->n0, k);   /* x R mod n */
	memcpy(a, xr, k * sizeof *a);
	/* left to right; the top set bit of e is the initial a = x R */
	for (i = 0; i < key->elen; i++) {
		for (bit = 7; bit >= 0; bit--) {
			int b = (key->e[i] >> bit) & 1;
			if (!started) {
				started = b;
				continue;
			}
			montsqr(a, a, m, key->n0, k);
			if (b)
				montmul(a, a, xr, m, key->n0, k);
		}
	}
	memset(one, 0, k * sizeof *one);
	one[0] = 1;
	montmul(a, a, one, m, key->n0, k);               /* out of Montgomery form */
	encode(x, xlen, a);
	sv_wipe(a, sizeof a);
	sv_wipe(xr, sizeof xr);
	return 1;
}
