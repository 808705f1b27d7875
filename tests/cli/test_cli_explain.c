#define _POSIX_C_SOURCE 200809L
/*
 * test_cli_explain.c -- `stsverify explain`, driven in-process: every
 * catalogue entry explained from STS's XML, the CLI line and SDK text; a
 * success body shown without secrets unless asked for, and then only in
 * env or credential_process form.
 */
#include "schema.h"
#include "harness.h"
#include "sts_bodies.h"
#include "stsverify/sv_sts.h"

#include <fcntl.h>
#include <unistd.h>

static char dir[64], file[96];

#define KEY "ASIAIOSFODNN7EXAMPLE"
#define SECRET "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
#define STOKEN "IQoJb3JpZ2luX2VjEXAMPLETOKEN+/=="

static const char success_xml[] =
    "<AssumeRoleWithWebIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
    "  <AssumeRoleWithWebIdentityResult>\n"
    "    <SubjectFromWebIdentityToken>system:serviceaccount:openshift-ingress-operator:ingress-operator</SubjectFromWebIdentityToken>\n"
    "    <Audience>openshift</Audience>\n"
    "    <AssumedRoleUser>\n"
    "      <Arn>arn:aws:sts::111122223333:assumed-role/ocp-ingress/1790000000</Arn>\n"
    "      <AssumedRoleId>AROAEXAMPLEEXAMPLE123:1790000000</AssumedRoleId>\n"
    "    </AssumedRoleUser>\n"
    "    <Credentials>\n"
    "      <SessionToken>" STOKEN "</SessionToken>\n"
    "      <SecretAccessKey>" SECRET "</SecretAccessKey>\n"
    "      <Expiration>2026-11-28T11:00:00Z</Expiration>\n"
    "      <AccessKeyId>" KEY "</AccessKeyId>\n"
    "    </Credentials>\n"
    "    <Provider>arn:aws:iam::111122223333:oidc-provider/ocp-oidc.s3.us-east-1.amazonaws.com</Provider>\n"
    "    <PackedPolicySize>6</PackedPolicySize>\n"
    "  </AssumeRoleWithWebIdentityResult>\n"
    "  <ResponseMetadata>\n"
    "    <RequestId>c6104cbe-af31-11e0-8154-cbc7ccf896c7</RequestId>\n"
    "  </ResponseMetadata>\n"
    "</AssumeRoleWithWebIdentityResponse>\n";

static void put(const char *text)
{
	FILE *f = fopen(file, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/stsverify-explain-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(file, sizeof file, "%s/answer", dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(file);
	rmdir(dir);
	return 0;
}

/* no part of a secret on either stream */
static void no_secrets(void)
{
	assert_null(strstr(outbuf, SECRET));
	assert_null(strstr(outbuf, "wJalrXUtnFEMI"));
	assert_null(strstr(outbuf, STOKEN));
	assert_null(strstr(outbuf, "IQoJb3JpZ2lu"));
	assert_null(strstr(outbuf, "IOSFODNN7"));
	assert_null(strstr(errbuf, "wJalrXUtnFEMI"));
	assert_null(strstr(errbuf, "IQoJb3JpZ2lu"));
	assert_null(strstr(errbuf, "IOSFODNN7"));
}

#define EXPLAIN_HINT "hint: run `stsverify help explain` for its options and what each one takes\n"
#define ANSWER_IS "answer must be STS's response (its XML or JSON body, or the AWS CLI's error line), from " \
	"`aws sts assume-role-with-web-identity ... 2>&1` or the curl command `stsverify request --format curl` prints\n"

static void test_explain_every_catalogue_entry(void **state)
{
	size_t n, i;
	const sv_sts_error *t = sv_sts_errors(&n);
	const char *argv[] = { "stsverify", "explain", file, NULL };
	const char *json[] = { "stsverify", "explain", file, "--format", "json", NULL };
	(void)state;
	for (i = 0; i < n; i++) {
		char msg[1024], esc[2048], body[4096], want[600];
		if (t[i].message)
			th_fill(t[i].message, msg, sizeof msg);
		else
			strcpy(msg, "something new");
		th_xml_escape(msg, esc, sizeof esc);
		snprintf(body, sizeof body, "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <Error>\n"
		         "    <Type>Sender</Type>\n    <Code>%s</Code>\n    <Message>%s</Message>\n  </Error>\n"
		         "  <RequestId>r-%zu</RequestId>\n</ErrorResponse>\n", t[i].code, esc, i);
		put(body);
		if (cli(argv) != 1)
			fail_msg("%s: exit not 1\n%s", t[i].id, errbuf);
		snprintf(want, sizeof want, "STS answer: error %s (HTTP %d), read from the XML body\n", t[i].code, t[i].http);
		if (strncmp(outbuf, want, strlen(want)) != 0)
			fail_msg("%s: first line:\n%s", t[i].id, outbuf);
		snprintf(want, sizeof want, "(catalogue entry %s;", t[i].id);
		assert_non_null(strstr(outbuf, want));
		assert_non_null(strstr(outbuf, "\nKnown causes:\n  1. "));
		assert_non_null(strstr(outbuf, "     tells apart: "));
		assert_non_null(strstr(outbuf, "\nRetry: "));
		snprintf(want, sizeof want, "\nNext: %s\n", t[i].check);
		assert_non_null(strstr(outbuf, want));
		assert_int_equal(cli(json), 1);
		snprintf(want, sizeof want, "\"id\": \"%s\"", t[i].id);
		assert_non_null(strstr(outbuf, want));
	}
}

static void test_explain_audience_golden(void **state)
{
	const char *argv[] = { "stsverify", "explain", file, NULL };
	(void)state;
	put("An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: "
	    "Incorrect token audience\n");
	assert_int_equal(cli(argv), 1);
	assert_string_equal(outbuf,
	    "STS answer: error InvalidIdentityToken (HTTP 400), read from the AWS CLI's error line\n"
	    "  message:    Incorrect token audience\n"
	    "\n"
	    "What it means:\n"
	    "  No aud value of the token is in the IAM OIDC provider's ClientIDList.\n"
	    "\n"
	    "Known causes:\n"
	    "  1. The provider lacks the audience the token carries: EKS tokens carry\n"
	    "     sts.amazonaws.com, OpenShift STS-mode tokens carry openshift\n"
	    "     (OCPBUGS-18711).\n"
	    "     tells apart: check --token FILE --provider FILE (prov.aud names the\n"
	    "       token's convention)\n"
	    "  2. A typo in the client ID (sts.amazon.com) or a regional STS host used as\n"
	    "     client ID.\n"
	    "     tells apart: check --token FILE --provider FILE (prov.aud)\n"
	    "  3. China partition: sts.amazonaws.com versus sts.amazonaws.com.cn as the\n"
	    "     audience.\n"
	    "     tells apart: check --token FILE --provider FILE --role-arn ARN\n"
	    "  4. The token file is corrupted (a log line appended after the JWT,\n"
	    "     amazon-eks-pod-identity-webhook#232), so the aud STS reads is not the one\n"
	    "     expected.\n"
	    "     tells apart: stsverify decode --token FILE; check --token FILE\n"
	    "       (tok.format)\n"
	    "\n"
	    "Retry: no: the audience does not change between attempts.\n"
	    "(catalogue entry iit.audience; this text was seen in [R]\n"
	    "awslabs/amazon-eks-irsa-cfn#18, configure-aws-credentials#775)\n"
	    "\n"
	    "Next: stsverify check --token FILE --provider FILE\n");
	assert_string_equal(errbuf, "");
}

static void test_explain_misleading_no_provider(void **state)
{
	const char *argv[] = { "stsverify", "explain", file, NULL };
	(void)state;
	put("An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: No "
	    "OpenIDConnect provider found in your account for https://oidc.eks.eu-south-2.amazonaws.com/id/ABCDEF\n");
	assert_int_equal(cli(argv), 1);
	assert_non_null(strstr(outbuf, "  issuer:     https://oidc.eks.eu-south-2.amazonaws.com/id/ABCDEF (an IAM OIDC "
	                               "provider's Url must be exactly oidc.eks.eu-south-2.amazonaws.com/id/ABCDEF)\n"));
	assert_non_null(strstr(outbuf, "Misleading: the regional STS endpoint the SDK called is not activated"));
}

static void test_explain_sdk_text(void **state)
{
	/* Go SDK v1 as logged by a controller */
	const char *argv[] = { "stsverify", "explain", file, NULL };
	(void)state;
	put("E1128 10:00:00 controller.go:42] WebIdentityErr: failed to retrieve credentials\n"
	    "caused by: InvalidIdentityToken: Couldn't retrieve verification key from your identity provider,  please "
	    "reference AssumeRoleWithWebIdentity documentation for requirements\n\tstatus code: 400, request id: abc\n");
	assert_int_equal(cli(argv), 1);
	assert_non_null(strstr(outbuf, "STS answer: error InvalidIdentityToken (HTTP 400), read from text holding "
	                               "\"Code: Message\"\n"));
	assert_non_null(strstr(outbuf, "Retry: maybe: only the transient cause goes away"));
	assert_non_null(strstr(outbuf, "S3 issuer bucket answering 403"));
}

static void test_explain_success_hides_secrets(void **state)
{
	const char *argv[] = { "stsverify", "explain", file, "--now", "2026-11-28T10:00:00Z", NULL };
	const char *json[] = { "stsverify", "explain", file, "--now", "2026-11-28T10:30:00Z", "--format", "json", NULL };
	(void)state;
	put(success_xml);
	assert_int_equal(cli(argv), 0);
	assert_string_equal(outbuf,
	    "STS answer: success (read from the XML body)\n"
	    "  assumed role:    arn:aws:sts::111122223333:assumed-role/ocp-ingress/1790000000\n"
	    "  role id:         AROAEXAMPLEEXAMPLE123:1790000000\n"
	    "  subject:         system:serviceaccount:openshift-ingress-operator:ingress-operator\n"
	    "  audience:        openshift\n"
	    "  provider:        arn:aws:iam::111122223333:oidc-provider/ocp-oidc.s3.us-east-1.amazonaws.com\n"
	    "  packed policy:   6% of the limit\n"
	    "  expires:         2026-11-28T11:00:00Z (in 1 h)\n"
	    "  access key:      ASIA... (20 characters; the rest, the secret key and the session token are not shown)\n"
	    "  request id:      c6104cbe-af31-11e0-8154-cbc7ccf896c7\n"
	    "To use the credentials: --show-credentials --format env (or credential-process)\n");
	no_secrets();
	assert_int_equal(cli(json), 0);
	no_secrets();
	assert_non_null(strstr(outbuf, "\"access_key_id_prefix\": \"ASIA\",\n  \"expiration\": \"2026-11-28T11:00:00Z\",\n"
	                               "  \"expires_in\": 1800,"));
	/* and expired */
	{
		const char *late[] = { "stsverify", "explain", file, "--now", "2026-11-28T12:00:00Z", NULL };
		assert_int_equal(cli(late), 0);
		assert_non_null(strstr(outbuf, "  expires:         2026-11-28T11:00:00Z (expired 1 h ago)\n"));
		no_secrets();
	}
}

static void explain_json_valid(const char *def, int want_rc, const char *label)
{
	const char *json[] = { "stsverify", "explain", file, "--now", "2026-11-28T10:30:00Z", "--format", "json", NULL };
	char why[512];
	int rc = cli(json);
	if (rc != want_rc)
		fail_msg("%s: exit %d\n%s", label, rc, errbuf);
	if (ts_schema_check_def(def, outbuf, outlen, why, sizeof why) != 0)
		fail_msg("%s: not an %s document of docs/json-schema.json: %s\n%s", label, def, why, outbuf);
}

/* explain --format json against docs/json-schema.json: every catalogue entry in each form STS and
   the CLI write it (XML body, JSON body, the CLI's line, "Code: Message" text), an unknown error
   (no catalogue entry), and success bodies as XML and JSON. */
static void test_explain_json_schema(void **state)
{
	size_t n, i;
	const sv_sts_error *t = sv_sts_errors(&n);
	(void)state;
	ts_schema_load();
	for (i = 0; i < n; i++) {
		char msg[1024], esc[2048], body[4096];
		if (t[i].message)
			th_fill(t[i].message, msg, sizeof msg);
		else
			strcpy(msg, "something new");
		th_xml_escape(msg, esc, sizeof esc);
		snprintf(body, sizeof body, "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <Error>\n"
		         "    <Type>Sender</Type>\n    <Code>%s</Code>\n    <Message>%s</Message>\n  </Error>\n"
		         "  <RequestId>r-%zu</RequestId>\n</ErrorResponse>\n", t[i].code, esc, i);
		put(body);
		explain_json_valid("explain_error", 1, t[i].id);
		if (!strchr(msg, '"') && !strchr(msg, '\\')) {
			snprintf(body, sizeof body, "{\"Error\": {\"Code\": \"%s\", \"Message\": \"%s\", \"Type\": \"Sender\"}, "
			         "\"RequestId\": \"r-%zu\"}", t[i].code, msg, i);
			put(body);
			explain_json_valid("explain_error", 1, t[i].id);
		}
		snprintf(body, sizeof body, "An error occurred (%s) when calling the AssumeRoleWithWebIdentity operation: %s\n",
		         t[i].code, msg);
		put(body);
		explain_json_valid("explain_error", 1, t[i].id);
		snprintf(body, sizeof body, "botocore said %s: %s\n", t[i].code, msg);
		put(body);
		explain_json_valid("explain_error", 1, t[i].id);
	}
	put("<ErrorResponse><Error><Code>NoSuchThing</Code><Message>new</Message></Error></ErrorResponse>");
	explain_json_valid("explain_error", 1, "unknown code");
	assert_non_null(strstr(outbuf, "\"catalogue\": null"));
	put(success_xml);
	explain_json_valid("explain_success", 0, "success (XML)");
	put("{\"AssumeRoleWithWebIdentityResponse\":{\"AssumeRoleWithWebIdentityResult\":{"
	    "\"AssumedRoleUser\":{\"Arn\":\"arn:aws:sts::111122223333:assumed-role/my-role/sess1\","
	    "\"AssumedRoleId\":\"AROAEXAMPLEEXAMPLE123:sess1\"},\"Audience\":\"sts.amazonaws.com\","
	    "\"Credentials\":{\"AccessKeyId\":\"" KEY "\",\"Expiration\":1.414191623E9,"
	    "\"SecretAccessKey\":\"" SECRET "\",\"SessionToken\":\"" STOKEN "\"},\"PackedPolicySize\":null,"
	    "\"Provider\":\"arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/ABC\","
	    "\"SourceIdentity\":null,\"SubjectFromWebIdentityToken\":\"system:serviceaccount:ns:sa\"},"
	    "\"ResponseMetadata\":{\"RequestId\":\"r2\"}}}");
	explain_json_valid("explain_success", 0, "success (JSON)");
	assert_non_null(strstr(outbuf, "\"form\": \"json\""));
	no_secrets();
}

static void test_explain_show_credentials(void **state)
{
	const char *env[] = { "stsverify", "explain", file, "--show-credentials", "--format", "env", "--now",
		"2026-11-28T10:00:00Z", NULL };
	const char *cp[] = { "stsverify", "explain", file, "--format", "credential-process", "--show-credentials",
		"--now", "2026-11-28T10:00:00Z", NULL };
	(void)state;
	put(success_xml);
	assert_int_equal(cli(env), 0);
	assert_string_equal(outbuf, "export AWS_ACCESS_KEY_ID=" KEY "\nexport AWS_SECRET_ACCESS_KEY=" SECRET
	                            "\nexport AWS_SESSION_TOKEN=" STOKEN "\n");
	assert_string_equal(errbuf, "stsverify: explain: warning: the output holds live credentials, valid until "
	                            "2026-11-28T11:00:00Z (1 h)\n");
	assert_int_equal(cli(cp), 0);
	assert_string_equal(outbuf, "{\"Version\": 1, \"AccessKeyId\": \"" KEY "\", \"SecretAccessKey\": \"" SECRET
	                            "\", \"SessionToken\": \"" STOKEN "\", \"Expiration\": \"2026-11-28T11:00:00Z\"}\n");
}

static void test_explain_usage_errors(void **state)
{
	const char *show_text[] = { "stsverify", "explain", file, "--show-credentials", NULL };
	const char *show_json[] = { "stsverify", "explain", file, "--show-credentials", "--format", "json", NULL };
	const char *env_only[] = { "stsverify", "explain", file, "--format", "env", NULL };
	const char *argv[] = { "stsverify", "explain", file, NULL };
	const char *show_err[] = { "stsverify", "explain", file, "--show-credentials", "--format", "env", NULL };
	(void)state;
	put(success_xml);
	assert_int_equal(cli(show_text), 2);
	assert_string_equal(errbuf, "stsverify: explain: --show-credentials prints them only as --format env or "
	                            "--format credential-process\n" EXPLAIN_HINT);
	assert_string_equal(outbuf, "");
	assert_int_equal(cli(show_json), 2);
	assert_string_equal(outbuf, "");
	assert_int_equal(cli(env_only), 2);
	assert_string_equal(errbuf, "stsverify: explain: --format env prints the secret key and session token: add "
	                            "--show-credentials to say so\n" EXPLAIN_HINT);
	assert_string_equal(outbuf, "");
	/* an error body has no credentials */
	put("<ErrorResponse><Error><Code>AccessDenied</Code><Message>Not authorized to perform "
	    "sts:AssumeRoleWithWebIdentity</Message></Error></ErrorResponse>");
	assert_int_equal(cli(show_err), 2);
	assert_string_equal(errbuf, "stsverify: explain: the answer is an error (AccessDenied); there are no "
	                            "credentials to show\n"
	                            "hint: run it without --show-credentials and --format env/credential-process to "
	                            "see what the error means\n");
	/* malformed bodies are input errors with a position, never a guess */
	put("<ErrorResponse><Error><Code>InvalidIdentityToken</Message></Error></ErrorResponse>");
	assert_int_equal(cli(argv), 2);
	{
		char want[768];
		snprintf(want, sizeof want, "stsverify: explain: %s: offset 48: </Message> does not close <Code> opened "
		         "at offset 22\nhint: " ANSWER_IS, file);
		assert_string_equal(errbuf, want);
		put("{\"Error\": ");
		assert_int_equal(cli(argv), 2);
		snprintf(want, sizeof want, "stsverify: explain: %s: truncated document\n"
		         "hint: not valid JSON (cut short, or saved as text or YAML?); " ANSWER_IS, file);
		assert_string_equal(errbuf, want);
	}
	{
		const char *none[] = { "stsverify", "explain", "build/no-such-answer", NULL };
		assert_int_equal(cli(none), 2);
		assert_string_equal(errbuf, "stsverify: answer: build/no-such-answer: no such file\n"
		                            "hint: check the path; the answer file comes from `aws sts "
		                            "assume-role-with-web-identity ... 2>&1` or the curl command `stsverify request "
		                            "--format curl` prints\n");
	}
	put("<!DOCTYPE x [<!ENTITY a \"aaaa\">]><ErrorResponse><Error><Code>&a;</Code></Error></ErrorResponse>");
	assert_int_equal(cli(argv), 2);
	assert_non_null(strstr(errbuf, "<!DOCTYPE> refused"));
	put("nothing to see here\n");
	assert_int_equal(cli(argv), 2);
	assert_non_null(strstr(errbuf, "not an STS answer"));
}

/* explain reads stdin when no FILE (or "-") is given: what a user pipes from the CLI. */
static void test_explain_from_stdin(void **state)
{
	const char *byfile[] = { "stsverify", "explain", file, NULL };
	const char *dash[] = { "stsverify", "explain", "-", NULL };
	const char *none[] = { "stsverify", "explain", NULL };
	static char want[sizeof outbuf];
	int fd, saved;
	(void)state;
	put("An error occurred (InvalidIdentityToken) when calling the AssumeRoleWithWebIdentity operation: "
	    "No OpenIDConnect provider found in your account for https://oidc.eks.us-west-2.amazonaws.com/id/X\n");
	assert_int_equal(cli(byfile), 1);
	snprintf(want, sizeof want, "%s", outbuf);
	assert_non_null(strstr(want, "(catalogue entry iit.no-provider;"));
	saved = dup(0);
	assert_true(saved >= 0);
	fd = open(file, O_RDONLY);
	assert_true(fd >= 0);
	assert_int_equal(dup2(fd, 0), 0);
	assert_int_equal(cli(dash), 1);
	assert_string_equal(outbuf, want);
	assert_int_equal(lseek(0, 0, SEEK_SET), 0);
	assert_int_equal(cli(none), 1);
	assert_string_equal(outbuf, want);
	assert_int_equal(dup2(saved, 0), 0);
	close(saved);
	close(fd);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_explain_every_catalogue_entry),
		cmocka_unit_test(test_explain_json_schema),
		cmocka_unit_test(test_explain_audience_golden),
		cmocka_unit_test(test_explain_misleading_no_provider),
		cmocka_unit_test(test_explain_sdk_text),
		cmocka_unit_test(test_explain_success_hides_secrets),
		cmocka_unit_test(test_explain_show_credentials),
		cmocka_unit_test(test_explain_usage_errors),
		cmocka_unit_test(test_explain_from_stdin),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
