/*
 * test_batch.c -- `stsverify verify --tokens FILE`: one result line per
 * input line, exact bytes on stdout and stderr, exit statuses, and lines
 * that do not fit the token limit (reported, never truncated).
 *
 * Tokens are the real EKS token from ../shared/vectors/real-tokens (read
 * in place) and its tampered twin; batch files are written to build/.
 */
#define _POSIX_C_SOURCE 200809L
#include <unistd.h>

#include "schema.h"
#include "cli/cli.h"

#define CASES SV_SHARED_DIR "/vectors/real-tokens/cases/"
#define JWKS  CASES "real-eks-irsa-token-valid/jwks.json"
#define NOW   "1764013078"
#define AUD   "sts.amazonaws.com"

/* ---- sinks and a runner ------------------------------------------------ */

typedef struct sink {
	char  *p;
	size_t n, cap;
} sink;

static int sink_write(void *ctx, const unsigned char *buf, size_t len)
{
	sink *s = ctx;
	if (s->n + len + 1 > s->cap) {
		size_t cap = (s->n + len + 1) * 2;
		char *p = realloc(s->p, cap);
		if (!p)
			return -1;
		s->p = p;
		s->cap = cap;
	}
	memcpy(s->p + s->n, buf, len);
	s->n += len;
	s->p[s->n] = '\0';
	return (int)len;
}

static sink out, err;

static int run(int argc, const char **argv)
{
	free(out.p);
	free(err.p);
	memset(&out, 0, sizeof out);
	memset(&err, 0, sizeof err);
	sink_write(&out, (const unsigned char *)"", 0);
	sink_write(&err, (const unsigned char *)"", 0);
	return sv_cli_main(argc, argv, sink_write, &out, sink_write, &err);
}

/* ---- batch files --------------------------------------------------------- */

static char *good, *tampered;   /* tokens without their line end */
static size_t good_n, tampered_n;
static char path[64];

static char *token(const char *file, size_t *n)
{
	char *t = th_read(file, n);
	assert_non_null(t);
	while (*n > 0 && (t[*n - 1] == '\n' || t[*n - 1] == '\r'))
		t[--*n] = '\0';
	return t;
}

static int setup(void **state)
{
	(void)state;
	good = token(CASES "real-eks-irsa-token-valid/token", &good_n);
	tampered = token(CASES "real-eks-irsa-token-sub-tampered/token", &tampered_n);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	free(good);
	free(tampered);
	free(out.p);
	free(err.p);
	return 0;
}

static FILE *batch_open(void)
{
	int fd;
	FILE *f;
	strcpy(path, "build/test_batch.XXXXXX");
	fd = mkstemp(path);
	assert_true(fd >= 0);
	f = fdopen(fd, "wb");
	assert_non_null(f);
	return f;
}

static void put(FILE *f, const char *s, size_t n)
{
	assert_int_equal(fwrite(s, 1, n, f), n);
}

static void put_run(FILE *f, char c, size_t n)
{
	while (n--)
		fputc(c, f);
}

static int verify_batch(void)
{
	const char *argv[] = { "stsverify", "verify", "--tokens", path, "--jwks", JWKS,
	                       "--now", NOW, "--aud", AUD };
	return run(10, argv);
}

static void batch_close(FILE *f)
{
	assert_int_equal(fclose(f), 0);
}

/* ---- tests ----------------------------------------------------------------- */

#define LONG_HINT "hint: STS takes a token of at most 20000 characters (SV_MAX_JWT_BYTES in " \
	"include/stsverify/sv_config.h); is something joined onto that line?\n"
#define VERIFY_HINT "hint: run `stsverify help verify` for its options and what each one takes\n"

static void test_batch_all_accepted_exits_0(void **state)
{
	FILE *f = batch_open();
	(void)state;
	put(f, good, good_n);
	put(f, "\n", 1);
	put(f, good, good_n);
	put(f, "\r\n", 2);           /* CRLF line */
	put(f, good, good_n);        /* last line without a line end */
	batch_close(f);
	assert_int_equal(verify_batch(), 0);
	assert_string_equal(out.p, "1 ACCEPTED\n2 ACCEPTED\n3 ACCEPTED\n");
	assert_string_equal(err.p, "");
	unlink(path);
}

static void test_batch_mixed_lines_one_verdict_each(void **state)
{
	FILE *f = batch_open();
	char msg[512];
	(void)state;
	put(f, good, good_n);
	put(f, "\n", 1);
	put(f, tampered, tampered_n);
	put(f, "\n", 1);
	put(f, "\n", 1);             /* empty line: not a token */
	put(f, "not.a.jwt\n", 10);
	put_run(f, 'a', 30000);      /* over the limit, longer than nothing else */
	put(f, "\n", 1);
	put(f, good, good_n);
	put(f, "\n", 1);
	batch_close(f);
	assert_int_equal(verify_batch(), 1);
	assert_string_equal(out.p,
	    "1 ACCEPTED\n"
	    "2 REJECTED sig.valid\n"
	    "3 REJECTED tok.format\n"
	    "4 REJECTED tok.format\n"
	    "5 REJECTED tok.format\n"
	    "6 ACCEPTED\n");
	snprintf(msg, sizeof msg,
	         "stsverify: tokens: %s: line 5: longer than the 20000-byte token limit "
	         "(SV_MAX_JWT_BYTES); not verified\n" LONG_HINT, path);
	assert_string_equal(err.p, msg);
	unlink(path);
}

static void test_batch_claim_failure_names_the_check(void **state)
{
	FILE *f = batch_open();
	const char *argv[] = { "stsverify", "verify", "--tokens", path, "--jwks", JWKS,
	                       "--now", "1900000000", "--aud", "other" };
	(void)state;
	put(f, good, good_n);
	put(f, "\n", 1);
	put(f, tampered, tampered_n);
	batch_close(f);
	assert_int_equal(run(10, argv), 1);
	assert_string_equal(out.p, "1 REJECTED clm.aud,clm.exp\n2 REJECTED sig.valid,clm.aud,clm.exp\n");
	assert_string_equal(err.p, "");
	unlink(path);
}

/* A line of exactly SV_MAX_JWT_BYTES goes to the core; one byte more never does. */
static void test_batch_limit_boundary(void **state)
{
	FILE *f = batch_open();
	char msg[512];
	(void)state;
	put_run(f, 'a', SV_MAX_JWT_BYTES);
	put(f, "\r\n", 2);
	put_run(f, 'a', SV_MAX_JWT_BYTES + 1);
	put(f, "\n", 1);
	put_run(f, 'a', SV_MAX_JWT_BYTES + 1);   /* last line, no line end */
	batch_close(f);
	assert_int_equal(verify_batch(), 1);
	assert_string_equal(out.p, "1 REJECTED tok.format\n2 REJECTED tok.format\n3 REJECTED tok.format\n");
	snprintf(msg, sizeof msg,
	         "stsverify: tokens: %s: line 2: longer than the 20000-byte token limit (SV_MAX_JWT_BYTES); not verified\n"
	         LONG_HINT      /* once, not for every line */
	         "stsverify: tokens: %s: line 3: longer than the 20000-byte token limit (SV_MAX_JWT_BYTES); not verified\n",
	         path, path);
	assert_string_equal(err.p, msg);
	unlink(path);
}

/* Lines cross the 64 KiB read buffer; a 200 KB line is skipped, not held. */
static void test_batch_lines_cross_read_buffer(void **state)
{
	FILE *f = batch_open();
	char *want, msg[512];
	size_t i, w = 0;
	(void)state;
	want = malloc(300 * 20);
	assert_non_null(want);
	for (i = 1; i <= 300; i++) {
		if (i == 150) {
			put_run(f, 'x', 200000);
			put(f, "\n", 1);
			w += (size_t)sprintf(want + w, "%zu REJECTED tok.format\n", i);
			continue;
		}
		put(f, i % 7 ? good : tampered, i % 7 ? good_n : tampered_n);
		put(f, "\n", 1);
		w += (size_t)sprintf(want + w, i % 7 ? "%zu ACCEPTED\n" : "%zu REJECTED sig.valid\n", i);
	}
	batch_close(f);
	assert_int_equal(verify_batch(), 1);
	assert_string_equal(out.p, want);
	snprintf(msg, sizeof msg,
	         "stsverify: tokens: %s: line 150: longer than the 20000-byte token limit "
	         "(SV_MAX_JWT_BYTES); not verified\n" LONG_HINT, path);
	assert_string_equal(err.p, msg);
	free(want);
	unlink(path);
}

static void test_batch_empty_file_is_usage_error(void **state)
{
	FILE *f = batch_open();
	char msg[512];
	(void)state;
	batch_close(f);
	assert_int_equal(verify_batch(), 2);
	assert_string_equal(out.p, "");
	snprintf(msg, sizeof msg, "stsverify: tokens: %s: no tokens (the file is empty)\n"
	         "hint: --tokens reads one token per line, e.g. the output of one `kubectl create token SA -n NS "
	         "--audience sts.amazonaws.com` per line\n", path);
	assert_string_equal(err.p, msg);
	unlink(path);
}

static void test_batch_missing_file_is_usage_error(void **state)
{
	const char *argv[] = { "stsverify", "verify", "--tokens", "build/no-such-batch", "--jwks", JWKS };
	(void)state;
	assert_int_equal(run(6, argv), 2);
	assert_string_equal(out.p, "");
	assert_string_equal(err.p, "stsverify: tokens: build/no-such-batch: no such file\n"
	                           "hint: check the path; the tokens file comes from one `kubectl create token SA -n NS "
	                           "--audience sts.amazonaws.com` per line\n");
}

static void test_batch_bad_jwks_before_any_line(void **state)
{
	FILE *f = batch_open();
	const char *argv[] = { "stsverify", "verify", "--tokens", path, "--jwks",
	                       CASES "real-eks-irsa-token-valid/token", "--now", NOW };
	(void)state;
	put(f, good, good_n);
	batch_close(f);
	assert_int_equal(run(8, argv), 2);
	assert_string_equal(out.p, "");
	assert_true(strncmp(err.p, "stsverify: jwks: " CASES "real-eks-irsa-token-valid/token: ",
	                    strlen("stsverify: jwks: " CASES "real-eks-irsa-token-valid/token: ")) == 0);
	unlink(path);
}

static void test_batch_option_conflicts(void **state)
{
	const char *both[] = { "stsverify", "verify", "--token", "a", "--tokens", "b", "--jwks", JWKS };
	const char *none[] = { "stsverify", "verify", "--jwks", JWKS };
	(void)state;
	assert_int_equal(run(8, both), 2);
	assert_string_equal(err.p, "stsverify: verify: give --token FILE or --tokens FILE, not both\n" VERIFY_HINT);
	assert_int_equal(run(4, none), 2);
	assert_string_equal(err.p, "stsverify: verify: --token FILE (or --tokens FILE) is required\n" VERIFY_HINT);
	assert_string_equal(out.p, "");
}

/*
 * --json: one verify document per input line (JSON Lines), each a document of
 * docs/json-schema.json with its "line", the same verdicts as the text lines,
 * the same stderr and exit status; an over-long line is a tok.format FAIL
 * with no header or claims.
 */
static void test_batch_json_lines(void **state)
{
	FILE *f = batch_open();
	const char *argv[] = { "stsverify", "verify", "--tokens", path, "--jwks", JWKS,
	                       "--now", NOW, "--aud", AUD, "--json" };
	static const char *const want[] = { "\"line\": 1, \"accepted\": true,", "\"line\": 2, \"accepted\": false,",
		                                "\"line\": 3, \"accepted\": false,", "\"line\": 4, \"accepted\": false," };
	char *text, *line, *save, why[512];
	int n = 0;
	(void)state;
	ts_schema_load();
	put(f, good, good_n);
	put(f, "\n", 1);
	put(f, tampered, tampered_n);
	put(f, "\nnot.a.jwt\n", 11);
	put_run(f, 'a', 30000);
	batch_close(f);
	assert_int_equal(run(11, argv), 1);
	assert_true(strncmp(err.p, "stsverify: tokens: ", 19) == 0);     /* line 4, as without --json */
	text = strdup(out.p);
	assert_non_null(text);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save), n++) {
		assert_true(n < 4);
		if (ts_schema_check_def("verify", line, strlen(line), why, sizeof why) != 0)
			fail_msg("line %d: %s\n%s", n + 1, why, line);
		assert_non_null(strstr(line, want[n]));
	}
	assert_int_equal(n, 4);
	free(text);
	assert_non_null(strstr(out.p, "\"id\": \"sig.valid\", \"status\": \"FAIL\""));
	assert_non_null(strstr(out.p, "{\"schema\": 1, \"command\": \"verify\", \"line\": 4, \"accepted\": false, "
	                              "\"checks\": [{\"id\": \"tok.format\", \"status\": \"FAIL\", \"message\": \"longer "
	                              "than the 20000-byte token limit (SV_MAX_JWT_BYTES); not verified\", \"hint\": null}], "
	                              "\"header\": null, \"claims\": null}\n"));
	unlink(path);
}

/* Escaped JWKS strings live in the workspace arena for the whole batch. */
static void test_batch_escaped_jwks_strings_survive_every_line(void **state)
{
	FILE *f = batch_open();
	char jpath[64], *js, *at;
	const char *kid = "\"kid\": \"e3b1d185e0d794058a6346c32b2575ac0efb622e\"";
	const char *argv[] = { "stsverify", "verify", "--tokens", path, "--jwks", jpath,
	                       "--now", NOW, "--aud", AUD };
	size_t n = 0;
	FILE *j;
	int fd;
	(void)state;
	put(f, good, good_n);
	put(f, "\n", 1);
	put(f, good, good_n);
	batch_close(f);
	js = th_read(JWKS, &n);
	assert_non_null(js);
	at = strstr(js, kid);
	assert_non_null(at);
	strcpy(jpath, "build/test_batch_jwks.XXXXXX");
	fd = mkstemp(jpath);
	assert_true(fd >= 0);
	j = fdopen(fd, "wb");
	assert_non_null(j);
	/* "e3b1..." written as "\u0065" "3b1...": equal once decoded */
	put(j, js, (size_t)(at - js) + 8);
	put(j, "\\u0065", 6);
	put(j, at + 9, n - (size_t)(at + 9 - js));
	assert_int_equal(fclose(j), 0);
	assert_int_equal(run(10, argv), 0);
	assert_string_equal(out.p, "1 ACCEPTED\n2 ACCEPTED\n");
	free(js);
	unlink(jpath);
	unlink(path);
}

/* The core API directly: no JWKS loaded is a parameter error, not a verdict. */
static void test_batch_core_needs_loaded_jwks(void **state)
{
	static sv_workspace ws;
	static sv_report rep;
	sv_verify_opts vo;
	(void)state;
	sv_verify_opts_init(&vo, 1764013078);
	memset(&ws, 0, sizeof ws);
	sv_report_init(&rep);
	assert_int_equal(sv_verify_token(&ws, &vo, good, good_n, &rep), SV_E_PARAM);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_batch_json_lines),
		cmocka_unit_test(test_batch_all_accepted_exits_0),
		cmocka_unit_test(test_batch_mixed_lines_one_verdict_each),
		cmocka_unit_test(test_batch_claim_failure_names_the_check),
		cmocka_unit_test(test_batch_limit_boundary),
		cmocka_unit_test(test_batch_lines_cross_read_buffer),
		cmocka_unit_test(test_batch_empty_file_is_usage_error),
		cmocka_unit_test(test_batch_missing_file_is_usage_error),
		cmocka_unit_test(test_batch_bad_jwks_before_any_line),
		cmocka_unit_test(test_batch_option_conflicts),
		cmocka_unit_test(test_batch_escaped_jwks_strings_survive_every_line),
		cmocka_unit_test(test_batch_core_needs_loaded_jwks),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
