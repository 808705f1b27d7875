/* test_str.c -- src/sv_str.c, src/sv_buf.c, src/sv_time.c. */
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

static void test_str_time_parse_table(void **state)
{
	static const struct { const char *in; int rc; int64_t t; } t[] = {
		{ "1790000000", SV_OK, 1790000000 },
		{ "0", SV_OK, 0 },
		{ "-1", SV_OK, -1 },
		{ "2026-11-28T10:00:00Z", SV_OK, 1795860000 },
		{ "1970-01-01T00:00:00Z", SV_OK, 0 },
		{ "2024-02-29T23:59:59Z", SV_OK, 1709251199 },
		{ "2023-02-29T00:00:00Z", SV_E_FORMAT, 0 },
		{ "2026-11-28T10:00:00+01:00", SV_E_FORMAT, 0 },
		{ "2026-11-28 10:00:00Z", SV_E_FORMAT, 0 },
		{ "2026-13-01T00:00:00Z", SV_E_FORMAT, 0 },
		{ "2026-11-28T24:00:00Z", SV_E_FORMAT, 0 },
		{ "1e9", SV_E_FORMAT, 0 },
		{ "", SV_E_FORMAT, 0 },
		{ "-", SV_E_FORMAT, 0 },
		{ "9999999999999", SV_E_FORMAT, 0 },
		{ " 1", SV_E_FORMAT, 0 },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		int64_t v = 0;
		int rc = sv_time_parse(sv_from_cstr(t[i].in), &v);
		if (rc != t[i].rc || (rc == SV_OK && v != t[i].t))
			fail_msg("sv_time_parse(%s): rc %d v %lld", t[i].in, rc, (long long)v);
	}
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

static void test_str_b64url_strict(void **state)
{
	static const struct { const char *in; int rc; const char *out; const char *msg; } t[] = {
		{ "", SV_OK, "", NULL },
		{ "Zg", SV_OK, "f", NULL },
		{ "Zm8", SV_OK, "fo", NULL },
		{ "Zm9v", SV_OK, "foo", NULL },
		{ "-_8", SV_OK, "\xfb\xff", NULL },
		{ "Zg==", SV_E_B64, NULL, "offset 2: '=' padding is not allowed in base64url" },
		{ "+/8", SV_E_B64, NULL, "offset 0: '+' belongs to standard base64, not base64url" },
		{ "Zh", SV_E_B64, NULL, "offset 1: non-zero trailing bits (non-canonical encoding)" },
		{ "Zm9", SV_E_B64, NULL, "offset 2: non-zero trailing bits" },
		{ "Zm 9v", SV_E_B64, NULL, "offset 2: whitespace inside base64" },
		{ "Z", SV_E_B64, NULL, "base64 length 1 is impossible" },
		{ "Zm9v!", SV_E_B64, NULL, "offset 4: byte 0x21 is not base64url" },
	};
	size_t i, n;
	unsigned char out[16];
	sv_err e;
	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		int rc;
		memset(&e, 0, sizeof e);
		rc = sv_b64url_decode(sv_from_cstr(t[i].in), out, sizeof out, &n, &e);
		if (rc != t[i].rc)
			fail_msg("b64url(%s): rc %d (%s)", t[i].in, rc, e.msg);
		if (t[i].out && (n != strlen(t[i].out) || memcmp(out, t[i].out, n)))
			fail_msg("b64url(%s): wrong bytes", t[i].in);
		if (t[i].msg && !strstr(e.msg, t[i].msg))
			fail_msg("b64url(%s): message \"%s\"", t[i].in, e.msg);
	}
	/* capacity: a clear limit error, never a truncation */
	assert_int_equal(sv_b64url_decode(SV_LIT("Zm9vYmFy"), out, 5, &n, &e), SV_E_LIMIT);
	assert_string_equal(e.msg, "decodes to 6 bytes; at most 5 fit");
}

static void test_str_b64std(void **state)
{
	unsigned char out[16];
	size_t n;
	sv_err e;
	(void)state;
	assert_int_equal(sv_b64std_decode(SV_LIT("Zm9vYg=="), out, sizeof out, &n, &e), SV_OK);
	assert_int_equal(n, 4);
	assert_memory_equal(out, "foob", 4);
	assert_int_equal(sv_b64std_decode(SV_LIT("+/8="), out, sizeof out, &n, &e), SV_OK);
	assert_memory_equal(out, "\xfb\xff", 2);
	assert_int_equal(sv_b64std_decode(SV_LIT("Zm9vYg="), out, sizeof out, &n, &e), SV_E_B64);
	assert_int_equal(sv_b64std_decode(SV_LIT("Zg=a"), out, sizeof out, &n, &e), SV_E_B64);
	assert_string_equal(e.msg, "offset 2: misplaced '=' padding");
	assert_int_equal(sv_b64std_decode(SV_LIT("-_8="), out, sizeof out, &n, &e), SV_E_B64);
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
		cmocka_unit_test(test_str_time_parse_table),
		cmocka_unit_test(test_str_buf_formats),
		cmocka_unit_test(test_str_b64url_strict),
		cmocka_unit_test(test_str_b64std),
		cmocka_unit_test(test_str_token_trim),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
