#define _POSIX_C_SOURCE 200809L
/*
 * test_permissions.c -- `stsverify permissions`, driven in-process.
 *
 * 1. fixtures/cases/permissions.txt: every case runs with --json and must
 *    give the exact exit status, summary, trust verdicts and named rows.
 * 2. The real requests of the vectors against their policies: exit status.
 * 3. Golden text and JSON; input errors, each one exact line.
 */
#include "schema.h"
#include "cli/cli.h"

#include <unistd.h>

static char outbuf[1 << 20], errbuf[1 << 16];
static size_t outlen, errlen;

static int sink(void *ctx, const unsigned char *b, size_t n)
{
	int which = (int)(intptr_t)ctx;
	char *dst = which == 1 ? outbuf : errbuf;
	size_t *len = which == 1 ? &outlen : &errlen;
	size_t cap = (which == 1 ? sizeof outbuf : sizeof errbuf) - 1;
	if (*len + n > cap)
		n = cap - *len;
	memcpy(dst + *len, b, n);
	*len += n;
	dst[*len] = '\0';
	return n ? (int)n : -1;
}

static int cli(int argc, const char *const *argv)
{
	outlen = errlen = 0;
	outbuf[0] = errbuf[0] = '\0';
	return sv_cli_main(argc, argv, sink, (void *)(intptr_t)1, sink, (void *)(intptr_t)2);
}

/* ---- the manifest ---------------------------------------------------------- */

typedef struct pcase {
	char name[96], request[256], name_flag[96], role[256], summary[96], trust[256], error[512];
	char policy[4][256];
	int npolicy;
	char row[8][160];
	int nrow;
	int rc, line;
} pcase;

static void trim(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\r'))
		s[--n] = '\0';
}

/* The trust verdicts of the JSON output, space-separated, in order. */
static void trust_verdicts(char *out, size_t cap)
{
	const char *p = strstr(outbuf, "\"trust\": [");
	size_t w = 0;
	out[0] = '\0';
	if (!p)
		return;
	while ((p = strstr(p, "\"service_account\": ")) != NULL) {
		const char *v = strstr(p, "\"verdict\": \"");
		size_t l;
		if (!v)
			break;
		v += 12;
		l = strcspn(v, "\"");
		if (w + l + 2 > cap)
			break;
		if (w)
			out[w++] = ' ';
		memcpy(out + w, v, l);
		w += l;
		out[w] = '\0';
		p = v;
	}
}

static int run_pcase(const pcase *c)
{
	const char *argv[32];
	char paths[8][300];
	int argc = 0, i, rc, bad = 0;
	sv_json d;
	static jsmntok_t tok[1 << 15];
	sv_err e;

	argv[argc++] = "stsverify";
	argv[argc++] = "permissions";
	argv[argc++] = "--json";
	snprintf(paths[0], sizeof paths[0], "fixtures/%s", c->request);
	argv[argc++] = "--credentials-request";
	argv[argc++] = paths[0];
	for (i = 0; i < c->npolicy; i++) {
		snprintf(paths[1 + i], sizeof paths[0], "fixtures/%s", c->policy[i]);
		argv[argc++] = "--policy";
		argv[argc++] = paths[1 + i];
	}
	if (c->role[0]) {
		snprintf(paths[6], sizeof paths[6], "fixtures/%s", c->role);
		argv[argc++] = "--role";
		argv[argc++] = paths[6];
	}
	if (c->name_flag[0]) {
		argv[argc++] = "--name";
		argv[argc++] = c->name_flag;
	}
	rc = cli(argc, argv);
	if (rc != c->rc) {
		print_error("case %s (line %d): exit %d, expected %d\n%s%s", c->name, c->line, rc, c->rc, outbuf, errbuf);
		return 1;
	}
	if (rc == 2) {
		/* the manifest's error line, then one hint line (test_permissions_input_errors has their text) */
		char want[600];
		const char *hint;
		snprintf(want, sizeof want, "%s\n", c->error);
		hint = errbuf + strlen(want);
		if (strncmp(errbuf, want, strlen(want)) != 0 || strncmp(hint, "hint: ", 6) != 0 ||
		    strchr(hint, '\n') != errbuf + strlen(errbuf) - 1) {
			print_error("case %s: stderr\n  %s  want\n  %s  and one hint line\n", c->name, errbuf, want);
			bad = 1;
		}
		if (outlen != 0) {
			print_error("case %s: output on an input error: %s\n", c->name, outbuf);
			bad = 1;
		}
		return bad;
	}
	if (errlen != 0) {
		print_error("case %s: stderr %s\n", c->name, errbuf);
		bad = 1;
	}
	/* the output is one JSON document, of docs/json-schema.json */
	if (sv_json_parse(&d, outbuf, outlen, tok, sizeof tok / sizeof tok[0], &e) != SV_OK) {
		print_error("case %s: not JSON: %s\n", c->name, e.msg);
		bad = 1;
	}
	{
		char why[512];
		if (ts_schema_check_def("permissions", outbuf, outlen, why, sizeof why) != 0) {
			print_error("case %s: not a permissions document of the schema: %s\n", c->name, why);
			bad = 1;
		}
	}
	{
		unsigned a, al, ng, dn, cd, nc;
		char want[200];
		if (sscanf(c->summary, "%u %u %u %u %u %u", &a, &al, &ng, &dn, &cd, &nc) != 6)
			fail_msg("case %s: bad summary", c->name);
		snprintf(want, sizeof want,
		         "\"summary\": {\"actions\": %u, \"allowed\": %u, \"not_granted\": %u, \"denied\": %u, \"conditional\": %u, \"not_checked\": %u}",
		         a, al, ng, dn, cd, nc);
		if (!strstr(outbuf, want)) {
			const char *got = strstr(outbuf, "\"summary\"");
			print_error("case %s (line %d): want %s\n  got %.160s\n", c->name, c->line, want, got ? got : "(none)");
			bad = 1;
		}
	}
	{
		char got[256];
		trust_verdicts(got, sizeof got);
		if (strcmp(got, c->trust) != 0) {
			print_error("case %s: trust \"%s\", expected \"%s\"\n", c->name, got, c->trust);
			bad = 1;
		}
		if (!c->role[0] && !strstr(outbuf, "\"trust\": null")) {
			print_error("case %s: trust is not null without --role\n", c->name);
			bad = 1;
		}
	}
	for (i = 0; i < c->nrow; i++) {
		char entry[16], action[128], verdict[32], want[256];
		const char *p, *v;
		if (sscanf(c->row[i], "%15s %127s %31s", entry, action, verdict) != 3)
			fail_msg("case %s: bad row %s", c->name, c->row[i]);
		snprintf(want, sizeof want, "{\"entry\": %s, \"action\": \"%s\", ", entry, action);
		p = strstr(outbuf, want);
		v = p ? strstr(p, "\"verdict\": \"") : NULL;
		if (!v || strncmp(v + 12, verdict, strlen(verdict)) != 0 || v[12 + strlen(verdict)] != '"') {
			print_error("case %s: row %s: %.200s\n", c->name, c->row[i], p ? p : "(no such row)");
			bad = 1;
		}
	}
	return bad;
}

static void test_permissions_manifest(void **state)
{
	FILE *f = fopen("fixtures/cases/permissions.txt", "r");
	char line[1024];
	pcase c;
	int have = 0, failures = 0, count = 0, ln = 0, rcs[3] = { 0, 0, 0 };
	(void)state;
	assert_non_null(f);
	ts_schema_load();
	memset(&c, 0, sizeof c);
	for (;;) {
		char *got = fgets(line, sizeof line, f), *eq;
		ln++;
		if (!got || strncmp(line, "[case]", 6) == 0) {
			if (have) {
				failures += run_pcase(&c);
				count++;
				rcs[c.rc]++;
			}
			if (!got)
				break;
			memset(&c, 0, sizeof c);
			c.line = ln;
			have = 1;
			continue;
		}
		if (line[0] == ';' || line[0] == '\n' || !(eq = strstr(line, " = ")))
			continue;
		*eq = '\0';
		eq += 3;
		trim(eq);
#define FIELD(k, dst) else if (strcmp(line, k) == 0) snprintf(dst, sizeof dst, "%s", eq)
		if (0) {}
		FIELD("name", c.name);
		FIELD("request", c.request);
		FIELD("name-flag", c.name_flag);
		FIELD("role", c.role);
		FIELD("summary", c.summary);
		FIELD("trust", c.trust);
		FIELD("error", c.error);
		else if (strcmp(line, "policy") == 0 && c.npolicy < 4)
			snprintf(c.policy[c.npolicy++], sizeof c.policy[0], "%s", eq);
		else if (strcmp(line, "row") == 0 && c.nrow < 8)
			snprintf(c.row[c.nrow++], sizeof c.row[0], "%s", eq);
		else if (strcmp(line, "rc") == 0)
			c.rc = atoi(eq);
		else
			fail_msg("permissions.txt line %d: unknown field %s", ln, line);
#undef FIELD
	}
	fclose(f);
	print_message("permissions manifest: %d cases, %d failed\n", count, failures);
	assert_int_equal(failures, 0);
	assert_true(count >= 30);
	/* every exit status is exercised */
	assert_true(rcs[0] > 0 && rcs[1] > 0 && rcs[2] > 0);
}

/* ---- the real requests ---------------------------------------------------------- */

#define CR SV_SHARED_DIR "/vectors/credentials-requests/"
#define M CR "manifests/"
#define R CR "derived/role-policies/"

static void test_permissions_real_requests_exit_status(void **state)
{
	static const struct {
		const char *request, *policy;
		int rc;
	} t[] = {
		{ M "00-ingress-credentials-request.yaml", R "ingress.ccoctl.get-role-policy.json", 0 },
		{ M "00-ingress-credentials-request.yaml", R "ingress.ccoctl.get-role-policy.urlencoded.json", 0 },
		{ M "00-ingress-credentials-request.yaml", R "ingress.ccoctl-without-ChangeResourceRecordSets.get-role-policy.json", 1 },
		{ M "00-ingress-credentials-request.yaml", R "ingress.ccoctl-region-condition.get-role-policy.json", 1 },
		{ M "00-ingress-credentials-request.yaml", R "ingress.actions-and-deny-zone-lifecycle.get-role-policy.json", 0 },
		{ M "0000_30_machine-api-operator_00_credentials-request.yaml", R "machine-api.ccoctl.get-role-policy.json", 0 },
		{ M "0000_30_machine-api-operator_00_credentials-request.yaml", R "machine-api.entry1-kms-star-and-conditional-deny.get-role-policy.json", 1 },
		{ M "01-registry-credentials-request.yaml", R "registry.ccoctl.get-policy-version.json", 0 },
		{ M "01-registry-credentials-request.yaml", R "registry.ccoctl-without-lifecycle.get-policy-version.urlencoded.json", 1 },
		{ M "02-cncc-credentials.yaml", R "cncc.poweruser-first-statement.get-role-policy.json", 0 },
		{ M "03_credentials_request_aws.yaml", R "ebs@cb5069a.ccoctl.get-role-policy.json", 1 },
		{ M "05-iam-ro-credentialsrequest.yaml", R "IAMReadOnlyAccess.v4.get-policy-version.json", 0 },
		{ M "albo-controller-credentials-request.yaml", R "albo-controller.ccoctl.get-role-policy.json", 0 },
		{ M "albo-controller-credentials-request.yaml", R "albo-controller.elb-tags-on-target-groups.get-role-policy.json", 1 },
		{ M "albo-operator-credentials-request.yaml", R "albo-operator.ccoctl.dry-run.json", 0 },
		{ CR "derived/albo-controller.oc-get.json", R "albo-controller.ccoctl.get-role-policy.json", 0 },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		const char *argv[] = { "stsverify", "permissions", "--credentials-request", t[i].request, "--policy", t[i].policy };
		int rc = cli(6, argv);
		if (rc != t[i].rc)
			fail_msg("%s vs %s: exit %d, expected %d\n%s", t[i].request, t[i].policy, rc, t[i].rc, errbuf);
	}
}

/* ---- golden output ---------------------------------------------------------------- */

#define FX "fixtures/permissions/"

static void test_permissions_golden_text(void **state)
{
	static const char *argv[] = { "stsverify", "permissions", "--credentials-request", FX "requests/ingress.yaml",
		"--policy", FX "policies/ingress-missing-one.json", "--role", FX "roles/ingress.json" };
	static const char want[] =
	    "request    openshift-ingress in openshift-cloud-credential-operator: 1 statement entry, 6 actions (fixtures/permissions/requests/ingress.yaml)\n"
	    "secret     openshift-ingress-operator/cloud-credentials\n"
	    "policy 1   fixtures/permissions/policies/ingress-missing-one.json: inline policy stsverify-demo-openshift-ingress-operator-cloud-credentials of role stsverify-demo-openshift-ingress-operator-cloud-credentials, 1 statement\n"
	    "role       stsverify-demo-openshift-ingress-operator-cloud-credentials (arn:aws:iam::111122223333:role/stsverify-demo-openshift-ingress-operator-cloud-credentials)\n"
	    "           named as ccoctl names it for secret openshift-ingress-operator/cloud-credentials (infra stsverify-demo)\n"
	    "\n"
	    "ENTRY  ACTION                                      RESOURCE  VERDICT      DECIDED BY\n"
	    "1      elasticloadbalancing:DescribeLoadBalancers  *         allowed      policy 1 statement 1\n"
	    "1      route53:ListHostedZones                     *         allowed      policy 1 statement 1\n"
	    "1      route53:ListTagsForResources                *         allowed      policy 1 statement 1\n"
	    "1      route53:ChangeResourceRecordSets            *         not granted  no statement\n"
	    "1      tag:GetResources                            *         allowed      policy 1 statement 1\n"
	    "1      sts:AssumeRole                              *         allowed      policy 1 statement 1\n"
	    "\n"
	    "trust      system:serviceaccount:openshift-ingress-operator:ingress-operator: admitted by statement 1\n"
	    "\n"
	    "missing: to grant the 1 action not granted, add this statement to the role's permission policy:\n"
	    "{\n"
	    "  \"Version\": \"2012-10-17\",\n"
	    "  \"Statement\": [\n"
	    "    {\n"
	    "      \"Effect\": \"Allow\",\n"
	    "      \"Action\": [\n"
	    "        \"route53:ChangeResourceRecordSets\"\n"
	    "      ],\n"
	    "      \"Resource\": \"*\"\n"
	    "    }\n"
	    "  ]\n"
	    "}\n"
	    "\n"
	    "verdict: NOT GRANTED: of 6 actions, 1 not granted\n";
	(void)state;
	assert_int_equal(cli(8, argv), 1);
	assert_string_equal(outbuf, want);
	assert_int_equal(errlen, 0);
}

/* Partial grants, a pattern, a conditional Deny, a condition to keep: the lines under the rows. */
static void test_permissions_golden_details(void **state)
{
	static const char *mapi[] = { "stsverify", "permissions", "--credentials-request", FX "requests/machine-api.yaml",
		"--policy", FX "policies/machine-api-reencrypt-from-to.json" };
	static const char *lb[] = { "stsverify", "permissions", "--credentials-request", FX "requests/load-balancer.yaml",
		"--policy", FX "policies/lb-deny-app-balancers.json", "--policy", FX "policies/lb-tags-other-region.json" };
	static const char *ebs[] = { "stsverify", "permissions", "--credentials-request", FX "requests/ebs-csi.yaml",
		"--policy", FX "policies/ebs-kms-other-condition.json", "--role", FX "roles/registry-aud.json" };
	static const char *cond[] = { "stsverify", "permissions", "--credentials-request",
		M "0000_30_machine-api-operator_00_credentials-request.yaml", "--policy",
		R "machine-api.entry1-kms-star-and-conditional-deny.get-role-policy.json" };
	(void)state;
	assert_int_equal(cli(6, mapi), 1);
	assert_non_null(strstr(outbuf,
	    "2      kms:ReEncrypt*                              *         not granted  policy 1 statement 2\n"
	    "      policy 1 statement 2 allows only kms:ReEncryptFrom, kms:ReEncryptTo of it\n"
	    "      (kms:ReEncrypt* is a pattern; stsverify has no list of AWS actions to tell whether the ones listed are all it stands for)\n"));
	assert_int_equal(cli(8, lb), 1);
	assert_non_null(strstr(outbuf,
	    "      policy 1 statement 2 (KeepAppBalancers) denies it only on arn:aws:elasticloadbalancing:*:*:loadbalancer/app/*/*\n"));
	assert_non_null(strstr(outbuf,
	    "\ndenied: an explicit Deny wins over any Allow; adding an Allow does not help. Narrow or remove:\n"
	    "  policy 1 statement 2 (KeepAppBalancers)\n"));
	/* the other policy grants AddTags everywhere: the first grant found decides */
	assert_non_null(strstr(outbuf, "verdict: NOT GRANTED: of 8 actions, 1 denied\n"));
	assert_int_equal(cli(8, ebs), 1);
	assert_non_null(strstr(outbuf,
	    "      policy 1 statement 2 allows it only if StringLike kms:ViaService \"ec2.*.amazonaws.com\", which the request's policyCondition does not decide\n"));
	assert_non_null(strstr(outbuf,
	    "           note: not named as ccoctl names it for secret openshift-cluster-csi-drivers/ebs-cloud-credentials (<infra>-openshift-cluster-csi-drivers-ebs-cloud-credentials)\n"));
	assert_non_null(strstr(outbuf,
	    "trust      system:serviceaccount:openshift-cluster-csi-drivers:aws-ebs-csi-driver-operator: not admitted\n"
	    "      statement 1 needs StringEquals stsverify-demo-oidc.s3.us-east-1.amazonaws.com:sub "
	    "[\"system:serviceaccount:openshift-image-registry:cluster-image-registry-operator\", "
	    "\"system:serviceaccount:openshift-image-registry:registry\"] (no listed value matches)\n"));
	assert_non_null(strstr(outbuf, "; the trust policy does not admit 2 of 2 service accounts\n"));
	assert_int_equal(cli(6, cond), 1);
	assert_non_null(strstr(outbuf,
	    "      policy 1 statement 3 (OnlyOwnedInstances) denies it if StringNotEquals "
	    "aws:ResourceTag/kubernetes.io/cluster/ocp-prod-7xk2q \"owned\", which the request does not decide\n"));
	assert_non_null(strstr(outbuf, "verdict: NOT GRANTED: of 32 actions, 1 depends on a condition\n"));
}

static void test_permissions_trust_admitted_if(void **state)
{
	static const char *argv[] = { "stsverify", "permissions", "--credentials-request", FX "requests/image-registry.yaml",
		"--policy", FX "policies/registry-all.json", "--role", FX "roles/registry-aud.json" };
	(void)state;
	assert_int_equal(cli(8, argv), 0);
	assert_non_null(strstr(outbuf,
	    "trust      system:serviceaccount:openshift-image-registry:registry: admitted if by statement 1\n"
	    "      statement 1 admits it if StringEquals stsverify-demo-oidc.s3.us-east-1.amazonaws.com:aud \"openshift\"; "
	    "the token decides that (stsverify check)\n"));
	assert_non_null(strstr(outbuf,
	    "verdict: GRANTED: the policies allow all 12 actions openshift-image-registry asks for, and the trust policy admits its service accounts\n"));
}

static void test_permissions_golden_json(void **state)
{
	static const char *argv[] = { "stsverify", "permissions", "--json", "--credentials-request", FX "requests/ebs-csi.yaml",
		"--policy", FX "policies/ebs-kms-other-condition.json" };
	static const char want[] =
	    "{\n"
	    "  \"schema\": 1,\n"
	    "  \"command\": \"permissions\",\n"
	    "  \"granted\": false,\n"
	    "  \"credentials_request\": {\"file\": \"fixtures/permissions/requests/ebs-csi.yaml\", \"name\": \"aws-ebs-csi-driver-operator\", "
	    "\"namespace\": \"openshift-cloud-credential-operator\", \"secret\": {\"namespace\": \"openshift-cluster-csi-drivers\", "
	    "\"name\": \"ebs-cloud-credentials\"}, \"service_accounts\": [\"aws-ebs-csi-driver-operator\", \"aws-ebs-csi-driver-controller-sa\"]},\n"
	    "  \"role\": null,\n"
	    "  \"policies\": [\n"
	    "    {\"file\": \"fixtures/permissions/policies/ebs-kms-other-condition.json\", \"shape\": \"get-role-policy\", "
	    "\"role_name\": \"stsverify-demo-openshift-cluster-csi-drivers-ebs-cloud-credentia\", "
	    "\"policy_name\": \"stsverify-demo-openshift-cluster-csi-drivers-ebs-cloud-credentia\", \"version_id\": null, "
	    "\"default_version\": null, \"url_encoded\": false, \"statements\": 2}\n"
	    "  ],\n"
	    "  \"summary\": {\"actions\": 12, \"allowed\": 9, \"not_granted\": 0, \"denied\": 0, \"conditional\": 3, \"not_checked\": 0},\n"
	    "  \"permissions\": [\n";
	static const char row[] =
	    "    {\"entry\": 1, \"action\": \"kms:CreateGrant\", \"resource\": \"*\", \"verdict\": \"conditional\", \"policy\": 0, "
	    "\"statement\": 1, \"sid\": null, \"partial\": false, \"deny_condition\": false, \"conditions\": "
	    "[{\"operator\": \"StringLike\", \"key\": \"kms:ViaService\", \"values\": [\"ec2.*.amazonaws.com\"]}]},\n";
	static const char tail[] = "\n  ],\n  \"trust\": null,\n  \"missing\": null\n}\n";
	(void)state;
	assert_int_equal(cli(7, argv), 1);
	if (strncmp(outbuf, want, sizeof want - 1) != 0)
		fail_msg("got\n%s", outbuf);
	assert_non_null(strstr(outbuf, row));
	assert_string_equal(outbuf + outlen - (sizeof tail - 1), tail);
}

/* The statement to add keeps the entry's condition; in JSON too. */
static void test_permissions_missing_keeps_condition(void **state)
{
	static const char *argv[] = { "stsverify", "permissions", "--json", "--credentials-request", FX "requests/load-balancer.yaml",
		"--policy", FX "policies/lb-tags-other-region.json" };
	static const char want[] =
	    "  \"missing\": {\n"
	    "    \"Version\": \"2012-10-17\",\n"
	    "    \"Statement\": [\n"
	    "      {\n"
	    "        \"Effect\": \"Allow\",\n"
	    "        \"Action\": [\n"
	    "          \"elasticloadbalancing:AddTags\"\n"
	    "        ],\n"
	    "        \"Resource\": \"arn:aws:elasticloadbalancing:*:*:targetgroup/*/*\",\n"
	    "        \"Condition\": {\n"
	    "          \"Null\": {\n"
	    "            \"aws:RequestTag/elbv2.k8s.aws/cluster\": \"false\"\n"
	    "          },\n"
	    "          \"StringEquals\": {\n"
	    "            \"elasticloadbalancing:CreateAction\": [\n"
	    "              \"CreateTargetGroup\",\n"
	    "              \"CreateLoadBalancer\"\n"
	    "            ]\n"
	    "          }\n"
	    "        }\n"
	    "      }\n"
	    "    ]\n"
	    "  }\n"
	    "}\n";
	(void)state;
	assert_int_equal(cli(7, argv), 1);
	if (!strstr(outbuf, want))
		fail_msg("got\n%s", outbuf);
}

/* ---- input errors --------------------------------------------------------------------- */

static char tmpyaml[64];

#define PERM_HINT "hint: run `stsverify help permissions` for its options and what each one takes\n"
#define CR_GET "`oc adm release extract --credentials-requests --cloud=aws --to=DIR RELEASE_IMAGE` or `oc get " \
	"credentialsrequest NAME -n openshift-cloud-credential-operator -o json`"
#define POLICY_IS "a permission policy as JSON (the role's inline or managed policy, or a bare policy document)"
#define POLICY_GET "`aws iam get-role-policy --role-name ROLE --policy-name NAME --output json` or `aws iam " \
	"get-policy-version --policy-arn ARN --version-id V --output json`"

static void test_permissions_input_errors(void **state)
{
	static const struct {
		int argc;
		const char *argv[10];
		const char *err;
	} t[] = {
		{ 2, { "stsverify", "permissions" }, "stsverify: permissions: --credentials-request FILE is required\n" PERM_HINT },
		{ 4, { "stsverify", "permissions", "--credentials-request", FX "requests/ingress.yaml" },
		  "stsverify: permissions: at least one --policy FILE is required (the role's permission policies)\n" PERM_HINT },
		{ 3, { "stsverify", "permissions", "--policies" },
		  "stsverify: permissions: unknown option --policies\n" PERM_HINT },
		{ 5, { "stsverify", "permissions", "x.yaml", "--policy", "y" },
		  "stsverify: permissions: unexpected argument \"x.yaml\" (files go in --credentials-request and --policy)\n"
		  PERM_HINT },
		{ 6, { "stsverify", "permissions", "--credentials-request", "/nonexistent/cr.yaml", "--policy", "y" },
		  "stsverify: credentials-request: /nonexistent/cr.yaml: no such file\n"
		  "hint: check the path; the credentials-request file comes from " CR_GET "\n" },
		{ 6, { "stsverify", "permissions", "--credentials-request", FX "requests/ingress.yaml", "--policy", "/nonexistent/p.json" },
		  "stsverify: policy: /nonexistent/p.json: no such file\n"
		  "hint: check the path; the policy file comes from " POLICY_GET "\n" },
		{ 6, { "stsverify", "permissions", "--credentials-request", FX "requests/ingress.yaml", "--policy", R "ingress.ccoctl.get-role-policy.truncated.json" },
		  "stsverify: policy: " R "ingress.ccoctl.get-role-policy.truncated.json: offset 350: truncated document\n"
		  "hint: not valid JSON (cut short, or saved as text or YAML?); policy must be " POLICY_IS ", from "
		  POLICY_GET "\n" },
		{ 6, { "stsverify", "permissions", "--credentials-request", FX "requests/ingress.yaml", "--policy", R "ingress.ccoctl.get-role-policy.urlencoded-truncated.json" },
		  "stsverify: policy: " R "ingress.ccoctl.get-role-policy.urlencoded-truncated.json: PolicyDocument (URL-encoded): offset 199: '%' must be followed by two hex digits\n"
		  "hint: policy must be " POLICY_IS ", from " POLICY_GET "\n" },
		{ 6, { "stsverify", "permissions", "--credentials-request", CR "derived/payload.oc-get-list.json", "--policy", R "ingress.ccoctl.get-role-policy.json" },
		  "stsverify: credentials-request: " CR "derived/payload.oc-get-list.json: it holds 6 AWS CredentialsRequests "
		  "(aws-ebs-csi-driver-operator, cloud-credential-operator-iam-ro, openshift-cloud-network-config-controller-aws, "
		  "openshift-image-registry and 2 more); choose one with --name\n"
		  "hint: add --name NAME: each request is checked on its own against its role's policies\n" },
		{ 6, { "stsverify", "permissions", "--credentials-request", CR "derived/payload-nonaws.oc-get-list.json", "--policy", R "ingress.ccoctl.get-role-policy.json" },
		  "stsverify: credentials-request: " CR "derived/payload-nonaws.oc-get-list.json: none of its 14 CredentialsRequests is an AWS one (kind AWSProviderSpec)\n"
		  "hint: extract the AWS ones: `oc adm release extract --credentials-requests --cloud=aws --to=DIR "
		  "RELEASE_IMAGE`\n" },
		{ 8, { "stsverify", "permissions", "--credentials-request", FX "requests/requests.json", "--policy", FX "policies/ingress-all.json", "--name", "nope" },
		  "stsverify: credentials-request: " FX "requests/requests.json: no CredentialsRequest named \"nope\" (it holds "
		  "openshift-ingress, openshift-image-registry, openshift-ingress-azure)\n"
		  "hint: --name takes a CredentialsRequest's metadata.name, one of those listed\n" },
		{ 8, { "stsverify", "permissions", "--credentials-request", FX "requests/ingress.yaml", "--policy", FX "policies/ingress-all.json", "--role", R "ingress.ccoctl.get-role-policy.json" },
		  "stsverify: role: " R "ingress.ccoctl.get-role-policy.json: offset 0: expected the output of aws iam get-role ({\"Role\": {...}}) or a policy document ({\"Statement\": ...})\n"
		  "hint: role must be the IAM role with its trust policy, as JSON, from `aws iam get-role --role-name NAME "
		  "--output json`\n" },
		{ 6, { "stsverify", "permissions", "--credentials-request", tmpyaml, "--policy", FX "policies/ingress-all.json" }, NULL },
	};
	size_t i;
	FILE *f;
	(void)state;
	/* a request with an anchor: the YAML error names the file and the line */
	snprintf(tmpyaml, sizeof tmpyaml, "/tmp/stsverify-perm-%ld.yaml", (long)getpid());
	f = fopen(tmpyaml, "w");
	assert_non_null(f);
	fputs("apiVersion: cloudcredential.openshift.io/v1\nkind: CredentialsRequest\nspec: &s\n  a: 1\n", f);
	fclose(f);
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		char want[1024];
		int rc = cli(t[i].argc, t[i].argv);
		if (t[i].err)
			snprintf(want, sizeof want, "%s", t[i].err);
		else
			snprintf(want, sizeof want, "stsverify: credentials-request: %s: line 3: anchors (&name) are not supported, saw \"&s\"\n"
			         "hint: credentials-request must be an OpenShift CredentialsRequest (YAML or JSON), from " CR_GET "\n",
			         tmpyaml);
		if (rc != 2)
			fail_msg("case %zu: exit %d\n%s%s", i, rc, outbuf, errbuf);
		if (strcmp(errbuf, want) != 0)
			fail_msg("case %zu: stderr\n%s\nexpected\n%s", i, errbuf, want);
		assert_int_equal(outlen, 0);
	}
	remove(tmpyaml);
}

/* Over a capacity: the error names the constant, the hint says how to raise it. */
static void test_permissions_capacities(void **state)
{
	const char *argv[40];
	char path[64];
	FILE *f;
	int i, argc = 0;
	(void)state;
	/* more --policy files than SV_MAX_POLICY_FILES */
	argv[argc++] = "stsverify";
	argv[argc++] = "permissions";
	argv[argc++] = "--credentials-request";
	argv[argc++] = FX "requests/ingress.yaml";
	for (i = 0; i <= SV_MAX_POLICY_FILES; i++) {
		argv[argc++] = "--policy";
		argv[argc++] = FX "policies/ingress-all.json";
	}
	assert_int_equal(cli(argc, argv), 2);
	assert_string_equal(errbuf, "stsverify: permissions: more than 16 --policy files (SV_MAX_POLICY_FILES)\n"
	                            "hint: rebuild with a larger SV_MAX_POLICY_FILES (include/stsverify/sv_config.h); "
	                            "a role has at most 10 managed policies by default\n");
	/* a request asking for more actions than SV_MAX_PERM_ROWS */
	snprintf(path, sizeof path, "/tmp/stsverify-perm-big-%ld.yaml", (long)getpid());
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("apiVersion: cloudcredential.openshift.io/v1\nkind: CredentialsRequest\nmetadata:\n  name: big\nspec:\n"
	      "  serviceAccountNames:\n  - sa\n  providerSpec:\n    apiVersion: cloudcredential.openshift.io/v1\n"
	      "    kind: AWSProviderSpec\n    statementEntries:\n    - effect: Allow\n      action:\n", f);
	for (i = 0; i <= SV_MAX_PERM_ROWS; i++)
		fprintf(f, "      - ec2:Action%d\n", i);
	fputs("      resource: '*'\n", f);
	fclose(f);
	{
		const char *big[] = { "stsverify", "permissions", "--credentials-request", path, "--policy",
			                  FX "policies/ingress-all.json" };
		assert_int_equal(cli(6, big), 2);
		assert_string_equal(errbuf, "stsverify: permissions: the request asks for more than SV_MAX_PERM_ROWS=512 "
		                            "actions\n"
		                            "hint: that capacity is fixed at compile time (include/stsverify/sv_config.h): "
		                            "rebuild with a larger value, e.g. make clean && make CPPFLAGS=-DNAME=VALUE\n");
	}
	remove(path);
	/* --policy files that fit one by one but not together (SV_MAX_POLICY_BYTES) */
	snprintf(path, sizeof path, "/tmp/stsverify-perm-pad-%ld.json", (long)getpid());
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", "
	      "\"Resource\": \"*\"}]}", f);
	for (i = 0; i < 60000; i++)
		fputc(' ', f);
	fclose(f);
	argc = 4;
	for (i = 0; i < 5; i++) {
		argv[argc++] = "--policy";
		argv[argc++] = path;
	}
	assert_int_equal(cli(argc, argv), 2);
	{
		char want[512];
		snprintf(want, sizeof want, "stsverify: policy: %s: the --policy files together are larger than "
		         "SV_MAX_POLICY_BYTES=262144\n"
		         "hint: rebuild with a larger SV_MAX_POLICY_BYTES (include/stsverify/sv_config.h), e.g. make clean "
		         "&& make CPPFLAGS=-DSV_MAX_POLICY_BYTES=1048576\n", path);
		assert_string_equal(errbuf, want);
	}
	remove(path);
}

static void test_permissions_help(void **state)
{
	static const char *argv[] = { "stsverify", "help", "permissions" };
	(void)state;
	assert_int_equal(cli(3, argv), 0);
	assert_non_null(strstr(outbuf, "usage: stsverify permissions --credentials-request FILE --policy FILE... [--role FILE]"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_permissions_manifest),
		cmocka_unit_test(test_permissions_real_requests_exit_status),
		cmocka_unit_test(test_permissions_golden_text),
		cmocka_unit_test(test_permissions_golden_details),
		cmocka_unit_test(test_permissions_trust_admitted_if),
		cmocka_unit_test(test_permissions_golden_json),
		cmocka_unit_test(test_permissions_missing_keeps_condition),
		cmocka_unit_test(test_permissions_input_errors),
		cmocka_unit_test(test_permissions_capacities),
		cmocka_unit_test(test_permissions_help),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
