/* test_discovery.c -- src/sv_discovery.c: the OpenID configuration view. */
#include "helpers.h"
#include "sv_internal.h"
#include "stsverify/sv_docs.h"

static jsmntok_t tok[512];
static char abuf[8192];

static void test_discovery_fields_and_errors(void **state)
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_discovery_fields_and_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
