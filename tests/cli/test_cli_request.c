#define _POSIX_C_SOURCE 200809L
/*
 * test_cli_request.c -- `stsverify request`, driven in-process: exact bytes
 * on stdout, exact notes on stderr, env versus flag precedence. The
 * environment is cleared of AWS_* and HOME points nowhere, so nothing from
 * the machine running the tests leaks in.
 */
#include "schema.h"
#include "harness.h"

#include <dirent.h>

#include <time.h>
#include <unistd.h>

static char dir[64], tok[96], toknl[96], pol[96], secret_ini[96], secret_json[96], cfg[96];

#define ARN "arn:aws:iam::111122223333:role/my-role"
#define JWT "eyJhbGciOiJSUzI1NiIsImtpZCI6ImFiYyJ9.eyJpc3MiOiJodHRwczovL2V4YW1wbGUifQ.c2ln-_x"
#define EARN "arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fmy-role"
#define EARNF "arn%%3Aaws%%3Aiam%%3A%%3A111122223333%%3Arole%%2Fmy-role"   /* inside a printf format */
#define HDRS(host, len) "Host: " host "\r\nContent-Type: application/x-www-form-urlencoded; charset=utf-8\r\n" \
	"Content-Length: " len "\r\n\r\n"
#define BEARER "stsverify: request: warning: the output holds the whole token, a bearer credential: " \
	"whoever has it can assume the role until it expires; --redact replaces its signature for sharing\n"

static void put(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void clean_env(void)
{
	static const char *const vars[] = { "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_SESSION_NAME",
		"AWS_REGION", "AWS_DEFAULT_REGION", "AWS_STS_REGIONAL_ENDPOINTS", "AWS_ENDPOINT_URL",
		"AWS_ENDPOINT_URL_STS", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_CONFIG_FILE",
		"AWS_SHARED_CREDENTIALS_FILE", "AWS_USE_FIPS_ENDPOINT", "AWS_USE_DUALSTACK_ENDPOINT",
		"AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY" };
	size_t i;
	for (i = 0; i < sizeof vars / sizeof vars[0]; i++)
		unsetenv(vars[i]);
	setenv("HOME", "/nonexistent-home-for-tests", 1);
}

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/stsverify-request-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(tok, sizeof tok, "%s/token", dir);
	snprintf(toknl, sizeof toknl, "%s/token-nl", dir);
	snprintf(pol, sizeof pol, "%s/policy.json", dir);
	snprintf(secret_ini, sizeof secret_ini, "%s/credentials", dir);
	snprintf(secret_json, sizeof secret_json, "%s/secret.json", dir);
	snprintf(cfg, sizeof cfg, "%s/config", dir);
	put(tok, JWT);
	put(toknl, JWT "\n");
	put(pol, "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"s3:*\",\"Resource\":\"*\"}]}\n");
	clean_env();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	unlink(tok);
	unlink(toknl);
	unlink(pol);
	unlink(secret_ini);
	unlink(secret_json);
	unlink(cfg);
	rmdir(dir);
	clean_env();
	return 0;
}

/* the line of stderr starting with prefix, or NULL */
static const char *err_line(const char *prefix)
{
	const char *p = errbuf;
	size_t l = strlen(prefix);
	while (p && *p) {
		if (strncmp(p, prefix, l) == 0)
			return p;
		p = strchr(p, '\n');
		if (p)
			p++;
	}
	return NULL;
}

/* ---- the spec's sample, byte for byte -------------------------------- */

#define REQUEST_HINT "hint: run `stsverify help request` for its options and what each one takes\n"

static void test_request_sample_a5(void **state)
{
	const char *argv[] = { "stsverify", "request", "--token", tok, "--role-arn", ARN, "--session-name", "sess1",
		"--duration", "3600", "--endpoint-url", "http://127.0.0.1:18081", NULL };
	(void)state;
	clean_env();
	assert_int_equal(cli(argv), 0);
	assert_string_equal(outbuf,
	    "POST / HTTP/1.1\r\n" HDRS("127.0.0.1:18081", "250")
	    "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=" EARN
	    "&RoleSessionName=sess1&WebIdentityToken=" JWT "&DurationSeconds=3600");
	assert_string_equal(errbuf,
	    "stsverify: request: inputs: role ARN (flag), token file (flag), session name (flag), region (not set)\n"
	    "stsverify: request: POST http://127.0.0.1:18081/: custom endpoint URL (it overrides regional/legacy, "
	    "FIPS and dual-stack)\n" BEARER);
}

/* ---- endpoints through flags and env --------------------------------- */

static const struct {
	const char *name;
	const char *env[3][2];
	const char *flags[4];
	const char *first_lines;   /* request line and Host */
} eps[] = {
	{ "no region: global", { { NULL, NULL } }, { NULL }, "POST / HTTP/1.1\r\nHost: sts.amazonaws.com\r\n" },
	{ "flag region", { { NULL, NULL } }, { "--region", "eu-west-1", NULL },
	  "POST / HTTP/1.1\r\nHost: sts.eu-west-1.amazonaws.com\r\n" },
	{ "AWS_DEFAULT_REGION", { { "AWS_DEFAULT_REGION", "ap-south-1" } }, { NULL },
	  "POST / HTTP/1.1\r\nHost: sts.ap-south-1.amazonaws.com\r\n" },
	{ "flag beats env region", { { "AWS_DEFAULT_REGION", "ap-south-1" } }, { "--region", "us-west-2", NULL },
	  "POST / HTTP/1.1\r\nHost: sts.us-west-2.amazonaws.com\r\n" },
	{ "botocore ignores AWS_REGION", { { "AWS_REGION", "us-west-2" } }, { NULL },
	  "POST / HTTP/1.1\r\nHost: sts.amazonaws.com\r\n" },
	{ "cli-v2 reads AWS_REGION", { { "AWS_REGION", "us-west-2" }, { "AWS_DEFAULT_REGION", "eu-west-1" } },
	  { "--sdk", "cli-v2", NULL }, "POST / HTTP/1.1\r\nHost: sts.us-west-2.amazonaws.com\r\n" },
	{ "env legacy", { { "AWS_DEFAULT_REGION", "us-east-1" }, { "AWS_STS_REGIONAL_ENDPOINTS", "legacy" } }, { NULL },
	  "POST / HTTP/1.1\r\nHost: sts.amazonaws.com\r\n" },
	{ "flag regional beats env legacy", { { "AWS_DEFAULT_REGION", "us-east-1" }, { "AWS_STS_REGIONAL_ENDPOINTS", "legacy" } },
	  { "--sts-endpoint", "regional", NULL }, "POST / HTTP/1.1\r\nHost: sts.us-east-1.amazonaws.com\r\n" },
	{ "legacy, region not among the 16", { { NULL, NULL } }, { "--region", "af-south-1", "--sts-endpoint", "legacy" },
	  "POST / HTTP/1.1\r\nHost: sts.af-south-1.amazonaws.com\r\n" },
	{ "old botocore defaults to legacy", { { "AWS_DEFAULT_REGION", "eu-west-1" } }, { "--sdk", "botocore-old", NULL },
	  "POST / HTTP/1.1\r\nHost: sts.amazonaws.com\r\n" },
	{ "fips env", { { "AWS_DEFAULT_REGION", "us-east-1" }, { "AWS_USE_FIPS_ENDPOINT", "true" } }, { NULL },
	  "POST / HTTP/1.1\r\nHost: sts-fips.us-east-1.amazonaws.com\r\n" },
	{ "fips govcloud", { { NULL, NULL } }, { "--region", "us-gov-west-1", "--fips", NULL },
	  "POST / HTTP/1.1\r\nHost: sts.us-gov-west-1.amazonaws.com\r\n" },
	{ "dualstack china", { { NULL, NULL } }, { "--region", "cn-north-1", "--dualstack", NULL },
	  "POST / HTTP/1.1\r\nHost: sts.cn-north-1.api.amazonwebservices.com.cn\r\n" },
	{ "china", { { NULL, NULL } }, { "--region", "cn-northwest-1", NULL },
	  "POST / HTTP/1.1\r\nHost: sts.cn-northwest-1.amazonaws.com.cn\r\n" },
	{ "iso-b", { { NULL, NULL } }, { "--region", "us-isob-east-1", NULL },
	  "POST / HTTP/1.1\r\nHost: sts.us-isob-east-1.sc2s.sgov.gov\r\n" },
	{ "AWS_ENDPOINT_URL_STS beats AWS_ENDPOINT_URL", { { "AWS_ENDPOINT_URL", "https://a.example" },
	  { "AWS_ENDPOINT_URL_STS", "https://sts.example.internal:8443/x" } }, { "--region", "us-east-1", NULL },
	  "POST /x HTTP/1.1\r\nHost: sts.example.internal:8443\r\n" },
	{ "flag URL beats env", { { "AWS_ENDPOINT_URL_STS", "https://sts.example.internal:8443" } },
	  { "--endpoint-url", "http://localhost:80", NULL }, "POST / HTTP/1.1\r\nHost: localhost\r\n" },
	{ "old botocore ignores AWS_ENDPOINT_URL_STS", { { "AWS_ENDPOINT_URL_STS", "https://sts.example.internal" } },
	  { "--sdk", "botocore-old", NULL }, "POST / HTTP/1.1\r\nHost: sts.amazonaws.com\r\n" },
};

static void test_request_endpoints(void **state)
{
	size_t i, k;
	(void)state;
	for (i = 0; i < sizeof eps / sizeof eps[0]; i++) {
		const char *argv[16] = { "stsverify", "request", "--token", tok, "--role-arn", ARN, "--session-name", "s1" };
		int argc = 8, rc;
		clean_env();
		for (k = 0; k < 3 && eps[i].env[k][0]; k++)
			setenv(eps[i].env[k][0], eps[i].env[k][1], 1);
		for (k = 0; k < 4 && eps[i].flags[k]; k++)
			argv[argc++] = eps[i].flags[k];
		argv[argc] = NULL;
		rc = cli(argv);
		if (rc != 0 || strncmp(outbuf, eps[i].first_lines, strlen(eps[i].first_lines)) != 0)
			fail_msg("case %s: exit %d\n%s\n%s", eps[i].name, rc, outbuf, errbuf);
	}
	clean_env();
}

static void request_json_valid(const char *label)
{
	char why[512];
	if (ts_schema_check_def("request", outbuf, outlen, why, sizeof why) != 0)
		fail_msg("%s: not a request document of docs/json-schema.json: %s\n%s", label, why, outbuf);
}

/* request --format json against docs/json-schema.json: every endpoint case above, redacted and not,
   with the optional parameters, and every fixture bundle's token and credentials. */
static void test_request_json_schema(void **state)
{
	size_t i, k;
	int bundles = 0;
	DIR *dp;
	struct dirent *de;
	(void)state;
	ts_schema_load();
	for (i = 0; i < sizeof eps / sizeof eps[0]; i++) {
		const char *argv[20] = { "stsverify", "request", "--token", tok, "--role-arn", ARN, "--session-name", "s1",
			                     "--format", "json" };
		int argc = 10;
		clean_env();
		for (k = 0; k < 3 && eps[i].env[k][0]; k++)
			setenv(eps[i].env[k][0], eps[i].env[k][1], 1);
		for (k = 0; k < 4 && eps[i].flags[k]; k++)
			argv[argc++] = eps[i].flags[k];
		if (i % 2) {
			argv[argc++] = "--redact";
			argv[argc++] = "--duration";
			argv[argc++] = "900";
			argv[argc++] = "--policy-arn";
			argv[argc++] = "arn:aws:iam::aws:policy/ReadOnlyAccess";
		}
		argv[argc] = NULL;
		if (cli(argv) != 0)
			fail_msg("case %s: exit not 0\n%s", eps[i].name, errbuf);
		request_json_valid(eps[i].name);
		assert_non_null(strstr(outbuf, i % 2 ? "\"redacted\": true" : "\"redacted\": false"));
	}
	clean_env();
	dp = opendir("fixtures/bundles");
	assert_non_null(dp);
	while ((de = readdir(dp)) != NULL) {
		char t[512], c[512];
		const char *argv[] = { "stsverify", "request", "--token", t, "--credentials", c, "--format", "json",
			                   "--session-name", "s1", "--force", NULL };
		if (de->d_name[0] == '.')
			continue;
		snprintf(t, sizeof t, "fixtures/bundles/%s/token", de->d_name);
		snprintf(c, sizeof c, "fixtures/bundles/%s/credentials", de->d_name);
		if (access(t, R_OK) != 0 || access(c, R_OK) != 0)
			continue;
		if (cli(argv) != 0) {
			/* the one bundle whose credentials name no role: an input error, no document */
			if (strcmp(de->d_name, "openshift-role-arn-empty") != 0)
				fail_msg("bundle %s: exit not 0\n%s", de->d_name, errbuf);
			continue;
		}
		request_json_valid(de->d_name);
		bundles++;
	}
	closedir(dp);
	assert_true(bundles >= 10);
	clean_env();
}

static void test_request_region_notes(void **state)
{
	const char *argv[] = { "stsverify", "request", "--token", tok, "--role-arn", ARN, "--session-name", "s1",
		"--endpoint-url", "https://sts.example", "--fips", NULL };
	(void)state;
	clean_env();
	setenv("AWS_REGION", "us-west-2", 1);
	assert_int_equal(cli(argv), 0);
	assert_non_null(err_line("stsverify: request: note: FIPS is ignored with a custom endpoint URL, as botocore does\n"));
	assert_non_null(err_line("stsverify: request: note: botocore ignores AWS_REGION=us-west-2 (it reads "
	                         "AWS_DEFAULT_REGION); the AWS CLI v2 and the other SDKs use it (--sdk cli-v2)\n"));
	clean_env();
}

/* ---- inputs: env versus flags versus files ---------------------------- */

static void test_request_env_inputs_and_generated_session(void **state)
{
	const char *argv[] = { "stsverify", "request", "--now", "1790000000", NULL };
	(void)state;
	clean_env();
	setenv("AWS_ROLE_ARN", ARN, 1);
	setenv("AWS_WEB_IDENTITY_TOKEN_FILE", tok, 1);
	setenv("AWS_DEFAULT_REGION", "us-west-2", 1);
	assert_int_equal(cli(argv), 0);
	assert_string_equal(outbuf,
	    "POST / HTTP/1.1\r\n" HDRS("sts.us-west-2.amazonaws.com", "251")
	    "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=" EARN
	    "&RoleSessionName=botocore-session-1790000000&WebIdentityToken=" JWT);
	assert_string_equal(errbuf,
	    "stsverify: request: inputs: role ARN (env AWS_ROLE_ARN), token file (env AWS_WEB_IDENTITY_TOKEN_FILE), "
	    "session name (generated), region (env AWS_DEFAULT_REGION)\n"
	    "stsverify: request: POST https://sts.us-west-2.amazonaws.com/: regional\n"
	    "stsverify: request: no session name given: generated botocore-session-1790000000 as botocore's "
	    "credential provider does (--session-name or AWS_ROLE_SESSION_NAME sets one; the AWS CLI command needs one)\n"
	    BEARER);
	clean_env();
}

/* Without --now the clock is the platform's (port/), read once: the generated session name is
   botocore-session-<this second>. */
static void test_request_default_clock_is_the_platform(void **state)
{
	const char *argv[] = { "stsverify", "request", "--token", tok, "--role-arn", ARN, NULL };
	const char *p;
	long long t0, t1, v;
	(void)state;
	clean_env();
	t0 = (long long)time(NULL);
	assert_int_equal(cli(argv), 0);
	t1 = (long long)time(NULL);
	p = strstr(outbuf, "&RoleSessionName=botocore-session-");
	assert_non_null(p);
	v = strtoll(p + strlen("&RoleSessionName=botocore-session-"), NULL, 10);
	if (v < t0 || v > t1)
		fail_msg("session name time %lld is not between %lld and %lld", v, t0, t1);
}

static void test_request_flag_beats_env(void **state)
{
	const char *argv[] = { "stsverify", "request", "--role-arn", "arn:aws:iam::444455556666:role/flag",
		"--session-name", "flagsess", "--order", "provider", NULL };
	(void)state;
	clean_env();
	setenv("AWS_ROLE_ARN", ARN, 1);
	setenv("AWS_WEB_IDENTITY_TOKEN_FILE", tok, 1);
	setenv("AWS_ROLE_SESSION_NAME", "envsess", 1);
	assert_int_equal(cli(argv), 0);
	assert_non_null(strstr(outbuf, "\r\n\r\nAction=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleSessionName=flagsess"
	                                "&RoleArn=arn%3Aaws%3Aiam%3A%3A444455556666%3Arole%2Fflag&WebIdentityToken="));
	/* the env session name, in the provider's order: RoleSessionName first */
	{
		const char *argv2[] = { "stsverify", "request", "--order", "provider", NULL };
		assert_int_equal(cli(argv2), 0);
		assert_non_null(strstr(outbuf, "\r\n\r\nAction=AssumeRoleWithWebIdentity&Version=2011-06-15"
		                                "&RoleSessionName=envsess&RoleArn=" EARN "&WebIdentityToken=" JWT));
		assert_non_null(strstr(errbuf, "session name (env AWS_ROLE_SESSION_NAME)"));
	}
	clean_env();
}

static void test_request_openshift_secret(void **state)
{
	/* exactly what `oc extract secret/cloud-credentials --to=-` prints (STS-FACTS h) */
	char ini[512], json[1024];
	const char *argv[] = { "stsverify", "request", "--credentials", secret_ini, "--session-name", "s1", NULL };
	const char *argvj[] = { "stsverify", "request", "--credentials", secret_json, "--session-name", "s1", NULL };
	(void)state;
	clean_env();
	snprintf(ini, sizeof ini, "[default]\nsts_regional_endpoints = regional\nrole_arn = " ARN
	         "\nweb_identity_token_file = %s\n", tok);
	put(secret_ini, ini);
	assert_int_equal(cli(argv), 0);
	assert_non_null(strstr(outbuf, "RoleArn=" EARN "&RoleSessionName=s1&WebIdentityToken=" JWT));
	assert_non_null(strstr(errbuf, "role ARN (" ));
	assert_non_null(strstr(errbuf, "/credentials line 3, role_arn)"));
	/* the same Secret as `oc get secret cloud-credentials -o json` */
	{
		static const char al[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
		char b64[700];
		size_t i, o = 0, n = strlen(ini);
		for (i = 0; i < n; i += 3) {
			uint32_t v = (uint32_t)(unsigned char)ini[i] << 16;
			if (i + 1 < n) v |= (uint32_t)(unsigned char)ini[i + 1] << 8;
			if (i + 2 < n) v |= (unsigned char)ini[i + 2];
			b64[o++] = al[v >> 18];
			b64[o++] = al[(v >> 12) & 63];
			b64[o++] = i + 1 < n ? al[(v >> 6) & 63] : '=';
			b64[o++] = i + 2 < n ? al[v & 63] : '=';
		}
		b64[o] = 0;
		snprintf(json, sizeof json, "{\"apiVersion\":\"v1\",\"data\":{\"credentials\":\"%s\"},\"kind\":\"Secret\","
		         "\"metadata\":{\"name\":\"cloud-credentials\",\"namespace\":\"openshift-ingress-operator\"},"
		         "\"type\":\"Opaque\"}\n", b64);
		put(secret_json, json);
		assert_int_equal(cli(argvj), 0);
		assert_non_null(strstr(outbuf, "RoleArn=" EARN "&RoleSessionName=s1&WebIdentityToken=" JWT));
	}
	/* env still wins per key over the Secret's profile */
	setenv("AWS_ROLE_ARN", "arn:aws:iam::444455556666:role/env", 1);
	assert_int_equal(cli(argv), 0);
	assert_non_null(strstr(outbuf, "RoleArn=arn%3Aaws%3Aiam%3A%3A444455556666%3Arole%2Fenv&"));
	clean_env();
}

static void test_request_profile_disables_env(void **state)
{
	char text[512];
	const char *argv[] = { "stsverify", "request", "--config", cfg, "--profile", "app", "--session-name", "s1", NULL };
	(void)state;
	clean_env();
	snprintf(text, sizeof text, "[profile app]\nrole_arn = " ARN "\nweb_identity_token_file = %s\nregion = eu-west-3\n"
	         "sts_regional_endpoints = legacy\n", tok);
	put(cfg, text);
	setenv("AWS_ROLE_ARN", "arn:aws:iam::444455556666:role/env", 1);
	assert_int_equal(cli(argv), 0);
	assert_non_null(strstr(outbuf, "Host: sts.amazonaws.com\r\n"));   /* eu-west-3 + legacy: global */
	assert_non_null(strstr(outbuf, "RoleArn=" EARN "&"));
	/* a profile that does not exist: botocore's words */
	{
		const char *argv2[] = { "stsverify", "request", "--config", cfg, "--profile", "nope", NULL };
		assert_int_equal(cli(argv2), 2);
		assert_string_equal(errbuf, "stsverify: request: The config profile (nope) could not be found\n"
		                            "hint: the profile comes from --profile or AWS_PROFILE; `aws configure "
		                            "list-profiles` lists the ones the files define\n");
	}
	clean_env();
}

static void test_request_missing_inputs(void **state)
{
	const char *no_token[] = { "stsverify", "request", "--role-arn", ARN, NULL };
	const char *no_role[] = { "stsverify", "request", NULL };
	const char *no_role_flag[] = { "stsverify", "request", "--token", tok, NULL };
	const char *bad_region[] = { "stsverify", "request", "--token", tok, "--role-arn", ARN, "--session-name", "s1",
		"--region", "us_east_1", NULL };
	const char *missing_file[] = { "stsverify", "request", "--token", "/nonexistent/token", "--role-arn", ARN, NULL };
	(void)state;
	clean_env();
	assert_int_equal(cli(no_token), 2);
	assert_string_equal(errbuf, "stsverify: request: no token: give --token FILE or set AWS_WEB_IDENTITY_TOKEN_FILE "
	                            "(or web_identity_token_file in a profile)\n"
	                            "hint: in the pod, `env | grep AWS_` shows what the SDK sees; without "
	                            "AWS_WEB_IDENTITY_TOKEN_FILE it never tries web identity\n");
	setenv("AWS_WEB_IDENTITY_TOKEN_FILE", tok, 1);
	assert_int_equal(cli(no_role), 2);
	assert_string_equal(errbuf, "stsverify: request: The provided profile or the current environment is configured "
	                            "to assume role with web identity but has no role ARN configured. Ensure that the "
	                            "profile has the role_arnconfiguration set or the AWS_ROLE_ARN env var is set.\n"
	                            "hint: botocore fails the same way; set AWS_ROLE_ARN beside AWS_WEB_IDENTITY_TOKEN_FILE "
	                            "(the EKS webhook and OpenShift's cloud-credentials set both), or give --role-arn ARN\n");
	clean_env();
	assert_int_equal(cli(no_role_flag), 2);
	assert_string_equal(errbuf, "stsverify: request: no role ARN: give --role-arn ARN or set AWS_ROLE_ARN (or role_arn "
	                            "in a profile)\n"
	                            "hint: the role ARN is the service account's eks.amazonaws.com/role-arn annotation "
	                            "(EKS) or role_arn in the cloud-credentials Secret (OpenShift)\n");
	assert_int_equal(cli(bad_region), 2);
	assert_string_equal(errbuf, "stsverify: request: Provided region_name 'us_east_1' doesn't match a supported format.\n"
	                            "hint: a region is written like us-east-1; it comes from --region, AWS_REGION, "
	                            "AWS_DEFAULT_REGION or the profile's region\n");
	assert_int_equal(cli(missing_file), 2);
	assert_string_equal(errbuf, "stsverify: token: /nonexistent/token: no such file\n"
	                            "hint: check the path; the token file comes from `kubectl create token SA -n NS "
	                            "--audience sts.amazonaws.com` or the pod's $AWS_WEB_IDENTITY_TOKEN_FILE\n");
	{
		const char *empty[] = { "stsverify", "request", "--token", "/dev/null", "--role-arn", ARN, NULL };
		const char *nopol[] = { "stsverify", "request", "--token", tok, "--role-arn", ARN, "--policy",
		                        "/nonexistent/policy.json", NULL };
		const char *badurl[] = { "stsverify", "request", "--token", tok, "--role-arn", ARN, "--endpoint-url",
		                         "ftp://sts.example.com", NULL };
		static char longpath[1100];
		const char *envtok[] = { "stsverify", "request", "--role-arn", ARN, NULL };
		memset(longpath, 'a', sizeof longpath - 1);
		setenv("AWS_WEB_IDENTITY_TOKEN_FILE", longpath, 1);
		assert_int_equal(cli(envtok), 2);
		assert_string_equal(errbuf, "stsverify: request: token path longer than 1023 bytes\n"
		                            "hint: copy the token to a shorter path and give it as --token FILE\n");
		unsetenv("AWS_WEB_IDENTITY_TOKEN_FILE");
		assert_int_equal(cli(empty), 2);
		assert_string_equal(errbuf, "stsverify: token: /dev/null: the file is empty\n"
		                            "hint: the file holds no token; get one with `kubectl create token SA -n NS "
		                            "--audience sts.amazonaws.com > FILE`, or copy the pod's "
		                            "$AWS_WEB_IDENTITY_TOKEN_FILE\n");
		assert_int_equal(cli(nopol), 2);
		assert_string_equal(errbuf, "stsverify: policy: /nonexistent/policy.json: no such file\n"
		                            "hint: check the path; the policy file comes from the document you would pass as "
		                            "`aws sts assume-role-with-web-identity --policy file://FILE`\n");
		assert_int_equal(cli(badurl), 2);
		assert_string_equal(errbuf, "stsverify: request: endpoint URL \"ftp://sts.example.com\": the scheme must "
		                            "be http or https\n"
		                            "hint: the endpoint URL comes from --endpoint-url, AWS_ENDPOINT_URL_STS, "
		                            "AWS_ENDPOINT_URL or the profile's endpoint_url; give https://HOST[:PORT], or "
		                            "unset it for STS's own endpoint\n");
	}
}

/* ---- the token file's newline ------------------------------------------ */

static void test_request_trailing_newline(void **state)
{
	const char *argv[] = { "stsverify", "request", "--token", toknl, "--role-arn", ARN, "--session-name", "s1", NULL };
	const char *strip[] = { "stsverify", "request", "--token", toknl, "--role-arn", ARN, "--session-name", "s1",
		"--strip-newline", NULL };
	char want[512];
	(void)state;
	clean_env();
	assert_int_equal(cli(argv), 0);
	assert_non_null(strstr(outbuf, "Content-Length: 229\r\n"));
	assert_true(outlen > 3 && memcmp(outbuf + outlen - 3, "%0A", 3) == 0);
	snprintf(want, sizeof want, "stsverify: request: warning: %s ends with a line break; the SDKs send the file "
	         "verbatim, so the token ends in %%0A (whether STS accepts that is unconfirmed); --strip-newline drops it\n",
	         toknl);
	assert_non_null(err_line(want));
	assert_int_equal(cli(strip), 0);
	assert_non_null(strstr(outbuf, "Content-Length: 226\r\n"));
	assert_true(memcmp(outbuf + outlen - 7, "c2ln-_x", 7) == 0);
	assert_null(strstr(errbuf, "line break"));
}

/* ---- validation -------------------------------------------------------- */

static void test_request_validation(void **state)
{
	const char *argv[] = { "stsverify", "request", "--token", tok, "--role-arn", ARN, "--session-name", "a/b", NULL };
	const char *force[] = { "stsverify", "request", "--token", tok, "--role-arn", ARN, "--session-name", "a/b",
		"--force", NULL };
	const char *one[] = { "stsverify", "request", "--token", tok, "--role-arn", ARN, "--session-name", "a", NULL };
	const char *euro[] = { "stsverify", "request", "--token", tok, "--role-arn", ARN, "--session-name", "ok",
		"--policy", secret_ini, NULL };
	(void)state;
	clean_env();
	assert_int_equal(cli(argv), 1);
	assert_string_equal(outbuf, "");
	assert_non_null(err_line("stsverify: request: STS would reject this request: ValidationError: 1 validation "
	                         "error detected: Value 'a/b' at 'roleSessionName' failed to satisfy constraint: Member "
	                         "must satisfy regular expression pattern: [\\w+=,.@-]*\n"));
	assert_non_null(err_line("hint: fix it, or print it anyway with --force\n"));
	assert_int_equal(cli(force), 0);
	assert_non_null(strstr(outbuf, "&RoleSessionName=a%2Fb&"));
	assert_non_null(err_line("stsverify: request: warning: STS would reject this request: ValidationError:"));
	/* too short: botocore would stop before sending, in its own words */
	assert_int_equal(cli(one), 1);
	assert_non_null(err_line("stsverify: request: botocore would not even send it: Invalid length for parameter "
	                         "RoleSessionName, value: 1, valid min length: 2\n"));
	/* a policy character above U+00FF */
	put(secret_ini, "{\"Sid\":\"\xe2\x82\xac\"}");
	assert_int_equal(cli(euro), 1);
	assert_non_null(err_line("stsverify: request: STS would reject this request: Policy: the character at byte 8 "
	                         "(U+20AC) is outside the pattern [\\u0009\\u000A\\u000D\\u0020-\\u00FF] (stsverify's words; "
	                         "STS's exact text is not known)\n"));
}

/* ---- formats ------------------------------------------------------------ */

static void test_request_redact(void **state)
{
	const char *argv[] = { "stsverify", "request", "--token", toknl, "--role-arn", ARN, "--session-name", "s1",
		"--redact", NULL };
	const char *json[] = { "stsverify", "request", "--token", toknl, "--role-arn", ARN, "--session-name", "s1",
		"--redact", "--format", "json", NULL };
	(void)state;
	clean_env();
	assert_int_equal(cli(argv), 0);
	assert_null(strstr(outbuf, "c2ln-_x"));
	assert_non_null(strstr(outbuf, "Content-Length: 230\r\n"));
	assert_non_null(strstr(outbuf, "&WebIdentityToken=eyJhbGciOiJSUzI1NiIsImtpZCI6ImFiYyJ9."
	                                "eyJpc3MiOiJodHRwczovL2V4YW1wbGUifQ.REDACTED%0A"));
	assert_null(strstr(errbuf, "bearer credential"));
	assert_int_equal(cli(json), 0);
	assert_null(strstr(outbuf, "c2ln-_x"));
	assert_non_null(strstr(outbuf, "\"redacted\": true"));
}

static void test_request_curl(void **state)
{
	const char *argv[] = { "stsverify", "request", "--token", tok, "--role-arn", ARN, "--session-name", "a b'c",
		"--duration", "900", "--region", "us-west-2", "--format", "curl", "--force", NULL };
	char want[2048];
	(void)state;
	clean_env();
	assert_int_equal(cli(argv), 0);
	snprintf(want, sizeof want,
	         "curl --http1.1 -sS https://sts.us-west-2.amazonaws.com/ \\\n"
	         "  -H 'Content-Type: application/x-www-form-urlencoded; charset=utf-8' \\\n"
	         "  -H 'Accept:' -H 'User-Agent:' -H 'Expect:' \\\n"
	         "  --data-binary 'Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=" EARNF
	         "&RoleSessionName=a+b%%27c' \\\n"
	         "  --data-urlencode WebIdentityToken@%s \\\n"
	         "  --data-binary 'DurationSeconds=900'\n", tok);
	assert_string_equal(outbuf, want);
	assert_null(strstr(outbuf, "c2ln-_x"));      /* the token stays in its file */
	assert_null(strstr(errbuf, "bearer credential"));
}

static void test_request_awscli(void **state)
{
	const char *argv[] = { "stsverify", "request", "--token", toknl, "--role-arn", ARN, "--session-name", "s1",
		"--policy", pol, "--policy-arn", "arn:aws:iam::aws:policy/ReadOnlyAccess", "--strip-newline",
		"--format", "awscli", NULL };
	char want[2048];
	(void)state;
	clean_env();
	assert_int_equal(cli(argv), 0);
	snprintf(want, sizeof want,
	         "aws sts assume-role-with-web-identity \\\n"
	         "  --role-arn " ARN " \\\n"
	         "  --role-session-name s1 \\\n"
	         "  --web-identity-token \"$(cat %s)\" \\\n"
	         "  --policy-arns '[{\"arn\":\"arn:aws:iam::aws:policy/ReadOnlyAccess\"}]' \\\n"
	         "  --policy file://%s \\\n"
	         "  --endpoint-url https://sts.amazonaws.com/\n", toknl, pol);
	assert_string_equal(outbuf, want);
}

/* The default awscli form: the token as file://, which the CLI reads verbatim (a trailing
   newline included, as the SDKs send it), never pasted into the command line. */
static void test_request_awscli_file_url(void **state)
{
	const char *argv[] = { "stsverify", "request", "--token", tok, "--role-arn", ARN, "--session-name", "s1",
		"--duration", "900", "--region", "us-west-2", "--format", "awscli", NULL };
	char want[2048];
	(void)state;
	clean_env();
	assert_int_equal(cli(argv), 0);
	snprintf(want, sizeof want,
	         "aws sts assume-role-with-web-identity \\\n"
	         "  --role-arn " ARN " \\\n"
	         "  --role-session-name s1 \\\n"
	         "  --web-identity-token file://%s \\\n"
	         "  --duration-seconds 900 \\\n"
	         "  --region us-west-2 \\\n"
	         "  --endpoint-url https://sts.us-west-2.amazonaws.com/\n", tok);
	assert_string_equal(outbuf, want);
	assert_null(strstr(outbuf, "c2ln-_x"));      /* the token stays in its file */
	assert_null(strstr(errbuf, "bearer credential"));
}

static void test_request_json(void **state)
{
	const char *argv[] = { "stsverify", "request", "--token", tok, "--role-arn", ARN, "--session-name", "s1",
		"--duration", "3600", "--region", "eu-central-1", "--format", "json", NULL };
	(void)state;
	clean_env();
	assert_int_equal(cli(argv), 0);
	assert_string_equal(outbuf,
	    "{\n  \"schema\": 1,\n  \"command\": \"request\",\n  \"method\": \"POST\",\n"
	    "  \"url\": \"https://sts.eu-central-1.amazonaws.com/\",\n  \"endpoint_rule\": \"regional\",\n"
	    "  \"headers\": {\n    \"Host\": \"sts.eu-central-1.amazonaws.com\",\n"
	    "    \"Content-Type\": \"application/x-www-form-urlencoded; charset=utf-8\",\n"
	    "    \"Content-Length\": \"247\"\n  },\n"
	    "  \"body\": \"Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=" EARN
	    "&RoleSessionName=s1&WebIdentityToken=" JWT "&DurationSeconds=3600\",\n"
	    "  \"params\": [\n"
	    "    {\"name\": \"Action\", \"value\": \"AssumeRoleWithWebIdentity\"},\n"
	    "    {\"name\": \"Version\", \"value\": \"2011-06-15\"},\n"
	    "    {\"name\": \"RoleArn\", \"value\": \"" ARN "\"},\n"
	    "    {\"name\": \"RoleSessionName\", \"value\": \"s1\"},\n"
	    "    {\"name\": \"WebIdentityToken\", \"value\": \"" JWT "\"},\n"
	    "    {\"name\": \"DurationSeconds\", \"value\": \"3600\"}\n"
	    "  ],\n  \"redacted\": false\n}\n");
	assert_non_null(strstr(errbuf, BEARER));
}

static void test_request_usage_errors(void **state)
{
	{
		const char *argv[64] = { "stsverify", "request", "--token", tok, "--role-arn", ARN };
		int argc = 6, i;
		for (i = 0; i <= SV_MAX_POLICY_ARNS; i++) {
			argv[argc++] = "--policy-arn";
			argv[argc++] = "arn:aws:iam::aws:policy/ReadOnlyAccess";
		}
		argv[argc] = NULL;
		assert_int_equal(cli(argv), 2);
		assert_string_equal(errbuf, "stsverify: request: more than 20 --policy-arn (SV_MAX_POLICY_ARNS)\n"
		                            "hint: STS itself takes at most 10 managed session policies (PolicyArns); "
		                            "SV_MAX_POLICY_ARNS is in include/stsverify/sv_config.h\n");
	}
	const char *fmt[] = { "stsverify", "request", "--format", "xml", NULL };
	const char *mode[] = { "stsverify", "request", "--sts-endpoint", "Regional", NULL };
	const char *prov[] = { "stsverify", "request", "--order", "provider", "--duration", "900", NULL };
	(void)state;
	clean_env();
	assert_int_equal(cli(fmt), 2);
	assert_string_equal(errbuf, "stsverify: request: --format \"xml\": expected http, curl, awscli or json\n"
	                            REQUEST_HINT);
	assert_int_equal(cli(mode), 2);
	assert_string_equal(errbuf, "stsverify: request: --sts-endpoint \"Regional\": expected regional or legacy\n"
	                            REQUEST_HINT);
	assert_int_equal(cli(prov), 2);
	assert_string_equal(errbuf, "stsverify: request: --order provider: botocore's credential provider never sends "
	                            "DurationSeconds, Policy or PolicyArns\n" REQUEST_HINT);
	setenv("AWS_STS_REGIONAL_ENDPOINTS", "bogus", 1);
	{
		const char *argv[] = { "stsverify", "request", "--token", tok, "--role-arn", ARN, NULL };
		assert_int_equal(cli(argv), 2);
		assert_string_equal(errbuf, "stsverify: request: STS regional endpoints option bogus is invalid. Valid "
		                            "options are: \"legacy\", \"regional\"\n"
		                            "hint: set AWS_STS_REGIONAL_ENDPOINTS or the profile's sts_regional_endpoints "
		                            "to regional or legacy, or unset it\n");
	}
	clean_env();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_request_sample_a5),
		cmocka_unit_test(test_request_endpoints),
		cmocka_unit_test(test_request_json_schema),
		cmocka_unit_test(test_request_region_notes),
		cmocka_unit_test(test_request_env_inputs_and_generated_session),
		cmocka_unit_test(test_request_default_clock_is_the_platform),
		cmocka_unit_test(test_request_flag_beats_env),
		cmocka_unit_test(test_request_openshift_secret),
		cmocka_unit_test(test_request_profile_disables_env),
		cmocka_unit_test(test_request_missing_inputs),
		cmocka_unit_test(test_request_trailing_newline),
		cmocka_unit_test(test_request_validation),
		cmocka_unit_test(test_request_redact),
		cmocka_unit_test(test_request_curl),
		cmocka_unit_test(test_request_awscli),
		cmocka_unit_test(test_request_awscli_file_url),
		cmocka_unit_test(test_request_json),
		cmocka_unit_test(test_request_usage_errors),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
