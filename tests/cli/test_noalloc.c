/*
 * test_noalloc.c -- every command path runs with zero heap allocations.
 *
 * This executable defines malloc/calloc/realloc/free itself, so every call
 * in the process (ours, libc's, cmocka's) lands here. They serve a bump
 * arena and count calls made while a command runs; the count must be 0.
 */
#include "helpers.h"
#include "cli/cli.h"

#include <dirent.h>
#include <sys/stat.h>

#if defined(__SANITIZE_ADDRESS__)
#define SV_NOALLOC_SKIP 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SV_NOALLOC_SKIP 1
#endif
#endif

static int counting;
static unsigned long calls;

#ifndef SV_NOALLOC_SKIP
static _Alignas(16) unsigned char arena[64u << 20];
static size_t used;

void *malloc(size_t n);
void *calloc(size_t a, size_t b);
void *realloc(void *p, size_t n);
void free(void *p);

void *malloc(size_t n)
{
	unsigned char *p;
	if (counting)
		calls++;
	n = (n + 15) & ~(size_t)15;
	if (used + n + 16 > sizeof arena)
		return NULL;
	p = arena + used;
	memcpy(p, &n, sizeof n);
	used += n + 16;
	return p + 16;
}

void *calloc(size_t a, size_t b)
{
	void *p;
	if (b && a > (size_t)-1 / b)
		return NULL;
	p = malloc(a * b);
	if (p)
		memset(p, 0, a * b);
	return p;
}

void *realloc(void *p, size_t n)
{
	void *q;
	size_t old;
	if (!p)
		return malloc(n);
	memcpy(&old, (unsigned char *)p - 16, sizeof old);
	q = malloc(n);
	if (q)
		memcpy(q, p, old < n ? old : n);
	return q;
}

void free(void *p)
{
	(void)p;
	if (counting)
		calls++;
}
#endif

static char outbuf[1 << 20], errbuf[1 << 16];
static size_t outlen, errlen;

static int sink(void *ctx, const unsigned char *b, size_t n)
{
	int which = (int)(intptr_t)ctx;
	char *dst = which == 1 ? outbuf : errbuf;
	size_t *len = which == 1 ? &outlen : &errlen;
	size_t cap = which == 1 ? sizeof outbuf : sizeof errbuf;
	if (*len + n > cap)
		n = cap - *len;
	memcpy(dst + *len, b, n);
	*len += n;
	return n ? (int)n : -1;
}

static int run(const char *name, const char *const *argv, int argc)
{
	int rc;
	outlen = errlen = 0;
	calls = 0;
	counting = 1;
	rc = sv_cli_main(argc, argv, sink, (void *)(intptr_t)1, sink, (void *)(intptr_t)2);
	counting = 0;
	if (calls != 0)
		fail_msg("%s: %lu heap calls during the command", name, calls);
	return rc;
}

#define RT SV_SHARED_DIR "/vectors/real-tokens/cases/"

static void test_noalloc_every_command_path(void **state)
{
	static const char *verify_ok[] = { "stsverify", "verify", "--token", RT "real-eks-irsa-token-valid/token",
		"--jwks", RT "real-eks-irsa-token-valid/jwks.json", "--now", "1764013078",
		"--aud", "sts.amazonaws.com" };
	static const char *verify_json[] = { "stsverify", "verify", "--json", "--token",
		RT "real-eks-irsa-token-sub-tampered/token", "--jwks",
		RT "real-eks-irsa-token-sub-tampered/jwks.json", "--now", "1764013078" };
	static const char *verify_missing[] = { "stsverify", "verify", "--token", "/nonexistent/token",
		"--jwks", RT "real-eks-irsa-token-valid/jwks.json" };
	static const char *verify_batch[] = { "stsverify", "verify", "--tokens", RT "real-eks-irsa-token-valid/token",
		"--jwks", RT "real-eks-irsa-token-valid/jwks.json", "--now", "1764013078" };
	static const char *decode[] = { "stsverify", "decode", "--token", RT "real-eks-irsa-token-valid/token",
		"--now", "1764013078" };
	static const char *request[] = { "stsverify", "request", "--token", RT "real-eks-irsa-token-valid/token",
		"--role-arn", "arn:aws:iam::111122223333:role/r", "--region", "us-west-2", "--now", "1764013078" };
	static const char *request_json[] = { "stsverify", "request", "--token", RT "real-eks-irsa-token-valid/token",
		"--role-arn", "arn:aws:iam::111122223333:role/r", "--session-name", "s1", "--format", "json", "--redact" };
	static const char *request_curl[] = { "stsverify", "request", "--token", RT "real-eks-irsa-token-valid/token",
		"--role-arn", "arn:aws:iam::111122223333:role/r", "--session-name", "s1", "--format", "curl" };
	static const char *explain[] = { "stsverify", "explain", "/tmp/stsverify-noalloc-answer.xml", "--now", "0" };
	static const char *fleet[] = { "stsverify", "check", "--dir", "fixtures/bundles", "--now", "1790000000" };
	static const char *perm_text[] = { "stsverify", "permissions", "--credentials-request",
		"fixtures/permissions/requests/load-balancer.yaml", "--policy", "fixtures/permissions/policies/lb-deny-app-balancers.json",
		"--policy", "fixtures/permissions/policies/lb-tags-other-region.json", "--role", "fixtures/permissions/roles/ingress-urlencoded.json" };
	static const char *perm_json[] = { "stsverify", "permissions", "--json", "--credentials-request",
		"fixtures/permissions/requests/requests.json", "--name", "openshift-ingress", "--policy",
		"fixtures/permissions/policies/ingress-urlencoded.json", "--policy", "fixtures/permissions/policies/ingress-region-condition.json",
		"--role", "fixtures/permissions/roles/ingress-deny.json" };
	static const char *perm_error[] = { "stsverify", "permissions", "--credentials-request",
		"fixtures/permissions/requests/machine-api.yaml", "--policy",
		SV_SHARED_DIR "/vectors/credentials-requests/derived/role-policies/ingress.ccoctl.get-role-policy.urlencoded-truncated.json" };
	static const char *perm_help[] = { "stsverify", "help", "permissions" };
	static const char *version[] = { "stsverify", "--version" };
	static const char *help[] = { "stsverify", "help", "verify" };
	static const char *check_dir[] = { "stsverify", "check", "--dir", "fixtures/bundles/openshift-ingress-rotated-key",
		"--now", "1790000000" };
	static const char *check_json[] = { "stsverify", "check", "--json", "--dir",
		"fixtures/bundles/pol-wildcard-stringequals", "--now", "1790000000" };
	(void)state;
#ifdef SV_NOALLOC_SKIP
	print_message("skipped under AddressSanitizer (it owns malloc)\n");
	return;
#endif
	assert_int_equal(run("verify ok", verify_ok, 10), 0);
	assert_int_equal(run("verify --json", verify_json, 9), 1);
	assert_int_equal(run("verify missing file", verify_missing, 6), 2);
	assert_int_equal(run("verify --tokens", verify_batch, 8), 0);
	assert_int_equal(run("decode", decode, 6), 0);
	assert_int_equal(run("request", request, 10), 0);
	assert_int_equal(run("request --format json", request_json, 11), 0);
	assert_int_equal(run("request --format curl", request_curl, 10), 0);
	{
		FILE *f = fopen("/tmp/stsverify-noalloc-answer.xml", "wb");   /* outside the counted window */
		assert_non_null(f);
		fputs("<ErrorResponse><Error><Code>InvalidIdentityToken</Code><Message>Incorrect token audience"
		      "</Message></Error></ErrorResponse>", f);
		fclose(f);
		assert_int_equal(run("explain", explain, 5), 1);
		remove("/tmp/stsverify-noalloc-answer.xml");
	}
	assert_int_equal(run("check fleet view", fleet, 6), 1);
	assert_int_equal(run("permissions text", perm_text, 10), 1);
	assert_int_equal(run("permissions --json", perm_json, 13), 1);
	assert_int_equal(run("permissions input error", perm_error, 6), 2);
	assert_int_equal(run("help permissions", perm_help, 3), 0);
	assert_int_equal(run("--version", version, 2), 0);
	assert_int_equal(run("help verify", help, 3), 0);
	assert_int_equal(run("check --dir", check_dir, 6), 1);
	assert_int_equal(run("check --json", check_json, 7), 1);
}

/*
 * Every CLI fixture: each case of fixtures/cases/verify.txt as `verify`
 * (with its own options; input errors included) and as `decode`, and each
 * check bundle as `check --dir`, with the exit status its manifest gives.
 * The manifest is read outside the counted window.
 */
static void test_noalloc_every_fixture(void **state)
{
	static char cases[256][8][320];     /* per case: token, jwks, now, aud..., flags */
	static const char *argv[32];
	FILE *f;
	char line[400];
	int ncase = -1, i, nrun = 0;
	static int rcs[256], naud[256];
	static char extra[256][3][2][320];   /* iss / alg / leeway: flag, value */
	(void)state;
#ifdef SV_NOALLOC_SKIP
	print_message("skipped under AddressSanitizer (it owns malloc)\n");
	return;
#endif
	f = fopen("fixtures/cases/verify.txt", "r");
	assert_non_null(f);
	while (fgets(line, sizeof line, f)) {
		char *v;
		line[strcspn(line, "\r\n")] = '\0';
		if (strcmp(line, "[case]") == 0) {
			if (++ncase == 256)
				fail_msg("more than 256 manifest cases");
			continue;
		}
		if (ncase < 0 || !(v = strstr(line, " = ")))
			continue;
		*v = '\0';
		v += 3;
		if (!strcmp(line, "token")) snprintf(cases[ncase][0], 320, "fixtures/%s", v);
		else if (!strcmp(line, "jwks")) snprintf(cases[ncase][1], 320, "fixtures/%s", v);
		else if (!strcmp(line, "now")) snprintf(cases[ncase][2], 320, "%s", v);
		else if (!strcmp(line, "aud") && naud[ncase] < 4) snprintf(cases[ncase][3 + naud[ncase]++], 320, "%s", v);
		else if (!strcmp(line, "iss")) { strcpy(extra[ncase][0][0], "--iss"); snprintf(extra[ncase][0][1], 320, "%s", v); }
		else if (!strcmp(line, "alg")) { strcpy(extra[ncase][1][0], "--alg"); snprintf(extra[ncase][1][1], 320, "%s", v); }
		else if (!strcmp(line, "leeway")) { strcpy(extra[ncase][2][0], "--leeway"); snprintf(extra[ncase][2][1], 320, "%s", v); }
		else if (!strcmp(line, "rc")) rcs[ncase] = atoi(v);
	}
	fclose(f);
	for (i = 0; i <= ncase; i++) {
		int argc = 0, k, rc;
		argv[argc++] = "stsverify";
		argv[argc++] = "verify";
		argv[argc++] = "--token";
		argv[argc++] = cases[i][0];
		argv[argc++] = "--jwks";
		argv[argc++] = cases[i][1];
		argv[argc++] = "--now";
		argv[argc++] = cases[i][2];
		for (k = 0; k < naud[i]; k++) {
			argv[argc++] = "--aud";
			argv[argc++] = cases[i][3 + k];
		}
		for (k = 0; k < 3; k++)
			if (extra[i][k][0][0]) {
				argv[argc++] = extra[i][k][0];
				argv[argc++] = extra[i][k][1];
			}
		rc = run(cases[i][0], argv, argc);
		if (rc != rcs[i])
			fail_msg("verify %s: exit %d, the manifest says %d", cases[i][0], rc, rcs[i]);
		argv[1] = "decode";
		argv[2] = "--token";
		argv[3] = cases[i][0];
		argv[4] = "--now";
		argv[5] = cases[i][2];
		(void)run(cases[i][0], argv, 6);
		nrun += 2;
	}
	{
		/* every check bundle, fixtures/bundles/<name>/, its exit status from <name>/expect */
		static char dir[64][128], now[64][400];
		static int want[64];
		size_t b, nb = 0;
		DIR *dp = opendir("fixtures/bundles");
		struct dirent *de;
		assert_non_null(dp);
		while ((de = readdir(dp)) != NULL && nb < 64) {
			char path[300];
			struct stat st;
			snprintf(path, sizeof path, "fixtures/bundles/%.100s/expect", de->d_name);
			if (de->d_name[0] == '.' || stat(path, &st) != 0)
				continue;
			snprintf(dir[nb++], sizeof dir[0], "fixtures/bundles/%.100s", de->d_name);
		}
		closedir(dp);
		assert_true(nb >= 20);
		for (b = 0; b < nb; b++) {
			char path[300];
			snprintf(path, sizeof path, "%.120s/expect", dir[b]);
			f = fopen(path, "r");
			assert_non_null(f);
			strcpy(now[b], "1790000000");
			while (fgets(line, sizeof line, f)) {
				line[strcspn(line, "\r\n")] = '\0';
				if (!strncmp(line, "now = ", 6))
					snprintf(now[b], sizeof now[b], "%s", line + 6);
				else if (!strncmp(line, "rc = ", 5))
					want[b] = atoi(line + 5);
			}
			fclose(f);
		}
		for (b = 0; b < nb; b++) {
			const char *cv[] = { "stsverify", "check", "--dir", dir[b], "--now", now[b], "--json" };
			int rc = run(dir[b], cv, 6);
			if (rc != want[b])
				fail_msg("check --dir %s: exit %d, expect says %d", dir[b], rc, want[b]);
			(void)run(dir[b], cv, 7);
			nrun += 2;
		}
	}
	print_message("%d command runs over the fixtures, none touched the heap\n", nrun);
}

/* The interposer must be live, or the test above proves nothing. */
static void test_noalloc_interposer_counts(void **state)
{
	void *volatile p;
	(void)state;
#ifdef SV_NOALLOC_SKIP
	return;
#endif
	calls = 0;
	counting = 1;
	p = malloc(10);
	free(p);
	counting = 0;
	assert_int_equal(calls, 2);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_noalloc_interposer_counts),
		cmocka_unit_test(test_noalloc_every_command_path),
		cmocka_unit_test(test_noalloc_every_fixture),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
