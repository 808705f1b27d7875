/* net.c -- HTTPS requests through the port: proxy, TCP, TLS, HTTP, redirects. */
#include "net.h"

#if SV_NET

/* ---- options ---------------------------------------------------------- */

void sv_netopts_init(sv_netopts *o)
{
	memset(o, 0, sizeof *o);
	o->connect_ms = 10000;
	o->io_ms = 15000;
	o->total_ms = 60000;
}

/* "5" seconds or "500ms"; 1 ms .. 1 h. */
static int parse_ms(sv_cli *c, const char *opt, const char *arg, int *ms)
{
	sv_sv s = sv_from_cstr(arg);
	int64_t v = 0, mul = 1000;
	size_t i, n = s.n;
	if (n > 2 && s.p[n - 2] == 'm' && s.p[n - 1] == 's') {
		mul = 1;
		n -= 2;
	}
	if (n == 0 || n > 9)
		goto bad;
	for (i = 0; i < n; i++) {
		if (s.p[i] < '0' || s.p[i] > '9')
			goto bad;
		v = v * 10 + (s.p[i] - '0');
	}
	v *= mul;
	if (v < 1 || v > 3600000)
		goto bad;
	*ms = (int)v;
	return 0;
bad:
	sv_cli_usage(c, "%s: --%s %q: expected seconds (e.g. 10) or milliseconds (e.g. 500ms), at most 1 h",
	             c->cmd, opt, s);
	return -1;
}

static int parse_port(sv_sv p, uint16_t *out)
{
	uint32_t port = 0;
	size_t k;
	if (p.n == 0 || p.n > 5)
		return -1;
	for (k = 0; k < p.n; k++) {
		if (p.p[k] < '0' || p.p[k] > '9')
			return -1;
		port = port * 10 + (uint32_t)(p.p[k] - '0');
	}
	if (port == 0 || port > 65535)
		return -1;
	*out = (uint16_t)port;
	return 0;
}

/* --resolve HOST:PORT:ADDR and --connect-to HOST:PORT:ADDR:PORT2 (ADDR numeric, [v6] allowed). */
static int parse_pin(sv_cli *c, sv_netopts *o, const char *arg, int connect_to)
{
	sv_sv s = sv_from_cstr(arg), h, p, a, rest, p2 = SV_NULL;
	size_t c1 = sv_find(s, ':', 0), c2, k;
	uint16_t port, to_port = 0;
	const char *opt = connect_to ? "connect-to" : "resolve";
	if (o->nresolve == SV_MAX_RESOLVE) {
		sv_cli_fail(c, "%s: more than %d --resolve/--connect-to values (SV_MAX_RESOLVE)", c->cmd,
		            SV_MAX_RESOLVE);
		sv_cli_hint(c, "pin only the hosts this run reaches, or rebuild with a larger SV_MAX_RESOLVE "
		            "(src/cli/net.h)");
		return -1;
	}
	if (c1 == (size_t)-1 || (c2 = sv_find(s, ':', c1 + 1)) == (size_t)-1)
		goto bad;
	h = sv_slice(s, 0, c1);
	p = sv_slice(s, c1 + 1, c2);
	rest = sv_slice(s, c2 + 1, s.n);
	if (connect_to) {
		size_t end;
		if (rest.n && rest.p[0] == '[') {
			end = sv_find(rest, ']', 0);
			if (end == (size_t)-1 || end + 1 >= rest.n || rest.p[end + 1] != ':')
				goto bad;
			a = sv_slice(rest, 1, end);
			p2 = sv_slice(rest, end + 2, rest.n);
		} else {
			for (end = rest.n; end > 0 && rest.p[end - 1] != ':'; end--)
				;
			if (end == 0)
				goto bad;
			a = sv_slice(rest, 0, end - 1);
			p2 = sv_slice(rest, end, rest.n);
		}
		if (parse_port(p2, &to_port) != 0)
			goto bad;
	} else {
		a = rest;
		if (a.n >= 2 && a.p[0] == '[' && a.p[a.n - 1] == ']')
			a = sv_slice(a, 1, a.n - 1);
	}
	if (h.n == 0 || h.n >= sizeof o->resolve[0].host || parse_port(p, &port) != 0 || a.n == 0 ||
	    a.n >= sizeof o->resolve[0].addr)
		goto bad;
	for (k = 0; k < a.n; k++) {
		char ch = a.p[k];
		if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F') ||
		      ch == '.' || ch == ':'))
			goto bad;
	}
	for (k = 0; k < h.n; k++)
		o->resolve[o->nresolve].host[k] = (h.p[k] >= 'A' && h.p[k] <= 'Z') ? (char)(h.p[k] + 32) : h.p[k];
	o->resolve[o->nresolve].host[h.n] = '\0';
	memcpy(o->resolve[o->nresolve].addr, a.p, a.n);
	o->resolve[o->nresolve].addr[a.n] = '\0';
	o->resolve[o->nresolve].port = port;
	o->resolve[o->nresolve].to_port = to_port;
	o->nresolve++;
	return 0;
bad:
	if (connect_to)
		sv_cli_usage(c, "%s: --%s %q: expected HOST:PORT:ADDR:PORT with a numeric address, e.g. "
		             "oidc.example.com:443:127.0.0.1:8443", c->cmd, opt, s);
	else
		sv_cli_usage(c, "%s: --%s %q: expected HOST:PORT:ADDR with a numeric address, e.g. "
		             "oidc.example.com:443:127.0.0.1", c->cmd, opt, s);
	return -1;
}

int sv_netopts_opt(sv_cli *c, sv_netopts *o, int id, const char *arg)
{
	int64_t v;
	switch (id) {
	case SV_NOPT_CA_FILE: o->ca_file = arg; return 1;
	case SV_NOPT_CONNECT_TIMEOUT: return parse_ms(c, "connect-timeout", arg, &o->connect_ms) ? -1 : 1;
	case SV_NOPT_TIMEOUT: return parse_ms(c, "timeout", arg, &o->io_ms) ? -1 : 1;
	case SV_NOPT_MAX_TIME: return parse_ms(c, "max-time", arg, &o->total_ms) ? -1 : 1;
	case SV_NOPT_PROXY: o->proxy = arg; return 1;
	case SV_NOPT_NO_PROXY: o->no_proxy = 1; return 1;
	case SV_NOPT_RESOLVE: return parse_pin(c, o, arg, 0) ? -1 : 1;
	case SV_NOPT_CONNECT_TO: return parse_pin(c, o, arg, 1) ? -1 : 1;
	case SV_NOPT_MAX_BODY:
		if (sv_cli_int(c, "max-body", arg, 1, SV_MAX_JWKS_BYTES, &v) != SV_OK)
			return -1;
		o->max_body = (size_t)v;
		return 1;
	default:
		return 0;
	}
}

/* ---- trust anchors ---------------------------------------------------- */

static const char *const system_bundles[] = {
	"/etc/ssl/certs/ca-certificates.crt",                 /* Debian, Ubuntu, Alpine, Arch */
	"/etc/pki/tls/certs/ca-bundle.crt",                   /* RHEL, Fedora, Amazon Linux */
	"/etc/pki/ca-trust/extracted/pem/tls-ca-bundle.pem",  /* RHEL 7+ */
	"/etc/ssl/ca-bundle.pem",                             /* SUSE */
	"/etc/ssl/cert.pem",                                  /* Alpine, macOS, BSD */
	NULL
};

int sv_net_load_trust(sv_cli *c, const sv_netopts *o, sv_trust *t)
{
	static unsigned char pem[SV_MAX_CA_FILE_BYTES];
	static char envpath[1024];
	const char *path = NULL, *why = "";
	size_t len, i;
	sv_sv env;
	sv_err e;
	sv_buf b;

	sv_ta_init(&t->store);
	if (o->ca_file) {
		path = o->ca_file;
		why = "--ca-file";
	} else if (sv_port_getenv("SSL_CERT_FILE", &env) == SV_OK && env.n) {
		if (env.n >= sizeof envpath) {
			sv_cli_fail(c, "%s: $SSL_CERT_FILE is longer than %z bytes", c->cmd, sizeof envpath - 1);
			sv_cli_hint(c, "give the CA bundle as --ca-file FILE, or a shorter SSL_CERT_FILE path");
			return SV_E_LIMIT;
		}
		memcpy(envpath, env.p, env.n);
		envpath[env.n] = '\0';
		path = envpath;
		why = "$SSL_CERT_FILE";
	} else {
		for (i = 0; system_bundles[i]; i++) {
			sv_file_info fi;
			if (sv_port_stat(system_bundles[i], &fi) == SV_OK && fi.exists && !fi.is_dir) {
				path = system_bundles[i];
				why = "system bundle";
				break;
			}
		}
		if (!path) {
			sv_cli_fail(c, "%s: no trust anchors: pass --ca-file FILE or set SSL_CERT_FILE "
			            "(no system bundle at /etc/ssl/certs/ca-certificates.crt and the like)", c->cmd);
			sv_cli_hint(c, "install the ca-certificates package, or copy a PEM CA bundle from another host "
			            "and pass it as --ca-file FILE");
			return SV_E_NOENT;
		}
	}
	if (sv_cli_load(c, "ca-file", path, pem, sizeof pem, &len) != SV_OK)
		return SV_E_IO;
	memset(&e, 0, sizeof e);
	if (sv_ta_load_pem(&t->store, pem, len, &e) != SV_OK) {
		sv_cli_fail(c, "ca-file: %s (%s): %s", path, why, e.msg);
		sv_cli_content_hint(c, "ca-file", &e);
		return e.code ? e.code : SV_E_FORMAT;
	}
	sv_buf_init(&b, t->source, sizeof t->source);
	sv_buf_fmt(&b, "%s (%s, %z certificate%s)", path, why, t->store.n, t->store.n == 1 ? "" : "s");
	return SV_OK;
}

/* ---- one connection --------------------------------------------------- */

/* The socket plus the first bytes the server sent, to tell plain HTTP from TLS. */
typedef struct sv_conn {
	sv_net        net;
	unsigned char first[24];
	size_t        nfirst;
} sv_conn;

/* br_sslio low_read: the port's recv, remembering the first bytes. */
static int conn_recv(void *ctx, unsigned char *buf, size_t len)
{
	sv_conn *k = ctx;
	int r = sv_port_net_recv(&k->net, buf, len);
	if (r > 0 && k->nfirst < sizeof k->first) {
		size_t m = sizeof k->first - k->nfirst;
		if (m > (size_t)r)
			m = (size_t)r;
		memcpy(k->first + k->nfirst, buf, m);
		k->nfirst += m;
	}
	return r;
}

static sv_conn conn;
static sv_tls tls;
static br_sslio_context io;

static void seterr(sv_request *r, int rc, const char *fmt, ...)
{
	sv_buf b;
	va_list ap;
	const sv_hop *h = &r->hop[r->nhop ? r->nhop - 1 : 0];
	sv_buf_init(&b, r->err, sizeof r->err);
	sv_url_format(&b, &h->url);
	sv_buf_str(&b, ": ");
	va_start(ap, fmt);
	sv_buf_vfmt(&b, fmt, ap);
	va_end(ap);
	r->failed_rc = rc;
}

static const char *env_first(const char *a, const char *b, sv_sv *v, const char **which)
{
	if (sv_port_getenv(a, v) == SV_OK && v->n) {
		*which = a;
		return a;
	}
	if (sv_port_getenv(b, v) == SV_OK && v->n) {
		*which = b;
		return b;
	}
	*which = NULL;
	return NULL;
}

static void ms_text(sv_buf *b, int ms)
{
	if (ms % 1000 == 0)
		sv_buf_fmt(b, "%d s", ms / 1000);
	else
		sv_buf_fmt(b, "%d ms", ms);
}

/* Connects to host:port (honouring --resolve/--connect-to); SV_OK or the port's code with r->err set. */
static int tcp_connect(const sv_netopts *o, sv_request *r, const char *host, uint16_t port, sv_buf *path)
{
	const char *target = host, *how = "";
	uint16_t to = port;
	size_t i;
	int rc;
	char t[32], where[120];
	sv_buf tb, wb;

	for (i = 0; i < o->nresolve; i++) {
		if (o->resolve[i].port == port && strcmp(o->resolve[i].host, host) == 0) {
			target = o->resolve[i].addr;
			if (o->resolve[i].to_port) {
				to = o->resolve[i].to_port;
				how = " (from --connect-to)";
			} else {
				how = " (from --resolve)";
			}
			break;
		}
	}
	/* " (127.0.0.1 port 8443)" when pinned */
	sv_buf_init(&wb, where, sizeof where);
	if (target != host) {
		sv_buf_fmt(&wb, " (%s", target);
		if (to != port)
			sv_buf_fmt(&wb, " port %d", (int)to);
		sv_buf_char(&wb, ')');
	}
	sv_buf_fmt(path, "%s port %d", host, (int)port);
	rc = sv_port_net_connect(&conn.net, target, to, o->connect_ms);
	if (rc != SV_OK) {
		sv_buf_init(&tb, t, sizeof t);
		ms_text(&tb, o->connect_ms);
		if (rc == SV_E_NOENT)
			seterr(r, rc, "cannot resolve %s: %s", host, conn.net.why);
		else if (rc == SV_E_TIMEOUT)
			seterr(r, rc, "connect to %s port %d%s: no answer within %s (--connect-timeout)", host, (int)port,
			       where, t);
		else
			seterr(r, rc, "connect to %s port %d%s: %s", host, (int)port, where, conn.net.why);
		return rc;
	}
	sv_buf_fmt(path, ", address %s", conn.net.addr);
	if (to != port)
		sv_buf_fmt(path, " port %d", (int)to);
	sv_buf_str(path, how);
	return SV_OK;
}

/* Plain-HTTP CONNECT exchange on the fresh proxy connection. */
static int proxy_connect(sv_request *r, const sv_hop *h, const sv_url *proxy)
{
	static char req[1024];
	static unsigned char pbody[1024];
	static sv_http_resp pr;
	unsigned char buf[512];
	size_t n = sv_http_connect_request(req, sizeof req, &h->url, proxy), off = 0, used;
	int rc;

	while (off < n) {
		int w = sv_port_net_send(&conn.net, (const unsigned char *)req + off, n - off);
		if (w < 0) {
			seterr(r, conn.net.err, "proxy %s: sending CONNECT: %s", proxy->host, conn.net.why);
			sv_wipe(req, sizeof req);
			return conn.net.err;
		}
		off += (size_t)w;
	}
	sv_wipe(req, sizeof req);
	sv_http_resp_init(&pr, pbody, sizeof pbody, SV_HTTP_F_CONNECT);
	while (!pr.done) {
		int got = sv_port_net_recv(&conn.net, buf, sizeof buf);
		if (got < 0) {
			if (conn.net.err == SV_E_TIMEOUT)
				seterr(r, SV_E_TIMEOUT, "proxy %s: no answer to CONNECT (%s)", proxy->host, conn.net.why);
			else if (conn.net.eof && sv_http_eof(&pr, 1) != SV_OK)
				seterr(r, SV_E_NET, "proxy %s: %s", proxy->host, pr.err.msg);
			else
				seterr(r, SV_E_NET, "proxy %s: %s", proxy->host, conn.net.why);
			return r->failed_rc;
		}
		rc = sv_http_feed(&pr, buf, (size_t)got, &used);
		if (rc != SV_OK) {
			seterr(r, rc, "proxy %s: bad answer to CONNECT: %s", proxy->host, pr.err.msg);
			return rc;
		}
		if (pr.done && used != (size_t)got) {
			seterr(r, SV_E_NET, "proxy %s: sent data after its answer to CONNECT", proxy->host);
			return SV_E_NET;
		}
	}
	if (pr.status < 200 || pr.status > 299) {
		seterr(r, SV_E_NET, "proxy %s refused CONNECT %s:%d: %d %v%s", proxy->host, h->url.host,
		       (int)h->url.port, pr.status, pr.reason,
		       pr.status == 407 ? " (the proxy wants credentials: http://user:pass@host:port)" : "");
		return SV_E_NET;
	}
	return SV_OK;
}

/* Explains a failed handshake in one line, using the chain when there is one. */
static void tls_failure(sv_request *r, const sv_hop *h, const sv_trust *t, int64_t now)
{
	int e = br_ssl_engine_last_error(&tls.cc.eng);
	char m[200];
	sv_buf b;
	size_t i;

	if (conn.nfirst >= 5 && memcmp(conn.first, "HTTP/", 5) == 0) {
		sv_sv s;
		size_t eol;
		/* BearSSL stopped after a 5-byte record header: read the rest of the line to show it */
		sv_port_net_timeouts(&conn.net, 500, 1000);
		while (conn.nfirst < sizeof conn.first &&
		       memchr(conn.first, '\r', conn.nfirst) == NULL) {
			if (conn_recv(&conn, conn.first + conn.nfirst, sizeof conn.first - conn.nfirst) < 0)
				break;
		}
		s.p = (const char *)conn.first;
		s.n = conn.nfirst;
		eol = sv_find(s, '\r', 0);
		if (eol != (size_t)-1)
			s = sv_slice(s, 0, eol);
		seterr(r, SV_E_NET, "TLS: the server answered in plain HTTP, not TLS (%q): "
		       "this port does not speak HTTPS", s);
		return;
	}
	if (e == BR_ERR_IO || e == BR_ERR_OK) {
		if (conn.net.err == SV_E_TIMEOUT)
			seterr(r, SV_E_TIMEOUT, "TLS handshake: %s", conn.net.why);
		else if (conn.net.eof && conn.nfirst == 0)
			seterr(r, SV_E_NET, "TLS handshake: the server closed the connection without answering");
		else
			seterr(r, SV_E_NET, "TLS handshake: %s", conn.net.why[0] ? conn.net.why : "connection failed");
		return;
	}
	sv_buf_init(&b, m, sizeof m);
	sv_tls_error_fmt(&b, e);
	if (e == BR_ERR_X509_EXPIRED) {
		for (i = 0; i < h->nchain; i++) {
			const sv_cert_info *ci = &h->chain[i];
			if (now > ci->not_after) {
				seterr(r, SV_E_CRYPTO, "TLS: certificate %s (%s) expired on %T",
				       i == 0 ? "of the server" : "in the chain", ci->subject, ci->not_after);
				return;
			}
			if (now < ci->not_before) {
				seterr(r, SV_E_CRYPTO, "TLS: certificate %s (%s) is not valid before %T (this host's clock says %T)",
				       i == 0 ? "of the server" : "in the chain", ci->subject, ci->not_before, now);
				return;
			}
		}
	} else if (e == BR_ERR_X509_BAD_SERVER_NAME && h->nchain) {
		seterr(r, SV_E_CRYPTO, "TLS: certificate does not match the host name %s: it is for %s%s%s%s%s",
		       h->url.host, h->chain[0].subject, h->chain[0].san[0] ? " (" : "", h->chain[0].san,
		       h->chain[0].san[0] ? ")" : "",
		       h->url.ipv4 || h->url.ipv6 ? "; names are matched as DNS names: connect by name "
		                                    "(--resolve NAME:PORT:ADDR pins the address)" : "");
		return;
	} else if (e == BR_ERR_X509_NOT_TRUSTED && h->nchain) {
		const sv_cert_info *top = &h->chain[h->nchain - 1];
		if (top->self_issued)
			seterr(r, SV_E_CRYPTO, "TLS: certificate chain is not trusted by %s: it ends in the "
			       "self-signed %s, which is not an anchor there", t->source, top->subject);
		else
			seterr(r, SV_E_CRYPTO, "TLS: certificate chain is not trusted by %s: the last certificate "
			       "sent, %s, is issued by %s, which is not an anchor there", t->source, top->subject,
			       top->issuer);
		return;
	}
	seterr(r, SV_E_CRYPTO, "TLS: %s (BearSSL error %d)", m, e);
}

/* Records what the X.509 engine kept. */
static void keep_chain(sv_hop *h)
{
	size_t i;
	h->nchain = 0;
	h->chain_seen = tls.chain.seen;
	memcpy(h->last_sha1, tls.chain.last_sha1, 20);
	for (i = 0; i < tls.chain.n; i++) {
		const sv_chain_cert *cc = &tls.chain.cert[i];
		sv_err e;
		memcpy(h->sha1[i], cc->sha1, 20);
		if (!cc->whole || sv_x509_info(tls.chain.store + cc->off, cc->len, &h->chain[i], &e) != SV_OK) {
			memset(&h->chain[i], 0, sizeof h->chain[i]);
			memcpy(h->chain[i].subject, "(not kept or not readable)", sizeof "(not kept or not readable)");
		}
		h->nchain++;
	}
}

static int write_all(sv_request *r, const unsigned char *p, size_t n)
{
	if (br_sslio_write_all(&io, p, n) != 0 || br_sslio_flush(&io) != 0) {
		if (conn.net.err == SV_E_TIMEOUT)
			seterr(r, SV_E_TIMEOUT, "sending the request: %s", conn.net.why);
		else
			seterr(r, SV_E_NET, "sending the request: %s", conn.net.why[0] ? conn.net.why : "TLS error");
		return r->failed_rc;
	}
	return SV_OK;
}

/* Reads and parses the response; SV_OK when complete. */
/* Plaintext read from the TLS engine; wiped with it (forget_tls). */
static unsigned char rbuf[4096];

static int read_response(const sv_netopts *o, sv_request *r, sv_hop *h, size_t cap)
{
	unsigned char *buf = rbuf;
	sv_http_resp *p = &r->resp;
	int rc;

	sv_http_resp_init(p, r->out, cap, 0);
	for (;;) {
		int got = br_sslio_read(&io, buf, sizeof rbuf);
		size_t used;
		if (got < 0) {
			int e = br_ssl_engine_last_error(&tls.cc.eng);
			if (e == BR_ERR_OK && (br_ssl_engine_current_state(&tls.cc.eng) & BR_SSL_CLOSED)) {
				rc = sv_http_eof(p, 1);
			} else if (conn.net.err == SV_E_TIMEOUT) {
				char t[32];
				sv_buf tb;
				int total = strcmp(conn.net.why, "total time limit reached") == 0;
				sv_buf_init(&tb, t, sizeof t);
				ms_text(&tb, total ? o->total_ms : o->io_ms);
				if (total)
					seterr(r, SV_E_TIMEOUT, "the request did not finish within %s (--max-time); "
					       "%z body bytes had come", t, p->blen);
				else if (!p->head_done)
					seterr(r, SV_E_TIMEOUT, "no complete response head: nothing for %s (--timeout)", t);
				else if (p->framing == SV_HTTP_LENGTH)
					seterr(r, SV_E_TIMEOUT, "the server stalled after %z of %l body bytes: nothing for %s "
					       "(--timeout)", p->blen, (int64_t)p->clen, t);
				else
					seterr(r, SV_E_TIMEOUT, "the server stalled after %z body bytes: nothing for %s (--timeout)",
					       p->blen, t);
				return SV_E_TIMEOUT;
			} else if (conn.net.eof) {
				rc = sv_http_eof(p, 0);
			} else if (e != BR_ERR_IO) {
				char m[160];
				sv_buf mb;
				sv_buf_init(&mb, m, sizeof m);
				sv_tls_error_fmt(&mb, e);
				seterr(r, SV_E_NET, "reading the response: %s", m);
				return SV_E_NET;
			} else {
				seterr(r, SV_E_NET, "reading the response: %s", conn.net.why);
				return SV_E_NET;
			}
			if (rc != SV_OK) {
				seterr(r, rc, "%s", p->err.msg);
				return rc;
			}
			break;
		}
		rc = sv_http_feed(p, buf, (size_t)got, &used);
		if (p->status && !h->status) {
			sv_buf rb;
			h->status = p->status;
			sv_buf_init(&rb, h->reason, sizeof h->reason);
			sv_buf_clip(&rb, p->reason, 48);
		}
		if (rc != SV_OK) {
			const char *lim = strstr(p->err.msg, "-byte limit");
			if (rc == SV_E_LIMIT && lim && strncmp(p->err.msg, "body", 4) == 0) {
				/* name what set the limit right after it */
				size_t at = (size_t)(lim - p->err.msg) + sizeof "-byte limit" - 1;
				seterr(r, rc, "%v (%s)%s", sv_slice(sv_from_cstr(p->err.msg), 0, at),
				       cap < r->out_cap ? "--max-body" : r->limit_name ? r->limit_name : "the buffer",
				       p->err.msg + at);
			} else
				seterr(r, rc, "%s", p->err.msg);
			return rc;
		}
		if (p->done)
			break;
	}
	h->status = p->status;
	return SV_OK;
}

/* One hop: connect (maybe via proxy), TLS, request, response. */
static int one_hop(const sv_netopts *o, const sv_trust *t, sv_request *r, sv_hop *h)
{
	static char head[2048];
	static sv_url proxy;
	unsigned char seed[32];
	sv_sv pv = SV_NULL, npv = SV_NULL;
	const char *pwhich = NULL, *npwhich = NULL;
	int use_proxy = 0, rc;
	int64_t now;
	size_t cap;
	sv_buf path;
	sv_err e;

	sv_buf_init(&path, h->path, sizeof h->path);
	/* which path: --proxy, the environment, NO_PROXY */
	if (!o->no_proxy) {
		if (o->proxy) {
			pv = sv_from_cstr(o->proxy);
			pwhich = "--proxy";
		} else {
			env_first("https_proxy", "HTTPS_PROXY", &pv, &pwhich);
		}
	}
	if (pv.n) {
		use_proxy = 1;
		env_first("no_proxy", "NO_PROXY", &npv, &npwhich);
		if (npwhich && sv_no_proxy_match(npv, h->url.host)) {
			use_proxy = 0;
			sv_buf_fmt(&path, "direct (%s matches %s; %s is not used): ", npwhich, h->url.host, pwhich);
		}
	} else if (!o->no_proxy) {
		sv_buf_str(&path, "direct (no https_proxy/HTTPS_PROXY set): ");
	} else {
		sv_buf_str(&path, "direct (--no-proxy): ");
	}
	if (use_proxy) {
		memset(&e, 0, sizeof e);
		if (sv_url_parse(pv, SV_URL_ALLOW_HTTP | SV_URL_ALLOW_USERINFO | SV_URL_NO_SCHEME_OK, &proxy, &e) !=
		    SV_OK) {
			seterr(r, SV_E_FORMAT, "proxy from %s: %s", pwhich, e.msg);
			return SV_E_FORMAT;
		}
		if (proxy.https) {
			seterr(r, SV_E_FORMAT, "proxy from %s is https://: TLS to the proxy is not supported (use http://)",
			       pwhich);
			return SV_E_FORMAT;
		}
		sv_buf_fmt(&path, "via proxy from %s, CONNECT %s:%d; proxy ", pwhich, h->url.host,
		           (int)h->url.port);
		rc = tcp_connect(o, r, proxy.host, proxy.port, &path);
	} else {
		rc = tcp_connect(o, r, h->url.host, h->url.port, &path);
	}
	if (rc != SV_OK)
		return rc;
	sv_port_net_timeouts(&conn.net, o->io_ms, o->total_ms);
	conn.nfirst = 0;
	if (use_proxy && (rc = proxy_connect(r, h, &proxy)) != SV_OK)
		return rc;

	/* TLS */
	if (sv_port_now(&now) != SV_OK || sv_port_random(seed, sizeof seed) != SV_OK) {
		seterr(r, SV_E_IO, "cannot read the clock or the entropy source");
		return SV_E_IO;
	}
	if (sv_tls_start(&tls, &t->store, h->url.host, h->url.ipv4 || h->url.ipv6, now, seed, sizeof seed) !=
	    SV_OK) {
		seterr(r, SV_E_CRYPTO, "TLS: BearSSL refused the setup (error %d)",
		       br_ssl_engine_last_error(&tls.cc.eng));
		return SV_E_CRYPTO;
	}
	sv_wipe(seed, sizeof seed);
	br_sslio_init(&io, &tls.cc.eng, conn_recv, &conn, sv_port_net_send, &conn.net);
	rc = br_sslio_flush(&io);
	keep_chain(h);
	if (rc != 0) {
		tls_failure(r, h, t, now);
		return r->failed_rc;
	}
	{
		char vt[8], st[8];
		br_ssl_session_parameters sp;
		sv_buf tb;
		br_ssl_engine_get_session_parameters(&tls.cc.eng, &sp);
		sv_buf_init(&tb, h->tls, sizeof h->tls);
		sv_buf_fmt(&tb, "%s %s, certificate verified for %s", sv_tls_version_name(
		               br_ssl_engine_get_version(&tls.cc.eng), vt),
		           sv_tls_suite_name(sp.cipher_suite, st), h->url.host);
		h->tls_done = 1;
	}
	if (r->handshake_only)
		return SV_OK;

	/* request */
	if (r->raw) {
		rc = write_all(r, r->raw, r->raw_len);
	} else {
		size_t n = sv_http_request(head, sizeof head, r->method, &h->url, r->accept, r->content_type,
		                           r->body_len);
		if (n == 0) {
			seterr(r, SV_E_LIMIT, "request head does not fit %z bytes", sizeof head);
			return SV_E_LIMIT;
		}
		rc = write_all(r, (const unsigned char *)head, n);
		if (rc == SV_OK && r->body_len)
			rc = write_all(r, r->body, r->body_len);
	}
	if (rc != SV_OK)
		return rc;
	cap = r->out_cap;
	if (o->max_body && o->max_body < cap)
		cap = o->max_body;
	return read_response(o, r, h, cap);
}

/*
 * Once a connection is closed, its TLS engine still holds the decrypted
 * records (an STS answer carries live credentials, the request the token)
 * and the session keys. Only the chain the server sent is kept (thumbprint,
 * the hop's report).
 */
static void forget_tls(void)
{
	sv_wipe(tls.iobuf, sizeof tls.iobuf);
	sv_wipe(&tls.cc, sizeof tls.cc);
	sv_wipe(rbuf, sizeof rbuf);
}

int sv_net_request(const sv_netopts *o, const sv_trust *t, const char *url, sv_request *r)
{
	sv_err e;
	int rc;

	r->nhop = 0;
	r->err[0] = '\0';
	r->failed_rc = SV_OK;
	memset(&e, 0, sizeof e);
	memset(&r->hop[0], 0, sizeof r->hop[0]);
	r->nhop = 1;
	if (sv_url_parse(sv_from_cstr(url), 0, &r->hop[0].url, &e) != SV_OK) {
		sv_buf b;
		sv_buf_init(&b, r->err, sizeof r->err);
		sv_buf_fmt(&b, "%q: %s", sv_from_cstr(url), e.msg);
		r->failed_rc = e.code ? e.code : SV_E_FORMAT;
		r->nhop = 0;
		return r->failed_rc;
	}
	sv_port_net_init(&conn.net);
	for (;;) {
		sv_hop *h = &r->hop[r->nhop - 1];
		sv_sv loc;
		rc = one_hop(o, t, r, h);
		sv_port_net_close(&conn.net);
		forget_tls();
		if (rc != SV_OK)
			return rc;
		if (r->handshake_only || strcmp(r->method, "GET") != 0 || !sv_http_is_redirect(r->resp.status))
			return SV_OK;
		loc = sv_http_field_get(&r->resp, SV_LIT("Location"));
		if (!loc.p)
			return SV_OK;   /* e.g. S3's PermanentRedirect: the body says where */
		{
			sv_buf lb;
			sv_buf_init(&lb, h->location, sizeof h->location);
			sv_buf_clip(&lb, loc, sizeof h->location / 2);
		}
		if (r->nhop == SV_MAX_REDIRECTS + 1) {
			sv_buf b;
			size_t i;
			sv_buf_init(&b, r->err, sizeof r->err);
			sv_url_format(&b, &r->hop[0].url);
			sv_buf_fmt(&b, ": redirected more than %d times (SV_MAX_REDIRECTS): ", SV_MAX_REDIRECTS);
			for (i = 0; i < r->nhop; i++) {
				sv_url_format(&b, &r->hop[i].url);
				sv_buf_str(&b, " -> ");
			}
			sv_buf_fmt(&b, "%v", loc);
			r->failed_rc = SV_E_LIMIT;
			return SV_E_LIMIT;
		}
		memset(&r->hop[r->nhop], 0, sizeof r->hop[r->nhop]);
		if (sv_url_resolve(&h->url, loc, &r->hop[r->nhop].url, &e) != SV_OK) {
			seterr(r, SV_E_FORMAT, "%d redirect to an unusable Location %q: %s", r->resp.status, loc, e.msg);
			return SV_E_FORMAT;
		}
		if (!r->hop[r->nhop].url.https) {
			seterr(r, SV_E_FORMAT, "%d redirect to plain http (%v): refused, HTTPS is required",
			       r->resp.status, loc);
			return SV_E_FORMAT;
		}
		r->nhop++;
	}
}

/* ---- judging a document ------------------------------------------------ */

/* see net.h */
int sv_net_judge(const sv_request *r, const char *what, sv_json *doc, jsmntok_t *tok, size_t ntok,
                 sv_buf *why, sv_buf *line)
{
	const sv_http_resp *p = &r->resp;
	sv_sv ct = sv_http_field_get(p, SV_LIT("Content-Type")), body = { (const char *)p->body, p->blen };
	sv_body_info bi;
	sv_err e;

	sv_url_format(why, &r->hop[r->nhop - 1].url);
	sv_buf_str(why, ": ");
	sv_body_classify(body, ct, &bi);
	switch (bi.kind) {
	case SV_BODY_S3_ERROR:
		sv_buf_fmt(line, "%z bytes: S3 error XML, Code %v", p->blen, bi.code);
		if (sv_eq(bi.code, SV_LIT("AccessDenied")))
			sv_buf_fmt(why, "HTTP %d: S3 AccessDenied (%q): the bucket or object is not publicly "
			           "readable, and STS fetches anonymously", p->status, bi.message);
		else if (sv_eq(bi.code, SV_LIT("PermanentRedirect")))
			sv_buf_fmt(why, "HTTP %d: S3 PermanentRedirect: the bucket must be addressed at %q "
			           "(a CloudFront or S3 origin pointing at the wrong regional endpoint)", p->status,
			           bi.endpoint.p ? bi.endpoint : SV_LIT("its regional endpoint"));
		else if (sv_eq(bi.code, SV_LIT("NoSuchKey")))
			sv_buf_fmt(why, "HTTP %d: S3 NoSuchKey: nothing is published at this path in the "
			           "bucket (the %s was uploaded under another name?)", p->status, what);
		else if (sv_eq(bi.code, SV_LIT("NoSuchBucket")))
			sv_buf_fmt(why, "HTTP %d: S3 NoSuchBucket: the bucket %q does not exist", p->status,
			           bi.bucket.p ? bi.bucket : SV_LIT("(unnamed)"));
		else
			sv_buf_fmt(why, "HTTP %d: S3 error %v (%q)", p->status, bi.code, bi.message);
		return 1;
	case SV_BODY_HTML_LOGIN:
		sv_buf_fmt(line, "%z bytes: an HTML login page, title %q", p->blen, bi.title);
		sv_buf_fmt(why, "HTTP %d: an HTML login page (%q) instead of JSON: the %s sits behind "
		           "authentication, and STS fetches anonymously", p->status, bi.title, what);
		return 1;
	case SV_BODY_HTML:
		sv_buf_fmt(line, "%z bytes: HTML, title %q", p->blen, bi.title);
		sv_buf_fmt(why, "HTTP %d: an HTML page (%q) instead of JSON", p->status, bi.title);
		return 1;
	default:
		break;
	}
	if (p->status != 200) {
		sv_buf_fmt(line, "%z bytes: %v", p->blen, sv_slice(body, 0, 120));
		if (sv_http_is_redirect(p->status))
			sv_buf_fmt(why, "HTTP %d redirect without a Location field", p->status);
		else
			sv_buf_fmt(why, "HTTP %d %s: STS needs 200 with the %s", p->status, r->hop[r->nhop - 1].reason,
			           what);
		return 1;
	}
	if (bi.kind != SV_BODY_JSON) {
		sv_buf_fmt(line, "%z bytes: not JSON: %v", p->blen, sv_slice(body, 0, 120));
		sv_buf_fmt(why, "HTTP 200 but the body is not JSON (it starts %q)", sv_slice(body, 0, 40));
		return 1;
	}
	memset(&e, 0, sizeof e);
	if (sv_json_parse(doc, (const char *)p->body, p->blen, tok, ntok, &e) != SV_OK) {
		sv_buf_fmt(line, "%z bytes: malformed JSON", p->blen);
		sv_buf_fmt(why, "HTTP 200 but the %s is not valid JSON: %s", what, e.msg);
		return 1;
	}
	if (sv_json_type(doc, 0) != JSMN_OBJECT) {
		sv_buf_fmt(line, "%z bytes: JSON, but not an object", p->blen);
		sv_buf_fmt(why, "the %s is JSON but not an object", what);
		return 1;
	}
	return 0;
}

/* see net.h */
int sv_net_last_chain_pem(char *out, size_t cap, size_t *len, size_t *ncerts)
{
	sv_buf b;
	size_t i;
	sv_buf_init(&b, out, cap);
	if (tls.chain.n == 0 || tls.chain.n != tls.chain.seen)
		return SV_E_LIMIT;
	for (i = 0; i < tls.chain.n; i++) {
		const sv_chain_cert *cc = &tls.chain.cert[i];
		size_t off;
		if (!cc->whole)
			return SV_E_LIMIT;
		sv_buf_str(&b, "-----BEGIN CERTIFICATE-----\n");
		for (off = 0; off < cc->len; off += 48) {
			char line[72];
			size_t k = cc->len - off < 48 ? cc->len - off : 48;
			sv_b64std_encode(tls.chain.store + cc->off + off, k, line, sizeof line);
			sv_buf_str(&b, line);
			sv_buf_char(&b, '\n');
		}
		sv_buf_str(&b, "-----END CERTIFICATE-----\n");
	}
	if (b.overflow)
		return SV_E_LIMIT;
	*len = b.len;
	*ncerts = tls.chain.n;
	return SV_OK;
}

/* ---- rendering -------------------------------------------------------- */

void sv_net_render_hop(sv_out *out, const sv_hop *h, int full)
{
	size_t i;
	if (h->path[0])
		sv_out_fmt(out, "  path      %s\n", h->path);
	if (h->tls_done)
		sv_out_fmt(out, "  tls       %s\n", h->tls);
	for (i = 0; i < h->nchain; i++) {
		const sv_cert_info *ci = &h->chain[i];
		char hex[41];
		sv_buf b;
		sv_buf_init(&b, hex, sizeof hex);
		sv_buf_hex(&b, h->sha1[i], 20);
		sv_out_fmt(out, "  %s %z  %s\n", i ? "         " : "chain    ", i, ci->subject);
		if (full || i == 0) {
			sv_out_fmt(out, "              issuer %s\n", ci->issuer);
			if (ci->not_after)
				sv_out_fmt(out, "              valid  %T to %T\n", ci->not_before, ci->not_after);
			if (ci->san[0])
				sv_out_fmt(out, "              names  %s\n", ci->san);
			sv_out_fmt(out, "              sha1   %s\n", hex);
		}
	}
	if (h->chain_seen > h->nchain)
		sv_out_fmt(out, "            (%z more certificates not kept: SV_MAX_CHAIN_CERTS=%d)\n",
		           h->chain_seen - h->nchain, SV_MAX_CHAIN_CERTS);
	if (h->status)
		sv_out_fmt(out, "  status    %d %s\n", h->status, h->reason);
	if (h->location[0])
		sv_out_fmt(out, "  redirect  -> %s\n", h->location);
}

#endif /* SV_NET */
