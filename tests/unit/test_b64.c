/* test_b64.c -- src/sv_b64.c: strict base64url (JWS) and standard base64 (Secret data). */
#include "helpers.h"
#include "sv_internal.h"

static void test_b64_b64url_strict(void **state)
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

static void test_b64_b64std(void **state)
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_b64_b64url_strict),
		cmocka_unit_test(test_b64_b64std),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
