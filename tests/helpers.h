/*
 * helpers.h -- shared by every cmocka test. cmocka 1.1 needs these
 * includes before <cmocka.h>.
 */
#ifndef SV_TEST_HELPERS_H
#define SV_TEST_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "stsverify/sv.h"

/* Test data from public repositories stays where it is: ../shared beside the checkout. */
#ifndef SV_SHARED_DIR
#define SV_SHARED_DIR "../shared"
#endif

/* Reads a whole file into a malloc'd NUL-terminated buffer (tests may allocate). */
static inline char *th_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	n = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)n + 1);
	if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	if (buf) {
		buf[n] = '\0';
		if (len)
			*len = (size_t)n;
	}
	return buf;
}

/* Status of a report row, or -1 when absent. */
static inline int th_status(const sv_report *r, const char *slug)
{
	sv_check_id id = sv_check_by_slug(sv_from_cstr(slug));
	const sv_item *it = sv_report_get(r, id);
	return it ? (int)it->status : -1;
}

/* Space-separated list of FAIL slugs, in report order. */
static inline void th_fails(const sv_report *r, char *out, size_t cap)
{
	size_t i, w = 0;
	out[0] = '\0';
	for (i = 0; i < r->count; i++) {
		const char *s;
		size_t l;
		if (r->items[i].status != SV_FAIL)
			continue;
		s = sv_check_slug(r->items[i].id);
		l = strlen(s);
		if (w + l + 2 > cap)
			break;
		if (w)
			out[w++] = ' ';
		memcpy(out + w, s, l);
		w += l;
		out[w] = '\0';
	}
}

#endif
