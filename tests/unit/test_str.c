/* test_str.c -- src/sv_str.c and src/sv_buf.c: views, wildcards, bounded formatting, token trim. */
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_str_like_table),
		cmocka_unit_test(test_str_buf_formats),
		cmocka_unit_test(test_str_token_trim),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
