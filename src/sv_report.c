/* sv_report.c -- report rows, check names and statuses. */
#include "sv_internal.h"

static const char *const slugs[] = {
#define SV_CHECK(e, slug, what) slug,
#include "stsverify/sv_checks.def"
#undef SV_CHECK
};

static const char *const whats[] = {
#define SV_CHECK(e, slug, what) what,
#include "stsverify/sv_checks.def"
#undef SV_CHECK
};

const char *sv_check_slug(sv_check_id id)
{
	return (unsigned)id < SV_CHK__COUNT ? slugs[id] : "?";
}

const char *sv_check_what(sv_check_id id)
{
	return (unsigned)id < SV_CHK__COUNT ? whats[id] : "?";
}

sv_check_id sv_check_by_slug(sv_sv slug)
{
	unsigned i;
	for (i = 0; i < SV_CHK__COUNT; i++)
		if (sv_eq(slug, sv_from_cstr(slugs[i])))
			return (sv_check_id)i;
	return SV_CHK__COUNT;
}

const char *sv_status_name(sv_status s)
{
	switch (s) {
	case SV_PASS: return "PASS";
	case SV_WARN: return "WARN";
	case SV_FAIL: return "FAIL";
	case SV_SKIP: return "SKIP";
	default:      return "?";
	}
}

void sv_report_init(sv_report *r)
{
	r->count = 0;
	r->overflow = 0;
}

sv_item *sv_report_find(sv_report *r, sv_check_id id)
{
	size_t i;
	for (i = 0; i < r->count; i++)
		if (r->items[i].id == id)
			return &r->items[i];
	return NULL;
}

const sv_item *sv_report_get(const sv_report *r, sv_check_id id)
{
	size_t i;
	for (i = 0; i < r->count; i++)
		if (r->items[i].id == id)
			return &r->items[i];
	return NULL;
}

sv_item *sv_report_set(sv_report *r, sv_check_id id, sv_status st, const char *fmt, ...)
{
	sv_item *it = sv_report_find(r, id);
	sv_buf b;
	va_list ap;

	if (!it) {
		if (r->count >= SV_MAX_REPORT_ITEMS) {
			r->overflow = 1;
			return NULL;
		}
		it = &r->items[r->count++];
		it->id = id;
	}
	it->status = st;
	it->hint[0] = '\0';
	sv_buf_init(&b, it->detail, sizeof it->detail);
	va_start(ap, fmt);
	sv_buf_vfmt(&b, fmt, ap);
	va_end(ap);
	return it;
}

void sv_report_hint(sv_item *it, const char *fmt, ...)
{
	sv_buf b;
	va_list ap;
	if (!it)
		return;
	sv_buf_init(&b, it->hint, sizeof it->hint);
	va_start(ap, fmt);
	sv_buf_vfmt(&b, fmt, ap);
	va_end(ap);
}

int sv_report_ok(const sv_report *r)
{
	size_t i;
	if (r->overflow)
		return 0;
	for (i = 0; i < r->count; i++)
		if (r->items[i].status == SV_FAIL)
			return 0;
	return 1;
}

void sv_report_sort(sv_report *r)
{
	/* insertion sort by id: at most SV_MAX_REPORT_ITEMS rows */
	size_t i, j;
	for (i = 1; i < r->count; i++) {
		sv_item t = r->items[i];
		for (j = i; j > 0 && r->items[j - 1].id > t.id; j--)
			r->items[j] = r->items[j - 1];
		r->items[j] = t;
	}
}
