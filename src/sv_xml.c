/*
 * sv_xml.c -- a tiny strict XML pull reader, enough for STS response
 * bodies. Zero allocation: events are views into the document; decoded
 * text goes to the caller's buffer. See sv_internal.h for what is refused.
 */
#include "sv_internal.h"

static int xs(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static int name_start(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_' || c == ':' || c >= 0x80;
}

static int name_char(unsigned char c)
{
	return name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

static int fail(sv_err *err, size_t pos, const char *what)
{
	sv_err_set(err, SV_E_FORMAT, pos, "offset %z: %s", pos, what);
	return SV_E_FORMAT;
}

static size_t name_end(sv_sv d, size_t p)
{
	if (p >= d.n || !name_start((unsigned char)d.p[p]))
		return p;
	while (p < d.n && name_char((unsigned char)d.p[p]))
		p++;
	return p;
}

static int xml_char(uint32_t c)
{
	return c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF) ||
	       (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
}

/* see sv_internal.h */
int sv_xml_decode(sv_sv raw, size_t base, char *out, size_t cap, size_t *len, sv_err *err)
{
	size_t i = 0, w = out ? *len : 0;
	while (i < raw.n) {
		unsigned char c = (unsigned char)raw.p[i];
		char tmp[4];
		size_t tl = 0;
		if (c == '&') {
			size_t semi = sv_find(raw, ';', i);
			sv_sv ref;
			if (semi == (size_t)-1 || semi - i > 12)
				return fail(err, base + i, "'&' that does not start a reference (write &amp;)");
			ref = sv_slice(raw, i + 1, semi);
			if (sv_eq(ref, SV_LIT("amp")))
				tmp[tl++] = '&';
			else if (sv_eq(ref, SV_LIT("lt")))
				tmp[tl++] = '<';
			else if (sv_eq(ref, SV_LIT("gt")))
				tmp[tl++] = '>';
			else if (sv_eq(ref, SV_LIT("quot")))
				tmp[tl++] = '"';
			else if (sv_eq(ref, SV_LIT("apos")))
				tmp[tl++] = '\'';
			else if (ref.n >= 2 && ref.p[0] == '#') {
				uint32_t v = 0;
				size_t k = 1;
				int hex = ref.p[1] == 'x';
				if (hex)
					k = 2;
				if (k == ref.n)
					return fail(err, base + i, "empty character reference");
				for (; k < ref.n; k++) {
					char h = ref.p[k];
					uint32_t d;
					if (h >= '0' && h <= '9')
						d = (uint32_t)(h - '0');
					else if (hex && h >= 'a' && h <= 'f')
						d = (uint32_t)(h - 'a' + 10);
					else if (hex && h >= 'A' && h <= 'F')
						d = (uint32_t)(h - 'A' + 10);
					else
						return fail(err, base + i, "bad digit in a character reference");
					v = v * (hex ? 16u : 10u) + d;
					if (v > 0x10FFFF)
						return fail(err, base + i, "character reference beyond U+10FFFF");
				}
				if (!xml_char(v))
					return fail(err, base + i, "character reference to a character XML forbids");
				sv_utf8_put(tmp, &tl, v);
			} else {
				sv_err_set(err, SV_E_FORMAT, base + i,
				           "offset %z: undeclared entity &%v; (only &amp; &lt; &gt; &quot; &apos; "
				           "and &#...; exist without a DTD, and DTDs are refused)", base + i, ref);
				return SV_E_FORMAT;
			}
			i = semi + 1;
		} else if (c == '\r') {
			tmp[tl++] = '\n';
			i += (i + 1 < raw.n && raw.p[i + 1] == '\n') ? 2 : 1;
		} else if (c < 0x20 && c != '\t' && c != '\n') {
			return fail(err, base + i, "control character in text");
		} else if (c == '<') {
			return fail(err, base + i, "'<' in text");
		} else if (c == ']' && i + 2 < raw.n && raw.p[i + 1] == ']' && raw.p[i + 2] == '>') {
			return fail(err, base + i, "\"]]>\" in text");
		} else {
			tmp[tl++] = (char)c;
			i++;
		}
		if (out) {
			if (w > cap || tl > cap - w) {
				sv_err_set(err, SV_E_LIMIT, base + i, "decoded text does not fit in %z bytes", cap);
				return SV_E_LIMIT;
			}
			memcpy(out + w, tmp, tl);
		}
		w += tl;
	}
	*len = w;
	return SV_OK;
}

void sv_xml_init(sv_xml *x, sv_sv doc)
{
	memset(x, 0, sizeof *x);
	x->doc = doc;
}

/* comments: "<!--" ... "-->", no "--" inside */
static int comment(sv_xml *x, sv_err *err)
{
	sv_sv d = x->doc;
	size_t p = x->pos + 4;
	for (; p + 1 < d.n; p++) {
		if (d.p[p] == '-' && d.p[p + 1] == '-') {
			if (p + 2 < d.n && d.p[p + 2] == '>') {
				x->pos = p + 3;
				return SV_OK;
			}
			return fail(err, p, "\"--\" inside a comment");
		}
	}
	return fail(err, x->pos, "truncated: a comment is not closed");
}

/* "<?xml version=... ?>" at the very start only */
static int declaration(sv_xml *x, sv_err *err)
{
	sv_sv d = x->doc, body;
	size_t end;
	if (!(x->pos + 5 < d.n && memcmp(d.p + x->pos, "<?xml", 5) == 0 && xs(d.p[x->pos + 5])))
		return fail(err, x->pos, "processing instruction (only the XML declaration is allowed)");
	for (end = x->pos + 5; end + 1 < d.n; end++)
		if (d.p[end] == '?' && d.p[end + 1] == '>')
			break;
	if (end + 1 >= d.n)
		return fail(err, x->pos, "truncated: the XML declaration is not closed");
	body = sv_slice(d, x->pos + 5, end);
	if (sv_find(body, '<', 0) != (size_t)-1 || sv_find(body, '>', 0) != (size_t)-1)
		return fail(err, x->pos, "malformed XML declaration");
	{
		size_t k = 0;
		while (k < body.n && xs(body.p[k]))
			k++;
		if (!sv_has_prefix(sv_slice(body, k, body.n), SV_LIT("version")))
			return fail(err, x->pos + 5 + k, "the XML declaration must start with version");
	}
	x->pos = end + 2;
	return SV_OK;
}

/* Attributes up to '>' or '/>'; returns the offset of that delimiter. */
static int attributes(sv_xml *x, size_t p, size_t *endp, int *empty, sv_err *err)
{
	sv_sv d = x->doc;
	sv_sv names[16];
	size_t nn = 0, k;
	for (;;) {
		size_t ws0 = p, ne, v;
		char q;
		while (p < d.n && xs(d.p[p]))
			p++;
		if (p >= d.n)
			return fail(err, x->pos, "truncated: a start tag is not closed");
		if (d.p[p] == '>') {
			*empty = 0;
			*endp = p + 1;
			return SV_OK;
		}
		if (d.p[p] == '/') {
			if (p + 1 < d.n && d.p[p + 1] == '>') {
				*empty = 1;
				*endp = p + 2;
				return SV_OK;
			}
			return fail(err, p, "'/' not followed by '>' in a tag");
		}
		if (p == ws0)
			return fail(err, p, "attributes must be separated by white space");
		ne = name_end(d, p);
		if (ne == p)
			return fail(err, p, "expected an attribute name");
		for (k = 0; k < nn; k++)
			if (sv_eq(names[k], sv_slice(d, p, ne)))
				return fail(err, p, "the same attribute twice in one tag");
		if (nn == 16)
			return fail(err, p, "more than 16 attributes in one tag");
		names[nn++] = sv_slice(d, p, ne);
		p = ne;
		while (p < d.n && xs(d.p[p]))
			p++;
		if (p >= d.n || d.p[p] != '=')
			return fail(err, p, "expected '=' after an attribute name");
		p++;
		while (p < d.n && xs(d.p[p]))
			p++;
		if (p >= d.n || (d.p[p] != '"' && d.p[p] != '\''))
			return fail(err, p, "an attribute value must be quoted");
		q = d.p[p++];
		for (v = p; v < d.n && d.p[v] != q; v++)
			if (d.p[v] == '<')
				return fail(err, v, "'<' in an attribute value");
		if (v >= d.n)
			return fail(err, x->pos, "truncated: an attribute value is not closed");
		{
			size_t l;
			int rc = sv_xml_decode(sv_slice(d, p, v), p, NULL, 0, &l, err);
			if (rc != SV_OK)
				return rc;
		}
		p = v + 1;
	}
}

static sv_sv local_of(sv_sv name)
{
	size_t c = sv_find(name, ':', 0);
	return c == (size_t)-1 ? name : sv_slice(name, c + 1, name.n);
}

/* see sv_internal.h */
int sv_xml_next(sv_xml *x, sv_xml_ev *ev, sv_err *err)
{
	sv_sv d = x->doc;
	size_t bad;

	if (!x->started) {
		x->started = 1;
		if (sv_utf8_check(d.p, d.n, &bad))
			return fail(err, bad, "invalid UTF-8");
		if (d.n >= 3 && memcmp(d.p, "\xef\xbb\xbf", 3) == 0)
			x->pos = 3;
		if (x->pos + 1 < d.n && d.p[x->pos] == '<' && d.p[x->pos + 1] == '?') {
			int rc = declaration(x, err);
			if (rc != SV_OK)
				return rc;
		}
	}
	if (x->pending_close) {
		x->pending_close = 0;
		ev->kind = SV_XML_CLOSE;
		ev->name = x->stack[x->depth - 1];
		ev->local = local_of(ev->name);
		ev->raw = SV_NULL;
		ev->pos = x->stack_pos[x->depth - 1];
		ev->depth = x->depth;
		x->depth--;
		return 1;
	}
	for (;;) {
		size_t p = x->pos, start = p;
		if (p >= d.n) {
			if (x->depth > 0) {
				sv_err_set(err, SV_E_FORMAT, d.n,
				           "offset %z: truncated: <%v> opened at offset %z is not closed", d.n,
				           x->stack[x->depth - 1], x->stack_pos[x->depth - 1]);
				return SV_E_FORMAT;
			}
			if (!x->root_seen)
				return fail(err, p, "no root element");
			return 0;
		}
		if (d.p[p] != '<') {
			size_t e = p, l;
			int rc;
			while (e < d.n && d.p[e] != '<')
				e++;
			if (x->depth == 0) {
				for (; p < e; p++)
					if (!xs(d.p[p]))
						return fail(err, p, x->root_seen ? "text after the root element"
						                                 : "text before the root element");
				x->pos = e;
				continue;
			}
			rc = sv_xml_decode(sv_slice(d, start, e), start, NULL, 0, &l, err);
			if (rc != SV_OK)
				return rc;
			x->pos = e;
			ev->kind = SV_XML_TEXT;
			ev->name = ev->local = SV_NULL;
			ev->raw = sv_slice(d, start, e);
			ev->pos = start;
			ev->depth = x->depth;
			return 1;
		}
		/* markup */
		if (p + 1 >= d.n)
			return fail(err, p, "truncated: '<' at the end");
		if (d.p[p + 1] == '!') {
			if (p + 4 <= d.n && memcmp(d.p + p, "<!--", 4) == 0) {
				int rc = comment(x, err);
				if (rc != SV_OK)
					return rc;
				continue;
			}
			if (p + 9 <= d.n && memcmp(d.p + p, "<!DOCTYPE", 9) == 0)
				return fail(err, p, "<!DOCTYPE> refused: no DTD and no entity declarations "
				                    "(that is how entity-expansion bombs work); STS sends none");
			if (p + 9 <= d.n && memcmp(d.p + p, "<![CDATA[", 9) == 0)
				return fail(err, p, "CDATA section: STS bodies have none");
			return fail(err, p, "unexpected '<!'");
		}
		if (d.p[p + 1] == '?') {
			if (p + 5 < d.n && memcmp(d.p + p, "<?xml", 5) == 0 && xs(d.p[p + 5]))
				return fail(err, p, "the XML declaration is only allowed at the very start");
			return fail(err, p, "processing instruction (only the XML declaration is allowed)");
		}
		if (d.p[p + 1] == '/') {
			size_t ne = name_end(d, p + 2), q = ne;
			sv_sv nm = sv_slice(d, p + 2, ne);
			if (ne == p + 2)
				return fail(err, p, ne >= d.n ? "truncated: an end tag is cut" : "expected a name after '</'");
			while (q < d.n && xs(d.p[q]))
				q++;
			if (q >= d.n)
				return fail(err, p, "truncated: an end tag is not closed");
			if (d.p[q] != '>')
				return fail(err, q, "expected '>' to close an end tag");
			if (x->depth == 0)
				return fail(err, p, "end tag without a start tag");
			if (!sv_eq(nm, x->stack[x->depth - 1])) {
				sv_err_set(err, SV_E_FORMAT, p,
				           "offset %z: </%v> does not close <%v> opened at offset %z", p, nm,
				           x->stack[x->depth - 1], x->stack_pos[x->depth - 1]);
				return SV_E_FORMAT;
			}
			x->pos = q + 1;
			ev->kind = SV_XML_CLOSE;
			ev->name = nm;
			ev->local = local_of(nm);
			ev->raw = SV_NULL;
			ev->pos = p;
			ev->depth = x->depth;
			x->depth--;
			return 1;
		}
		{
			size_t ne = name_end(d, p + 1), endp;
			int empty, rc;
			if (ne == p + 1)
				return fail(err, p + 1, "expected an element name after '<'");
			if (x->depth == 0 && x->root_seen)
				return fail(err, p, "a second root element");
			if (x->depth == SV_MAX_XML_DEPTH) {
				sv_err_set(err, SV_E_LIMIT, p,
				           "offset %z: elements nest deeper than SV_MAX_XML_DEPTH=%d", p,
				           SV_MAX_XML_DEPTH);
				return SV_E_LIMIT;
			}
			rc = attributes(x, ne, &endp, &empty, err);
			if (rc != SV_OK)
				return rc;
			x->stack[x->depth] = sv_slice(d, p + 1, ne);
			x->stack_pos[x->depth] = p;
			x->depth++;
			x->root_seen = 1;
			x->pos = endp;
			x->pending_close = empty;
			ev->kind = SV_XML_OPEN;
			ev->name = x->stack[x->depth - 1];
			ev->local = local_of(ev->name);
			ev->raw = SV_NULL;
			ev->pos = p;
			ev->depth = x->depth;
			return 1;
		}
	}
}
