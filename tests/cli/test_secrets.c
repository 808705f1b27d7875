#define _POSIX_C_SOURCE 200809L
#define _GNU_SOURCE
/*
 * test_secrets.c -- credentials never leak: not in what the program prints,
 * and not in its memory once a command is done.
 *
 * 1. Every token of the verify manifest (fixtures/cases/verify.txt) goes
 *    through `verify` (text and --json) and `decode`, every fixture bundle
 *    through `check --dir` (text and --json), in-process: no run of 19
 *    characters of the token's signature segment appears on stdout or stderr.
 *    `request --redact` prints the request without it.
 * 2. After each command returns (for every 4th manifest token, every
 *    input-error case, and every other command here), the program's static
 *    memory (.data and .bss, where the CLI keeps its buffers and
 *    workspaces; found through /proc/self/maps) holds neither the
 *    signature segment's text, nor the decoded signature bytes, nor (for
 *    `explain`) the SecretAccessKey and SessionToken of an STS answer: the
 *    buffers that held them were wiped. The capture buffers of this test
 *    are the only exception, and they are checked by part 1.
 * 3. sv_verify + sv_workspace_wipe leaves a workspace of zero bytes.
 */
#include "harness.h"

#include <unistd.h>

#define WIN 16

static int contains(const char *hay, size_t n, const char *needle, size_t m)
{
	return m > 0 && n >= m && memmem(hay, n, needle, m) != NULL;
}

/* 1 when secret shows in text: any run of WIN + 3 of its characters (windows every 4) */
static int shows(const char *text, size_t n, const char *secret, size_t sn)
{
	size_t i;
	if (sn < WIN)
		return contains(text, n, secret, sn) && sn >= 8;
	for (i = 0; i + WIN <= sn; i += 4)
		if (contains(text, n, secret + i, WIN))
			return 1;
	return 0;
}

#include "memscan.h"

static int resident(const void *needle, size_t m)
{
	return ms_resident(needle, m);
}

/* The signature segment of a token file (heap copies: this test keeps no secret in .bss). */
typedef struct sig {
	char *text;              /* base64url, NUL-terminated */
	size_t n;
	unsigned char *bytes;    /* decoded */
	size_t nb;
} sig;

static int load_sig(const char *path, sig *s)
{
	size_t len, i, dots = 0, at = 0;
	char *t = th_read(path, &len);
	memset(s, 0, sizeof *s);
	if (!t)
		return 0;
	while (len > 0 && (t[len - 1] == '\n' || t[len - 1] == '\r'))
		len--;
	for (i = 0; i < len; i++)
		if (t[i] == '.' && ++dots == 2)
			at = i + 1;
	if (dots != 2 || len - at < WIN) {
		free(t);
		return 0;
	}
	s->n = len - at;
	s->text = malloc(s->n + 1);
	memcpy(s->text, t + at, s->n);
	s->text[s->n] = '\0';
	free(t);
	s->bytes = malloc(s->n);
	{
		sv_err e;
		if (sv_b64url_decode((sv_sv){ s->text, s->n }, s->bytes, s->n, &s->nb, &e) != SV_OK)
			s->nb = 0;
	}
	return 1;
}

static void free_sig(sig *s)
{
	free(s->text);
	free(s->bytes);
}

static int nfail;

/* 1 when the bytes take at least 8 distinct values */
static int varied(const unsigned char *b, size_t n)
{
	unsigned char seen[256] = { 0 };
	size_t i, k = 0;
	for (i = 0; i < n; i++)
		if (!seen[b[i]]++)
			k++;
	return k >= 8;
}

/* public is text the command read besides the token (the JWKS): a "signature" copied from it is not a secret */
static const char *public_text;
static size_t public_len;

/* the memory scan is slow (tens of MiB under ASan): every case's output, every 4th case's memory */
static int scan_memory = 1;

static void expect_clean(const char *what, const char *who, const sig *s)
{
	if (shows(outbuf, outlen, s->text, s->n)) {
		print_error("%s %s: stdout shows the signature\n", what, who);
		nfail++;
	}
	if (shows(errbuf, errlen, s->text, s->n)) {
		print_error("%s %s: stderr shows the signature\n", what, who);
		nfail++;
	}
	if (!scan_memory)
		return;
	if (resident(s->text, WIN * 2 < s->n ? WIN * 2 : s->n) &&
	    !(public_text && shows(public_text, public_len, s->text, s->n))) {
		print_error("%s %s: the signature segment's text is still in static memory\n", what, who);
		nfail++;
	}
	/* the last 32 bytes (a forgery's first ones are zeros), unless they are too uniform to mean anything */
	if (s->nb >= 32 && varied(s->bytes + s->nb - 32, 32) && resident(s->bytes + s->nb - 32, 32)) {
		print_error("%s %s: the decoded signature is still in static memory\n", what, who);
		nfail++;
	}
}

/* ---- 1 + 2: verify and decode over every manifest token ------------------ */

static void test_secrets_verify_and_decode(void **state)
{
	FILE *f = fopen("fixtures/cases/verify.txt", "r");
	char line[256], name[300] = "", token[300] = "", jwks[300] = "", now[300] = "";
	int in = 0, runs = 0;
	(void)state;
	nfail = 0;
	assert_non_null(f);
	for (;;) {
		char *got = fgets(line, sizeof line, f);
		if (got)
			line[strcspn(line, "\r\n")] = '\0';
		if ((!got || strcmp(line, "[case]") == 0) && in && token[0]) {
			sig s;
			char *pub = th_read(jwks, &public_len);
			public_text = pub;
			scan_memory = (runs % 4 == 0) || strncmp(name, "input.", 6) == 0;
			if (load_sig(token, &s)) {
				const char *v[] = { "stsverify", "verify", "--token", token, "--jwks", jwks, "--now", now,
				                    NULL, NULL };
				const char *d[] = { "stsverify", "decode", "--token", token, "--now", now, NULL };
				cli(v);
				expect_clean("verify", name, &s);
				v[8] = "--json";
				cli(v);
				expect_clean("verify --json", name, &s);
				cli(d);
				expect_clean("decode", name, &s);
				runs++;
				free_sig(&s);
			}
			free(pub);
			public_text = NULL;
		}
		if (!got)
			break;
		if (strcmp(line, "[case]") == 0) {
			in = 1;
			token[0] = jwks[0] = '\0';
			continue;
		}
		if (!strncmp(line, "name = ", 7))
			snprintf(name, sizeof name, "%s", line + 7);
		else if (!strncmp(line, "token = ", 8))
			snprintf(token, sizeof token, "fixtures/%s", line + 8);
		else if (!strncmp(line, "jwks = ", 7))
			snprintf(jwks, sizeof jwks, "fixtures/%s", line + 7);
		else if (!strncmp(line, "now = ", 6))
			snprintf(now, sizeof now, "%s", line + 6);
	}
	fclose(f);
	scan_memory = 1;
	assert_true(runs > 150);
	if (nfail)
		fail_msg("%d leak(s)", nfail);
}

/* ---- check over every bundle --------------------------------------------- */

static void test_secrets_check(void **state)
{
	static const char *const bundles[] = {
		"ok-eks", "ok-openshift", "expired", "sig-exp-extended", "disc-issuer-mismatch",
		"pol-wrong-namespace", "prov-aud-openshift-missing", "openshift-ingress-rotated-key",
	};
	size_t i;
	(void)state;
	nfail = 0;
	for (i = 0; i < sizeof bundles / sizeof bundles[0]; i++) {
		char dir[200], tok[240];
		sig s;
		const char *v[] = { "stsverify", "check", "--dir", dir, "--now", "1790000000", NULL, NULL };
		snprintf(dir, sizeof dir, "fixtures/bundles/%s", bundles[i]);
		snprintf(tok, sizeof tok, "%s/token", dir);
		if (!load_sig(tok, &s))
			fail_msg("%s: no token", dir);
		cli(v);
		expect_clean("check", bundles[i], &s);
		v[6] = "--json";
		cli(v);
		expect_clean("check --json", bundles[i], &s);
		free_sig(&s);
	}
	if (nfail)
		fail_msg("%d leak(s)", nfail);
}

/* ---- request --redact ------------------------------------------------------ */

static void test_secrets_request_redact(void **state)
{
	static const char *const formats[] = { "http", "curl", "awscli", "json" };
	const char *tok = "fixtures/tokens/eks.jwt";
	size_t i;
	sig s;
	(void)state;
	nfail = 0;
	assert_true(load_sig(tok, &s));
	for (i = 0; i < sizeof formats / sizeof formats[0]; i++) {
		const char *v[] = { "stsverify", "request", "--token", tok, "--role-arn",
		                    "arn:aws:iam::111122223333:role/app", "--session-name", "s1", "--region",
		                    "us-west-2", "--format", formats[i], "--redact", NULL };
		int rc = cli(v);
		if (rc != 0)
			fail_msg("request --format %s --redact: exit %d: %s", formats[i], rc, errbuf);
		expect_clean("request --redact --format", formats[i], &s);
	}
	free_sig(&s);
	if (nfail)
		fail_msg("%d leak(s)", nfail);
}

/* ---- explain: the credentials of a success answer -------------------------- */


static void test_secrets_explain(void **state)
{
	char dir[64], file[96];
	FILE *f;
	/* the secrets are spelled in pieces so this file's own .rodata does not hold them whole */
	char secret[64], stoken[64];
	snprintf(secret, sizeof secret, "%s%s", "wJalrXUtnFEMI/K7MDENG/bPxRfiCY", "zzSECRET");
	snprintf(stoken, sizeof stoken, "%s%s", "IQoJb3JpZ2luX2VjEXAMPLE", "zzSESSIONTOKEN");
	(void)state;
	strcpy(dir, "/tmp/stsverify-secrets-XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(file, sizeof file, "%s/answer.xml", dir);
	f = fopen(file, "wb");
	assert_non_null(f);
	fprintf(f,
	        "<AssumeRoleWithWebIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
	        " <AssumeRoleWithWebIdentityResult>\n"
	        "  <AssumedRoleUser><Arn>arn:aws:sts::111122223333:assumed-role/app/s1</Arn>"
	        "<AssumedRoleId>AROAEXAMPLE:s1</AssumedRoleId></AssumedRoleUser>\n"
	        "  <Credentials><SessionToken>%s</SessionToken><SecretAccessKey>%s</SecretAccessKey>"
	        "<Expiration>2026-09-21T15:13:20Z</Expiration><AccessKeyId>ASIAEXAMPLE0000000</AccessKeyId>"
	        "</Credentials>\n"
	        " </AssumeRoleWithWebIdentityResult>\n"
	        " <ResponseMetadata><RequestId>r-1</RequestId></ResponseMetadata>\n"
	        "</AssumeRoleWithWebIdentityResponse>\n", stoken, secret);
	fclose(f);
	{
		static const char *const forms[] = { "text", "json" };
		size_t i;
		for (i = 0; i < 2; i++) {
			const char *v[] = { "stsverify", "explain", file, "--format", forms[i], "--now", "1790000000", NULL };
			cli(v);
			if (strstr(outbuf, secret) || strstr(outbuf, stoken) || strstr(errbuf, secret) || strstr(errbuf, stoken))
				fail_msg("explain --format %s prints a credential", forms[i]);
			if (resident(secret, strlen(secret)) || resident(stoken, strlen(stoken)))
				fail_msg("explain --format %s: a credential is still in static memory", forms[i]);
		}
	}
	{
		/* asked for explicitly: printed, and still wiped from memory afterwards */
		const char *v[] = { "stsverify", "explain", file, "--format", "env", "--show-credentials", NULL };
		assert_int_equal(cli(v), 0);
		assert_non_null(strstr(outbuf, secret));
		if (resident(secret, strlen(secret)) || resident(stoken, strlen(stoken)))
			fail_msg("explain --show-credentials: a credential is still in static memory");
	}
	unlink(file);
	rmdir(dir);
}

/* ---- 3: the library's wipe --------------------------------------------------- */

static void test_secrets_workspace_wipe(void **state)
{
	static sv_workspace ws;
	static sv_report rep;
	size_t tlen = 0, klen = 0, i;
	char *t = th_read("fixtures/tokens/eks.jwt", &tlen), *k = th_read("fixtures/jwks/cluster.json", &klen);
	const unsigned char *b = (const unsigned char *)&ws;
	sv_verify_opts o;
	sv_err e;
	(void)state;
	assert_non_null(t);
	assert_non_null(k);
	while (tlen && (t[tlen - 1] == '\n'))
		tlen--;
	sv_verify_opts_init(&o, 1790000000);
	sv_report_init(&rep);
	assert_int_equal(sv_verify(&ws, &o, t, tlen, k, klen, &rep, &e), SV_OK);
	assert_true(sv_report_ok(&rep));
	/* the workspace held the decoded token and key */
	assert_true(ws.tok.sig_len == 256 && ws.key.nlen == 256);
	sv_workspace_wipe(&ws);
	for (i = 0; i < sizeof ws; i++)
		if (b[i])
			fail_msg("byte %zu of the workspace survives the wipe", i);
	free(t);
	free(k);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_secrets_workspace_wipe),
		cmocka_unit_test(test_secrets_verify_and_decode),
		cmocka_unit_test(test_secrets_check),
		cmocka_unit_test(test_secrets_request_redact),
		cmocka_unit_test(test_secrets_explain),
	};
	if (ms_init() == 0)
		printf("test_secrets: no /proc/self/maps: the memory scans are skipped\n");
	ms_leave_out(0, outbuf, sizeof outbuf);
	ms_leave_out(1, errbuf, sizeof errbuf);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
