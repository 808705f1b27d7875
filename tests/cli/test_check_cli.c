#define _GNU_SOURCE        /* unshare, CLONE_NEWNS */
/*
 * test_check_cli.c -- `stsverify check`, driven in-process.
 *
 * 1. Every fixtures/bundles/<name>/ runs `check --dir ... --now <now> --json`
 *    and must give the expect file's rc, gate, code, message and exact FAIL
 *    set; every FAIL row carries a fix; the text output ends with the same
 *    answer.
 * 2. Input errors name the input, the file, the position and what was
 *    expected, with exit status 2.
 * 3. The pod-side preflight reads the environment and the token file.
 */
#include <dirent.h>
#include <errno.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "schema.h"
#include "cli/cli.h"

#define BUNDLES "fixtures/bundles"

static char outbuf[1 << 20], errbuf[1 << 16];
static size_t outlen, errlen;
static jsmntok_t jtok[16384];

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

typedef struct expect {
	char now[32], rc[8], gate[64], code[64], message[512], fail[512];
} expect;

static int read_expect(const char *dir, expect *x)
{
	char path[600], line[1024];
	FILE *f;
	memset(x, 0, sizeof *x);
	snprintf(path, sizeof path, "%s/expect", dir);
	if (!(f = fopen(path, "r")))
		return -1;
	while (fgets(line, sizeof line, f)) {
		char *eq = strstr(line, " =");
		char *v;
		if (!eq)
			continue;
		*eq = '\0';
		v = eq + 2;
		if (*v == ' ')
			v++;
		v[strcspn(v, "\n")] = '\0';
#define F(k) if (strcmp(line, #k) == 0) snprintf(x->k, sizeof x->k, "%s", v)
		F(now); F(rc); F(gate); F(code); F(message); F(fail);
#undef F
	}
	fclose(f);
	return 0;
}

/* A string member of obj, "" for null or absent. */
static void jstr(const sv_json *d, int obj, const char *key, char *out, size_t cap)
{
	static char ab[4096];
	sv_arena a;
	sv_sv v;
	int i = sv_json_get(d, obj, sv_from_cstr(key));
	out[0] = '\0';
	sv_arena_init(&a, ab, sizeof ab);
	if (i >= 0 && sv_json_str(d, i, &a, &v) == SV_OK)
		snprintf(out, cap, "%.*s", (int)v.n, v.p);
}

/* Sorted-insensitive comparison of space-separated sets. */
static int same_set(const char *a, const char *b)
{
	char x[1024], y[1024], *t, *save;
	int na = 0, nb = 0;
	snprintf(x, sizeof x, " %s ", a);
	snprintf(y, sizeof y, "%s", b);
	for (t = strtok_r(y, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
		char k[128];
		snprintf(k, sizeof k, " %s ", t);
		if (!strstr(x, k))
			return 0;
		nb++;
	}
	snprintf(y, sizeof y, "%s", a);
	for (t = strtok_r(y, " ", &save); t; t = strtok_r(NULL, " ", &save))
		na++;
	return na == nb;
}

static int run_bundle(const char *name)
{
	char dir[512], gate[64], code[64], message[512], fails[1024] = "", last[1024];
	const char *argv[7];
	expect x;
	sv_json d;
	sv_err e;
	int rc, checks, sts, k, n, j, bad = 0;

	snprintf(dir, sizeof dir, BUNDLES "/%s", name);
	if (read_expect(dir, &x) != 0) {
		print_error("bundle %s: no expect file\n", name);
		return 1;
	}
	argv[0] = "stsverify";
	argv[1] = "check";
	argv[2] = "--dir";
	argv[3] = dir;
	argv[4] = "--now";
	argv[5] = x.now;
	argv[6] = "--json";
	rc = cli(7, argv);
	if (rc != atoi(x.rc)) {
		print_error("bundle %s: exit %d, expected %s (stderr: %s)\n", name, rc, x.rc, errbuf);
		bad = 1;
	}
	if (sv_json_parse(&d, outbuf, outlen, jtok, sizeof jtok / sizeof jtok[0], &e) != SV_OK) {
		print_error("bundle %s: --json output is not JSON: %s\n", name, e.msg);
		return 1;
	}
	checks = sv_json_get(&d, 0, SV_LIT("checks"));
	sts = sv_json_get(&d, 0, SV_LIT("sts"));
	assert_true(checks > 0 && sts > 0);
	n = sv_json_count(&d, checks);
	for (k = 0, j = checks + 1; k < n; k++, j = sv_json_next(&d, j)) {
		char id[64], status[16], hint[1024];
		jstr(&d, j, "id", id, sizeof id);
		jstr(&d, j, "status", status, sizeof status);
		jstr(&d, j, "hint", hint, sizeof hint);
		if (strcmp(status, "FAIL") == 0) {
			if (fails[0])
				strcat(fails, " ");
			strcat(fails, id);
			if (!hint[0]) {
				print_error("bundle %s: FAIL row %s has no fix\n", name, id);
				bad = 1;
			}
		}
	}
	if (!same_set(fails, x.fail)) {
		print_error("bundle %s: FAIL rows \"%s\", expected \"%s\"\n", name, fails, x.fail);
		bad = 1;
	}
	jstr(&d, sts, "gate", gate, sizeof gate);
	jstr(&d, sts, "code", code, sizeof code);
	jstr(&d, sts, "message", message, sizeof message);
	if (strcmp(gate, x.gate) || strcmp(code, x.code) || strcmp(message, x.message)) {
		print_error("bundle %s: sts %s / %s / \"%s\"\n  expected %s / %s / \"%s\"\n", name, gate, code, message,
		            x.gate, x.code, x.message);
		bad = 1;
	}
	{
		char outcome[16];
		jstr(&d, sts, "outcome", outcome, sizeof outcome);
		if (strcmp(outcome, rc == 0 ? "success" : "error") != 0) {
			print_error("bundle %s: outcome %s with exit %d\n", name, outcome, rc);
			bad = 1;
		}
	}

	/* the text report ends with the same answer */
	rc = cli(6, argv);
	{
		char *p = strstr(outbuf, x.gate[0] && !x.code[0] ? "STS would not be called: " : "STS would answer: ");
		if (!p) {
			print_error("bundle %s: the text report has no answer line\n", name);
			return 1;
		}
		snprintf(last, sizeof last, "%.*s", (int)strcspn(p, "\n"), p);
		if (x.gate[0] && !x.code[0]) {
			char want[1024];
			snprintf(want, sizeof want, "STS would not be called: %s [%s]", x.message, x.gate);
			if (strcmp(last, want) != 0) {
				print_error("bundle %s: text answer\n  %s\n  expected\n  %s\n", name, last, want);
				bad = 1;
			}
		} else if (x.gate[0]) {
			char want[1024];
			snprintf(want, sizeof want, "STS would answer: %s: %s [%s]", x.code, x.message, x.gate);
			if (strcmp(last, want) != 0) {
				print_error("bundle %s: text answer\n  %s\n  expected\n  %s\n", name, last, want);
				bad = 1;
			}
		} else if (strncmp(last, "STS would answer: success", 25) != 0) {
			print_error("bundle %s: text answer %s\n", name, last);
			bad = 1;
		}
	}
	return bad;
}

static void test_check_bundles_manifest(void **state)
{
	DIR *dp = opendir(BUNDLES);
	struct dirent *de;
	int count = 0, failures = 0, motivating = 0;
	(void)state;
	assert_non_null(dp);
	while ((de = readdir(dp)) != NULL) {
		char p[512];
		struct stat st;
		if (de->d_name[0] == '.')
			continue;
		snprintf(p, sizeof p, BUNDLES "/%s", de->d_name);
		if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))
			continue;
		failures += run_bundle(de->d_name);
		count++;
		if (strcmp(de->d_name, "openshift-ingress-rotated-key") == 0)
			motivating = 1;
	}
	closedir(dp);
	print_message("check bundles: %d run, %d failed\n", count, failures);
	assert_true(motivating);
	assert_true(count >= 29);
	assert_int_equal(failures, 0);
}

/* The motivating scenario, in the words a user reads. */
static void test_check_motivating_scenario_text(void **state)
{
	const char *argv[] = { "stsverify", "check", "--dir", BUNDLES "/openshift-ingress-rotated-key", "--now", "1790000000" };
	(void)state;
	assert_int_equal(cli(6, argv), 1);
	assert_non_null(strstr(outbuf, "FAIL  key.select"));
	assert_non_null(strstr(outbuf, "is not in the JWKS (it has: "));
	assert_non_null(strstr(outbuf, "hint: key.select: STS answers \"Couldn't retrieve verification key from your identity "
	                               "provider,  please reference AssumeRoleWithWebIdentity documentation for requirements\""));
	assert_non_null(strstr(outbuf, "On OpenShift the bound service-account signing key was rotated without updating keys.json"));
	assert_non_null(strstr(outbuf, "token: OpenShift convention (aud \"openshift\")\n"));
	assert_non_null(strstr(outbuf, "PASS  req.role-arn      arn:aws:iam::111122223333:role/"));
	assert_string_equal(errbuf, "");
}

/* ---- the pod-side preflight --------------------------------------------- */

static const char *const aws_env[] = {
	"AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_SESSION_NAME", "AWS_ACCESS_KEY_ID",
	"AWS_SECRET_ACCESS_KEY", "AWS_PROFILE", "AWS_DEFAULT_PROFILE", "AWS_CONFIG_FILE",
	"AWS_SHARED_CREDENTIALS_FILE", "AWS_CONTAINER_CREDENTIALS_FULL_URI",
	"AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_REGION", "AWS_DEFAULT_REGION",
	"AWS_STS_REGIONAL_ENDPOINTS", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_STS"
};

static void clear_env(void)
{
	size_t i;
	for (i = 0; i < sizeof aws_env / sizeof aws_env[0]; i++)
		unsetenv(aws_env[i]);
}

static void write_file(const char *path, const char *text)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

#define PROVIDER_HINT "hint: provider must be the IAM OIDC provider as JSON, from `aws iam " \
	"get-open-id-connect-provider --open-id-connect-provider-arn ARN --output json`\n"
#define CHECK_HINT "hint: run `stsverify help check` for its options and what each one takes\n"

static void test_check_input_errors(void **state)
{
	char tmpl[] = "/tmp/stsverify-check-XXXXXX", p[256], prov[256], want[1024];
	char *dir = mkdtemp(tmpl);
	(void)state;
	assert_non_null(dir);

	snprintf(prov, sizeof prov, "%s/provider.json", dir);
	write_file(prov, "{\"OpenIDConnectProviderArn\": \"x\"}\n");
	{
		const char *argv[] = { "stsverify", "check", "--provider", prov, "--now", "1" };
		assert_int_equal(cli(6, argv), 2);
		snprintf(want, sizeof want,
		         "stsverify: provider: %s: offset 0: expected the output of aws iam get-open-id-connect-provider: an object with \"Url\"\n"
		         PROVIDER_HINT, prov);
		assert_string_equal(errbuf, want);
		assert_string_equal(outbuf, "");
	}
	/* the same file in a bundle */
	{
		const char *argv[] = { "stsverify", "check", "--dir", dir, "--now", "1" };
		assert_int_equal(cli(6, argv), 2);
		assert_string_equal(errbuf, want);
	}
	write_file(prov, "{\"Url\": \"x\", \"ClientIDList\": [1]}");
	snprintf(p, sizeof p, "%s/role.json", dir);
	write_file(p, "{\"Role\": {\"AssumeRolePolicyDocument\": \"%7B%22Statement%22%3A%5B\"}}");
	{
		const char *argv[] = { "stsverify", "check", "--dir", dir, "--provider", BUNDLES "/ok-eks/provider.json", "--now", "1" };
		assert_int_equal(cli(8, argv), 2);
		snprintf(want, sizeof want, "stsverify: role: %s: AssumeRolePolicyDocument (decoded): truncated document\n"
		         "hint: not valid JSON (cut short, or saved as text or YAML?); role must be the IAM role with its "
		         "trust policy, as JSON, from `aws iam get-role --role-name NAME --output json`\n", p);
		assert_string_equal(errbuf, want);
	}
	unlink(p);
	{
		const char *argv[] = { "stsverify", "check", "--dir", dir, "--now", "1" };
		assert_int_equal(cli(6, argv), 2);
		snprintf(want, sizeof want, "stsverify: provider: %s: offset 30: ClientIDList must be a list of strings\n"
		         PROVIDER_HINT, prov);
		assert_string_equal(errbuf, want);
	}
	/* over a capacity: the limit and its constant; -q prints the error and its hint all the same */
	{
		const char *argv[] = { "stsverify", "check", "-q", "--provider", prov, "--now", "1" };
		FILE *f = fopen(prov, "wb");
		int k;
		assert_non_null(f);
		for (k = 0; k < 65537; k++)
			fputc(' ', f);
		fclose(f);
		assert_int_equal(cli(7, argv), 2);
		snprintf(want, sizeof want, "stsverify: provider: %s: larger than the 65536-byte limit\n"
		         "hint: provider files are read into 65536 bytes (SV_MAX_DOC_BYTES in include/stsverify/sv_config.h); "
		         "rebuild with a larger one, e.g. make clean && make CPPFLAGS=-DSV_MAX_DOC_BYTES=262144\n", prov);
		assert_string_equal(errbuf, want);
		assert_string_equal(outbuf, "");
	}
	unlink(prov);
	{
		const char *argv[] = { "stsverify", "check", "--jwks", "/nonexistent/keys.json", "--now", "1" };
		assert_int_equal(cli(6, argv), 2);
		assert_string_equal(errbuf, "stsverify: jwks: /nonexistent/keys.json: no such file\n"
		                            "hint: check the path; the jwks file comes from `curl -s JWKS_URI` (jwks_uri from "
		                            "the discovery document), `kubectl get --raw /openid/v1/jwks` or `stsverify fetch "
		                            "ISSUER --out DIR`\n");
	}
	{
		const char *argv[] = { "stsverify", "check", "--dir", "/nonexistent", "--now", "1" };
		assert_int_equal(cli(6, argv), 2);
		assert_string_equal(errbuf, "stsverify: check: --dir \"/nonexistent\": not a directory\n"
		                            "hint: --dir takes a bundle directory (the files deploy/collect.sh writes) or a "
		                            "directory of them; a single file goes in its own option (--token FILE, --jwks "
		                            "FILE, ...)\n");
	}
	{
		const char *argv[] = { "stsverify", "check", "--duration", "an hour", "--now", "1" };
		assert_int_equal(cli(6, argv), 2);
		assert_string_equal(errbuf, "stsverify: check: --duration \"an hour\": expected a whole number from -999999 to 999999\n"
		                            CHECK_HINT);
	}
	{
		const char *argv[] = { "stsverify", "check", "--provider-arn", "arn:aws:iam::1:oidc-provider/x", "--dir",
		                       BUNDLES "/ok-eks", "--now", "1" };
		assert_int_equal(cli(8, argv), 2);
		assert_string_equal(errbuf, "stsverify: provider-arn: arn:aws:iam::1:oidc-provider/x: offset 13: the account ID is 12 digits, "
		                            "found 1: \"1\"\n"
		                            "hint: provider-arn must be an IAM OIDC provider ARN, arn:aws:iam::ACCOUNT:"
		                            "oidc-provider/HOST[/PATH], from `aws iam list-open-id-connect-providers`\n");
	}
	/* an empty bundle is a mistake (a directory of bundles, a wrong path), not a success */
	{
		const char *argv[] = { "stsverify", "check", "--dir", dir, "--now", "1" };
		assert_int_equal(cli(6, argv), 2);
		snprintf(want, sizeof want, "stsverify: check: --dir \"%s\" holds none of the bundle files (token, credentials, "
		         "openid-configuration.json, keys.json, provider.json, role.json, chain.pem)\n"
		         "hint: deploy/collect.sh writes a bundle under these names (README: Collecting the inputs); files "
		         "named otherwise go in --token FILE, --jwks FILE, ...\n", dir);
		assert_string_equal(errbuf, want);
	}
	/* one input alone: every other row says what it needs */
	{
		const char *argv[] = { "stsverify", "check", "--provider", BUNDLES "/ok-eks/provider.json", "--now", "1" };
		clear_env();
		assert_int_equal(cli(6, argv), 1);     /* the pod preflight finds no web identity here */
		assert_non_null(strstr(outbuf, "SKIP  tok.format"));
		assert_non_null(strstr(outbuf, "needs a token (--token, $AWS_WEB_IDENTITY_TOKEN_FILE, --credentials or --dir)"));
		assert_non_null(strstr(outbuf, "SKIP  prov.url          needs a token"));
	}
	/* a token file with a log line appended is a finding, not an input error */
	snprintf(p, sizeof p, "%s/token", dir);
	{
		char *tok = th_read(BUNDLES "/ok-eks/token", NULL);
		char body[30000];
		assert_non_null(tok);
		snprintf(body, sizeof body, "%s11:11:49.782386 40364 v3.go:79] EOF\n", tok);
		write_file(p, body);
		free(tok);
	}
	{
		const char *argv[] = { "stsverify", "check", "--dir", dir, "--now", "1" };
		assert_int_equal(cli(6, argv), 1);
		assert_non_null(strstr(outbuf, "FAIL  tok.format"));
		assert_non_null(strstr(outbuf, "[tok.format]"));
	}
	unlink(p);
	rmdir(dir);
}

static void test_check_session_and_duration_flags(void **state)
{
	const char *argv[] = { "stsverify", "check", "--dir", BUNDLES "/ok-eks", "--now", "1790000000",
		                   "--session-name", "deploy/prod", "--duration", "7200" };
	(void)state;
	assert_int_equal(cli(10, argv), 1);
	assert_non_null(strstr(outbuf, "STS would answer: ValidationError: 1 validation error detected: "
	                               "Value 'deploy/prod' at 'roleSessionName' failed to satisfy constraint: Member must satisfy "
	                               "regular expression pattern: [\\w+=,.@-]* [req.session-name]\n"));
	/* DurationSeconds is checked against the role only once the model constraints hold */
	assert_non_null(strstr(outbuf, "also failing: req.duration\n"));
	assert_non_null(strstr(outbuf, "hint: req.session-name: "));
	assert_non_null(strstr(outbuf, "A valid session name: deploy-prod"));
	assert_non_null(strstr(outbuf, "FAIL  req.duration      7200 s is more than the role's MaxSessionDuration 3600 s"));
}

/* Gate 1's token length: 20001 characters is STS's ValidationError before anything reads the
   token; the text is [U] (not in STS-FACTS), so the answer says it is not STS's own wording. */
static void test_check_token_size_gate(void **state)
{
	const char *argv[] = { "stsverify", "check", "--token", "fixtures/tokens/fmt-token-20001-chars.jwt",
		"--role", BUNDLES "/ok-eks/role.json", "--now", "1790000000", "--json" };
	(void)state;
	clear_env();
	assert_int_equal(cli(9, argv), 1);
	assert_non_null(strstr(outbuf, "\"sts\": {\"outcome\": \"error\", \"code\": \"ValidationError\", \"message\": "
	                               "\"1 validation error detected: Value at 'webIdentityToken' failed to satisfy "
	                               "constraint: Member must have length less than or equal to 20000\", "
	                               "\"gate\": \"req.token-size\", \"verbatim\": false, "));
	assert_null(strstr(outbuf, "eyJ"));        /* the token is never echoed */
	assert_int_equal(cli(8, argv), 1);
	assert_non_null(strstr(outbuf, "FAIL  req.token-size    20001 characters; STS accepts 4-20000\n"));
	assert_non_null(strstr(outbuf, "FAIL  tok.format        token is 20001 characters; STS accepts at most 20000 "
	                               "(SV_MAX_JWT_BYTES)\n"));
	assert_non_null(strstr(outbuf, "STS would answer: ValidationError: 1 validation error detected: Value at "
	                               "'webIdentityToken' failed to satisfy constraint: Member must have length less "
	                               "than or equal to 20000 [req.token-size]\n"
	                               "  (STS's own wording for this cause is not known; this is the closest "
	                               "documented text)\n"
	                               "also failing: tok.format\n"));
}

/* Without role.json there is no trust policy: pol.* rows are SKIP, never a guessed AccessDenied. */
static void test_check_without_role_skips_policy(void **state)
{
	const char *argv[] = { "stsverify", "check", "--token", BUNDLES "/ok-eks/token",
		"--discovery", BUNDLES "/ok-eks/openid-configuration.json", "--jwks", BUNDLES "/ok-eks/keys.json",
		"--provider", BUNDLES "/ok-eks/provider.json", "--now", "1790000000" };
	(void)state;
	setenv("LC_ALL", "C", 1);
	assert_int_equal(cli(12, argv), 0);
	unsetenv("LC_ALL");
	assert_non_null(strstr(outbuf, "SKIP  pol.allow         needs the role's trust policy (--role: aws iam get-role output)\n"));
	assert_non_null(strstr(outbuf, "-> [skip] role trust policy  pol.allow: needs the role's trust policy (--role: aws iam get-role output)\n"
	                               "-> [ok]   STS                success, if the skipped links hold\n"));
	assert_null(strstr(outbuf, "AccessDenied"));
	assert_non_null(strstr(outbuf, "STS would answer: success"));
}

static void test_check_preflight(void **state)
{
	const char *argv[] = { "stsverify", "check", "--now", "1790000000" };
	(void)state;
	clear_env();
	assert_int_equal(cli(4, argv), 1);
	assert_non_null(strstr(outbuf, "FAIL  pod.env"));
	assert_non_null(strstr(outbuf, "neither AWS_ROLE_ARN nor AWS_WEB_IDENTITY_TOKEN_FILE is set"));
	assert_non_null(strstr(outbuf, "STS would not be called: neither AWS_ROLE_ARN nor AWS_WEB_IDENTITY_TOKEN_FILE is set"));

	/* a mutated pod, as the webhook leaves it */
	setenv("AWS_ROLE_ARN", "arn:aws:iam::111122223333:role/eksctl-demo-addon-iamserviceaccount-kube-system-aws-Role1-X", 1);
	setenv("AWS_WEB_IDENTITY_TOKEN_FILE", BUNDLES "/ok-eks/token", 1);
	assert_int_equal(cli(4, argv), 0);
	assert_non_null(strstr(outbuf, "PASS  pod.env"));
	assert_non_null(strstr(outbuf, "PASS  pod.token-file"));
	assert_non_null(strstr(outbuf, "PASS  pod.cred-chain"));
	assert_non_null(strstr(outbuf, "PASS  req.role-arn      arn:aws:iam::111122223333:role/eksctl-demo-addon-iamserviceaccount-kube-system-aws-Role1-X ($AWS_ROLE_ARN)"));
	assert_non_null(strstr(outbuf, "PASS  tok.format"));

	/* static keys win over web identity: STS is never called */
	setenv("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE", 1);
	setenv("AWS_SECRET_ACCESS_KEY", "x", 1);
	assert_int_equal(cli(4, argv), 1);
	assert_non_null(strstr(outbuf, "FAIL  pod.cred-chain"));
	assert_non_null(strstr(outbuf, "[pod.cred-chain]"));
	{
		const char *jargv[] = { "stsverify", "check", "--now", "1790000000", "--json" };
		assert_int_equal(cli(5, jargv), 1);
		assert_non_null(strstr(outbuf, "\"sts\": {\"outcome\": \"error\", \"code\": null, "));
		assert_non_null(strstr(outbuf, "\"gate\": \"pod.cred-chain\""));
	}
	unsetenv("AWS_ACCESS_KEY_ID");
	unsetenv("AWS_SECRET_ACCESS_KEY");

	/* the token path points nowhere */
	setenv("AWS_WEB_IDENTITY_TOKEN_FILE", "/nonexistent/token", 1);
	assert_int_equal(cli(4, argv), 1);
	assert_non_null(strstr(outbuf, "FAIL  pod.token-file    /nonexistent/token ($AWS_WEB_IDENTITY_TOKEN_FILE) does not exist"));

	/* a token file but no role: botocore's InvalidConfigError */
	unsetenv("AWS_ROLE_ARN");
	setenv("AWS_WEB_IDENTITY_TOKEN_FILE", BUNDLES "/ok-eks/token", 1);
	assert_int_equal(cli(4, argv), 1);
	assert_non_null(strstr(outbuf, "FAIL  pod.env"));
	assert_non_null(strstr(outbuf, "has no role ARN configured. Ensure that the profile has the role_arnconfiguration set"));

	/* --dir never reads the environment */
	setenv("AWS_ROLE_ARN", "arn:aws:iam::999999999999:role/from-env", 1);
	{
		const char *dargv[] = { "stsverify", "check", "--dir", BUNDLES "/ok-eks", "--now", "1790000000" };
		assert_int_equal(cli(6, dargv), 0);
		assert_null(strstr(outbuf, "999999999999"));
		assert_null(strstr(outbuf, "pod."));
	}
	clear_env();
}


/* The preflight's other findings: a token file this user cannot read (FAILURE-MODES 9: the
   fsGroup fix), and credential sources next to web identity (container credentials, a profile
   from the environment), which botocore ranks after web identity: WARN, not FAIL. */
#define POD_ROLE "arn:aws:iam::111122223333:role/eksctl-demo-addon-iamserviceaccount-kube-system-aws-Role1-X"

/*
 * With no $AWS_WEB_IDENTITY_TOKEN_FILE the preflight looks where the EKS
 * webhook and OpenShift mount the token. Those paths are absolute, so the
 * child gets its own mount namespace with a tmpfs over /var/run and writes
 * the token there: nothing outside the child sees it. Needs root (or
 * CAP_SYS_ADMIN); elsewhere the case says it did not run.
 */
static int mkdirs(const char *path)
{
	char b[256];
	size_t i;
	snprintf(b, sizeof b, "%s", path);
	for (i = 1; b[i]; i++)
		if (b[i] == '/') {
			b[i] = '\0';
			if (mkdir(b, 0755) != 0 && errno != EEXIST)
				return -1;
			b[i] = '/';
		}
	return mkdir(b, 0755) != 0 && errno != EEXIST ? -1 : 0;
}

static int default_path_child(void)
{
	const char *argv[] = { "stsverify", "check", "--now", "1790000000" };
	const char *eks = "/var/run/secrets/eks.amazonaws.com/serviceaccount";
	const char *ocp = "/var/run/secrets/openshift/serviceaccount";
	char *body = th_read(BUNDLES "/ok-eks/token", NULL);
	char path[256];
	if (!body || unshare(CLONE_NEWNS) != 0 || mount("none", "/", "none", MS_REC | MS_PRIVATE, NULL) != 0 ||
	    mount("tmpfs", "/var/run", "tmpfs", 0, "size=64k") != 0)
		return 77;
	clear_env();
	setenv("HOME", "/nonexistent-home-for-tests", 1);
	setenv("AWS_ROLE_ARN", POD_ROLE, 1);

	/* nothing mounted: nothing to read */
	if (cli(4, argv) != 1 ||
	    !strstr(outbuf, "SKIP  pod.token-file    needs a token file path ($AWS_WEB_IDENTITY_TOKEN_FILE)\n"))
		return 10;
	/* the OpenShift path */
	snprintf(path, sizeof path, "%s/token", ocp);
	if (mkdirs(ocp) != 0)
		return 11;
	write_file(path, body);
	if (cli(4, argv) != 1 ||
	    !strstr(outbuf, "PASS  pod.token-file    /var/run/secrets/openshift/serviceaccount/token (the OpenShift "
	                    "default path): ") ||
	    /* the token is found, but the SDK reads only the variable: say so */
	    !strstr(outbuf, "FAIL  pod.env           a role ARN is configured but no token file: the SDK skips web "
	                    "identity\n"))
		return 12;
	/* the EKS path wins over OpenShift's */
	snprintf(path, sizeof path, "%s/token", eks);
	if (mkdirs(eks) != 0)
		return 13;
	write_file(path, body);
	if (cli(4, argv) != 1 ||
	    !strstr(outbuf, "PASS  pod.token-file    /var/run/secrets/eks.amazonaws.com/serviceaccount/token (the EKS "
	                    "default path): "))
		return 14;
	free(body);
	return 0;
}

static void test_check_preflight_default_token_paths(void **state)
{
	pid_t pid;
	int st = 0;
	(void)state;
	fflush(NULL);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int r = default_path_child();
		if (r != 0 && r != 77)
			fprintf(stderr, "output of the failing step:\n%s", outbuf);
		_exit(r);
	}
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	if (WEXITSTATUS(st) == 77 && geteuid() != 0)
		print_message("preflight: no mount namespace without root; default token paths not run\n");
	else if (WEXITSTATUS(st) != 0)
		fail_msg("default token paths: step %d failed (77: no mount namespace as root)", WEXITSTATUS(st));
}

static int unreadable_report_ok(void)
{
	return strstr(outbuf, "FAIL  pod.token-file    ") != NULL && strstr(outbuf, "is rw------- uid 0 gid 0; this process (uid ") &&
	       strstr(outbuf, ") cannot read it\n") != NULL &&
	       strstr(outbuf, "hint: pod.token-file: the SDK fails with \"unable to read file ... permission denied\" and "
	                      "never calls STS; give the pod securityContext.fsGroup (e.g. 65534)") != NULL &&
	       strstr(outbuf, "STS would not be called: ") != NULL && strstr(outbuf, "[pod.token-file]\n") != NULL;
}

static void test_check_preflight_unreadable_and_other_sources(void **state)
{
	const char *argv[] = { "stsverify", "check", "--now", "1790000000" };
	char tmpl[] = "/tmp/stsverify-preflight-XXXXXX", tok[256], cfg[256];
	char *dir = mkdtemp(tmpl), *body = th_read(BUNDLES "/ok-eks/token", NULL);
	(void)state;
	assert_non_null(dir);
	assert_non_null(body);
	assert_int_equal(chmod(dir, 0755), 0);
	snprintf(tok, sizeof tok, "%s/token", dir);
	snprintf(cfg, sizeof cfg, "%s/config", dir);
	write_file(tok, body);
	free(body);
	assert_int_equal(chmod(tok, 0600), 0);
	clear_env();
	setenv("HOME", "/nonexistent-home-for-tests", 1);
	setenv("AWS_ROLE_ARN", POD_ROLE, 1);
	setenv("AWS_WEB_IDENTITY_TOKEN_FILE", tok, 1);

	if (geteuid() == 0) {
		/* root reads anything: the check runs in a child that drops to nobody (65534),
		   the user a non-root container often runs as */
		pid_t pid;
		int st = 0;
		fflush(NULL);
		pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			if (setgid(65534) != 0 || setuid(65534) != 0)
				_exit(77);
			_exit(cli(4, argv) == 1 && unreadable_report_ok() ? 0 : 1);
		}
		assert_int_equal(waitpid(pid, &st, 0), pid);
		assert_true(WIFEXITED(st));
		if (WEXITSTATUS(st) == 77)
			print_message("preflight: cannot drop root here (no setuid); unreadable-token case not run\n");
		else
			assert_int_equal(WEXITSTATUS(st), 0);
	} else {
		assert_int_equal(chmod(tok, 0000), 0);
		assert_int_equal(cli(4, argv), 1);
		assert_non_null(strstr(outbuf, "FAIL  pod.token-file    "));
		assert_non_null(strstr(outbuf, "cannot read it\n"));
		assert_non_null(strstr(outbuf, "securityContext.fsGroup (e.g. 65534)"));
	}
	assert_int_equal(chmod(tok, 0644), 0);

	/* EKS Pod Identity beside IRSA: web identity still wins in botocore, a WARN */
	setenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://169.254.170.23/v1/credentials", 1);
	assert_int_equal(cli(4, argv), 0);
	assert_non_null(strstr(outbuf, "PASS  pod.token-file    "));
	assert_non_null(strstr(outbuf, "WARN  pod.cred-chain    container credentials (EKS Pod Identity / ECS) are configured too\n"));
	assert_non_null(strstr(outbuf, "STS would answer: success"));
	unsetenv("AWS_CONTAINER_CREDENTIALS_FULL_URI");

	/* AWS_PROFILE from the environment does not switch web identity off (an explicit profile would) */
	write_file(cfg, "[profile app]\nregion = us-west-2\n");
	setenv("AWS_CONFIG_FILE", cfg, 1);
	setenv("AWS_PROFILE", "app", 1);
	assert_int_equal(cli(4, argv), 0);
	assert_non_null(strstr(outbuf, "PASS  pod.env           role ARN from $AWS_ROLE_ARN, token file from $AWS_WEB_IDENTITY_TOKEN_FILE\n"));
	assert_non_null(strstr(outbuf, "WARN  pod.cred-chain    AWS_PROFILE=app is set\n"));
	assert_non_null(strstr(outbuf, "STS would answer: success"));

	clear_env();
	unlink(cfg);
	unlink(tok);
	rmdir(dir);
}

/* --credentials with an AWS shared config file: the profile's role_arn, web_identity_token_file
   and role_session_name, each overridden by its environment variable (botocore, per key). */
static void test_check_credentials_config_precedence(void **state)
{
	char tmpl[] = "/tmp/stsverify-cfg-XXXXXX", cfg[256];
	char *dir = mkdtemp(tmpl);
	const char *argv[] = { "stsverify", "check", "--credentials", cfg, "--role", BUNDLES "/ok-eks/role.json",
		"--now", "1790000000" };
	(void)state;
	assert_non_null(dir);
	snprintf(cfg, sizeof cfg, "%s/config", dir);
	write_file(cfg, "[default]\nregion = us-west-2\n\n[profile app]\n"
	                "role_arn = arn:aws:iam::111122223333:role/eksctl-demo-addon-iamserviceaccount-payments-Role1-ABOAG54XHS9FA\n"
	                "web_identity_token_file = " BUNDLES "/ok-eks/token\nrole_session_name = my-session\n");
	clear_env();
	setenv("HOME", "/nonexistent-home-for-tests", 1);
	setenv("AWS_PROFILE", "app", 1);
	assert_int_equal(cli(8, argv), 0);
	assert_non_null(strstr(outbuf, "PASS  req.role-arn      arn:aws:iam::111122223333:role/"
	                               "eksctl-demo-addon-iamserviceaccount-payments-Role1-ABOAG54XHS9FA (role_arn in "));
	assert_non_null(strstr(outbuf, "/config line 5)\n"));
	assert_non_null(strstr(outbuf, "PASS  req.session-name  \"my-session\" (role_session_name in "));
	assert_non_null(strstr(outbuf, "PASS  tok.format        compact JWS, 1217 characters\n"));
	assert_non_null(strstr(outbuf, "STS would answer: success: credentials for arn:aws:sts::111122223333:assumed-role/"
	                               "eksctl-demo-addon-iamserviceaccount-payments-Role1-ABOAG54XHS9FA/my-session\n"));
	/* the environment wins per key */
	setenv("AWS_ROLE_ARN", "arn:aws:iam::111122223333:role/from-env", 1);
	setenv("AWS_ROLE_SESSION_NAME", "envsess", 1);
	assert_int_equal(cli(8, argv), 0);
	assert_non_null(strstr(outbuf, "WARN  pol.role          --role describes arn:aws:iam::111122223333:role/"));   /* another role's */
	assert_non_null(strstr(outbuf, "PASS  req.role-arn      arn:aws:iam::111122223333:role/from-env ($AWS_ROLE_ARN)\n"));
	assert_non_null(strstr(outbuf, "PASS  req.session-name  \"envsess\" ($AWS_ROLE_SESSION_NAME)\n"));
	clear_env();
	unlink(cfg);
	rmdir(dir);
}

/* ---- the report: trust chain, -q, -v, colour ------------------------------ */

static const char chain_rotated_ascii[] =
    "   [ok]   token              sub \"system:serviceaccount:openshift-ingress-operator:ingress-operator\"\n"
    "-> [FAIL] signing key        key.select: kid \"ohYPswtnpJ_ZOfc4poZAWLXv7w9Vz96fCwV0ifhUp30\" is not in the JWKS "
    "(it has: \"yHce3501pJMc-Mi2Rq0t-_jK9pSlpqDoFuvXPQY6LdY\")\n"
    "-> [ok]   issuer/discovery   iss \"https://stsverify-demo-oidc.s3.us-east-1.amazonaws.com\"\n"
    "-> [ok]   IAM provider       arn:aws:iam::111122223333:oidc-provider/stsverify-demo-oidc.s3.us-east-1.amazonaws.com, "
    "aud \"openshift\"\n"
    "-> [ok]   role trust policy  arn:aws:iam::111122223333:role/stsverify-demo-openshift-ingress-operator-cloud-credentials\n"
    "-> [FAIL] STS                InvalidIdentityToken [key.select]\n"
    "\n"
    "PASS  req.role-arn ";

static const char chain_eks_ascii[] =
    "   [ok]   token              sub \"system:serviceaccount:payments:payments-api\"\n"
    "-> [ok]   signing key        kid \"-W1rK99e5AIYvp_PUNtSAyvLxQfQweeoXeBX34RIlxg\"\n"
    "-> [ok]   issuer/discovery   iss \"https://oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E\"\n"
    "-> [ok]   IAM provider       arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/"
    "EXAMPLED539D4633E53DE1B716D3041E, aud \"sts.amazonaws.com\"\n"
    "-> [ok]   role trust policy  arn:aws:iam::111122223333:role/eksctl-demo-addon-iamserviceaccount-payments-Role1-ABOAG54XHS9FA\n"
    "-> [ok]   STS                success: arn:aws:sts::111122223333:assumed-role/"
    "eksctl-demo-addon-iamserviceaccount-payments-Role1-ABOAG54XHS9FA/botocore-session-1790000000\n"
    "\n"
    "PASS  req.role-arn ";

static const char chain_rotated_utf8[] =
    "  \xe2\x9c\x93 token              sub \"system:serviceaccount:openshift-ingress-operator:ingress-operator\"\n"
    "\xe2\x86\x92 \xe2\x9c\x97 signing key        key.select: kid \"ohYPswtnpJ_ZOfc4poZAWLXv7w9Vz96fCwV0ifhUp30\" is not in "
    "the JWKS (it has: \"yHce3501pJMc-Mi2Rq0t-_jK9pSlpqDoFuvXPQY6LdY\")\n"
    "\xe2\x86\x92 \xe2\x9c\x93 issuer/discovery   iss \"https://stsverify-demo-oidc.s3.us-east-1.amazonaws.com\"\n"
    "\xe2\x86\x92 \xe2\x9c\x93 IAM provider       arn:aws:iam::111122223333:oidc-provider/"
    "stsverify-demo-oidc.s3.us-east-1.amazonaws.com, aud \"openshift\"\n"
    "\xe2\x86\x92 \xe2\x9c\x93 role trust policy  arn:aws:iam::111122223333:role/"
    "stsverify-demo-openshift-ingress-operator-cloud-credentials\n"
    "\xe2\x86\x92 \xe2\x9c\x97 STS                InvalidIdentityToken [key.select]\n"
    "\n"
    "PASS  req.role-arn ";

static void plain_locale(void)
{
	unsetenv("LC_ALL");
	unsetenv("LC_CTYPE");
	unsetenv("NO_COLOR");
	setenv("LANG", "C", 1);
	sv_cli_assume_tty = 0;
}

static void test_check_chain_ascii(void **state)
{
	const char *argv[] = { "stsverify", "check", "--dir", BUNDLES "/openshift-ingress-rotated-key", "--now", "1790000000" };
	const char *eks[] = { "stsverify", "check", "--dir", BUNDLES "/ok-eks", "--now", "1790000000" };
	(void)state;
	plain_locale();
	assert_int_equal(cli(6, argv), 1);
	assert_int_equal(strncmp(outbuf, chain_rotated_ascii, strlen(chain_rotated_ascii)), 0);
	assert_null(strchr(outbuf, '\033'));
	assert_int_equal(cli(6, eks), 0);
	assert_int_equal(strncmp(outbuf, chain_eks_ascii, strlen(chain_eks_ascii)), 0);
	/* a locale that is not UTF-8 wins over LANG */
	setenv("LANG", "en_US.UTF-8", 1);
	setenv("LC_ALL", "POSIX", 1);
	assert_int_equal(cli(6, argv), 1);
	assert_int_equal(strncmp(outbuf, chain_rotated_ascii, strlen(chain_rotated_ascii)), 0);
	plain_locale();
}

static void test_check_chain_utf8(void **state)
{
	const char *argv[] = { "stsverify", "check", "--dir", BUNDLES "/openshift-ingress-rotated-key", "--now", "1790000000" };
	static const char *const locales[][2] = {
		{ "LANG", "en_US.UTF-8" }, { "LC_CTYPE", "de_DE.utf8" }, { "LC_ALL", "C.UTF-8" }
	};
	size_t i;
	(void)state;
	for (i = 0; i < 3; i++) {
		plain_locale();
		setenv(locales[i][0], locales[i][1], 1);
		assert_int_equal(cli(6, argv), 1);
		assert_int_equal(strncmp(outbuf, chain_rotated_utf8, strlen(chain_rotated_utf8)), 0);
		assert_null(strchr(outbuf, '\033'));
	}
	plain_locale();
}

static void test_check_color_only_on_a_terminal(void **state)
{
	const char *argv[] = { "stsverify", "check", "--dir", BUNDLES "/openshift-ingress-rotated-key", "--now", "1790000000" };
	const char *nc[] = { "stsverify", "check", "--dir", BUNDLES "/openshift-ingress-rotated-key", "--now", "1790000000",
		                 "--no-color" };
	(void)state;
	plain_locale();
	assert_int_equal(cli(6, argv), 1);
	assert_null(strchr(outbuf, '\033'));           /* not a terminal */
	sv_cli_assume_tty = 1;
	assert_int_equal(cli(6, argv), 1);
	assert_non_null(strstr(outbuf, "-> \033[1;31m[FAIL]\033[0m signing key        key.select: "));
	assert_non_null(strstr(outbuf, "   \033[32m[ok]  \033[0m token "));
	assert_non_null(strstr(outbuf, "\033[1;31mSTS would answer: InvalidIdentityToken\033[0m: Couldn't retrieve"));
	/* the rows' status words in the chain marks' colours */
	assert_non_null(strstr(outbuf, "\n\033[32mPASS\033[0m  req.role-arn      arn:aws:iam::111122223333:role/"));
	assert_non_null(strstr(outbuf, "\n\033[1;31mFAIL\033[0m  key.select        kid \"ohYPswtnpJ_ZOfc4poZAWLXv7w9Vz96fCwV0ifhUp30\""));
	assert_non_null(strstr(outbuf, "\n\033[2mSKIP\033[0m  sig.valid         needs key.select\n"));
	assert_null(strstr(outbuf, "\nPASS  "));
	assert_null(strstr(outbuf, "\nFAIL  "));
	assert_null(strstr(outbuf, "\nSKIP  "));
	assert_non_null(strstr(outbuf, "\nhint: key.select: STS answers"));     /* hint lines stay plain */
	{
		const char *exp[] = { "stsverify", "check", "--dir", BUNDLES "/expired", "--now", "1790000000" };
		assert_int_equal(cli(6, exp), 1);
		assert_non_null(strstr(outbuf, "\n\033[33mWARN\033[0m  "));
		assert_null(strstr(outbuf, "\nWARN  "));
	}
	assert_int_equal(cli(7, nc), 1);
	assert_null(strchr(outbuf, '\033'));
	assert_non_null(strstr(outbuf, "\nFAIL  key.select "));
	setenv("NO_COLOR", "", 1);                     /* set, even empty */
	assert_int_equal(cli(6, argv), 1);
	assert_null(strchr(outbuf, '\033'));
	assert_non_null(strstr(outbuf, "\nPASS  req.role-arn "));
	unsetenv("NO_COLOR");
	{
		const char *jargv[] = { "stsverify", "check", "--dir", BUNDLES "/openshift-ingress-rotated-key", "--now",
			                    "1790000000", "--json" };
		assert_int_equal(cli(7, jargv), 1);
		assert_null(strchr(outbuf, '\033'));
	}
	plain_locale();
}

static void test_check_quiet_and_verbose(void **state)
{
	const char *q[] = { "stsverify", "check", "-q", "--dir", BUNDLES "/openshift-ingress-rotated-key", "--now", "1790000000" };
	const char *qok[] = { "stsverify", "check", "--quiet", "--dir", BUNDLES "/ok-eks", "--now", "1790000000" };
	const char *v[] = { "stsverify", "check", "-v", "--dir", BUNDLES "/ok-eks", "--now", "1790000000" };
	const char *qv[] = { "stsverify", "check", "-q", "-v", "--dir", BUNDLES "/ok-eks", "--now", "1790000000" };
	(void)state;
	plain_locale();
	assert_int_equal(cli(7, q), 1);
	assert_string_equal(outbuf, "STS would answer: InvalidIdentityToken: Couldn't retrieve verification key from your "
	                            "identity provider,  please reference AssumeRoleWithWebIdentity documentation for "
	                            "requirements [key.select]\n");
	assert_string_equal(errbuf, "");
	assert_int_equal(cli(7, qok), 0);
	assert_string_equal(outbuf, "STS would answer: success: credentials for arn:aws:sts::111122223333:assumed-role/"
	                            "eksctl-demo-addon-iamserviceaccount-payments-Role1-ABOAG54XHS9FA/botocore-session-1790000000\n");
	assert_int_equal(cli(7, v), 0);
	assert_int_equal(strncmp(outbuf, chain_eks_ascii, strlen(chain_eks_ascii)), 0);
	assert_non_null(strstr(outbuf, "PASS  sig.valid "));
	assert_non_null(strstr(outbuf, "\nheader: {\n  \"alg\": \"RS256\",\n"));
	assert_non_null(strstr(outbuf, "\nclaims: {\n"));
	assert_non_null(strstr(outbuf, "  \"sub\": \"system:serviceaccount:payments:payments-api\""));
	assert_int_equal(cli(8, qv), 2);
	assert_string_equal(errbuf, "stsverify: check: -q and -v exclude each other\n" CHECK_HINT);
}

/* Every time in a row: UTC, Unix seconds and a relative form. */
static void test_check_times_three_ways(void **state)
{
	const char *eks[] = { "stsverify", "check", "--dir", BUNDLES "/ok-eks", "--now", "1790000000" };
	const char *fut[] = { "stsverify", "check", "--dir", BUNDLES "/ok-eks", "--now", "1789996300" };
	(void)state;
	plain_locale();
	assert_int_equal(cli(6, eks), 0);
	assert_non_null(strstr(outbuf, "PASS  clm.exp           expires at 2026-09-22T13:13:20Z (1790082800), in 23 h (lifetime 1 d)\n"));
	assert_non_null(strstr(outbuf, "PASS  clm.nbf           valid since 2026-09-21T13:13:20Z (1789996400), 1 h ago\n"));
	assert_non_null(strstr(outbuf, "PASS  clm.iat           issued at 2026-09-21T13:13:20Z (1789996400), 1 h ago\n"));
	/* a clock 100 s behind the issuer's, inside the leeway: not "ago" */
	assert_int_equal(cli(6, fut), 0);
	assert_non_null(strstr(outbuf, "PASS  clm.nbf           valid from 2026-09-21T13:13:20Z (1789996400), in 1 min 40 s, "
	                               "inside the 300 s leeway\n"));
	assert_non_null(strstr(outbuf, "PASS  clm.iat           issued at 2026-09-21T13:13:20Z (1789996400), 1 min 40 s ahead "
	                               "of this clock, inside the 300 s leeway\n"));
}

/* --leeway moves the exp window (default 300 s, AWS's): the expired bundle is 3600 s past exp,
   so 3600 s of leeway still fails (now >= exp + leeway) and one second more passes. */
static void test_check_leeway_boundary_pair(void **state)
{
	const char *at[] = { "stsverify", "check", "--dir", BUNDLES "/expired", "--now", "1790000000", "--leeway", "3600" };
	const char *in[] = { "stsverify", "check", "--dir", BUNDLES "/expired", "--now", "1790000000", "--leeway", "3601" };
	(void)state;
	plain_locale();
	assert_int_equal(cli(8, at), 1);
	assert_non_null(strstr(outbuf, "FAIL  clm.exp           expired at 2026-09-21T13:13:20Z (1789996400), 1 h ago (leeway 3600 s)\n"));
	assert_non_null(strstr(outbuf, "STS would answer: ExpiredTokenException: Token expired: current date/time 1790000000 "
	                               "must be before the expiration date/time 1789996400 [clm.exp]\n"));
	assert_int_equal(cli(8, in), 0);
	assert_non_null(strstr(outbuf, "PASS  clm.exp           expired at 2026-09-21T13:13:20Z (1789996400), 1 h ago, inside "
	                               "the 3601 s leeway\n"));
	assert_non_null(strstr(outbuf, "STS would answer: success"));
}

/* ---- every bundle's --json against docs/json-schema.md --------------------- */

/* 'o' object, 'a' array, 's' string, 'n' null, 'b' boolean, 'i' integer, '?' other, 0 absent */
static char jkind(const sv_json *d, int i)
{
	sv_sv raw;
	size_t k;
	if (i < 0)
		return 0;
	switch (sv_json_type(d, i)) {
	case JSMN_OBJECT: return 'o';
	case JSMN_ARRAY: return 'a';
	case JSMN_STRING: return 's';
	default: break;
	}
	raw = sv_json_raw(d, i);
	if (sv_eq(raw, SV_LIT("null")))
		return 'n';
	if (sv_eq(raw, SV_LIT("true")) || sv_eq(raw, SV_LIT("false")))
		return 'b';
	for (k = raw.p[0] == '-' ? 1 : 0; k < raw.n; k++)
		if (raw.p[k] < '0' || raw.p[k] > '9')
			return '?';
	return raw.n ? 'i' : '?';
}

static char member_kind(const sv_json *d, int obj, const char *key)
{
	return jkind(d, sv_json_get(d, obj, sv_from_cstr(key)));
}

/* The index of a stable check id, -1 when it is not one of sv_checks.def. */
static int slug_index(const char *id)
{
	int k;
	for (k = 0; k < (int)SV_CHK__COUNT; k++)
		if (strcmp(sv_check_slug((sv_check_id)k), id) == 0)
			return k;
	return -1;
}

#define SCHEMA_WANT(cond, ...) do { if (!(cond)) { print_error("bundle %s: ", name); print_error(__VA_ARGS__); \
	print_error("\n"); bad++; } } while (0)

static int validate_check_doc(const char *name, const sv_json *dp, int rc);

static int validate_check_json(const char *name)
{
	char dir[512], now[32];
	const char *argv[7];
	expect x;
	sv_json d;
	sv_err e;
	int bad = 0, rc;

	snprintf(dir, sizeof dir, BUNDLES "/%s", name);
	if (read_expect(dir, &x) != 0)
		return 1;
	snprintf(now, sizeof now, "%s", x.now);
	argv[0] = "stsverify"; argv[1] = "check"; argv[2] = "--dir"; argv[3] = dir;
	argv[4] = "--now"; argv[5] = now; argv[6] = "--json";
	rc = cli(7, argv);
	SCHEMA_WANT(rc == 0 || rc == 1, "exit %d", rc);
	SCHEMA_WANT(errbuf[0] == '\0', "stderr: %s", errbuf);
	if (sv_json_parse(&d, outbuf, outlen, jtok, sizeof jtok / sizeof jtok[0], &e) != SV_OK) {
		print_error("bundle %s: not JSON: %s\n", name, e.msg);
		return 1;
	}
	{
		char why[512];
		if (ts_schema_check_def("check", outbuf, outlen, why, sizeof why) != 0) {
			print_error("bundle %s: not a check document of docs/json-schema.json: %s\n", name, why);
			bad++;
		}
	}
	return validate_check_doc(name, &d, rc) + bad;
}

/* One check --json document; rc: the exit status it came with, -1 in the fleet view (one status for all). */
static int validate_check_doc(const char *name, const sv_json *dp, int rc)
{
	sv_json d = *dp;
	char s[256];
	int bad = 0, checks, sts, k, n, j, last = -1;
	char kinds[2];
	SCHEMA_WANT(jkind(&d, 0) == 'o', "not an object");
	SCHEMA_WANT(sv_eq(sv_json_raw(&d, sv_json_get(&d, 0, SV_LIT("schema"))), SV_LIT("1")), "schema is not 1");
	jstr(&d, 0, "command", s, sizeof s);
	SCHEMA_WANT(member_kind(&d, 0, "command") == 's' && strcmp(s, "check") == 0, "command is not \"check\"");
	SCHEMA_WANT(member_kind(&d, 0, "accepted") == 'b', "accepted is not a boolean");
	kinds[0] = member_kind(&d, 0, "header");
	kinds[1] = member_kind(&d, 0, "claims");
	SCHEMA_WANT((kinds[0] == 'o' || kinds[0] == 'n') && (kinds[1] == 'o' || kinds[1] == 'n'),
	            "header/claims not object or null");

	checks = sv_json_get(&d, 0, SV_LIT("checks"));
	SCHEMA_WANT(jkind(&d, checks) == 'a', "checks is not an array");
	if (jkind(&d, checks) == 'a') {
		n = sv_json_count(&d, checks);
		SCHEMA_WANT(n > 0, "no checks");
		for (k = 0, j = checks + 1; k < n; k++, j = sv_json_next(&d, j)) {
			char id[64], status[16];
			int idx;
			SCHEMA_WANT(jkind(&d, j) == 'o', "checks[%d] is not an object", k);
			SCHEMA_WANT(member_kind(&d, j, "id") == 's' && member_kind(&d, j, "status") == 's' &&
			                member_kind(&d, j, "message") == 's',
			            "checks[%d]: id/status/message not strings", k);
			SCHEMA_WANT(member_kind(&d, j, "hint") == 's' || member_kind(&d, j, "hint") == 'n',
			            "checks[%d]: hint not string or null", k);
			jstr(&d, j, "id", id, sizeof id);
			jstr(&d, j, "status", status, sizeof status);
			idx = slug_index(id);
			SCHEMA_WANT(idx >= 0, "checks[%d]: \"%s\" is not a check id of sv_checks.def", k, id);
			SCHEMA_WANT(idx > last, "checks[%d]: \"%s\" out of sv_checks.def order or repeated", k, id);
			last = idx;
			SCHEMA_WANT(strcmp(status, "PASS") == 0 || strcmp(status, "WARN") == 0 || strcmp(status, "FAIL") == 0 ||
			                strcmp(status, "SKIP") == 0,
			            "checks[%d]: status \"%s\"", k, status);
		}
	}

	sts = sv_json_get(&d, 0, SV_LIT("sts"));
	SCHEMA_WANT(jkind(&d, sts) == 'o', "sts is not an object");
	if (jkind(&d, sts) == 'o') {
		static const char *const opt_str[] = { "code", "message", "gate", "assumed_role_arn", "provider_arn",
			                                   "convention" };
		char outcome[16], gate[64], conv[32];
		size_t i;
		int acc = sv_eq(sv_json_raw(&d, sv_json_get(&d, 0, SV_LIT("accepted"))), SV_LIT("true"));
		jstr(&d, sts, "outcome", outcome, sizeof outcome);
		SCHEMA_WANT(strcmp(outcome, "success") == 0 || strcmp(outcome, "error") == 0, "sts.outcome \"%s\"", outcome);
		SCHEMA_WANT(acc == (strcmp(outcome, "success") == 0), "accepted disagrees with sts.outcome");
		SCHEMA_WANT(rc < 0 || rc == (acc ? 0 : 1), "exit %d with accepted %d", rc, acc);
		for (i = 0; i < sizeof opt_str / sizeof opt_str[0]; i++) {
			char kd = member_kind(&d, sts, opt_str[i]);
			SCHEMA_WANT(kd == 's' || kd == 'n', "sts.%s not string or null", opt_str[i]);
		}
		SCHEMA_WANT(member_kind(&d, sts, "verbatim") == 'b', "sts.verbatim not boolean");
		if (acc)
			SCHEMA_WANT(member_kind(&d, sts, "code") == 'n' && member_kind(&d, sts, "message") == 'n' &&
			                member_kind(&d, sts, "gate") == 'n',
			            "success with code/message/gate");
		else
			SCHEMA_WANT(member_kind(&d, sts, "message") == 's' && member_kind(&d, sts, "gate") == 's',
			            "error without message/gate");
		jstr(&d, sts, "gate", gate, sizeof gate);
		SCHEMA_WANT(!gate[0] || slug_index(gate) >= 0, "sts.gate \"%s\" is not a check id", gate);
		jstr(&d, sts, "convention", conv, sizeof conv);
		SCHEMA_WANT(!conv[0] || strcmp(conv, "EKS") == 0 || strcmp(conv, "OpenShift") == 0,
		            "sts.convention \"%s\"", conv);
		j = sv_json_get(&d, sts, SV_LIT("unchecked"));
		SCHEMA_WANT(jkind(&d, j) == 'a', "sts.unchecked not an array");
		if (jkind(&d, j) == 'a') {
			int m = sv_json_count(&d, j), q, t;
			for (q = 0, t = j + 1; q < m; q++, t = sv_json_next(&d, t)) {
				char id[64];
				sv_arena a;
				static char ab[256];
				sv_sv v;
				SCHEMA_WANT(jkind(&d, t) == 's', "sts.unchecked[%d] not a string", q);
				sv_arena_init(&a, ab, sizeof ab);
				id[0] = '\0';
				if (sv_json_str(&d, t, &a, &v) == SV_OK)
					snprintf(id, sizeof id, "%.*s", (int)v.n, v.p);
				SCHEMA_WANT(slug_index(id) >= 0, "sts.unchecked[%d] \"%s\" is not a check id", q, id);
			}
		}
	}
	return bad ? 1 : 0;
}

static void test_check_json_schema_every_bundle(void **state)
{
	DIR *dp = opendir(BUNDLES);
	struct dirent *de;
	int count = 0, failures = 0;
	(void)state;
	ts_schema_load();
	assert_non_null(dp);
	while ((de = readdir(dp)) != NULL) {
		char p[512];
		struct stat st;
		if (de->d_name[0] == '.')
			continue;
		snprintf(p, sizeof p, BUNDLES "/%s", de->d_name);
		if (stat(p, &st) != 0 || !S_ISDIR(st.st_mode))
			continue;
		failures += validate_check_json(de->d_name);
		count++;
	}
	closedir(dp);
	assert_true(count >= 29);
	assert_int_equal(failures, 0);

	/* the fleet view: every line is the same document plus "bundle" */
	{
		static char lines[1 << 20];
		const char *fargv[] = { "stsverify", "check", "--dir", BUNDLES, "--now", "1790000000", "--json" };
		char *line, *save;
		int nl = 0;
		assert_int_equal(cli(7, fargv), 1);
		snprintf(lines, sizeof lines, "%s", outbuf);
		for (line = strtok_r(lines, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			sv_json d;
			sv_err e;
			char b[512];
			char why[512];
			assert_int_equal(sv_json_parse(&d, line, strlen(line), jtok, sizeof jtok / sizeof jtok[0], &e), SV_OK);
			if (ts_schema_check_def("check", line, strlen(line), why, sizeof why) != 0)
				fail_msg("fleet line not a check document of docs/json-schema.json: %s\n%s", why, line);
			jstr(&d, 0, "bundle", b, sizeof b);
			assert_int_equal(strncmp(b, BUNDLES "/", strlen(BUNDLES) + 1), 0);
			assert_int_equal(jkind(&d, sv_json_get(&d, 0, SV_LIT("error"))), 0);
			failures += validate_check_doc(b, &d, -1);
			nl++;
		}
		assert_int_equal(nl, count);
		assert_int_equal(failures, 0);
	}
}

static void test_check_help_names_bundle_files(void **state)
{
	const char *argv[] = { "stsverify", "check", "--help" };
	static const char *files[] = { "token", "credentials", "openid-configuration.json", "keys.json",
		                           "provider.json", "role.json", "chain.pem" };
	size_t i;
	(void)state;
	assert_int_equal(cli(3, argv), 0);
	for (i = 0; i < sizeof files / sizeof files[0]; i++) {
		char want[64];
		snprintf(want, sizeof want, "  %s ", files[i]);
		if (!strstr(outbuf, want))
			fail_msg("check --help does not name the bundle file %s", files[i]);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_bundles_manifest),
		cmocka_unit_test(test_check_motivating_scenario_text),
		cmocka_unit_test(test_check_input_errors),
		cmocka_unit_test(test_check_session_and_duration_flags),
		cmocka_unit_test(test_check_without_role_skips_policy),
		cmocka_unit_test(test_check_token_size_gate),
		cmocka_unit_test(test_check_preflight),
		cmocka_unit_test(test_check_preflight_unreadable_and_other_sources),
		cmocka_unit_test(test_check_preflight_default_token_paths),
		cmocka_unit_test(test_check_credentials_config_precedence),
		cmocka_unit_test(test_check_help_names_bundle_files),
		cmocka_unit_test(test_check_chain_ascii),
		cmocka_unit_test(test_check_chain_utf8),
		cmocka_unit_test(test_check_color_only_on_a_terminal),
		cmocka_unit_test(test_check_quiet_and_verbose),
		cmocka_unit_test(test_check_times_three_ways),
		cmocka_unit_test(test_check_leeway_boundary_pair),
		cmocka_unit_test(test_check_json_schema_every_bundle),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
