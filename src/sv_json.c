/*
 * sv_json.c -- the one place JSON is read.
 *
 * jsmn (strict mode) finds the tokens; this file then proves the text is
 * exactly RFC 8259 JSON before anyone looks at a value: punctuation between
 * tokens, number and literal grammar, string escapes, UTF-8, nesting depth,
 * no trailing bytes, and no duplicate member names in any object (names
 * compared after unescaping, so "\u0061ud" and "aud" collide).
 */
#define JSMN_STATIC
#define JSMN_STRICT
#include <jsmn.h>

#include <limits.h>

#include "sv_internal.h"

void sv_arena_init(sv_arena *a, char *buf, size_t cap)
{
	a->buf = buf;
	a->cap = cap;
	a->used = 0;
}

static int is_ws(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static size_t skip_ws(const sv_json *d, size_t p)
{
	while (p < d->len && is_ws(d->js[p]))
		p++;
	return p;
}

/* Full extent of token i in the text: strings include their quotes. */
static size_t tok_begin(const sv_json *d, int i)
{
	const jsmntok_t *t = &d->tok[i];
	return (size_t)t->start - (t->type == JSMN_STRING ? 1u : 0u);
}

static size_t tok_end(const sv_json *d, int i)
{
	const jsmntok_t *t = &d->tok[i];
	return (size_t)t->end + (t->type == JSMN_STRING ? 1u : 0u);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

static int hex4(const char *p, uint32_t *v)
{
	int i, h;
	*v = 0;
	for (i = 0; i < 4; i++) {
		if ((h = hexval(p[i])) < 0)
			return -1;
		*v = (*v << 4) | (uint32_t)h;
	}
	return 0;
}

/*
 * Decodes one code point of a JSON string body at *pos (< end); returns
 * it, or -1 on a malformed escape. The body was validated by check_string,
 * so UTF-8 here is well-formed.
 */
static int32_t next_cp(const char *s, size_t *pos, size_t end)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = *pos;
	uint32_t c, lo;

	if (p[i] == '\\') {
		if (i + 1 >= end)
			return -1;
		switch (p[i + 1]) {
		case '"': *pos = i + 2; return '"';
		case '\\': *pos = i + 2; return '\\';
		case '/': *pos = i + 2; return '/';
		case 'b': *pos = i + 2; return 8;
		case 'f': *pos = i + 2; return 12;
		case 'n': *pos = i + 2; return 10;
		case 'r': *pos = i + 2; return 13;
		case 't': *pos = i + 2; return 9;
		case 'u':
			if (i + 6 > end || hex4(s + i + 2, &c))
				return -1;
			if (c >= 0xDC00 && c <= 0xDFFF)
				return -1;               /* lone low surrogate */
			if (c >= 0xD800 && c <= 0xDBFF) {
				if (i + 12 > end || p[i + 6] != '\\' || p[i + 7] != 'u' ||
				    hex4(s + i + 8, &lo) || lo < 0xDC00 || lo > 0xDFFF)
					return -1;       /* high surrogate without its pair */
				*pos = i + 12;
				return (int32_t)(0x10000 + ((c - 0xD800) << 10) + (lo - 0xDC00));
			}
			*pos = i + 6;
			return (int32_t)c;
		default:
			return -1;
		}
	}
	if (p[i] < 0x80) {
		*pos = i + 1;
		return p[i];
	}
	if (p[i] < 0xE0) {
		*pos = i + 2;
		return (int32_t)(((p[i] & 0x1Fu) << 6) | (p[i + 1] & 0x3Fu));
	}
	if (p[i] < 0xF0) {
		*pos = i + 3;
		return (int32_t)(((p[i] & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) |
		                 (p[i + 2] & 0x3Fu));
	}
	*pos = i + 4;
	return (int32_t)(((p[i] & 0x07u) << 18) | ((p[i + 1] & 0x3Fu) << 12) |
	                 ((p[i + 2] & 0x3Fu) << 6) | (p[i + 3] & 0x3Fu));
}

/* see sv_internal.h */
int sv_utf8_check(const char *s, size_t n, size_t *bad)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, l, k;
	uint32_t c;
	while (i < n) {
		if (p[i] < 0x80) {
			i++;
			continue;
		}
		if (p[i] >= 0xC2 && p[i] <= 0xDF) { l = 2; c = p[i] & 0x1Fu; }
		else if (p[i] >= 0xE0 && p[i] <= 0xEF) { l = 3; c = p[i] & 0x0Fu; }
		else if (p[i] >= 0xF0 && p[i] <= 0xF4) { l = 4; c = p[i] & 0x07u; }
		else { *bad = i; return -1; }
		if (i + l > n) { *bad = i; return -1; }
		for (k = 1; k < l; k++) {
			if ((p[i + k] & 0xC0) != 0x80) { *bad = i; return -1; }
			c = (c << 6) | (p[i + k] & 0x3Fu);
		}
		if ((l == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) ||
		    (l == 4 && (c < 0x10000 || c > 0x10FFFF))) {
			*bad = i;
			return -1;
		}
		i += l;
	}
	return 0;
}

static int check_string(const sv_json *d, int i, sv_err *err)
{
	size_t p = (size_t)d->tok[i].start, end = (size_t)d->tok[i].end;
	while (p < end) {
		unsigned char c = (unsigned char)d->js[p];
		if (c < 0x20) {
			sv_err_set(err, SV_E_JSON, p, "offset %z: control character inside a string", p);
			return SV_E_JSON;
		}
		if (c == '\\') {
			size_t q = p;
			if (next_cp(d->js, &q, end) < 0) {
				sv_err_set(err, SV_E_JSON, p, "offset %z: invalid escape in a string", p);
				return SV_E_JSON;
			}
			p = q;
		} else {
			p++;
		}
	}
	return SV_OK;
}

/* RFC 8259 number, or true / false / null, exactly. */
static int check_primitive(const sv_json *d, int i, sv_err *err)
{
	sv_sv s = sv_json_raw(d, i);
	size_t k = 0;

	if (sv_eq(s, SV_LIT("true")) || sv_eq(s, SV_LIT("false")) || sv_eq(s, SV_LIT("null")))
		return SV_OK;
	if (k < s.n && s.p[k] == '-')
		k++;
	if (k < s.n && s.p[k] == '0') {
		k++;
	} else if (k < s.n && s.p[k] >= '1' && s.p[k] <= '9') {
		while (k < s.n && s.p[k] >= '0' && s.p[k] <= '9')
			k++;
	} else {
		goto bad;
	}
	if (k < s.n && s.p[k] == '.') {
		k++;
		if (k >= s.n || s.p[k] < '0' || s.p[k] > '9')
			goto bad;
		while (k < s.n && s.p[k] >= '0' && s.p[k] <= '9')
			k++;
	}
	if (k < s.n && (s.p[k] == 'e' || s.p[k] == 'E')) {
		k++;
		if (k < s.n && (s.p[k] == '+' || s.p[k] == '-'))
			k++;
		if (k >= s.n || s.p[k] < '0' || s.p[k] > '9')
			goto bad;
		while (k < s.n && s.p[k] >= '0' && s.p[k] <= '9')
			k++;
	}
	if (k == s.n)
		return SV_OK;
bad:
	sv_err_set(err, SV_E_JSON, (size_t)d->tok[i].start,
	           "offset %d: %q is not a JSON number or literal", d->tok[i].start, s);
	return SV_E_JSON;
}

/* Escape-aware equality of two string tokens. */
static int str_tok_eq(const sv_json *d, int a, int b)
{
	size_t pa = (size_t)d->tok[a].start, ea = (size_t)d->tok[a].end;
	size_t pb = (size_t)d->tok[b].start, eb = (size_t)d->tok[b].end;
	while (pa < ea && pb < eb)
		if (next_cp(d->js, &pa, ea) != next_cp(d->js, &pb, eb))
			return 0;
	return pa == ea && pb == eb;
}

/*
 * Walks the subtree at token *i, checking the bytes between tokens.
 * *i advances past the subtree.
 */
static int walk(const sv_json *d, int *i, int depth, sv_err *err)
{
	int me = *i, n, k, rc;
	const jsmntok_t *t = &d->tok[me];
	size_t p;

	if (t->type == JSMN_STRING) {
		(*i)++;
		return check_string(d, me, err);
	}
	if (t->type == JSMN_PRIMITIVE) {
		(*i)++;
		return check_primitive(d, me, err);
	}
	if (t->type != JSMN_OBJECT && t->type != JSMN_ARRAY) {
		sv_err_set(err, SV_E_JSON, (size_t)t->start, "offset %d: unexpected token", t->start);
		return SV_E_JSON;
	}
	if (depth >= SV_MAX_JSON_DEPTH) {
		sv_err_set(err, SV_E_LIMIT, (size_t)t->start,
		           "offset %d: nested deeper than SV_MAX_JSON_DEPTH=%d", t->start,
		           SV_MAX_JSON_DEPTH);
		return SV_E_LIMIT;
	}
	n = t->size;
	p = (size_t)t->start + 1;
	(*i)++;
	for (k = 0; k < n; k++) {
		int child = *i;
		if (child >= d->ntok)
			goto trunc;
		if (k > 0) {
			p = skip_ws(d, p);
			if (p >= d->len || d->js[p] != ',') {
				sv_err_set(err, SV_E_JSON, p, "offset %z: expected ','", p);
				return SV_E_JSON;
			}
			p++;
		}
		p = skip_ws(d, p);
		if (tok_begin(d, child) != p) {
			sv_err_set(err, SV_E_JSON, p, "offset %z: unexpected character", p);
			return SV_E_JSON;
		}
		if (t->type == JSMN_OBJECT) {
			if (d->tok[child].type != JSMN_STRING) {
				sv_err_set(err, SV_E_JSON, p, "offset %z: member name must be a string", p);
				return SV_E_JSON;
			}
			if (d->tok[child].size != 1) {
				/* a name jsmn saw no value for: {"a":} or {"a"} */
				p = skip_ws(d, tok_end(d, child));
				if (p < d->len && d->js[p] == ':') {
					p = skip_ws(d, p + 1);
					sv_err_set(err, SV_E_JSON, p, "offset %z: expected a value after ':'", p);
				} else {
					sv_err_set(err, SV_E_JSON, p, "offset %z: expected ':'", p);
				}
				return SV_E_JSON;
			}
			if ((rc = check_string(d, child, err)) != SV_OK)
				return rc;
			/* duplicate names: check_dups, once the tree is known to be sound */
			p = skip_ws(d, tok_end(d, child));
			if (p >= d->len || d->js[p] != ':') {
				sv_err_set(err, SV_E_JSON, p, "offset %z: expected ':'", p);
				return SV_E_JSON;
			}
			p = skip_ws(d, p + 1);
			(*i)++;
			if (*i >= d->ntok)
				goto trunc;
			if (tok_begin(d, *i) != p) {
				sv_err_set(err, SV_E_JSON, p, "offset %z: unexpected character", p);
				return SV_E_JSON;
			}
		}
		{
			int v = *i;
			if ((rc = walk(d, i, depth + 1, err)) != SV_OK)
				return rc;
			p = tok_end(d, v);
		}
	}
	p = skip_ws(d, p);
	if (p + 1 != (size_t)t->end) {
		sv_err_set(err, SV_E_JSON, p, "offset %z: expected '%s'", p,
		           t->type == JSMN_OBJECT ? "}" : "]");
		return SV_E_JSON;
	}
	return SV_OK;
trunc:
	sv_err_set(err, SV_E_JSON, d->len, "truncated document");
	return SV_E_JSON;
}

/*
 * Duplicate member names, in time linear in the text (times the number of
 * 128-name blocks of the largest object) instead of quadratic: comparing
 * every pair of names of a 256 KiB object of 4000 look-alike names took
 * seconds. Each name is hashed once per pass (64-bit FNV-1a over its
 * decoded code points, so escapes cannot hide a duplicate) into a small
 * table on the stack; equal hashes are confirmed by an exact comparison,
 * so a collision costs time, never a wrong answer. The error names the
 * first duplicate in document order, as a pairwise scan would.
 */
#define DUP_BLOCK 128
#define DUP_SLOTS 256             /* power of two, >= 2 * DUP_BLOCK */

static uint64_t name_hash(const sv_json *d, int i)
{
	size_t p = (size_t)d->tok[i].start, end = (size_t)d->tok[i].end;
	uint64_t h = 14695981039346656037u;
	while (p < end) {
		int32_t c = next_cp(d->js, &p, end);
		h = (h ^ (uint32_t)c) * 1099511628211u;
	}
	return h;
}

/* Token index of the first name of object obj that repeats an earlier one, or INT_MAX. */
static int first_dup(const sv_json *d, int obj, int stop)
{
	uint64_t hash[DUP_SLOTS];
	int who[DUP_SLOTS];
	int n = d->tok[obj].size, base, k, j, found = INT_MAX;

	if (n < 2)
		return INT_MAX;
	if (n <= 8) {
		/* small objects (nearly all of them): pairwise is cheapest */
		int a, b, ka, kb;
		for (kb = 1, b = sv_json_next(d, obj + 2); kb < n; kb++, b = sv_json_next(d, b + 1))
			for (ka = 0, a = obj + 1; ka < kb; ka++, a = sv_json_next(d, a + 1))
				if (str_tok_eq(d, a, b))
					return b;
		return INT_MAX;
	}
	/* block by block: the names of one block go in the table, every later name is probed */
	for (base = 0, j = obj + 1; base < n; base += DUP_BLOCK) {
		int start = j, kk;
		memset(who, -1, sizeof who);
		for (k = base; k < n && j < found && j < stop; k++, j = sv_json_next(d, j + 1)) {
			uint64_t h = name_hash(d, j);
			size_t s = (size_t)h & (DUP_SLOTS - 1);
			while (who[s] >= 0) {
				if (hash[s] == h && str_tok_eq(d, who[s], j)) {
					if (j < found)
						found = j;
					break;
				}
				s = (s + 1) & (DUP_SLOTS - 1);
			}
			if (who[s] < 0 && k < base + DUP_BLOCK) {
				hash[s] = h;
				who[s] = j;
			}
		}
		/* the next block starts after this one */
		for (kk = 0, j = start; kk < DUP_BLOCK && base + kk < n; kk++)
			j = sv_json_next(d, j + 1);
		if (j >= found || j >= stop)
			break;
	}
	return found;
}

static int check_dups(const sv_json *d, sv_err *err)
{
	int i, found = INT_MAX;
	for (i = 0; i < d->ntok && i < found; i++) {
		if (d->tok[i].type == JSMN_OBJECT) {
			int f = first_dup(d, i, found);
			if (f < found)
				found = f;
		}
	}
	if (found == INT_MAX)
		return SV_OK;
	sv_err_set(err, SV_E_JSON, tok_begin(d, found), "offset %z: duplicate member name %q",
	           tok_begin(d, found), sv_json_raw(d, found));
	return SV_E_JSON;
}

/* see sv_internal.h */
int sv_json_parse(sv_json *d, const char *js, size_t len, jsmntok_t *tok, size_t cap,
                  sv_err *err)
{
	jsmn_parser ps;
	int n, i, rc;
	size_t bad, p;

	d->js = js;
	d->len = len;
	d->tok = tok;
	d->ntok = 0;
	if (len > (size_t)INT_MAX / 2 || cap > (size_t)INT_MAX) {
		sv_err_set(err, SV_E_LIMIT, 0, "document too large");
		return SV_E_LIMIT;
	}
	if (sv_utf8_check(js, len, &bad)) {
		sv_err_set(err, SV_E_JSON, bad, "offset %z: invalid UTF-8", bad);
		return SV_E_JSON;
	}
	/*
	 * jsmn stops at a NUL as if the text ended there, so a raw NUL read as
	 * "truncated document" (or as trailing data). JSON has no raw NUL
	 * anywhere: inside a string it must be written \u0000.
	 */
	{
		const char *z = memchr(js, '\0', len);
		if (z) {
			bad = (size_t)(z - js);
			sv_err_set(err, SV_E_JSON, bad, "offset %z: a raw NUL byte (inside a string it must be written \\u0000)", bad);
			return SV_E_JSON;
		}
	}
	p = skip_ws(d, 0);
	if (p == len) {
		sv_err_set(err, SV_E_JSON, p, "empty document");
		return SV_E_JSON;
	}
	jsmn_init(&ps);
	n = jsmn_parse(&ps, js, len, tok, (unsigned int)cap);
	if (n == JSMN_ERROR_NOMEM) {
		sv_err_set(err, SV_E_LIMIT, ps.pos, "more than %z JSON tokens (compile-time limit)", cap);
		return SV_E_LIMIT;
	}
	if (n == JSMN_ERROR_PART) {
		sv_err_set(err, SV_E_JSON, len, "truncated document");
		return SV_E_JSON;
	}
	if (n < 0) {
		sv_err_set(err, SV_E_JSON, ps.pos, "offset %z: invalid JSON", (size_t)ps.pos);
		return SV_E_JSON;
	}
	if (n == 0) {
		sv_err_set(err, SV_E_JSON, 0, "empty document");
		return SV_E_JSON;
	}
	d->ntok = n;
	if (tok_begin(d, 0) != p) {
		sv_err_set(err, SV_E_JSON, p, "offset %z: unexpected character", p);
		return SV_E_JSON;
	}
	i = 0;
	if ((rc = walk(d, &i, 0, err)) != SV_OK) {
		d->ntok = 0;
		return rc;
	}
	p = skip_ws(d, tok_end(d, 0));
	if (i != n || p != len) {
		sv_err_set(err, SV_E_JSON, p, "offset %z: trailing data after the document", p);
		d->ntok = 0;
		return SV_E_JSON;
	}
	if ((rc = check_dups(d, err)) != SV_OK) {
		d->ntok = 0;
		return rc;
	}
	return SV_OK;
}

int sv_json_next(const sv_json *d, int i)
{
	int pending = 1;
	while (pending > 0 && i < d->ntok) {
		pending += d->tok[i].size - 1;
		i++;
	}
	return i;
}

int sv_json_type(const sv_json *d, int i)
{
	if (i < 0 || i >= d->ntok)
		return JSMN_UNDEFINED;
	return (int)d->tok[i].type;
}

int sv_json_count(const sv_json *d, int i)
{
	if (i < 0 || i >= d->ntok)
		return 0;
	return d->tok[i].size;
}

sv_sv sv_json_raw(const sv_json *d, int i)
{
	sv_sv s = SV_NULL;
	if (i < 0 || i >= d->ntok)
		return s;
	s.p = d->js + d->tok[i].start;
	s.n = (size_t)(d->tok[i].end - d->tok[i].start);
	return s;
}

int sv_json_str_eq(const sv_json *d, int i, sv_sv s)
{
	size_t p, end, k = 0, bad;
	if (sv_json_type(d, i) != JSMN_STRING)
		return 0;
	/*
	 * s is plain text from anywhere (a literal, argv, another document):
	 * not UTF-8 means it equals no JSON string, and next_cp may only step
	 * through well-formed sequences (a lead byte at the end read past it).
	 */
	if (sv_utf8_check(s.p, s.n, &bad))
		return 0;
	p = (size_t)d->tok[i].start;
	end = (size_t)d->tok[i].end;
	/* compare code points of the token with the UTF-8 bytes of s */
	while (p < end) {
		int32_t a = next_cp(d->js, &p, end), b;
		size_t q = k;
		if (a < 0 || k >= s.n)
			return 0;
		if (s.p[k] == '\\')
			b = '\\', q = k + 1;       /* s is plain text, not JSON */
		else
			b = next_cp(s.p, &q, s.n);
		if (a != b)
			return 0;
		k = q;
	}
	return k == s.n;
}

int sv_json_get(const sv_json *d, int obj, sv_sv key)
{
	int k, n, j;
	if (sv_json_type(d, obj) != JSMN_OBJECT)
		return -1;
	n = d->tok[obj].size;
	for (k = 0, j = obj + 1; k < n; k++, j = sv_json_next(d, j + 1))
		if (sv_json_str_eq(d, j, key))
			return j + 1;
	return -1;
}

/* see sv_internal.h */
void sv_utf8_put(char *o, size_t *w, uint32_t c)
{
	if (c < 0x80) {
		o[(*w)++] = (char)c;
	} else if (c < 0x800) {
		o[(*w)++] = (char)(0xC0 | (c >> 6));
		o[(*w)++] = (char)(0x80 | (c & 0x3F));
	} else if (c < 0x10000) {
		o[(*w)++] = (char)(0xE0 | (c >> 12));
		o[(*w)++] = (char)(0x80 | ((c >> 6) & 0x3F));
		o[(*w)++] = (char)(0x80 | (c & 0x3F));
	} else {
		o[(*w)++] = (char)(0xF0 | (c >> 18));
		o[(*w)++] = (char)(0x80 | ((c >> 12) & 0x3F));
		o[(*w)++] = (char)(0x80 | ((c >> 6) & 0x3F));
		o[(*w)++] = (char)(0x80 | (c & 0x3F));
	}
}

int sv_json_str(const sv_json *d, int i, sv_arena *a, sv_sv *out)
{
	sv_sv raw;
	size_t p, end, w;
	if (sv_json_type(d, i) != JSMN_STRING)
		return SV_E_FORMAT;
	raw = sv_json_raw(d, i);
	if (sv_find(raw, '\\', 0) == (size_t)-1) {
		*out = raw;
		return SV_OK;
	}
	/* decoded text is never longer than the escaped text */
	if (!a || a->cap - a->used < raw.n)
		return SV_E_LIMIT;
	p = (size_t)d->tok[i].start;
	end = (size_t)d->tok[i].end;
	w = a->used;
	while (p < end) {
		int32_t c = next_cp(d->js, &p, end);
		if (c < 0)
			return SV_E_JSON;
		sv_utf8_put(a->buf, &w, (uint32_t)c);
	}
	out->p = a->buf + a->used;
	out->n = w - a->used;
	a->used = w;
	return SV_OK;
}

sv_nd_state sv_json_int(const sv_json *d, int i, int64_t *v)
{
	sv_sv s;
	size_t k = 0;
	uint64_t acc = 0, lim;
	int neg = 0;

	if (sv_json_type(d, i) != JSMN_PRIMITIVE)
		return SV_ND_BADTYPE;
	s = sv_json_raw(d, i);
	if (s.n == 0 || s.p[0] == 't' || s.p[0] == 'f' || s.p[0] == 'n')
		return SV_ND_BADTYPE;
	if (sv_find(s, '.', 0) != (size_t)-1 || sv_find(s, 'e', 0) != (size_t)-1 ||
	    sv_find(s, 'E', 0) != (size_t)-1)
		return SV_ND_FRACTION;
	if (s.p[0] == '-') {
		neg = 1;
		k = 1;
	}
	lim = neg ? (uint64_t)INT64_MAX + 1u : (uint64_t)INT64_MAX;
	for (; k < s.n; k++) {
		unsigned dgt = (unsigned)(s.p[k] - '0');
		if (acc > (lim - dgt) / 10)
			return SV_ND_RANGE;
		acc = acc * 10 + dgt;
	}
	if (neg)
		*v = acc == (uint64_t)INT64_MAX + 1u ? INT64_MIN : -(int64_t)acc;
	else
		*v = (int64_t)acc;
	return SV_ND_OK;
}

int sv_json_bool(const sv_json *d, int i)
{
	sv_sv s;
	if (sv_json_type(d, i) != JSMN_PRIMITIVE)
		return -1;
	s = sv_json_raw(d, i);
	if (sv_eq(s, SV_LIT("true")))
		return 1;
	if (sv_eq(s, SV_LIT("false")))
		return 0;
	return -1;
}
