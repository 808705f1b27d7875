/*
 * test_vectors.c -- public vectors through our own verify path.
 *
 * Wycheproof RSASSA-PKCS1-v1_5 (RS256/384/512 at 2048/3072/4096 bits, and
 * the 8192-bit file) and the real-world tokens in ../shared/vectors, read
 * where they are: they came from public repositories and are never copied
 * into this project.
 */
#include "helpers.h"
#include "sv_internal.h"

#define WP SV_SHARED_DIR "/vectors/wycheproof/"
#define RT SV_SHARED_DIR "/vectors/real-tokens/"

static jsmntok_t *bigtok;
#define BIGTOK 400000

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

static sv_sv member(const sv_json *d, int obj, const char *k)
{
	return sv_json_raw(d, sv_json_get(d, obj, sv_from_cstr(k)));
}

typedef struct wp_count {
	int valid_ok, invalid_ok, acceptable_accepted, acceptable_rejected, total;
} wp_count;

/* Runs one Wycheproof file; every valid accepted, every invalid rejected. */
static void run_wycheproof(const char *file, sv_alg alg, int key_supported, wp_count *cnt)
{
	size_t len = 0;
	char *js = th_read(file, &len);
	sv_json d;
	sv_err e;
	int groups, g, ng, gi;
	static unsigned char msg[4096], sig[2048];
	static char jwksbuf[4096];
	static jsmntok_t ktok[64];
	static char abuf[1024];

	if (!js)
		fail_msg("cannot read %s (is ../shared beside the checkout?)", file);
	assert_int_equal(sv_json_parse(&d, js, len, bigtok, BIGTOK, &e), SV_OK);
	groups = sv_json_get(&d, 0, SV_LIT("testGroups"));
	ng = sv_json_count(&d, groups);
	for (g = 0, gi = groups + 1; g < ng; g++, gi = sv_json_next(&d, gi)) {
		int jwkv = sv_json_get(&d, gi, SV_LIT("keyJwk"));
		int tests = sv_json_get(&d, gi, SV_LIT("tests")), nt, t, ti;
		sv_sv jwk;
		sv_jwks ks;
		sv_arena a;
		sv_keybuf kb;
		sv_report rep;
		int usable;
		size_t jl;

		/* the JWK exactly as Wycheproof publishes it, wrapped into a JWKS */
		jwk.p = d.js + d.tok[jwkv].start;
		jwk.n = (size_t)(d.tok[jwkv].end - d.tok[jwkv].start);
		jl = (size_t)snprintf(jwksbuf, sizeof jwksbuf, "{\"keys\":[%.*s]}", (int)jwk.n, jwk.p);
		sv_arena_init(&a, abuf, sizeof abuf);
		assert_int_equal(sv_jwks_parse(&ks, jwksbuf, jl, ktok, 64, &a, &e), SV_OK);
		assert_int_equal(ks.nkeys, 1);
		sv_report_init(&rep);
		usable = sv_key_check(&kb, &ks.keys[0], alg, &rep);
		if (!key_supported) {
			/* 8192-bit keys exceed SV_RSA_MAX_BITS: every test must be refused */
			assert_int_equal(usable, 0);
			assert_string_equal(rep.items[0].detail, "RSA modulus n: larger than SV_RSA_MAX_BITS=4096 bits");
		} else {
			assert_int_equal(usable, 1);
		}
		nt = sv_json_count(&d, tests);
		for (t = 0, ti = tests + 1; t < nt; t++, ti = sv_json_next(&d, ti)) {
			sv_sv result = member(&d, ti, "result");
			size_t ml, sl;
			int ok;
			assert_int_equal(hexdec(member(&d, ti, "msg"), msg, sizeof msg, &ml), 0);
			if (hexdec(member(&d, ti, "sig"), sig, sizeof sig, &sl) != 0)
				sl = 0, ok = 0;
			ok = usable && sv_sig_verify_rsa(alg, kb.n, kb.nlen, kb.e, kb.elen, msg, ml, sig, sl);
			cnt->total++;
			if (sv_eq(result, SV_LIT("valid"))) {
				if (key_supported && !ok)
					fail_msg("%s tcId %.*s: valid signature rejected", file,
					         (int)member(&d, ti, "tcId").n, member(&d, ti, "tcId").p);
				cnt->valid_ok += ok;
			} else if (sv_eq(result, SV_LIT("invalid"))) {
				if (ok)
					fail_msg("%s tcId %.*s: INVALID signature accepted", file,
					         (int)member(&d, ti, "tcId").n, member(&d, ti, "tcId").p);
				cnt->invalid_ok++;
			} else {
				if (ok)
					cnt->acceptable_accepted++;
				else
					cnt->acceptable_rejected++;
			}
		}
	}
	free(js);
}

static void test_vectors_wycheproof_rsa_pkcs1(void **state)
{
	static const struct { const char *f; sv_alg alg; int ok; } files[] = {
		{ WP "rsa_signature_2048_sha256_test.json", SV_ALG_RS256, 1 },
		{ WP "rsa_signature_2048_sha384_test.json", SV_ALG_RS384, 1 },
		{ WP "rsa_signature_2048_sha512_test.json", SV_ALG_RS512, 1 },
		{ WP "rsa_signature_3072_sha256_test.json", SV_ALG_RS256, 1 },
		{ WP "rsa_signature_3072_sha384_test.json", SV_ALG_RS384, 1 },
		{ WP "rsa_signature_3072_sha512_test.json", SV_ALG_RS512, 1 },
		{ WP "rsa_signature_4096_sha256_test.json", SV_ALG_RS256, 1 },
		{ WP "rsa_signature_4096_sha384_test.json", SV_ALG_RS384, 1 },
		{ WP "rsa_signature_4096_sha512_test.json", SV_ALG_RS512, 1 },
		{ WP "rsa_signature_8192_sha256_test.json", SV_ALG_RS256, 0 },
	};
	size_t i;
	wp_count c;
	(void)state;
	memset(&c, 0, sizeof c);
	for (i = 0; i < sizeof files / sizeof files[0]; i++)
		run_wycheproof(files[i].f, files[i].alg, files[i].ok, &c);
	/* the counts in the vectors' README: 9+7+8+8+7+8+7+7+7 valid in the supported files */
	assert_int_equal(c.valid_ok, 68);
	print_message("wycheproof: %d tests, %d valid accepted, %d invalid rejected, "
	              "acceptable: %d accepted, %d rejected (strict DigestInfo encoding)\n",
	              c.total, c.valid_ok, c.invalid_ok, c.acceptable_accepted, c.acceptable_rejected);
}

/*
 * The real tokens. Verdicts come from the vectors' case.json (a strict
 * RS256-only verifier with no leeway). stsverify applies STS's profile on
 * top, which requires sub and aud: the RFC examples carry neither, so the
 * expected FAIL sets below name those two rows for them.
 */
static const struct {
	const char *id;
	const char *fails;     /* exact FAIL set, report order */
} real_expect[] = {
	{ "real-eks-irsa-token-valid", "" },
	{ "real-eks-irsa-token-valid-no-newline", "" },
	{ "real-eks-irsa-token-expired", "clm.exp" },
	{ "real-eks-irsa-token-before-nbf", "clm.nbf clm.iat" },
	{ "real-eks-irsa-token-signing-key-removed", "key.select" },
	{ "real-eks-irsa-token-wrong-audience", "clm.aud" },
	{ "real-eks-irsa-token-wrong-issuer", "clm.iss" },
	{ "real-eks-irsa-token-sub-tampered", "sig.valid" },
	{ "rfc7515-a2-rs256", "clm.sub clm.aud" },
	{ "rfc7515-a2-rs256-expired", "clm.sub clm.aud clm.exp" },
	{ "rfc7515-a2-rs256-jwk-alg-ps256", "key.params clm.sub clm.aud" },
	{ "rfc7520-4.1-rs256-non-json-payload", "tok.format" },
	{ "pyjwt-control-rs384", "hdr.alg clm.iss clm.sub clm.aud clm.exp" },
	{ "gojose-rsaSignedToken-no-exp", "clm.aud clm.exp" },
	{ "gojose-rsaSignedTokenWithKid-no-exp", "clm.aud clm.exp" },
	{ "gojose-rsaEncryptedToken-jwe", "tok.format" },
	{ "gojose-invalidPartsSignedToken", "tok.format" },
	{ "rfc7519-a2-nested-jwe", "tok.format" },
	{ "k8s-fixture/valid-k8s-fixture-key", "" },
};

static sv_workspace ws;

/* Runs one case object c of d; paths in it are relative to base. */
static void run_real_case(const sv_json *d, int c, const char *base, const char *id)
{
	char path[512], fails[512];
	sv_sv tokp = member(d, c, "token"), jwkp = member(d, c, "jwks");
	sv_sv expect = member(d, c, "expect");
	int audv = sv_json_get(d, c, SV_LIT("aud")), issv = sv_json_get(d, c, SV_LIT("iss"));
	sv_verify_opts o;
	sv_report rep;
	char *tok, *jwks;
	size_t tl = 0, jl = 0, i;
	sv_sv jwt;
	sv_err e;
	int64_t now;
	const char *want = NULL;

	for (i = 0; i < sizeof real_expect / sizeof real_expect[0]; i++)
		if (strcmp(real_expect[i].id, id) == 0)
			want = real_expect[i].fails;
	if (!want)
		fail_msg("real token case %s has no expectation here: add one", id);
	assert_int_equal(sv_json_int(d, sv_json_get(d, c, SV_LIT("now")), &now), SV_ND_OK);
	snprintf(path, sizeof path, "%s%.*s", base, (int)tokp.n, tokp.p);
	tok = th_read(path, &tl);
	snprintf(path, sizeof path, "%s%.*s", base, (int)jwkp.n, jwkp.p);
	jwks = th_read(path, &jl);
	assert_non_null(tok);
	assert_non_null(jwks);
	assert_int_equal(sv_token_trim(tok, tl, &jwt, &e), SV_OK);

	sv_verify_opts_init(&o, now);
	o.leeway = 0;
	o.algs = SV_ALG_RS256;
	if (sv_json_type(d, audv) == JSMN_STRING)
		o.aud[o.naud++] = sv_json_raw(d, audv);
	if (sv_json_type(d, issv) == JSMN_STRING)
		o.iss = sv_json_raw(d, issv);
	sv_report_init(&rep);
	assert_int_equal(sv_verify(&ws, &o, jwt.p, jwt.n, jwks, jl, &rep, &e), SV_OK);
	th_fails(&rep, fails, sizeof fails);
	if (strcmp(fails, want) != 0)
		fail_msg("%s: FAIL set \"%s\", expected \"%s\"", id, fails, want);
	/* agreement with the vectors' own verdict, modulo STS's sub/aud profile */
	if (sv_eq(expect, SV_LIT("accept")))
		assert_true(want[0] == '\0' || strcmp(want, "clm.sub clm.aud") == 0);
	else
		assert_true(want[0] != '\0' && strcmp(want, "clm.sub clm.aud") != 0);
	free(tok);
	free(jwks);
}

static void test_vectors_real_tokens(void **state)
{
	size_t len = 0;
	char *js = th_read(RT "manifest.json", &len), id[128];
	sv_json d;
	sv_err e;
	int cases, n, k, c, seen = 0;
	(void)state;
	assert_non_null(js);
	assert_int_equal(sv_json_parse(&d, js, len, bigtok, BIGTOK, &e), SV_OK);
	cases = sv_json_get(&d, 0, SV_LIT("cases"));
	n = sv_json_count(&d, cases);
	for (k = 0, c = cases + 1; k < n; k++, c = sv_json_next(&d, c)) {
		sv_sv sid = member(&d, c, "id");
		snprintf(id, sizeof id, "%.*s", (int)sid.n, sid.p);
		run_real_case(&d, c, RT, id);
		seen++;
	}
	free(js);
	/* the Kubernetes test key's token has its own case.json */
	js = th_read(RT "k8s-fixture/valid-k8s-fixture-key/case.json", &len);
	assert_non_null(js);
	assert_int_equal(sv_json_parse(&d, js, len, bigtok, BIGTOK, &e), SV_OK);
	run_real_case(&d, 0, RT "k8s-fixture/valid-k8s-fixture-key/", "k8s-fixture/valid-k8s-fixture-key");
	seen++;
	free(js);
	assert_int_equal(seen, (int)(sizeof real_expect / sizeof real_expect[0]));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_vectors_wycheproof_rsa_pkcs1),
		cmocka_unit_test(test_vectors_real_tokens),
	};
	int rc;
	bigtok = malloc(sizeof(jsmntok_t) * BIGTOK);
	rc = cmocka_run_group_tests(tests, NULL, NULL);
	free(bigtok);
	return rc;
}
