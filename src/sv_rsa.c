/*
 * sv_rsa.c -- the RSA public operation x^e mod n, for verification only.
 *
 * Everything here is public: the modulus, the exponent, the signature and
 * the result. So this code is free to be fast rather than constant-time:
 * Montgomery arithmetic over 64-bit limbs where the compiler has a 128-bit
 * product (32-bit limbs elsewhere), by product scanning (one column of the
 * result at a time, in registers), a dedicated squaring, left-to-right
 * square-and-multiply over e's bits (for e = 65537: one conversion into
 * Montgomery form, 16 squarings and one multiplication that also converts
 * back), and the per-key constants (-1/n mod 2^w, R^2 mod n) computed once
 * in sv_rsa_key_init and reused for every signature made by that key. On
 * x86-64 the inner loop is a few lines of inline assembly (mac_run).
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

/*
 * Product scanning: the result is made column by column, each column the
 * sum of the products whose limb indices add up to its number, in a
 * column accumulator acc of ACC limbs held in registers. Nearly all the
 * time goes into mac_run, one column's run of products:
 *     acc += x[0] y[yi] + x[1] y[yi-1] + ... (cnt products).
 * acc_next then moves to the next column (the low limb leaves, the rest
 * carries), and acc_add2 adds twice a run's sum d (squaring's cross
 * products). A column has fewer than 4k products below 2^(2 LW) each, and
 * k <= 2^(LW/2): no accumulator can overflow.
 */
#if defined(__x86_64__) && defined(__GNUC__) && LW == 64 && !defined(SV_RSA_PORTABLE)
/*
 * x86-64: the accumulator is three limbs (c2, c1, c0) and a product is
 * five instructions, mov/mul/add/adc/adc, plain x86-64 that every such CPU
 * has. gcc 12 makes eight of the C below, as it cannot leave a carry in
 * the flags; this is 1.3x faster per verification. test_rsa also runs the
 * portable C (-DSV_RSA_PORTABLE) against BearSSL.
 */
#define ACC 3
#define SV_RSA_ASM "x86-64"
/* acc += x[xo] * y[yo] (byte offsets), in x86-64: 5 instructions */
#define PRODUCT(xo, yo)                                   \
	"movq " xo "(%[x]), %%rax\n\t"                    \
	"mulq " yo "(%[y])\n\t"                           \
	"addq %%rax, %[c0]\n\t"                           \
	"adcq %%rdx, %[c1]\n\t"                           \
	"adcq $0, %[c2]\n\t"

__attribute__((always_inline))   /* a call per run costs more than a short run */
static inline void mac_run(limb *acc, const limb *x, const limb *y, size_t yi, size_t cnt)
{
	limb c0 = acc[0], c1 = acc[1], c2 = acc[2];
	const limb *yp = y + yi;
	size_t quads = cnt >> 2;

	/* cnt % 4 products in straight lines, then a loop of four at a time */
	__asm__("testq $1, %[r]\n\t"
	        "jz 1f\n\t"
	        PRODUCT("", "")
	        "addq $8, %[x]\n\t"
	        "subq $8, %[y]\n"
	        "1:\n\t"
	        "testq $2, %[r]\n\t"
	        "jz 2f\n\t"
	        PRODUCT("", "")
	        PRODUCT("8", "-8")
	        "addq $16, %[x]\n\t"
	        "subq $16, %[y]\n"
	        "2:\n\t"
	        "testq %[n], %[n]\n\t"
	        "jz 4f\n"
	        "3:\n\t"
	        PRODUCT("", "")
	        PRODUCT("8", "-8")
	        PRODUCT("16", "-16")
	        PRODUCT("24", "-24")
	        "addq $32, %[x]\n\t"
	        "subq $32, %[y]\n\t"
	        "decq %[n]\n\t"
	        "jnz 3b\n"
	        "4:"
	        : [c0] "+r"(c0), [c1] "+r"(c1), [c2] "+r"(c2),
	          [x] "+r"(x), [y] "+r"(yp), [n] "+r"(quads)
	        : [r] "r"(cnt)
	        : "rax", "rdx", "cc", "memory");
	acc[0] = c0;
	acc[1] = c1;
	acc[2] = c2;
}

static void acc_next(limb *acc)
{
	acc[0] = acc[1];
	acc[1] = acc[2];
	acc[2] = 0;
}

static void acc_add2(limb *acc, const limb *d)
{
	/* d is below k/2 2^(2 LW) (at most k/2 products): 2d fits three limbs */
	limb d2 = (limb)(d[2] << 1) | (d[1] >> (LW - 1));
	limb d1 = (limb)(d[1] << 1) | (d[0] >> (LW - 1));
	limb d0 = (limb)(d[0] << 1), cy;
	acc[0] += d0;
	cy = acc[0] < d0;
	acc[1] += cy;
	cy = acc[1] < cy;
	acc[1] += d1;
	acc[2] += d2 + cy + (acc[1] < d1);
}
#else
/*
 * Portable C: the accumulator is four limbs, (l1, l0) summing the
 * products' low limbs and (h1, h0) their high limbs, so the column is
 * worth (l1, l0) + (h1, h0) 2^LW. A product is then two add/carry pairs on
 * independent chains and no 2-limb additions, on which gcc 12 spills.
 */
#define ACC 4
#define MAC(x, y) do {                                  \
		dlimb p_ = (dlimb)(x) * (y);             \
		limb l_ = (limb)p_, h_ = (limb)(p_ >> LW); \
		l0 += l_;                                \
		l1 += l0 < l_;                           \
		h0 += h_;                                \
		h1 += h0 < h_;                           \
	} while (0)

#if defined(__GNUC__)
__attribute__((always_inline))   /* a call per run costs more than a short run */
#endif
static inline void mac_run(limb *acc, const limb *x, const limb *y, size_t yi, size_t cnt)
{
	limb l0 = acc[0], l1 = acc[1], h0 = acc[2], h1 = acc[3];
	/* unrolled by four: the loop's own instructions would otherwise be as many as the products' */
	for (; cnt >= 4; cnt -= 4, x += 4, yi -= 4) {
		MAC(x[0], y[yi]);
		MAC(x[1], y[yi - 1]);
		MAC(x[2], y[yi - 2]);
		MAC(x[3], y[yi - 3]);
	}
	for (; cnt > 0; cnt--, x++, yi--)
		MAC(x[0], y[yi]);
	acc[0] = l0;
	acc[1] = l1;
	acc[2] = h0;
	acc[3] = h1;
}

static void acc_next(limb *acc)
{
	/* what carries is l1 + (h1, h0) */
	acc[0] = acc[2] + acc[1];
	acc[1] = acc[3] + (acc[0] < acc[1]);
	acc[2] = 0;
	acc[3] = 0;
}

static void acc_add2(limb *acc, const limb *d)
{
	/* each pair of d is below k/2 2^LW (at most k/2 products): doubled it fits */
	limb l = (limb)(d[0] << 1);
	acc[0] += l;
	acc[1] += (limb)((d[1] << 1) | (d[0] >> (LW - 1))) + (acc[0] < l);
	l = (limb)(d[2] << 1);
	acc[2] += l;
	acc[3] += (limb)((d[3] << 1) | (d[2] >> (LW - 1))) + (acc[2] < l);
}
#endif

/*
 * Column i is done: in the low k columns, m[i] = (low limb) * n0 makes
 * the column's low limb cancel (Montgomery reduction); in the high ones,
 * the low limb is result limb i - k.
 */
static void column_end(limb *acc, limb *m, limb *t, const limb *n, limb n0, size_t i, size_t k)
{
	if (i < k) {
		m[i] = (limb)(acc[0] * n0);
		mac_run(acc, m + i, n, 0, 1);     /* the low limb is now 0 */
	} else {
		t[i - k] = acc[0];
	}
	acc_next(acc);
}

/* Reduction finished: t (k limbs) plus top * R is below 2n; leave it below n in r. */
static void finish(limb *r, limb *t, limb top, const limb *n, size_t k)
{
	if (top != 0 || geq(t, n, k))
		sub(t, n, k);
	memcpy(r, t, k * sizeof *r);
}

/*
 * r = a * b / R mod n; a, b < n; r may alias a or b. Montgomery's
 * multiplication by product scanning with the reduction woven in (FIPS):
 * column i of the result sums every a[j] b[i-j] and m[j] n[i-j], and in
 * the low k columns m[i] is chosen so the column's low limb cancels. No
 * stores inside a column: about half the instructions of the operand
 * scanning this replaced.
 */
static void montmul(limb *r, const limb *a, const limb *b, const limb *n, limb n0, size_t k)
{
	limb m[KMAX], t[KMAX];
	limb acc[ACC] = { 0 };
	size_t i;

	for (i = 0; i < 2 * k - 1; i++) {
		size_t lo = i < k ? 0 : i - k + 1;
		mac_run(acc, a + lo, b, i - lo, (i < k ? i + 1 : k) - lo);
		mac_run(acc, m + lo, n, i - lo, (i < k ? i : k) - lo);
		column_end(acc, m, t, n, n0, i, k);
	}
	t[k - 1] = acc[0];
	finish(r, t, acc[1], n, k);
}

/*
 * r = a * a / R mod n; a < n; r may alias a. As montmul, but each column's
 * cross products a[j] a[i-j], j < i - j, are summed once and doubled, then
 * the diagonal a[i/2]^2 is added: three quarters of montmul's
 * multiplications, and 16 of the 18 products of an e = 65537
 * verification are squares.
 */
static void montsqr(limb *r, const limb *a, const limb *n, limb n0, size_t k)
{
	limb m[KMAX], t[KMAX];
	limb acc[ACC] = { 0 };
	size_t i;

	for (i = 0; i < 2 * k - 1; i++) {
		size_t lo = i < k ? 0 : i - k + 1;
		limb d[ACC] = { 0 };
		mac_run(d, a + lo, a, i - lo, (i + 1) / 2 - lo);
		acc_add2(acc, d);
		if (!(i & 1))
			mac_run(acc, a + i / 2, a, i / 2, 1);
		mac_run(acc, m + lo, n, i - lo, (i < k ? i : k) - lo);
		column_end(acc, m, t, n, n0, i, k);
	}
	t[k - 1] = acc[0];
	finish(r, t, acc[1], n, k);
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
	 * R^2 mod n, R = 2^(k*LW) = 2^(t * 2^j): 2^(bits-1) < n, doubled up
	 * to R mod n, doubled t more times to 2^t R, then j Montgomery
	 * squarings: (2^a R)^2 / R = 2^(2a) R. A squaring costs as much as
	 * 17 (2048 bits) to 34 (4096 bits) doublings, so t is the largest of
	 * d, 2d, 4d, ... (d odd) up to 64 (callgrind, 2048-4096 bits: 32 or
	 * 128 cost more in all).
	 * For one-shot `check`, this set-up was as costly as the verification
	 * itself with t = d.
	 */
	memset(rr, 0, k * sizeof *rr);
	rr[(bits - 1) / LW] = (limb)1 << ((bits - 1) % LW);
	for (d = k * LW, j = 0; !(d & 1) && d > 64; d >>= 1)
		j++;
	for (i = 0; i < k * LW - (bits - 1) + d; i++)
		dbl(rr, m, k);
	for (i = 0; i < j; i++)
		montsqr(rr, rr, m, key->n0, k);
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
	limb a[KMAX], xp[KMAX], xr[KMAX];
	size_t k = key->k, i;
	int bit, started = 0, plain = 0;

	if (!key->ready || xlen != key->nlen)
		return 0;
	decode(xp, k, x, xlen);
	if (geq(xp, m, k))
		return 0;
	montmul(xr, xp, LIMBS(key->rr), m, key->n0, k);  /* x R mod n */
	memcpy(a, xr, k * sizeof *a);
	/*
	 * Left to right; the top set bit of e is the initial a = x R. The last
	 * multiplication, for odd e, takes x itself rather than x R:
	 * x^(e-1) R * x / R = x^e leaves Montgomery form on the way, one
	 * product fewer.
	 */
	for (i = 0; i < key->elen; i++) {
		for (bit = 7; bit >= 0; bit--) {
			int b = (key->e[i] >> bit) & 1;
			if (!started) {
				started = b;
				continue;
			}
			montsqr(a, a, m, key->n0, k);
			if (b && i == key->elen - 1 && bit == 0) {
				montmul(a, a, xp, m, key->n0, k);
				plain = 1;
			} else if (b) {
				montmul(a, a, xr, m, key->n0, k);
			}
		}
	}
	if (!plain) {                                     /* even e, or e = 1 */
		memset(xp, 0, k * sizeof *xp);
		xp[0] = 1;
		montmul(a, a, xp, m, key->n0, k);
	}
	encode(x, xlen, a);
	sv_wipe(a, sizeof a);
	sv_wipe(xp, sizeof xp);
	sv_wipe(xr, sizeof xr);
	return 1;
}

/* see sv_internal.h */
const char *sv_rsa_impl(void)
{
#if defined(SV_RSA_ASM)
	return SV_RSA_ASM " assembly, 64-bit limbs";
#elif LW == 64
	return "portable C, 64-bit limbs";
#else
	return "portable C, 32-bit limbs";
#endif
}
