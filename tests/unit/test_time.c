/* test_time.c -- src/sv_time.c: --now parsing (Unix seconds, RFC 3339 UTC). */
#include "helpers.h"
#include "sv_internal.h"

static void test_time_time_parse_table(void **state)
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_time_time_parse_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
