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
 * Part 2 (signed): the classes that need real signatures and keys -- HMAC
 * keyed with the RSA public key (modulus, PEM and JWK text), embedded
 * keys, rotated keys, alg/key-type mismatches, weak keys, PKCS#1 and ECDSA
 * forgeries, JSON tricks inside signed tokens -- come from the generated
 * fixtures (tests/gen/mkfixtures.py -> fixtures/cases/verify.txt). Each
 * entry names a manifest case; the case's token, JWKS and options run
 * through sv_verify here, and the deciding row must give the reason named.
 * (tests/cli/test_cli.c checks every case's full FAIL/WARN sets and exit
 * code; this file checks that the attacks among them fail for the right
 * reason.)
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

/* ---- Part 2: the signed attack fixtures ------------------------------------- */

typedef struct mcase {
	const char *cls, *name;   /* docs/attacks.md section, fixtures/cases/verify.txt case */
	const char *expect;       /* "slug=STATUS ..." */
	const char *why;          /* substring of the first expected row's detail */
} mcase;

static const mcase signed_cases[] = {
	{ "alg-none", "attack.alg-none-empty-sig", "hdr.alg=FAIL sig.valid=SKIP", "alg \"none\": an unsigned token" },
	{ "alg-none", "attack.alg-none-real-sig", "hdr.alg=FAIL sig.valid=SKIP", "an unsigned token" },
	{ "alg-none", "alg.none-capitalized", "hdr.alg=FAIL", "alg \"None\"" },
	{ "alg-none", "alg.none-upper", "hdr.alg=FAIL", "alg \"NONE\"" },
	{ "alg-none", "alg.none-and-expired", "hdr.alg=FAIL clm.exp=FAIL", "an unsigned token" },
	{ "alg-hmac", "attack.hs256-key-n", "hdr.alg=FAIL key.select=SKIP sig.valid=SKIP", "alg \"HS256\" is an HMAC" },
	{ "alg-hmac", "attack.hs256-key-pem", "hdr.alg=FAIL key.select=SKIP sig.valid=SKIP", "alg \"HS256\" is an HMAC" },
	{ "alg-hmac", "attack.hs256-key-jwk", "hdr.alg=FAIL key.select=SKIP sig.valid=SKIP", "alg \"HS256\" is an HMAC" },
	{ "alg-hmac", "alg.hs384", "hdr.alg=FAIL", "HMAC" },
	{ "alg-hmac", "alg.hs512", "hdr.alg=FAIL", "HMAC" },
	{ "alg-other", "alg.ps256", "hdr.alg=FAIL sig.valid=SKIP", "(RSASSA-PSS)" },
	{ "alg-other", "alg.eddsa", "hdr.alg=FAIL", "alg \"EdDSA\" is not one STS accepts" },
	{ "alg-other", "alg.outside-option", "hdr.alg=FAIL", "is not in the allowed list (--alg)" },
	{ "alg-key-mismatch", "attack.rs256-with-ec-kid", "key.params=FAIL sig.valid=SKIP", "the key is kty \"EC\" but alg RS256 needs RSA" },
	{ "alg-key-mismatch", "params.es256-with-rsa-kid", "key.params=FAIL sig.valid=SKIP", "kty \"RSA\" but alg ES256 needs EC" },
	{ "alg-key-mismatch", "params.ec-crv-mismatch", "key.params=FAIL", "but the token says ES256" },
	{ "alg-key-mismatch", "params.jwk-alg-mismatch", "key.params=FAIL", "the key says alg \"RS256\" but the token says RS384" },
	{ "alg-key-mismatch", "params.use-enc", "key.params=FAIL", "use \"enc\"" },
	{ "alg-key-mismatch", "params.key-ops-without-verify", "key.params=FAIL", "key_ops does not include \"verify\"" },
	{ "hostile-header", "attack.jku-elsewhere", "hdr.keyref=WARN sig.valid=PASS", "carries jku: ignored" },
	{ "hostile-header", "attack.x5u-elsewhere", "hdr.keyref=WARN sig.valid=PASS", "carries x5u: ignored" },
	{ "hostile-header", "attack.embedded-jwk-cluster-kid", "sig.valid=FAIL hdr.keyref=WARN", "does not verify under the selected key" },
	{ "hostile-header", "attack.embedded-jwk-own-kid", "key.select=FAIL hdr.keyref=WARN", "is not in the JWKS" },
	{ "hostile-header", "attack.embedded-jwk-no-kid", "sig.valid=FAIL key.select=WARN", "the signature is 256 bytes" },
	{ "hostile-header", "attack.x5c-attacker-cert", "sig.valid=FAIL hdr.keyref=WARN", "does not verify" },
	{ "crit", "crit.exp", "hdr.crit=FAIL", "the header has \"crit\"" },
	{ "crit", "crit.b64-in-crit", "hdr.crit=FAIL", "\"crit\"" },
	{ "kid", "kid.unknown", "key.select=FAIL sig.valid=SKIP", "is not in the JWKS (it has:" },
	{ "kid", "kid.duplicate-in-jwks", "key.select=FAIL sig.valid=SKIP", "matches 2 keys in the JWKS; the choice is ambiguous" },
	{ "kid", "kid.missing-two-rsa-keys", "key.select=FAIL", "no kid and the JWKS has 2 RSA keys" },
	{ "kid", "kid.missing-three-ec-keys", "key.select=FAIL", "no kid and the JWKS has 3 EC keys" },
	{ "kid", "kid.empty-string", "key.select=FAIL", "kid \"\" is not in the JWKS" },
	{ "kid", "attack.kid-path", "key.select=FAIL", "kid \"../../dev/null\"" },
	{ "kid", "attack.kid-huge", "key.select=FAIL", "...(3000 bytes)\" is not in the JWKS" },
	{ "kid", "attack.kid-case", "key.select=FAIL", "is not in the JWKS" },
	{ "kid", "attack.kid-prefix", "key.select=FAIL", "is not in the JWKS" },
	{ "kid", "attack.kid-nul-suffix", "key.select=FAIL", "\\x00evil\" is not in the JWKS" },
	{ "weak-key", "params.rsa-1024", "key.params=FAIL sig.valid=SKIP", "the RSA key is 1024 bits" },
	{ "weak-key", "params.rsa-8192", "key.params=FAIL", "larger than SV_RSA_MAX_BITS=4096" },
	{ "weak-key", "params.e-one", "key.params=FAIL sig.valid=SKIP", "the RSA exponent is 1" },
	{ "weak-key", "params.e-even", "key.params=FAIL sig.valid=SKIP", "the RSA exponent is even" },
	{ "weak-key", "params.n-leading-zero", "key.params=FAIL", "leading zero byte" },
	{ "weak-key", "params.ec-x-33-bytes", "key.params=FAIL", "must each be 32 bytes" },
	{ "forgery", "sig.e3-forgery", "sig.valid=FAIL", "does not verify under the selected key" },
	{ "forgery", "sig.one-byte-short", "sig.valid=FAIL", "the signature is 255 bytes; this 2048-bit key makes exactly 256" },
	{ "forgery", "sig.one-byte-long", "sig.valid=FAIL", "the signature is 257 bytes" },
	{ "forgery", "sig.empty", "sig.valid=FAIL", "the signature is 0 bytes" },
	{ "forgery", "sig.all-zero", "sig.valid=FAIL", "does not verify" },
	{ "forgery", "sig.equals-modulus", "sig.valid=FAIL", "not below the modulus" },
	{ "forgery", "sig.plus-modulus", "sig.valid=FAIL", "not below the modulus" },
	{ "forgery", "sig.hash-mismatch", "sig.valid=FAIL", "does not verify" },
	{ "forgery", "sig.tampered-payload", "sig.valid=FAIL", "does not verify" },
	{ "forgery", "sig.rotated-key-cluster-kid", "sig.valid=FAIL", "does not verify" },
	{ "forgery", "sig.ecdsa-der", "sig.valid=FAIL", "the ES256 signature is 71 bytes; JWS raw r||s is exactly 64" },
	{ "forgery", "sig.ecdsa-r-zero", "sig.valid=FAIL", "does not verify" },
	{ "forgery", "sig.ecdsa-s-zero", "sig.valid=FAIL", "does not verify" },
	{ "forgery", "sig.ecdsa-r-equals-n", "sig.valid=FAIL", "does not verify" },
	{ "json", "attack.alg-duplicate", "tok.format=FAIL hdr.alg=SKIP", "duplicate member name \"alg\"" },
	{ "json", "attack.alg-escaped-duplicate", "tok.format=FAIL", "duplicate member name \"\\u0061lg\"" },
	{ "json", "attack.exp-duplicated", "tok.format=FAIL clm.exp=SKIP", "duplicate member name \"exp\"" },
	{ "json", "attack.claims-raw-nul", "tok.format=FAIL", "a raw NUL byte" },
	{ "json", "fmt.claims-invalid-utf8", "tok.format=FAIL", "invalid UTF-8" },
	{ "json", "fmt.claims-overlong-utf8", "tok.format=FAIL", "invalid UTF-8" },
	{ "json", "fmt.depth-17", "tok.format=FAIL", "nested deeper than SV_MAX_JSON_DEPTH=16" },
	{ "json", "fmt.header-trailing-garbage", "tok.format=FAIL", "header: offset" },
	{ "numericdate", "fmt.exp-nan", "tok.format=FAIL", "claims: offset" },
	{ "numericdate", "clm.exp-over-int64", "clm.exp=FAIL", "exp is out of range" },
	{ "numericdate", "clm.exp-float-zero", "clm.exp=FAIL", "exp is not an integer" },
	{ "base64url", "fmt.padding", "tok.format=FAIL", "'=' padding is not allowed in base64url" },
	{ "base64url", "fmt.std-alphabet", "tok.format=FAIL", "belongs to standard base64, not base64url" },
	{ "base64url", "fmt.nonzero-trailing-bits", "tok.format=FAIL", "non-zero trailing bits" },
	{ "oversize", "fmt.token-20001-chars", "tok.format=FAIL", "token is 20001 characters" },
	{ "oversize", "jwks.rsa-101", "jwks.keys=FAIL key.select=SKIP", "101 RSA and 0 EC keys; STS accepts at most 100" },
	{ "oversize", "jwks.ec-101", "jwks.keys=FAIL", "0 RSA and 101 EC keys" },
	/* the genuine tokens these attacks are variations of are accepted */
	{ "baseline", "good.eks-rs256-2048", "sig.valid=PASS tok.format=PASS", "signature verifies" },
	{ "baseline", "good.es256", "sig.valid=PASS", "ES256 signature verifies" },
	{ "baseline", "good.ecdsa-high-s", "sig.valid=PASS", "ES256 signature verifies" },
	{ "baseline", "good.e3-genuine", "sig.valid=PASS", "signature verifies" },
};

/* One [case] of the verify manifest, with the files it names read. */
typedef struct mfx {
	char   name[128], token[256], jwks[256], iss[256], alg[64], aud[8][128];
	size_t naud;
	long long now, leeway;
	int    rc;
} mfx;

static int manifest_case(const char *want, mfx *m)
{
	FILE *f = fopen("fixtures/cases/verify.txt", "r");
	char line[1024];
	int in = 0, found = 0;
	if (!f)
		fail_msg("cannot open fixtures/cases/verify.txt (tests run from the repository root)");
	while (fgets(line, sizeof line, f)) {
		char *v;
		line[strcspn(line, "\r\n")] = '\0';
		if (strcmp(line, "[case]") == 0) {
			if (found)
				break;
			memset(m, 0, sizeof *m);
			m->leeway = SV_DEFAULT_LEEWAY;
			in = 1;
			continue;
		}
		if (!in || line[0] == ';' || !(v = strstr(line, " = ")))
			continue;
		*v = '\0';
		v += 3;
		if (!strcmp(line, "name")) {
			snprintf(m->name, sizeof m->name, "%s", v);
			found = strcmp(v, want) == 0;
		} else if (!strcmp(line, "token")) snprintf(m->token, sizeof m->token, "%s", v);
		else if (!strcmp(line, "jwks")) snprintf(m->jwks, sizeof m->jwks, "%s", v);
		else if (!strcmp(line, "iss")) snprintf(m->iss, sizeof m->iss, "%s", v);
		else if (!strcmp(line, "alg")) snprintf(m->alg, sizeof m->alg, "%s", v);
		else if (!strcmp(line, "now")) m->now = atoll(v);
		else if (!strcmp(line, "leeway")) m->leeway = atoll(v);
		else if (!strcmp(line, "rc")) m->rc = atoi(v);
		else if (!strcmp(line, "aud") && m->naud < 8) snprintf(m->aud[m->naud++], sizeof m->aud[0], "%s", v);
	}
	fclose(f);
	return found;
}

static int run_signed(const mcase *c)
{
	static char path[600];
	mfx m;
	char *tok, *jwks, msg[600], first[64];
	size_t tlen, klen, i;
	sv_sv jwt;
	sv_verify_opts o;
	sv_err e;
	const sv_item *it;
	int rc, bad = 0;

	if (!manifest_case(c->name, &m)) {
		print_error("[%s] %s: no such case in fixtures/cases/verify.txt\n", c->cls, c->name);
		return 1;
	}
	snprintf(path, sizeof path, "fixtures/%s", m.token);
	tok = th_read(path, &tlen);
	snprintf(path, sizeof path, "fixtures/%s", m.jwks);
	jwks = th_read(path, &klen);
	if (!tok || !jwks || sv_token_trim(tok, tlen, &jwt, &e) != SV_OK) {
		print_error("[%s] %s: cannot read %s / %s\n", c->cls, c->name, m.token, m.jwks);
		free(tok);
		free(jwks);
		return 1;
	}
	sv_verify_opts_init(&o, m.now);
	o.leeway = m.leeway;
	for (i = 0; i < m.naud; i++)
		o.aud[i] = sv_from_cstr(m.aud[i]);
	o.naud = m.naud;
	if (m.iss[0])
		o.iss = sv_from_cstr(m.iss);
	if (m.alg[0] && sv_alg_parse_list(sv_from_cstr(m.alg), &o.algs, &e) != SV_OK)
		fail_msg("%s: alg %s", c->name, m.alg);
	sv_report_init(&rep);
	rc = sv_verify(&ws, &o, jwt.p, jwt.n, jwks, klen, &rep, &e);
	sv_workspace_wipe(&ws);
	if (rc != SV_OK) {
		print_error("[%s] %s: sv_verify rc %d: %s\n", c->cls, c->name, rc, e.msg);
		bad = 1;
	} else if (mismatch(c->expect, msg, sizeof msg)) {
		print_error("[%s] %s: %s\n", c->cls, c->name, msg);
		bad = 1;
	} else if ((sv_report_ok(&rep) ? 0 : 1) != m.rc) {
		print_error("[%s] %s: verdict %s, the manifest says rc %d\n", c->cls, c->name,
		            sv_report_ok(&rep) ? "accepted" : "rejected", m.rc);
		bad = 1;
	} else {
		sscanf(c->expect, "%63[^=]", first);
		it = sv_report_get(&rep, sv_check_by_slug(sv_from_cstr(first)));
		if (!strstr(it->detail, c->why)) {
			print_error("[%s] %s: %s detail \"%s\" lacks \"%s\"\n", c->cls, c->name, first,
			            it->detail, c->why);
			bad = 1;
		}
	}
	free(tok);
	free(jwks);
	return bad;
}

static void test_attacks_signed(void **state)
{
	size_t i, bad = 0;
	(void)state;
	for (i = 0; i < sizeof signed_cases / sizeof signed_cases[0]; i++)
		bad += (size_t)run_signed(&signed_cases[i]);
	if (bad)
		fail_msg("%zu of %zu signed cases failed", bad, sizeof signed_cases / sizeof signed_cases[0]);
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
		cmocka_unit_test(test_attacks_signed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
