/* cmd_fetch.c -- `stsverify fetch ISSUER`: discovery and JWKS over HTTPS, as STS fetches them. */
#include "net.h"

#define ISSUER_HINT "ISSUER is the token's iss claim exactly, https://... (`stsverify decode --token FILE` " \
	"shows it)"

static const char help[] =
    "usage: stsverify fetch ISSUER [--out DIR] [--ca-file FILE] [network options]\n"
    "\n"
    "Fetches ISSUER/.well-known/openid-configuration and then the JWK Set at its\n"
    "jwks_uri, anonymously over HTTPS, as STS does. For each request it reports\n"
    "the path taken (direct or through which proxy), TLS version and cipher, the\n"
    "certificate chain, the status, the content type, every redirect, and what\n"
    "the body is; it names the classic hosting failures: an S3 AccessDenied or\n"
    "NoSuchKey XML, a CloudFront/S3 PermanentRedirect, an HTML login page.\n"
    "\n"
    "  ISSUER            the token's iss, https://...\n"
    "  --out DIR         write openid-configuration.json and keys.json into DIR\n"
    "                    (the file names 'check --dir' reads); DIR is created\n"
    SV_NET_OPTS_HELP
    "\n"
    "exit status: 0 both documents fetched and are JSON, 1 a request failed or\n"
    "returned something STS cannot use, 2 usage or local input error\n";

#if !SV_NET

int sv_cmd_fetch(sv_cli *c, int argc, const char *const *argv)
{
	if (argc >= 1 && (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0)) {
		sv_out_str(&c->out, help);
		return SV_EXIT_OK;
	}
	sv_cli_fail(c, "fetch: not built in (offline build, PORT=none)");
	return sv_cli_hint(c, "%s", SV_CLI_NOT_BUILT_HINT);
}

#else

enum { O_OUT = 1, O_HELP };

static const sv_opt opts[] = {
	{ "out", 1, O_OUT }, SV_NET_OPTS, { "help", 0, O_HELP }, { "h", 0, O_HELP }, { NULL, 0, 0 }
};

static sv_netopts nopt;
static sv_trust trust;
static sv_request req;

/* Prints the hops of a request under a heading. */
static void render(sv_cli *c, const char *what, const sv_request *r)
{
	size_t i;
	for (i = 0; i < r->nhop; i++) {
		char u[SV_MAX_URL_BYTES + 16];
		sv_buf b;
		sv_buf_init(&b, u, sizeof u);
		sv_url_format(&b, &r->hop[i].url);
		if (i == 0)
			sv_out_fmt(&c->out, "%s GET %s\n", what, u);
		else
			sv_out_fmt(&c->out, "  redirect %z of at most %d: GET %s\n", i, SV_MAX_REDIRECTS, u);
		sv_net_render_hop(&c->out, &r->hop[i], 0);
	}
}

/*
 * Is the response a JSON document STS can read? 0 yes; 1 no, with the one
 * error line printed (URL, status, what the body is).
 */
static int judge(sv_cli *c, const char *what, const sv_request *r, sv_json *doc, jsmntok_t *tok,
                 size_t ntok)
{
	char why[1400], line[400];
	sv_buf wb, lb;
	sv_sv ct = sv_http_field_get(&r->resp, SV_LIT("Content-Type"));
	int rc;

	sv_buf_init(&wb, why, sizeof why);
	sv_buf_init(&lb, line, sizeof line);
	sv_out_fmt(&c->out, "  type      %v\n", ct.p ? ct : SV_LIT("(none)"));
	rc = sv_net_judge(r, what, doc, tok, ntok, &wb, &lb);
	if (lb.len)
		sv_out_fmt(&c->out, "  body      %s\n", line);
	if (rc != 0)
		sv_cli_fail(c, "%s: %s", c->cmd, why);
	return rc;
}

/* DIR/name into buf. */
static int join(sv_cli *c, char *buf, size_t cap, const char *dir, const char *name)
{
	sv_buf b;
	sv_buf_init(&b, buf, cap);
	sv_buf_str(&b, dir);
	if (dir[0] && dir[strlen(dir) - 1] != '/')
		sv_buf_char(&b, '/');
	sv_buf_str(&b, name);
	if (b.overflow) {
		sv_cli_fail(c, "%s: --out: path too long", c->cmd);
		sv_cli_hint(c, "give --out a shorter directory path (at most 4095 bytes with the file name)");
		return -1;
	}
	return 0;
}

static int save(sv_cli *c, const char *dir, const char *name, const unsigned char *p, size_t n)
{
	char path[4096];
	int rc;
	if (join(c, path, sizeof path, dir, name) != 0)
		return -1;
	rc = sv_port_write_file(path, p, n);
	if (rc != SV_OK) {
		sv_cli_fail(c, "%s: cannot write %s: %s", c->cmd, path, sv_strerror(rc));
		sv_cli_hint(c, "--out needs a directory you can write to");
		return -1;
	}
	sv_out_fmt(&c->out, "wrote     %s (%z bytes)\n", path, n);
	return 0;
}

int sv_cmd_fetch(sv_cli *c, int argc, const char *const *argv)
{
	static unsigned char disc[SV_MAX_DOC_BYTES], keys[SV_MAX_JWKS_BYTES];
	static jsmntok_t dtok[SV_MAX_DOC_TOKENS], ktok[SV_MAX_JWKS_TOKENS];
	static char abuf[SV_MAX_STRING_ARENA];
	static sv_jwks jwks;
	static char url[SV_MAX_URL_BYTES + 64], jwks_url[SV_MAX_URL_BYTES + 1];
	sv_args a;
	const char *out = NULL;
	sv_sv issuer, got_iss = SV_NULL, juri = SV_NULL;
	size_t disc_len, keys_len, warnings = 0;
	sv_json doc;
	sv_arena ar;
	sv_err e;
	sv_buf b;
	int id, rc, v;

	sv_netopts_init(&nopt);
	sv_args_init(&a, argc, argv);
	while ((id = sv_args_next(c, &a, opts)) > 0) {
		if (id == O_HELP) {
			sv_out_str(&c->out, help);
			return SV_EXIT_OK;
		}
		if (id == O_OUT) {
			out = a.optarg;
			continue;
		}
		if (sv_netopts_opt(c, &nopt, id, a.optarg) < 0)
			return SV_EXIT_USAGE;
	}
	if (id < 0)
		return SV_EXIT_USAGE;
	if (a.npos != 1)
		return sv_cli_usage(c, "fetch: give exactly one ISSUER URL (the token's iss)");
	issuer = sv_from_cstr(a.positional[0]);
	{
		static sv_url iu;
		memset(&e, 0, sizeof e);
		if (sv_url_parse(issuer, 0, &iu, &e) != SV_OK) {
			sv_cli_fail(c, "fetch: ISSUER %q: %s", issuer, e.msg);
			return sv_cli_hint(c, "%s", ISSUER_HINT);
		}
		if (sv_find(issuer, '?', 0) != (size_t)-1 || sv_find(issuer, '#', 0) != (size_t)-1) {
			sv_cli_fail(c, "fetch: ISSUER %q: an issuer has no query or fragment", issuer);
			return sv_cli_hint(c, "%s", ISSUER_HINT);
		}
	}
	/* OpenID Connect Discovery 1.0 section 4: strip one trailing '/', append the path */
	sv_buf_init(&b, url, sizeof url);
	sv_buf_sv(&b, sv_has_suffix(issuer, SV_LIT("/")) ? sv_slice(issuer, 0, issuer.n - 1) : issuer);
	sv_buf_str(&b, "/.well-known/openid-configuration");
	if (b.overflow) {
		sv_cli_fail(c, "fetch: ISSUER is too long");
		return sv_cli_hint(c, "URLs are at most SV_MAX_URL_BYTES (%d, include/stsverify/sv_config.h); %s",
		                   SV_MAX_URL_BYTES, ISSUER_HINT);
	}
	if (sv_net_load_trust(c, &nopt, &trust) != SV_OK)
		return SV_EXIT_USAGE;
	if (out && (rc = sv_port_mkdir(out)) != SV_OK) {
		sv_cli_fail(c, "fetch: --out %s: %s", out,
		            rc == SV_E_FORMAT ? "exists and is not a directory" : sv_strerror(rc));
		return sv_cli_hint(c, "--out names a directory to create or reuse (the bundle directory check --dir "
		                      "reads)");
	}
	sv_out_fmt(&c->out, "trust     %s\n", trust.source);

	/* the discovery document */
	memset(&req, 0, sizeof req);
	req.method = "GET";
	req.accept = "application/json";
	req.out = disc;
	req.out_cap = sizeof disc;
	req.limit_name = "SV_MAX_DOC_BYTES";
	rc = sv_net_request(&nopt, &trust, url, &req);
	render(c, "discovery", &req);
	if (rc != SV_OK) {
		sv_cli_fail(c, "fetch: %s", req.err);
		return SV_EXIT_REJECT;
	}
	disc_len = req.resp.blen;
	if (judge(c, "discovery document", &req, &doc, dtok, SV_MAX_DOC_TOKENS) != 0)
		return SV_EXIT_REJECT;
	sv_arena_init(&ar, abuf, sizeof abuf);
	v = sv_json_get(&doc, 0, SV_LIT("issuer"));
	if (v >= 0 && sv_json_str(&doc, v, &ar, &got_iss) != SV_OK)
		got_iss = SV_NULL;
	v = sv_json_get(&doc, 0, SV_LIT("jwks_uri"));
	if (v >= 0 && sv_json_str(&doc, v, &ar, &juri) != SV_OK)
		juri = SV_NULL;
	sv_out_fmt(&c->out, "  body      %z bytes: JSON; issuer %q, jwks_uri %q\n", disc_len,
	           got_iss.p ? got_iss : SV_LIT("(missing)"), juri.p ? juri : SV_LIT("(missing)"));
	if (!got_iss.p || !sv_eq(got_iss, issuer)) {
		sv_out_fmt(&c->out, "  warning   the document's issuer %q is not ISSUER %q exactly; STS compares it "
		           "with the token's iss (see check: disc.issuer)\n",
		           got_iss.p ? got_iss : SV_LIT("(missing)"), issuer);
		warnings++;
	}
	if (req.nhop > 1) {
		sv_out_str(&c->out, "  warning   served through a redirect; whether STS follows redirects is "
		                    "not confirmed\n");
		warnings++;
	}
	if (out && save(c, out, "openid-configuration.json", disc, disc_len) != 0)
		return SV_EXIT_USAGE;
	if (!juri.p) {
		sv_cli_fail(c, "fetch: %s: the discovery document has no jwks_uri string", url);
		return SV_EXIT_REJECT;
	}
	if (juri.n >= sizeof jwks_url) {
		sv_cli_fail(c, "fetch: jwks_uri is longer than %d bytes", SV_MAX_URL_BYTES);
		return SV_EXIT_REJECT;
	}
	memcpy(jwks_url, juri.p, juri.n);
	jwks_url[juri.n] = '\0';

	/* the JWK Set */
	memset(&req, 0, sizeof req);
	req.method = "GET";
	req.accept = "application/json";
	req.out = keys;
	req.out_cap = sizeof keys;
	req.limit_name = "SV_MAX_JWKS_BYTES";
	rc = sv_net_request(&nopt, &trust, jwks_url, &req);
	render(c, "jwks     ", &req);
	if (rc != SV_OK) {
		if (req.nhop == 0)
			sv_cli_fail(c, "fetch: jwks_uri %s (STS requires an https jwks_uri)", req.err);
		else
			sv_cli_fail(c, "fetch: %s", req.err);
		return SV_EXIT_REJECT;
	}
	keys_len = req.resp.blen;
	if (judge(c, "JWK Set", &req, &doc, ktok, SV_MAX_JWKS_TOKENS) != 0)
		return SV_EXIT_REJECT;
	sv_arena_init(&ar, abuf, sizeof abuf);
	memset(&e, 0, sizeof e);
	if (sv_jwks_parse(&jwks, (const char *)keys, keys_len, ktok, SV_MAX_JWKS_TOKENS, &ar, &e) != SV_OK) {
		sv_out_fmt(&c->out, "  body      %z bytes: JSON, but not a JWK Set\n", keys_len);
		sv_cli_fail(c, "fetch: %s: not a JWK Set: %s", jwks_url, e.msg);
		return SV_EXIT_REJECT;
	}
	sv_out_fmt(&c->out, "  body      %z bytes: JWK Set with %z key%s (%z RSA, %z EC, %z other)\n", keys_len,
	           jwks.nkeys, jwks.nkeys == 1 ? "" : "s", jwks.nrsa, jwks.nec, jwks.nother);
	if (jwks.nrsa + jwks.nec == 0) {
		sv_out_str(&c->out, "  warning   no RSA or EC key: STS cannot verify any token with it (check: jwks.keys)\n");
		warnings++;
	}
	if (req.nhop > 1) {
		sv_out_str(&c->out, "  warning   served through a redirect; whether STS follows redirects is "
		                    "not confirmed\n");
		warnings++;
	}
	if (out && save(c, out, "keys.json", keys, keys_len) != 0)
		return SV_EXIT_USAGE;
	if (warnings)
		sv_out_fmt(&c->out, "result    OK with %z warning%s: both documents are served anonymously over "
		           "HTTPS as JSON\n", warnings, warnings == 1 ? "" : "s");
	else
		sv_out_str(&c->out, "result    OK: both documents are served anonymously over HTTPS as JSON\n");
	return SV_EXIT_OK;
}

#endif
