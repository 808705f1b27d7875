/* sv_time.c -- civil time conversion and parsing; the core never reads a clock. */
#include "sv_internal.h"

/* Days from civil, Howard Hinnant's algorithm (proleptic Gregorian). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void sv_time_civil(int64_t t, int *y, int *mo, int *d, int *h, int *mi, int *s)
{
	int64_t days = t / 86400, rem = t % 86400, era, doe, yoe, doy, mp, yy;
	if (rem < 0) {
		rem += 86400;
		days--;
	}
	*h = (int)(rem / 3600);
	*mi = (int)(rem % 3600 / 60);
	*s = (int)(rem % 60);
	days += 719468;
	era = (days >= 0 ? days : days - 146096) / 146097;
	doe = days - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	yy = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*mo = (int)(mp < 10 ? mp + 3 : mp - 9);
	if (yy < -100000)
		yy = -100000;
	if (yy > 100000)
		yy = 100000;
	*y = (int)(yy + (*mo <= 2));
}

int64_t sv_time_sub(int64_t a, int64_t b)
{
	if (b < 0 && a > INT64_MAX + b)
		return INT64_MAX;
	if (b > 0 && a < INT64_MIN + b)
		return INT64_MIN;
	return a - b;
}

static int digits(sv_sv s, size_t at, size_t n, int *v)
{
	size_t i;
	int x = 0;
	if (at + n > s.n)
		return -1;
	for (i = 0; i < n; i++) {
		char c = s.p[at + i];
		if (c < '0' || c > '9')
			return -1;
		x = x * 10 + (c - '0');
	}
	*v = x;
	return 0;
}

static int days_in_month(int y, int m)
{
	static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : dm[m - 1];
}

/* see sv_internal.h: Unix seconds, or YYYY-MM-DDTHH:MM:SSZ (UTC only). */
int sv_time_parse(sv_sv s, int64_t *t)
{
	int y, mo, d, h, mi, sec;
	size_t i;
	int64_t v = 0;

	if (s.n == 0)
		return SV_E_FORMAT;
	if (s.n == 20 && s.p[4] == '-') {
		if (digits(s, 0, 4, &y) || digits(s, 5, 2, &mo) || s.p[7] != '-' ||
		    digits(s, 8, 2, &d) || (s.p[10] != 'T' && s.p[10] != 't') ||
		    digits(s, 11, 2, &h) || s.p[13] != ':' || digits(s, 14, 2, &mi) ||
		    s.p[16] != ':' || digits(s, 17, 2, &sec) || (s.p[19] != 'Z' && s.p[19] != 'z'))
			return SV_E_FORMAT;
		if (mo < 1 || mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 ||
		    mi > 59 || sec > 59)
			return SV_E_FORMAT;
		*t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
		return SV_OK;
	}
	/* Unix seconds: digits only, optional leading '-', at most 12 digits. */
	i = 0;
	if (s.p[0] == '-')
		i = 1;
	if (i == s.n || s.n - i > 12)
		return SV_E_FORMAT;
	for (; i < s.n; i++) {
		if (s.p[i] < '0' || s.p[i] > '9')
			return SV_E_FORMAT;
		v = v * 10 + (s.p[i] - '0');
	}
	*t = s.p[0] == '-' ? -v : v;
	return SV_OK;
}
