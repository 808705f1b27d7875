/* out.c -- buffered output and report rendering for the CLI. */
#include "cli.h"

void sv_out_init(sv_out *o, sv_sink_fn fn, void *ctx)
{
	o->fn = fn;
	o->ctx = ctx;
	o->len = 0;
	o->failed = 0;
}

void sv_out_flush(sv_out *o)
{
	size_t off = 0;
	while (off < o->len && !o->failed) {
		int w = o->fn(o->ctx, (const unsigned char *)o->buf + off, o->len - off);
		if (w <= 0)
			o->failed = 1;
		else
			off += (size_t)w;
	}
	/* what was written may be a credential the user asked to see (explain --show-credentials) */
	sv_wipe(o->buf, o->len);
	o->len = 0;
}

void sv_out_put(sv_out *o, const char *s, size_t n)
{
	while (n > 0) {
		size_t room = sizeof o->buf - o->len, k = n < room ? n : room;
		memcpy(o->buf + o->len, s, k);
		o->len += k;
		s += k;
		n -= k;
		if (o->len == sizeof o->buf)
			sv_out_flush(o);
	}
}

void sv_out_str(sv_out *o, const char *s)
{
	sv_out_put(o, s, strlen(s));
}

void sv_out_fmt(sv_out *o, const char *fmt, ...)
{
	char tmp[2048];
	sv_buf b;
	va_list ap;
	sv_buf_init(&b, tmp, sizeof tmp);
	va_start(ap, fmt);
	sv_buf_vfmt(&b, fmt, ap);
	va_end(ap);
	sv_out_put(o, tmp, b.len);
}

void sv_out_json_str(sv_out *o, sv_sv s)
{
	/* JSON-escape in chunks so long values are not cut */
	char tmp[1024];
	size_t off = 0;
	sv_out_put(o, "\"", 1);
	while (off < s.n) {
		size_t k = s.n - off > 128 ? 128 : s.n - off;
		sv_buf b;
		/* do not split a UTF-8 sequence */
		while (k < s.n - off && k > 0 && ((unsigned char)s.p[off + k] & 0xC0) == 0x80)
			k--;
		if (k == 0)
			k = s.n - off < 4 ? s.n - off : 4;
		sv_buf_init(&b, tmp, sizeof tmp);
		sv_buf_json(&b, sv_slice(s, off, off + k));
		/* strip the quotes sv_buf_json adds */
		sv_out_put(o, tmp + 1, b.len - 2);
		off += k;
	}
	sv_out_put(o, "\"", 1);
}

/* "stsverify: [<cmd>: ]<message>" as one line on stderr */
static void err_line(sv_cli *c, int with_cmd, const char *fmt, va_list ap)
{
	char tmp[1024];
	sv_buf b;
	sv_buf_init(&b, tmp, sizeof tmp);
	sv_buf_vfmt(&b, fmt, ap);
	sv_out_str(&c->err, "stsverify: ");
	if (with_cmd) {
		sv_out_str(&c->err, c->cmd);
		sv_out_str(&c->err, ": ");
	}
	sv_out_put(&c->err, tmp, b.len);
	sv_out_str(&c->err, "\n");
}

int sv_cli_fail(sv_cli *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	err_line(c, 0, fmt, ap);
	va_end(ap);
	return SV_EXIT_USAGE;
}

int sv_cli_usage(sv_cli *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	err_line(c, 0, fmt, ap);
	va_end(ap);
	return sv_cli_usage_hint(c);
}

void sv_cli_note(sv_cli *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	err_line(c, 1, fmt, ap);
	va_end(ap);
}

/* see cli.h: the same colours as check's chain marks */
static const char *status_color(sv_status s)
{
	switch (s) {
	case SV_PASS: return "\033[32m";
	case SV_FAIL: return "\033[1;31m";
	case SV_WARN: return "\033[33m";
	default:      return "\033[2m";
	}
}

void sv_render_rows(sv_cli *c, const sv_report *r)
{
	sv_render_rows_color(c, r, 0);
}

void sv_render_rows_color(sv_cli *c, const sv_report *r, int color)
{
	size_t i, w = 0;
	for (i = 0; i < r->count; i++) {
		size_t l = strlen(sv_check_slug(r->items[i].id));
		if (l > w)
			w = l;
	}
	for (i = 0; i < r->count; i++) {
		const sv_item *it = &r->items[i];
		const char *slug = sv_check_slug(it->id);
		size_t pad = w - strlen(slug) + 2;
		if (color)
			sv_out_str(&c->out, status_color(it->status));
		sv_out_str(&c->out, sv_status_name(it->status));
		if (color)
			sv_out_str(&c->out, "\033[0m");
		sv_out_str(&c->out, "  ");
		sv_out_str(&c->out, slug);
		while (pad--)
			sv_out_put(&c->out, " ", 1);
		sv_out_str(&c->out, it->detail);
		sv_out_str(&c->out, "\n");
	}
	for (i = 0; i < r->count; i++) {
		const sv_item *it = &r->items[i];
		if ((it->status == SV_FAIL || it->status == SV_WARN) && it->hint[0])
			sv_out_fmt(&c->out, "hint: %s: %s\n", sv_check_slug(it->id), it->hint);
	}
	if (r->overflow)
		sv_out_fmt(&c->out, "%sFAIL%s  report  more rows than SV_MAX_REPORT_ITEMS; the report is incomplete\n",
		           color ? status_color(SV_FAIL) : "", color ? "\033[0m" : "");
}

/* The document arrives in chunks; after_nl and last span them. */
static int oneline_sink(void *ctx, const unsigned char *b, size_t n)
{
	sv_oneline *ol = ctx;
	size_t i, start = 0;
	for (i = 0; i < n; i++) {
		if (b[i] == '\n') {
			sv_out_put(ol->to, (const char *)b + start, i - start);
			if (i > start)
				ol->last = b[i - 1];
			start = i + 1;
			ol->after_nl = 1;
		} else if (ol->after_nl && b[i] == ' ') {
			start = i + 1;
		} else {
			if (ol->after_nl && ol->last == ',')
				sv_out_put(ol->to, " ", 1);
			ol->after_nl = 0;
		}
	}
	sv_out_put(ol->to, (const char *)b + start, n - start);
	if (n > start)
		ol->last = b[n - 1];
	return (int)n;
}

/* see cli.h */
void sv_oneline_init(sv_oneline *ol, sv_out *line, sv_out *to)
{
	ol->to = to;
	ol->after_nl = 0;
	ol->last = 0;
	sv_out_init(line, oneline_sink, ol);
}

void sv_render_checks_json(sv_out *o, const sv_report *r)
{
	size_t i;
	for (i = 0; i < r->count; i++) {
		const sv_item *it = &r->items[i];
		sv_out_str(o, i ? ",\n    {\"id\": " : "\n    {\"id\": ");
		sv_out_json_str(o, sv_from_cstr(sv_check_slug(it->id)));
		sv_out_str(o, ", \"status\": ");
		sv_out_json_str(o, sv_from_cstr(sv_status_name(it->status)));
		sv_out_str(o, ", \"message\": ");
		sv_out_json_str(o, sv_from_cstr(it->detail));
		sv_out_str(o, ", \"hint\": ");
		if (it->hint[0])
			sv_out_json_str(o, sv_from_cstr(it->hint));
		else
			sv_out_str(o, "null");
		sv_out_str(o, "}");
	}
}

static void indent_to(sv_out *o, int n)
{
	while (n-- > 0)
		sv_out_put(o, " ", 1);
}

/* Recursive, but depth is bounded by SV_MAX_JSON_DEPTH at parse time. */
static int pretty(sv_out *o, const sv_json *d, int i, int ind)
{
	int t = sv_json_type(d, i), n = sv_json_count(d, i), k, j = i + 1;
	sv_sv raw = sv_json_raw(d, i);

	if (t == JSMN_STRING) {
		sv_out_put(o, "\"", 1);
		sv_out_put(o, raw.p, raw.n);     /* already valid JSON escapes */
		sv_out_put(o, "\"", 1);
		return i + 1;
	}
	if (t == JSMN_PRIMITIVE) {
		sv_out_put(o, raw.p, raw.n);
		return i + 1;
	}
	sv_out_str(o, t == JSMN_OBJECT ? "{" : "[");
	if (n == 0) {
		sv_out_str(o, t == JSMN_OBJECT ? "}" : "]");
		return i + 1;
	}
	for (k = 0; k < n; k++) {
		sv_out_str(o, k ? ",\n" : "\n");
		indent_to(o, ind + 2);
		if (t == JSMN_OBJECT) {
			j = pretty(o, d, j, ind + 2);
			sv_out_str(o, ": ");
		}
		j = pretty(o, d, j, ind + 2);
	}
	sv_out_str(o, "\n");
	indent_to(o, ind);
	sv_out_str(o, t == JSMN_OBJECT ? "}" : "]");
	return j;
}

void sv_render_json_pretty(sv_out *o, const sv_json *d, int i, int indent)
{
	(void)pretty(o, d, i, indent);
}
