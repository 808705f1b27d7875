/*
 * test_perms.c -- src/sv_perms.c: every real CredentialsRequest in the
 * vectors against its ccoctl rendering and the derived variants, with the
 * verdict per file; the trust-policy cross-check; ccoctl's role names.
 */
#include "helpers.h"
#include "sv_internal.h"
#include "stsverify/sv_credreq.h"
#include "stsverify/sv_docs.h"
#include "stsverify/sv_perms.h"

#define CR SV_SHARED_DIR "/vectors/credentials-requests/"
#define M CR "manifests/"
#define O CR "older/"
#define D CR "derived/"
#define R CR "derived/role-policies/"

static char cbuf[1 << 19], jbuf[1 << 19];
static sv_yaml_line lines[SV_MAX_CREDREQ_TOKENS];
static jsmntok_t ctok[SV_MAX_CREDREQ_TOKENS];
static char ptext[4][65536], pdec[4][65536];
static jsmntok_t ptok[4][4096], pdtok[4][4096];
static sv_poldoc pd[4];
static sv_policy pol[4];
static sv_cr_item items[SV_MAX_CR_ITEMS];
static sv_credreq cr;
static sv_perms pm;
static sv_trust tr;
static char kbuf[65536], sbuf[SV_MAX_STRING_ARENA];
static sv_json cdoc;

static size_t slurp(const char *path, char *buf, size_t cap)
{
	FILE *f = fopen(path, "rb");
	size_t n;
	if (!f)
		fail_msg("cannot open %s", path);
	n = fread(buf, 1, cap, f);
	fclose(f);
	assert_true(n < cap);
	return n;
}

/* Reads the request (the AWS one, or the one named) into cr. */
static void load_request(const char *path, const char *name, sv_arena *keep)
{
	size_t n = slurp(path, cbuf, sizeof cbuf), len = n, k, cnt = 0;
	const char *js = cbuf;
	sv_yaml_map m = { lines, SV_MAX_CREDREQ_TOKENS, 0 };
	sv_err e;
	int pick = -1;
	if (strstr(path, ".yaml")) {
		if (sv_yaml_to_json(cbuf, n, jbuf, sizeof jbuf, &len, &m, &e) != SV_OK)
			fail_msg("%s: %s", path, e.msg);
		js = jbuf;
	}
	if (sv_json_parse(&cdoc, js, len, ctok, SV_MAX_CREDREQ_TOKENS, &e) != SV_OK ||
	    sv_credreq_list(&cdoc, keep, items, SV_MAX_CR_ITEMS, &cnt, &e) != SV_OK)
		fail_msg("%s: %s", path, e.msg);
	for (k = 0; k < cnt && pick < 0; k++)
		if (name ? sv_eq(items[k].name, sv_from_cstr(name)) : sv_eq(items[k].provider_kind, SV_LIT("AWSProviderSpec")))
			pick = (int)k;
	assert_true(pick >= 0);
	if (sv_credreq_parse(&cr, &cdoc, items[pick].obj, keep, &e) != SV_OK)
		fail_msg("%s: %s", path, e.msg);
}

static void load_policy(int i, const char *path, sv_arena *keep)
{
	size_t n = slurp(path, ptext[i], sizeof ptext[i]);
	sv_err e;
	if (sv_poldoc_parse(&pd[i], ptext[i], n, ptok[i], 4096, pdec[i], sizeof pdec[i], pdtok[i], 4096, keep, &e) != SV_OK ||
	    sv_policy_parse(&pol[i], &pd[i].pdoc, pd[i].proot, &e) != SV_OK)
		fail_msg("%s: %s", path, e.msg);
}

typedef struct row_want {
	size_t entry;
	const char *action;
	sv_perm_verdict verdict;
	int policy, stmt, part, by_deny;
	size_t nnotes;
} row_want;

#define A SV_PERM_ALLOWED
#define NG SV_PERM_NOT_GRANTED
#define DN SV_PERM_DENIED
#define CD SV_PERM_CONDITIONAL

static const struct {
	const char *request, *name;
	const char *policies[3];
	size_t allowed, not_granted, denied, conditional;
	row_want rows[3];
} cases[] = {
	/* ingress */
	{ M "00-ingress-credentials-request.yaml", NULL, { R "ingress.ccoctl.get-role-policy.json" }, 6, 0, 0, 0,
	  { { 0, "sts:AssumeRole", A, 0, 0, 0, 0, 0 } } },
	{ M "00-ingress-credentials-request.yaml", NULL, { R "ingress.ccoctl.get-role-policy.urlencoded.json" }, 6, 0, 0, 0, { { 0 } } },
	{ M "00-ingress-credentials-request.yaml", NULL, { R "ingress.ccoctl-without-ChangeResourceRecordSets.get-role-policy.json" },
	  5, 1, 0, 0, { { 0, "route53:ChangeResourceRecordSets", NG, -1, -1, 0, 0, 0 } } },
	{ M "00-ingress-credentials-request.yaml", NULL, { R "ingress.ccoctl-region-condition.get-role-policy.json" }, 0, 0, 0, 6,
	  { { 0, "route53:ListHostedZones", CD, 0, 0, 0, 0, 1 } } },
	{ M "00-ingress-credentials-request.yaml", NULL, { R "ingress.actions-and-deny-zone-lifecycle.get-role-policy.json" },
	  6, 0, 0, 0, { { 0, "route53:ChangeResourceRecordSets", A, 0, 0, 0, 0, 0 } } },
	{ M "00-ingress-credentials-request.yaml", NULL, { R "ingress.actions-assumerole-on-one-role.get-role-policy.json" },
	  5, 1, 0, 0, { { 0, "sts:AssumeRole", NG, 0, 1, 1, 0, 0 } } },
	{ M "00-ingress-credentials-request.yaml", NULL, { R "ingress@9fbe971.ccoctl.get-role-policy.json" }, 4, 2, 0, 0,
	  { { 0, "route53:ListTagsForResources", NG, -1, -1, 0, 0, 0 }, { 0, "sts:AssumeRole", NG, -1, -1, 0, 0, 0 } } },
	{ O "00-ingress-credentials-request@9fbe971.yaml", NULL, { R "ingress@9fbe971.ccoctl.get-role-policy.json" }, 4, 0, 0, 0, { { 0 } } },
	{ D "ingress.oc-get.json", NULL, { R "ingress.ccoctl.get-role-policy.json" }, 6, 0, 0, 0, { { 0 } } },
	{ D "payload.oc-get-list.json", "openshift-ingress", { R "ingress.ccoctl.get-role-policy.json" }, 6, 0, 0, 0, { { 0 } } },
	/* image registry */
	{ M "01-registry-credentials-request.yaml", NULL, { R "registry.ccoctl.get-role-policy.json" }, 18, 0, 0, 0, { { 0 } } },
	{ M "01-registry-credentials-request.yaml", NULL, { R "registry.ccoctl.get-policy-version.json" }, 18, 0, 0, 0, { { 0 } } },
	{ M "01-registry-credentials-request.yaml", NULL, { R "registry.actions-statement-object.get-role-policy.json" }, 18, 0, 0, 0, { { 0 } } },
	{ M "01-registry-credentials-request.yaml", NULL, { R "registry.ccoctl-without-ListMultipartUploadParts.get-role-policy.json" },
	  17, 1, 0, 0, { { 0, "s3:ListMultipartUploadParts", NG, -1, -1, 0, 0, 0 } } },
	{ M "01-registry-credentials-request.yaml", NULL, { R "registry.ccoctl-without-lifecycle.get-policy-version.urlencoded.json" },
	  16, 2, 0, 0, { { 0, "s3:PutLifecycleConfiguration", NG, -1, -1, 0, 0, 0 }, { 0, "s3:GetLifecycleConfiguration", NG, -1, -1, 0, 0, 0 } } },
	{ M "01-registry-credentials-request.yaml", NULL, { R "registry.actions-on-one-bucket.get-role-policy.json" }, 0, 18, 0, 0,
	  { { 0, "s3:GetObject", NG, 0, 0, 1, 0, 0 } } },
	{ D "payload.oc-get-list.json", "openshift-image-registry", { R "registry.ccoctl.get-role-policy.json" }, 18, 0, 0, 0, { { 0 } } },
	/* machine API */
	{ M "0000_30_machine-api-operator_00_credentials-request.yaml", NULL, { R "machine-api.ccoctl.get-role-policy.json" },
	  32, 0, 0, 0, { { 1, "kms:ReEncrypt*", A, 0, 1, 0, 0, 0 }, { 2, "kms:CreateGrant", A, 0, 2, 0, 0, 0 } } },
	{ M "0000_30_machine-api-operator_00_credentials-request.yaml", NULL, { R "machine-api@ea46700.ccoctl.get-role-policy.json" },
	  29, 3, 0, 0, { { 0, "ec2:AllocateHosts", NG, -1, -1, 0, 0, 0 }, { 0, "ec2:ReleaseHosts", NG, -1, -1, 0, 0, 0 }, { 1, "kms:ReEncrypt*", NG, -1, -1, 0, 0, 0 } } },
	{ O "0000_30_machine-api-operator_00_credentials-request@ea46700.yaml", NULL, { R "machine-api@ea46700.ccoctl.get-role-policy.json" },
	  29, 0, 0, 0, { { 0 } } },
	{ M "0000_30_machine-api-operator_00_credentials-request.yaml", NULL, { R "machine-api.entry1-and-kms-star.get-role-policy.json" },
	  32, 0, 0, 0, { { 2, "kms:RevokeGrant", A, 0, 1, 0, 0, 0 } } },
	{ M "0000_30_machine-api-operator_00_credentials-request.yaml", NULL, { R "machine-api.entry1-and-kms-list.get-role-policy.json" },
	  32, 0, 0, 0, { { 1, "kms:GenerateDataKeyWithoutPlainText", A, 0, 1, 0, 0, 0 } } },
	{ M "0000_30_machine-api-operator_00_credentials-request.yaml", NULL, { R "machine-api.entry1-and-kms-reencrypt-from-to.get-role-policy.json" },
	  31, 1, 0, 0, { { 1, "kms:ReEncrypt*", NG, 0, 1, 1, 0, 0 } } },
	{ M "0000_30_machine-api-operator_00_credentials-request.yaml", NULL, { R "machine-api.entries-viaservice-condition.get-role-policy.json" },
	  29, 0, 0, 3, { { 2, "kms:CreateGrant", CD, 0, 2, 0, 0, 1 } } },
	{ M "0000_30_machine-api-operator_00_credentials-request.yaml", NULL, { R "machine-api.entry1-kms-star-and-conditional-deny.get-role-policy.json" },
	  31, 0, 0, 1, { { 0, "ec2:TerminateInstances", CD, 0, 2, 0, 1, 1 }, { 0, "ec2:RunInstances", A, 0, 0, 0, 0, 0 } } },
	{ M "0000_30_machine-api-operator_00_credentials-request.yaml", NULL, { R "machine-api.entry1-passrole-on-one-role-and-kms-star.get-role-policy.json" },
	  31, 1, 0, 0, { { 0, "iam:PassRole", NG, 0, 1, 1, 0, 0 } } },
	{ M "0000_30_machine-api-operator_00_credentials-request.yaml", NULL, { R "machine-api.entry1-elb-describe-star-and-kms-star.get-role-policy.json" },
	  29, 3, 0, 0, { { 0, "elasticloadbalancing:DescribeTargetHealth", A, 0, 0, 0, 0, 0 }, { 0, "elasticloadbalancing:RegisterTargets", NG, -1, -1, 0, 0, 0 } } },
	/* two policies: an allow in one does not undo a conditional Deny in the other */
	{ M "0000_30_machine-api-operator_00_credentials-request.yaml", NULL,
	  { R "machine-api.entries-viaservice-condition.get-role-policy.json", R "machine-api.entry1-kms-star-and-conditional-deny.get-role-policy.json" },
	  31, 0, 0, 1, { { 0, "ec2:TerminateInstances", CD, 1, 2, 0, 1, 1 }, { 2, "kms:CreateGrant", A, 1, 1, 0, 0, 0 } } },
	/* cloud network config controller */
	{ M "02-cncc-credentials.yaml", NULL, { R "cncc.ccoctl.get-role-policy.json" }, 9, 0, 0, 0, { { 0 } } },
	{ M "02-cncc-credentials.yaml", NULL, { R "cncc.ccoctl.document.json" }, 9, 0, 0, 0, { { 0 } } },
	{ M "02-cncc-credentials.yaml", NULL, { R "cncc.poweruser-first-statement.get-role-policy.json" }, 9, 0, 0, 0,
	  { { 0, "ec2:AssignIpv6Addresses", A, 0, 0, 0, 0, 0 } } },
	{ M "02-cncc-credentials.yaml", NULL, { R "cncc.actions-without-ipv6.get-role-policy.json" }, 7, 2, 0, 0,
	  { { 0, "ec2:UnassignIpv6Addresses", NG, -1, -1, 0, 0, 0 } } },
	{ M "02-cncc-credentials.yaml", NULL, { R "PowerUserAccess.v12.get-policy-version.json" }, 9, 0, 0, 0, { { 0 } } },
	{ M "02-cncc-credentials.yaml", NULL, { R "AdministratorAccess.v1.get-policy-version.json" }, 9, 0, 0, 0, { { 0 } } },
	/* EBS CSI driver */
	{ M "03_credentials_request_aws.yaml", NULL, { R "ebs@cb5069a.ccoctl.get-role-policy.json" }, 25, 4, 0, 0,
	  { { 0, "ec2:CopyVolumes", NG, -1, -1, 0, 0, 0 }, { 0, "ec2:LockSnapshot", NG, -1, -1, 0, 0, 0 } } },
	{ O "03_credentials_request_aws@cb5069a.yaml", NULL, { R "ebs@cb5069a.ccoctl.get-role-policy.json" }, 25, 0, 0, 0, { { 0 } } },
	{ D "ebs.oc-get.json", NULL, { R "ebs@cb5069a.ccoctl.get-role-policy.json" }, 25, 4, 0, 0, { { 0 } } },
	{ M "03_credentials_request_aws.yaml", NULL, { R "AdministratorAccess.v1.get-policy-version.json" }, 29, 0, 0, 0, { { 0 } } },
	{ M "03_credentials_request_aws.yaml", NULL, { R "aws-ebs-csi-driver.example-iam-policy.get-policy-version.json" }, 8, 21, 0, 0,
	  { { 0, "ec2:DescribeVolumes", A, 0, 0, 0, 0, 0 }, { 0, "ec2:AttachVolume", NG, 0, 3, 1, 0, 0 }, { 1, "kms:Decrypt", NG, -1, -1, 0, 0, 0 } } },
	/* CCO's IAM read-only request */
	{ M "05-iam-ro-credentialsrequest.yaml", NULL, { R "IAMReadOnlyAccess.v4.get-policy-version.json" }, 3, 0, 0, 0, { { 0 } } },
	{ M "05-iam-ro-credentialsrequest.yaml", NULL, { R "iam-ro.actions-on-own-user.get-role-policy.json" }, 0, 3, 0, 0,
	  { { 0, "iam:GetUser", NG, 0, 0, 1, 0, 0 } } },
	{ M "05-iam-ro-credentialsrequest.yaml", NULL, { R "PowerUserAccess.v12.get-policy-version.json" }, 0, 3, 0, 0,
	  { { 0, "iam:GetUser", NG, -1, -1, 0, 0, 0 } } },
	/* load-balancer operator and controller */
	{ M "albo-operator-credentials-request.yaml", NULL, { R "albo-operator.ccoctl.get-role-policy.json" }, 4, 0, 0, 0, { { 0 } } },
	{ M "albo-operator-credentials-request.yaml", NULL, { R "albo-operator.ccoctl.dry-run.json" }, 4, 0, 0, 0,
	  { { 1, "ec2:DeleteTags", A, 0, 1, 0, 0, 0 } } },
	{ M "albo-controller-credentials-request.yaml", NULL, { R "albo-controller.ccoctl.get-role-policy.json" }, 89, 0, 0, 0,
	  { { 5, "ec2:CreateTags", A, 0, 5, 0, 0, 0 }, { 6, "ec2:CreateTags", A, 0, 6, 0, 0, 0 }, { 17, "elasticloadbalancing:AddTags", A, 0, 17, 0, 0, 0 } } },
	{ D "albo-controller.oc-get.json", NULL, { R "albo-controller.ccoctl.get-role-policy.json" }, 89, 0, 0, 0, { { 0 } } },
	{ M "albo-controller-credentials-request.yaml", NULL, { R "albo-controller.elb-tags-on-any-elb-arn.get-role-policy.json" }, 89, 0, 0, 0, { { 0 } } },
	{ M "albo-controller-credentials-request.yaml", NULL, { R "albo-controller.elb-tags-on-target-groups.get-role-policy.json" }, 75, 14, 0, 0,
	  { { 10, "elasticloadbalancing:AddTags", A, 0, 1, 0, 0, 0 }, { 11, "elasticloadbalancing:AddTags", NG, -1, -1, 0, 0, 0 },
	    { 17, "elasticloadbalancing:AddTags", A, 0, 1, 0, 0, 0 } } },
	{ M "albo-controller-credentials-request.yaml", NULL, { R "albo-controller.ec2-tags-on-us-east-1-security-groups.get-role-policy.json" },
	  86, 3, 0, 0, { { 5, "ec2:CreateTags", NG, 0, 1, 1, 0, 0 }, { 6, "ec2:DeleteTags", NG, 0, 1, 1, 0, 0 } } },
};

static void test_perms_every_request_against_its_policies(void **state)
{
	size_t i, k, j;
	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const sv_policy *pp[3];
		size_t np = 0;
		sv_arena keep, scratch;
		sv_err e;
		sv_arena_init(&keep, kbuf, sizeof kbuf);
		sv_arena_init(&scratch, sbuf, sizeof sbuf);
		load_request(cases[i].request, cases[i].name, &keep);
		for (k = 0; k < 3 && cases[i].policies[k]; k++, np++) {
			load_policy((int)k, cases[i].policies[k], &keep);
			pp[k] = &pol[k];
		}
		if (sv_perms_check(&pm, &cr, pp, np, &keep, &scratch, &e) != SV_OK)
			fail_msg("case %zu: %s", i, e.msg);
		assert_int_equal(scratch.used, 0);
		if (pm.count[A] != cases[i].allowed || pm.count[NG] != cases[i].not_granted || pm.count[DN] != cases[i].denied ||
		    pm.count[CD] != cases[i].conditional)
			fail_msg("case %zu (%s vs %s): allowed %zu, not granted %zu, denied %zu, conditional %zu", i,
			         cases[i].request, cases[i].policies[0], pm.count[A], pm.count[NG], pm.count[DN], pm.count[CD]);
		assert_int_equal(sv_perms_ok(&pm), cases[i].allowed == pm.n);
		for (j = 0; j < 3 && cases[i].rows[j].action; j++) {
			const row_want *w = &cases[i].rows[j];
			const sv_perm_row *got = NULL;
			for (k = 0; k < pm.n && !got; k++)
				if (pm.rows[k].entry == w->entry && sv_eq(pm.rows[k].action, sv_from_cstr(w->action)))
					got = &pm.rows[k];
			if (!got)
				fail_msg("case %zu: no row for entry %zu %s", i, w->entry, w->action);
			if (got->verdict != w->verdict || got->policy != w->policy || got->stmt != w->stmt || got->part != w->part ||
			    got->by_deny != w->by_deny || got->nnotes != w->nnotes)
				fail_msg("case %zu, %s: verdict %d policy %d stmt %d part %d by_deny %d notes %zu", i, w->action,
				         got->verdict, got->policy, got->stmt, got->part, got->by_deny, got->nnotes);
		}
	}
}

/* A condition the request does not decide is named: the row keeps it. */
static void test_perms_conditional_notes(void **state)
{
	const sv_policy *pp[1];
	sv_arena keep, scratch;
	sv_err e;
	const sv_perm_row *row;
	(void)state;
	sv_arena_init(&keep, kbuf, sizeof kbuf);
	sv_arena_init(&scratch, sbuf, sizeof sbuf);
	load_request(M "00-ingress-credentials-request.yaml", NULL, &keep);
	load_policy(0, R "ingress.ccoctl-region-condition.get-role-policy.json", &keep);
	pp[0] = &pol[0];
	assert_int_equal(sv_perms_check(&pm, &cr, pp, 1, &keep, &scratch, &e), SV_OK);
	row = &pm.rows[0];
	assert_int_equal(row->nnotes, 1);
	assert_int_equal(row->notes[0].why, SV_WHY_KEY_UNKNOWN);
	assert_true(sv_json_str_eq(pol[0].doc, row->notes[0].op_tok, SV_LIT("StringEquals")));
	assert_true(sv_json_str_eq(pol[0].doc, row->notes[0].key_tok, SV_LIT("aws:RequestedRegion")));
	assert_false(sv_perms_ok(&pm));
}

/* An explicit Deny, whole and in part, and a Deny entry of the request. */
static void test_perms_explicit_deny(void **state)
{
	static const char req[] =
	    "{\"kind\":\"CredentialsRequest\",\"metadata\":{\"name\":\"t\"},\"spec\":{\"providerSpec\":{\"kind\":\"AWSProviderSpec\","
	    "\"statementEntries\":[{\"effect\":\"Allow\",\"action\":[\"route53:ChangeResourceRecordSets\",\"route53:*\","
	    "\"route53:ListHostedZones\"],\"resource\":\"*\"},{\"effect\":\"Deny\",\"action\":[\"iam:*\"],\"resource\":\"*\"}]}}}";
	static const char p[] =
	    "{\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"route53:*\",\"Resource\":\"*\"},"
	    "{\"Sid\":\"NoRecords\",\"Effect\":\"Deny\",\"Action\":\"route53:changeresourcerecordsets\",\"Resource\":\"*\"}]}";
	const sv_policy *pp[1];
	sv_arena keep, scratch;
	sv_json pj;
	size_t n;
	sv_err e;
	(void)state;
	sv_arena_init(&keep, kbuf, sizeof kbuf);
	sv_arena_init(&scratch, sbuf, sizeof sbuf);
	assert_int_equal(sv_json_parse(&cdoc, req, sizeof req - 1, ctok, 1024, &e), SV_OK);
	assert_int_equal(sv_credreq_list(&cdoc, &keep, items, SV_MAX_CR_ITEMS, &n, &e), SV_OK);
	assert_int_equal(sv_credreq_parse(&cr, &cdoc, items[0].obj, &keep, &e), SV_OK);
	assert_int_equal(sv_json_parse(&pj, p, sizeof p - 1, ptok[0], 4096, &e), SV_OK);
	assert_int_equal(sv_policy_parse(&pol[0], &pj, 0, &e), SV_OK);
	pp[0] = &pol[0];
	assert_int_equal(sv_perms_check(&pm, &cr, pp, 1, &keep, &scratch, &e), SV_OK);
	assert_int_equal(pm.n, 4);
	assert_int_equal(pm.rows[0].verdict, SV_PERM_DENIED);     /* case-insensitive action */
	assert_int_equal(pm.rows[0].stmt, 1);
	assert_int_equal(pm.rows[0].part, 0);
	assert_int_equal(pm.rows[1].verdict, SV_PERM_DENIED);     /* route53:* is denied in part */
	assert_int_equal(pm.rows[1].part, 1);
	assert_int_equal(pm.rows[2].verdict, SV_PERM_ALLOWED);
	assert_int_equal(pm.rows[3].verdict, SV_PERM_NOT_CHECKED); /* a Deny entry asks for nothing */
	assert_int_equal(pm.count[SV_PERM_DENIED], 2);
	assert_int_equal(pm.count[SV_PERM_NOT_CHECKED], 1);
	assert_false(sv_perms_ok(&pm));
	assert_string_equal(sv_perm_verdict_name(SV_PERM_CONDITIONAL), "depends on condition");
}

/* The trust policy: the request's service accounts, sub built from secretRef.namespace. */
#define PROVURL "oidc.example.com/cluster"
#define PROVARN "arn:aws:iam::123456789012:oidc-provider/" PROVURL
#define TRUST(cond) "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" PROVARN \
	"\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\",\"Condition\":" cond "}]}"
#define SUBS(...) "{\"StringEquals\":{\"" PROVURL ":sub\":[" __VA_ARGS__ "]}}"
#define SA(ns, sa) "\"system:serviceaccount:" ns ":" sa "\""

static const struct {
	const char *name, *trust;
	sv_trust_verdict want[2];
	size_t nnotes[2];
} tcases[] = {
	{ "ccoctl-both", TRUST(SUBS(SA("openshift-image-registry", "cluster-image-registry-operator") "," SA("openshift-image-registry", "registry"))),
	  { SV_TRUST_ADMITTED, SV_TRUST_ADMITTED }, { 0, 0 } },
	{ "ccoctl-one", TRUST(SUBS(SA("openshift-image-registry", "cluster-image-registry-operator"))),
	  { SV_TRUST_ADMITTED, SV_TRUST_NOT_ADMITTED }, { 0, 1 } },
	{ "wrong-namespace", TRUST(SUBS(SA("image-registry", "cluster-image-registry-operator") "," SA("image-registry", "registry"))),
	  { SV_TRUST_NOT_ADMITTED, SV_TRUST_NOT_ADMITTED }, { 1, 1 } },
	{ "like", TRUST("{\"StringLike\":{\"" PROVURL ":sub\":\"system:serviceaccount:openshift-image-registry:*\"}}"),
	  { SV_TRUST_ADMITTED, SV_TRUST_ADMITTED }, { 0, 0 } },
	{ "with-aud", TRUST("{\"StringEquals\":{\"" PROVURL ":sub\":" SA("openshift-image-registry", "registry") ",\"" PROVURL ":aud\":\"openshift\"}}"),
	  { SV_TRUST_NOT_ADMITTED, SV_TRUST_ADMITTED_IF }, { 1, 1 } },
	{ "deny", "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" PROVARN "\"},\"Action\":\"sts:*\"},"
	  "{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:*\",\"Condition\":{\"StringLike\":{\"" PROVURL ":sub\":\"*:registry\"}}}]}",
	  { SV_TRUST_ADMITTED, SV_TRUST_DENIED }, { 0, 0 } },
	{ "no-provider", "{\"Statement\":{\"Effect\":\"Allow\",\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}}",
	  { SV_TRUST_NOT_ADMITTED, SV_TRUST_NOT_ADMITTED }, { 0, 0 } },
};

static void test_perms_trust(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof tcases / sizeof tcases[0]; i++) {
		sv_arena keep, scratch;
		sv_json tj;
		sv_policy tp;
		sv_err e;
		size_t k;
		sv_arena_init(&keep, kbuf, sizeof kbuf);
		sv_arena_init(&scratch, sbuf, sizeof sbuf);
		load_request(M "01-registry-credentials-request.yaml", NULL, &keep);
		if (sv_json_parse(&tj, tcases[i].trust, strlen(tcases[i].trust), ptok[0], 4096, &e) != SV_OK ||
		    sv_policy_parse(&tp, &tj, 0, &e) != SV_OK)
			fail_msg("case %s: %s", tcases[i].name, e.msg);
		assert_int_equal(sv_perms_trust(&tr, &cr, &tp, &keep, &scratch, &e), SV_OK);
		assert_int_equal(tr.n, 2);
		assert_true(sv_eq(tr.rows[1].sub, SV_LIT("system:serviceaccount:openshift-image-registry:registry")));
		for (k = 0; k < 2; k++)
			if (tr.rows[k].verdict != tcases[i].want[k] || tr.rows[k].nnotes != tcases[i].nnotes[k])
				fail_msg("case %s, %.*s: %s with %zu notes", tcases[i].name, (int)tr.rows[k].sa.n, tr.rows[k].sa.p,
				         sv_trust_verdict_name(tr.rows[k].verdict), tr.rows[k].nnotes);
		assert_int_equal(sv_trust_ok(&tr),
		                 (tcases[i].want[0] <= SV_TRUST_ADMITTED_IF && tcases[i].want[1] <= SV_TRUST_ADMITTED_IF));
		if (strcmp(tcases[i].name, "with-aud") == 0) {
			/* admitted if the token's aud is "openshift": that note is the aud condition */
			assert_int_equal(tr.rows[1].notes[0].why, SV_WHY_KEY_UNKNOWN);
			assert_true(sv_json_str_eq(&tj, tr.rows[1].notes[0].key_tok, SV_LIT(PROVURL ":aud")));
			assert_int_equal(tr.rows[0].notes[0].why, SV_WHY_NO_MATCH);
		}
	}
	/* no secretRef namespace: no sub to build */
	{
		sv_arena keep, scratch;
		sv_err e;
		sv_arena_init(&keep, kbuf, sizeof kbuf);
		sv_arena_init(&scratch, sbuf, sizeof sbuf);
		load_request(M "01-registry-credentials-request.yaml", NULL, &keep);
		cr.secret_ns = SV_NULL;
		assert_int_equal(sv_perms_trust(&tr, &cr, &pol[0], &keep, &scratch, &e), SV_E_PARAM);
		assert_string_equal(e.msg, "the request has no spec.secretRef.namespace, so no service account sub can be built");
	}
}

static void test_perms_ccoctl_role_names(void **state)
{
	static const struct {
		const char *role, *ns, *name, *infra;
	} t[] = {
		{ "ocp-prod-7xk2q-openshift-ingress-operator-cloud-credentials", "openshift-ingress-operator", "cloud-credentials", "ocp-prod-7xk2q" },
		{ "ocp-prod-7xk2q-aws-load-balancer-operator-aws-load-balancer-cont", "aws-load-balancer-operator",
		  "aws-load-balancer-controller-cluster", "ocp-prod-7xk2q" },
		{ "ocp-prod-7xk2q-openshift-cloud-network-config-controller-cloud-c", "openshift-cloud-network-config-controller",
		  "cloud-credentials", "ocp-prod-7xk2q" },
		{ "my-ingress-role", "openshift-ingress-operator", "cloud-credentials", NULL },
		/* cut short without being 64 characters long: not ccoctl's */
		{ "ocp-openshift-ingress-operator-cloud-cred", "openshift-ingress-operator", "cloud-credentials", NULL },
		{ "ocp-openshift-ingress-operator-cloud-credentials-x", "openshift-ingress-operator", "cloud-credentials", NULL },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		sv_sv infra = SV_NULL;
		int got = sv_perms_ccoctl_role_name(sv_from_cstr(t[i].role), sv_from_cstr(t[i].ns), sv_from_cstr(t[i].name), &infra);
		if (got != (t[i].infra != NULL) || (got && !sv_eq(infra, sv_from_cstr(t[i].infra))))
			fail_msg("%s: %d %.*s", t[i].role, got, (int)infra.n, infra.p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_perms_every_request_against_its_policies),
		cmocka_unit_test(test_perms_conditional_notes),
		cmocka_unit_test(test_perms_explicit_deny),
		cmocka_unit_test(test_perms_trust),
		cmocka_unit_test(test_perms_ccoctl_role_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
