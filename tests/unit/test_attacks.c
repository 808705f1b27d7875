/*
 * test_attacks.c -- the adversarial JWT suite (RFC 8725 and the history of
 * JWT library CVEs), table-driven. docs/attacks.md gives the policy for
 * each class and points here.
 *
 * Part 1 (built here): classes that need no valid signature -- alg none,
 * framing, base64url variants, JSON tricks, NumericDate tricks, oversize
 * inputs. Each token is built from header and claims text in this file and
 * checked against a JWKS with one synthetic RSA-2048 key (kid "k1"), so the
 * rows under test are decided before any signature could matter.
 *
 * Every case names its class, the rows it expects ("slug=STATUS ...") and a
 * substring of the first row's detail: an attack must be rejected for the
 * right reason, not just rejected.
 */
#include "helpers.h"
#include "sv_internal.h"

static sv_workspace ws;
static sv_report rep;
static char tokbuf[4 * SV_MAX_JWT_BYTES];
static char jwks_one[1024];

/* A JWKS holding one RSA-2048 key, kid "k1": n is 0xC5 0x5A ... odd, not a real key. */
static const char *jwks_synthetic(void)
{
	unsigned char n[256];
	char nb[400];
	size_t i, w;
	if (jwks_one[0])
		return jwks_one;
	for (i = 0; i < sizeof n; i++)
		n[i] = (unsigned char)(0xC5 ^ (i * 0x5A));
	n[255] |= 1;
	w = sv_b64url_encode(n, sizeof n, nb, sizeof nb);
	nb[w] = '\0';
	snprintf(jwks_one, sizeof jwks_one,
	         "{\"keys\":[{\"kty\":\"RSA\",\"kid\":\"k1\",\"use\":\"sig\",\"alg\":\"RS256\",\"n\":\"%s\",\"e\":\"AQAB\"}]}",
	         nb);
	return jwks_one;
}

/* base64url(hdr) "." base64url(clm) "." base64url(256 bytes) */
static size_t build(const char *hdr, const char *clm, char *out, size_t cap)
{
	unsigned char sig[256];
	size_t w;
	memset(sig, 0x11, sizeof sig);
	w = sv_b64url_encode((const unsigned char *)hdr, strlen(hdr), out, cap);
	out[w++] = '.';
	w += sv_b64url_encode((const unsigned char *)clm, strlen(clm), out + w, cap - w);
	out[w++] = '.';
	w += sv_b64url_encode(sig, sizeof sig, out + w, cap - w);
	out[w] = '\0';
	return w;
}

#define H_RS256 "{\"alg\":\"RS256\",\"kid\":\"k1\"}"
#define C_OK "{\"iss\":\"https://issuer.example\",\"sub\":\"system:serviceaccount:default:app\"," \
             "\"aud\":[\"sts.amazonaws.com\"],\"iat\":1789999000,\"nbf\":1789999000,\"exp\":1790003000}"
#define C_EXP(v) "{\"iss\":\"https://issuer.example\",\"sub\":\"s\",\"aud\":\"sts.amazonaws.com\",\"exp\":" v "}"
#define C_IAT(v) "{\"iss\":\"https://issuer.example\",\"sub\":\"s\",\"aud\":\"sts.amazonaws.com\",\"exp\":1790003000,\"iat\":" v "}"
#define C_NBF(v) "{\"iss\":\"https://issuer.example\",\"sub\":\"s\",\"aud\":\"sts.amazonaws.com\",\"exp\":1790003000,\"nbf\":" v "}"
#define NOW 1790000000

typedef struct acase {
	const char *cls;       /* docs/attacks.md section */
	const char *name;
	const char *hdr, *clm; /* JSON texts to encode, or ... */
	const char *raw;       /* ... the token text itself */
	int64_t now;           /* 0: NOW */
	const char *expect;    /* "slug=STATUS ..." */
	const char *why;       /* substring of the first expected row's detail */
} acase;

static const acase cases[] = {
	/* ---- NumericDate tricks: only integers, any int64, no overflow ---- */
	{ "numericdate", "exp-string", H_RS256, C_EXP("\"1790003000\""), NULL, 0,
	  "clm.exp=FAIL", "exp is not a JSON number: \"1790003000\"" },
	{ "numericdate", "exp-float", H_RS256, C_EXP("1790003000.0"), NULL, 0,
	  "clm.exp=FAIL", "exp is not an integer: 1790003000.0" },
	{ "numericdate", "exp-exponent", H_RS256, C_EXP("1.790003e9"), NULL, 0,
	  "clm.exp=FAIL", "exp is not an integer: 1.790003e9" },
	{ "numericdate", "exp-exponent-integral", H_RS256, C_EXP("1790003E3"), NULL, 0,
	  "clm.exp=FAIL", "exp is not an integer" },
	{ "numericdate", "exp-huge", H_RS256, C_EXP("99999999999999999999"), NULL, 0,
	  "clm.exp=FAIL", "exp is out of range: 99999999999999999999" },
	{ "numericdate", "exp-int64-max-plus-one", H_RS256, C_EXP("9223372036854775808"), NULL, 0,
	  "clm.exp=FAIL", "exp is out of range" },
	{ "numericdate", "exp-int64-min-minus-one", H_RS256, C_EXP("-9223372036854775809"), NULL, 0,
	  "clm.exp=FAIL", "exp is out of range" },
	{ "numericdate", "exp-int64-max", H_RS256, C_EXP("9223372036854775807"), NULL, 0,
	  "clm.exp=PASS", "expires at (year out of range) (9223372036854775807)" },
	/* regression: now - exp overflowed and wrapped negative, "inside the leeway" */
	{ "numericdate", "exp-int64-min", H_RS256, C_EXP("-9223372036854775808"), NULL, 0,
	  "clm.exp=FAIL", "expired at (year out of range) (-9223372036854775808)" },
	{ "numericdate", "exp-int64-min-negative-now", H_RS256, C_EXP("-9223372036854775808"), NULL,
	  -999999999999LL, "clm.exp=FAIL", "expired at" },
	{ "numericdate", "exp-int64-max-negative-now", H_RS256, C_EXP("9223372036854775807"), NULL,
	  -999999999999LL, "clm.exp=PASS", "expires at" },
	{ "numericdate", "exp-negative", H_RS256, C_EXP("-1"), NULL, 0,
	  "clm.exp=FAIL", "expired at 1969-12-31T23:59:59Z (-1)" },
	{ "numericdate", "exp-minus-zero", H_RS256, C_EXP("-0"), NULL, 0,
	  "clm.exp=FAIL", "expired at 1970-01-01T00:00:00Z (0)" },
	{ "numericdate", "exp-zero", H_RS256, C_EXP("0"), NULL, 0, "clm.exp=FAIL", "expired at" },
	{ "numericdate", "exp-true", H_RS256, C_EXP("true"), NULL, 0,
	  "clm.exp=FAIL", "exp is not a JSON number: true" },
	{ "numericdate", "exp-null", H_RS256, C_EXP("null"), NULL, 0,
	  "clm.exp=FAIL", "exp is not a JSON number: null" },
	{ "numericdate", "exp-array", H_RS256, C_EXP("[1790003000]"), NULL, 0,
	  "clm.exp=FAIL", "exp is not a JSON number" },
	{ "numericdate", "exp-object", H_RS256, C_EXP("{\"v\":1790003000}"), NULL, 0,
	  "clm.exp=FAIL", "exp is not a JSON number" },
	{ "numericdate", "exp-nan", H_RS256, C_EXP("NaN"), NULL, 0,
	  "tok.format=FAIL clm.exp=SKIP", "claims: offset" },
	{ "numericdate", "exp-infinity", H_RS256, C_EXP("Infinity"), NULL, 0,
	  "tok.format=FAIL", "claims: offset" },
	{ "numericdate", "exp-plus-sign", H_RS256, C_EXP("+1790003000"), NULL, 0,
	  "tok.format=FAIL", "claims: offset" },
	{ "numericdate", "exp-leading-zero", H_RS256, C_EXP("01790003000"), NULL, 0,
	  "tok.format=FAIL", "is not a JSON number or literal" },
	{ "numericdate", "exp-hex", H_RS256, C_EXP("0x6AB1F1B8"), NULL, 0,
	  "tok.format=FAIL", "claims: offset" },
	{ "numericdate", "exp-leeway-edge-pass", H_RS256, C_EXP("1789999701"), NULL, 0,
	  "clm.exp=PASS", "inside the 300 s leeway" },
	{ "numericdate", "exp-leeway-edge-fail", H_RS256, C_EXP("1789999700"), NULL, 0,
	  "clm.exp=FAIL", "expired at" },
	/* regression: now - iat wrapped negative and hid the "too old" warning */
	{ "numericdate", "iat-int64-min", H_RS256, C_IAT("-9223372036854775808"), NULL, 0,
	  "clm.iat=WARN clm.exp=PASS", "issued at (year out of range) (-9223372036854775808)" },
	{ "numericdate", "iat-int64-max", H_RS256, C_IAT("9223372036854775807"), NULL, 0,
	  "clm.iat=FAIL", "issued in the future" },
	{ "numericdate", "iat-float", H_RS256, C_IAT("1789999000.5"), NULL, 0,
	  "clm.iat=FAIL", "iat is not an integer" },
	{ "numericdate", "iat-string", H_RS256, C_IAT("\"1789999000\""), NULL, 0,
	  "clm.iat=FAIL", "iat is not a JSON number" },
	{ "numericdate", "nbf-int64-max", H_RS256, C_NBF("9223372036854775807"), NULL, 0,
	  "clm.nbf=FAIL", "not valid before" },
	{ "numericdate", "nbf-int64-max-negative-now", H_RS256, C_NBF("9223372036854775807"), NULL,
	  -999999999999LL, "clm.nbf=FAIL", "not valid before" },
	{ "numericdate", "nbf-int64-min", H_RS256, C_NBF("-9223372036854775808"), NULL, 0,
	  "clm.nbf=PASS", "valid since" },
	{ "numericdate", "nbf-exponent", H_RS256, C_NBF("1e3"), NULL, 0,
	  "clm.nbf=FAIL", "nbf is not an integer" },
};

/* Checks one "slug=STATUS" list against the report; returns a message or NULL. */
static const char *mismatch(const char *expect, char *msg, size_t cap)
{
	const char *p = expect;
	while (*p) {
		char slug[64], st[16];
		const sv_item *it;
		int used = 0;
		if (sscanf(p, " %63[^=]=%15s%n", slug, st, &used) != 2 || used == 0)
			fail_msg("bad expectation \"%s\"", expect);
		p += used;
		it = sv_report_get(&rep, sv_check_by_slug(sv_from_cstr(slug)));
		if (!it) {
			snprintf(msg, cap, "no %s row", slug);
			return msg;
		}
		if (strcmp(sv_status_name(it->status), st) != 0) {
			snprintf(msg, cap, "%s is %s (%s), expected %s", slug, sv_status_name(it->status),
			         it->detail, st);
			return msg;
		}
		while (*p == ' ')
			p++;
	}
	return NULL;
}

static void run_case(const acase *c)
{
	const char *jwks = jwks_synthetic();
	sv_verify_opts o;
	sv_err e;
	size_t len;
	char msg[600], first[64];
	const sv_item *it;
	int rc;

	if (c->raw) {
		len = strlen(c->raw);
		memcpy(tokbuf, c->raw, len + 1);
	} else {
		len = build(c->hdr, c->clm, tokbuf, sizeof tokbuf);
	}
	sv_verify_opts_init(&o, c->now ? c->now : NOW);
	sv_report_init(&rep);
	rc = sv_verify(&ws, &o, tokbuf, len, jwks, strlen(jwks), &rep, &e);
	if (rc != SV_OK)
		fail_msg("[%s] %s: sv_verify rc %d: %s", c->cls, c->name, rc, e.msg);
	if (mismatch(c->expect, msg, sizeof msg))
		fail_msg("[%s] %s: %s", c->cls, c->name, msg);
	if (sv_report_ok(&rep) && strstr(c->expect, "=FAIL"))
		fail_msg("[%s] %s: accepted", c->cls, c->name);
	/* the reason: a substring of the first expected row's detail */
	sscanf(c->expect, "%63[^=]", first);
	it = sv_report_get(&rep, sv_check_by_slug(sv_from_cstr(first)));
	if (c->why && !strstr(it->detail, c->why))
		fail_msg("[%s] %s: %s detail \"%s\" lacks \"%s\"", c->cls, c->name, first, it->detail, c->why);
	sv_workspace_wipe(&ws);
}

static void test_attacks_built(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		run_case(&cases[i]);
}

/* The sanity case: the synthetic set-up itself passes every row but the signature. */
static void test_attacks_baseline_only_signature_fails(void **state)
{
	sv_verify_opts o;
	sv_err e;
	size_t len = build(H_RS256, C_OK, tokbuf, sizeof tokbuf);
	char fails[200];
	(void)state;
	sv_verify_opts_init(&o, NOW);
	sv_report_init(&rep);
	assert_int_equal(sv_verify(&ws, &o, tokbuf, len, jwks_synthetic(), strlen(jwks_synthetic()),
	                           &rep, &e), SV_OK);
	th_fails(&rep, fails, sizeof fails);
	assert_string_equal(fails, "sig.valid");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_attacks_baseline_only_signature_fails),
		cmocka_unit_test(test_attacks_built),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
