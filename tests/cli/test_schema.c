/*
 * test_schema.c -- docs/json-schema.json itself, and the validator the CLI
 * tests run every command's JSON through (tests/schema.h): it accepts the
 * documented examples and rejects documents that break the schema.
 */
#include "schema.h"
#include "cli/cli.h"

static char outbuf[1 << 20];
static size_t outlen;

static int sink(void *ctx, const unsigned char *b, size_t n)
{
	if ((intptr_t)ctx == 1) {
		if (outlen + n >= sizeof outbuf)
			n = sizeof outbuf - 1 - outlen;
		memcpy(outbuf + outlen, b, n);
		outlen += n;
		outbuf[outlen] = '\0';
	}
	return (int)n;
}

static int cli(int argc, const char *const *argv)
{
	outlen = 0;
	outbuf[0] = '\0';
	return sv_cli_main(argc, argv, sink, (void *)(intptr_t)1, sink, (void *)(intptr_t)2);
}

static int setup(void **state)
{
	(void)state;
	ts_schema_load();
	return 0;
}

/* The check_id enum is sv_checks.def, in its order. */
static void test_schema_check_ids_are_sv_checks_def(void **state)
{
	int defs = sv_json_get(&ts_s, 0, SV_LIT("$defs"));
	int ids = sv_json_get(&ts_s, sv_json_get(&ts_s, defs, SV_LIT("check_id")), SV_LIT("enum"));
	int k, x;
	(void)state;
	assert_true(ids >= 0);
	assert_int_equal(sv_json_count(&ts_s, ids), (int)SV_CHK__COUNT);
	for (k = 0, x = ids + 1; k < (int)SV_CHK__COUNT; k++, x = sv_json_next(&ts_s, x))
		assert_true(sv_eq(sv_json_raw(&ts_s, x), sv_from_cstr(sv_check_slug((sv_check_id)k))));
}

static void expect_valid(const char *def, const char *doc)
{
	char why[512];
	if (ts_schema_check_def(def, doc, strlen(doc), why, sizeof why) != 0)
		fail_msg("%s rejected: %s\n%s", def, why, doc);
}

static void expect_rejected(const char *def, const char *doc, const char *want_why)
{
	char why[512];
	if (ts_schema_check_def(def, doc, strlen(doc), why, sizeof why) == 0)
		fail_msg("%s accepted a wrong document:\n%s", def, doc);
	if (strcmp(why, want_why) != 0)
		fail_msg("%s: rejected for\n  %s\nexpected\n  %s", def, why, want_why);
	/* and the schema as a whole (its oneOf over every document) takes it neither */
	assert_int_equal(ts_schema_check(doc, strlen(doc), why, sizeof why), 1);
}

#define VERIFY_OK "{\"schema\": 1, \"command\": \"verify\", \"accepted\": false, \"checks\": [" \
	"{\"id\": \"tok.format\", \"status\": \"PASS\", \"message\": \"compact JWS\", \"hint\": null}, " \
	"{\"id\": \"clm.exp\", \"status\": \"FAIL\", \"message\": \"expired\", \"hint\": \"get a new token\"}], " \
	"\"header\": {\"alg\": \"RS256\"}, \"claims\": {\"exp\": 1}}"

/* The validator can fail: each of these breaks one rule of the schema. */
static void test_schema_rejects_wrong_documents(void **state)
{
	(void)state;
	expect_valid("verify", VERIFY_OK);
	expect_rejected("verify", "{\"schema\": 2, \"command\": \"verify\", \"accepted\": true, \"checks\": [], "
	                "\"header\": null, \"claims\": null}", "/schema: 2 is not the schema's const");
	expect_rejected("verify", "{\"schema\": 1, \"command\": \"verify\", \"accepted\": \"yes\", \"checks\": ["
	                "{\"id\": \"tok.format\", \"status\": \"PASS\", \"message\": \"m\", \"hint\": null}], "
	                "\"header\": null, \"claims\": null}", "/accepted: is string, not the type the schema names");
	expect_rejected("verify", "{\"schema\": 1, \"command\": \"verify\", \"accepted\": true, \"checks\": ["
	                "{\"id\": \"tok.format\", \"status\": \"OK\", \"message\": \"m\", \"hint\": null}], "
	                "\"header\": null, \"claims\": null}", "/checks/0/status: \"OK\" is none of the schema's enum");
	expect_rejected("verify", "{\"schema\": 1, \"command\": \"verify\", \"accepted\": true, \"checks\": ["
	                "{\"id\": \"tok.shape\", \"status\": \"PASS\", \"message\": \"m\", \"hint\": null}], "
	                "\"header\": null, \"claims\": null}", "/checks/0/id: \"tok.shape\" is none of the schema's enum");
	expect_rejected("verify", "{\"schema\": 1, \"command\": \"verify\", \"accepted\": true, \"checks\": [], "
	                "\"header\": null, \"claims\": null}", "/checks: fewer items than the schema's minItems 1");
	expect_rejected("verify", "{\"schema\": 1, \"command\": \"verify\", \"accepted\": true, \"checks\": ["
	                "{\"id\": \"tok.format\", \"status\": \"PASS\", \"message\": \"m\"}], "
	                "\"header\": null, \"claims\": null}", "/checks/0: lacks the required member \"hint\"");
	expect_rejected("verify", "{\"schema\": 1, \"command\": \"verify\", \"accepted\": true, \"checks\": ["
	                "{\"id\": \"tok.format\", \"status\": \"PASS\", \"message\": \"m\", \"hint\": null}], "
	                "\"header\": null, \"claims\": null, \"signature\": \"abc\"}",
	                "/signature: a member the schema does not name");
	expect_rejected("verify", "{\"schema\": 1, \"command\": \"verify\", \"accepted\": true, \"checks\": ["
	                "{\"id\": \"tok.format\", \"status\": \"PASS\", \"message\": \"m\", \"hint\": null}], "
	                "\"header\": [], \"claims\": null}", "/header: is array, not the type the schema names");
	expect_rejected("verify", "[1, 2]", "(document): is array, not the type the schema names");
	expect_rejected("verify", "{\"schema\": 1,", "not JSON: truncated document");
	expect_rejected("request", "{\"schema\": 1, \"command\": \"request\", \"method\": \"POST\", \"url\": \"u\", "
	                "\"endpoint_rule\": \"r\", \"headers\": {\"Host\": \"h\", \"Content-Type\": \"t\", "
	                "\"Content-Length\": 12}, \"body\": \"b\", \"params\": [], \"redacted\": false}",
	                "/headers/Content-Length: is integer, not the type the schema names");
	expect_rejected("explain_error", "{\"schema\": 1, \"command\": \"explain\", \"outcome\": \"error\", "
	                "\"form\": \"xml\", \"code\": \"AccessDenied\", \"message\": null, \"type\": null, "
	                "\"request_id\": null, \"operation\": null, \"catalogue\": {\"id\": \"x\"}}",
	                "/catalogue: matches none of oneOf");
	expect_rejected("permissions", "{\"schema\": 1, \"command\": \"permissions\"}",
	                "(document): lacks the required member \"granted\"");
	expect_rejected("check_unreadable", "{\"schema\": 1, \"command\": \"check\", \"bundle\": \"b\", "
	                "\"error\": \"e\"}", "(document): lacks the required member \"hint\"");
}

/* The examples docs/json-schema.md shows are documents of the schema (abridged where it says "..."). */
static void test_schema_accepts_real_output(void **state)
{
	const char *argv[] = { "stsverify", "check", "--dir", "fixtures/bundles/openshift-ingress-rotated-key", "--now",
		                   "1790000000", "--json" };
	char why[512];
	(void)state;
	assert_int_equal(cli(7, argv), 1);
	if (ts_schema_check(outbuf, outlen, why, sizeof why) != 0)
		fail_msg("check --json: %s", why);
	assert_int_equal(ts_schema_check_def("check", outbuf, outlen, why, sizeof why), 0);
	/* the right document for another command is still wrong */
	assert_int_equal(ts_schema_check_def("verify", outbuf, outlen, why, sizeof why), 1);
	assert_string_equal(why, "/command: \"check\" is not the schema's const");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schema_check_ids_are_sv_checks_def),
		cmocka_unit_test(test_schema_rejects_wrong_documents),
		cmocka_unit_test(test_schema_accepts_real_output),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
