/* sv_buf.c -- bounded text formatting into caller memory (no stdio). */
#include "sv_internal.h"

void sv_buf_init(sv_buf *b, char *mem, size_t cap)
{
	b->p = mem;
	b->cap = cap;
	b->len = 0;
	b->overflow = 0;
	if (cap)
		mem[0] = '\0';
}

void sv_buf_put(sv_buf *b, const char *s, size_t n)
{
	if (b->cap == 0) {
		b->overflow = 1;
		return;
	}
	if (n > b->cap - 1 - b->len) {
		n = b->cap - 1 - b->len;
		b->overflow = 1;
	}
	if (n)
		memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

void sv_buf_str(sv_buf *b, const char *s) { sv_buf_put(b, s, strlen(s)); }
void sv_buf_sv(sv_buf *b, sv_sv s) { sv_buf_put(b, s.p, s.n); }
void sv_buf_char(sv_buf *b, char c) { sv_buf_put(b, &c, 1); }

void sv_buf_u64(sv_buf *b, uint64_t v)
{
	char t[24];
	size_t i = sizeof t;
	do {
		t[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	sv_buf_put(b, t + i, sizeof t - i);
}

void sv_buf_i64(sv_buf *b, int64_t v)
{
	if (v < 0) {
		sv_buf_char(b, '-');
		sv_buf_u64(b, (uint64_t)0 - (uint64_t)v);
	} else {
		sv_buf_u64(b, (uint64_t)v);
	}
}

void sv_buf_hex(sv_buf *b, const unsigned char *p, size_t n)
{
	static const char hx[] = "0123456789abcdef";
	size_t i;
	for (i = 0; i < n; i++) {
		sv_buf_char(b, hx[p[i] >> 4]);
		sv_buf_char(b, hx[p[i] & 15]);
	}
}

/* Bytes of a valid UTF-8 sequence at p, 0 when invalid. */
static size_t u8valid(const unsigned char *p, size_t n)
{
	uint32_t c;
	size_t l, i;
	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xC2 && p[0] <= 0xDF) { l = 2; c = p[0] & 0x1Fu; }
	else if (p[0] >= 0xE0 && p[0] <= 0xEF) { l = 3; c = p[0] & 0x0Fu; }
	else if (p[0] >= 0xF0 && p[0] <= 0xF4) { l = 4; c = p[0] & 0x07u; }
	else return 0;
	if (l > n)
		return 0;
	for (i = 1; i < l; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		c = (c << 6) | (p[i] & 0x3Fu);
	}
	if ((l == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) ||
	    (l == 4 && (c < 0x10000 || c > 0x10FFFF)))
		return 0;
	return l;
}

static void put_esc_byte(sv_buf *b, unsigned char c)
{
	static const char hx[] = "0123456789abcdef";
	char t[4] = { '\\', 'x', hx[c >> 4], hx[c & 15] };
	sv_buf_put(b, t, 4);
}

void sv_buf_clip(sv_buf *b, sv_sv s, size_t max)
{
	const unsigned char *p = (const unsigned char *)s.p;
	size_t i = 0, l;
	while (i < s.n) {
		if (i >= max) {
			sv_buf_str(b, "...(");
			sv_buf_u64(b, s.n);
			sv_buf_str(b, " bytes)");
			return;
		}
		if (p[i] < 0x20 || p[i] == 0x7F) {
			put_esc_byte(b, p[i]);
			i++;
			continue;
		}
		l = u8valid(p + i, s.n - i);
		if (l == 0) {
			put_esc_byte(b, p[i]);
			i++;
			continue;
		}
		sv_buf_put(b, s.p + i, l);
		i += l;
	}
}

void sv_buf_json(sv_buf *b, sv_sv s)
{
	static const char hx[] = "0123456789abcdef";
	const unsigned char *p = (const unsigned char *)s.p;
	size_t i, l;
	sv_buf_char(b, '"');
	for (i = 0; i < s.n;) {
		unsigned char c = p[i];
		if (c == '"' || c == '\\') {
			sv_buf_char(b, '\\');
			sv_buf_char(b, (char)c);
			i++;
		} else if (c == '\n') {
			sv_buf_str(b, "\\n"); i++;
		} else if (c == '\r') {
			sv_buf_str(b, "\\r"); i++;
		} else if (c == '\t') {
			sv_buf_str(b, "\\t"); i++;
		} else if (c < 0x20 || c == 0x7F) {
			char t[6] = { '\\', 'u', '0', '0', hx[c >> 4], hx[c & 15] };
			sv_buf_put(b, t, 6);
			i++;
		} else if (c < 0x80) {
			sv_buf_char(b, (char)c);
			i++;
		} else if ((l = u8valid(p + i, s.n - i)) != 0) {
			sv_buf_put(b, s.p + i, l);
			i += l;
		} else {
			/* not UTF-8: U+FFFD keeps the output valid JSON */
			sv_buf_str(b, "\\ufffd");
			i++;
		}
	}
	sv_buf_char(b, '"');
}

static void put2(sv_buf *b, int v)
{
	sv_buf_char(b, (char)('0' + v / 10));
	sv_buf_char(b, (char)('0' + v % 10));
}

void sv_buf_time(sv_buf *b, int64_t t)
{
	int y, mo, d, h, mi, s;
	sv_time_civil(t, &y, &mo, &d, &h, &mi, &s);
	if (y < 0 || y > 9999) {
		sv_buf_str(b, "(year out of range)");
		return;
	}
	put2(b, y / 100);
	put2(b, y % 100);
	sv_buf_char(b, '-');
	put2(b, mo);
	sv_buf_char(b, '-');
	put2(b, d);
	sv_buf_char(b, 'T');
	put2(b, h);
	sv_buf_char(b, ':');
	put2(b, mi);
	sv_buf_char(b, ':');
	put2(b, s);
	sv_buf_char(b, 'Z');
}

void sv_buf_span(sv_buf *b, int64_t s)
{
	uint64_t v = s < 0 ? (uint64_t)0 - (uint64_t)s : (uint64_t)s;
	uint64_t d = v / 86400, h = v % 86400 / 3600, m = v % 3600 / 60, sec = v % 60;
	if (d) {
		sv_buf_u64(b, d);
		sv_buf_str(b, " d");
		if (h) {
			sv_buf_char(b, ' ');
			sv_buf_u64(b, h);
			sv_buf_str(b, " h");
		}
	} else if (h) {
		sv_buf_u64(b, h);
		sv_buf_str(b, " h");
		if (m) {
			sv_buf_char(b, ' ');
			sv_buf_u64(b, m);
			sv_buf_str(b, " min");
		}
	} else if (m) {
		sv_buf_u64(b, m);
		sv_buf_str(b, " min");
		if (sec) {
			sv_buf_char(b, ' ');
			sv_buf_u64(b, sec);
			sv_buf_str(b, " s");
		}
	} else {
		sv_buf_u64(b, sec);
		sv_buf_str(b, " s");
	}
}

void sv_buf_vfmt(sv_buf *b, const char *f, va_list ap)
{
	const char *run = f;
	while (*f) {
		if (*f != '%') {
			f++;
			continue;
		}
		sv_buf_put(b, run, (size_t)(f - run));
		f++;
		switch (*f) {
		case 's': sv_buf_str(b, va_arg(ap, const char *)); break;
		case 'v': sv_buf_clip(b, va_arg(ap, sv_sv), 256); break;
		case 'q': {
			sv_sv s = va_arg(ap, sv_sv);
			sv_buf_char(b, '"');
			sv_buf_clip(b, s, 96);
			sv_buf_char(b, '"');
			break;
		}
		case 'd': sv_buf_i64(b, va_arg(ap, int)); break;
		case 'l': sv_buf_i64(b, va_arg(ap, int64_t)); break;
		case 'z': sv_buf_u64(b, va_arg(ap, size_t)); break;
		case 'T': sv_buf_time(b, va_arg(ap, int64_t)); break;
		case 'A': sv_buf_span(b, va_arg(ap, int64_t)); break;
		case '%': sv_buf_char(b, '%'); break;
		default:
			/* an unknown verb is a programming error; show it, do not crash */
			sv_buf_str(b, "%?");
			if (*f == '\0')
				return;
		}
		f++;
		run = f;
	}
	sv_buf_put(b, run, (size_t)(f - run));
}

void sv_buf_fmt(sv_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	sv_buf_vfmt(b, fmt, ap);
	va_end(ap);
}

void sv_err_set(sv_err *e, int code, size_t pos, const char *fmt, ...)
{
	sv_buf b;
	va_list ap;
	if (!e)
		return;
	e->code = code;
	e->pos = pos;
	sv_buf_init(&b, e->msg, sizeof e->msg);
	va_start(ap, fmt);
	sv_buf_vfmt(&b, fmt, ap);
	va_end(ap);
}
