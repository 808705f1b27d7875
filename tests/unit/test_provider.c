/* test_provider.c -- src/sv_provider.c: the get-open-id-connect-provider view. */
#include "helpers.h"
#include "sv_internal.h"
#include "stsverify/sv_docs.h"

static jsmntok_t tok[512];
static char abuf[8192];

static void test_provider_fields_and_errors(void **state)
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_provider_fields_and_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
