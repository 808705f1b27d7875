/* sv_http.c -- URLs, proxy rules, request heads, a strict HTTP/1.1 response parser. */
#include "sv_http.h"

/* ---- small helpers ---------------------------------------------------- */

static char lc(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* RFC 9110 tchar */
static int is_tchar(char c)
{
	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c))
		return 1;
	switch (c) {
	case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
	case '-': case '.': case '^': case '_': case '`': case '|': case '~':
		return 1;
	default:
		return 0;
	}
}

/* Index of needle in hay, case-insensitive, or (size_t)-1. */
static size_t find_nocase(sv_sv hay, const char *needle)
{
	size_t nl = strlen(needle), i, j;
	if (nl == 0 || hay.n < nl)
		return (size_t)-1;
	for (i = 0; i + nl <= hay.n; i++) {
		for (j = 0; j < nl; j++)
			if (lc(hay.p[i + j]) != lc(needle[j]))
				break;
		if (j == nl)
			return i;
	}
	return (size_t)-1;
}

static sv_sv trim_ows(sv_sv s)
{
	while (s.n && (s.p[0] == ' ' || s.p[0] == '\t')) {
		s.p++;
		s.n--;
	}
	while (s.n && (s.p[s.n - 1] == ' ' || s.p[s.n - 1] == '\t'))
		s.n--;
	return s;
}

/* ---- URLs ------------------------------------------------------------- */

static int pct_decode(sv_sv in, char *out, size_t cap)
{
	size_t i, o = 0;
	for (i = 0; i < in.n; i++) {
		char c = in.p[i];
		if (c == '%') {
			int h, l;
			if (i + 2 >= in.n)
				return -1;
			h = hexval(in.p[i + 1]);
			l = hexval(in.p[i + 2]);
			if (h < 0 || l < 0)
				return -1;
			c = (char)(h * 16 + l);
			i += 2;
		}
		if (o + 1 >= cap)
			return -1;
		out[o++] = c;
	}
	out[o] = '\0';
	return 0;
}

static int is_ipv4_literal(const char *h)
{
	int parts = 0, digits = 0;
	unsigned v = 0;
	for (;; h++) {
		if (is_digit(*h)) {
			v = v * 10 + (unsigned)(*h - '0');
			if (++digits > 3 || v > 255)
				return 0;
		} else if (*h == '.' || *h == '\0') {
			if (digits == 0)
				return 0;
			parts++;
			digits = 0;
			v = 0;
			if (*h == '\0')
				break;
		} else {
			return 0;
		}
	}
	return parts == 4;
}

int sv_url_parse(sv_sv s, unsigned flags, sv_url *u, sv_err *err)
{
	size_t i = 0, a_end, at = (size_t)-1, hs, he, k;
	sv_sv auth, hostv, rest;
	int had_scheme = 1;

	memset(u, 0, sizeof *u);
	if (s.n == 0) {
		sv_err_set(err, SV_E_FORMAT, 0, "empty URL");
		return SV_E_FORMAT;
	}
	if (s.n >= SV_MAX_URL_BYTES) {
		sv_err_set(err, SV_E_LIMIT, 0, "URL longer than %d bytes (SV_MAX_URL_BYTES)",
		           SV_MAX_URL_BYTES);
		return SV_E_LIMIT;
	}
	for (k = 0; k < s.n; k++) {
		unsigned char c = (unsigned char)s.p[k];
		if (c <= 0x20 || c >= 0x7F) {
			sv_err_set(err, SV_E_FORMAT, k,
			           "URL has a space, control or non-ASCII byte at offset %z (percent-encode it)", k);
			return SV_E_FORMAT;
		}
	}
	if (find_nocase(s, "://") == (size_t)-1 || find_nocase(s, "://") > sv_find(s, '/', 0)) {
		if (!(flags & SV_URL_NO_SCHEME_OK)) {
			sv_err_set(err, SV_E_FORMAT, 0, "not an absolute URL (expected https://host/...)");
			return SV_E_FORMAT;
		}
		had_scheme = 0;
		u->https = !(flags & SV_URL_ALLOW_HTTP);
	} else if (s.n >= 8 && sv_eq_nocase(sv_slice(s, 0, 8), SV_LIT("https://"))) {
		u->https = 1;
		i = 8;
	} else if (s.n >= 7 && sv_eq_nocase(sv_slice(s, 0, 7), SV_LIT("http://"))) {
		if (!(flags & SV_URL_ALLOW_HTTP)) {
			sv_err_set(err, SV_E_FORMAT, 0, "plain http:// where https:// is required");
			return SV_E_FORMAT;
		}
		u->https = 0;
		i = 7;
	} else {
		size_t e = find_nocase(s, "://");
		sv_err_set(err, SV_E_FORMAT, 0, "unsupported scheme %q (expected %s)",
		           sv_slice(s, 0, e), (flags & SV_URL_ALLOW_HTTP) ? "http or https" : "https");
		return SV_E_FORMAT;
	}
	(void)had_scheme;
	for (a_end = i; a_end < s.n; a_end++)
		if (s.p[a_end] == '/' || s.p[a_end] == '?' || s.p[a_end] == '#')
			break;
	auth = sv_slice(s, i, a_end);
	for (k = 0; k < auth.n; k++)
		if (auth.p[k] == '@')
			at = k;
	if (at != (size_t)-1) {
		sv_sv ui = sv_slice(auth, 0, at);
		size_t colon = sv_find(ui, ':', 0);
		if (!(flags & SV_URL_ALLOW_USERINFO)) {
			sv_err_set(err, SV_E_FORMAT, 0, "credentials (user@) in the URL are not allowed here");
			return SV_E_FORMAT;
		}
		if (pct_decode(colon == (size_t)-1 ? ui : sv_slice(ui, 0, colon), u->user,
		               sizeof u->user) != 0 ||
		    pct_decode(colon == (size_t)-1 ? SV_LIT("") : sv_slice(ui, colon + 1, ui.n),
		               u->pass, sizeof u->pass) != 0) {
			sv_err_set(err, SV_E_FORMAT, 0, "bad percent-encoding or too long user:password");
			return SV_E_FORMAT;
		}
		u->has_user = 1;
		auth = sv_slice(auth, at + 1, auth.n);
	}
	/* host */
	if (auth.n && auth.p[0] == '[') {
		size_t close = sv_find(auth, ']', 0);
		if (close == (size_t)-1) {
			sv_err_set(err, SV_E_FORMAT, 0, "IPv6 address without closing ]");
			return SV_E_FORMAT;
		}
		hostv = sv_slice(auth, 1, close);
		for (k = 0; k < hostv.n; k++)
			if (hexval(hostv.p[k]) < 0 && hostv.p[k] != ':' && hostv.p[k] != '.') {
				sv_err_set(err, SV_E_FORMAT, 0, "bad IPv6 address %q", hostv);
				return SV_E_FORMAT;
			}
		if (hostv.n < 2 || sv_find(hostv, ':', 0) == (size_t)-1) {
			sv_err_set(err, SV_E_FORMAT, 0, "bad IPv6 address %q", hostv);
			return SV_E_FORMAT;
		}
		u->ipv6 = 1;
		hs = 1;
		he = close + 1;
	} else {
		he = sv_find(auth, ':', 0);
		if (he == (size_t)-1)
			he = auth.n;
		hostv = sv_slice(auth, 0, he);
		hs = 0;
		for (k = 0; k < hostv.n; k++) {
			char c = hostv.p[k];
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || is_digit(c) || c == '-' ||
			      c == '.' || c == '_')) {
				sv_err_set(err, SV_E_FORMAT, 0, "bad character %q in host name",
				           sv_slice(hostv, k, k + 1));
				return SV_E_FORMAT;
			}
		}
	}
	(void)hs;
	if (hostv.n == 0) {
		sv_err_set(err, SV_E_FORMAT, 0, "URL has no host");
		return SV_E_FORMAT;
	}
	if (hostv.n >= sizeof u->host) {
		sv_err_set(err, SV_E_FORMAT, 0, "host name longer than 255 bytes");
		return SV_E_FORMAT;
	}
	for (k = 0; k < hostv.n; k++)
		u->host[k] = lc(hostv.p[k]);
	u->host[hostv.n] = '\0';
	u->ipv4 = !u->ipv6 && is_ipv4_literal(u->host);
	/* port */
	u->port = u->https ? 443 : 80;
	if (he < auth.n) {
		sv_sv pv;
		uint32_t v = 0;
		if (auth.p[he] != ':') {
			sv_err_set(err, SV_E_FORMAT, 0, "unexpected %q after the host",
			           sv_slice(auth, he, auth.n));
			return SV_E_FORMAT;
		}
		pv = sv_slice(auth, he + 1, auth.n);
		if (pv.n) {
			if (pv.n > 5) {
				sv_err_set(err, SV_E_FORMAT, 0, "bad port %q", pv);
				return SV_E_FORMAT;
			}
			for (k = 0; k < pv.n; k++) {
				if (!is_digit(pv.p[k])) {
					sv_err_set(err, SV_E_FORMAT, 0, "bad port %q", pv);
					return SV_E_FORMAT;
				}
				v = v * 10 + (uint32_t)(pv.p[k] - '0');
			}
			if (v == 0 || v > 65535) {
				sv_err_set(err, SV_E_FORMAT, 0, "bad port %q", pv);
				return SV_E_FORMAT;
			}
			u->port = (uint16_t)v;
			u->port_given = 1;
		}
	}
	/* path and query; the fragment never goes on the wire */
	rest = sv_slice(s, a_end, s.n);
	k = sv_find(rest, '#', 0);
	if (k != (size_t)-1)
		rest = sv_slice(rest, 0, k);
	if (rest.n == 0 || rest.p[0] != '/') {
		u->target[0] = '/';
		memcpy(u->target + 1, rest.p, rest.n);
		u->target[rest.n + 1] = '\0';
	} else {
		memcpy(u->target, rest.p, rest.n);
		u->target[rest.n] = '\0';
	}
	return SV_OK;
}

void sv_url_authority(sv_buf *b, const sv_url *u, int always_port)
{
	if (u->ipv6)
		sv_buf_char(b, '[');
	sv_buf_str(b, u->host);
	if (u->ipv6)
		sv_buf_char(b, ']');
	if (always_port || u->port != (u->https ? 443 : 80)) {
		sv_buf_char(b, ':');
		sv_buf_u64(b, u->port);
	}
}

void sv_url_format(sv_buf *b, const sv_url *u)
{
	sv_buf_str(b, u->https ? "https://" : "http://");
	sv_url_authority(b, u, 0);
	sv_buf_str(b, u->target);
}

int sv_url_resolve(const sv_url *base, sv_sv loc, sv_url *out, sv_err *err)
{
	static char tmp[2 * SV_MAX_URL_BYTES + 16];
	sv_buf b;
	size_t k, slash = (size_t)-1, q;
	sv_sv bt = sv_from_cstr(base->target);

	loc = trim_ows(loc);
	if (loc.n == 0) {
		sv_err_set(err, SV_E_FORMAT, 0, "empty Location");
		return SV_E_FORMAT;
	}
	sv_buf_init(&b, tmp, sizeof tmp);
	q = find_nocase(loc, "://");
	if (q != (size_t)-1 && q < sv_find(loc, '/', 0)) {
		sv_buf_sv(&b, loc);
	} else if (loc.n >= 2 && loc.p[0] == '/' && loc.p[1] == '/') {
		sv_buf_str(&b, base->https ? "https:" : "http:");
		sv_buf_sv(&b, loc);
	} else {
		sv_buf_str(&b, base->https ? "https://" : "http://");
		sv_url_authority(&b, base, 0);
		if (loc.p[0] == '/') {
			sv_buf_sv(&b, loc);
		} else if (loc.p[0] == '?') {
			q = sv_find(bt, '?', 0);
			sv_buf_sv(&b, q == (size_t)-1 ? bt : sv_slice(bt, 0, q));
			sv_buf_sv(&b, loc);
		} else {
			q = sv_find(bt, '?', 0);
			if (q == (size_t)-1)
				q = bt.n;
			for (k = 0; k < q; k++)
				if (bt.p[k] == '/')
					slash = k;
			sv_buf_sv(&b, sv_slice(bt, 0, slash + 1));
			sv_buf_sv(&b, loc);
		}
	}
	if (b.overflow) {
		sv_err_set(err, SV_E_LIMIT, 0, "Location longer than %d bytes (SV_MAX_URL_BYTES)",
		           SV_MAX_URL_BYTES);
		return SV_E_LIMIT;
	}
	return sv_url_parse(sv_slice(sv_from_cstr(tmp), 0, b.len), SV_URL_ALLOW_HTTP, out, err);
}

/* dotted quad to a 32-bit value; -1 when not one */
static int ipv4_value(sv_sv s, uint32_t *v)
{
	char t[16];
	size_t i;
	uint32_t acc = 0, part = 0;
	if (s.n == 0 || s.n >= sizeof t)
		return -1;
	memcpy(t, s.p, s.n);
	t[s.n] = '\0';
	if (!is_ipv4_literal(t))
		return -1;
	for (i = 0; i <= s.n; i++) {
		if (i == s.n || t[i] == '.') {
			acc = (acc << 8) | part;
			part = 0;
		} else {
			part = part * 10 + (uint32_t)(t[i] - '0');
		}
	}
	*v = acc;
	return 0;
}

static int entry_match(sv_sv e, sv_sv host)
{
	size_t slash;
	if (e.n == 1 && e.p[0] == '*')
		return 1;
	if (e.n >= 2 && e.p[0] == '*' && e.p[1] == '.')
		e = sv_slice(e, 1, e.n);
	slash = sv_find(e, '/', 0);
	if (slash != (size_t)-1) {
		uint32_t net, h;
		sv_sv bits = sv_slice(e, slash + 1, e.n);
		unsigned nb = 0;
		size_t k;
		if (ipv4_value(sv_slice(e, 0, slash), &net) != 0 || ipv4_value(host, &h) != 0 ||
		    bits.n == 0 || bits.n > 2)
			return 0;
		for (k = 0; k < bits.n; k++) {
			if (!is_digit(bits.p[k]))
				return 0;
			nb = nb * 10 + (unsigned)(bits.p[k] - '0');
		}
		if (nb > 32)
			return 0;
		if (nb == 0)
			return 1;
		return ((net ^ h) >> (32 - nb)) == 0;
	}
	if (e.n >= 2 && e.p[0] == '[') {
		size_t close = sv_find(e, ']', 0);
		if (close == (size_t)-1)
			return 0;
		return sv_eq_nocase(sv_slice(e, 1, close), host);
	}
	if (sv_find(e, ':', 0) != (size_t)-1) {
		/* "host:port" (ports are ignored), or a bare IPv6 literal */
		if (sv_find(e, ':', sv_find(e, ':', 0) + 1) == (size_t)-1)
			e = sv_slice(e, 0, sv_find(e, ':', 0));
		else
			return sv_eq_nocase(e, host);
	}
	if (e.n && e.p[0] == '.')
		e = sv_slice(e, 1, e.n);
	if (e.n == 0)
		return 0;
	if (sv_eq_nocase(e, host))
		return 1;
	return host.n > e.n && host.p[host.n - e.n - 1] == '.' &&
	       sv_eq_nocase(sv_slice(host, host.n - e.n, host.n), e);
}

int sv_no_proxy_match(sv_sv np, const char *host)
{
	sv_sv h = sv_from_cstr(host);
	size_t i = 0;
	while (i < np.n) {
		size_t j = i;
		while (j < np.n && np.p[j] != ',' && np.p[j] != ' ' && np.p[j] != '\t')
			j++;
		if (j > i && entry_match(sv_slice(np, i, j), h))
			return 1;
		i = j + 1;
	}
	return 0;
}

/* ---- requests --------------------------------------------------------- */

size_t sv_b64std_encode(const unsigned char *in, size_t n, char *out, size_t cap)
{
	static const char al[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	size_t i, o = 0, need = (n + 2) / 3 * 4;
	if (need + 1 > cap)
		return 0;
	for (i = 0; i + 2 < n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
		out[o++] = al[v >> 18];
		out[o++] = al[(v >> 12) & 63];
		out[o++] = al[(v >> 6) & 63];
		out[o++] = al[v & 63];
	}
	if (i < n) {
		uint32_t v = (uint32_t)in[i] << 16 | (i + 1 < n ? (uint32_t)in[i + 1] << 8 : 0);
		out[o++] = al[v >> 18];
		out[o++] = al[(v >> 12) & 63];
		out[o++] = i + 1 < n ? al[(v >> 6) & 63] : '=';
		out[o++] = '=';
	}
	out[o] = '\0';
	return o;
}

size_t sv_http_request(char *out, size_t cap, const char *method, const sv_url *u,
                       const char *accept, const char *content_type, size_t body_len)
{
	sv_buf b;
	sv_buf_init(&b, out, cap);
	sv_buf_fmt(&b, "%s %s HTTP/1.1\r\nHost: ", method, u->target);
	sv_url_authority(&b, u, 0);
	sv_buf_fmt(&b, "\r\nUser-Agent: stsverify/%s\r\nAccept: %s\r\n"
	               "Accept-Encoding: identity\r\nConnection: close\r\n",
	           SV_VERSION, accept ? accept : "*/*");
	if (content_type)
		sv_buf_fmt(&b, "Content-Type: %s\r\n", content_type);
	if (body_len > 0 || strcmp(method, "POST") == 0)
		sv_buf_fmt(&b, "Content-Length: %z\r\n", body_len);
	sv_buf_str(&b, "\r\n");
	return b.overflow ? 0 : b.len;
}

size_t sv_http_connect_request(char *out, size_t cap, const sv_url *t, const sv_url *proxy)
{
	sv_buf b;
	sv_buf_init(&b, out, cap);
	sv_buf_str(&b, "CONNECT ");
	sv_url_authority(&b, t, 1);
	sv_buf_str(&b, " HTTP/1.1\r\nHost: ");
	sv_url_authority(&b, t, 1);
	sv_buf_fmt(&b, "\r\nUser-Agent: stsverify/%s\r\n", SV_VERSION);
	if (proxy && proxy->has_user) {
		unsigned char cred[sizeof proxy->user + sizeof proxy->pass + 1];
		char enc[sizeof cred * 4 / 3 + 8];
		size_t ul = strlen(proxy->user), pl = strlen(proxy->pass);
		memcpy(cred, proxy->user, ul);
		cred[ul] = ':';
		memcpy(cred + ul + 1, proxy->pass, pl);
		sv_b64std_encode(cred, ul + 1 + pl, enc, sizeof enc);
		sv_buf_fmt(&b, "Proxy-Authorization: Basic %s\r\n", enc);
		sv_wipe(cred, sizeof cred);
		sv_wipe(enc, sizeof enc);
	}
	sv_buf_str(&b, "\r\n");
	return b.overflow ? 0 : b.len;
}

/* ---- responses -------------------------------------------------------- */

enum {
	ST_HEAD = 0,
	ST_BODY_LEN,
	ST_CHUNK_SIZE,
	ST_CHUNK_DATA,
	ST_CHUNK_CR,
	ST_CHUNK_LF,
	ST_TRAILER,
	ST_CLOSE,
	ST_DONE,
	ST_ERROR
};

void sv_http_resp_init(sv_http_resp *r, unsigned char *body, size_t body_cap, unsigned flags)
{
	r->minor = 0;
	r->status = 0;
	r->reason = SV_NULL;
	r->nf = 0;
	r->framing = SV_HTTP_NONE;
	r->clen = 0;
	r->body = body;
	r->body_cap = body_cap;
	r->blen = 0;
	r->head_done = 0;
	r->done = 0;
	memset(&r->err, 0, sizeof r->err);
	r->flags = flags;
	r->st = ST_HEAD;
	r->hlen = 0;
	r->line_start = 0;
	r->llen = 0;
	r->left = 0;
	r->ntrail = 0;
	r->cr = 0;
}

static int bad(sv_http_resp *r, int code, const char *fmt, ...)
{
	sv_buf b;
	va_list ap;
	r->err.code = code;
	r->err.pos = r->hlen;
	sv_buf_init(&b, r->err.msg, sizeof r->err.msg);
	va_start(ap, fmt);
	sv_buf_vfmt(&b, fmt, ap);
	va_end(ap);
	r->st = ST_ERROR;
	return code;
}

sv_sv sv_http_field_get(const sv_http_resp *r, sv_sv name)
{
	size_t i;
	for (i = 0; i < r->nf; i++)
		if (sv_eq_nocase(r->f[i].name, name))
			return r->f[i].value;
	return SV_NULL;
}

int sv_http_is_redirect(int s)
{
	return s == 301 || s == 302 || s == 303 || s == 307 || s == 308;
}

static int parse_status(sv_http_resp *r, sv_sv l)
{
	size_t k;
	if (l.n < 12 || !sv_has_prefix(l, SV_LIT("HTTP/1.")) || !is_digit(l.p[7]) || l.p[8] != ' ' ||
	    !is_digit(l.p[9]) || !is_digit(l.p[10]) || !is_digit(l.p[11]) ||
	    (l.n > 12 && l.p[12] != ' '))
		return bad(r, SV_E_FORMAT, "malformed status line %q", l);
	r->minor = l.p[7] - '0';
	if (r->minor > 1)
		return bad(r, SV_E_FORMAT, "malformed status line %q", l);
	r->status = (l.p[9] - '0') * 100 + (l.p[10] - '0') * 10 + (l.p[11] - '0');
	if (r->status < 100)
		return bad(r, SV_E_FORMAT, "malformed status line %q", l);
	r->reason = l.n > 13 ? sv_slice(l, 13, l.n) : SV_LIT("");
	for (k = 0; k < r->reason.n; k++) {
		unsigned char c = (unsigned char)r->reason.p[k];
		if ((c < 0x20 && c != '\t') || c == 0x7F)
			return bad(r, SV_E_FORMAT, "control character in the status line");
	}
	return SV_OK;
}

/* One field line; trailer lines are validated the same way but not kept. */
static int parse_field(sv_http_resp *r, sv_sv l, int keep)
{
	size_t colon = sv_find(l, ':', 0), k;
	sv_sv name, value;
	if (l.n && (l.p[0] == ' ' || l.p[0] == '\t'))
		return bad(r, SV_E_FORMAT, "obsolete line folding in a header field");
	if (colon == (size_t)-1 || colon == 0)
		return bad(r, SV_E_FORMAT, "malformed header line %q", l);
	name = sv_slice(l, 0, colon);
	for (k = 0; k < name.n; k++)
		if (!is_tchar(name.p[k]))
			return bad(r, SV_E_FORMAT, "bad header field name %q", name);
	value = trim_ows(sv_slice(l, colon + 1, l.n));
	for (k = 0; k < value.n; k++) {
		unsigned char c = (unsigned char)value.p[k];
		if ((c < 0x20 && c != '\t') || c == 0x7F)
			return bad(r, SV_E_FORMAT, "control character in header field %v", name);
	}
	if (!keep)
		return SV_OK;
	if (r->nf == SV_MAX_HTTP_FIELDS)
		return bad(r, SV_E_LIMIT, "more than %d header fields (SV_MAX_HTTP_FIELDS)",
		           SV_MAX_HTTP_FIELDS);
	r->f[r->nf].name = name;
	r->f[r->nf].value = value;
	r->nf++;
	return SV_OK;
}

static int parse_u64_dec(sv_sv v, uint64_t *out)
{
	uint64_t x = 0;
	size_t k;
	if (v.n == 0 || v.n > 15)
		return -1;
	for (k = 0; k < v.n; k++) {
		if (!is_digit(v.p[k]))
			return -1;
		x = x * 10 + (uint64_t)(v.p[k] - '0');
	}
	*out = x;
	return 0;
}

/* The head is complete: decide how the body is framed. */
static int end_of_head(sv_http_resp *r)
{
	sv_sv te = SV_NULL, ce;
	int have_cl = 0;
	uint64_t cl = 0;
	size_t i;

	if (r->status >= 100 && r->status < 200) {
		if (r->status == 101)
			return bad(r, SV_E_FORMAT, "unexpected 101 Switching Protocols");
		/* interim response: forget it, parse the next head */
		r->hlen = 0;
		r->line_start = 0;
		r->nf = 0;
		r->status = 0;
		return SV_OK;
	}
	r->head_done = 1;
	if ((r->flags & SV_HTTP_F_CONNECT) && r->status >= 200 && r->status < 300) {
		r->framing = SV_HTTP_NONE;
		r->st = ST_DONE;
		r->done = 1;
		return SV_OK;
	}
	if (r->nf == 0)
		return bad(r, SV_E_FORMAT, "response has no header fields (status %d and nothing else)",
		           r->status);
	for (i = 0; i < r->nf; i++) {
		if (sv_eq_nocase(r->f[i].name, SV_LIT("Content-Length"))) {
			uint64_t v;
			if (parse_u64_dec(r->f[i].value, &v) != 0)
				return bad(r, SV_E_FORMAT, "bad Content-Length %q", r->f[i].value);
			if (have_cl && v != cl)
				return bad(r, SV_E_FORMAT, "conflicting Content-Length fields");
			have_cl = 1;
			cl = v;
		} else if (sv_eq_nocase(r->f[i].name, SV_LIT("Transfer-Encoding"))) {
			if (te.p)
				return bad(r, SV_E_FORMAT, "more than one Transfer-Encoding field");
			te = r->f[i].value;
		}
	}
	ce = sv_http_field_get(r, SV_LIT("Content-Encoding"));
	if (ce.p && ce.n && !sv_eq_nocase(ce, SV_LIT("identity")))
		return bad(r, SV_E_FORMAT, "body is encoded (Content-Encoding %q) although identity was asked for",
		           ce);
	if (r->status == 204 || r->status == 304) {
		r->framing = SV_HTTP_NONE;
		r->st = ST_DONE;
		r->done = 1;
		return SV_OK;
	}
	if (te.p) {
		if (have_cl)
			return bad(r, SV_E_FORMAT, "both Transfer-Encoding and Content-Length (ambiguous framing)");
		if (r->minor == 0)
			return bad(r, SV_E_FORMAT, "Transfer-Encoding in an HTTP/1.0 response");
		if (!sv_eq_nocase(te, SV_LIT("chunked")))
			return bad(r, SV_E_FORMAT, "unsupported Transfer-Encoding %q", te);
		r->framing = SV_HTTP_CHUNKED;
		r->st = ST_CHUNK_SIZE;
		r->llen = 0;
		r->cr = 0;
		return SV_OK;
	}
	if (have_cl) {
		if (cl > r->body_cap)
			return bad(r, SV_E_LIMIT, "body of %l bytes (Content-Length) is larger than the %z-byte limit",
			           (int64_t)cl, r->body_cap);
		r->framing = SV_HTTP_LENGTH;
		r->clen = cl;
		r->left = cl;
		r->st = cl ? ST_BODY_LEN : ST_DONE;
		r->done = cl == 0;
		return SV_OK;
	}
	r->framing = SV_HTTP_CLOSE;
	r->st = ST_CLOSE;
	return SV_OK;
}

/* A complete head line (CRLF stripped). */
static int head_line(sv_http_resp *r, sv_sv l)
{
	if (r->status == 0)
		return parse_status(r, l);
	if (l.n == 0)
		return end_of_head(r);
	return parse_field(r, l, 1);
}

static int chunk_size_line(sv_http_resp *r)
{
	sv_sv l = { r->line, r->llen };
	size_t k = 0;
	uint64_t v = 0;
	while (k < l.n && hexval(l.p[k]) >= 0) {
		if (k == 15)
			return bad(r, SV_E_FORMAT, "chunk size %q too large", l);
		v = v * 16 + (uint64_t)hexval(l.p[k]);
		k++;
	}
	if (k == 0)
		return bad(r, SV_E_FORMAT, "malformed chunk size line %q", l);
	while (k < l.n && (l.p[k] == ' ' || l.p[k] == '\t'))
		k++;
	if (k < l.n) {
		size_t j;
		if (l.p[k] != ';')
			return bad(r, SV_E_FORMAT, "malformed chunk size line %q", l);
		for (j = k; j < l.n; j++) {
			unsigned char c = (unsigned char)l.p[j];
			if ((c < 0x20 && c != '\t') || c == 0x7F)
				return bad(r, SV_E_FORMAT, "control character in a chunk extension");
		}
	}
	if (v == 0) {
		r->st = ST_TRAILER;
		r->llen = 0;
		r->ntrail = 0;
		return SV_OK;
	}
	if (v > r->body_cap - r->blen)
		return bad(r, SV_E_LIMIT, "body larger than the %z-byte limit (a chunk of %l bytes after %z)",
		           r->body_cap, (int64_t)v, r->blen);
	r->left = v;
	r->st = ST_CHUNK_DATA;
	return SV_OK;
}

/* Collects a CRLF-terminated line into r->line; 1 when complete. */
static int line_byte(sv_http_resp *r, char c, int *rc)
{
	*rc = SV_OK;
	if (r->cr) {
		r->cr = 0;
		if (c != '\n') {
			*rc = bad(r, SV_E_FORMAT, "bare CR in a chunked-encoding line");
			return 0;
		}
		return 1;
	}
	if (c == '\r') {
		r->cr = 1;
		return 0;
	}
	if (c == '\n') {
		*rc = bad(r, SV_E_FORMAT, "bare LF in a chunked-encoding line (expected CRLF)");
		return 0;
	}
	if (r->llen == sizeof r->line) {
		*rc = bad(r, SV_E_LIMIT, "chunked-encoding line longer than %d bytes (SV_MAX_HTTP_LINE_BYTES)",
		          SV_MAX_HTTP_LINE_BYTES);
		return 0;
	}
	r->line[r->llen++] = c;
	return 0;
}

static void take_body(sv_http_resp *r, const unsigned char *p, size_t k)
{
	memcpy(r->body + r->blen, p, k);
	r->blen += k;
}

int sv_http_feed(sv_http_resp *r, const unsigned char *in, size_t n, size_t *used)
{
	size_t i = 0;
	int rc = SV_OK;

	while (i < n && r->st != ST_DONE) {
		switch (r->st) {
		case ST_ERROR:
			*used = i;
			return r->err.code ? r->err.code : SV_E_FORMAT;
		case ST_HEAD: {
			char c = (char)in[i++];
			if (r->hlen == sizeof r->head) {
				*used = i;
				return bad(r, SV_E_LIMIT, "response head larger than %d bytes (SV_MAX_HTTP_HEAD_BYTES)",
				           SV_MAX_HTTP_HEAD_BYTES);
			}
			r->head[r->hlen++] = c;
			/* a status line must start "HTTP/": say so early, not at a timeout */
			if (r->status == 0 && r->line_start == 0 && r->hlen <= 5 &&
			    r->head[r->hlen - 1] != "HTTP/"[r->hlen - 1]) {
				char shown[48];
				size_t k = r->hlen, more = n - i;
				memcpy(shown, r->head, k);
				if (more > sizeof shown - k)
					more = sizeof shown - k;
				memcpy(shown + k, in + i, more);
				*used = i;
				return bad(r, SV_E_FORMAT, "not an HTTP response (no status line; it starts %q)",
				           (sv_sv){ shown, k + more });
			}
			if (r->hlen - r->line_start >= 2 && r->head[r->hlen - 2] == '\r' && c != '\n') {
				*used = i;
				return bad(r, SV_E_FORMAT, "bare CR in the response head");
			}
			if (c != '\n')
				continue;
			if (r->hlen - r->line_start < 2 || r->head[r->hlen - 2] != '\r') {
				*used = i;
				return bad(r, SV_E_FORMAT, "line in the response head ends in a bare LF (expected CRLF)");
			}
			rc = head_line(r, (sv_sv){ r->head + r->line_start, r->hlen - 2 - r->line_start });
			r->line_start = r->hlen;
			if (rc != SV_OK) {
				*used = i;
				return rc;
			}
			break;
		}
		case ST_BODY_LEN:
		case ST_CHUNK_DATA: {
			size_t k = n - i;
			if (k > r->left)
				k = (size_t)r->left;
			take_body(r, in + i, k);
			i += k;
			r->left -= k;
			if (r->left == 0) {
				if (r->st == ST_BODY_LEN) {
					r->st = ST_DONE;
					r->done = 1;
				} else {
					r->st = ST_CHUNK_CR;
				}
			}
			break;
		}
		case ST_CHUNK_CR:
		case ST_CHUNK_LF: {
			char want = r->st == ST_CHUNK_CR ? '\r' : '\n';
			if ((char)in[i] != want) {
				*used = i;
				return bad(r, SV_E_FORMAT, "chunk data not followed by CRLF (after %z body bytes; chunk size wrong?)",
				           r->blen);
			}
			i++;
			r->st = r->st == ST_CHUNK_CR ? ST_CHUNK_LF : ST_CHUNK_SIZE;
			r->llen = 0;
			break;
		}
		case ST_CHUNK_SIZE:
			if (line_byte(r, (char)in[i++], &rc)) {
				rc = chunk_size_line(r);
				r->llen = 0;
			}
			if (rc != SV_OK) {
				*used = i;
				return rc;
			}
			break;
		case ST_TRAILER:
			if (line_byte(r, (char)in[i++], &rc)) {
				if (r->llen == 0) {
					r->st = ST_DONE;
					r->done = 1;
				} else if (++r->ntrail > SV_MAX_HTTP_FIELDS) {
					rc = bad(r, SV_E_LIMIT, "more than %d trailer fields (SV_MAX_HTTP_FIELDS)",
					         SV_MAX_HTTP_FIELDS);
				} else {
					rc = parse_field(r, (sv_sv){ r->line, r->llen }, 0);
				}
				r->llen = 0;
			}
			if (rc != SV_OK) {
				*used = i;
				return rc;
			}
			break;
		case ST_CLOSE: {
			size_t k = n - i;
			if (k > r->body_cap - r->blen) {
				*used = i;
				return bad(r, SV_E_LIMIT, "body larger than the %z-byte limit", r->body_cap);
			}
			take_body(r, in + i, k);
			i += k;
			break;
		}
		default:
			break;
		}
	}
	*used = i;
	if (r->st == ST_ERROR)
		return r->err.code ? r->err.code : SV_E_FORMAT;
	return SV_OK;
}

int sv_http_eof(sv_http_resp *r, int clean)
{
	switch (r->st) {
	case ST_DONE:
		return SV_OK;
	case ST_ERROR:
		return r->err.code ? r->err.code : SV_E_FORMAT;
	case ST_CLOSE:
		if (!clean)
			return bad(r, SV_E_FORMAT, "connection closed without TLS close_notify after %z body bytes "
			                           "(no Content-Length: the body may be truncated)", r->blen);
		r->st = ST_DONE;
		r->done = 1;
		return SV_OK;
	case ST_HEAD:
		if (r->hlen == 0 && r->status == 0)
			return bad(r, SV_E_FORMAT, "connection closed before any response");
		return bad(r, SV_E_FORMAT, "connection closed inside the response head");
	case ST_BODY_LEN:
		return bad(r, SV_E_FORMAT, "connection closed after %z of %l body bytes", r->blen,
		           (int64_t)r->clen);
	default:
		return bad(r, SV_E_FORMAT, "connection closed inside the chunked body after %z bytes",
		           r->blen);
	}
}

/* ---- what the body is ------------------------------------------------- */

/* Text between <tag> and </tag>, SV_NULL when absent. */
static sv_sv xml_elem(sv_sv s, const char *open, const char *close)
{
	size_t a = find_nocase(s, open), b;
	if (a == (size_t)-1)
		return SV_NULL;
	a += strlen(open);
	b = find_nocase(sv_slice(s, a, s.n), close);
	if (b == (size_t)-1)
		return SV_NULL;
	return trim_ows(sv_slice(s, a, a + b));
}

void sv_body_classify(sv_sv body, sv_sv ct, sv_body_info *bi)
{
	sv_sv s = body;
	memset(bi, 0, sizeof *bi);
	if (s.n >= 3 && (unsigned char)s.p[0] == 0xEF && (unsigned char)s.p[1] == 0xBB &&
	    (unsigned char)s.p[2] == 0xBF)
		s = sv_slice(s, 3, s.n);
	while (s.n && (s.p[0] == ' ' || s.p[0] == '\t' || s.p[0] == '\r' || s.p[0] == '\n'))
		s = sv_slice(s, 1, s.n);
	if (s.n == 0) {
		bi->kind = SV_BODY_EMPTY;
		return;
	}
	if (s.p[0] == '{' || s.p[0] == '[') {
		bi->kind = SV_BODY_JSON;
		return;
	}
	if (s.p[0] == '<') {
		sv_sv err = xml_elem(s, "<Error>", "</Error>");
		int html = find_nocase(ct, "html") != (size_t)-1 ||
		           find_nocase(sv_slice(s, 0, 256), "<!doctype html") != (size_t)-1 ||
		           find_nocase(sv_slice(s, 0, 1024), "<html") != (size_t)-1;
		if (err.p && !html) {
			bi->kind = SV_BODY_S3_ERROR;
			bi->code = xml_elem(err, "<Code>", "</Code>");
			bi->message = xml_elem(err, "<Message>", "</Message>");
			bi->endpoint = xml_elem(err, "<Endpoint>", "</Endpoint>");
			bi->bucket = xml_elem(err, "<BucketName>", "</BucketName>");
			return;
		}
		if (html) {
			size_t t = find_nocase(s, "<title");
			if (t != (size_t)-1) {
				size_t gt = sv_find(s, '>', t), e;
				if (gt != (size_t)-1) {
					e = find_nocase(sv_slice(s, gt + 1, s.n), "</title>");
					if (e != (size_t)-1)
						bi->title = trim_ows(sv_slice(s, gt + 1, gt + 1 + e));
				}
			}
			bi->kind = (find_nocase(s, "type=\"password\"") != (size_t)-1 ||
			            find_nocase(s, "type='password'") != (size_t)-1 ||
			            find_nocase(s, "type=password") != (size_t)-1 ||
			            find_nocase(s, "sign in") != (size_t)-1 ||
			            find_nocase(s, "signin") != (size_t)-1 ||
			            find_nocase(s, "log in") != (size_t)-1 ||
			            find_nocase(s, "login") != (size_t)-1)
			               ? SV_BODY_HTML_LOGIN
			               : SV_BODY_HTML;
			return;
		}
		bi->kind = SV_BODY_XML;
		return;
	}
	bi->kind = SV_BODY_OTHER;
}
