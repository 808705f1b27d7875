/* test_json.c -- src/sv_json.c: what the wrapper accepts and rejects, and why. */
#include "helpers.h"
#include "sv_internal.h"

static jsmntok_t tok[256];

static const struct {
	const char *name;
	const char *json;
	int rc;
	const char *msg;       /* substring of err.msg when rc != 0 */
} cases[] = {
	{ "object", "{\"a\":1}", SV_OK, NULL },
	{ "nested", "{\"a\":{\"b\":[1,2,{\"c\":null}]},\"d\":true}", SV_OK, NULL },
	{ "whitespace", " \t\r\n{ \"a\" : [ 1 , 2 ] }\n", SV_OK, NULL },
	{ "numbers", "[0,-0,1.5,-1e10,2E+3,3e-2,123456789012345678901234567890]", SV_OK, NULL },
	{ "escapes", "[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\ud83d\\ude00\"]", SV_OK, NULL },
	{ "utf8", "[\"\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80\"]", SV_OK, NULL },
	{ "dup-key", "{\"a\":1,\"a\":2}", SV_E_JSON, "duplicate member name \"a\"" },
	{ "dup-key-escaped", "{\"aud\":1,\"\\u0061ud\":2}", SV_E_JSON, "duplicate member name" },
	{ "dup-key-nested", "{\"x\":{\"k\":1,\"k\":1}}", SV_E_JSON, "duplicate member name \"k\"" },
	{ "same-key-other-objects", "{\"x\":{\"k\":1},\"y\":{\"k\":1}}", SV_OK, NULL },
	{ "trailing-garbage", "{\"a\":1}x", SV_E_JSON, NULL },
	{ "two-documents", "{\"a\":1}{\"b\":2}", SV_E_JSON, "trailing data" },
	{ "trailing-comma-obj", "{\"a\":1,}", SV_E_JSON, NULL },
	{ "trailing-comma-arr", "[1,2,]", SV_E_JSON, NULL },
	{ "missing-comma", "[1 2]", SV_E_JSON, NULL },
	{ "missing-colon", "{\"a\" 1}", SV_E_JSON, NULL },
	{ "bare-key", "{a:1}", SV_E_JSON, NULL },
	{ "member-no-value", "{\"a\":}", SV_E_JSON, "offset 5: expected a value after ':'" },
	{ "member-no-value-ws", "{\"a\": \n}", SV_E_JSON, "offset 7: expected a value after ':'" },
	{ "member-no-colon", "{\"a\"}", SV_E_JSON, "offset 4: expected ':'" },
	{ "number-as-name", "{1:2}", SV_E_JSON, "offset 1: " },
	{ "leading-zero", "[0123]", SV_E_JSON, "is not a JSON number" },
	{ "plus-sign", "[+1]", SV_E_JSON, NULL },
	{ "hex", "[0x10]", SV_E_JSON, NULL },
	{ "nan", "[NaN]", SV_E_JSON, NULL },
	{ "bad-literal", "[tru]", SV_E_JSON, NULL },
	{ "dot-no-digit", "[1.]", SV_E_JSON, NULL },
	{ "bad-escape", "[\"\\x41\"]", SV_E_JSON, "offset 1: invalid JSON" },
	{ "lone-high-surrogate", "[\"\\ud83d\"]", SV_E_JSON, "invalid escape" },
	{ "lone-low-surrogate", "[\"\\ude00\"]", SV_E_JSON, "invalid escape" },
	{ "raw-control", "[\"a\x01\"]", SV_E_JSON, "control character" },
	{ "bad-utf8", "[\"\xff\"]", SV_E_JSON, "invalid UTF-8" },
	{ "overlong-utf8", "[\"\xc0\xaf\"]", SV_E_JSON, "invalid UTF-8" },
	{ "utf8-surrogate", "[\"\xed\xa0\x80\"]", SV_E_JSON, "invalid UTF-8" },
	{ "truncated", "{\"a\":[1,2", SV_E_JSON, "truncated" },
	{ "empty", "", SV_E_JSON, "empty document" },
	{ "only-space", "  ", SV_E_JSON, "empty document" },
	{ "depth-16", "[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]", SV_OK, NULL },
	{ "depth-17", "[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]", SV_E_LIMIT, "SV_MAX_JSON_DEPTH=16" },
};

static void test_json_table(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		sv_json d;
		sv_err e;
		int rc;
		memset(&e, 0, sizeof e);
		rc = sv_json_parse(&d, cases[i].json, strlen(cases[i].json), tok, 256, &e);
		if (rc != cases[i].rc)
			fail_msg("case %s: rc %d, expected %d (%s)", cases[i].name, rc, cases[i].rc, e.msg);
		if (cases[i].msg && !strstr(e.msg, cases[i].msg))
			fail_msg("case %s: message \"%s\" lacks \"%s\"", cases[i].name, e.msg, cases[i].msg);
	}
}

static void test_json_token_limit_is_an_error(void **state)
{
	sv_json d;
	sv_err e;
	(void)state;
	assert_int_equal(sv_json_parse(&d, "[1,2,3,4]", 9, tok, 3, &e), SV_E_LIMIT);
	assert_non_null(strstr(e.msg, "more than 3 JSON tokens"));
}

static void test_json_get_is_escape_aware(void **state)
{
	const char *js = "{\"\\u0061ud\":\"x\\u0079z\",\"n\":-9223372036854775808,\"f\":1.5,\"b\":99999999999999999999}";
	sv_json d;
	sv_err e;
	char ab[64];
	sv_arena a;
	sv_sv v;
	int64_t n;
	(void)state;
	assert_int_equal(sv_json_parse(&d, js, strlen(js), tok, 256, &e), SV_OK);
	sv_arena_init(&a, ab, sizeof ab);
	assert_int_equal(sv_json_get(&d, 0, SV_LIT("aud")), 2);
	assert_int_equal(sv_json_str(&d, 2, &a, &v), SV_OK);
	assert_true(sv_eq(v, SV_LIT("xyz")));
	assert_true(sv_json_str_eq(&d, 2, SV_LIT("xyz")));
	assert_false(sv_json_str_eq(&d, 2, SV_LIT("xy")));
	assert_int_equal(sv_json_int(&d, sv_json_get(&d, 0, SV_LIT("n")), &n), SV_ND_OK);
	assert_true(n == INT64_MIN);
	assert_int_equal(sv_json_int(&d, sv_json_get(&d, 0, SV_LIT("f")), &n), SV_ND_FRACTION);
	assert_int_equal(sv_json_int(&d, sv_json_get(&d, 0, SV_LIT("b")), &n), SV_ND_RANGE);
	assert_int_equal(sv_json_get(&d, 0, SV_LIT("missing")), -1);
}

static void test_json_next_skips_subtrees(void **state)
{
	const char *js = "{\"a\":{\"b\":[1,{\"c\":2}]},\"d\":3}";
	sv_json d;
	sv_err e;
	(void)state;
	assert_int_equal(sv_json_parse(&d, js, strlen(js), tok, 256, &e), SV_OK);
	/* 0 obj, 1 "a", 2 obj, 3 "b", 4 arr, 5 1, 6 obj, 7 "c", 8 2, 9 "d", 10 3 */
	assert_int_equal(sv_json_next(&d, 2), 9);
	assert_int_equal(sv_json_get(&d, 0, SV_LIT("d")), 10);
}

/* An object of n names "k<filler><i>"; name `dup` (if >= 0) repeats name `of`, escaped when asked. */
static size_t big_object(char *out, size_t cap, int n, int dup, int of, int escaped)
{
	size_t w = 0;
	int i;
	out[w++] = '{';
	for (i = 0; i < n; i++) {
		int id = i == dup ? of : i;
		w += (size_t)snprintf(out + w, cap - w, "%s\"%sxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx%05d\":%d",
		                      i ? "," : "", i == dup && escaped ? "\\u006b" : "k", id, i);
	}
	out[w++] = '}';
	out[w] = '\0';
	return w;
}

/*
 * Duplicate names in large objects: found wherever they are (same 128-name
 * block, across blocks, escaped), reported at the first repeat in document
 * order; none reported when there is none. Such objects used to cost a
 * pairwise comparison of every two names (seconds for a 256 KiB document).
 */
static void test_json_duplicates_in_large_objects(void **state)
{
	static char js[300000];
	static jsmntok_t big[8192];
	static const struct { int n, dup, of, esc; } c[] = {
		{ 4000, -1, 0, 0 }, { 4000, 3999, 0, 0 }, { 4000, 130, 2, 0 }, { 4000, 129, 128, 0 },
		{ 4000, 2000, 1999, 1 }, { 300, 299, 298, 1 }, { 9, 8, 0, 1 }, { 8, 7, 0, 1 },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		sv_json d;
		sv_err e;
		size_t n = big_object(js, sizeof js, c[i].n, c[i].dup, c[i].of, c[i].esc);
		int rc = sv_json_parse(&d, js, n, big, 8192, &e);
		if (c[i].dup < 0) {
			if (rc != SV_OK)
				fail_msg("case %zu: %s", i, e.msg);
		} else {
			if (rc != SV_E_JSON || !strstr(e.msg, "duplicate member name"))
				fail_msg("case %zu: rc %d: %s", i, rc, e.msg);
			/* the offset is the repeat's opening quote */
			assert_int_equal(js[e.pos], '"');
			assert_true(strncmp(js + e.pos + 1, c[i].esc ? "\\u006b" : "k", c[i].esc ? 6 : 1) == 0);
		}
	}
	/* two duplicates: the first in document order is reported, even across objects */
	strcpy(js, "{\"a\":{\"x\":1,\"x\":2},\"b\":1,\"b\":2}");
	{
		sv_json d;
		sv_err e;
		assert_int_equal(sv_json_parse(&d, js, strlen(js), big, 8192, &e), SV_E_JSON);
		assert_non_null(strstr(e.msg, "offset 12: duplicate member name \"x\""));
	}
}

/* A raw NUL is named as such, wherever it is (jsmn alone stops there as if the text ended). */
static void test_json_raw_nul(void **state)
{
	static const struct { const char *js; size_t n; size_t at; } c[] = {
		{ "{\"a\":\"x\0y\"}", 11, 7 }, { "{\"a\":1}\0", 8, 7 }, { "\0{}", 3, 0 }, { "[1,\0 2]", 7, 3 },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof c / sizeof c[0]; i++) {
		sv_json d;
		sv_err e;
		char want[80];
		assert_int_equal(sv_json_parse(&d, c[i].js, c[i].n, tok, 256, &e), SV_E_JSON);
		snprintf(want, sizeof want, "offset %zu: a raw NUL byte", c[i].at);
		if (strncmp(e.msg, want, strlen(want)) != 0)
			fail_msg("case %zu: %s", i, e.msg);
		assert_int_equal(e.pos, c[i].at);
	}
}

/* Plain text that is not UTF-8 equals no JSON string, and is never read past. */
static void test_json_str_eq_plain_not_utf8(void **state)
{
	const char *js = "[\"\xc3\xa9\",\"a\"]";
	static const char *const keys[] = { "\xc3", "\xe2\x82", "\xf0\x9f\x98", "\x80", "\xff", "a\xc3" };
	sv_json d;
	sv_err e;
	size_t i;
	(void)state;
	assert_int_equal(sv_json_parse(&d, js, strlen(js), tok, 256, &e), SV_OK);
	for (i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		/* an exact-size copy, so ASan sees a read past the end */
		size_t n = strlen(keys[i]);
		char *k = malloc(n);
		memcpy(k, keys[i], n);
		assert_false(sv_json_str_eq(&d, 1, (sv_sv){ k, n }));
		assert_false(sv_json_str_eq(&d, 2, (sv_sv){ k, n }));
		free(k);
	}
	assert_true(sv_json_str_eq(&d, 1, SV_LIT("\xc3\xa9")));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_table),
		cmocka_unit_test(test_json_token_limit_is_an_error),
		cmocka_unit_test(test_json_get_is_escape_aware),
		cmocka_unit_test(test_json_next_skips_subtrees),
		cmocka_unit_test(test_json_duplicates_in_large_objects),
		cmocka_unit_test(test_json_str_eq_plain_not_utf8),
		cmocka_unit_test(test_json_raw_nul),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
