/* cmd_thumbprint.c -- `stsverify thumbprint URL`: the chain a host sends and IAM's thumbprint of it. */
#include "net.h"

static const char help[] =
    "usage: stsverify thumbprint URL [--ca-file FILE] [network options]\n"
    "\n"
    "Connects to the host of URL over TLS, verifies its certificate, and prints\n"
    "the chain the server sent (subject, issuer, validity, SHA-1 of each) and\n"
    "the IAM OIDC thumbprint: the lowercase hex SHA-1 of the LAST certificate\n"
    "the server sends. Give the jwks_uri, not the issuer: IAM takes the\n"
    "thumbprint from the host that serves the keys.\n"
    "\n"
    "  URL               https://host[:port]/... or host[:port]\n"
    SV_NET_OPTS_HELP
    "\n"
    "exit status: 0 thumbprint printed, 1 the connection or TLS failed, 2 usage error\n";

#if !SV_NET

int sv_cmd_thumbprint(sv_cli *c, int argc, const char *const *argv)
{
	if (argc >= 1 && (strcmp(argv[0], "--help") == 0 || strcmp(argv[0], "-h") == 0)) {
		sv_out_str(&c->out, help);
		return SV_EXIT_OK;
	}
	sv_cli_fail(c, "thumbprint: not built in (offline build, PORT=none)");
	return sv_cli_hint(c, "%s", SV_CLI_NOT_BUILT_HINT);
}

#else

enum { O_HELP = 1 };

static const sv_opt opts[] = {
	SV_NET_OPTS, { "help", 0, O_HELP }, { "h", 0, O_HELP }, { NULL, 0, 0 }
};

int sv_cmd_thumbprint(sv_cli *c, int argc, const char *const *argv)
{
	static sv_netopts nopt;
	static sv_trust trust;
	static sv_request req;
	static sv_url u;
	static char url[SV_MAX_URL_BYTES + 16];
	const sv_hop *h;
	sv_args a;
	sv_err e;
	sv_buf b;
	char hex[41];
	int id, rc;

	sv_netopts_init(&nopt);
	sv_args_init(&a, argc, argv);
	while ((id = sv_args_next(c, &a, opts)) > 0) {
		if (id == O_HELP) {
			sv_out_str(&c->out, help);
			return SV_EXIT_OK;
		}
		if (sv_netopts_opt(c, &nopt, id, a.optarg) < 0)
			return SV_EXIT_USAGE;
	}
	if (id < 0)
		return SV_EXIT_USAGE;
	if (a.npos != 1)
		return sv_cli_usage(c, "thumbprint: give exactly one URL (the jwks_uri)");
	memset(&e, 0, sizeof e);
	if (sv_url_parse(sv_from_cstr(a.positional[0]), SV_URL_NO_SCHEME_OK, &u, &e) != SV_OK) {
		sv_cli_fail(c, "thumbprint: URL %q: %s", sv_from_cstr(a.positional[0]), e.msg);
		return sv_cli_hint(c, "give the jwks_uri of the discovery document, https://... (`stsverify fetch "
		                      "ISSUER` prints it)");
	}
	sv_buf_init(&b, url, sizeof url);
	sv_url_format(&b, &u);
	if (sv_net_load_trust(c, &nopt, &trust) != SV_OK)
		return SV_EXIT_USAGE;
	sv_out_fmt(&c->out, "trust     %s\n", trust.source);
	sv_out_fmt(&c->out, "host      %s port %d\n", u.host, (int)u.port);

	memset(&req, 0, sizeof req);
	req.method = "GET";
	req.handshake_only = 1;
	rc = sv_net_request(&nopt, &trust, url, &req);
	if (req.nhop)
		sv_net_render_hop(&c->out, &req.hop[0], 1);
	if (rc != SV_OK) {
		sv_cli_fail(c, "thumbprint: %s", req.err);
		return SV_EXIT_REJECT;
	}
	h = &req.hop[0];
	sv_buf_init(&b, hex, sizeof hex);
	sv_buf_hex(&b, h->last_sha1, 20);
	sv_out_fmt(&c->out, "thumbprint %s\n", hex);
	sv_out_fmt(&c->out, "          SHA-1 of certificate %z, the last of the %z the server sent: %s\n",
	           h->chain_seen - 1, h->chain_seen,
	           h->chain_seen == h->nchain ? h->chain[h->nchain - 1].subject : "not kept");
	sv_out_str(&c->out, "note      IAM compares this with the provider's ThumbprintList only when the "
	                    "certificate does not chain to a CA AWS trusts\n");
	return SV_EXIT_OK;
}

#endif
