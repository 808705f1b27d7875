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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_table),
		cmocka_unit_test(test_json_token_limit_is_an_error),
		cmocka_unit_test(test_json_get_is_escape_aware),
		cmocka_unit_test(test_json_next_skips_subtrees),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
