/* test_docs.c -- discovery, provider, role and PEM-chain views (src/sv_{discovery,provider,role,thumb}.c). */
#include "helpers.h"
#include "sv_internal.h"
#include "stsverify/sv_docs.h"

static jsmntok_t tok[512], ptok[512];
static char abuf[8192], pbuf[8192];

/*
 * Two self-signed P-256 test certificates (leaf, then "ca"), made with
 *   openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 -subj /CN=stsverify-test-{leaf,ca}
 * Expected thumbprints: openssl x509 -outform DER | sha1sum
 *   leaf 85ffdd71981a067ab54b41d6c55cf2c393d4fefa
 *   ca   213b7078fee53247ba27ac4f6b053afca015c278
 */
static const char chain_pem[] =
	"-----BEGIN CERTIFICATE-----\n"
	"MIIBkTCCATegAwIBAgIUUZmlSPerDebxm0RbPlrZ5Pi9Et4wCgYIKoZIzj0EAwIw\n"
	"HjEcMBoGA1UEAwwTc3RzdmVyaWZ5LXRlc3QtbGVhZjAeFw0yNjExMjgxMTM1MTda\n"
	"Fw0zNjExMjUxMTM1MTdaMB4xHDAaBgNVBAMME3N0c3ZlcmlmeS10ZXN0LWxlYWYw\n"
	"WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAARUxWM+W7No4KnP4JpimrnNv0O0WFSU\n"
	"bIV6QKz/8x64vskxudxDSZCxI/te3pMniAVWZIXRfRCRmh9Dv+ZP/59no1MwUTAd\n"
	"BgNVHQ4EFgQUsubnDtH5ge8ahQYtZayiyAlGmDowHwYDVR0jBBgwFoAUsubnDtH5\n"
	"ge8ahQYtZayiyAlGmDowDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBF\n"
	"AiAdc457TbfGXw8aNmhLnoYEMO/yulMPZATWBX8tq4jJ1AIhAPQKw60pAALxYl05\n"
	"TtkpIOKnNwulV3pj6voGv7JRZyff\n"
	"-----END CERTIFICATE-----\n"
	"-----BEGIN CERTIFICATE-----\n"
	"MIIBjTCCATOgAwIBAgIUP0J8/FWkyNul2lNsh8HbuWFUFBswCgYIKoZIzj0EAwIw\n"
	"HDEaMBgGA1UEAwwRc3RzdmVyaWZ5LXRlc3QtY2EwHhcNMjYxMTI4MTEzNTE3WhcN\n"
	"MzYxMTI1MTEzNTE3WjAcMRowGAYDVQQDDBFzdHN2ZXJpZnktdGVzdC1jYTBZMBMG\n"
	"ByqGSM49AgEGCCqGSM49AwEHA0IABKwnE99FOpepX47OUdbkQIy2lKlWAxdzUVPC\n"
	"Tz/0XbduF4aoapDmTT5mDqdZ8TL5jxc3wawGy9srUsg5ng/FPkOjUzBRMB0GA1Ud\n"
	"DgQWBBRLFJIWYNy67QxPE5C3oGgl6cdRczAfBgNVHSMEGDAWgBRLFJIWYNy67QxP\n"
	"E5C3oGgl6cdRczAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIBG0\n"
	"KLsZ7u+gQU1F9fMQJ3L69aUDj09QH9odDW57I+SgAiEAh7lsWZXORx5rmBMBJv/e\n"
	"HUsbXcaMiX3E/xAIPK6zGG0=\n"
	"-----END CERTIFICATE-----\n";

static void hex(const unsigned char *p, size_t n, char *out)
{
	size_t i;
	for (i = 0; i < n; i++)
		sprintf(out + 2 * i, "%02x", p[i]);
}

static void test_docs_discovery(void **state)
{
	const char *js = "{\"issuer\":\"https://oidc.example.com/id/ABC\",\"jwks_uri\":\"https://oidc.example.com/id/ABC/keys\","
	                 "\"id_token_signing_alg_values_supported\":[\"RS256\",\"ES256\"],\"response_types_supported\":[\"id_token\"]}";
	sv_discovery d;
	sv_arena a;
	sv_err e;
	(void)state;
	sv_arena_init(&a, abuf, sizeof abuf);
	assert_int_equal(sv_discovery_parse(&d, js, strlen(js), tok, 512, &a, &e), SV_OK);
	assert_int_equal(d.issuer_state, SV_F_OK);
	assert_true(sv_eq(d.issuer, SV_LIT("https://oidc.example.com/id/ABC")));
	assert_true(sv_eq(d.jwks_uri, SV_LIT("https://oidc.example.com/id/ABC/keys")));
	assert_true(sv_discovery_lists_alg(&d, SV_LIT("ES256")));
	assert_false(sv_discovery_lists_alg(&d, SV_LIT("RS384")));
	assert_int_equal(d.algs_bad, 0);

	js = "{\"issuer\":7,\"id_token_signing_alg_values_supported\":\"RS256\"}";
	assert_int_equal(sv_discovery_parse(&d, js, strlen(js), tok, 512, &a, &e), SV_OK);
	assert_int_equal(d.issuer_state, SV_F_BADTYPE);
	assert_int_equal(d.jwks_uri_state, SV_F_ABSENT);
	assert_int_equal(d.algs_bad, 1);

	js = "<?xml version=\"1.0\"?><Error><Code>PermanentRedirect</Code></Error>";
	assert_int_equal(sv_discovery_parse(&d, js, strlen(js), tok, 512, &a, &e), SV_E_JSON);
	assert_string_equal(e.msg, "offset 0: invalid JSON");
	js = "[1]";
	assert_int_equal(sv_discovery_parse(&d, js, strlen(js), tok, 512, &a, &e), SV_E_FORMAT);
	assert_string_equal(e.msg, "offset 0: expected a JSON object (an OpenID configuration with \"issuer\" and \"jwks_uri\")");
}

static void test_docs_provider(void **state)
{
	const char *js = "{\"Url\":\"oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E\","
	                 "\"ClientIDList\":[\"sts.amazonaws.com\"],\"ThumbprintList\":[\"9e99a48a9960b14926bb7f3b02e22da2b0ab7280\"],"
	                 "\"CreateDate\":\"2024-05-01T12:00:00+00:00\"}";
	sv_provider p;
	sv_arena a;
	sv_err e;
	(void)state;
	sv_arena_init(&a, abuf, sizeof abuf);
	assert_int_equal(sv_provider_parse(&p, js, strlen(js), tok, 512, &a, &e), SV_OK);
	assert_true(sv_eq(p.url, SV_LIT("oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E")));
	assert_int_equal(p.nclients, 1);
	assert_int_equal(p.nthumbs, 1);
	assert_true(sv_provider_has_client(&p, SV_LIT("sts.amazonaws.com")));
	assert_false(sv_provider_has_client(&p, SV_LIT("openshift")));

	js = "{\"OpenIDConnectProviderList\":[]}";
	assert_int_equal(sv_provider_parse(&p, js, strlen(js), tok, 512, &a, &e), SV_E_FORMAT);
	assert_string_equal(e.msg, "offset 0: expected the output of aws iam get-open-id-connect-provider: an object with \"Url\"");
	js = "{\"Url\":\"x\",\"ClientIDList\":\"sts.amazonaws.com\"}";
	assert_int_equal(sv_provider_parse(&p, js, strlen(js), tok, 512, &a, &e), SV_E_FORMAT);
	assert_string_equal(e.msg, "offset 27: ClientIDList must be a list of strings");
}

#define POLICY "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRoleWithWebIdentity\"}]}"

static void test_docs_role_forms(void **state)
{
	static const char object_form[] =
	    "{\"Role\":{\"Path\":\"/\",\"RoleName\":\"my-role\",\"Arn\":\"arn:aws:iam::111122223333:role/my-role\","
	    "\"AssumeRolePolicyDocument\":" POLICY ",\"MaxSessionDuration\":7200}}";
	/* what the raw IAM Query API returns, inside the same JSON shape */
	static const char encoded_form[] =
	    "{\"Role\":{\"RoleName\":\"r\",\"AssumeRolePolicyDocument\":\"%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A"
	    "%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22sts%3AAssumeRole+WithWebIdentity%22%7D%5D%7D\"}}";
	sv_role r;
	sv_arena a;
	sv_err e;
	(void)state;
	sv_arena_init(&a, abuf, sizeof abuf);
	assert_int_equal(sv_role_parse(&r, object_form, strlen(object_form), tok, 512, pbuf, sizeof pbuf, ptok, 512, &a, &e), SV_OK);
	assert_true(sv_eq(r.arn, SV_LIT("arn:aws:iam::111122223333:role/my-role")));
	assert_true(sv_eq(r.name, SV_LIT("my-role")));
	assert_int_equal(r.max_session, 7200);
	assert_int_equal(r.bare, 0);
	assert_int_equal(r.encoded, 0);
	assert_int_equal(sv_json_type(&r.pdoc, r.proot), JSMN_OBJECT);
	assert_true(sv_json_get(&r.pdoc, r.proot, SV_LIT("Statement")) > 0);

	assert_int_equal(sv_role_parse(&r, encoded_form, strlen(encoded_form), tok, 512, pbuf, sizeof pbuf, ptok, 512, &a, &e), SV_OK);
	assert_int_equal(r.encoded, 1);
	assert_int_equal(r.max_session, 0);
	assert_int_equal(r.proot, 0);
	/* unquote, not unquote_plus: '+' stays a plus */
	assert_non_null(strstr(pbuf, "\"sts:AssumeRole+WithWebIdentity\""));

	assert_int_equal(sv_role_parse(&r, POLICY, strlen(POLICY), tok, 512, pbuf, sizeof pbuf, ptok, 512, &a, &e), SV_OK);
	assert_int_equal(r.bare, 1);
	assert_true(r.arn.p == NULL);
}

static const struct {
	const char *name, *json, *msg;
	int rc;
} role_bad[] = {
	{ "list", "[]", "offset 0: expected the output of aws iam get-role ({\"Role\": {...}}) or a policy document ({\"Statement\": ...})", SV_E_FORMAT },
	{ "no-policy", "{\"Role\":{\"RoleName\":\"r\"}}", "offset 8: Role has no \"AssumeRolePolicyDocument\" (the trust policy)", SV_E_FORMAT },
	{ "max-string", "{\"Role\":{\"MaxSessionDuration\":\"3600\",\"AssumeRolePolicyDocument\":{}}}",
	  "offset 31: Role.MaxSessionDuration must be an integer (seconds)", SV_E_FORMAT },
	{ "bad-pct", "{\"Role\":{\"AssumeRolePolicyDocument\":\"%7B%2\"}}",
	  "AssumeRolePolicyDocument (URL-encoded): offset 3: '%' must be followed by two hex digits", SV_E_FORMAT },
	{ "decoded-not-json", "{\"Role\":{\"AssumeRolePolicyDocument\":\"%7B%22a%22%201%7D\"}}",
	  "AssumeRolePolicyDocument (decoded): offset 5: invalid JSON", SV_E_JSON },
	{ "policy-number", "{\"Role\":{\"AssumeRolePolicyDocument\":5}}",
	  "offset 36: AssumeRolePolicyDocument must be an object or URL-encoded JSON text", SV_E_FORMAT },
};

static void test_docs_role_errors(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof role_bad / sizeof role_bad[0]; i++) {
		sv_role r;
		sv_arena a;
		sv_err e;
		int rc;
		sv_arena_init(&a, abuf, sizeof abuf);
		rc = sv_role_parse(&r, role_bad[i].json, strlen(role_bad[i].json), tok, 512, pbuf, sizeof pbuf, ptok, 512, &a, &e);
		if (rc != role_bad[i].rc)
			fail_msg("case %s: rc %d (%s)", role_bad[i].name, rc, e.msg);
		if (strcmp(e.msg, role_bad[i].msg) != 0)
			fail_msg("case %s:\n  got  %s\n  want %s", role_bad[i].name, e.msg, role_bad[i].msg);
	}
}

static void test_docs_pct_decode_limit(void **state)
{
	char out[4];
	size_t n;
	sv_err e;
	(void)state;
	assert_int_equal(sv_pct_decode(SV_LIT("%41%42c"), out, sizeof out, &n, &e), SV_OK);
	assert_int_equal(n, 3);
	assert_memory_equal(out, "ABc", 3);
	assert_int_equal(sv_pct_decode(SV_LIT("abcd"), out, 4, &n, &e), SV_OK);
	assert_int_equal(sv_pct_decode(SV_LIT("abcde"), out, 4, &n, &e), SV_E_LIMIT);
	assert_int_equal(sv_pct_decode(SV_LIT("ab%"), out, 4, &n, &e), SV_E_FORMAT);
	assert_int_equal(sv_pct_decode(SV_LIT("ab%4"), out, 4, &n, &e), SV_E_FORMAT);
	assert_int_equal(sv_pct_decode(SV_LIT("%zz"), out, 4, &n, &e), SV_E_FORMAT);
}

static void test_docs_thumb_last_certificate(void **state)
{
	unsigned char h[20];
	char x[41];
	size_t n;
	sv_err e;
	(void)state;
	assert_int_equal(sv_thumb_chain(chain_pem, strlen(chain_pem), h, &n, &e), SV_OK);
	assert_int_equal(n, 2);
	hex(h, 20, x);
	assert_string_equal(x, "213b7078fee53247ba27ac4f6b053afca015c278");
	/* only the first certificate, without its final newline */
	{
		const char *end = strstr(chain_pem, "-----END CERTIFICATE-----") + strlen("-----END CERTIFICATE-----");
		assert_int_equal(sv_thumb_chain(chain_pem, (size_t)(end - chain_pem), h, &n, &e), SV_OK);
		assert_int_equal(n, 1);
		hex(h, 20, x);
		assert_string_equal(x, "85ffdd71981a067ab54b41d6c55cf2c393d4fefa");
	}
	assert_int_equal(sv_thumb_chain("hello\n", 6, h, &n, &e), SV_E_FORMAT);
	assert_non_null(strstr(e.msg, "expected PEM certificates"));
	assert_int_equal(sv_thumb_chain(chain_pem, 200, h, &n, &e), SV_E_FORMAT);
	assert_string_equal(e.msg, "offset 200: broken PEM (bad base64 or BEGIN/END lines)");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_docs_discovery),
		cmocka_unit_test(test_docs_provider),
		cmocka_unit_test(test_docs_role_forms),
		cmocka_unit_test(test_docs_role_errors),
		cmocka_unit_test(test_docs_pct_decode_limit),
		cmocka_unit_test(test_docs_thumb_last_certificate),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
