/* test_credreq.c -- src/sv_credreq.c: the AWS CredentialsRequest view, from YAML and from oc get -o json. */
#include "helpers.h"
#include "sv_internal.h"
#include "stsverify/sv_credreq.h"

#define CR SV_SHARED_DIR "/vectors/credentials-requests/"

static char jbuf[1 << 19];
static sv_yaml_line lines[1 << 15];
static jsmntok_t tok[SV_MAX_CREDREQ_TOKENS];
static char abuf[SV_MAX_STRING_ARENA];
static sv_cr_item items[SV_MAX_CR_ITEMS];
static sv_credreq cr;

/* Reads a vector file (YAML when it ends in .yaml) into d. */
static void load(const char *file, sv_json *d, sv_yaml_map *m)
{
	char path[512];
	size_t n = 0, len;
	char *y;
	sv_err e;
	snprintf(path, sizeof path, CR "%s", file);
	y = th_read(path, &n);
	assert_non_null(y);
	if (strstr(file, ".yaml")) {
		m->at = lines;
		m->cap = sizeof lines / sizeof lines[0];
		if (sv_yaml_to_json(y, n, jbuf, sizeof jbuf, &len, m, &e) != SV_OK)
			fail_msg("%s: %s", file, e.msg);
	} else {
		assert_true(n <= sizeof jbuf);
		memcpy(jbuf, y, n);
		len = n;
		m->n = 0;
	}
	free(y);
	if (sv_json_parse(d, jbuf, len, tok, sizeof tok / sizeof tok[0], &e) != SV_OK)
		fail_msg("%s: %s", file, e.msg);
}

static const struct {
	const char *file;
	size_t items, aws;
	const char *name;     /* the (first) AWS request */
	size_t entries, actions, sas;
	const char *secret_ns, *secret;
} real[] = {
	{ "manifests/00-ingress-credentials-request.yaml", 5, 1, "openshift-ingress", 1, 6, 1, "openshift-ingress-operator", "cloud-credentials" },
	{ "manifests/0000_30_machine-api-operator_00_credentials-request.yaml", 8, 1, "openshift-machine-api-aws", 3, 32, 1, "openshift-machine-api", "aws-cloud-credentials" },
	{ "manifests/01-registry-credentials-request.yaml", 1, 1, "openshift-image-registry", 1, 18, 2, "openshift-image-registry", "installer-cloud-credentials" },
	{ "manifests/02-cncc-credentials.yaml", 4, 1, "openshift-cloud-network-config-controller-aws", 1, 9, 1, "openshift-cloud-network-config-controller", "cloud-credentials" },
	{ "manifests/03_credentials_request_aws.yaml", 1, 1, "aws-ebs-csi-driver-operator", 3, 29, 2, "openshift-cluster-csi-drivers", "ebs-cloud-credentials" },
	{ "manifests/05-iam-ro-credentialsrequest.yaml", 1, 1, "cloud-credential-operator-iam-ro", 1, 3, 1, "openshift-cloud-credential-operator", "cloud-credential-operator-iam-ro-creds" },
	{ "manifests/albo-controller-credentials-request.yaml", 1, 1, "aws-load-balancer-controller", 23, 89, 1, "aws-load-balancer-operator", "aws-load-balancer-controller-cluster" },
	{ "manifests/albo-operator-credentials-request.yaml", 1, 1, "aws-load-balancer-operator", 3, 4, 1, "aws-load-balancer-operator", "aws-load-balancer-operator" },
	{ "older/00-ingress-credentials-request@9fbe971.yaml", 6, 1, "openshift-ingress", 1, 4, 1, "openshift-ingress-operator", "cloud-credentials" },
	{ "older/0000_30_machine-api-operator_00_credentials-request@ea46700.yaml", 8, 1, "openshift-machine-api-aws", 3, 29, 1, "openshift-machine-api", "aws-cloud-credentials" },
	{ "older/03_credentials_request_aws@cb5069a.yaml", 1, 1, "aws-ebs-csi-driver-operator", 3, 25, 2, "openshift-cluster-csi-drivers", "ebs-cloud-credentials" },
	{ "derived/ingress.oc-get.json", 1, 1, "openshift-ingress", 1, 6, 1, "openshift-ingress-operator", "cloud-credentials" },
	{ "derived/ebs.oc-get.json", 1, 1, "aws-ebs-csi-driver-operator", 3, 29, 2, "openshift-cluster-csi-drivers", "ebs-cloud-credentials" },
	{ "derived/albo-controller.oc-get.json", 1, 1, "aws-load-balancer-controller", 23, 89, 1, "aws-load-balancer-operator", "aws-load-balancer-controller-cluster" },
	{ "derived/payload.oc-get-list.json", 20, 6, "aws-ebs-csi-driver-operator", 3, 29, 2, "openshift-cluster-csi-drivers", "ebs-cloud-credentials" },
};

static void test_credreq_every_real_request(void **state)
{
	size_t i, k, n;
	(void)state;
	for (i = 0; i < sizeof real / sizeof real[0]; i++) {
		sv_json d;
		sv_yaml_map m;
		sv_arena a;
		sv_err e;
		size_t aws = 0;
		int first = -1;
		load(real[i].file, &d, &m);
		sv_arena_init(&a, abuf, sizeof abuf);
		if (sv_credreq_list(&d, &a, items, SV_MAX_CR_ITEMS, &n, &e) != SV_OK)
			fail_msg("%s: %s", real[i].file, e.msg);
		if (n != real[i].items)
			fail_msg("%s: %zu requests, expected %zu", real[i].file, n, real[i].items);
		for (k = 0; k < n; k++) {
			if (!sv_eq(items[k].provider_kind, SV_LIT("AWSProviderSpec")))
				continue;
			if (first < 0)
				first = (int)k;
			aws++;
			/* every AWS request of every file reads */
			if (sv_credreq_parse(&cr, &d, items[k].obj, &a, &e) != SV_OK)
				fail_msg("%s: %.*s: %s", real[i].file, (int)items[k].name.n, items[k].name.p, e.msg);
		}
		assert_int_equal(aws, real[i].aws);
		assert_true(sv_eq(items[first].name, sv_from_cstr(real[i].name)));
		assert_int_equal(sv_credreq_parse(&cr, &d, items[first].obj, &a, &e), SV_OK);
		if (cr.n != real[i].entries || cr.nactions != real[i].actions || cr.nsas != real[i].sas)
			fail_msg("%s: %zu entries, %zu actions, %zu service accounts", real[i].file, cr.n, cr.nactions, cr.nsas);
		assert_true(sv_eq(cr.name, sv_from_cstr(real[i].name)));
		assert_true(sv_eq(cr.secret_ns, sv_from_cstr(real[i].secret_ns)));
		assert_true(sv_eq(cr.secret_name, sv_from_cstr(real[i].secret)));
		assert_true(sv_eq(cr.ns, SV_LIT("openshift-cloud-credential-operator")));
	}
}

static void test_credreq_entry_fields(void **state)
{
	sv_json d;
	sv_yaml_map m;
	sv_arena a;
	sv_err e;
	size_t n;
	(void)state;
	load("manifests/0000_30_machine-api-operator_00_credentials-request.yaml", &d, &m);
	sv_arena_init(&a, abuf, sizeof abuf);
	assert_int_equal(sv_credreq_list(&d, &a, items, SV_MAX_CR_ITEMS, &n, &e), SV_OK);
	assert_true(sv_eq(items[0].provider_kind, SV_LIT("AWSProviderSpec")));
	assert_true(sv_eq(items[1].provider_kind, SV_LIT("AzureProviderSpec")));
	assert_int_equal(sv_credreq_parse(&cr, &d, items[0].obj, &a, &e), SV_OK);
	assert_int_equal(cr.e[0].nactions, 23);
	assert_int_equal(cr.e[1].nactions, 6);
	assert_int_equal(cr.e[2].nactions, 3);
	assert_true(sv_eq(cr.e[1].resource, SV_LIT("*")));
	assert_int_equal(cr.e[0].cond, -1);
	assert_int_equal(cr.e[1].cond, -1);
	assert_true(cr.e[2].cond > 0);
	assert_int_equal(sv_json_type(&d, cr.e[2].cond), JSMN_OBJECT);
	assert_true(sv_json_str_eq(&d, cr.e[2].cond + 1, SV_LIT("Bool")));
	assert_true(sv_json_str_eq(&d, cr.e[1].actions + 1, SV_LIT("kms:ReEncrypt*")));
	assert_int_equal(cr.e[0].deny, 0);
	/* a non-AWS request says what it is */
	assert_int_equal(sv_credreq_parse(&cr, &d, items[1].obj, &a, &e), SV_E_FORMAT);
	sv_yaml_err_to_line(&m, &e);
	assert_string_equal(e.msg, "line 87: \"openshift-machine-api-azure\" is not an AWS request (its providerSpec kind is AzureProviderSpec, not AWSProviderSpec)");
}

static void test_credreq_lists_without_aws(void **state)
{
	sv_json d;
	sv_yaml_map m;
	sv_arena a;
	sv_err e;
	size_t n, k;
	(void)state;
	load("derived/payload-nonaws.oc-get-list.json", &d, &m);
	sv_arena_init(&a, abuf, sizeof abuf);
	assert_int_equal(sv_credreq_list(&d, &a, items, SV_MAX_CR_ITEMS, &n, &e), SV_OK);
	assert_int_equal(n, 14);
	for (k = 0; k < n; k++)
		assert_false(sv_eq(items[k].provider_kind, SV_LIT("AWSProviderSpec")));
}

#define REQ(spec) "{\"apiVersion\":\"cloudcredential.openshift.io/v1\",\"kind\":\"CredentialsRequest\"," \
	"\"metadata\":{\"name\":\"x\"},\"spec\":" spec "}"
#define AWS(entries) REQ("{\"providerSpec\":{\"kind\":\"AWSProviderSpec\",\"statementEntries\":" entries "}}")

static const struct {
	const char *name, *json, *msg;
	int list;    /* the error comes from sv_credreq_list */
} bad[] = {
	{ "not-a-request", "{\"kind\":\"Secret\"}", "offset 0: not a CredentialsRequest (kind \"Secret\")", 1 },
	{ "no-kind", "{\"a\":1}", "offset 0: no CredentialsRequest (kind: CredentialsRequest) in the file", 1 },
	{ "array-of-nothing", "[]", "offset 0: no CredentialsRequest (kind: CredentialsRequest) in the file", 1 },
	{ "scalar", "\"s\"", "offset 0: expected a CredentialsRequest object or a List of them", 1 },
	{ "list-no-items", "{\"kind\":\"List\"}", "offset 0: a List without an \"items\" array", 1 },
	{ "list-bad-item", "{\"kind\":\"List\",\"items\":[1]}", "offset 24: List items must be objects", 1 },
	{ "empty-list", "{\"kind\":\"List\",\"items\":[]}", "offset 0: the List holds no CredentialsRequest", 1 },
	{ "list-of-others", "{\"kind\":\"List\",\"items\":[{\"kind\":\"Secret\"}]}", "offset 0: the List holds no CredentialsRequest", 1 },
	{ "no-spec", "{\"kind\":\"CredentialsRequest\"}", "offset 0: the CredentialsRequest has no spec object", 0 },
	{ "no-provider", REQ("{}"), "offset 107: spec has no providerSpec object", 0 },
	{ "provider-kind", REQ("{\"providerSpec\":{\"kind\":\"GCPProviderSpec\"}}"),
	  "offset 131: \"x\" is not an AWS request (its providerSpec kind is GCPProviderSpec, not AWSProviderSpec)", 0 },
	{ "entries-not-list", AWS("{}"), "offset 168: spec.providerSpec.statementEntries must be a list", 0 },
	{ "entry-not-object", AWS("[1]"), "offset 169: statementEntries[0] must be an object", 0 },
	{ "no-effect", AWS("[{\"action\":[\"a:b\"],\"resource\":\"*\"}]"), "offset 169: statementEntries[0] has no effect", 0 },
	{ "bad-effect", AWS("[{\"effect\":\"allow\",\"action\":[\"a:b\"],\"resource\":\"*\"}]"),
	  "offset 179: statementEntries[0].effect must be \"Allow\" or \"Deny\"", 0 },
	{ "no-action", AWS("[{\"effect\":\"Allow\",\"resource\":\"*\"}]"), "offset 169: statementEntries[0] has no action", 0 },
	{ "action-string", AWS("[{\"effect\":\"Allow\",\"action\":\"a:b\",\"resource\":\"*\"}]"),
	  "offset 196: statementEntries[0].action must be a non-empty list of strings", 0 },
	{ "action-empty-list", AWS("[{\"effect\":\"Allow\",\"action\":[],\"resource\":\"*\"}]"),
	  "offset 196: statementEntries[0].action must be a non-empty list of strings", 0 },
	{ "action-number", AWS("[{\"effect\":\"Allow\",\"action\":[\"a:b\",2],\"resource\":\"*\"}]"),
	  "offset 203: statementEntries[0].action must be a non-empty list of strings", 0 },
	{ "action-empty-string", AWS("[{\"effect\":\"Allow\",\"action\":[\"\"],\"resource\":\"*\"}]"),
	  "offset 197: statementEntries[0].action[0] is empty", 0 },
	{ "no-resource", AWS("[{\"effect\":\"Allow\",\"action\":[\"a:b\"]}]"), "offset 169: statementEntries[0] has no resource", 0 },
	{ "resource-list", AWS("[{\"effect\":\"Allow\",\"action\":[\"a:b\"],\"resource\":[\"*\"]}]"),
	  "offset 215: statementEntries[0].resource must be a non-empty string", 0 },
	{ "condition-string", AWS("[{\"effect\":\"Allow\",\"action\":[\"a:b\"],\"resource\":\"*\",\"policyCondition\":\"x\"}]"),
	  "offset 237: statementEntries[0].policyCondition must be an object of {operator: {key: value}}", 0 },
	{ "condition-flat", AWS("[{\"effect\":\"Allow\",\"action\":[\"a:b\"],\"resource\":\"*\",\"policyCondition\":{\"Bool\":true}}]"),
	  "offset 245: statementEntries[0].policyCondition: an operator's value must be a non-empty object of {key: value}", 0 },
	{ "condition-nested", AWS("[{\"effect\":\"Allow\",\"action\":[\"a:b\"],\"resource\":\"*\",\"policyCondition\":{\"Bool\":{\"k\":{}}}}]"),
	  "offset 250: statementEntries[0].policyCondition: a value must be a string, number, boolean or a non-empty list of them", 0 },
	{ "secretref-string", REQ("{\"secretRef\":\"s\",\"providerSpec\":{\"kind\":\"AWSProviderSpec\"}}"),
	  "offset 120: spec.secretRef must be an object with name and namespace", 0 },
	{ "sa-string", REQ("{\"serviceAccountNames\":\"s\",\"providerSpec\":{\"kind\":\"AWSProviderSpec\"}}"),
	  "offset 130: spec.serviceAccountNames must be a list of strings", 0 },
};

static void test_credreq_shape_errors(void **state)
{
	size_t i, n;
	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		sv_json d;
		sv_arena a;
		sv_err e;
		int rc;
		assert_int_equal(sv_json_parse(&d, bad[i].json, strlen(bad[i].json), tok, 1024, &e), SV_OK);
		sv_arena_init(&a, abuf, sizeof abuf);
		rc = sv_credreq_list(&d, &a, items, SV_MAX_CR_ITEMS, &n, &e);
		if (!bad[i].list) {
			if (rc != SV_OK)
				fail_msg("case %s: list failed: %s", bad[i].name, e.msg);
			rc = sv_credreq_parse(&cr, &d, items[0].obj, &a, &e);
		}
		if (rc != SV_E_FORMAT)
			fail_msg("case %s: rc %d", bad[i].name, rc);
		if (strcmp(e.msg, bad[i].msg) != 0)
			fail_msg("case %s:\n  got  %s\n  want %s", bad[i].name, e.msg, bad[i].msg);
	}
}

/* An empty or null entry list asks for nothing; Deny entries are marked. */
static void test_credreq_edge_entries(void **state)
{
	static const char none[] = AWS("null");
	static const char deny[] = AWS("[{\"effect\":\"Deny\",\"action\":[\"a:b\"],\"resource\":\"*\",\"policyCondition\":{}}]");
	sv_json d;
	sv_arena a;
	sv_err e;
	size_t n;
	(void)state;
	assert_int_equal(sv_json_parse(&d, none, sizeof none - 1, tok, 1024, &e), SV_OK);
	sv_arena_init(&a, abuf, sizeof abuf);
	assert_int_equal(sv_credreq_list(&d, &a, items, SV_MAX_CR_ITEMS, &n, &e), SV_OK);
	assert_int_equal(sv_credreq_parse(&cr, &d, items[0].obj, &a, &e), SV_OK);
	assert_int_equal(cr.n, 0);
	assert_int_equal(cr.sas, -1);
	assert_null(cr.secret_name.p);
	assert_int_equal(sv_json_parse(&d, deny, sizeof deny - 1, tok, 1024, &e), SV_OK);
	assert_int_equal(sv_credreq_list(&d, &a, items, SV_MAX_CR_ITEMS, &n, &e), SV_OK);
	assert_int_equal(sv_credreq_parse(&cr, &d, items[0].obj, &a, &e), SV_OK);
	assert_int_equal(cr.n, 1);
	assert_int_equal(cr.e[0].deny, 1);
	assert_int_equal(cr.e[0].cond, -1);       /* {} is no condition */
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_credreq_every_real_request),
		cmocka_unit_test(test_credreq_entry_fields),
		cmocka_unit_test(test_credreq_lists_without_aws),
		cmocka_unit_test(test_credreq_shape_errors),
		cmocka_unit_test(test_credreq_edge_entries),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
