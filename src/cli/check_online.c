/*
 * check_online.c -- `check --online`: the documents STS fetches, fetched
 * live from the token's issuer as STS does (discovery, then jwks_uri,
 * anonymously over HTTPS), and the chain the jwks_uri host serves for the
 * thumbprint gate. What could not be fetched becomes check's fetch_error.
 */
#include "net.h"
#include "stsverify/sv_check.h"

#if SV_NET

static sv_trust trust;
static sv_request rq;
static unsigned char disc[SV_MAX_DOC_BYTES], keys[SV_MAX_JWKS_BYTES];
static jsmntok_t tok[SV_MAX_JWKS_TOKENS];
static char pem[SV_MAX_CHAIN_BYTES], err[1400], url[SV_MAX_URL_BYTES + 64], juri_buf[SV_MAX_URL_BYTES + 1];
static char abuf[SV_MAX_STRING_ARENA];

static void show(sv_cli *c, int on, const char *what)
{
	size_t i;
	if (!on)
		return;
	for (i = 0; i < rq.nhop; i++) {
		char u[SV_MAX_URL_BYTES + 16];
		sv_buf b;
		sv_buf_init(&b, u, sizeof u);
		sv_url_format(&b, &rq.hop[i].url);
		sv_out_fmt(&c->out, "%s GET %s\n", i ? "  redirect " : what, u);
		sv_net_render_hop(&c->out, &rq.hop[i], 0);
	}
}

/* One GET; 0 with the body in rq, or 1 with err set (and shown). */
static int get(sv_cli *c, const sv_netopts *o, int on, const char *what, const char *doc_name, const char *u,
               unsigned char *buf, size_t cap, const char *limit, sv_json *doc)
{
	sv_buf wb, lb;
	char line[400];
	memset(&rq, 0, sizeof rq);
	rq.method = "GET";
	rq.accept = "application/json";
	rq.out = buf;
	rq.out_cap = cap;
	rq.limit_name = limit;
	if (sv_net_request(o, &trust, u, &rq) != SV_OK) {
		show(c, on, what);
		sv_buf_init(&wb, err, sizeof err);
		sv_buf_str(&wb, rq.err);
		return 1;
	}
	show(c, on, what);
	sv_buf_init(&wb, err, sizeof err);
	sv_buf_init(&lb, line, sizeof line);
	if (sv_net_judge(&rq, doc_name, doc, tok, SV_MAX_JWKS_TOKENS, &wb, &lb) != 0) {
		if (on && lb.len)
			sv_out_fmt(&c->out, "  body      %s\n", line);
		return 1;
	}
	if (on)
		sv_out_fmt(&c->out, "  body      %z bytes, JSON\n", rq.resp.blen);
	return 0;
}

/* see net.h */
int sv_cli_check_online(sv_cli *c, const sv_netopts *o, int on, sv_check_in *ci)
{
	static sv_workspace ws;
	static sv_report rep;
	static char iss[SV_MAX_URL_BYTES];
	sv_json doc;
	sv_arena ar;
	sv_sv juri = SV_NULL;
	sv_buf b;
	size_t plen, n;
	int v;

	if (!ci->jwt.p) {
		sv_cli_note(c, "check --online: no token, so no issuer to fetch from; nothing was fetched");
		return 0;
	}
	sv_report_init(&rep);
	if (sv_token_decode(&ws, ci->jwt.p, ci->jwt.n, &rep) != SV_OK || ws.tok.clm.iss_state != SV_F_OK ||
	    ws.tok.clm.iss.n >= sizeof iss) {
		sv_cli_note(c, "check --online: the token has no usable iss; nothing was fetched");
		sv_workspace_wipe(&ws);
		return 0;
	}
	memcpy(iss, ws.tok.clm.iss.p, ws.tok.clm.iss.n);
	iss[ws.tok.clm.iss.n] = '\0';
	sv_workspace_wipe(&ws);
	if (strncmp(iss, "https://", 8) != 0) {
		sv_cli_note(c, "check --online: iss %q is not https://, and STS fetches nothing over plain HTTP; "
		            "nothing was fetched", sv_from_cstr(iss));
		return 0;
	}
	if (sv_net_load_trust(c, o, &trust) != SV_OK)
		return -1;
	if (on)
		sv_out_fmt(&c->out, "online    fetching the issuer's documents as STS does (trust: %s)\n", trust.source);

	/* OpenID Connect Discovery 1.0 section 4, as fetch does */
	sv_buf_init(&b, url, sizeof url);
	n = strlen(iss);
	sv_buf_put(&b, iss, n && iss[n - 1] == '/' ? n - 1 : n);
	sv_buf_str(&b, "/.well-known/openid-configuration");
	if (get(c, o, on, "discovery", "discovery document", url, disc, sizeof disc, "SV_MAX_DOC_BYTES", &doc)) {
		ci->fetch_error = err;
		return 0;
	}
	ci->discovery = (sv_sv){ (const char *)disc, rq.resp.blen };
	sv_arena_init(&ar, abuf, sizeof abuf);
	v = sv_json_get(&doc, 0, SV_LIT("jwks_uri"));
	if (v < 0 || sv_json_str(&doc, v, &ar, &juri) != SV_OK || juri.n >= sizeof juri_buf ||
	    !sv_has_prefix(juri, SV_LIT("https://")))
		return 0;    /* disc.jwks-uri says what is wrong */
	memcpy(juri_buf, juri.p, juri.n);
	juri_buf[juri.n] = '\0';
	if (get(c, o, on, "jwks     ", "JWK Set", juri_buf, keys, sizeof keys, "SV_MAX_JWKS_BYTES", &doc)) {
		ci->fetch_error = err;
		return 0;
	}
	ci->jwks = (sv_sv){ (const char *)keys, rq.resp.blen };
	/* the chain the jwks_uri host (after redirects) sent: the thumbprint gate's input */
	if (sv_net_last_chain_pem(pem, sizeof pem, &plen, &n) == SV_OK) {
		ci->chain = (sv_sv){ pem, plen };
		if (on)
			sv_out_fmt(&c->out, "online    the jwks_uri host sent %z certificate%s; they are the thumbprint "
			           "gate's chain\n", n, n == 1 ? "" : "s");
	} else if (on) {
		sv_out_str(&c->out, "online    the jwks_uri host's chain was too large to keep (SV_MAX_CHAIN_CERTS / "
		                    "SV_MAX_CHAIN_BYTES); the thumbprint gate has no chain\n");
	}
	return 0;
}

#else

typedef int sv_check_online_not_built; /* PORT=none: cmd_check.c answers 'not built in' */

#endif
