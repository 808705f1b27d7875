/* test_role.c -- src/sv_role.c: get-role output (object or URL-encoded policy) and bare policies. */
#include "helpers.h"
#include "sv_internal.h"
#include "stsverify/sv_docs.h"

static jsmntok_t tok[512], ptok[512];
static char abuf[8192], pbuf[8192];

#define POLICY "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRoleWithWebIdentity\"}]}"

static void test_role_forms(void **state)
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

static void test_role_errors(void **state)
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

static void test_role_pct_decode_limit(void **state)
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_role_forms),
		cmocka_unit_test(test_role_errors),
		cmocka_unit_test(test_role_pct_decode_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
