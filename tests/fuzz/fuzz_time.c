/*
 * fuzz_time.c -- `--now` parsing (sv_time_parse) and the time formatting
 * the reports use (sv_time_civil, %T, %A).
 *
 * Accepted text prints back as itself: RFC 3339 through sv_buf_time (the
 * 't'/'z' may be lower case on input), Unix seconds through sv_buf_i64
 * (leading zeros and "-0" aside). Any 64-bit value formats without UB, and
 * a civil date round-trips through the parser for years 0..9999.
 */
#include "fuzz.h"

static int upper(int c)
{
	return c == 't' ? 'T' : c == 'z' ? 'Z' : c;
}

static void check_parse(const uint8_t *data, size_t size)
{
	sv_sv s = { (const char *)data, size };
	int64_t t = 0;
	char out[64];
	sv_buf b;
	size_t i;

	if (sv_time_parse(s, &t) != SV_OK)
		return;
	sv_buf_init(&b, out, sizeof out);
	if (size == 20 && data[4] == '-') {
		sv_buf_time(&b, t);
		FZ_CHECK(b.len == 20, "RFC 3339 input formats as \"%s\"", out);
		for (i = 0; i < 20; i++)
			FZ_CHECK(out[i] == upper(data[i]), "RFC 3339 round trip: \"%s\"", out);
		return;
	}
	/* Unix seconds: strip the sign and leading zeros, compare digits */
	{
		size_t k = data[0] == '-' ? 1 : 0;
		int neg = k == 1;
		while (k + 1 < size && data[k] == '0')
			k++;
		sv_buf_i64(&b, t);
		if (t == 0)
			FZ_CHECK(strcmp(out, "0") == 0 && data[k] == '0', "zero prints as %s", out);
		else
			FZ_CHECK((neg == (out[0] == '-')) &&
			             strlen(out + neg) == size - k && memcmp(out + neg, data + k, size - k) == 0,
			         "Unix seconds print back as %s", out);
	}
}

static void check_value(int64_t t)
{
	int y, mo, d, h, mi, s;
	char out[96];
	sv_buf b;

	sv_time_civil(t, &y, &mo, &d, &h, &mi, &s);
	FZ_CHECK(mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h >= 0 && h < 24 && mi >= 0 && mi < 60 &&
	             s >= 0 && s < 60,
	         "civil %d-%d-%d %d:%d:%d", y, mo, d, h, mi, s);
	sv_buf_init(&b, out, sizeof out);
	sv_buf_time(&b, t);
	sv_buf_span(&b, t);
	sv_buf_fmt(&b, "%T %A %l", t, t, t);
	FZ_CHECK(!b.overflow || b.len == sizeof out - 1, "buffer state");
	if (y >= 0 && y <= 9999 && t >= -62167219200LL && t <= 253402300799LL) {
		int64_t back = 0;
		sv_buf_init(&b, out, sizeof out);
		sv_buf_time(&b, t);
		FZ_CHECK(sv_time_parse((sv_sv){ out, b.len }, &back) == SV_OK && back == t,
		         "%lld formats as %s which parses as %lld", (long long)t, out, (long long)back);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_parse(data, size);
	if (size >= 8) {
		uint64_t u = 0;
		size_t i;
		for (i = 0; i < 8; i++)
			u = u << 8 | data[i];
		check_value((int64_t)u);
		/* and a value near the range people use, from the same bytes */
		check_value((int64_t)(u % 20000000000ULL) - 2000000000LL);
	}
	return 0;
}
