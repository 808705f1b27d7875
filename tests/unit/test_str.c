/* test_str.c -- src/sv_str.c and src/sv_buf.c: views, wildcards, bounded formatting, token trim, wipes. */
#define _DEFAULT_SOURCE   /* MAP_ANONYMOUS */

#include <sys/mman.h>
#include <unistd.h>

#include "helpers.h"
#include "sv_internal.h"

static void test_str_like_table(void **state)
{
	static const struct { const char *pat, *val; int nocase, want; } t[] = {
		{ "system:serviceaccount:ns:sa", "system:serviceaccount:ns:sa", 0, 1 },
		{ "system:serviceaccount:ns:*", "system:serviceaccount:ns:sa", 0, 1 },
		{ "system:serviceaccount:ns:*", "system:serviceaccount:other:sa", 0, 0 },
		{ "system:serviceaccount:*:sa", "system:serviceaccount:ns:sa", 0, 1 },
		{ "*", "", 0, 1 },
		{ "", "", 0, 1 },
		{ "", "x", 0, 0 },
		{ "a?c", "abc", 0, 1 },
		{ "a?c", "ac", 0, 0 },
		{ "a?c", "a\xc3\xa9" "c", 0, 1 },          /* ? is one character, not one byte */
		{ "a*b*c", "aXXbYYc", 0, 1 },
		{ "a*b*c", "aXXbYY", 0, 0 },
		{ "**a", "a", 0, 1 },
		{ "ABC", "abc", 0, 0 },
		{ "ABC", "abc", 1, 1 },
		{ "*a*a*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", 0, 0 },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++)
		if (sv_like(sv_from_cstr(t[i].pat), sv_from_cstr(t[i].val), t[i].nocase) != t[i].want)
			fail_msg("sv_like(%s, %s) != %d", t[i].pat, t[i].val, t[i].want);
}

static void test_str_buf_formats(void **state)
{
	char m[256];
	sv_buf b;
	(void)state;
	sv_buf_init(&b, m, sizeof m);
	sv_buf_fmt(&b, "%s|%d|%l|%z|%T|%A|%A|%A|%A|%q|%%", "x", -5, (int64_t)-9000000000LL,
	           (size_t)42, (int64_t)1790000000, (int64_t)11520, (int64_t)45, (int64_t)186000,
	           (int64_t)125, SV_LIT("a\"\n\xff"));
	assert_string_equal(m, "x|-5|-9000000000|42|2026-09-21T14:13:20Z|3 h 12 min|45 s|2 d 3 h|2 min 5 s|\"a\"\\x0a\\xff\"|%");
	/* overflow is flagged, never silent, and the text stays terminated */
	sv_buf_init(&b, m, 4);
	sv_buf_str(&b, "abcdef");
	assert_int_equal(b.overflow, 1);
	assert_string_equal(m, "abc");
	/* clipping is explicit */
	sv_buf_init(&b, m, sizeof m);
	sv_buf_clip(&b, SV_LIT("abcdefgh"), 3);
	assert_string_equal(m, "abc...(8 bytes)");
	sv_buf_init(&b, m, sizeof m);
	sv_buf_json(&b, SV_LIT("q\"\\\x01\xe2\x82\xac\xff"));
	assert_string_equal(m, "\"q\\\"\\\\\\u0001\xe2\x82\xac\\ufffd\"");
}

static void test_str_token_trim(void **state)
{
	static const struct { const char *in; int rc; size_t n; const char *msg; } t[] = {
		{ "a.b.c", SV_OK, 5, NULL },
		{ "a.b.c\n", SV_OK, 5, NULL },
		{ "a.b.c\r\n", SV_OK, 5, NULL },
		{ "a.b.c\n\n", SV_E_FORMAT, 0, "offset 5: a line break inside the file" },
		{ "a.b.c \n", SV_E_FORMAT, 0, "offset 5: whitespace after the token" },
		{ " a.b.c", SV_E_FORMAT, 0, "offset 0: whitespace before the token" },
		{ "a.b.c\nd.e.f\n", SV_E_FORMAT, 0, "offset 5: a line break inside the file" },
		{ "\n", SV_E_FORMAT, 0, "empty: no token in the file" },
		{ "", SV_E_FORMAT, 0, "empty: no token in the file" },
		{ "a.b.c\r", SV_E_FORMAT, 0, "offset 5: a line break" },
	};
	size_t i;
	sv_sv v;
	sv_err e;
	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		int rc = sv_token_trim(t[i].in, strlen(t[i].in), &v, &e);
		if (rc != t[i].rc || (rc == SV_OK && v.n != t[i].n))
			fail_msg("trim case %zu: rc %d", i, rc);
		if (t[i].msg && !strstr(e.msg, t[i].msg))
			fail_msg("trim case %zu: message \"%s\"", i, e.msg);
	}
}

/*
 * sv_wipe_sparse clears every non-zero byte of [p, p + n) and nothing
 * outside it, wherever the range starts and ends relative to its words,
 * chunks and runs: one non-zero byte at each position of each range, with
 * non-zero guards either side that must survive.
 */
static void test_str_wipe_sparse_edges(void **state)
{
	static _Alignas(4096) unsigned char buf[4096 + 2200];
	static const size_t starts[] = { 1, 7, 8, 63, 64, 1021, 1024, 4095 };
	static const size_t lens[] = { 0, 1, 7, 8, 9, 63, 65, 1023, 1024, 1025, 2100 };
	size_t si, li, pos, i;
	(void)state;
	for (si = 0; si < sizeof starts / sizeof starts[0]; si++)
		for (li = 0; li < sizeof lens / sizeof lens[0]; li++) {
			size_t s = starts[si], n = lens[li];
			buf[s - 1] = 0xA5;
			buf[s + n] = 0x5A;
			sv_wipe_sparse(buf + s, n);   /* all zero: nothing to do */
			for (pos = s; pos < s + n; pos++) {
				buf[pos] = (unsigned char)(pos | 1);
				sv_wipe_sparse(buf + s, n);
				if (buf[pos])
					fail_msg("start %zu len %zu: byte %zu survives", s, n, pos);
			}
			/* every byte non-zero at once */
			memset(buf + s, 0xFF, n);
			sv_wipe_sparse(buf + s, n);
			for (i = 0; i < sizeof buf; i++)
				if (buf[i] != (i == s - 1 ? 0xA5 : i == s + n ? 0x5A : 0))
					fail_msg("start %zu len %zu: byte %zu is %u", s, n, i, buf[i]);
			buf[s - 1] = 0;
			buf[s + n] = 0;
		}
}

/*
 * It never writes a page that is all zero: those pages are made read-only
 * (a write would fault) while data sits on both sides of a page boundary
 * and at both ends of a page between two read-only ones, so a run that
 * crossed a page boundary would fault; the range starts and ends off any
 * boundary.
 */
static void test_str_wipe_sparse_skips_zero_pages(void **state)
{
	long ps = sysconf(_SC_PAGESIZE);
	size_t pg, np = 8, i;
	unsigned char *m;
	(void)state;
	assert_true(ps >= 1024);
	pg = (size_t)ps;
	m = mmap(NULL, np * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(m != MAP_FAILED);
	m[3 * pg - 1] = 1;               /* the last byte of page 2 */
	m[3 * pg] = 2;                   /* the first of page 3 */
	m[6 * pg + 2] = 3;               /* near both ends of page 6, between read-only pages */
	m[7 * pg - 3] = 4;
	for (i = 0; i < np; i++)
		if (i != 2 && i != 3 && i != 6)
			assert_int_equal(mprotect(m + i * pg, pg, PROT_READ), 0);
	sv_wipe_sparse(m + 5, np * pg - 11);
	assert_int_equal(m[3 * pg - 1], 0);
	assert_int_equal(m[3 * pg], 0);
	assert_int_equal(m[6 * pg + 2], 0);
	assert_int_equal(m[7 * pg - 3], 0);
	assert_int_equal(munmap(m, np * pg), 0);
}

/* sv_wipe clears exactly [p, p + n); (NULL, 0) is allowed. */
static void test_str_wipe(void **state)
{
	unsigned char b[100];
	size_t i;
	(void)state;
	memset(b, 0xC3, sizeof b);
	sv_wipe(b + 3, 90);
	for (i = 0; i < sizeof b; i++)
		assert_int_equal(b[i], i >= 3 && i < 93 ? 0 : 0xC3);
	sv_wipe(NULL, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_str_like_table),
		cmocka_unit_test(test_str_buf_formats),
		cmocka_unit_test(test_str_token_trim),
		cmocka_unit_test(test_str_wipe_sparse_edges),
		cmocka_unit_test(test_str_wipe_sparse_skips_zero_pages),
		cmocka_unit_test(test_str_wipe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
