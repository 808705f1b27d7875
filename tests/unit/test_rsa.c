/*
 * test_rsa.c -- src/sv_rsa.c against BearSSL, the reference.
 *
 * The verification fast path must compute exactly what BearSSL's
 * br_rsa_i31_public and br_rsa_i62_public compute (same return value, same
 * output bytes when they succeed) on every signature of every Wycheproof
 * RSA file in ../shared/vectors/wycheproof (read in place), on seeded
 * random moduli and inputs of every length, and at the edges (x = 0, 1,
 * n-1, n, even n, e = 1, 3, 8-byte e). tests/fuzz/fuzz_rsa_diff.c does
 * the same on inputs libFuzzer chooses.
 */
#include <bearssl.h>

#include "helpers.h"
#include "sv_internal.h"

#define WP SV_SHARED_DIR "/vectors/wycheproof/"

static jsmntok_t *bigtok;
#define BIGTOK 400000

/* ---- the comparison ------------------------------------------------------- */

static unsigned long compared, succeeded;

/* Runs all three on x (xlen bytes); fails the test on any difference. */
static void diff(const unsigned char *n, size_t nlen, const unsigned char *e, size_t elen,
                 const unsigned char *x, size_t xlen, const char *what)
{
	static unsigned char a[1100], b[1100], c[1100];
	static sv_rsa_key key;
	br_rsa_public_key pk;
	uint32_t r31, r62, rsv;

	assert_true(xlen <= sizeof a);
	memcpy(a, x, xlen);
	memcpy(b, x, xlen);
	memcpy(c, x, xlen);
	pk.n = (unsigned char *)(uintptr_t)n;
	pk.nlen = nlen;
	pk.e = (unsigned char *)(uintptr_t)e;
	pk.elen = elen;
	r31 = br_rsa_i31_public(a, xlen, &pk);
	/* i62 exists only where BearSSL has 64x64 multiplications (not on 32-bit ARM) */
	if (br_rsa_i62_public_get() != NULL) {
		r62 = br_rsa_i62_public_get()(b, xlen, &pk);
	} else {
		r62 = r31;
		memcpy(b, a, xlen);
	}
	rsv = sv_rsa_key_init(&key, n, nlen, e, elen) == SV_OK ? sv_rsa_public(&key, c, xlen) : 0;
	compared++;
	if (r31 != r62)
		fail_msg("%s: BearSSL i31 says %u, i62 says %u", what, r31, r62);
	if (rsv != r31)
		fail_msg("%s: sv_rsa_public says %u, BearSSL says %u (nlen %zu, xlen %zu, elen %zu)", what,
		         rsv, r31, nlen, xlen, elen);
	if (rsv) {
		succeeded++;
		if (memcmp(a, c, xlen) != 0 || memcmp(b, c, xlen) != 0)
			fail_msg("%s: results differ (nlen %zu, elen %zu)", what, nlen, elen);
	}
}

/* ---- Wycheproof --------------------------------------------------------------- */

static int hexdec(sv_sv h, unsigned char *out, size_t cap, size_t *n)
{
	size_t i;
	if (h.n % 2 || h.n / 2 > cap)
		return -1;
	for (i = 0; i < h.n; i += 2) {
		int a = h.p[i], b = h.p[i + 1];
		a = a <= '9' ? a - '0' : (a | 32) - 'a' + 10;
		b = b <= '9' ? b - '0' : (b | 32) - 'a' + 10;
		out[i / 2] = (unsigned char)(a << 4 | b);
	}
	*n = h.n / 2;
	return 0;
}

/* Member k of object obj, or of its first sub-object among subs that has it. */
static sv_sv find_hex(const sv_json *d, int obj, const char *k, const char *const *subs)
{
	int v = sv_json_get(d, obj, sv_from_cstr(k));
	for (; v < 0 && *subs; subs++) {
		int o = sv_json_get(d, obj, sv_from_cstr(*subs));
		if (o >= 0 && sv_json_type(d, o) == JSMN_OBJECT)
			v = sv_json_get(d, o, sv_from_cstr(k));
	}
	return v < 0 ? SV_NULL : sv_json_raw(d, v);
}

/* Every signature of one file, as is and through the three implementations. */
static void run_file(const char *file, int supported)
{
	static const char *const subs[] = { "publicKey", "privateKey", NULL };
	static unsigned char n[1100], e[16], sig[1100];
	size_t len = 0, nl, el, sl;
	char *js = th_read(file, &len);
	sv_json d;
	sv_err err;
	int groups, g, ng, gi;
	unsigned long before = compared;

	if (!js)
		fail_msg("cannot read %s (is ../shared beside the checkout?)", file);
	assert_int_equal(sv_json_parse(&d, js, len, bigtok, BIGTOK, &err), SV_OK);
	groups = sv_json_get(&d, 0, SV_LIT("testGroups"));
	ng = sv_json_count(&d, groups);
	for (g = 0, gi = groups + 1; g < ng; g++, gi = sv_json_next(&d, gi)) {
		int tests = sv_json_get(&d, gi, SV_LIT("tests")), nt, t, ti;
		sv_sv hn = find_hex(&d, gi, "modulus", subs), he = find_hex(&d, gi, "publicExponent", subs);
		static sv_rsa_key key;

		if (hn.p == NULL)
			hn = find_hex(&d, gi, "n", subs);
		if (he.p == NULL)
			he = find_hex(&d, gi, "e", subs);
		assert_non_null(hn.p);
		assert_non_null(he.p);
		assert_int_equal(hexdec(hn, n, sizeof n, &nl), 0);
		assert_int_equal(hexdec(he, e, sizeof e, &el), 0);
		if (!supported) {
			/* 8192 bits: over SV_RSA_MAX_BITS, refused before any arithmetic */
			assert_int_equal(sv_rsa_key_init(&key, n, nl, e, el), SV_E_PARAM);
			continue;
		}
		nt = sv_json_count(&d, tests);
		for (t = 0, ti = tests + 1; t < nt; t++, ti = sv_json_next(&d, ti)) {
			char what[200];
			sv_sv id = sv_json_raw(&d, sv_json_get(&d, ti, SV_LIT("tcId")));
			if (hexdec(sv_json_raw(&d, sv_json_get(&d, ti, SV_LIT("sig"))), sig, sizeof sig, &sl) != 0)
				continue;
			snprintf(what, sizeof what, "%s tcId %.*s", file, (int)id.n, id.p);
			diff(n, nl, e, el, sig, sl, what);
		}
	}
	if (supported)
		assert_true(compared > before);
	free(js);
}

static void test_rsa_wycheproof_same_as_bearssl(void **state)
{
	static const struct { const char *f; int ok; } files[] = {
		{ WP "rsa_signature_2048_sha256_test.json", 1 },
		{ WP "rsa_signature_2048_sha384_test.json", 1 },
		{ WP "rsa_signature_2048_sha512_test.json", 1 },
		{ WP "rsa_signature_3072_sha256_test.json", 1 },
		{ WP "rsa_signature_3072_sha384_test.json", 1 },
		{ WP "rsa_signature_3072_sha512_test.json", 1 },
		{ WP "rsa_signature_4096_sha256_test.json", 1 },
		{ WP "rsa_signature_4096_sha384_test.json", 1 },
		{ WP "rsa_signature_4096_sha512_test.json", 1 },
		{ WP "rsa_signature_8192_sha256_test.json", 0 },
		{ WP "rsa_pkcs1_2048_sig_gen_test.json", 1 },
		{ WP "rsa_pkcs1_3072_sig_gen_test.json", 1 },
		{ WP "rsa_pkcs1_4096_sig_gen_test.json", 1 },
		{ WP "legacy/rsa_signature_2048_sha256_test.json", 1 },
		{ WP "legacy/rsa_signature_2048_sha384_test.json", 1 },
		{ WP "legacy/rsa_signature_2048_sha512_test.json", 1 },
		{ WP "legacy/rsa_signature_3072_sha256_test.json", 1 },
		{ WP "legacy/rsa_signature_3072_sha384_test.json", 1 },
		{ WP "legacy/rsa_signature_3072_sha512_test.json", 1 },
		{ WP "legacy/rsa_signature_4096_sha384_test.json", 1 },
		{ WP "legacy/rsa_signature_4096_sha512_test.json", 1 },
		{ WP "legacy/rsa_signature_test.json", 1 },
	};
	size_t i;
	(void)state;
	compared = succeeded = 0;
	for (i = 0; i < sizeof files / sizeof files[0]; i++)
		run_file(files[i].f, files[i].ok);
	print_message("wycheproof: %lu signatures compared, %lu public operations succeeded\n",
	              compared, succeeded);
	assert_true(compared > 4000);
	assert_true(succeeded > 3000);
}

/* ---- seeded random inputs ------------------------------------------------------- */

static uint64_t rng = 0x9E3779B97F4A7C15u;

static unsigned char rnd(void)
{
	/* xorshift64*: deterministic, so a failure names a reproducible iteration */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return (unsigned char)((rng * 0x2545F4914F6CDD1Du) >> 56);
}

static void test_rsa_random_same_as_bearssl(void **state)
{
	static unsigned char n[512], x[512], e[8];
	int it;
	(void)state;
	compared = succeeded = 0;
	for (it = 0; it < 1500; it++) {
		size_t nl = 1 + (size_t)((rnd() << 8 | rnd()) % 512), el, i;
		char what[64];
		if (it % 3 == 0)
			nl = (size_t)(256 + 128 * (it / 3 % 3));   /* 2048, 3072, 4096 bits */
		for (i = 0; i < nl; i++)
			n[i] = rnd();
		n[0] |= it % 5 ? 0x80 : 0x01;                 /* full or short top byte */
		n[nl - 1] |= (unsigned char)(it % 11 != 0);   /* now and then even */
		if (nl == 1)
			n[0] |= 0x80;   /* n = 1 is refused by sv_rsa_key_init (no RSA key is 1) */
		switch (it % 8) {
		case 0: case 2: case 4: case 6: e[0] = 1; e[1] = 0; e[2] = 1; el = 3; break;
		case 1: case 5: e[0] = 3; el = 1; break;
		default:
			el = 1 + rnd() % 8;
			for (i = 0; i < el; i++)
				e[i] = rnd();
			e[0] |= 1;
			break;
		}
		for (i = 0; i < nl; i++)
			x[i] = rnd();
		if (it % 7 == 0)
			x[0] &= (unsigned char)(n[0] - 1);   /* likely below n */
		else if (x[0] >= n[0])
			x[0] = (unsigned char)(n[0] >> 1);
		snprintf(what, sizeof what, "random iteration %d", it);
		diff(n, nl, e, el, x, nl, what);
	}
	print_message("random: %lu compared, %lu succeeded\n", compared, succeeded);
	assert_true(succeeded > 1000);
}

/* ---- edges ---------------------------------------------------------------------- */

static void test_rsa_edges_same_as_bearssl(void **state)
{
	static unsigned char n[512], x[512];
	static const unsigned char e3[] = { 3 }, e1[] = { 1 }, e65537[] = { 1, 0, 1 },
	                           e8[] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	static const struct { const unsigned char *e; size_t n; } es[] = {
		{ e1, 1 }, { e3, 1 }, { e65537, 3 }, { e8, 8 }
	};
	size_t nl, i, j;
	(void)state;
	for (nl = 256; nl <= 512; nl += 128) {
		memset(n, 0xff, nl);                       /* 2^k - 1: odd, largest */
		for (j = 0; j < 4; j++) {
			memset(x, 0, nl);
			diff(n, nl, es[j].e, es[j].n, x, nl, "x = 0");
			x[nl - 1] = 1;
			diff(n, nl, es[j].e, es[j].n, x, nl, "x = 1");
			memcpy(x, n, nl);
			x[nl - 1] ^= 1;
			diff(n, nl, es[j].e, es[j].n, x, nl, "x = n - 1");
			memcpy(x, n, nl);
			diff(n, nl, es[j].e, es[j].n, x, nl, "x = n");
			diff(n, nl, es[j].e, es[j].n, x, nl - 1, "xlen = nlen - 1");
		}
		memset(n, 0, nl);                         /* 2^(k-1) + 1 */
		n[0] = 0x80;
		n[nl - 1] = 1;
		memset(x, 0x7f, nl);
		for (j = 0; j < 4; j++)
			diff(n, nl, es[j].e, es[j].n, x, nl, "n = 2^(k-1) + 1");
		n[nl - 1] = 0;                            /* even */
		diff(n, nl, e65537, 3, x, nl, "even n");
	}
	/* a leading zero byte in n: xlen counts n's significant bytes, as in BearSSL */
	memset(n, 0, 257);
	for (i = 1; i < 257; i++)
		n[i] = (unsigned char)(0x80 | i);
	n[256] |= 1;
	memset(x, 0x11, 257);
	diff(n, 257, e65537, 3, x, 256, "n with a leading zero, xlen 256");
	diff(n, 257, e65537, 3, x, 257, "n with a leading zero, xlen 257");
}

/* The batch cache recognises its key by value, and a failed init unloads it. */
static void test_rsa_key_cache_identity(void **state)
{
	static sv_rsa_key key;
	static const unsigned char n[] = { 0xc5, 0x01, 0x03 }, n2[] = { 0xc5, 0x01, 0x05 },
	                           e[] = { 1, 0, 1 }, e0[] = { 0, 1, 0, 1 };
	(void)state;
	memset(&key, 0, sizeof key);
	assert_int_equal(sv_rsa_key_is(&key, n, 3, e, 3), 0);
	assert_int_equal(sv_rsa_key_init(&key, n, 3, e, 3), SV_OK);
	assert_int_equal(sv_rsa_key_is(&key, n, 3, e, 3), 1);
	assert_int_equal(sv_rsa_key_is(&key, n, 3, e0, 4), 1);   /* same value */
	assert_int_equal(sv_rsa_key_is(&key, n2, 3, e, 3), 0);
	assert_int_equal(sv_rsa_key_init(&key, n, 3, e0, 1), SV_E_PARAM);   /* e = 0 */
	assert_int_equal(sv_rsa_key_is(&key, n, 3, e, 3), 0);    /* a failed init unloads */
}

/* The variant built is the one meant: test_rsa32 and test_rsa_portable must not test the default again. */
static void test_rsa_impl_is_the_variant_built(void **state)
{
	const char *impl = sv_rsa_impl();
	(void)state;
	print_message("sv_rsa: %s\n", impl);
#if defined(SV_RSA_LIMB32) || !defined(__SIZEOF_INT128__)   /* armv7: 32-bit limbs always */
	assert_string_equal(impl, "portable C, 32-bit limbs");
#elif defined(SV_RSA_PORTABLE)
	assert_string_equal(impl, "portable C, 64-bit limbs");
#elif defined(__x86_64__) && defined(__GNUC__)
	assert_string_equal(impl, "x86-64 assembly, 64-bit limbs");
#else
	assert_string_equal(impl, "portable C, 64-bit limbs");
#endif
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rsa_impl_is_the_variant_built),
		cmocka_unit_test(test_rsa_wycheproof_same_as_bearssl),
		cmocka_unit_test(test_rsa_random_same_as_bearssl),
		cmocka_unit_test(test_rsa_edges_same_as_bearssl),
		cmocka_unit_test(test_rsa_key_cache_identity),
	};
	int rc;
	bigtok = malloc(BIGTOK * sizeof *bigtok);
	assert_non_null(bigtok);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	free(bigtok);
	return rc;
}
