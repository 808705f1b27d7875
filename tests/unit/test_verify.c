/*
 * test_verify.c -- src/sv_verify.c row by row, on tokens built here.
 *
 * Claim and header rows do not depend on the signature, so these tokens
 * carry a dummy signature and run against the real EKS JWKS (read in
 * place from ../shared): every row's status and exact text is asserted,
 * boundary pairs side by side. Signed cases live in the fixture manifest.
 */
#include "helpers.h"
#include "sv_internal.h"

#define RT SV_SHARED_DIR "/vectors/real-tokens/cases/"
#define KID "e3b1d185e0d794058a6346c32b2575ac0efb622e"

static sv_workspace ws;
static char *jwks;
static size_t jwks_len;

static void make_token(char *out, size_t cap, const char *header, const char *claims)
{
	size_t n = 0;
	static const unsigned char sig[256] = { 1 };
	n += sv_b64url_encode((const unsigned char *)header, strlen(header), out, cap);
	out[n++] = '.';
	n += sv_b64url_encode((const unsigned char *)claims, strlen(claims), out + n, cap - n);
	out[n++] = '.';
	n += sv_b64url_encode(sig, sizeof sig, out + n, cap - n);
	out[n] = '\0';
}

static void run(const char *header, const char *claims, int64_t now, int64_t leeway, sv_report *rep)
{
	static char tok[8192];
	sv_verify_opts o;
	sv_err e;
	make_token(tok, sizeof tok, header, claims);
	sv_verify_opts_init(&o, now);
	o.leeway = leeway;
	sv_report_init(rep);
	assert_int_equal(sv_verify(&ws, &o, tok, strlen(tok), jwks, jwks_len, rep, &e), SV_OK);
}

static const char *detail(const sv_report *r, sv_check_id id)
{
	const sv_item *it = sv_report_get(r, id);
	return it ? it->detail : "(no row)";
}

#define H "{\"alg\":\"RS256\",\"kid\":\"" KID "\"}"
#define C(exp, extra) "{\"aud\":[\"sts.amazonaws.com\"],\"exp\":" exp ",\"iss\":\"https://x\",\"sub\":\"s\"" extra "}"

static void test_verify_exp_boundary_pairs(void **state)
{
	sv_report r;
	(void)state;
	/* leeway 300: exp + 299 passes, exp + 300 fails */
	run(H, C("1000000", ""), 1000299, 300, &r);
	assert_int_equal(th_status(&r, "clm.exp"), SV_PASS);
	assert_string_equal(detail(&r, SV_CHK_CLM_EXP),
	                    "expired at 1970-01-12T13:46:40Z (1000000), 4 min 59 s ago, inside the 300 s leeway");
	run(H, C("1000000", ""), 1000300, 300, &r);
	assert_int_equal(th_status(&r, "clm.exp"), SV_FAIL);
	assert_string_equal(detail(&r, SV_CHK_CLM_EXP),
	                    "expired at 1970-01-12T13:46:40Z (1000000), 5 min ago (leeway 300 s)");
	/* leeway 0: one second before exp passes, exp itself fails (RFC 7519: now must be before exp) */
	run(H, C("1000000", ""), 999999, 0, &r);
	assert_int_equal(th_status(&r, "clm.exp"), SV_PASS);
	assert_string_equal(detail(&r, SV_CHK_CLM_EXP), "expires at 1970-01-12T13:46:40Z (1000000), in 1 s");
	run(H, C("1000000", ""), 1000000, 0, &r);
	assert_int_equal(th_status(&r, "clm.exp"), SV_FAIL);
}

static void test_verify_nbf_iat_boundary_pairs(void **state)
{
	sv_report r;
	(void)state;
	run(H, C("2000000", ",\"nbf\":1000300,\"iat\":1000300"), 1000000, 300, &r);
	assert_int_equal(th_status(&r, "clm.nbf"), SV_PASS);
	assert_int_equal(th_status(&r, "clm.iat"), SV_PASS);
	run(H, C("2000000", ",\"nbf\":1000301,\"iat\":1000301"), 1000000, 300, &r);
	assert_int_equal(th_status(&r, "clm.nbf"), SV_FAIL);
	assert_string_equal(detail(&r, SV_CHK_CLM_NBF), "not valid before 1970-01-12T13:51:41Z (1000301), 5 min 1 s from now");
	assert_int_equal(th_status(&r, "clm.iat"), SV_FAIL);
	assert_string_equal(detail(&r, SV_CHK_CLM_IAT),
	                    "issued in the future: 1970-01-12T13:51:41Z (1000301), 5 min 1 s ahead of this clock");
	/* an old iat warns: 86400 s is fine, 86401 s warns */
	run(H, C("2000000", ",\"iat\":913600"), 1000000, 300, &r);
	assert_int_equal(th_status(&r, "clm.iat"), SV_PASS);
	run(H, C("2000000", ",\"iat\":913599"), 1000000, 300, &r);
	assert_int_equal(th_status(&r, "clm.iat"), SV_WARN);
}

static void test_verify_numericdate_types(void **state)
{
	static const struct { const char *exp; const char *msg; } t[] = {
		{ "\"2000000\"", "exp is not a JSON number: \"2000000\"" },
		{ "2000000.5", "exp is not an integer: 2000000.5" },
		{ "2e6", "exp is not an integer: 2e6" },
		{ "true", "exp is not a JSON number: true" },
		{ "null", "exp is not a JSON number: null" },
		{ "[2000000]", "exp is not a JSON number: [2000000]" },
		{ "99999999999999999999", "exp is out of range: 99999999999999999999" },
	};
	size_t i;
	sv_report r;
	char claims[256];
	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		snprintf(claims, sizeof claims, "{\"aud\":\"a\",\"exp\":%s,\"iss\":\"i\",\"sub\":\"s\"}", t[i].exp);
		run(H, claims, 1000000, 300, &r);
		assert_int_equal(th_status(&r, "clm.exp"), SV_FAIL);
		assert_string_equal(detail(&r, SV_CHK_CLM_EXP), t[i].msg);
	}
	/* negative is a valid integer (long expired) */
	run(H, C("-5", ""), 1000000, 300, &r);
	assert_int_equal(th_status(&r, "clm.exp"), SV_FAIL);
	assert_non_null(strstr(detail(&r, SV_CHK_CLM_EXP), "(-5)"));
}

static void test_verify_alg_rows(void **state)
{
	static const struct { const char *hdr; const char *msg; } t[] = {
		{ "{\"alg\":\"none\"}", "alg \"none\": an unsigned token; STS requires a signature" },
		{ "{\"alg\":\"nOnE\"}", "alg \"nOnE\": an unsigned token; STS requires a signature" },
		{ "{\"alg\":\"HS256\",\"kid\":\"" KID "\"}", "alg \"HS256\" is an HMAC (shared-secret) algorithm; STS accepts only RS256, RS384, RS512, ES256, ES384, ES512" },
		{ "{\"alg\":\"PS256\"}", "alg \"PS256\" (RSASSA-PSS) is not one STS accepts (RS256, RS384, RS512, ES256, ES384, ES512)" },
		{ "{\"alg\":\"rs256\"}", "alg \"rs256\" is not one STS accepts (RS256, RS384, RS512, ES256, ES384, ES512)" },
		{ "{\"alg\":256}", "alg is not a string: 256" },
		{ "{\"kid\":\"" KID "\"}", "the header has no alg" },
	};
	size_t i;
	sv_report r;
	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		run(t[i].hdr, C("2000000", ""), 1000000, 300, &r);
		assert_int_equal(th_status(&r, "hdr.alg"), SV_FAIL);
		assert_string_equal(detail(&r, SV_CHK_HDR_ALG), t[i].msg);
		/* never a key lookup for an alg STS does not accept */
		assert_int_equal(th_status(&r, "key.select"), SV_SKIP);
		assert_int_equal(th_status(&r, "sig.valid"), SV_SKIP);
		/* claims are still reported */
		assert_int_equal(th_status(&r, "clm.exp"), SV_PASS);
	}
}

static void test_verify_header_flags(void **state)
{
	sv_report r;
	(void)state;
	run("{\"alg\":\"RS256\",\"kid\":\"" KID "\",\"crit\":[\"exp\"],\"exp\":1}", C("2000000", ""), 1000000, 300, &r);
	assert_int_equal(th_status(&r, "hdr.crit"), SV_FAIL);
	run("{\"alg\":\"RS256\",\"kid\":\"" KID "\",\"b64\":false}", C("2000000", ""), 1000000, 300, &r);
	assert_int_equal(th_status(&r, "hdr.crit"), SV_FAIL);
	assert_string_equal(detail(&r, SV_CHK_HDR_CRIT),
	                    "the header has \"b64\": false (RFC 7797 unencoded payload); STS does not support it");
	run("{\"alg\":\"RS256\",\"kid\":\"" KID "\",\"jku\":\"https://evil/k\",\"x5c\":[\"MII\"]}", C("2000000", ""), 1000000, 300, &r);
	assert_int_equal(th_status(&r, "hdr.keyref"), SV_WARN);
	assert_string_equal(detail(&r, SV_CHK_HDR_KEYREF),
	                    "the header carries jku x5c: ignored, keys come only from the issuer's JWKS");
	/* the dummy signature still fails: jku was not followed */
	assert_int_equal(th_status(&r, "sig.valid"), SV_FAIL);
}

static void test_verify_kid_rows(void **state)
{
	sv_report r;
	(void)state;
	run("{\"alg\":\"RS256\",\"kid\":\"E3B1D185E0D794058A6346C32B2575AC0EFB622E\"}", C("2000000", ""), 1000000, 300, &r);
	assert_int_equal(th_status(&r, "key.select"), SV_FAIL);
	assert_non_null(strstr(detail(&r, SV_CHK_KEY_SELECT), "is not in the JWKS (it has: \"06d30cabe6da1effbec89224c2bdf6129357bf7c\""));
	run("{\"alg\":\"RS256\"}", C("2000000", ""), 1000000, 300, &r);
	assert_int_equal(th_status(&r, "key.select"), SV_FAIL);
	assert_string_equal(detail(&r, SV_CHK_KEY_SELECT),
	                    "the header has no kid and the JWKS has 13 RSA keys: no way to choose");
	run("{\"alg\":\"RS256\",\"kid\":7}", C("2000000", ""), 1000000, 300, &r);
	assert_string_equal(detail(&r, SV_CHK_KEY_SELECT), "kid is not a string: 7");
	/* right kid, dummy signature: the key is checked and the signature fails */
	run(H, C("2000000", ""), 1000000, 300, &r);
	assert_int_equal(th_status(&r, "key.select"), SV_PASS);
	assert_int_equal(th_status(&r, "key.params"), SV_PASS);
	assert_int_equal(th_status(&r, "sig.valid"), SV_FAIL);
	assert_string_equal(detail(&r, SV_CHK_SIG_VALID), "the RS256 signature does not verify under the selected key");
}

static void test_verify_structure_rows(void **state)
{
	static const struct { const char *tok; const char *msg; } t[] = {
		{ "a.b", "2 segments; a compact JWS has exactly 3" },
		{ "a.b.c.d.e", "5 segments; a compact JWS has exactly 3" },
		{ ".e30.AA", "the header segment is empty" },
		{ "e30=.e30.AA", "header: offset 3: '=' padding is not allowed in base64url" },
		{ "e30.W10.AA", "claims is JSON but not an object" },
		{ "eyJhIjoxLCJhIjoyfQ.e30.AA", "header: offset 7: duplicate member name \"a\"" },
		{ "aGk.e30.AA", "header: offset 0: invalid JSON" },
	};
	size_t i;
	sv_report r;
	sv_verify_opts o;
	sv_err e;
	(void)state;
	sv_verify_opts_init(&o, 1000000);
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		sv_report_init(&r);
		assert_int_equal(sv_verify(&ws, &o, t[i].tok, strlen(t[i].tok), jwks, jwks_len, &r, &e), SV_OK);
		assert_int_equal(th_status(&r, "tok.format"), SV_FAIL);
		if (strcmp(detail(&r, SV_CHK_TOK_FORMAT), t[i].msg) != 0)
			fail_msg("%s: \"%s\"", t[i].tok, detail(&r, SV_CHK_TOK_FORMAT));
		assert_int_equal(th_status(&r, "clm.exp"), SV_SKIP);
		assert_false(sv_report_ok(&r));
		/* verify reports only its own 14 rows, never check-only ones */
		assert_int_equal(r.count, 14);
		assert_int_equal(th_status(&r, "prov.aud"), -1);
	}
}

/* An empty signature is a well-formed JWS: alg and signature rows say what is wrong. */
static void test_verify_empty_signature(void **state)
{
	static char tok[512];
	size_t n;
	sv_report r;
	sv_verify_opts o;
	sv_err e;
	(void)state;
	n = sv_b64url_encode((const unsigned char *)H, strlen(H), tok, sizeof tok);
	tok[n++] = '.';
	n += sv_b64url_encode((const unsigned char *)C("2000000", ""), strlen(C("2000000", "")), tok + n, sizeof tok - n);
	tok[n++] = '.';
	sv_verify_opts_init(&o, 1000000);
	sv_report_init(&r);
	assert_int_equal(sv_verify(&ws, &o, tok, n, jwks, jwks_len, &r, &e), SV_OK);
	assert_int_equal(th_status(&r, "tok.format"), SV_PASS);
	assert_int_equal(th_status(&r, "sig.valid"), SV_FAIL);
	assert_string_equal(detail(&r, SV_CHK_SIG_VALID), "the signature is 0 bytes; this 2048-bit key makes exactly 256");
}

static void test_verify_wipe_clears_workspace(void **state)
{
	sv_report r;
	size_t i, nz = 0;
	const unsigned char *p = (const unsigned char *)&ws;
	(void)state;
	run(H, C("2000000", ""), 1000000, 300, &r);
	sv_workspace_wipe(&ws);
	for (i = 0; i < sizeof ws; i++)
		nz |= p[i];
	assert_int_equal(nz, 0);
}

static int setup(void **state)
{
	(void)state;
	jwks = th_read(RT "real-eks-irsa-token-valid/jwks.json", &jwks_len);
	return jwks ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	free(jwks);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_verify_exp_boundary_pairs),
		cmocka_unit_test(test_verify_nbf_iat_boundary_pairs),
		cmocka_unit_test(test_verify_numericdate_types),
		cmocka_unit_test(test_verify_alg_rows),
		cmocka_unit_test(test_verify_header_flags),
		cmocka_unit_test(test_verify_kid_rows),
		cmocka_unit_test(test_verify_structure_rows),
		cmocka_unit_test(test_verify_empty_signature),
		cmocka_unit_test(test_verify_wipe_clears_workspace),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
