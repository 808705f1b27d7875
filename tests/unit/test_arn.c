/* test_arn.c -- src/sv_arn.c: ARNs and the STS request-parameter rules, exact messages. */
#include "helpers.h"
#include "sv_internal.h"
#include "stsverify/sv_arn.h"

static char msg[SV_STS_MSG_BYTES];

/* ---- role ARN structure ----------------------------------------------- */

static const struct {
	const char *name, *arn;
	int rc;
	const char *part, *acct, *path, *role;   /* when SV_OK */
	const char *why;                        /* exact err.msg otherwise */
} role_cases[] = {
	{ "plain", "arn:aws:iam::111122223333:role/my-role", SV_OK, "aws", "111122223333", "/", "my-role", NULL },
	{ "path", "arn:aws:iam::111122223333:role/a/b/my-role", SV_OK, "aws", "111122223333", "/a/b/", "my-role", NULL },
	{ "cn", "arn:aws-cn:iam::111122223333:role/r", SV_OK, "aws-cn", "111122223333", "/", "r", NULL },
	{ "gov", "arn:aws-us-gov:iam::111122223333:role/r", SV_OK, "aws-us-gov", "111122223333", "/", "r", NULL },
	{ "iso-f", "arn:aws-iso-f:iam::111122223333:role/r", SV_OK, "aws-iso-f", "111122223333", "/", "r", NULL },
	{ "name-chars", "arn:aws:iam::111122223333:role/A_b+c=d,e.f@g-h", SV_OK, "aws", "111122223333", "/", "A_b+c=d,e.f@g-h", NULL },
	{ "name-64", "arn:aws:iam::111122223333:role/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	  SV_OK, "aws", "111122223333", "/", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", NULL },
	{ "name-65", "arn:aws:iam::111122223333:role/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	  SV_E_FORMAT, 0, 0, 0, 0, "offset 31: the role name is 65 characters; IAM allows at most 64" },
	{ "no-arn", "nothing-valid-in-here", SV_E_FORMAT, 0, 0, 0, 0,
	  "offset 0: an ARN starts with \"arn:\", found 'n'" },
	{ "few-fields", "arn:aws:iam::111122223333", SV_E_FORMAT, 0, 0, 0, 0,
	  "offset 25: an ARN has six ':'-separated fields (arn:partition:service:region:account:resource)" },
	{ "five-fields", "arn:a:::something/test-role", SV_E_FORMAT, 0, 0, 0, 0,
	  "offset 27: an ARN has six ':'-separated fields (arn:partition:service:region:account:resource)" },
	{ "partition", "arn:a::::something/test-role", SV_E_FORMAT, 0, 0, 0, 0,
	  "offset 4: unknown partition \"a\" (expected aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e or aws-iso-f)" },
	{ "service", "arn:aws:s3::111122223333:role/r", SV_E_FORMAT, 0, 0, 0, 0,
	  "offset 8: the service of a role ARN is \"iam\", found \"s3\"" },
	{ "assumed", "arn:aws:sts::111122223333:assumed-role/my-role/sess", SV_E_FORMAT, 0, 0, 0, 0,
	  "offset 8: this is an assumed-role (session) ARN, not a role ARN; the role is arn:aws:iam::111122223333:role/my-role" },
	{ "region", "arn:aws:iam:us-east-1:111122223333:role/r", SV_E_FORMAT, 0, 0, 0, 0,
	  "offset 12: IAM ARNs have no region (\"iam::\"), found 'u'" },
	{ "account-11", "arn:aws:iam::11112222333:role/r", SV_E_FORMAT, 0, 0, 0, 0,
	  "offset 13: the account ID is 12 digits, found 11: \"11112222333\"" },
	{ "account-13", "arn:aws:iam::1111222233334:role/r", SV_E_FORMAT, 0, 0, 0, 0,
	  "offset 13: the account ID is 12 digits, found 13: \"1111222233334\"" },
	{ "account-letter", "arn:aws:iam::11112222333x:role/r", SV_E_FORMAT, 0, 0, 0, 0,
	  "offset 24: the account ID is 12 digits, found 'x'" },
	{ "extra-colon", "arn:aws:iam:::111122223333:role/r", SV_E_FORMAT, 0, 0, 0, 0,
	  "offset 13: the account ID is 12 digits, found 0: \"\"" },
	{ "user", "arn:aws:iam::111122223333:user/bob", SV_E_FORMAT, 0, 0, 0, 0,
	  "offset 26: the resource of a role ARN starts with \"role/\", found \"user/bob\"" },
	{ "no-name", "arn:aws:iam::111122223333:role/", SV_E_FORMAT, 0, 0, 0, 0,
	  "offset 31: the role name is missing after the last '/'" },
	{ "empty-segment", "arn:aws:iam::111122223333:role//r", SV_E_FORMAT, 0, 0, 0, 0,
	  "offset 31: an empty path segment (\"//\") is not a role path, found '/'" },
	{ "trailing-newline", "arn:aws:iam::111122223333:role/r\n", SV_E_FORMAT, 0, 0, 0, 0,
	  "offset 32: a role name holds only letters, digits and + = , . @ _ -, found a newline" },
	{ "backslash", "arn:aws:iam::111122223333:role/my\\-role", SV_E_FORMAT, 0, 0, 0, 0,
	  "offset 33: a role name holds only letters, digits and + = , . @ _ -, found '\\'" },
	{ "space-in-path", "arn:aws:iam::111122223333:role/a b/r", SV_E_FORMAT, 0, 0, 0, 0,
	  "offset 32: a role path holds printable ASCII without spaces, found a space" },
};

static void test_arn_role_parse_table(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof role_cases / sizeof role_cases[0]; i++) {
		sv_role_arn r;
		sv_err e;
		int rc;
		memset(&e, 0, sizeof e);
		rc = sv_role_arn_parse(sv_from_cstr(role_cases[i].arn), &r, &e);
		if (rc != role_cases[i].rc)
			fail_msg("case %s: rc %d, expected %d (%s)", role_cases[i].name, rc, role_cases[i].rc, e.msg);
		if (rc == SV_OK) {
			if (!sv_eq(r.partition, sv_from_cstr(role_cases[i].part)) ||
			    !sv_eq(r.account, sv_from_cstr(role_cases[i].acct)) ||
			    !sv_eq(r.path, sv_from_cstr(role_cases[i].path)) ||
			    !sv_eq(r.name, sv_from_cstr(role_cases[i].role)))
				fail_msg("case %s: wrong views", role_cases[i].name);
		} else if (strcmp(e.msg, role_cases[i].why) != 0) {
			fail_msg("case %s: message\n  got  %s\n  want %s", role_cases[i].name, e.msg, role_cases[i].why);
		}
	}
}

/* ---- provider ARN ---------------------------------------------------- */

static void test_arn_provider_build_and_parse(void **state)
{
	char out[256];
	size_t len;
	sv_sv p, a, u;
	sv_err e;
	(void)state;
	assert_int_equal(sv_provider_arn(SV_LIT("aws"), SV_LIT("111122223333"),
	                                 SV_LIT("oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E"),
	                                 out, sizeof out, &len), SV_OK);
	assert_string_equal(out, "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E");
	assert_int_equal(len, strlen(out));
	assert_int_equal(sv_provider_arn_parse(sv_from_cstr(out), &p, &a, &u, &e), SV_OK);
	assert_true(sv_eq(p, SV_LIT("aws")));
	assert_true(sv_eq(a, SV_LIT("111122223333")));
	assert_true(sv_eq(u, SV_LIT("oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E")));

	/* the trailing slash is part of the name */
	assert_int_equal(sv_provider_arn_parse(SV_LIT("arn:aws:iam::111122223333:oidc-provider/auth.example.com/"),
	                                       &p, &a, &u, &e), SV_OK);
	assert_true(sv_eq(u, SV_LIT("auth.example.com/")));

	assert_int_equal(sv_provider_arn_parse(SV_LIT("arn:aws:iam::111122223333:oidc-provider/https://x.example"),
	                                       &p, &a, &u, &e), SV_E_FORMAT);
	assert_string_equal(e.msg, "offset 40: the provider name is its URL without \"https://\", found 'h'");
	assert_int_equal(sv_provider_arn_parse(SV_LIT("arn:aws:iam::111122223333:role/x"), &p, &a, &u, &e),
	                 SV_E_FORMAT);
	assert_string_equal(e.msg, "offset 26: the resource of an OIDC provider ARN starts with \"oidc-provider/\", found \"role/x\"");

	/* too small a buffer is an error, not a truncation */
	assert_int_equal(sv_provider_arn(SV_LIT("aws"), SV_LIT("111122223333"), SV_LIT("x.example"), out, 20, &len),
	                 SV_E_LIMIT);
	assert_string_equal(out, "");
	assert_int_equal(len, 0);
}

static void test_arn_assumed_role_drops_path(void **state)
{
	sv_role_arn r;
	sv_err e;
	char out[128];
	size_t len;
	(void)state;
	assert_int_equal(sv_role_arn_parse(SV_LIT("arn:aws-cn:iam::111122223333:role/team/ops/my-role"), &r, &e), SV_OK);
	assert_int_equal(sv_assumed_role_arn(&r, SV_LIT("sess1"), out, sizeof out, &len), SV_OK);
	assert_string_equal(out, "arn:aws-cn:sts::111122223333:assumed-role/my-role/sess1");
}

/* ---- ValidationError texts ------------------------------------------ */

static const char RX_ARN[] =
    "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+";

static void test_arn_sts_role_arn_messages(void **state)
{
	(void)state;
	assert_int_equal(sv_sts_check_role_arn(SV_LIT("arn:aws:iam::111122223333:role/r"), msg, sizeof msg), SV_OK);
	assert_string_equal(msg, "");

	assert_int_equal(sv_sts_check_role_arn(SV_LIT(""), msg, sizeof msg), SV_E_FORMAT);
	assert_string_equal(msg, "1 validation error detected: Value '' at 'roleArn' failed to satisfy constraint: "
	                         "Member must have length greater than or equal to 20");
	/* boundary: 19 characters fails the length, 20 passes it and fails the structure */
	assert_int_equal(sv_sts_check_role_arn(SV_LIT("arn:aws:iam::1:role"), msg, sizeof msg), SV_E_FORMAT);
	assert_string_equal(msg, "1 validation error detected: Value 'arn:aws:iam::1:role' at 'roleArn' failed to "
	                         "satisfy constraint: Member must have length greater than or equal to 20");
	assert_int_equal(sv_sts_check_role_arn(SV_LIT("arn:aws:iam::1:role/"), msg, sizeof msg), SV_E_FORMAT);
	assert_string_equal(msg, "arn:aws:iam::1:role/ is invalid");

	assert_int_equal(sv_sts_check_role_arn(SV_LIT("nothing-valid-in-here"), msg, sizeof msg), SV_E_FORMAT);
	assert_string_equal(msg, "nothing-valid-in-here is invalid");
	assert_int_equal(sv_sts_check_role_arn(SV_LIT("arn:a:::something/test-role"), msg, sizeof msg), SV_E_FORMAT);
	assert_string_equal(msg, "arn:a:::something/test-role is invalid");

	/* a control character fails the model pattern before the structure is looked at */
	assert_int_equal(sv_sts_check_role_arn(SV_LIT("arn:aws:iam::111122223333:role/r\x01"), msg, sizeof msg),
	                 SV_E_FORMAT);
	{
		char want[400];
		snprintf(want, sizeof want,
		         "1 validation error detected: Value 'arn:aws:iam::111122223333:role/r\\x01' at 'roleArn' failed "
		         "to satisfy constraint: Member must satisfy regular expression pattern: %s", RX_ARN);
		assert_string_equal(msg, want);
	}
	/* a newline is in the pattern, so it is the structure that fails */
	assert_int_equal(sv_sts_check_role_arn(SV_LIT("arn:aws:iam::111122223333:role/r\n"), msg, sizeof msg),
	                 SV_E_FORMAT);
	assert_string_equal(msg, "arn:aws:iam::111122223333:role/r\\x0a is invalid");
}

static void test_arn_sts_role_arn_length_2048_boundary(void **state)
{
	char arn[2100];
	size_t n;
	(void)state;
	strcpy(arn, "arn:aws:iam::111122223333:role/");
	n = strlen(arn);
	/* path segments keep the name short: /aaaa.../ up to 2048 characters in all */
	arn[n++] = 'p';
	while (n < 2048 - 3)
		arn[n++] = 'p';
	arn[n++] = '/';
	arn[n++] = 'r';
	arn[n++] = 'x';
	arn[n] = '\0';
	assert_int_equal(strlen(arn), 2048);
	/* 2048 passes the model, then the 512-byte path limit makes it invalid */
	assert_int_equal(sv_sts_check_role_arn(sv_from_cstr(arn), msg, sizeof msg), SV_E_FORMAT);
	assert_non_null(strstr(msg, " is invalid"));
	assert_null(strstr(msg, "validation error"));
	arn[2048] = 'y';
	arn[2049] = '\0';
	assert_int_equal(sv_sts_check_role_arn(sv_from_cstr(arn), msg, sizeof msg), SV_E_FORMAT);
	assert_non_null(strstr(msg, "' at 'roleArn' failed to satisfy constraint: Member must have length less than or equal to 2048"));
	assert_true(strncmp(msg, "1 validation error detected: Value 'arn:aws:iam::111122223333:role/ppp", 70) == 0);
	/* the echo is cut, and says so */
	assert_non_null(strstr(msg, "...(2049 bytes)' at 'roleArn'"));
}

static const struct {
	const char *name, *session;
	int rc;
	const char *msg;
} session_cases[] = {
	{ "ok", "sess1", SV_OK, "" },
	{ "all-chars", "aZ09_+=,.@-", SV_OK, "" },
	{ "len-2", "ab", SV_OK, "" },
	{ "len-1", "a", SV_E_FORMAT,
	  "1 validation error detected: Value 'a' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2" },
	{ "empty", "", SV_E_FORMAT,
	  "1 validation error detected: Value '' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2" },
	{ "len-64", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", SV_OK, "" },
	{ "len-65", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", SV_E_FORMAT,
	  "1 validation error detected: Value 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64" },
	{ "colon", "Session1:2", SV_E_FORMAT,
	  "1 validation error detected: Value 'Session1:2' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*" },
	{ "slash", "tfaction-plan-github/foo", SV_E_FORMAT,
	  "1 validation error detected: Value 'tfaction-plan-github/foo' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*" },
	{ "space", "my session", SV_E_FORMAT,
	  "1 validation error detected: Value 'my session' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*" },
	{ "non-ascii", "s\xc3\xa9s", SV_E_FORMAT,
	  "1 validation error detected: Value 's\xc3\xa9s' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*" },
	{ "short-and-bad", ":", SV_E_FORMAT,
	  "2 validation errors detected: Value ':' at 'roleSessionName' failed to satisfy constraint: Member must have length greater than or equal to 2; "
	  "Value ':' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*" },
};

static void test_arn_sts_session_name_table(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof session_cases / sizeof session_cases[0]; i++) {
		int rc = sv_sts_check_session_name(sv_from_cstr(session_cases[i].session), msg, sizeof msg);
		if (rc != session_cases[i].rc)
			fail_msg("case %s: rc %d", session_cases[i].name, rc);
		if (strcmp(msg, session_cases[i].msg) != 0)
			fail_msg("case %s:\n  got  %s\n  want %s", session_cases[i].name, msg, session_cases[i].msg);
	}
}

static void test_arn_sts_token_length_boundaries(void **state)
{
	static char tok[SV_STS_TOKEN_MAX + 2];
	(void)state;
	memset(tok, 'a', sizeof tok);
	assert_int_equal(sv_sts_check_token((sv_sv){ tok, 4 }, msg, sizeof msg), SV_OK);
	assert_int_equal(sv_sts_check_token((sv_sv){ tok, 3 }, msg, sizeof msg), SV_E_FORMAT);
	assert_string_equal(msg, "1 validation error detected: Value at 'webIdentityToken' failed to satisfy "
	                         "constraint: Member must have length greater than or equal to 4");
	assert_int_equal(sv_sts_check_token((sv_sv){ tok, 20000 }, msg, sizeof msg), SV_OK);
	assert_int_equal(sv_sts_check_token((sv_sv){ tok, 20001 }, msg, sizeof msg), SV_E_FORMAT);
	/* the token is a credential: never echoed */
	assert_string_equal(msg, "1 validation error detected: Value at 'webIdentityToken' failed to satisfy "
	                         "constraint: Member must have length less than or equal to 20000");
}

static void test_arn_sts_duration_boundaries(void **state)
{
	(void)state;
	assert_int_equal(sv_sts_check_duration(900, 0, msg, sizeof msg), SV_OK);
	assert_int_equal(sv_sts_check_duration(899, 0, msg, sizeof msg), SV_E_FORMAT);
	assert_string_equal(msg, "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy "
	                         "constraint: Member must have value greater than or equal to 900");
	assert_int_equal(sv_sts_check_duration(43200, 0, msg, sizeof msg), SV_OK);
	assert_int_equal(sv_sts_check_duration(43201, 0, msg, sizeof msg), SV_E_FORMAT);
	assert_string_equal(msg, "1 validation error detected: Value '43201' at 'durationSeconds' failed to satisfy "
	                         "constraint: Member must have value less than or equal to 43200");
	assert_int_equal(sv_sts_check_duration(-5, 0, msg, sizeof msg), SV_E_FORMAT);
	assert_non_null(strstr(msg, "Value '-5' at 'durationSeconds'"));
	/* against the role's MaxSessionDuration */
	assert_int_equal(sv_sts_check_duration(3600, 3600, msg, sizeof msg), SV_OK);
	assert_int_equal(sv_sts_check_duration(3601, 3600, msg, sizeof msg), SV_E_FORMAT);
	assert_string_equal(msg, "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
	/* the model range is checked first */
	assert_int_equal(sv_sts_check_duration(50000, 3600, msg, sizeof msg), SV_E_FORMAT);
	assert_non_null(strstr(msg, "less than or equal to 43200"));
}

static void test_arn_sts_validate_combines_in_member_order(void **state)
{
	sv_sts_params p;
	unsigned bad;
	(void)state;
	memset(&p, 0, sizeof p);
	p.role_arn = SV_LIT("arn:aws:iam::111122223333:role/r");
	p.session_name = SV_LIT("sess1");
	p.token = SV_LIT("abcd");
	assert_int_equal(sv_sts_validate(&p, msg, sizeof msg, &bad), SV_OK);
	assert_int_equal(bad, 0);
	assert_string_equal(msg, "");

	p.has_duration = 1;
	p.duration = 100;
	p.session_name = SV_LIT("a/b");
	p.role_arn = SV_LIT("bad");      /* short AND not an ARN: the model error wins */
	assert_int_equal(sv_sts_validate(&p, msg, sizeof msg, &bad), SV_E_FORMAT);
	assert_int_equal(bad, SV_STS_BAD_ROLE_ARN | SV_STS_BAD_SESSION | SV_STS_BAD_DURATION);
	assert_string_equal(msg,
	    "3 validation errors detected: "
	    "Value 'bad' at 'roleArn' failed to satisfy constraint: Member must have length greater than or equal to 20; "
	    "Value 'a/b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*; "
	    "Value '100' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to 900");

	/* model-valid: then the ARN structure */
	p.role_arn = SV_LIT("arn:aws:iam::111122223333:role/r/");
	p.session_name = SV_LIT("ok");
	p.duration = 7200;
	p.max_session = 3600;
	assert_int_equal(sv_sts_validate(&p, msg, sizeof msg, &bad), SV_E_FORMAT);
	assert_int_equal(bad, SV_STS_BAD_ROLE_ARN);
	assert_string_equal(msg, "arn:aws:iam::111122223333:role/r/ is invalid");

	/* then the duration against the role */
	p.role_arn = SV_LIT("arn:aws:iam::111122223333:role/r");
	assert_int_equal(sv_sts_validate(&p, msg, sizeof msg, &bad), SV_E_FORMAT);
	assert_int_equal(bad, SV_STS_BAD_DURATION);
	assert_string_equal(msg, "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
	p.max_session = 7200;
	assert_int_equal(sv_sts_validate(&p, msg, sizeof msg, &bad), SV_OK);
}

static void test_arn_session_fix(void **state)
{
	char out[80];
	(void)state;
	sv_sts_session_fix(SV_LIT("tfaction-plan-github/foo"), out, sizeof out);
	assert_string_equal(out, "tfaction-plan-github-foo");
	sv_sts_session_fix(SV_LIT("a"), out, sizeof out);
	assert_string_equal(out, "a-");
	sv_sts_session_fix(SV_LIT("s\xc3\xa9s x"), out, sizeof out);
	assert_string_equal(out, "s-s-x");
	sv_sts_session_fix(SV_LIT("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"), out, sizeof out);
	assert_int_equal(strlen(out), 64);
	assert_int_equal(sv_sts_check_session_name(sv_from_cstr(out), msg, sizeof msg), SV_OK);
}

static void test_arn_region_partition(void **state)
{
	static const struct { const char *region, *partition; } t[] = {
		{ "us-east-1", "aws" }, { "eu-west-1", "aws" }, { "cn-north-1", "aws-cn" }, { "cn-northwest-1", "aws-cn" },
		{ "us-gov-west-1", "aws-us-gov" }, { "us-iso-east-1", "aws-iso" }, { "us-isob-east-1", "aws-iso-b" },
		{ "eu-isoe-west-1", "aws-iso-e" }, { "us-isof-south-1", "aws-iso-f" }, { "", "aws" },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		if (!sv_eq(sv_region_partition(sv_from_cstr(t[i].region)), sv_from_cstr(t[i].partition)))
			fail_msg("region %s", t[i].region);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_arn_role_parse_table),
		cmocka_unit_test(test_arn_provider_build_and_parse),
		cmocka_unit_test(test_arn_assumed_role_drops_path),
		cmocka_unit_test(test_arn_sts_role_arn_messages),
		cmocka_unit_test(test_arn_sts_role_arn_length_2048_boundary),
		cmocka_unit_test(test_arn_sts_session_name_table),
		cmocka_unit_test(test_arn_sts_token_length_boundaries),
		cmocka_unit_test(test_arn_sts_duration_boundaries),
		cmocka_unit_test(test_arn_sts_validate_combines_in_member_order),
		cmocka_unit_test(test_arn_session_fix),
		cmocka_unit_test(test_arn_region_partition),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
