/* test_policy.c -- src/sv_policy.c: policy shape and IAM condition semantics. */
#include "helpers.h"
#include "sv_internal.h"
#include "stsverify/sv_policy.h"

#define PROV "oidc.example.com/id/ABC"
#define PARN "arn:aws:iam::111122223333:oidc-provider/" PROV
#define SUB "system:serviceaccount:crossplane-system:provider-aws-abc"

static jsmntok_t tok[1024];
static char abuf[4096];

static const sv_sv sub_v[] = { { SUB, sizeof SUB - 1 } };
static const sv_sv aud_v[] = { { "sts.amazonaws.com", 17 } };
static const sv_sv amr_v[] = { { "pwd", 3 }, { "mfa", 3 } };
static const sv_sv tagkeys_v[] = { { "team", 4 } };

static const sv_pol_key keys[] = {
	{ { PROV ":sub", sizeof PROV ":sub" - 1 }, sub_v, 1, 0 },
	{ { PROV ":aud", sizeof PROV ":aud" - 1 }, aud_v, 1, 0 },
	{ { PROV ":amr", sizeof PROV ":amr" - 1 }, amr_v, 2, 1 },
	{ { "aws:TagKeys", 11 }, tagkeys_v, 1, 1 },
	{ { "empty:key", 9 }, NULL, 0, 1 },
};

#define STMT(cond) \
	"{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" PARN \
	"\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\"" cond "}]}"
#define COND(op, k, v) ",\"Condition\":{\"" op "\":{\"" k "\":" v "}}"

static const struct {
	const char *name;
	const char *policy;
	sv_pol_decision want;
	sv_pol_why why;        /* of the closest statement's first failing condition */
} cases[] = {
	{ "no-condition", STMT(""), SV_POL_ALLOW, SV_WHY_OK },
	{ "equals-sub", STMT(COND("StringEquals", PROV ":sub", "\"" SUB "\"")), SV_POL_ALLOW, SV_WHY_OK },
	{ "equals-sub-list-or", STMT(COND("StringEquals", PROV ":sub", "[\"x\",\"" SUB "\"]")), SV_POL_ALLOW, SV_WHY_OK },
	{ "key-name-case-insensitive", STMT(COND("StringEquals", "OIDC.EXAMPLE.COM/id/abc:SUB", "\"" SUB "\"")), SV_POL_ALLOW, SV_WHY_OK },
	{ "value-case-sensitive", STMT(COND("StringEquals", PROV ":sub", "\"System:ServiceAccount:crossplane-system:provider-aws-abc\"")),
	  SV_POL_IMPLICIT_DENY, SV_WHY_CASE },
	{ "ignorecase", STMT(COND("StringEqualsIgnoreCase", PROV ":sub", "\"System:ServiceAccount:crossplane-system:provider-aws-abc\"")),
	  SV_POL_ALLOW, SV_WHY_OK },
	{ "wildcard-under-equals", STMT(COND("StringEquals", PROV ":sub", "\"system:serviceaccount:crossplane-system:provider-aws-*\"")),
	  SV_POL_IMPLICIT_DENY, SV_WHY_WILDCARD_EXACT },
	{ "like-star", STMT(COND("StringLike", PROV ":sub", "\"system:serviceaccount:crossplane-system:provider-aws-*\"")),
	  SV_POL_ALLOW, SV_WHY_OK },
	{ "like-question", STMT(COND("StringLike", PROV ":sub", "\"system:serviceaccount:crossplane-system:provider-aws-a?c\"")),
	  SV_POL_ALLOW, SV_WHY_OK },
	{ "like-question-one-char", STMT(COND("StringLike", PROV ":sub", "\"system:serviceaccount:crossplane-system:provider-aws-?\"")),
	  SV_POL_IMPLICIT_DENY, SV_WHY_NO_MATCH },
	{ "wrong-namespace", STMT(COND("StringEquals", PROV ":sub", "\"system:serviceaccount:default:provider-aws-abc\"")),
	  SV_POL_IMPLICIT_DENY, SV_WHY_NO_MATCH },
	{ "not-equals-other", STMT(COND("StringNotEquals", PROV ":sub", "\"system:serviceaccount:x:y\"")), SV_POL_ALLOW, SV_WHY_OK },
	{ "not-equals-list-is-and", STMT(COND("StringNotEquals", PROV ":sub", "[\"a\",\"" SUB "\"]")),
	  SV_POL_IMPLICIT_DENY, SV_WHY_NEGATED_MATCH },
	{ "not-like", STMT(COND("StringNotLike", PROV ":sub", "\"*:kube-system:*\"")), SV_POL_ALLOW, SV_WHY_OK },
	{ "missing-key-positive", STMT(COND("StringEquals", PROV ":azp", "\"x\"")), SV_POL_IMPLICIT_DENY, SV_WHY_KEY_ABSENT },
	{ "missing-key-negated", STMT(COND("StringNotEquals", PROV ":azp", "\"x\"")), SV_POL_ALLOW, SV_WHY_OK },
	{ "missing-key-ifexists", STMT(COND("StringEqualsIfExists", PROV ":azp", "\"x\"")), SV_POL_ALLOW, SV_WHY_OK },
	{ "present-key-ifexists", STMT(COND("StringEqualsIfExists", PROV ":sub", "\"x\"")), SV_POL_IMPLICIT_DENY, SV_WHY_NO_MATCH },
	{ "null-true-absent", STMT(COND("Null", PROV ":azp", "\"true\"")), SV_POL_ALLOW, SV_WHY_OK },
	{ "null-false-absent", STMT(COND("Null", PROV ":azp", "\"false\"")), SV_POL_IMPLICIT_DENY, SV_WHY_NULL },
	{ "null-false-present", STMT(COND("Null", PROV ":sub", "false")), SV_POL_ALLOW, SV_WHY_OK },
	{ "null-bad-value", STMT(COND("Null", PROV ":sub", "\"maybe\"")), SV_POL_UNDECIDED, SV_WHY_BAD_VALUE },
	{ "anyvalue-amr", STMT(COND("ForAnyValue:StringLike", PROV ":amr", "\"mf*\"")), SV_POL_ALLOW, SV_WHY_OK },
	{ "anyvalue-amr-miss", STMT(COND("ForAnyValue:StringEquals", PROV ":amr", "\"otp\"")), SV_POL_IMPLICIT_DENY, SV_WHY_NO_MATCH },
	{ "anyvalue-absent", STMT(COND("ForAnyValue:StringEquals", PROV ":azp", "\"x\"")), SV_POL_IMPLICIT_DENY, SV_WHY_KEY_ABSENT },
	{ "anyvalue-empty", STMT(COND("ForAnyValue:StringEquals", "empty:key", "\"x\"")), SV_POL_IMPLICIT_DENY, SV_WHY_KEY_ABSENT },
	{ "allvalues-amr", STMT(COND("ForAllValues:StringEquals", PROV ":amr", "[\"pwd\",\"mfa\",\"otp\"]")), SV_POL_ALLOW, SV_WHY_OK },
	{ "allvalues-amr-partial", STMT(COND("ForAllValues:StringEquals", PROV ":amr", "[\"pwd\"]")), SV_POL_IMPLICIT_DENY, SV_WHY_FORALL },
	{ "allvalues-absent-true", STMT(COND("ForAllValues:StringEquals", PROV ":azp", "\"x\"")), SV_POL_ALLOW, SV_WHY_OK },
	{ "allvalues-empty-true", STMT(COND("ForAllValues:StringEquals", "empty:key", "\"x\"")), SV_POL_ALLOW, SV_WHY_OK },
	{ "anyvalue-notequals", STMT(COND("ForAnyValue:StringNotEquals", PROV ":amr", "\"pwd\"")), SV_POL_ALLOW, SV_WHY_OK },
	{ "allvalues-notlike", STMT(COND("ForAllValues:StringNotLike", PROV ":amr", "\"m*\"")), SV_POL_IMPLICIT_DENY, SV_WHY_NEGATED_MATCH },
	{ "two-keys-and", STMT(",\"Condition\":{\"StringEquals\":{\"" PROV ":sub\":\"" SUB "\",\"" PROV ":aud\":\"openshift\"}}"),
	  SV_POL_IMPLICIT_DENY, SV_WHY_NO_MATCH },
	{ "two-operators-and", STMT(",\"Condition\":{\"StringLike\":{\"" PROV ":sub\":\"*\"},\"StringEquals\":{\"" PROV ":aud\":\"sts.amazonaws.com\"}}"),
	  SV_POL_ALLOW, SV_WHY_OK },
	{ "unsupported-operator", STMT(COND("NumericLessThan", PROV ":sub", "1")), SV_POL_UNDECIDED, SV_WHY_UNSUPPORTED },
	{ "action-list", "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":[\"x\",\"" PARN "\"]},"
	  "\"Action\":[\"sts:TagSession\",\"sts:AssumeRoleWithWebIdentity\"]}}", SV_POL_ALLOW, SV_WHY_OK },
	{ "action-wildcard-nocase", "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" PARN "\"},"
	  "\"Action\":\"STS:Assume*\"}}", SV_POL_ALLOW, SV_WHY_OK },
	{ "action-other", "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" PARN "\"},"
	  "\"Action\":\"sts:AssumeRole\"}}", SV_POL_IMPLICIT_DENY, SV_WHY_OK },
	{ "notaction", "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":\"*\",\"NotAction\":\"iam:*\"}}", SV_POL_ALLOW, SV_WHY_OK },
	{ "principal-other-account", "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":"
	  "\"arn:aws:iam::999988887777:oidc-provider/" PROV "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\"}}",
	  SV_POL_IMPLICIT_DENY, SV_WHY_OK },
	{ "principal-aws-type", "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" PARN "\"},"
	  "\"Action\":\"sts:AssumeRoleWithWebIdentity\"}}", SV_POL_IMPLICIT_DENY, SV_WHY_OK },
	{ "no-principal", "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"sts:AssumeRoleWithWebIdentity\"}}",
	  SV_POL_IMPLICIT_DENY, SV_WHY_OK },
	{ "explicit-deny-wins", "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" PARN "\"},"
	  "\"Action\":\"sts:AssumeRoleWithWebIdentity\"},{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:*\","
	  "\"Condition\":{\"StringLike\":{\"" PROV ":sub\":\"*:crossplane-system:*\"}}}]}", SV_POL_EXPLICIT_DENY, SV_WHY_OK },
	{ "deny-not-matching", "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" PARN "\"},"
	  "\"Action\":\"sts:AssumeRoleWithWebIdentity\"},{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:*\","
	  "\"Condition\":{\"StringLike\":{\"" PROV ":sub\":\"*:kube-system:*\"}}}]}", SV_POL_ALLOW, SV_WHY_OK },
	{ "escaped-strings", "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" PARN "\"},"
	  "\"Action\":\"sts:AssumeRoleWith\\u0057ebIdentity\",\"Condition\":{\"StringEquals\":{\"" PROV ":s\\u0075b\":\""
	  "system:serviceaccount:crossplane-system:provider-aws-ab\\u0063\"}}}}", SV_POL_ALLOW, SV_WHY_OK },
};

static int run(const char *js, sv_pol_result *r, sv_err *e)
{
	sv_json d;
	sv_policy p;
	sv_arena a;
	sv_pol_ctx c;
	int rc;
	rc = sv_json_parse(&d, js, strlen(js), tok, 1024, e);
	if (rc != SV_OK)
		return rc;
	rc = sv_policy_parse(&p, &d, 0, e);
	if (rc != SV_OK)
		return rc;
	memset(&c, 0, sizeof c);
	c.action = SV_LIT("sts:AssumeRoleWithWebIdentity");
	c.principal_type = SV_LIT("Federated");
	c.principal = SV_LIT(PARN);
	c.keys = keys;
	c.nkeys = sizeof keys / sizeof keys[0];
	sv_arena_init(&a, abuf, sizeof abuf);
	rc = sv_policy_eval(&p, &c, &a, r);
	assert_int_equal(a.used, 0);
	return rc;
}

static void test_policy_eval_table(void **state)
{
	static sv_pol_result r;
	size_t i;
	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		sv_err e;
		int rc = run(cases[i].policy, &r, &e);
		if (rc != SV_OK)
			fail_msg("case %s: rc %d (%s)", cases[i].name, rc, e.msg);
		if (r.decision != cases[i].want)
			fail_msg("case %s: decision %d, expected %d", cases[i].name, r.decision, cases[i].want);
		if (cases[i].why != SV_WHY_OK) {
			const sv_pol_stmt *st;
			if (r.closest < 0)
				fail_msg("case %s: no closest statement", cases[i].name);
			st = &r.st[r.closest];
			if (st->nfail == 0 || st->fail[0].why != cases[i].why)
				fail_msg("case %s: why %d, expected %d", cases[i].name,
				         st->nfail ? (int)st->fail[0].why : -1, cases[i].why);
		}
	}
}

static void test_policy_explains_wildcard_under_equals(void **state)
{
	static sv_pol_result r;
	sv_err e;
	const sv_pol_cond *c;
	const char *js = STMT(COND("StringEquals", PROV ":sub", "[\"nope\",\"system:serviceaccount:crossplane-system:provider-aws-*\"]"));
	sv_json d;
	(void)state;
	assert_int_equal(run(js, &r, &e), SV_OK);
	assert_int_equal(r.decision, SV_POL_IMPLICIT_DENY);
	assert_int_equal(r.closest, 0);
	assert_int_equal(r.st[0].principal, 1);
	assert_int_equal(r.st[0].action, 1);
	assert_int_equal(r.st[0].nconds, 1);
	assert_int_equal(r.st[0].nfailed, 1);
	c = &r.st[0].fail[0];
	assert_true(sv_eq(c->actual, SV_LIT(SUB)));
	/* the value named is the pattern, not the first one */
	assert_int_equal(sv_json_parse(&d, js, strlen(js), tok, 1024, &e), SV_OK);
	assert_true(sv_eq(sv_json_raw(&d, c->near_tok), SV_LIT("system:serviceaccount:crossplane-system:provider-aws-*")));
	assert_true(sv_eq(sv_json_raw(&d, c->op_tok), SV_LIT("StringEquals")));
	assert_true(sv_eq(sv_json_raw(&d, c->key_tok), SV_LIT(PROV ":sub")));
}

static void test_policy_two_failing_conditions_are_both_noted(void **state)
{
	static sv_pol_result r;
	sv_err e;
	(void)state;
	assert_int_equal(run(STMT(",\"Condition\":{\"StringEquals\":{\"" PROV ":sub\":\"a\",\"" PROV ":aud\":\"openshift\"}}"),
	                     &r, &e), SV_OK);
	assert_int_equal(r.st[0].nfailed, 2);
	assert_int_equal(r.st[0].nfail, 2);
	assert_true(sv_eq(r.st[0].fail[1].actual, SV_LIT("sts.amazonaws.com")));
}

static const struct {
	const char *name, *json, *msg;
} bad_cases[] = {
	{ "not-object", "[]", "offset 0: a policy document must be a JSON object with \"Statement\"" },
	{ "no-statement", "{\"Version\":\"2012-10-17\"}", "offset 0: the policy has no \"Statement\"" },
	{ "unknown-top", "{\"Statement\":[],\"Bogus\":1}", "offset 16: unknown policy element (expected Version, Id or Statement)" },
	{ "empty-statements", "{\"Statement\":[]}", "offset 13: Statement must be an object or a non-empty list of objects" },
	{ "bad-effect", "{\"Statement\":{\"Effect\":\"allow\",\"Action\":\"x\"}}", "offset 23: Effect must be \"Allow\" or \"Deny\"" },
	{ "no-effect", "{\"Statement\":{\"Action\":\"x\"}}", "offset 13: the statement has no Effect" },
	{ "no-action", "{\"Statement\":{\"Effect\":\"Allow\"}}", "offset 13: the statement has no Action or NotAction" },
	{ "both-actions", "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"x\",\"NotAction\":\"y\"}}",
	  "offset 44: a statement has Action or NotAction, not both" },
	{ "action-number", "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":5}}",
	  "offset 40: Action must be a string or a non-empty list of strings" },
	{ "principal-string", "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"x\",\"Principal\":\"arn:x\"}}",
	  "offset 56: Principal must be \"*\" or an object like {\"Federated\": \"arn:...\"}" },
	{ "principal-type", "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"x\",\"Principal\":{\"Fed\":\"a\"}}}",
	  "offset 57: Principal type must be AWS, Federated, Service or CanonicalUser" },
	{ "condition-flat", "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"x\",\"Condition\":{\"k\":\"v\"}}}",
	  "offset 61: a condition operator's value must be a non-empty object of {key: value}" },
	{ "condition-nested", "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"x\",\"Condition\":{\"StringEquals\":{\"k\":{}}}}}",
	  "offset 77: a condition value must be a string, number, boolean or a list of them" },
	{ "unknown-element", "{\"Statement\":{\"Effect\":\"Allow\",\"Action\":\"x\",\"Conditions\":{}}}",
	  "offset 44: unknown statement element (expected Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource or Condition)" },
};

static void test_policy_shape_errors(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
		sv_json d;
		sv_policy p;
		sv_err e;
		assert_int_equal(sv_json_parse(&d, bad_cases[i].json, strlen(bad_cases[i].json), tok, 1024, &e), SV_OK);
		if (sv_policy_parse(&p, &d, 0, &e) != SV_E_FORMAT)
			fail_msg("case %s: accepted", bad_cases[i].name);
		if (strcmp(e.msg, bad_cases[i].msg) != 0)
			fail_msg("case %s:\n  got  %s\n  want %s", bad_cases[i].name, e.msg, bad_cases[i].msg);
	}
}

static void test_policy_statement_limit(void **state)
{
	static char js[8192];
	size_t n = 0, i;
	sv_json d;
	sv_policy p;
	sv_err e;
	static jsmntok_t big[4096];
	(void)state;
	n += (size_t)sprintf(js + n, "{\"Statement\":[");
	for (i = 0; i < SV_MAX_STATEMENTS + 1; i++)
		n += (size_t)sprintf(js + n, "%s{\"Effect\":\"Allow\",\"Action\":\"a\"}", i ? "," : "");
	n += (size_t)sprintf(js + n, "]}");
	assert_int_equal(sv_json_parse(&d, js, n, big, 4096, &e), SV_OK);
	assert_int_equal(sv_policy_parse(&p, &d, 0, &e), SV_E_LIMIT);
	assert_non_null(strstr(e.msg, "more than SV_MAX_STATEMENTS=64 statements"));
}

static void test_policy_op_split(void **state)
{
	int set, ifx;
	sv_sv base;
	(void)state;
	sv_pol_op_split(SV_LIT("ForAnyValue:StringLikeIfExists"), &set, &base, &ifx);
	assert_int_equal(set, 1);
	assert_int_equal(ifx, 1);
	assert_true(sv_eq(base, SV_LIT("StringLike")));
	sv_pol_op_split(SV_LIT("ForAllValues:StringEquals"), &set, &base, &ifx);
	assert_int_equal(set, 2);
	assert_int_equal(ifx, 0);
	sv_pol_op_split(SV_LIT("Null"), &set, &base, &ifx);
	assert_int_equal(set, 0);
	assert_true(sv_eq(base, SV_LIT("Null")));
}

/* ---- permission policies: the request is a pattern ------------------- */

#define ALLOW(act, res) "{\"Effect\":\"Allow\",\"Action\":" act ",\"Resource\":" res "}"
#define DENY(act, res) "{\"Effect\":\"Deny\",\"Action\":" act ",\"Resource\":" res "}"
#define POL(st) "{\"Version\":\"2012-10-17\",\"Statement\":[" st "]}"
#define POL2(a, b) POL(a "," b)

static const struct {
	const char *name, *policy, *action, *resource;
	sv_pol_decision want;
	int allow, deny, deny_part, part;   /* statement indices, -1 none */
} pcases[] = {
	{ "exact", POL(ALLOW("\"route53:ListHostedZones\"", "\"*\"")), "route53:ListHostedZones", "*",
	  SV_POL_ALLOW, 0, -1, 0, -1 },
	{ "case-insensitive-action", POL(ALLOW("\"ROUTE53:listhostedzones\"", "\"*\"")), "route53:ListHostedZones", "*",
	  SV_POL_ALLOW, 0, -1, 0, -1 },
	{ "service-star", POL(ALLOW("\"route53:*\"", "\"*\"")), "route53:ChangeResourceRecordSets", "*",
	  SV_POL_ALLOW, 0, -1, 0, -1 },
	{ "star-star", POL(ALLOW("\"*\"", "\"*\"")), "kms:ReEncrypt*", "*", SV_POL_ALLOW, 0, -1, 0, -1 },
	{ "request-wildcard-covered", POL(ALLOW("\"kms:*\"", "\"*\"")), "kms:ReEncrypt*", "*", SV_POL_ALLOW, 0, -1, 0, -1 },
	{ "request-wildcard-by-names", POL(ALLOW("[\"kms:ReEncryptFrom\",\"kms:ReEncryptTo\"]", "\"*\"")),
	  "kms:ReEncrypt*", "*", SV_POL_IMPLICIT_DENY, -1, -1, 0, 0 },
	{ "describe-star", POL(ALLOW("\"elasticloadbalancing:Describe*\"", "\"*\"")),
	  "elasticloadbalancing:DescribeTargetHealth", "*", SV_POL_ALLOW, 0, -1, 0, -1 },
	{ "describe-star-miss", POL(ALLOW("\"elasticloadbalancing:Describe*\"", "\"*\"")),
	  "elasticloadbalancing:RegisterTargets", "*", SV_POL_IMPLICIT_DENY, -1, -1, 0, -1 },
	{ "notaction-outside", POL("{\"Effect\":\"Allow\",\"NotAction\":[\"iam:*\",\"organizations:*\"],\"Resource\":\"*\"}"),
	  "ec2:AssignIpv6Addresses", "*", SV_POL_ALLOW, 0, -1, 0, -1 },
	{ "notaction-inside", POL("{\"Effect\":\"Allow\",\"NotAction\":[\"iam:*\",\"organizations:*\"],\"Resource\":\"*\"}"),
	  "iam:PassRole", "*", SV_POL_IMPLICIT_DENY, -1, -1, 0, -1 },
	{ "notaction-some", POL("{\"Effect\":\"Allow\",\"NotAction\":\"iam:Create*\",\"Resource\":\"*\"}"),
	  "iam:*", "*", SV_POL_IMPLICIT_DENY, -1, -1, 0, 0 },
	{ "resource-narrower", POL(ALLOW("\"sts:AssumeRole\"", "\"arn:aws:iam::210987654321:role/ocp-shared-vpc-route53\"")),
	  "sts:AssumeRole", "*", SV_POL_IMPLICIT_DENY, -1, -1, 0, 0 },
	{ "resource-wider", POL(ALLOW("\"ec2:CreateTags\"", "\"arn:aws:ec2:*:*:*\"")),
	  "ec2:CreateTags", "arn:aws:ec2:*:*:security-group/*", SV_POL_ALLOW, 0, -1, 0, -1 },
	{ "resource-other-region", POL(ALLOW("\"ec2:CreateTags\"", "\"arn:aws:ec2:us-east-1:*:security-group/*\"")),
	  "ec2:CreateTags", "arn:aws:ec2:*:*:security-group/*", SV_POL_IMPLICIT_DENY, -1, -1, 0, 0 },
	{ "resource-other-type", POL(ALLOW("\"elasticloadbalancing:AddTags\"", "\"arn:aws:elasticloadbalancing:*:*:targetgroup/*/*\"")),
	  "elasticloadbalancing:AddTags", "arn:aws:elasticloadbalancing:*:*:loadbalancer/net/*/*", SV_POL_IMPLICIT_DENY, -1, -1, 0, -1 },
	{ "two-statements-first-partial", POL2(ALLOW("\"sts:AssumeRole\"", "\"arn:aws:iam::1:role/a\""), ALLOW("\"sts:*\"", "\"*\"")),
	  "sts:AssumeRole", "*", SV_POL_ALLOW, 1, -1, 0, 0 },
	{ "deny-other-action", POL2(ALLOW("\"route53:*\"", "\"*\""), DENY("[\"route53domains:*\",\"route53:DeleteHostedZone\"]", "\"*\"")),
	  "route53:ChangeResourceRecordSets", "*", SV_POL_ALLOW, 0, -1, 0, -1 },
	{ "deny-same-action", POL2(ALLOW("\"route53:*\"", "\"*\""), DENY("\"route53:DeleteHostedZone\"", "\"*\"")),
	  "route53:deletehostedzone", "*", SV_POL_EXPLICIT_DENY, 0, 1, 0, -1 },
	{ "deny-part-of-wildcard", POL2(ALLOW("\"route53:*\"", "\"*\""), DENY("\"route53:DeleteHostedZone\"", "\"*\"")),
	  "route53:*", "*", SV_POL_EXPLICIT_DENY, 0, 1, 1, -1 },
	{ "deny-part-of-resource", POL2(ALLOW("\"s3:*\"", "\"*\""), DENY("\"s3:DeleteObject\"", "\"arn:aws:s3:::logs/*\"")),
	  "s3:DeleteObject", "*", SV_POL_EXPLICIT_DENY, 0, 1, 1, -1 },
	{ "deny-whole-after-part", POL2(DENY("\"s3:DeleteObject\"", "\"arn:aws:s3:::logs/*\""), DENY("\"s3:*\"", "\"*\"")),
	  "s3:DeleteObject", "*", SV_POL_EXPLICIT_DENY, -1, 1, 0, -1 },
	{ "deny-notresource", POL2(ALLOW("\"s3:*\"", "\"*\""),
	  "{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"NotResource\":\"arn:aws:s3:::registry/*\"}"),
	  "s3:GetObject", "arn:aws:s3:::registry/*", SV_POL_ALLOW, 0, -1, 0, -1 },
	{ "deny-notresource-star", POL2(ALLOW("\"s3:*\"", "\"*\""),
	  "{\"Effect\":\"Deny\",\"Action\":\"s3:*\",\"NotResource\":\"arn:aws:s3:::registry/*\"}"),
	  "s3:GetObject", "*", SV_POL_EXPLICIT_DENY, 0, 1, 1, -1 },
	{ "allow-notresource-outside", POL("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"NotResource\":\"arn:aws:s3:::secrets/*\"}"),
	  "s3:GetObject", "arn:aws:s3:::registry/*", SV_POL_ALLOW, 0, -1, 0, -1 },
	{ "allow-notresource-star", POL("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"NotResource\":\"arn:aws:s3:::secrets/*\"}"),
	  "s3:GetObject", "*", SV_POL_IMPLICIT_DENY, -1, -1, 0, 0 },
	{ "allow-notresource-inside", POL("{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"NotResource\":\"arn:aws:s3:::secrets/*\"}"),
	  "s3:GetObject", "arn:aws:s3:::secrets/key", SV_POL_IMPLICIT_DENY, -1, -1, 0, -1 },
	{ "action-question-mark", POL(ALLOW("\"ec2:Describe?pc*\"", "\"*\"")), "ec2:DescribeVpcs", "*",
	  SV_POL_ALLOW, 0, -1, 0, -1 },
	/* without an open context an absent key is absent, as for trust policies */
	{ "condition-closed", POL("{\"Effect\":\"Allow\",\"Action\":\"route53:*\",\"Resource\":\"*\",\"Condition\":"
	  "{\"StringEquals\":{\"aws:RequestedRegion\":\"us-east-1\"}}}"),
	  "route53:ListHostedZones", "*", SV_POL_IMPLICIT_DENY, -1, -1, 0, -1 },
};

static void test_policy_permission_patterns(void **state)
{
	static sv_pol_result r;
	size_t i;
	(void)state;
	for (i = 0; i < sizeof pcases / sizeof pcases[0]; i++) {
		sv_json d;
		sv_policy p;
		sv_arena a;
		sv_pol_ctx c;
		sv_err e;
		const char *js = pcases[i].policy;
		if (sv_json_parse(&d, js, strlen(js), tok, 1024, &e) != SV_OK || sv_policy_parse(&p, &d, 0, &e) != SV_OK)
			fail_msg("case %s: %s", pcases[i].name, e.msg);
		memset(&c, 0, sizeof c);
		c.action = sv_from_cstr(pcases[i].action);
		c.resource = sv_from_cstr(pcases[i].resource);
		c.patterns = 1;
		sv_arena_init(&a, abuf, sizeof abuf);
		assert_int_equal(sv_policy_eval(&p, &c, &a, &r), SV_OK);
		if (r.decision != pcases[i].want || r.allow != pcases[i].allow || r.deny != pcases[i].deny ||
		    r.deny_part != pcases[i].deny_part || r.part != pcases[i].part)
			fail_msg("case %s: decision %d allow %d deny %d deny_part %d part %d, expected %d %d %d %d %d",
			         pcases[i].name, r.decision, r.allow, r.deny, r.deny_part, r.part, pcases[i].want,
			         pcases[i].allow, pcases[i].deny, pcases[i].deny_part, pcases[i].part);
	}
}

/*
 * Open context (only some keys known) and the request's own policyCondition
 * as an assumption: a condition it implies holds; any other is undecided.
 */
#define CSTMT(act, cond) POL("{\"Effect\":\"Allow\",\"Action\":\"" act "\",\"Resource\":\"*\",\"Condition\":" cond "}")

static const struct {
	const char *name, *policy, *action, *assume;
	sv_pol_decision want;
	int maybe_allow, maybe_deny;
	sv_pol_why why;      /* of statement maybe_allow's (or 0's) first undecided condition */
} ocases[] = {
	{ "unknown-key", CSTMT("route53:*", "{\"StringEquals\":{\"aws:RequestedRegion\":\"us-east-1\"}}"),
	  "route53:ListHostedZones", NULL, SV_POL_UNDECIDED, 0, -1, SV_WHY_KEY_UNKNOWN },
	{ "unknown-key-negated", CSTMT("route53:*", "{\"StringNotEquals\":{\"aws:RequestedRegion\":\"us-east-1\"}}"),
	  "route53:ListHostedZones", NULL, SV_POL_UNDECIDED, 0, -1, SV_WHY_KEY_UNKNOWN },
	{ "unknown-key-null", CSTMT("route53:*", "{\"Null\":{\"aws:RequestTag/x\":\"true\"}}"),
	  "route53:ListHostedZones", NULL, SV_POL_UNDECIDED, 0, -1, SV_WHY_KEY_UNKNOWN },
	{ "same-bool", CSTMT("kms:*", "{\"Bool\":{\"kms:GrantIsForAWSResource\":true}}"), "kms:CreateGrant",
	  "{\"Bool\":{\"kms:GrantIsForAWSResource\":true}}", SV_POL_ALLOW, -1, -1, SV_WHY_OK },
	{ "same-bool-string-and-case", CSTMT("kms:*", "{\"Bool\":{\"kms:GrantIsForAWSResource\":\"true\"}}"), "kms:CreateGrant",
	  "{\"Bool\":{\"KMS:grantisforawsresource\":true}}", SV_POL_ALLOW, -1, -1, SV_WHY_OK },
	{ "opposite-bool", CSTMT("kms:*", "{\"Bool\":{\"kms:GrantIsForAWSResource\":true}}"), "kms:CreateGrant",
	  "{\"Bool\":{\"kms:GrantIsForAWSResource\":false}}", SV_POL_UNDECIDED, 0, -1, SV_WHY_KEY_UNKNOWN },
	{ "other-key", CSTMT("kms:*", "{\"StringLike\":{\"kms:ViaService\":\"ec2.*.amazonaws.com\"}}"), "kms:CreateGrant",
	  "{\"Bool\":{\"kms:GrantIsForAWSResource\":true}}", SV_POL_UNDECIDED, 0, -1, SV_WHY_KEY_UNKNOWN },
	{ "value-list-same", CSTMT("elasticloadbalancing:AddTags",
	  "{\"StringEquals\":{\"elasticloadbalancing:CreateAction\":[\"CreateTargetGroup\",\"CreateLoadBalancer\"]}}"),
	  "elasticloadbalancing:AddTags", "{\"StringEquals\":{\"elasticloadbalancing:CreateAction\":[\"CreateLoadBalancer\",\"CreateTargetGroup\"]}}",
	  SV_POL_ALLOW, -1, -1, SV_WHY_OK },
	{ "value-list-narrower", CSTMT("elasticloadbalancing:AddTags",
	  "{\"StringEquals\":{\"elasticloadbalancing:CreateAction\":\"CreateTargetGroup\"}}"),
	  "elasticloadbalancing:AddTags", "{\"StringEquals\":{\"elasticloadbalancing:CreateAction\":[\"CreateTargetGroup\",\"CreateLoadBalancer\"]}}",
	  SV_POL_UNDECIDED, 0, -1, SV_WHY_KEY_UNKNOWN },
	{ "value-case-matters", CSTMT("ec2:CreateTags", "{\"StringEquals\":{\"ec2:CreateAction\":\"createsecuritygroup\"}}"),
	  "ec2:CreateTags", "{\"StringEquals\":{\"ec2:CreateAction\":\"CreateSecurityGroup\"}}",
	  SV_POL_UNDECIDED, 0, -1, SV_WHY_KEY_UNKNOWN },
	{ "like-covers", CSTMT("kms:*", "{\"StringLike\":{\"kms:ViaService\":\"ec2.*.amazonaws.com\"}}"), "kms:Decrypt",
	  "{\"StringLike\":{\"kms:ViaService\":\"ec2.us-east-1.amazonaws.com\"}}", SV_POL_ALLOW, -1, -1, SV_WHY_OK },
	{ "like-wider", CSTMT("kms:*", "{\"StringLike\":{\"kms:ViaService\":\"ec2.us-east-1.amazonaws.com\"}}"), "kms:Decrypt",
	  "{\"StringLike\":{\"kms:ViaService\":\"ec2.*.amazonaws.com\"}}", SV_POL_UNDECIDED, 0, -1, SV_WHY_KEY_UNKNOWN },
	{ "other-operator", CSTMT("kms:*", "{\"StringEquals\":{\"kms:ViaService\":\"ec2.us-east-1.amazonaws.com\"}}"), "kms:Decrypt",
	  "{\"StringLike\":{\"kms:ViaService\":\"ec2.us-east-1.amazonaws.com\"}}", SV_POL_UNDECIDED, 0, -1, SV_WHY_KEY_UNKNOWN },
	{ "negated-subset", CSTMT("s3:*", "{\"StringNotEquals\":{\"s3:x-amz-acl\":\"public-read\"}}"), "s3:PutObject",
	  "{\"StringNotEquals\":{\"s3:x-amz-acl\":[\"public-read\",\"public-read-write\"]}}", SV_POL_ALLOW, -1, -1, SV_WHY_OK },
	{ "negated-other", CSTMT("s3:*", "{\"StringNotEquals\":{\"s3:x-amz-acl\":\"authenticated-read\"}}"), "s3:PutObject",
	  "{\"StringNotEquals\":{\"s3:x-amz-acl\":[\"public-read\",\"public-read-write\"]}}", SV_POL_UNDECIDED, 0, -1, SV_WHY_KEY_UNKNOWN },
	{ "null-same", CSTMT("ec2:*", "{\"Null\":{\"aws:RequestTag/elbv2.k8s.aws/cluster\":\"false\"}}"), "ec2:CreateSecurityGroup",
	  "{\"Null\":{\"aws:RequestTag/elbv2.k8s.aws/cluster\":\"false\"}}", SV_POL_ALLOW, -1, -1, SV_WHY_OK },
	{ "null-opposite", CSTMT("ec2:*", "{\"Null\":{\"aws:RequestTag/elbv2.k8s.aws/cluster\":\"true\"}}"), "ec2:CreateSecurityGroup",
	  "{\"Null\":{\"aws:RequestTag/elbv2.k8s.aws/cluster\":\"false\"}}", SV_POL_UNDECIDED, 0, -1, SV_WHY_KEY_UNKNOWN },
	{ "two-keys-one-assumed", CSTMT("ec2:CreateTags",
	  "{\"Null\":{\"aws:RequestTag/c\":\"false\"},\"StringEquals\":{\"ec2:CreateAction\":\"CreateSecurityGroup\"}}"),
	  "ec2:CreateTags", "{\"Null\":{\"aws:RequestTag/c\":\"false\"}}", SV_POL_UNDECIDED, 0, -1, SV_WHY_KEY_UNKNOWN },
	{ "two-keys-both-assumed", CSTMT("ec2:CreateTags",
	  "{\"Null\":{\"aws:RequestTag/c\":\"false\"},\"StringEquals\":{\"ec2:CreateAction\":\"CreateSecurityGroup\"}}"),
	  "ec2:CreateTags", "{\"StringEquals\":{\"ec2:CreateAction\":\"CreateSecurityGroup\"},\"Null\":{\"aws:RequestTag/c\":\"false\"}}",
	  SV_POL_ALLOW, -1, -1, SV_WHY_OK },
	{ "unsupported-same", CSTMT("ec2:*", "{\"NumericLessThanEquals\":{\"ec2:VolumeSize\":\"100\"}}"), "ec2:CreateVolume",
	  "{\"NumericLessThanEquals\":{\"ec2:VolumeSize\":\"100\"}}", SV_POL_ALLOW, -1, -1, SV_WHY_OK },
	{ "unsupported-other", CSTMT("ec2:*", "{\"NumericLessThanEquals\":{\"ec2:VolumeSize\":\"100\"}}"), "ec2:CreateVolume",
	  "{\"NumericLessThanEquals\":{\"ec2:VolumeSize\":\"50\"}}", SV_POL_UNDECIDED, 0, -1, SV_WHY_KEY_UNKNOWN },
	{ "conditional-deny", POL2(ALLOW("\"ec2:*\"", "\"*\""), "{\"Sid\":\"OnlyOwned\",\"Effect\":\"Deny\",\"Action\":"
	  "\"ec2:TerminateInstances\",\"Resource\":\"*\",\"Condition\":{\"StringNotEquals\":"
	  "{\"aws:ResourceTag/kubernetes.io/cluster/ocp-prod-7xk2q\":\"owned\"}}}"),
	  "ec2:TerminateInstances", NULL, SV_POL_UNDECIDED, -1, 1, SV_WHY_OK },
	{ "conditional-deny-other-action", POL2(ALLOW("\"ec2:*\"", "\"*\""), "{\"Effect\":\"Deny\",\"Action\":"
	  "\"ec2:TerminateInstances\",\"Resource\":\"*\",\"Condition\":{\"StringNotEquals\":{\"aws:ResourceTag/o\":\"owned\"}}}"),
	  "ec2:RunInstances", NULL, SV_POL_ALLOW, -1, -1, SV_WHY_OK },
	{ "escaped-assumption", CSTMT("kms:*", "{\"Bool\":{\"kms:GrantIsForAWSResource\":true}}"), "kms:CreateGrant",
	  "{\"B\\u006fol\":{\"kms:GrantIsFor\\u0041WSResource\":\"tru\\u0065\"}}", SV_POL_ALLOW, -1, -1, SV_WHY_OK },
};

static void test_policy_open_context_and_assumptions(void **state)
{
	static sv_pol_result r;
	static jsmntok_t qtok[256];
	size_t i;
	(void)state;
	for (i = 0; i < sizeof ocases / sizeof ocases[0]; i++) {
		sv_json d, q;
		sv_policy p;
		sv_arena a;
		sv_pol_ctx c;
		sv_err e;
		const char *js = ocases[i].policy;
		if (sv_json_parse(&d, js, strlen(js), tok, 1024, &e) != SV_OK || sv_policy_parse(&p, &d, 0, &e) != SV_OK)
			fail_msg("case %s: %s", ocases[i].name, e.msg);
		memset(&c, 0, sizeof c);
		c.action = sv_from_cstr(ocases[i].action);
		c.resource = SV_LIT("*");
		c.patterns = 1;
		c.open = 1;
		if (ocases[i].assume) {
			if (sv_json_parse(&q, ocases[i].assume, strlen(ocases[i].assume), qtok, 256, &e) != SV_OK)
				fail_msg("case %s: assumption: %s", ocases[i].name, e.msg);
			c.assume_doc = &q;
			c.assume = 0;
		}
		sv_arena_init(&a, abuf, sizeof abuf);
		assert_int_equal(sv_policy_eval(&p, &c, &a, &r), SV_OK);
		assert_int_equal(a.used, 0);
		if (r.decision != ocases[i].want || r.maybe_allow != ocases[i].maybe_allow || r.maybe_deny != ocases[i].maybe_deny)
			fail_msg("case %s: decision %d maybe_allow %d maybe_deny %d, expected %d %d %d", ocases[i].name,
			         r.decision, r.maybe_allow, r.maybe_deny, ocases[i].want, ocases[i].maybe_allow,
			         ocases[i].maybe_deny);
		if (ocases[i].why != SV_WHY_OK) {
			const sv_pol_stmt *st = &r.st[ocases[i].maybe_allow];
			if (st->nfail == 0 || st->fail[0].why != ocases[i].why)
				fail_msg("case %s: why %d, expected %d", ocases[i].name, st->nfail ? (int)st->fail[0].why : -1,
				         ocases[i].why);
		}
	}
}

/* A trust policy in an open context: sub is known, aud is not. */
static void test_policy_open_trust_sub_known(void **state)
{
	static sv_pol_result r;
	static const sv_pol_key k[] = { { { PROV ":sub", sizeof PROV ":sub" - 1 }, sub_v, 1, 0 } };
	const char *ok = STMT(",\"Condition\":{\"StringEquals\":{\"" PROV ":sub\":\"" SUB "\",\"" PROV ":aud\":\"openshift\"}}");
	const char *bad = STMT(",\"Condition\":{\"StringEquals\":{\"" PROV ":sub\":\"system:serviceaccount:x:y\",\"" PROV ":aud\":\"openshift\"}}");
	sv_json d;
	sv_policy p;
	sv_arena a;
	sv_pol_ctx c;
	sv_err e;
	(void)state;
	memset(&c, 0, sizeof c);
	c.action = SV_LIT("sts:AssumeRoleWithWebIdentity");
	c.principal_type = SV_LIT("Federated");
	c.principal = SV_LIT(PARN);
	c.keys = k;
	c.nkeys = 1;
	c.open = 1;
	sv_arena_init(&a, abuf, sizeof abuf);
	assert_int_equal(sv_json_parse(&d, ok, strlen(ok), tok, 1024, &e), SV_OK);
	assert_int_equal(sv_policy_parse(&p, &d, 0, &e), SV_OK);
	assert_int_equal(sv_policy_eval(&p, &c, &a, &r), SV_OK);
	assert_int_equal(r.decision, SV_POL_UNDECIDED);
	assert_int_equal(r.maybe_allow, 0);
	assert_int_equal(r.st[0].nfailed, 1);
	assert_int_equal(r.st[0].fail[0].why, SV_WHY_KEY_UNKNOWN);
	assert_true(sv_eq(sv_json_raw(&d, r.st[0].fail[0].key_tok), SV_LIT(PROV ":aud")));
	/* a sub that does not match is false: false wins over undecided */
	assert_int_equal(sv_json_parse(&d, bad, strlen(bad), tok, 1024, &e), SV_OK);
	assert_int_equal(sv_policy_parse(&p, &d, 0, &e), SV_OK);
	assert_int_equal(sv_policy_eval(&p, &c, &a, &r), SV_OK);
	assert_int_equal(r.decision, SV_POL_IMPLICIT_DENY);
	assert_int_equal(r.st[0].cond, SV_TRI_FALSE);
	assert_int_equal(r.st[0].fail[0].why, SV_WHY_NO_MATCH);
}

/* Pattern against pattern: the request may be a pattern itself. */
static const struct {
	const char *pat, *req;
	unsigned flags;
	int covers, overlaps;
} rel[] = {
	{ "*", "*", 0, 1, 1 },
	{ "*", "", 0, 1, 1 },
	{ "", "", 0, 1, 1 },
	{ "", "*", 0, 0, 1 },
	{ "a", "*", 0, 0, 1 },
	{ "route53:*", "route53:ListHostedZones", SV_PAT_NOCASE, 1, 1 },
	{ "ROUTE53:listhostedzones", "route53:ListHostedZones", SV_PAT_NOCASE, 1, 1 },
	{ "ROUTE53:listhostedzones", "route53:ListHostedZones", 0, 0, 0 },
	{ "route53:*", "route53domains:*", SV_PAT_NOCASE, 0, 0 },
	{ "route53*", "route53domains:*", SV_PAT_NOCASE, 1, 1 },
	{ "kms:ReEncrypt*", "kms:ReEncrypt*", SV_PAT_NOCASE, 1, 1 },
	{ "kms:*", "kms:ReEncrypt*", SV_PAT_NOCASE, 1, 1 },
	{ "kms:ReEncryptFrom", "kms:ReEncrypt*", SV_PAT_NOCASE, 0, 1 },
	{ "kms:ReEncrypt*", "kms:ReEncryptFrom", SV_PAT_NOCASE, 1, 1 },
	{ "kms:GenerateDataKeyWithoutPlaintext", "kms:GenerateDataKeyWithoutPlainText", SV_PAT_NOCASE, 1, 1 },
	{ "elasticloadbalancing:Describe*", "elasticloadbalancing:DescribeTargetHealth", SV_PAT_NOCASE, 1, 1 },
	{ "elasticloadbalancing:Describe*", "elasticloadbalancing:RegisterTargets", SV_PAT_NOCASE, 0, 0 },
	{ "ec2:Describe?pcs", "ec2:DescribeVpcs", SV_PAT_NOCASE, 1, 1 },
	{ "ec2:Describe?pcs", "ec2:Describe*", SV_PAT_NOCASE, 0, 1 },
	{ "ec2:Describe?", "ec2:Describe?", SV_PAT_NOCASE, 1, 1 },
	{ "ec2:Describe?", "ec2:Describe*", SV_PAT_NOCASE, 0, 1 },
	{ "*?", "*a", 0, 1, 1 },
	{ "a*b", "a*c", 0, 0, 0 },
	{ "a*b", "*c", 0, 0, 0 },
	{ "a*", "*b", 0, 0, 1 },
	{ "*b*", "a*", 0, 0, 1 },
	{ "arn:aws:ec2:*:*:*", "arn:aws:ec2:*:*:security-group/*", SV_PAT_ARN, 1, 1 },
	{ "arn:aws:ec2:us-east-1:*:security-group/*", "arn:aws:ec2:*:*:security-group/*", SV_PAT_ARN, 0, 1 },
	{ "arn:aws:elasticloadbalancing:*:*:*", "arn:aws:elasticloadbalancing:*:*:listener-rule/app/*/*/*", SV_PAT_ARN, 1, 1 },
	{ "arn:aws:elasticloadbalancing:*:*:targetgroup/*/*", "arn:aws:elasticloadbalancing:*:*:loadbalancer/net/*/*", SV_PAT_ARN, 0, 0 },
	{ "arn:aws:iam::210987654321:role/ocp-shared-vpc-route53", "*", SV_PAT_ARN, 0, 1 },
	{ "arn:aws:s3:::bucket/*", "arn:aws:s3:::Bucket/*", SV_PAT_ARN, 0, 0 },
	{ "arn:aws:s3:::bucket/*", "arn:aws:s3:::Bucket/*", SV_PAT_NOCASE, 1, 1 },
	/* part by part: the region's '*' is one part, as in a real ARN; not without SV_PAT_ARN */
	{ "arn:aws:elasticloadbalancing:*:*:targetgroup/*/*", "arn:aws:elasticloadbalancing:*:*:loadbalancer/net/*/*", 0, 0, 1 },
	{ "arn:aws:ec2:*:*:subnet/*", "arn:aws:ec2:us-east-1:123456789012:subnet/subnet-1", SV_PAT_ARN, 1, 1 },
	{ "arn:aws:ec2:*", "arn:aws:ec2:us-east-1:123456789012:subnet/subnet-1", SV_PAT_ARN, 1, 1 },
	{ "arn:aws:logs:*:*:log-group:*", "arn:aws:logs:us-east-1:1:log-group:a:log-stream:b", SV_PAT_ARN, 1, 1 },
	{ "arn:aws:iam::123456789012:user/${aws:username}", "*", SV_PAT_ARN, 0, 1 },
	/* '?' reads one UTF-8 character, not one byte */
	{ "caf?", "caf\xc3\xa9", 0, 1, 1 },
	{ "caf??", "caf\xc3\xa9", 0, 0, 0 },
	/* a sound test, not a complete one: documented */
	{ "??*", "?*?", 0, 0, 1 },
};

static void test_policy_pattern_relations(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof rel / sizeof rel[0]; i++) {
		sv_sv p = sv_from_cstr(rel[i].pat), q = sv_from_cstr(rel[i].req);
		int c = sv_pol_covers(p, q, rel[i].flags), o = sv_pol_overlaps(p, q, rel[i].flags);
		if (c != rel[i].covers)
			fail_msg("covers(%s, %s) = %d, expected %d", rel[i].pat, rel[i].req, c, rel[i].covers);
		if (o != rel[i].overlaps)
			fail_msg("overlaps(%s, %s) = %d, expected %d", rel[i].pat, rel[i].req, o, rel[i].overlaps);
		/* overlap is symmetric */
		if (sv_pol_overlaps(q, p, rel[i].flags) != o)
			fail_msg("overlaps(%s, %s) is not symmetric", rel[i].req, rel[i].pat);
		/* covering something non-empty implies overlapping it */
		if (c && !o)
			fail_msg("%s covers %s but does not overlap it", rel[i].pat, rel[i].req);
	}
}

/*
 * Against brute force: every pattern pair over {a, b, *, ?} up to 4
 * symbols, every string over {a, b, c} up to 7 characters (a shared
 * witness, when one exists, is never longer than both patterns together).
 * overlaps must be exact; covers must be sound (never claim a string of
 * req escapes pat), and it must be complete whenever req has no '*'.
 */
static int next_pat(char *p, size_t *n, const char *alpha, size_t na, size_t max)
{
	size_t i;
	for (i = 0; i < *n; i++) {
		const char *c = strchr(alpha, p[i]);
		if ((size_t)(c - alpha) + 1 < na) {
			p[i] = c[1];
			return 1;
		}
		p[i] = alpha[0];
	}
	if (*n == max)
		return 0;
	p[(*n)++] = alpha[0];
	return 1;
}

static void test_policy_pattern_relations_brute_force(void **state)
{
	enum { NS = 3280, NW = (NS + 63) / 64, NP = 341 };
	static char strs[NS][8], pats[NP][5];
	static size_t slen[NS], plen[NP];
	static uint64_t match[NP][NW];
	size_t ns = 0, np = 0, i, j, k;
	char w[8];
	size_t wn = 0;
	(void)state;
	do {
		memcpy(strs[ns], w, wn);
		slen[ns++] = wn;
	} while (next_pat(w, &wn, "abc", 3, 7));
	assert_int_equal(ns, NS);
	wn = 0;
	do {
		memcpy(pats[np], w, wn);
		plen[np++] = wn;
	} while (next_pat(w, &wn, "ab*?", 4, 4));
	assert_int_equal(np, NP);
	/* which strings each pattern matches, as a bit set */
	for (i = 0; i < NP; i++) {
		sv_sv pi = { pats[i], plen[i] };
		for (k = 0; k < NS; k++) {
			sv_sv sk = { strs[k], slen[k] };
			if (sv_like(pi, sk, 0))
				match[i][k / 64] |= (uint64_t)1 << (k % 64);
		}
	}
	for (i = 0; i < NP; i++) {
		for (j = 0; j < NP; j++) {
			sv_sv pa = { pats[i], plen[i] }, pb = { pats[j], plen[j] };
			int c = sv_pol_covers(pa, pb, 0), o = sv_pol_overlaps(pa, pb, 0), both = 0, escapes = 0;
			for (k = 0; k < NW; k++) {
				both |= (match[i][k] & match[j][k]) != 0;
				escapes |= (match[j][k] & ~match[i][k]) != 0;
			}
			if (o != both)
				fail_msg("overlaps(%.*s, %.*s) = %d, brute force %d", (int)plen[i], pats[i], (int)plen[j],
				         pats[j], o, both);
			if (c && escapes)
				fail_msg("covers(%.*s, %.*s) = 1 but a string escapes", (int)plen[i], pats[i], (int)plen[j],
				         pats[j]);
			if (!c && !escapes && !memchr(pats[j], '*', plen[j]))
				fail_msg("covers(%.*s, %.*s) = 0, brute force 1", (int)plen[i], pats[i], (int)plen[j], pats[j]);
		}
	}
}

static void test_policy_pattern_limit(void **state)
{
	static char big[SV_MAX_PATTERN_CHARS + 2];
	sv_sv s;
	(void)state;
	memset(big, 'a', sizeof big - 1);
	s.p = big;
	s.n = SV_MAX_PATTERN_CHARS;
	assert_int_equal(sv_pol_covers(SV_LIT("*"), s, SV_PAT_ARN), 1);
	assert_int_equal(sv_pol_overlaps(s, s, 0), 1);
	s.n = SV_MAX_PATTERN_CHARS + 1;
	assert_int_equal(sv_pol_covers(SV_LIT("*"), s, SV_PAT_ARN), SV_E_LIMIT);
	assert_int_equal(sv_pol_overlaps(SV_LIT("*"), s, 0), SV_E_LIMIT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_policy_eval_table),
		cmocka_unit_test(test_policy_explains_wildcard_under_equals),
		cmocka_unit_test(test_policy_two_failing_conditions_are_both_noted),
		cmocka_unit_test(test_policy_shape_errors),
		cmocka_unit_test(test_policy_statement_limit),
		cmocka_unit_test(test_policy_op_split),
		cmocka_unit_test(test_policy_pattern_relations),
		cmocka_unit_test(test_policy_permission_patterns),
		cmocka_unit_test(test_policy_open_context_and_assumptions),
		cmocka_unit_test(test_policy_open_trust_sub_known),
		cmocka_unit_test(test_policy_pattern_relations_brute_force),
		cmocka_unit_test(test_policy_pattern_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
