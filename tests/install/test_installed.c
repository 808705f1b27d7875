/*
 * test_installed.c -- built against an installed stsverify with pkg-config
 * (by tests/install/check-install.sh), to prove the header, library and
 * .pc file a user gets are enough to verify a token.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include <stsverify/sv.h>

static sv_workspace ws;

static char *slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	static char buf[2][300000];
	static int which;
	char *b = buf[which++ % 2];
	if (!f)
		return NULL;
	*n = fread(b, 1, sizeof buf[0], f);
	fclose(f);
	return b;
}

static void test_installed_library_verifies_a_real_token(void **state)
{
	const char *dir = getenv("SV_CASE_DIR");
	char p[512];
	size_t tl = 0, kl = 0;
	char *tok, *jwks;
	sv_sv jwt;
	sv_err e;
	sv_report rep;
	sv_verify_opts o;
	(void)state;
	assert_non_null(dir);
	snprintf(p, sizeof p, "%s/token", dir);
	tok = slurp(p, &tl);
	snprintf(p, sizeof p, "%s/jwks.json", dir);
	jwks = slurp(p, &kl);
	assert_non_null(tok);
	assert_non_null(jwks);
	assert_int_equal(sv_token_trim(tok, tl, &jwt, &e), SV_OK);
	sv_verify_opts_init(&o, 1764013078);
	sv_report_init(&rep);
	assert_int_equal(sv_verify(&ws, &o, jwt.p, jwt.n, jwks, kl, &rep, &e), SV_OK);
	assert_true(sv_report_ok(&rep));
	assert_string_equal(sv_check_slug(rep.items[7].id), "sig.valid");
	assert_int_equal(rep.items[7].status, SV_PASS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_installed_library_verifies_a_real_token),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
