/* test_role.c -- src/sv_role.c: get-role output (object or URL-encoded policy), bare policies, and permission policies (get-role-policy, get-policy-version). */
#include "helpers.h"
#include "sv_internal.h"
#include "stsverify/sv_docs.h"
#include "stsverify/sv_policy.h"

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

#define RP SV_SHARED_DIR "/vectors/credentials-requests/derived/role-policies/"
#define PP SV_SHARED_DIR "/vectors/credentials-requests/policies/"

/* Every permission policy in the vectors, in each shape the AWS CLI, the SDKs and ccoctl print. */
static const struct {
	const char *file;
	sv_poldoc_shape shape;
	int encoded, text, is_default;
	size_t statements;
	const char *role;
} poldocs[] = {
	{ RP "AdministratorAccess.v1.get-policy-version.json", SV_POLDOC_POLICY_VERSION, 0, 0, 1, 1, NULL },
	{ RP "IAMReadOnlyAccess.v4.get-policy-version.json", SV_POLDOC_POLICY_VERSION, 0, 0, 1, 1, NULL },
	{ RP "PowerUserAccess.v12.get-policy-version.json", SV_POLDOC_POLICY_VERSION, 0, 0, 1, 2, NULL },
	{ RP "albo-controller.ccoctl.get-role-policy.json", SV_POLDOC_ROLE_POLICY, 0, 0, -1, 23, "ocp-prod-7xk2q-aws-load-balancer-operator-aws-load-balancer-cont" },
	{ RP "albo-operator.ccoctl.dry-run.json", SV_POLDOC_ROLE_POLICY, 0, 1, -1, 3, "ocp-prod-7xk2q-aws-load-balancer-operator-aws-load-balancer-oper" },
	{ RP "cncc.ccoctl.document.json", SV_POLDOC_BARE, 0, 0, -1, 1, NULL },
	{ RP "ingress.ccoctl.get-role-policy.json", SV_POLDOC_ROLE_POLICY, 0, 0, -1, 1, "ocp-prod-7xk2q-openshift-ingress-operator-cloud-credentials" },
	{ RP "ingress.ccoctl.get-role-policy.urlencoded.json", SV_POLDOC_ROLE_POLICY, 1, 0, -1, 1, "ocp-prod-7xk2q-openshift-ingress-operator-cloud-credentials" },
	{ RP "registry.ccoctl-without-lifecycle.get-policy-version.urlencoded.json", SV_POLDOC_POLICY_VERSION, 1, 0, 1, 1, NULL },
	{ RP "registry.actions-statement-object.get-role-policy.json", SV_POLDOC_ROLE_POLICY, 0, 0, -1, 1, "ocp-prod-7xk2q-openshift-image-registry-installer-cloud-credenti" },
	{ RP "aws-ebs-csi-driver.example-iam-policy.get-policy-version.json", SV_POLDOC_POLICY_VERSION, 0, 0, 1, 16, NULL },
	{ PP "aws-ebs-csi-driver.example-iam-policy.json", SV_POLDOC_BARE, 0, 0, -1, 16, NULL },
	{ PP "PowerUserAccess.v12.json", SV_POLDOC_BARE, 0, 0, -1, 2, NULL },
};

static void test_role_permission_policy_forms(void **state)
{
	static jsmntok_t t[4096], pt[4096];
	static char pb[65536], ab[16384];
	size_t i, n = 0;
	(void)state;
	for (i = 0; i < sizeof poldocs / sizeof poldocs[0]; i++) {
		char *js = th_read(poldocs[i].file, &n);
		sv_poldoc p;
		sv_policy pol;
		sv_arena a;
		sv_err e;
		assert_non_null(js);
		sv_arena_init(&a, ab, sizeof ab);
		if (sv_poldoc_parse(&p, js, n, t, 4096, pb, sizeof pb, pt, 4096, &a, &e) != SV_OK)
			fail_msg("%s: %s", poldocs[i].file, e.msg);
		if (p.shape != poldocs[i].shape || p.encoded != poldocs[i].encoded || p.text != poldocs[i].text ||
		    p.is_default != poldocs[i].is_default)
			fail_msg("%s: shape %d encoded %d text %d default %d", poldocs[i].file, p.shape, p.encoded, p.text,
			         p.is_default);
		if (poldocs[i].role ? !sv_eq(p.role_name, sv_from_cstr(poldocs[i].role)) : p.role_name.p != NULL)
			fail_msg("%s: RoleName %.*s", poldocs[i].file, (int)p.role_name.n, p.role_name.p);
		if (sv_policy_parse(&pol, &p.pdoc, p.proot, &e) != SV_OK)
			fail_msg("%s: policy: %s", poldocs[i].file, e.msg);
		if (pol.nstmt != poldocs[i].statements)
			fail_msg("%s: %zu statements", poldocs[i].file, pol.nstmt);
		free(js);
	}
}

static void test_role_permission_policy_errors(void **state)
{
	static const struct {
		const char *file, *json, *msg;
	} t[] = {
		{ RP "ingress.ccoctl.get-role-policy.truncated.json", NULL, "truncated document" },
		{ RP "ingress.ccoctl.get-role-policy.urlencoded-truncated.json", NULL,
		  "PolicyDocument (URL-encoded): offset 199: '%' must be followed by two hex digits" },
		{ NULL, "{\"Role\":{\"AssumeRolePolicyDocument\":{}}}",
		  "offset 0: this is aws iam get-role output (the trust policy; give it to --role), not a permission policy" },
		{ NULL, "{\"PolicyName\":\"x\"}",
		  "offset 0: expected the output of aws iam get-role-policy ({\"PolicyDocument\": ...}), aws iam get-policy-version ({\"PolicyVersion\": ...}) or a policy document ({\"Statement\": ...})" },
		{ NULL, "{\"PolicyDocument\":5}", "offset 18: PolicyDocument must be an object, JSON text or URL-encoded JSON text" },
		{ NULL, "{\"PolicyDocument\":\"%7B%22Statement%22\"}", "PolicyDocument (decoded): truncated document" },
		{ NULL, "{\"PolicyDocument\":\"{\\\"Statement\\\": [}\"}", "PolicyDocument (decoded): offset 15: invalid JSON" },
		{ NULL, "{\"PolicyVersion\":{\"VersionId\":\"v1\"}}", "offset 17: PolicyVersion has no \"Document\" (the policy)" },
		{ NULL, "{\"PolicyVersion\":{\"Document\":{},\"IsDefaultVersion\":\"yes\"}}",
		  "offset 52: PolicyVersion.IsDefaultVersion must be true or false" },
		{ NULL, "{\"PolicyVersion\":[]}", "offset 17: PolicyVersion must be an object" },
		{ NULL, "{\"PolicyDocument\":{},\"RoleName\":7}", "offset 32: RoleName must be a string" },
	};
	static jsmntok_t tk[4096], pt[4096];
	static char pb[65536], ab[16384];
	size_t i, n = 0;
	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		char *js = t[i].file ? th_read(t[i].file, &n) : NULL;
		const char *src = js ? js : t[i].json;
		sv_poldoc p;
		sv_arena a;
		sv_err e;
		if (!js)
			n = strlen(src);
		sv_arena_init(&a, ab, sizeof ab);
		if (sv_poldoc_parse(&p, src, n, tk, 4096, pb, sizeof pb, pt, 4096, &a, &e) == SV_OK)
			fail_msg("case %zu: accepted", i);
		if (strcmp(e.msg, t[i].msg) != 0)
			fail_msg("case %zu:\n  got  %s\n  want %s", i, e.msg, t[i].msg);
		free(js);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_role_forms),
		cmocka_unit_test(test_role_errors),
		cmocka_unit_test(test_role_pct_decode_limit),
		cmocka_unit_test(test_role_permission_policy_forms),
		cmocka_unit_test(test_role_permission_policy_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
