#define _POSIX_C_SOURCE 200809L
/*
 * test_fleet.c -- `stsverify check` over many bundles (the fleet view).
 *
 * 1. A directory of bundle directories (fixtures/bundles): one JSON line per
 *    bundle, in name order, each byte-identical to that bundle's own
 *    `check --dir B --json` document joined onto one line with "bundle"
 *    added; then the table, whose every row agrees with the bundle's
 *    `expect` file (answer: the code, success, or not-called when the SDK
 *    would not call STS; gate; number of FAIL rows); exit status 1.
 * 2. --dir repeated, one of them a directory holding an unreadable bundle,
 *    an empty one, a hidden directory and a plain file: exact table, error
 *    lines and stderr, exit 2; --json leaves the table out.
 * 3. One --dir that is a bundle, or that holds no directory: the single
 *    path, unchanged (its report, or its input error).
 */
#include <sys/stat.h>
#include <unistd.h>

#include "schema.h"
#include "cli/cli.h"

#define NOW "1790000000"
#define BUNDLES "fixtures/bundles"
#define FILES   "token, credentials, openid-configuration.json, keys.json, provider.json, role.json, chain.pem"

static char outbuf[1 << 22], errbuf[1 << 16], onebuf[1 << 20];
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

/* `check --dir B --json` on one bundle, joined onto one line with "bundle"
   after "command": what the fleet view must print for B. */
static void one_line(const char *b, char *out, size_t cap)
{
	const char *argv[] = { "stsverify", "check", "--dir", b, "--json", "--now", NOW };
	const char *p, *cmd = "\"command\": \"check\",";
	size_t w = 0;
	char last = 0;
	int nl = 0;

	(void)cli(7, argv);
	for (p = outbuf; *p; p++) {
		if (*p == '\n') {
			nl = 1;
			continue;
		}
		if (nl && *p == ' ')
			continue;
		if (nl && last == ',')
			out[w++] = ' ';
		nl = 0;
		out[w++] = last = *p;
		assert_true(w + 300 < cap);
		if (w >= strlen(cmd) && memcmp(out + w - strlen(cmd), cmd, strlen(cmd)) == 0)
			w += (size_t)snprintf(out + w, cap - w, " \"bundle\": \"%s\",", b);
	}
	out[w] = '\0';
}

static int starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

typedef struct expect {
	char rc[8], gate[64], code[64], fail[512];
} expect;

static void read_expect(const char *b, expect *e)
{
	char path[512], line[1024];
	FILE *f;
	memset(e, 0, sizeof *e);
	snprintf(path, sizeof path, "%s/expect", b);
	f = fopen(path, "r");
	assert_non_null(f);
	while (fgets(line, sizeof line, f)) {
		char *v = strstr(line, " = ");
		line[strcspn(line, "\n")] = '\0';
		if (!v)
			continue;
		*v = '\0';
		v += 3;
		if (!strcmp(line, "rc"))
			snprintf(e->rc, sizeof e->rc, "%s", v);
		else if (!strcmp(line, "gate"))
			snprintf(e->gate, sizeof e->gate, "%s", v);
		else if (!strcmp(line, "code"))
			snprintf(e->code, sizeof e->code, "%s", v);
		else if (!strcmp(line, "fail"))
			snprintf(e->fail, sizeof e->fail, "%s", v);
	}
	fclose(f);
}

static size_t words(const char *s)
{
	size_t n = 0;
	int in = 0;
	for (; *s; s++) {
		if (*s != ' ' && !in)
			n++;
		in = *s != ' ';
	}
	return n;
}

static void test_fleet_directory_of_bundles(void **state)
{
	static char fleet[sizeof outbuf];
	const char *argv[] = { "stsverify", "check", "--dir", BUNDLES, "--now", NOW };
	char names[64][128], *line, *save = NULL;
	size_t n = 0, i, nok = 0, nref = 0;
	FILE *ls;
	int rc;
	(void)state;

	/* the bundles, in name order, as the fleet view must list them */
	ls = popen("ls " BUNDLES, "r");
	assert_non_null(ls);
	while (n < 64 && fgets(names[n], sizeof names[n], ls)) {
		struct stat st;
		char p[256];
		names[n][strcspn(names[n], "\n")] = '\0';
		snprintf(p, sizeof p, BUNDLES "/%s", names[n]);
		if (stat(p, &st) == 0 && S_ISDIR(st.st_mode))
			n++;
	}
	pclose(ls);
	assert_true(n >= 10);

	rc = cli(6, argv);
	assert_int_equal(rc, 1);
	assert_string_equal(errbuf, "");
	memcpy(fleet, outbuf, outlen + 1);

	line = strtok_r(fleet, "\n", &save);
	for (i = 0; i < n; i++, line = strtok_r(NULL, "\n", &save)) {
		char b[256];
		assert_non_null(line);
		snprintf(b, sizeof b, BUNDLES "/%.127s", names[i]);
		one_line(b, onebuf, sizeof onebuf);
		if (strcmp(line, onebuf) != 0)
			fail_msg("%s: the fleet line is not the bundle's --json document:\n%s\n%s", b, line, onebuf);
	}
	/* the table */
	assert_non_null(line);
	assert_true(strncmp(line, "BUNDLE ", 7) == 0);
	assert_non_null(strstr(line, " STS WOULD ANSWER "));
	for (i = 0; i < n; i++) {
		char b[256], name[256], ans[64], gate[64], nfail[16], want[256];
		expect e;
		line = strtok_r(NULL, "\n", &save);
		assert_non_null(line);
		snprintf(b, sizeof b, BUNDLES "/%.127s", names[i]);
		assert_int_equal(sscanf(line, "%255s %63s %63s %15s", name, ans, gate, nfail), 4);
		assert_string_equal(name, b);
		read_expect(b, &e);
		if (!strcmp(e.rc, "0")) {
			assert_string_equal(ans, "success");
			assert_string_equal(gate, "-");
			nok++;
		} else {
			assert_string_equal(e.rc, "1");
			/* no code: the SDK would not call STS (a pod.* or config gate) */
			assert_string_equal(ans, e.code[0] ? e.code : "not-called");
			assert_string_equal(gate, e.gate);
			nref++;
		}
		snprintf(want, sizeof want, "%zu", words(e.fail));
		if (strcmp(nfail, want) != 0)
			fail_msg("%s: %s FAIL rows in the table, expect says %s (%s)", b, nfail, want, e.fail);
	}
	line = strtok_r(NULL, "\n", &save);
	assert_non_null(line);
	{
		char want[128];
		snprintf(want, sizeof want, "%zu bundles: %zu accepted, %zu refused, 0 unreadable", n, nok, nref);
		assert_string_equal(line, want);
	}
	assert_null(strtok_r(NULL, "\n", &save));
}

/* A scratch directory: an unreadable bundle, a hidden one, a plain file. */
static char scratch[] = "/tmp/stsverify-fleet.XXXXXX";

static void put(const char *rel, const char *text)
{
	char p[256];
	FILE *f;
	snprintf(p, sizeof p, "%s/%s", scratch, rel);
	f = fopen(p, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static int setup(void **state)
{
	char p[256];
	(void)state;
	if (!mkdtemp(scratch))
		return -1;
	snprintf(p, sizeof p, "%s/broken", scratch);
	mkdir(p, 0700);
	snprintf(p, sizeof p, "%s/.hidden", scratch);
	mkdir(p, 0700);
	snprintf(p, sizeof p, "%s/empty", scratch);
	mkdir(p, 0700);
	put("broken/provider.json", "{\"Url\": ");
	put("notes.txt", "not a bundle\n");
	put(".hidden/provider.json", "{");
	return 0;
}

static int teardown(void **state)
{
	char cmd[300];
	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", scratch);
	return system(cmd) == 0 ? 0 : -1;
}

/* the hints of the two unreadable bundles, as stderr and as the JSON line's "hint" */
#define PROVIDER_JSON_HINT "not valid JSON (cut short, or saved as text or YAML?); provider must be the IAM OIDC " \
	"provider as JSON, from `aws iam get-open-id-connect-provider --open-id-connect-provider-arn ARN --output json`"
#define EMPTY_HINT "deploy/collect.sh writes a bundle under these names (README: Collecting the inputs); files " \
	"named otherwise go in --token FILE, --jwks FILE, ..."

static void test_fleet_repeated_dir_and_unreadable(void **state)
{
	const char *argv[] = { "stsverify", "check", "--dir", BUNDLES "/ok-eks", "--dir", scratch, "--dir",
		               BUNDLES "/expired", "--now", NOW, NULL };
	char want[4096], *p;
	size_t w;
	int rc;
	(void)state;

	rc = cli(10, argv);
	assert_int_equal(rc, 2);
	snprintf(want, sizeof want,
	         "stsverify: provider: %s/broken/provider.json: truncated document\n"
	         "hint: " PROVIDER_JSON_HINT "\n"
	         "stsverify: check: --dir \"%s/empty\" holds none of the bundle files (" FILES ")\n"
	         "hint: " EMPTY_HINT "\n",
	         scratch, scratch);
	assert_string_equal(errbuf, want);

	/* four lines, then the table */
	p = outbuf;
	assert_true(starts(p, "{\"schema\": 1, \"command\": \"check\", \"bundle\": \"" BUNDLES "/ok-eks\", "
	                      "\"accepted\": true, "));
	p = strchr(p, '\n') + 1;
	snprintf(want, sizeof want,
	         "{\"schema\": 1, \"command\": \"check\", \"bundle\": \"%s/broken\", \"error\": \"provider: "
	         "%s/broken/provider.json: truncated document\", \"hint\": \"" PROVIDER_JSON_HINT "\"}\n",
	         scratch, scratch);
	assert_true(starts(p, want));
	p += strlen(want);
	snprintf(want, sizeof want,
	         "{\"schema\": 1, \"command\": \"check\", \"bundle\": \"%s/empty\", \"error\": \"check: --dir "
	         "\\\"%s/empty\\\" holds none of the bundle files (" FILES ")\", \"hint\": \"" EMPTY_HINT "\"}\n",
	         scratch, scratch);
	assert_true(starts(p, want));
	p += strlen(want);
	assert_true(starts(p, "{\"schema\": 1, \"command\": \"check\", \"bundle\": \"" BUNDLES "/expired\", "
	                      "\"accepted\": false, "));
	p = strchr(p, '\n') + 1;

	/* columns two past their widest cell: the scratch paths, ExpiredTokenException, clm.exp */
	{
		int wb = (int)strlen(scratch) + 7 + 2, wa = 21 + 2, wg = 7 + 2;
		char broken[64], empty[64];
		w = (size_t)snprintf(want, sizeof want, "%-*s%-*s%-*s%s\n", wb, "BUNDLE", wa, "STS WOULD ANSWER",
		                     wg, "GATE", "FAILING");
		w += (size_t)snprintf(want + w, sizeof want - w, "%-*s%-*s%-*s%s\n", wb, BUNDLES "/ok-eks", wa,
		                      "success", wg, "-", "0");
		snprintf(broken, sizeof broken, "%s/broken", scratch);
		snprintf(empty, sizeof empty, "%s/empty", scratch);
		w += (size_t)snprintf(want + w, sizeof want - w, "%-*s%-*s%-*s%s\n", wb, broken, wa, "unreadable",
		                      wg, "-", "-");
		w += (size_t)snprintf(want + w, sizeof want - w, "%-*s%-*s%-*s%s\n", wb, empty, wa, "unreadable",
		                      wg, "-", "-");
		w += (size_t)snprintf(want + w, sizeof want - w, "%-*s%-*s%-*s%s\n", wb, BUNDLES "/expired", wa,
		                      "ExpiredTokenException", wg, "clm.exp", "1");
		snprintf(want + w, sizeof want - w, "4 bundles: 1 accepted, 1 refused, 2 unreadable\n");
	}
	assert_string_equal(p, want);

	/* --json: the same lines, no table */
	{
		const char *jargv[] = { "stsverify", "check", "--dir", BUNDLES "/ok-eks", "--dir", scratch, "--dir",
			                BUNDLES "/expired", "--now", NOW, "--json" };
		static char first[sizeof outbuf];
		memcpy(first, outbuf, (size_t)(p - outbuf));
		first[p - outbuf] = '\0';
		rc = cli(11, jargv);
		assert_int_equal(rc, 2);
		assert_string_equal(outbuf, first);
	}
}

/* An unreadable bundle's line: exactly schema, command, bundle, error and hint (docs/json-schema.md). */
static void test_fleet_error_line_members(void **state)
{
	const char *argv[] = { "stsverify", "check", "--dir", scratch, "--now", NOW, "--json" };
	static jsmntok_t tok[64];
	char *line, *save;
	int n = 0;
	(void)state;
	ts_schema_load();
	assert_int_equal(cli(7, argv), 2);
	for (line = strtok_r(outbuf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		static const char *const members[] = { "schema", "command", "bundle", "error", "hint" };
		sv_json d;
		sv_err e;
		size_t i;
		int v;
		char why[512];
		assert_int_equal(sv_json_parse(&d, line, strlen(line), tok, sizeof tok / sizeof tok[0], &e), SV_OK);
		if (sv_json_get(&d, 0, SV_LIT("error")) < 0)
			continue;
		if (ts_schema_check_def("check_unreadable", line, strlen(line), why, sizeof why) != 0)
			fail_msg("%s\n%s", why, line);
		assert_int_equal(sv_json_count(&d, 0), 5);
		for (i = 0; i < 5; i++)
			assert_true(sv_json_get(&d, 0, sv_from_cstr(members[i])) >= 0);
		v = sv_json_get(&d, 0, SV_LIT("hint"));
		assert_int_equal(sv_json_type(&d, v), JSMN_STRING);
		assert_true(sv_json_raw(&d, v).n > 0);
		n++;
	}
	assert_int_equal(n, 2);     /* broken and empty */
}

/* More --dir than SV_MAX_BUNDLES: the limit, its constant and what to do. */
static void test_fleet_too_many_dirs(void **state)
{
	static const char *argv[2 + 2 * (SV_MAX_BUNDLES + 1)];
	int i, argc = 0;
	(void)state;
	argv[argc++] = "stsverify";
	argv[argc++] = "check";
	for (i = 0; i <= SV_MAX_BUNDLES; i++) {
		argv[argc++] = "--dir";
		argv[argc++] = BUNDLES "/ok-eks";
	}
	assert_int_equal(cli(argc, argv), 2);
	assert_string_equal(outbuf, "");
	assert_string_equal(errbuf, "stsverify: check: more than 1024 --dir (SV_MAX_BUNDLES)\n"
	                            "hint: split the bundles over several runs, or rebuild with a larger SV_MAX_BUNDLES "
	                            "(include/stsverify/sv_config.h), e.g. make clean && make "
	                            "CPPFLAGS=-DSV_MAX_BUNDLES=4096\n");
}

/* The bundles' paths over SV_MAX_BUNDLE_PATH_BYTES (fewer bundles than SV_MAX_BUNDLES, long paths). */
static void test_fleet_paths_over_capacity(void **state)
{
	static const char *argv[2 + 2 * 1000];
	static char longdir[200];
	size_t k;
	int i, argc = 0;
	(void)state;
	k = (size_t)snprintf(longdir, sizeof longdir, "%s", BUNDLES "/ok-eks");
	while (k + 2 < 150)
		k += (size_t)snprintf(longdir + k, sizeof longdir - k, "/.");
	argv[argc++] = "stsverify";
	argv[argc++] = "check";
	for (i = 0; i < 1000; i++) {
		argv[argc++] = "--dir";
		argv[argc++] = longdir;
	}
	assert_int_equal(cli(argc, argv), 2);
	assert_string_equal(outbuf, "");
	assert_string_equal(errbuf, "stsverify: check: the bundles' paths exceed 131072 bytes (SV_MAX_BUNDLE_PATH_BYTES)\n"
	                            "hint: use shorter paths (cd to the parent first), split the run, or rebuild with a "
	                            "larger SV_MAX_BUNDLE_PATH_BYTES (include/stsverify/sv_config.h)\n");
}

static void test_fleet_single_bundle_unchanged(void **state)
{
	const char *fleet_one[] = { "stsverify", "check", "--dir", BUNDLES "/ok-eks", "--now", NOW };
	char p[256];
	int rc;
	(void)state;

	rc = cli(6, fleet_one);
	assert_int_equal(rc, 0);
	/* the one-bundle report: the trust chain, then the rows */
	assert_true(starts(outbuf, "   [ok]   token ") || starts(outbuf, "  \xe2\x9c\x93 token "));
	assert_non_null(strstr(outbuf, "\n\nPASS  req.role-arn"));
	assert_non_null(strstr(outbuf, "STS would answer: success"));
	assert_null(strstr(outbuf, "BUNDLE"));

	/* a directory with no directory in it is one bundle, here an empty one: check's error */
	snprintf(p, sizeof p, "%s/empty", scratch);
	{
		const char *argv[] = { "stsverify", "check", "--dir", p, "--now", NOW };
		char want[768];
		rc = cli(6, argv);
		assert_int_equal(rc, 2);
		assert_string_equal(outbuf, "");
		snprintf(want, sizeof want, "stsverify: check: --dir \"%s\" holds none of the bundle files (" FILES ")\n"
		         "hint: " EMPTY_HINT "\n", p);
		assert_string_equal(errbuf, want);
	}
	/* not a directory: the single path's error */
	{
		const char *argv[] = { "stsverify", "check", "--dir", "/nonexistent/bundles", "--now", NOW };
		rc = cli(6, argv);
		assert_int_equal(rc, 2);
		assert_string_equal(errbuf, "stsverify: check: --dir \"/nonexistent/bundles\": not a directory\n"
		                            "hint: --dir takes a bundle directory (the files deploy/collect.sh writes) or a "
		                            "directory of them; a single file goes in its own option (--token FILE, --jwks "
		                            "FILE, ...)\n");
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fleet_directory_of_bundles),
		cmocka_unit_test(test_fleet_repeated_dir_and_unreadable),
		cmocka_unit_test(test_fleet_single_bundle_unchanged),
		cmocka_unit_test(test_fleet_error_line_members),
		cmocka_unit_test(test_fleet_too_many_dirs),
		cmocka_unit_test(test_fleet_paths_over_capacity),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
