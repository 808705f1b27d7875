/*
 * test_attacks.c -- the adversarial JWT suite (RFC 8725 and the history of
 * JWT library CVEs), table-driven. docs/attacks.md gives the policy for
 * each class and points here.
 *
 * Part 1 (built here): classes that need no valid signature -- alg none
 * in every spelling, HMAC/PSS/unknown algs, hostile header keys, crit,
 * kid edge cases, base64url variants, JSON tricks, NumericDate tricks,
 * framing and oversize inputs. Each token is built from header and claims
 * text in this file (or given as raw text) and checked against a JWKS with
 * one synthetic RSA-2048 key (kid "k1"), so the rows under test are decided
 * before any signature could matter; token-file framing goes through
 * sv_token_trim.
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

#define HK(x) "{\"alg\":\"RS256\",\"kid\":\"k1\"," x "}"

static const acase cases[] = {
	/* ---- alg none in every spelling: never a verified token ------------- */
	{ "alg-none", "none", "{\"alg\":\"none\",\"kid\":\"k1\"}", C_OK, NULL, 0,
	  "hdr.alg=FAIL key.select=SKIP sig.valid=SKIP", "alg \"none\": an unsigned token" },
	{ "alg-none", "None", "{\"alg\":\"None\"}", C_OK, NULL, 0, "hdr.alg=FAIL sig.valid=SKIP", "an unsigned token" },
	{ "alg-none", "NONE", "{\"alg\":\"NONE\"}", C_OK, NULL, 0, "hdr.alg=FAIL", "an unsigned token" },
	{ "alg-none", "nOnE", "{\"alg\":\"nOnE\"}", C_OK, NULL, 0, "hdr.alg=FAIL", "an unsigned token" },
	{ "alg-none", "escaped-none", "{\"alg\":\"\\u006eone\"}", C_OK, NULL, 0,
	  "hdr.alg=FAIL", "alg \"none\": an unsigned token" },
	{ "alg-none", "none-trailing-space", "{\"alg\":\"none \"}", C_OK, NULL, 0,
	  "hdr.alg=FAIL", "is not one STS accepts" },
	{ "alg-none", "none-nul-escape", "{\"alg\":\"none\\u0000\"}", C_OK, NULL, 0,
	  "hdr.alg=FAIL", "alg \"none\\x00\" is not one STS accepts" },
	{ "alg-none", "empty-alg", "{\"alg\":\"\"}", C_OK, NULL, 0, "hdr.alg=FAIL", "alg \"\" is not one STS accepts" },
	/* the classic unsecured JWS: well formed, refused at alg, never reaching a key */
	{ "alg-none", "none-empty-signature", NULL, NULL, "eyJhbGciOiJub25lIn0.e30.", 0,
	  "hdr.alg=FAIL tok.format=PASS key.select=SKIP sig.valid=SKIP", "alg \"none\": an unsigned token" },
	{ "alg-none", "rs256-empty-signature", NULL, NULL, "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.e30.", 0,
	  "sig.valid=FAIL tok.format=PASS", "the signature is 0 bytes" },
	/* ---- other algorithms: HMAC keyed with the public key, PSS, unknown --- */
	{ "alg-hmac", "hs256", "{\"alg\":\"HS256\",\"kid\":\"k1\"}", C_OK, NULL, 0,
	  "hdr.alg=FAIL key.select=SKIP", "is an HMAC (shared-secret) algorithm" },
	{ "alg-hmac", "hs512-lower", "{\"alg\":\"hs512\"}", C_OK, NULL, 0, "hdr.alg=FAIL", "HMAC" },
	{ "alg-other", "ps256", "{\"alg\":\"PS256\"}", C_OK, NULL, 0, "hdr.alg=FAIL", "(RSASSA-PSS)" },
	{ "alg-other", "rs256-lower", "{\"alg\":\"rs256\"}", C_OK, NULL, 0, "hdr.alg=FAIL", "alg \"rs256\" is not one" },
	{ "alg-other", "rs1", "{\"alg\":\"RS1\"}", C_OK, NULL, 0, "hdr.alg=FAIL", "is not one STS accepts" },
	{ "alg-other", "alg-array", "{\"alg\":[\"RS256\"]}", C_OK, NULL, 0, "hdr.alg=FAIL", "alg is not a string" },
	{ "alg-other", "alg-null", "{\"alg\":null}", C_OK, NULL, 0, "hdr.alg=FAIL", "alg is not a string: null" },
	{ "alg-other", "alg-missing", "{\"kid\":\"k1\"}", C_OK, NULL, 0, "hdr.alg=FAIL", "the header has no alg" },
	/* JSON escapes are decoded before comparing: this is RS256 (then the signature fails) */
	{ "alg-other", "escaped-rs256", "{\"alg\":\"\\u0052S256\",\"kid\":\"k1\"}", C_OK, NULL, 0,
	  "hdr.alg=PASS key.select=PASS sig.valid=FAIL", "RS256" },
	/* ---- keys named in the header are never used ------------------------ */
	{ "hostile-header", "jwk", HK("\"jwk\":{\"kty\":\"oct\",\"k\":\"AAAA\"}"), C_OK, NULL, 0,
	  "hdr.keyref=WARN key.select=PASS sig.valid=FAIL", "the header carries jwk: ignored" },
	{ "hostile-header", "jku", HK("\"jku\":\"https://attacker.example/jwks\""), C_OK, NULL, 0,
	  "hdr.keyref=WARN sig.valid=FAIL", "the header carries jku: ignored" },
	{ "hostile-header", "x5u", HK("\"x5u\":\"https://attacker.example/cert\""), C_OK, NULL, 0,
	  "hdr.keyref=WARN sig.valid=FAIL", "carries x5u" },
	{ "hostile-header", "x5c", HK("\"x5c\":[\"MIIB\"]"), C_OK, NULL, 0,
	  "hdr.keyref=WARN sig.valid=FAIL", "carries x5c" },
	{ "hostile-header", "all-four", HK("\"jwk\":{},\"jku\":\"a\",\"x5u\":\"b\",\"x5c\":[]"), C_OK, NULL, 0,
	  "hdr.keyref=WARN sig.valid=FAIL", "carries jwk jku x5u x5c" },
	/* ---- crit and b64 (RFC 7515 4.1.11, RFC 7797) --------------------- */
	{ "crit", "crit-exp", HK("\"crit\":[\"exp\"],\"exp\":1"), C_OK, NULL, 0, "hdr.crit=FAIL", "the header has \"crit\"" },
	{ "crit", "crit-empty", HK("\"crit\":[]"), C_OK, NULL, 0, "hdr.crit=FAIL", "\"crit\"" },
	{ "crit", "crit-not-array", HK("\"crit\":\"b64\""), C_OK, NULL, 0, "hdr.crit=FAIL", "\"crit\"" },
	{ "crit", "b64-false", HK("\"b64\":false"), C_OK, NULL, 0, "hdr.crit=FAIL", "\"b64\": false" },
	{ "crit", "b64-true", HK("\"b64\":true"), C_OK, NULL, 0, "hdr.crit=FAIL", "the header has \"b64\" (RFC 7797" },
	/* ---- kid edge cases: exact byte match or nothing -------------------- */
	{ "kid", "unknown", "{\"alg\":\"RS256\",\"kid\":\"k2\"}", C_OK, NULL, 0,
	  "key.select=FAIL key.params=SKIP sig.valid=SKIP", "kid \"k2\" is not in the JWKS (it has: \"k1\")" },
	{ "kid", "case", "{\"alg\":\"RS256\",\"kid\":\"K1\"}", C_OK, NULL, 0, "key.select=FAIL", "kid \"K1\" is not" },
	{ "kid", "prefix", "{\"alg\":\"RS256\",\"kid\":\"k\"}", C_OK, NULL, 0, "key.select=FAIL", "kid \"k\" is not" },
	{ "kid", "longer", "{\"alg\":\"RS256\",\"kid\":\"k12\"}", C_OK, NULL, 0, "key.select=FAIL", "kid \"k12\"" },
	{ "kid", "nul-suffix", "{\"alg\":\"RS256\",\"kid\":\"k1\\u0000\"}", C_OK, NULL, 0,
	  "key.select=FAIL", "kid \"k1\\x00\" is not in the JWKS" },
	{ "kid", "path", "{\"alg\":\"RS256\",\"kid\":\"../../../../dev/null\"}", C_OK, NULL, 0,
	  "key.select=FAIL", "kid \"../../../../dev/null\" is not" },
	{ "kid", "sql-ish", "{\"alg\":\"RS256\",\"kid\":\"k1' OR '1'='1\"}", C_OK, NULL, 0, "key.select=FAIL", "is not in the JWKS" },
	{ "kid", "escaped-equal", "{\"alg\":\"RS256\",\"kid\":\"\\u006b1\"}", C_OK, NULL, 0,
	  "key.select=PASS sig.valid=FAIL", "kid \"k1\"" },
	{ "kid", "number", "{\"alg\":\"RS256\",\"kid\":1}", C_OK, NULL, 0, "key.select=FAIL", "kid is not a string: 1" },
	{ "kid", "null", "{\"alg\":\"RS256\",\"kid\":null}", C_OK, NULL, 0, "key.select=FAIL", "kid is not a string: null" },
	{ "kid", "object", "{\"alg\":\"RS256\",\"kid\":{\"$ne\":null}}", C_OK, NULL, 0, "key.select=FAIL", "kid is not a string" },
	/* no kid with exactly one RSA key: that key, with a warning (and here a bad signature) */
	{ "kid", "missing-one-key", "{\"alg\":\"RS256\"}", C_OK, NULL, 0,
	  "key.select=WARN sig.valid=FAIL", "the header has no kid; the JWKS's only RSA key was used" },
	/* ---- base64url: one encoding per byte string ------------------------ */
	{ "base64url", "header-padding", NULL, NULL, "eyJhbGciOiJSUzI1NiJ9=.e30.AAAA", 0,
	  "tok.format=FAIL", "header: offset 20: '=' padding is not allowed in base64url" },
	{ "base64url", "claims-plus", NULL, NULL, "eyJhbGciOiJSUzI1NiJ9.e3+.AAAA", 0,
	  "tok.format=FAIL", "'+' belongs to standard base64, not base64url" },
	{ "base64url", "signature-slash", NULL, NULL, "eyJhbGciOiJSUzI1NiJ9.e30.AA/A", 0,
	  "tok.format=FAIL", "signature: offset 2: '/' belongs to standard base64" },
	{ "base64url", "header-trailing-bits", NULL, NULL, "eyJhbGciOiJSUzI1NiJ9.e31.AAAA", 0,
	  "tok.format=FAIL", "claims: offset 2: non-zero trailing bits (non-canonical encoding)" },
	{ "base64url", "impossible-length", NULL, NULL, "eyJhbGciOiJSUzI1NiJ9.e30.AAAAA", 0,
	  "tok.format=FAIL", "signature: base64 length 5 is impossible" },
	{ "base64url", "space-inside", NULL, NULL, "eyJhbGciOiJSUzI1NiJ9.e3 0.AAAA", 0,
	  "tok.format=FAIL", "claims: offset 2: whitespace inside base64" },
	{ "base64url", "percent", NULL, NULL, "eyJhbGciOiJSUzI1NiJ9.e30%3D.AAAA", 0,
	  "tok.format=FAIL", "byte 0x25 is not base64url" },
	/* ---- framing: exactly three segments ------------------------------- */
	{ "framing", "two-segments", NULL, NULL, "eyJhbGciOiJSUzI1NiJ9.e30", 0, "tok.format=FAIL", "2 segments" },
	{ "framing", "four-segments", NULL, NULL, "eyJhbGciOiJSUzI1NiJ9.e30.AAAA.AAAA", 0, "tok.format=FAIL", "4 segments" },
	{ "framing", "jwe", NULL, NULL, "eyJhbGciOiJSU0EtT0FFUCJ9.AA.AA.AA.AA", 0, "tok.format=FAIL", "5 segments" },
	{ "framing", "empty", NULL, NULL, "", 0, "tok.format=FAIL", "1 segments" },
	{ "framing", "dots-only", NULL, NULL, "..", 0, "tok.format=FAIL", "the header segment is empty" },
	{ "framing", "bearer-prefix", NULL, NULL, "Bearer eyJhbGciOiJSUzI1NiJ9.e30.AAAA", 0, "tok.format=FAIL", "header: offset 6: whitespace" },
	/* ---- JSON tricks: one document, exactly, every time ------------------ */
	{ "json", "duplicate-alg", "{\"alg\":\"none\",\"alg\":\"RS256\",\"kid\":\"k1\"}", C_OK, NULL, 0,
	  "tok.format=FAIL hdr.alg=SKIP", "header: offset 14: duplicate member name \"alg\"" },
	{ "json", "duplicate-alg-escaped", "{\"alg\":\"RS256\",\"\\u0061lg\":\"none\"}", C_OK, NULL, 0,
	  "tok.format=FAIL", "duplicate member name \"\\u0061lg\"" },
	{ "json", "duplicate-exp", H_RS256, "{\"exp\":1,\"iss\":\"i\",\"exp\":9999999999}", NULL, 0,
	  "tok.format=FAIL clm.exp=SKIP", "duplicate member name \"exp\"" },
	{ "json", "duplicate-aud-nested", H_RS256, "{\"x\":{\"aud\":1,\"aud\":2}}", NULL, 0,
	  "tok.format=FAIL", "duplicate member name \"aud\"" },
	{ "json", "trailing-garbage", H_RS256 "x", C_OK, NULL, 0, "tok.format=FAIL", "header: offset" },
	{ "json", "second-document", H_RS256 "{}", C_OK, NULL, 0, "tok.format=FAIL", "header: offset" },
	{ "json", "trailing-comma", H_RS256, "{\"exp\":1,}", NULL, 0, "tok.format=FAIL", "claims: offset" },
	{ "json", "single-quotes", "{'alg':'RS256'}", C_OK, NULL, 0, "tok.format=FAIL", "header: offset" },
	{ "json", "comment", "{\"alg\":\"RS256\"/*x*/}", C_OK, NULL, 0, "tok.format=FAIL", "header: offset" },
	{ "json", "bom", "\xef\xbb\xbf{\"alg\":\"RS256\"}", C_OK, NULL, 0, "tok.format=FAIL", "header: offset 0" },
	{ "json", "invalid-utf8", H_RS256, "{\"sub\":\"\xff\"}", NULL, 0, "tok.format=FAIL", "claims: offset 8: invalid UTF-8" },
	{ "json", "overlong-utf8", H_RS256, "{\"sub\":\"\xc0\xaf\"}", NULL, 0, "tok.format=FAIL", "invalid UTF-8" },
	{ "json", "utf8-surrogate", H_RS256, "{\"sub\":\"\xed\xa0\x80\"}", NULL, 0, "tok.format=FAIL", "invalid UTF-8" },
	{ "json", "lone-surrogate-escape", H_RS256, "{\"sub\":\"\\ud800\"}", NULL, 0, "tok.format=FAIL", "invalid escape" },
	{ "json", "raw-control", H_RS256, "{\"sub\":\"a\tb\"}", NULL, 0, "tok.format=FAIL", "control character inside a string" },
	{ "json", "escaped-nul-ok", H_RS256, "{\"iss\":\"i\",\"sub\":\"a\\u0000b\",\"aud\":\"sts.amazonaws.com\",\"exp\":1790003000}", NULL, 0,
	  "clm.sub=PASS tok.format=PASS", "sub \"a\\x00b\"" },
	{ "json", "depth-17", H_RS256, "{\"a\":[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]}", NULL, 0,
	  "tok.format=FAIL", "nested deeper than SV_MAX_JSON_DEPTH=16" },
	{ "json", "depth-16", H_RS256, "{\"a\":[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]],\"exp\":1790003000}", NULL, 0,
	  "tok.format=PASS clm.exp=PASS", "compact JWS" },
	{ "json", "header-array", "[\"alg\",\"RS256\"]", C_OK, NULL, 0, "tok.format=FAIL", "header is JSON but not an object" },
	{ "json", "claims-string", H_RS256, "\"exp\"", NULL, 0, "tok.format=FAIL", "claims is JSON but not an object" },
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

/* Runs one case; returns 0, or 1 after printing why it failed. */
static int run_case(const acase *c)
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
	sv_workspace_wipe(&ws);
	if (rc != SV_OK) {
		print_error("[%s] %s: sv_verify rc %d: %s\n", c->cls, c->name, rc, e.msg);
		return 1;
	}
	if (mismatch(c->expect, msg, sizeof msg)) {
		print_error("[%s] %s: %s\n", c->cls, c->name, msg);
		return 1;
	}
	if (sv_report_ok(&rep) && strstr(c->expect, "=FAIL")) {
		print_error("[%s] %s: accepted\n", c->cls, c->name);
		return 1;
	}
	/* the reason: a substring of the first expected row's detail */
	sscanf(c->expect, "%63[^=]", first);
	it = sv_report_get(&rep, sv_check_by_slug(sv_from_cstr(first)));
	if (c->why && !strstr(it->detail, c->why)) {
		print_error("[%s] %s: %s detail \"%s\" lacks \"%s\"\n", c->cls, c->name, first, it->detail, c->why);
		return 1;
	}
	return 0;
}

static void test_attacks_built(void **state)
{
	size_t i, bad = 0;
	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		bad += (size_t)run_case(&cases[i]);
	if (bad)
		fail_msg("%zu of %zu cases failed", bad, sizeof cases / sizeof cases[0]);
}

/* ---- oversize inputs: every capacity is an error that names it --------- */

static void expect_row(const char *what, const char *slug, sv_status st, const char *why)
{
	const sv_item *it = sv_report_get(&rep, sv_check_by_slug(sv_from_cstr(slug)));
	if (!it || it->status != st || !strstr(it->detail, why))
		fail_msg("%s: %s is %s \"%s\", expected %s with \"%s\"", what, slug,
		         it ? sv_status_name(it->status) : "absent", it ? it->detail : "", sv_status_name(st), why);
	if (sv_report_ok(&rep) && st == SV_FAIL)
		fail_msg("%s: accepted", what);
}

static int verify_built(const char *hdr, const char *clm, const char *jwks, size_t jwks_len, sv_err *e)
{
	sv_verify_opts o;
	size_t len = build(hdr, clm, tokbuf, sizeof tokbuf);
	sv_verify_opts_init(&o, NOW);
	sv_report_init(&rep);
	return sv_verify(&ws, &o, tokbuf, len, jwks, jwks_len, &rep, e);
}

static void test_attacks_oversize(void **state)
{
	static char big[4 * SV_MAX_JWT_BYTES], hdr[16000];
	static char jwks[SV_MAX_JWKS_BYTES];
	const char *k = jwks_synthetic();
	size_t w, i, n;
	sv_err e;
	(void)state;

	/* a token of SV_MAX_JWT_BYTES + 1 characters: the claims padded to fit exactly */
	for (n = (SV_MAX_JWT_BYTES - 400) / 4 * 3 - 100;; n++) {
		w = (size_t)snprintf(big, sizeof big, "{\"pad\":\"%0*d\"}", (int)n, 0);
		if (build(H_RS256, big, tokbuf, sizeof tokbuf) >= SV_MAX_JWT_BYTES + 1)
			break;
	}
	assert_int_equal(verify_built(H_RS256, big, k, strlen(k), &e), SV_OK);
	if (strlen(tokbuf) == SV_MAX_JWT_BYTES + 1)
		expect_row("token-20001", "tok.format", SV_FAIL, "token is 20001 characters; STS accepts at most 20000");
	else
		expect_row("token-over", "tok.format", SV_FAIL, "STS accepts at most 20000 (SV_MAX_JWT_BYTES)");

	/* claims with more JSON tokens than SV_MAX_CLAIM_TOKENS */
	w = (size_t)snprintf(big, sizeof big, "{\"a\":[");
	for (i = 0; i < SV_MAX_CLAIM_TOKENS; i++)
		w += (size_t)snprintf(big + w, sizeof big - w, "%s0", i ? "," : "");
	snprintf(big + w, sizeof big - w, "]}");
	assert_int_equal(verify_built(H_RS256, big, k, strlen(k), &e), SV_OK);
	expect_row("claim-tokens", "tok.format", SV_FAIL, "more than 1024 JSON tokens (compile-time limit)");

	/* a header with more than SV_MAX_HEADER_TOKENS */
	w = (size_t)snprintf(hdr, sizeof hdr, "{\"alg\":\"RS256\",\"x\":[");
	for (i = 0; i < SV_MAX_HEADER_TOKENS; i++)
		w += (size_t)snprintf(hdr + w, sizeof hdr - w, "%s1", i ? "," : "");
	snprintf(hdr + w, sizeof hdr - w, "]}");
	assert_int_equal(verify_built(hdr, C_OK, k, strlen(k), &e), SV_OK);
	expect_row("header-tokens", "tok.format", SV_FAIL, "more than 64 JSON tokens");

	/* aud with SV_MAX_AUDIENCES + 1 values */
	w = (size_t)snprintf(big, sizeof big, "{\"aud\":[");
	for (i = 0; i <= SV_MAX_AUDIENCES; i++)
		w += (size_t)snprintf(big + w, sizeof big - w, "%s\"a%zu\"", i ? "," : "", i);
	snprintf(big + w, sizeof big - w, "],\"exp\":1790003000}");
	assert_int_equal(verify_built(H_RS256, big, k, strlen(k), &e), SV_OK);
	expect_row("aud-values", "tok.format", SV_FAIL, "aud has 17 values; at most SV_MAX_AUDIENCES=16");

	/* a 10000-character kid: rejected, and shown clipped inside the fixed-size detail */
	w = (size_t)snprintf(hdr, sizeof hdr, "{\"alg\":\"RS256\",\"kid\":\"");
	memset(hdr + w, 'k', 10000);
	snprintf(hdr + w + 10000, sizeof hdr - w - 10000, "\"}");
	assert_int_equal(verify_built(hdr, C_OK, k, strlen(k), &e), SV_OK);
	expect_row("kid-huge", "key.select", SV_FAIL, "...(10000 bytes)\" is not in the JWKS");
	assert_true(strlen(sv_report_get(&rep, SV_CHK_KEY_SELECT)->detail) < SV_MAX_DETAIL_BYTES);

	/* a JWKS with more JSON tokens than SV_MAX_JWKS_TOKENS: an input error, not a verdict */
	w = (size_t)snprintf(jwks, sizeof jwks, "{\"keys\":[");
	for (i = 0; i < SV_MAX_JWKS_TOKENS / 2 && w + 16 < sizeof jwks; i++)
		w += (size_t)snprintf(jwks + w, sizeof jwks - w, "%s{\"a\":%zu}", i ? "," : "", i);
	w += (size_t)snprintf(jwks + w, sizeof jwks - w, "]}");
	assert_int_equal(verify_built(H_RS256, C_OK, jwks, w, &e), SV_E_LIMIT);
	assert_non_null(strstr(e.msg, "more than 8192 JSON tokens"));
	sv_workspace_wipe(&ws);
}

/* ---- the token file: one token, at most one line end --------------------- */

static void test_attacks_token_file_framing(void **state)
{
	static const struct { const char *name, *text; size_t keep; const char *why; } t[] = {
		{ "plain", "a.b.c", 5, NULL },
		{ "newline", "a.b.c\n", 5, NULL },
		{ "crlf", "a.b.c\r\n", 5, NULL },
		{ "two-newlines", "a.b.c\n\n", 0, "offset 5: a line break inside the file" },
		{ "lone-cr", "a.b.c\r", 0, "offset 5: a line break inside the file" },
		{ "cr-crlf", "a.b.c\r\r\n", 0, "offset 5: a line break" },
		{ "leading-space", " a.b.c", 0, "offset 0: whitespace before the token" },
		{ "trailing-space", "a.b.c \n", 0, "offset 5: whitespace after the token" },
		{ "trailing-tab", "a.b.c\t", 0, "whitespace after the token" },
		{ "vertical-tab", "a.b\v.c", 0, "offset 3: whitespace inside the token" },
		{ "form-feed", "\fa.b.c", 0, "whitespace before" },
		{ "two-tokens", "a.b.c\nd.e.f\n", 0, "offset 5: a line break inside the file" },
		{ "only-newline", "\n", 0, "empty: no token in the file" },
		{ "empty", "", 0, "empty: no token in the file" },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		sv_sv jwt;
		sv_err e;
		int rc = sv_token_trim(t[i].text, strlen(t[i].text), &jwt, &e);
		if (t[i].why == NULL) {
			if (rc != SV_OK || jwt.n != t[i].keep)
				fail_msg("framing %s: rc %d, %zu bytes kept", t[i].name, rc, jwt.n);
		} else if (rc != SV_E_FORMAT || !strstr(e.msg, t[i].why)) {
			fail_msg("framing %s: rc %d \"%s\", expected \"%s\"", t[i].name, rc, e.msg, t[i].why);
		}
	}
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
		cmocka_unit_test(test_attacks_oversize),
		cmocka_unit_test(test_attacks_token_file_framing),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
