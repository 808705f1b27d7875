/*
 * sv_yaml.c -- the YAML subset of `oc adm release extract
 * --credentials-requests`, read into JSON text (see sv_credreq.h).
 *
 * A line-oriented recursive reader: every block node knows the column it
 * sits at, and recursion is bounded by SV_MAX_JSON_DEPTH. What the subset
 * does not cover is an error naming the line and what was there, never a
 * guess. The output goes through sv_json_parse like any other document,
 * so the CredentialsRequest view reads YAML and JSON alike.
 */
#include "sv_internal.h"
#include "stsverify/sv_credreq.h"

enum { L_EOF, L_CONTENT, L_DOCSEP, L_DOCEND };

typedef struct yr {
	const char  *s;
	size_t       n;
	size_t       pos;      /* read position */
	size_t       bol;      /* first byte of the current line */
	size_t       line;     /* 1-based number of the current line */
	int          ready;    /* peek() has found the next content: pos is at it */
	int          kind;     /* L_* of that content, when ready */
	size_t       indent;   /* its column, when ready */
	char        *o;
	size_t       cap, len;
	sv_yaml_map *map;
	sv_err      *err;
	int          depth;
} yr;

/* ---- errors ----------------------------------------------------------- */

static int at_eol(const yr *y, size_t p)
{
	return p >= y->n || y->s[p] == '\n' || (y->s[p] == '\r' && (p + 1 >= y->n || y->s[p + 1] == '\n'));
}

static int blank(char c)
{
	return c == ' ' || c == '\t';
}

/* "line N: <what>, saw <the rest of the line from at>" */
static int fail(yr *y, size_t at, const char *what)
{
	size_t e = at;
	sv_sv rest;
	while (!at_eol(y, e))
		e++;
	while (e > at && blank(y->s[e - 1]))
		e--;
	rest.p = y->s + at;
	rest.n = e - at;
	if (rest.n)
		sv_err_set(y->err, SV_E_FORMAT, at, "line %z: %s, saw %q", y->line, what, rest);
	else
		sv_err_set(y->err, SV_E_FORMAT, at, "line %z: %s", y->line, what);
	return SV_E_FORMAT;
}

static int limit(yr *y, const char *what)
{
	sv_err_set(y->err, SV_E_LIMIT, y->pos, "line %z: %s", y->line, what);
	return SV_E_LIMIT;
}

/* ---- output ----------------------------------------------------------- */

static int put(yr *y, const char *p, size_t k)
{
	if (k > y->cap - y->len)
		return limit(y, "the document's JSON form does not fit the output buffer");
	memcpy(y->o + y->len, p, k);
	y->len += k;
	return SV_OK;
}

#define PUT(y, lit) put((y), (lit), sizeof(lit) - 1)

/* Records where the next key or value written comes from. */
static int mark(yr *y)
{
	sv_yaml_map *m = y->map;
	if (m->n == m->cap)
		return limit(y, "more keys and values than the line map holds");
	m->at[m->n].off = (uint32_t)y->len;
	m->at[m->n].line = (uint32_t)y->line;
	m->n++;
	return SV_OK;
}

/* One byte of string content, JSON-escaped. */
static int put_char(yr *y, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	char u[6];
	if (c == '"')
		return PUT(y, "\\\"");
	if (c == '\\')
		return PUT(y, "\\\\");
	if (c == '\t')
		return PUT(y, "\\t");
	if (c < 0x20 || c == 0x7f) {
		u[0] = '\\';
		u[1] = 'u';
		u[2] = '0';
		u[3] = '0';
		u[4] = hex[c >> 4];
		u[5] = hex[c & 15];
		return put(y, u, 6);
	}
	return put(y, (const char *)&c, 1);
}

static int put_string(yr *y, size_t a, size_t b)
{
	int rc = PUT(y, "\"");
	for (; a < b && rc == SV_OK; a++)
		rc = put_char(y, (unsigned char)y->s[a]);
	return rc != SV_OK ? rc : PUT(y, "\"");
}

/* A code point as UTF-8 into the JSON string (no escaping needed above 0x7f). */
static int put_cp(yr *y, uint32_t cp)
{
	char u[4];
	size_t w = 0;
	if (cp < 0x80)
		return put_char(y, (unsigned char)cp);
	sv_utf8_put(u, &w, cp);
	return put(y, u, w);
}

/* ---- lines ------------------------------------------------------------ */

static void next_line(yr *y)
{
	while (y->pos < y->n && y->s[y->pos] != '\n')
		y->pos++;
	if (y->pos < y->n) {
		y->pos++;
		y->line++;
	}
	y->bol = y->pos;
	y->ready = 0;
}

/*
 * Finds the next line with content, passing over blank and comment-only
 * lines; pos is then at its first non-space byte. Idempotent until
 * something is read.
 */
static int peek(yr *y, int *rc)
{
	*rc = SV_OK;
	while (!y->ready) {
		size_t p = y->bol, q;
		if (p >= y->n) {
			y->kind = L_EOF;
			y->ready = 1;
			break;
		}
		while (p < y->n && y->s[p] == ' ')
			p++;
		for (q = p; q < y->n && blank(y->s[q]); q++)
			;
		if (at_eol(y, q) || y->s[q] == '#') {
			y->pos = q;
			next_line(y);
			continue;
		}
		if (q != p) {
			*rc = fail(y, p, "a tab in the indentation (YAML indents with spaces only)");
			return L_EOF;
		}
		y->pos = p;
		y->indent = p - y->bol;
		y->kind = L_CONTENT;
		if (y->indent == 0 && y->n - p >= 3 && (memcmp(y->s + p, "---", 3) == 0 || memcmp(y->s + p, "...", 3) == 0) &&
		    (at_eol(y, p + 3) || blank(y->s[p + 3])))
			y->kind = y->s[p] == '-' ? L_DOCSEP : L_DOCEND;
		y->ready = 1;
	}
	return y->kind;
}

/* After a value: only blanks and a comment may follow on its line. */
static int end_line(yr *y)
{
	size_t p = y->pos;
	while (!at_eol(y, p) && blank(y->s[p]))
		p++;
	if (!at_eol(y, p) && y->s[p] != '#')
		return fail(y, p, "unexpected text after the value");
	y->pos = p;
	next_line(y);
	return SV_OK;
}

static void skip_blanks(yr *y)
{
	while (!at_eol(y, y->pos) && blank(y->s[y->pos]))
		y->pos++;
	y->ready = 0;
}

static int is_dash(const yr *y, size_t p)
{
	return p < y->n && y->s[p] == '-' && (at_eol(y, p + 1) || blank(y->s[p + 1]));
}

/* ---- scalars ---------------------------------------------------------- */

static int hexval(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

/* "..." on one line, into a JSON string; YAML's escapes become JSON's. */
static int double_quoted(yr *y)
{
	size_t p = y->pos + 1;
	int rc = PUT(y, "\"");
	while (rc == SV_OK) {
		unsigned char c;
		if (at_eol(y, p))
			return fail(y, y->pos, "a double-quoted string must end on its line (multi-line strings are not supported)");
		c = (unsigned char)y->s[p];
		if (c == '"')
			break;
		if (c != '\\') {
			rc = put_char(y, c);
			p++;
			continue;
		}
		if (at_eol(y, p + 1))
			return fail(y, p, "a '\\' at the end of a line (escaped line breaks are not supported)");
		c = (unsigned char)y->s[p + 1];
		p += 2;
		switch (c) {
		case '0': rc = put_cp(y, 0); break;
		case 'a': rc = put_cp(y, 7); break;
		case 'b': rc = put_cp(y, 8); break;
		case 't':
		case '\t': rc = put_cp(y, 9); break;
		case 'n': rc = put_cp(y, 10); break;
		case 'v': rc = put_cp(y, 11); break;
		case 'f': rc = put_cp(y, 12); break;
		case 'r': rc = put_cp(y, 13); break;
		case 'e': rc = put_cp(y, 27); break;
		case ' ': rc = put_cp(y, ' '); break;
		case '"': rc = put_cp(y, '"'); break;
		case '/': rc = put_cp(y, '/'); break;
		case '\\': rc = put_cp(y, '\\'); break;
		case 'N': rc = put_cp(y, 0x85); break;
		case '_': rc = put_cp(y, 0xA0); break;
		case 'L': rc = put_cp(y, 0x2028); break;
		case 'P': rc = put_cp(y, 0x2029); break;
		case 'x':
		case 'u':
		case 'U': {
			size_t k, digits = c == 'x' ? 2 : c == 'u' ? 4 : 8;
			uint32_t cp = 0;
			for (k = 0; k < digits; k++) {
				int h = p + k < y->n ? hexval(y->s[p + k]) : -1;
				if (h < 0)
					return fail(y, p - 2, "a \\x, \\u or \\U escape needs 2, 4 or 8 hex digits");
				cp = cp << 4 | (uint32_t)h;
			}
			p += digits;
			if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
				return fail(y, p - digits - 2, "an escape that is not a Unicode scalar value");
			rc = put_cp(y, cp);
			break;
		}
		default:
			return fail(y, p - 2, "an unknown escape in a double-quoted string");
		}
	}
	if (rc != SV_OK)
		return rc;
	y->pos = p + 1;
	return PUT(y, "\"");
}

/* '...' on one line ('' is a quote), into a JSON string. */
static int single_quoted(yr *y)
{
	size_t p = y->pos + 1;
	int rc = PUT(y, "\"");
	while (rc == SV_OK) {
		if (at_eol(y, p))
			return fail(y, y->pos, "a single-quoted string must end on its line (multi-line strings are not supported)");
		if (y->s[p] == '\'') {
			if (p + 1 < y->n && y->s[p + 1] == '\'') {
				rc = put_char(y, '\'');
				p += 2;
				continue;
			}
			break;
		}
		rc = put_char(y, (unsigned char)y->s[p++]);
	}
	if (rc != SV_OK)
		return rc;
	y->pos = p + 1;
	return PUT(y, "\"");
}

static int one_of(sv_sv v, const char *const *list)
{
	for (; *list; list++)
		if (sv_eq(v, sv_from_cstr(*list)))
			return 1;
	return 0;
}

/* -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static int json_number(sv_sv v)
{
	size_t i = 0, d;
	if (i < v.n && v.p[i] == '-')
		i++;
	if (i < v.n && v.p[i] == '0')
		i++;
	else if (i < v.n && v.p[i] >= '1' && v.p[i] <= '9')
		while (i < v.n && v.p[i] >= '0' && v.p[i] <= '9')
			i++;
	else
		return 0;
	if (i < v.n && v.p[i] == '.') {
		for (d = ++i; i < v.n && v.p[i] >= '0' && v.p[i] <= '9'; i++)
			;
		if (i == d)
			return 0;
	}
	if (i < v.n && (v.p[i] == 'e' || v.p[i] == 'E')) {
		i++;
		if (i < v.n && (v.p[i] == '+' || v.p[i] == '-'))
			i++;
		for (d = i; i < v.n && v.p[i] >= '0' && v.p[i] <= '9'; i++)
			;
		if (i == d)
			return 0;
	}
	return i == v.n;
}

/* Would YAML 1.1 read it as a number (or a date) that JSON cannot spell the same way? */
static int numberish(sv_sv v)
{
	static const char *const special[] = { ".inf", ".Inf", ".INF", ".nan", ".NaN", ".NAN", NULL };
	size_t i, digits = 0;
	if (v.n && (v.p[0] == '-' || v.p[0] == '+'))
		v = sv_slice(v, 1, v.n);
	if (one_of(v, special))
		return 1;
	if (v.n > 2 && v.p[0] == '0' && (v.p[1] == 'x' || v.p[1] == 'o' || v.p[1] == 'b')) {
		for (i = 2; i < v.n && (hexval(v.p[i]) >= 0 || v.p[i] == '_'); i++)
			;
		if (i == v.n)
			return 1;
	}
	if (!v.n || !((v.p[0] >= '0' && v.p[0] <= '9') || v.p[0] == '.'))
		return 0;
	for (i = 0; i < v.n; i++) {
		char c = v.p[i];
		if (c >= '0' && c <= '9')
			digits++;
		else if (!(c == '_' || c == '.' || c == ':' || c == 'e' || c == 'E' || c == '+' || c == '-'))
			return 0;
	}
	return digits > 0;
}

static const char *const nulls[] = { "~", "null", "Null", "NULL", NULL };
static const char *const trues[] = { "true", "True", "TRUE", NULL };
static const char *const falses[] = { "false", "False", "FALSE", NULL };
static const char *const bools11[] = { "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off",
	                               "Off", "OFF", "y", "Y", "n", "N", NULL };

/*
 * A plain scalar's bytes [a, b), resolved as YAML 1.1 (go-yaml v2, which
 * Kubernetes uses) and YAML 1.2 both would; where they differ it is refused.
 */
static int emit_plain(yr *y, size_t a, size_t b)
{
	sv_sv v;
	v.p = y->s + a;
	v.n = b - a;
	if (one_of(v, nulls))
		return PUT(y, "null");
	if (one_of(v, trues))
		return PUT(y, "true");
	if (one_of(v, falses))
		return PUT(y, "false");
	if (one_of(v, bools11))
		return fail(y, a, "a boolean to YAML 1.1 readers (Kubernetes) and a string to YAML 1.2 ones; quote it, or write true or false");
	if (json_number(v))
		return put(y, v.p, v.n);
	if (numberish(v))
		return fail(y, a, "a number in a form this reader does not convert (hex, octal, '_', '+', .inf, dates, versions); quote it if it is text");
	return put_string(y, a, b);
}

/* What may not start a plain value, and why. NULL: fine. */
static const char *bad_start(const yr *y, size_t p)
{
	char c = y->s[p];
	int sep = at_eol(y, p + 1) || blank(y->s[p + 1]);
	switch (c) {
	case '&': return "anchors (&name) are not supported";
	case '*': return "aliases (*name) are not supported; quote a value that starts with '*'";
	case '!': return "tags (!tag) are not supported";
	case '|':
	case '>': return "block scalars (| and >) are not supported; write the value on one line, quoted";
	case '%': return "directives (%) are not supported";
	case '@':
	case '`': return "'@' and '`' are reserved and cannot start a plain value; quote it";
	case ',':
	case ']':
	case '}': return "unexpected flow indicator";
	case '?': return sep ? "complex keys (?) are not supported" : NULL;
	case '-': return sep ? "a list item cannot follow a key on the same line" : NULL;
	case ':': return sep ? "a value without a key" : NULL;
	default: return NULL;
	}
}

/* A plain scalar in block context, to the end of its line or a comment. */
static int block_plain(yr *y)
{
	size_t a = y->pos, p = a, b;
	const char *why = bad_start(y, a);
	if (why)
		return fail(y, a, why);
	while (!at_eol(y, p)) {
		if (y->s[p] == '#' && p > a && blank(y->s[p - 1]))
			break;
		if (y->s[p] == ':' && (at_eol(y, p + 1) || blank(y->s[p + 1])))
			return fail(y, a, "': ' inside a plain value (a mapping cannot follow a key on its line); quote the value");
		p++;
	}
	for (b = p; b > a && blank(y->s[b - 1]); b--)
		;
	y->pos = p;
	return emit_plain(y, a, b);
}

/* [a, "b", 'c'] of scalars, on one line. */
static int flow_seq(yr *y)
{
	size_t open = y->pos;
	int rc = PUT(y, "["), first = 1;
	y->pos++;
	while (rc == SV_OK) {
		size_t a, p;
		while (!at_eol(y, y->pos) && blank(y->s[y->pos]))
			y->pos++;
		if (at_eol(y, y->pos))
			return fail(y, open, "a flow sequence must end on its line ([...] over several lines is not supported)");
		if (y->s[y->pos] == ']') {
			if (!first)
				return fail(y, y->pos, "a ',' before ']' in a flow sequence");
			break;
		}
		if (!first && (rc = PUT(y, ",")) != SV_OK)
			return rc;
		if ((rc = mark(y)) != SV_OK)
			return rc;
		a = y->pos;
		if (y->s[a] == '"')
			rc = double_quoted(y);
		else if (y->s[a] == '\'')
			rc = single_quoted(y);
		else if (y->s[a] == '[' || y->s[a] == '{')
			return fail(y, a, "nested flow collections are not supported");
		else {
			const char *why = y->s[a] == ',' ? "an empty entry in a flow sequence" : bad_start(y, a);
			if (why)
				return fail(y, a, why);
			for (p = a; !at_eol(y, p) && y->s[p] != ',' && y->s[p] != ']'; p++) {
				if (y->s[p] == '[' || y->s[p] == '{' || y->s[p] == '}')
					return fail(y, p, "nested flow collections are not supported");
				if (y->s[p] == ':' && (at_eol(y, p + 1) || blank(y->s[p + 1]) || y->s[p + 1] == ',' ||
				                       y->s[p + 1] == ']'))
					return fail(y, a, "flow mappings (key: value inside [...]) are not supported");
				if (y->s[p] == '#' && blank(y->s[p - 1]))
					return fail(y, open, "a flow sequence must end on its line ([...] over several lines is not supported)");
			}
			y->pos = p;
			while (p > a && blank(y->s[p - 1]))
				p--;
			rc = emit_plain(y, a, p);
		}
		if (rc != SV_OK)
			return rc;
		while (!at_eol(y, y->pos) && blank(y->s[y->pos]))
			y->pos++;
		if (!at_eol(y, y->pos) && y->s[y->pos] == ',') {
			y->pos++;
			first = 0;
			continue;
		}
		if (!at_eol(y, y->pos) && y->s[y->pos] == ']')
			break;
		if (at_eol(y, y->pos))
			return fail(y, open, "a flow sequence must end on its line ([...] over several lines is not supported)");
		return fail(y, y->pos, "expected ',' or ']' in a flow sequence");
	}
	if (rc != SV_OK)
		return rc;
	y->pos++;
	return PUT(y, "]");
}

/* A value on the current line: quoted, flow or plain. */
static int inline_value(yr *y)
{
	size_t p = y->pos;
	int rc = mark(y);
	if (rc != SV_OK)
		return rc;
	switch (y->s[p]) {
	case '"': return double_quoted(y);
	case '\'': return single_quoted(y);
	case '[': return flow_seq(y);
	case '{':
		for (p++; !at_eol(y, p) && blank(y->s[p]); p++)
			;
		if (at_eol(y, p) || y->s[p] != '}')
			return fail(y, y->pos, "flow mappings ({key: value}) are not supported, only {} when empty");
		y->pos = p + 1;
		return PUT(y, "{}");
	default: return block_plain(y);
	}
}

/* ---- block collections ------------------------------------------------ */

/* Does the text at p read "key:" (then a blank or the line's end)? */
static int looks_like_key(const yr *y, size_t p)
{
	char c = y->s[p], q;
	if (c == '"' || c == '\'') {
		for (q = c, p++; !at_eol(y, p); p++) {
			if (q == '"' && y->s[p] == '\\') {
				p++;
				if (at_eol(y, p))
					return 0;
				continue;
			}
			if (y->s[p] == q) {
				if (q == '\'' && p + 1 < y->n && y->s[p + 1] == '\'') {
					p++;
					continue;
				}
				break;
			}
		}
		if (at_eol(y, p))
			return 0;
		for (p++; !at_eol(y, p) && blank(y->s[p]); p++)
			;
		return !at_eol(y, p) && y->s[p] == ':' && (at_eol(y, p + 1) || blank(y->s[p + 1]));
	}
	if (c == '[' || c == '{' || bad_start(y, p))
		return 0;
	for (; !at_eol(y, p); p++) {
		if (y->s[p] == '#' && blank(y->s[p - 1]))
			return 0;
		if (y->s[p] == ':' && (at_eol(y, p + 1) || blank(y->s[p + 1])))
			return 1;
	}
	return 0;
}

/* Writes "key": and leaves pos after the ':' and the blanks that follow. */
static int block_key(yr *y)
{
	size_t a = y->pos, p;
	int rc = mark(y);
	if (rc != SV_OK)
		return rc;
	if (y->s[a] == '"' || y->s[a] == '\'') {
		rc = y->s[a] == '"' ? double_quoted(y) : single_quoted(y);
		if (rc != SV_OK)
			return rc;
		skip_blanks(y);
		y->pos++;      /* the ':' looks_like_key saw */
	} else {
		for (p = a; !(y->s[p] == ':' && (at_eol(y, p + 1) || blank(y->s[p + 1]))); p++)
			;
		y->pos = p + 1;
		while (p > a && blank(y->s[p - 1]))
			p--;
		{
			/*
			 * A plain key YAML reads as null, a boolean or a number is not
			 * the string it looks like: Kubernetes refuses a null key and
			 * spells the others its own way ("Null:" must be "\"Null\":").
			 */
			sv_sv k;
			k.p = y->s + a;
			k.n = p - a;
			if (k.n == 0 || one_of(k, nulls) || one_of(k, trues) || one_of(k, falses) || one_of(k, bools11) ||
			    json_number(k) || numberish(k))
				return fail(y, a, "a key YAML reads as null, a boolean or a number, not as text; quote it");
		}
		if ((rc = put_string(y, a, p)) != SV_OK)
			return rc;
	}
	if ((rc = PUT(y, ":")) != SV_OK)
		return rc;
	skip_blanks(y);
	return SV_OK;
}

static int block_node(yr *y, size_t col, long parent);

/*
 * A value written on its key's or dash's line; then nothing more indented
 * than parent may follow (that would continue a multi-line scalar).
 */
static int value_on_line(yr *y, long parent)
{
	size_t line = y->line;
	int rc = inline_value(y);
	if (rc != SV_OK || (rc = end_line(y)) != SV_OK)
		return rc;
	if (peek(y, &rc) == L_CONTENT && (long)y->indent > parent) {
		char what[128];
		if (looks_like_key(y, y->pos) || is_dash(y, y->pos))
			return fail(y, y->pos, "bad indentation: more than the line above");
		sv_buf b;
		sv_buf_init(&b, what, sizeof what);
		sv_buf_fmt(&b, "more indented than the value on line %z: multi-line scalars are not supported; put the value on one line, quoted", line);
		return fail(y, y->pos, what);
	}
	return rc;
}

static int block_seq(yr *y, size_t indent)
{
	int rc, first = 1, k;
	if (y->depth >= SV_MAX_JSON_DEPTH)
		return limit(y, "nested deeper than SV_MAX_JSON_DEPTH");
	y->depth++;
	if ((rc = mark(y)) != SV_OK || (rc = PUT(y, "[")) != SV_OK)
		return rc;
	for (;;) {
		if (!first && (rc = PUT(y, ",")) != SV_OK)
			return rc;
		y->pos++;                 /* the '-' */
		skip_blanks(y);
		if (at_eol(y, y->pos) || y->s[y->pos] == '#') {
			if ((rc = end_line(y)) != SV_OK)
				return rc;
			k = peek(y, &rc);
			if (rc != SV_OK)
				return rc;
			if (k == L_CONTENT && y->indent > indent)
				rc = block_node(y, y->indent, (long)indent);
			else if ((rc = mark(y)) == SV_OK)
				rc = PUT(y, "null");
		} else {
			rc = block_node(y, y->pos - y->bol, (long)indent);
		}
		if (rc != SV_OK)
			return rc;
		k = peek(y, &rc);
		if (rc != SV_OK)
			return rc;
		if (k != L_CONTENT || y->indent < indent)
			break;
		if (y->indent > indent)
			return fail(y, y->pos, "bad indentation: more than the list items above");
		if (!is_dash(y, y->pos))
			break;               /* a key of the mapping this list is the value of */
		first = 0;
	}
	y->depth--;
	return PUT(y, "]");
}

static int block_map(yr *y, size_t indent)
{
	int rc, first = 1, k;
	if (y->depth >= SV_MAX_JSON_DEPTH)
		return limit(y, "nested deeper than SV_MAX_JSON_DEPTH");
	y->depth++;
	if ((rc = mark(y)) != SV_OK || (rc = PUT(y, "{")) != SV_OK)
		return rc;
	for (;;) {
		if (!first && (rc = PUT(y, ",")) != SV_OK)
			return rc;
		if ((rc = block_key(y)) != SV_OK)
			return rc;
		if (at_eol(y, y->pos) || y->s[y->pos] == '#') {
			if ((rc = end_line(y)) != SV_OK)
				return rc;
			k = peek(y, &rc);
			if (rc != SV_OK)
				return rc;
			if (k == L_CONTENT && y->indent > indent)
				rc = block_node(y, y->indent, (long)indent);
			else if (k == L_CONTENT && y->indent == indent && is_dash(y, y->pos))
				rc = block_seq(y, indent);     /* a list at its key's indentation */
			else if ((rc = mark(y)) == SV_OK)
				rc = PUT(y, "null");
		} else {
			rc = value_on_line(y, (long)indent);
		}
		if (rc != SV_OK)
			return rc;
		k = peek(y, &rc);
		if (rc != SV_OK)
			return rc;
		if (k != L_CONTENT || y->indent < indent)
			break;
		if (y->indent > indent)
			return fail(y, y->pos, "bad indentation: more than the keys above");
		if (is_dash(y, y->pos))
			return fail(y, y->pos, "a list item where a key of the mapping was expected");
		if (!looks_like_key(y, y->pos)) {
			const char *why = bad_start(y, y->pos);
			return fail(y, y->pos, why ? why : "expected \"key: value\"");
		}
		first = 0;
	}
	y->depth--;
	return PUT(y, "}");
}

/* The node whose first content is at pos, in column col. */
static int block_node(yr *y, size_t col, long parent)
{
	size_t p = y->pos;
	if (is_dash(y, p))
		return block_seq(y, col);
	if (y->s[p] == '?' && (at_eol(y, p + 1) || blank(y->s[p + 1])))
		return fail(y, p, "complex keys (?) are not supported");
	if (looks_like_key(y, p))
		return block_map(y, col);
	return value_on_line(y, parent);
}

/* ---- the stream ------------------------------------------------------- */

/* see sv_credreq.h */
int sv_yaml_to_json(const char *s, size_t n, char *out, size_t cap, size_t *len, sv_yaml_map *map,
                    sv_err *err)
{
	yr y;
	size_t bad, i, ndocs = 0;
	int rc = SV_OK, k;

	memset(&y, 0, sizeof y);
	y.s = s;
	y.n = n;
	y.line = 1;
	y.o = out;
	y.cap = cap;
	y.map = map;
	y.err = err;
	map->n = 0;
	*len = 0;
	if (sv_utf8_check(s, n, &bad) != 0) {
		for (i = 0; i < bad; i++)
			y.line += s[i] == '\n';
		sv_err_set(err, SV_E_FORMAT, bad, "line %z: invalid UTF-8", y.line);
		return SV_E_FORMAT;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '\n')
			y.line++;
		else if ((c < 0x20 && c != '\t' && c != '\r') || c == 0x7f) {
			sv_err_set(err, SV_E_FORMAT, i, "line %z: a control character (byte %d) in the text", y.line,
			           (int)c);
			return SV_E_FORMAT;
		}
	}
	y.line = 1;
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		y.pos = y.bol = 3;
	if ((rc = PUT(&y, "[")) != SV_OK)
		return rc;
	for (;;) {
		k = peek(&y, &rc);
		if (rc != SV_OK)
			return rc;
		if (k == L_EOF)
			break;
		if (k == L_DOCEND)
			return fail(&y, y.pos, "the document end marker '...' is not supported");
		if (k == L_DOCSEP) {
			y.pos += 3;
			skip_blanks(&y);
			if (!at_eol(&y, y.pos) && y.s[y.pos] != '#')
				return fail(&y, y.pos, "a value on the '---' line is not supported; start it on the next line");
			next_line(&y);
			continue;
		}
		if (y.indent == 0 && s[y.pos] == '%')
			return fail(&y, y.pos, "directives (%) are not supported");
		if (ndocs++ && (rc = PUT(&y, ",")) != SV_OK)
			return rc;
		if ((rc = block_node(&y, y.indent, -1)) != SV_OK)
			return rc;
		k = peek(&y, &rc);
		if (rc != SV_OK)
			return rc;
		if (k == L_CONTENT)
			return fail(&y, y.pos, "bad indentation: less than the first line of the document");
	}
	if ((rc = PUT(&y, "]")) != SV_OK)
		return rc;
	*len = y.len;
	return SV_OK;
}

/* see sv_credreq.h */
size_t sv_yaml_line_of(const sv_yaml_map *m, size_t off)
{
	size_t lo = 0, hi = m->n;
	if (m->n == 0 || off < m->at[0].off)
		return 1;
	while (hi - lo > 1) {                /* at[lo].off <= off < at[hi].off */
		size_t mid = lo + (hi - lo) / 2;
		if (m->at[mid].off <= off)
			lo = mid;
		else
			hi = mid;
	}
	return m->at[lo].line;
}

/* see sv_credreq.h */
void sv_yaml_err_to_line(const sv_yaml_map *m, sv_err *err)
{
	char tmp[sizeof err->msg];
	const char *rest = tmp;
	memcpy(tmp, err->msg, sizeof tmp);
	if (strncmp(tmp, "offset ", 7) == 0) {
		const char *c = strstr(tmp, ": ");
		if (c)
			rest = c + 2;
	}
	sv_err_set(err, err->code, err->pos, "line %z: %s", sv_yaml_line_of(m, err->pos), rest);
}
