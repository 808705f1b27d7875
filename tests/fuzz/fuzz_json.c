/*
 * fuzz_json.c -- the JSON wrapper (src/sv_json.c) and its accessors.
 *
 * Differential: a slow, obviously-correct recursive-descent validator
 * below (RFC 8259 plus our policy: strict UTF-8, no lone surrogates, no
 * duplicate member names after unescaping, depth and token limits) must
 * agree with sv_json_parse on every object or array document.
 * Invariants on success: every token lies inside the text and the tree
 * is well nested; each string decodes, the decoded text compares equal to
 * its token (sv_json_str_eq) and finds its member (sv_json_get); integers
 * read by sv_json_int print back as their JSON text.
 */
#include "fuzz.h"

#define FZ_TOKCAP 2048

static jsmntok_t tok[FZ_TOKCAP];
static char arena_mem[SV_MAX_STRING_ARENA];

/* ---- the reference validator ------------------------------------------ */

typedef struct ref {
	const unsigned char *s;
	size_t n, p;
	int depth, maxdepth;
	long ntok;
} ref;

static void ref_ws(ref *r)
{
	while (r->p < r->n && (r->s[r->p] == ' ' || r->s[r->p] == '\t' || r->s[r->p] == '\n' ||
	                       r->s[r->p] == '\r'))
		r->p++;
}

static int ref_hex(int c)
{
	return (c >= '0' && c <= '9') ? c - '0' : (c >= 'a' && c <= 'f') ? c - 'a' + 10 :
	       (c >= 'A' && c <= 'F') ? c - 'A' + 10 : -1;
}

/* One decoded code point of a string body, or -1; -2 at the closing quote. */
static long ref_char(ref *r)
{
	const unsigned char *s = r->s;
	size_t i = r->p, l, k;
	unsigned long c;
	if (i >= r->n)
		return -1;
	if (s[i] == '"') {
		r->p++;
		return -2;
	}
	if (s[i] < 0x20)
		return -1;
	if (s[i] == '\\') {
		if (i + 1 >= r->n)
			return -1;
		r->p += 2;
		switch (s[i + 1]) {
		case '"': return '"';
		case '\\': return '\\';
		case '/': return '/';
		case 'b': return 8;
		case 'f': return 12;
		case 'n': return 10;
		case 'r': return 13;
		case 't': return 9;
		case 'u': {
			unsigned long v = 0, lo = 0;
			for (k = 0; k < 4; k++) {
				int h = i + 2 + k < r->n ? ref_hex(s[i + 2 + k]) : -1;
				if (h < 0)
					return -1;
				v = v * 16 + (unsigned long)h;
			}
			r->p = i + 6;
			if (v >= 0xDC00 && v <= 0xDFFF)
				return -1;
			if (v < 0xD800 || v > 0xDBFF)
				return (long)v;
			if (i + 12 > r->n || s[i + 6] != '\\' || s[i + 7] != 'u')
				return -1;
			for (k = 0; k < 4; k++) {
				int h = ref_hex(s[i + 8 + k]);
				if (h < 0)
					return -1;
				lo = lo * 16 + (unsigned long)h;
			}
			if (lo < 0xDC00 || lo > 0xDFFF)
				return -1;
			r->p = i + 12;
			return (long)(0x10000 + ((v - 0xD800) << 10) + (lo - 0xDC00));
		}
		default:
			return -1;
		}
	}
	if (s[i] < 0x80) {
		r->p++;
		return s[i];
	}
	/* UTF-8 by the table in RFC 3629 section 4 */
	if (s[i] >= 0xC2 && s[i] <= 0xDF) { l = 2; c = s[i] & 0x1Fu; }
	else if (s[i] >= 0xE0 && s[i] <= 0xEF) { l = 3; c = s[i] & 0x0Fu; }
	else if (s[i] >= 0xF0 && s[i] <= 0xF4) { l = 4; c = s[i] & 0x07u; }
	else return -1;
	if (i + l > r->n)
		return -1;
	for (k = 1; k < l; k++) {
		if ((s[i + k] & 0xC0) != 0x80)
			return -1;
		c = c << 6 | (s[i + k] & 0x3Fu);
	}
	if ((l == 3 && c < 0x800) || (l == 4 && c < 0x10000) || c > 0x10FFFF ||
	    (c >= 0xD800 && c <= 0xDFFF))
		return -1;
	r->p = i + l;
	return (long)c;
}

/* A string; its decoded code points into cp[] (up to cap), count in *ncp. */
static int ref_string(ref *r, long *cp, size_t cap, size_t *ncp)
{
	long c;
	size_t k = 0;
	if (r->p >= r->n || r->s[r->p] != '"')
		return -1;
	r->p++;
	r->ntok++;
	while ((c = ref_char(r)) != -2) {
		if (c < 0)
			return -1;
		if (cp && k < cap)
			cp[k] = c;
		k++;
	}
	if (ncp)
		*ncp = k;
	return 0;
}

static int ref_digits(ref *r)
{
	size_t b = r->p;
	while (r->p < r->n && r->s[r->p] >= '0' && r->s[r->p] <= '9')
		r->p++;
	return r->p > b ? 0 : -1;
}

static int ref_value(ref *r);

static int ref_number(ref *r)
{
	if (r->s[r->p] == '-')
		r->p++;
	if (r->p < r->n && r->s[r->p] == '0')
		r->p++;
	else if (ref_digits(r))
		return -1;
	if (r->p < r->n && r->s[r->p] == '.') {
		r->p++;
		if (ref_digits(r))
			return -1;
	}
	if (r->p < r->n && (r->s[r->p] == 'e' || r->s[r->p] == 'E')) {
		r->p++;
		if (r->p < r->n && (r->s[r->p] == '+' || r->s[r->p] == '-'))
			r->p++;
		if (ref_digits(r))
			return -1;
	}
	r->ntok++;
	return 0;
}

static int ref_lit(ref *r, const char *w)
{
	size_t l = strlen(w);
	if (r->n - r->p < l || memcmp(r->s + r->p, w, l) != 0)
		return -1;
	r->p += l;
	r->ntok++;
	return 0;
}

#define REF_MAXKEYS 512

/* Decoded equality of the two strings whose opening quotes are at a and b. */
static int ref_same(const ref *r, size_t a, size_t b)
{
	ref x = *r, y = *r;
	long ca, cb;
	x.p = a + 1;
	y.p = b + 1;
	do {
		ca = ref_char(&x);
		cb = ref_char(&y);
		if (ca != cb)
			return 0;
	} while (ca != -2);
	return 1;
}

static int ref_container(ref *r, int obj)
{
	/* where each member name of this object starts, for the duplicate check */
	size_t keys[REF_MAXKEYS], nk = 0, i;
	int first = 1, over = 0;

	r->p++;
	r->ntok++;
	if (++r->depth > r->maxdepth)
		r->maxdepth = r->depth;
	ref_ws(r);
	if (r->p < r->n && r->s[r->p] == (obj ? '}' : ']')) {
		r->p++;
		r->depth--;
		return 0;
	}
	for (;;) {
		if (!first) {
			ref_ws(r);
			if (r->p < r->n && r->s[r->p] == (obj ? '}' : ']')) {
				r->p++;
				r->depth--;
				return over ? 1 : 0;
			}
			if (r->p >= r->n || r->s[r->p] != ',')
				return -1;
			r->p++;
		}
		first = 0;
		ref_ws(r);
		if (obj) {
			size_t at = r->p;
			if (ref_string(r, NULL, 0, NULL))
				return -1;
			if (nk == REF_MAXKEYS) {
				over = 1;        /* more names than this validator compares */
			} else {
				for (i = 0; i < nk; i++)
					if (ref_same(r, keys[i], at))
						return -1;   /* duplicate member name */
				keys[nk++] = at;
			}
			ref_ws(r);
			if (r->p >= r->n || r->s[r->p] != ':')
				return -1;
			r->p++;
			ref_ws(r);
		}
		{
			int v = ref_value(r);
			if (v < 0)
				return -1;
			if (v > 0)
				over = 1;
		}
	}
}

/* 0 valid, 1 valid as far as this validator can tell, -1 invalid. */
static int ref_value(ref *r)
{
	unsigned char c;
	if (r->p >= r->n)
		return -1;
	if (r->depth > 20)
		return 1;            /* deeper than the wrapper ever goes: not compared */
	c = r->s[r->p];
	if (c == '{')
		return ref_container(r, 1);
	if (c == '[')
		return ref_container(r, 0);
	if (c == '"')
		return ref_string(r, NULL, 0, NULL);
	if (c == '-' || (c >= '0' && c <= '9'))
		return ref_number(r);
	if (c == 't')
		return ref_lit(r, "true");
	if (c == 'f')
		return ref_lit(r, "false");
	if (c == 'n')
		return ref_lit(r, "null");
	return -1;
}

/* ---- invariants on a parsed document ------------------------------------- */

static void check_accessors(const sv_json *d)
{
	sv_arena a;
	int i;

	sv_arena_init(&a, arena_mem, sizeof arena_mem);
	for (i = 0; i < d->ntok; i++) {
		int t = sv_json_type(d, i);
		sv_sv raw = sv_json_raw(d, i);
		FZ_CHECK(fz_inside(raw, d->js, d->len), "raw view of token %d", i);
		if (t == JSMN_STRING) {
			sv_sv s;
			int rc = sv_json_str(d, i, &a, &s);
			FZ_CHECK(rc == SV_OK || rc == SV_E_LIMIT, "string %d does not decode (%d)", i, rc);
			if (rc != SV_OK)
				continue;
			FZ_CHECK(fz_inside(s, d->js, d->len) || fz_inside(s, a.buf, a.used),
			         "decoded string %d points outside the text and the arena", i);
			FZ_CHECK(s.n <= raw.n, "decoded string %d grew", i);
			if (sv_find(raw, '\\', 0) == (size_t)-1)
				FZ_CHECK(sv_eq(s, raw), "escape-free string %d changed", i);
			/* the comparator and the decoder agree (plain text: no backslash) */
			if (sv_find(s, '\\', 0) == (size_t)-1)
				FZ_CHECK(sv_json_str_eq(d, i, s), "string %d != its own decoding", i);
		} else if (t == JSMN_PRIMITIVE) {
			int64_t v = 0;
			sv_nd_state st = sv_json_int(d, i, &v);
			int b = sv_json_bool(d, i);
			if (sv_eq(raw, SV_LIT("true")) || sv_eq(raw, SV_LIT("false")) ||
			    sv_eq(raw, SV_LIT("null"))) {
				FZ_CHECK(st == SV_ND_BADTYPE, "literal %d read as a number", i);
				FZ_CHECK(b == (raw.p[0] == 't' ? 1 : raw.p[0] == 'f' ? 0 : -1), "bool %d", i);
				continue;
			}
			FZ_CHECK(b == -1, "number %d read as a bool", i);
			FZ_CHECK(st == SV_ND_OK || st == SV_ND_FRACTION || st == SV_ND_RANGE,
			         "number %d: state %d", i, (int)st);
			FZ_CHECK((st == SV_ND_FRACTION) ==
			             (sv_find(raw, '.', 0) != (size_t)-1 || sv_find(raw, 'e', 0) != (size_t)-1 ||
			              sv_find(raw, 'E', 0) != (size_t)-1),
			         "number %d: fraction state disagrees with its text", i);
			if (st == SV_ND_OK && !sv_eq(raw, SV_LIT("-0"))) {
				char tmp[32];
				sv_buf b2;
				sv_buf_init(&b2, tmp, sizeof tmp);
				sv_buf_i64(&b2, v);
				FZ_CHECK(sv_eq(sv_from_cstr(tmp), raw), "integer %d reads as %s", i, tmp);
			}
		} else if (t == JSMN_OBJECT) {
			/* each member is found by its decoded name, at its own position */
			int k, j, n = sv_json_count(d, i);
			for (k = 0, j = i + 1; k < n; k++, j = sv_json_next(d, j + 1)) {
				sv_sv name;
				FZ_CHECK(sv_json_type(d, j) == JSMN_STRING, "member name %d", j);
				if (sv_json_str(d, j, &a, &name) != SV_OK || sv_find(name, '\\', 0) != (size_t)-1)
					continue;
				FZ_CHECK(sv_json_get(d, i, name) == j + 1, "member %d not found by its name", j);
			}
		}
	}
	FZ_CHECK(a.used <= a.cap, "arena overrun");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *js = (const char *)data;
	sv_json d;
	sv_err e;
	ref r;
	int rc, want;
	size_t p0;

	memset(&e, 0, sizeof e);
	rc = sv_json_parse(&d, js, size, tok, FZ_TOKCAP, &e);
	FZ_CHECK(memchr(e.msg, 0, sizeof e.msg) != NULL, "error message not terminated");
	if (rc == SV_OK) {
		fz_check_json(&d);
		check_accessors(&d);
		/* lookups by arbitrary bytes (cut mid-UTF-8 sequence) stay inside them */
		{
			size_t kn, cut;
			for (cut = 1; cut <= 8 && cut <= size; cut++) {
				char *key = malloc(cut);
				int i, v;
				memcpy(key, data, cut);
				for (kn = 0; kn < cut; kn++) {
					sv_sv k = { key + kn, cut - kn };
					v = sv_json_get(&d, 0, k);
					FZ_CHECK(v == -1 || (v > 0 && v < d.ntok), "get -> %d", v);
					for (i = 0; i < d.ntok && i < 16; i++)
						(void)sv_json_str_eq(&d, i, k);
				}
				free(key);
			}
		}
	} else {
		FZ_CHECK(rc == SV_E_JSON || rc == SV_E_LIMIT, "rc %d", rc);
		FZ_CHECK(e.code == rc, "err.code %d != rc %d", e.code, rc);
		FZ_CHECK(e.pos <= size, "err.pos %zu beyond %zu bytes", e.pos, size);
	}

	/* differential, for documents whose top level is an object or array */
	memset(&r, 0, sizeof r);
	r.s = data;
	r.n = size;
	ref_ws(&r);
	p0 = r.p;
	if (p0 >= size || (data[p0] != '{' && data[p0] != '['))
		return 0;
	want = ref_value(&r);
	if (want == 0) {
		ref_ws(&r);
		if (r.p != size)
			want = -1;           /* trailing bytes */
	}
	if (want < 0) {
		FZ_CHECK(rc != SV_OK, "accepted a document the reference rejects at %zu", r.p);
	} else if (want == 0) {
		if (r.ntok > FZ_TOKCAP || r.maxdepth > SV_MAX_JSON_DEPTH)
			FZ_CHECK(rc == SV_E_LIMIT, "over a limit (%ld tokens, depth %d) but rc %d: %s",
			         r.ntok, r.maxdepth, rc, e.msg);
		else
			FZ_CHECK(rc == SV_OK, "rejected a valid document: %s", e.msg);
		if (rc == SV_OK)
			FZ_CHECK(d.ntok == r.ntok, "%d tokens, the reference counts %ld", d.ntok, r.ntok);
	}
	return 0;
}
