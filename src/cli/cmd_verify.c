/* cmd_verify.c -- `stsverify verify`: the token against a JWKS. */
#include "cli.h"

enum { O_TOKEN = 1, O_JWKS, O_NOW, O_AUD, O_ISS, O_ALG, O_LEEWAY, O_JSON, O_HELP };

static const sv_opt opts[] = {
	{ "token", 1, O_TOKEN }, { "jwks", 1, O_JWKS }, { "now", 1, O_NOW }, { "aud", 1, O_AUD },
	{ "iss", 1, O_ISS }, { "alg", 1, O_ALG }, { "leeway", 1, O_LEEWAY }, { "json", 0, O_JSON },
	{ "help", 0, O_HELP }, { "h", 0, O_HELP }, { NULL, 0, 0 }
};

static const char help[] =
    "usage: stsverify verify --token FILE --jwks FILE [--now T] [--aud A]... [--iss URL]\n"
    "                        [--alg LIST] [--leeway S] [--json]\n"
    "\n"
    "Checks the token as STS would against a local JWKS: compact JWS structure,\n"
    "alg, crit, kid selection, key parameters, the signature, and the claims\n"
    "iss, sub, aud, exp, nbf, iat. Prints one row per check, then a hint for\n"
    "each failure. The token's signature is never printed.\n"
    "\n"
    "  --token FILE  the token (- for stdin); exactly one trailing newline is allowed\n"
    "  --jwks FILE   the issuer's JWK Set (the document at jwks_uri)\n"
    "  --now T       Unix seconds or RFC 3339 UTC (default: this host's clock)\n"
    "  --aud A       expected audience; repeat for several (any one must match)\n"
    "  --iss URL     expected issuer, compared exactly\n"
    "  --alg LIST    accepted algorithms, e.g. RS256,ES256 (default: all STS accepts:\n"
    "                RS256 RS384 RS512 ES256 ES384 ES512)\n"
    "  --leeway S    clock skew allowed for exp, nbf, iat in seconds (default 300, as AWS)\n"
    "  --json        one JSON document instead of text (schema in docs/json-schema.md)\n"
    "\n"
    "exit status: 0 accepted, 1 rejected (a check failed), 2 usage or input error\n";

int sv_cmd_verify(sv_cli *c, int argc, const char *const *argv)
{
	static sv_workspace ws;
	static sv_report rep;
	static unsigned char jwks[SV_MAX_JWKS_BYTES];
	sv_verify_opts vo;
	sv_args a;
	const char *tpath = NULL, *kpath = NULL, *nowarg = NULL;
	int id, json = 0, rc;
	int64_t now, leeway = SV_DEFAULT_LEEWAY;
	size_t klen, i, nfail = 0;
	sv_sv jwt;
	sv_err e;

	sv_verify_opts_init(&vo, 0);
	sv_args_init(&a, argc, argv);
	while ((id = sv_args_next(c, &a, opts)) > 0) {
		switch (id) {
		case O_TOKEN: tpath = a.optarg; break;
		case O_JWKS: kpath = a.optarg; break;
		case O_NOW: nowarg = a.optarg; break;
		case O_AUD:
			if (vo.naud == SV_MAX_EXPECT_AUD)
				return sv_cli_fail(c, "verify: more than %d --aud values", SV_MAX_EXPECT_AUD);
			vo.aud[vo.naud++] = sv_from_cstr(a.optarg);
			break;
		case O_ISS: vo.iss = sv_from_cstr(a.optarg); break;
		case O_ALG:
			if (sv_alg_parse_list(sv_from_cstr(a.optarg), &vo.algs, &e) != SV_OK)
				return sv_cli_fail(c, "verify: --alg: %s", e.msg);
			break;
		case O_LEEWAY:
			if (sv_cli_int(c, "leeway", a.optarg, 0, 86400, &leeway) != SV_OK)
				return SV_EXIT_USAGE;
			break;
		case O_JSON: json = 1; break;
		case O_HELP: sv_out_str(&c->out, help); return SV_EXIT_OK;
		default: break;
		}
	}
	if (id < 0)
		return SV_EXIT_USAGE;
	if (a.npos > 0)
		return sv_cli_fail(c, "verify: unexpected argument %q (the token goes in --token FILE)",
		                   sv_from_cstr(a.positional[0]));
	if (!tpath)
		return sv_cli_fail(c, "verify: --token FILE is required");
	if (!kpath)
		return sv_cli_fail(c, "verify: --jwks FILE is required");
	if (sv_cli_now(c, nowarg, &now) != SV_OK)
		return SV_EXIT_USAGE;
	vo.now = now;
	vo.leeway = leeway;

	if (sv_cli_read_token(c, tpath, &jwt) != SV_OK)
		return SV_EXIT_USAGE;
	if (sv_cli_load(c, "jwks", kpath, jwks, sizeof jwks, &klen) != SV_OK)
		return SV_EXIT_USAGE;

	sv_report_init(&rep);
	rc = sv_verify(&ws, &vo, jwt.p, jwt.n, (const char *)jwks, klen, &rep, &e);
	if (rc != SV_OK) {
		sv_workspace_wipe(&ws);
		return sv_cli_fail(c, "jwks: %s: %s", kpath, e.msg);
	}
	for (i = 0; i < rep.count; i++)
		if (rep.items[i].status == SV_FAIL)
			nfail++;

	if (json) {
		sv_out *o = &c->out;
		sv_out_fmt(o, "{\n  \"schema\": 1,\n  \"command\": \"verify\",\n  \"accepted\": %s,\n  \"checks\": [",
		           sv_report_ok(&rep) ? "true" : "false");
		sv_render_checks_json(o, &rep);
		sv_out_str(o, "\n  ],\n  \"header\": ");
		if (ws.tok.decoded)
			sv_render_json_pretty(o, &ws.tok.hdoc, 0, 2);
		else
			sv_out_str(o, "null");
		sv_out_str(o, ",\n  \"claims\": ");
		if (ws.tok.decoded)
			sv_render_json_pretty(o, &ws.tok.cdoc, 0, 2);
		else
			sv_out_str(o, "null");
		sv_out_str(o, "\n}\n");
	} else {
		sv_render_rows(c, &rep);
		if (sv_report_ok(&rep)) {
			sv_out_str(&c->out, "verdict: ACCEPTED: the token verifies against the JWKS\n");
		} else {
			int first = 1;
			sv_out_fmt(&c->out, "verdict: REJECTED: %z check%s failed:", nfail, nfail == 1 ? "" : "s");
			for (i = 0; i < rep.count; i++) {
				if (rep.items[i].status == SV_FAIL) {
					sv_out_fmt(&c->out, "%s %s", first ? "" : ",", sv_check_slug(rep.items[i].id));
					first = 0;
				}
			}
			sv_out_str(&c->out, "\n");
		}
	}
	rc = sv_report_ok(&rep) ? SV_EXIT_OK : SV_EXIT_REJECT;
	sv_workspace_wipe(&ws);
	return rc;
}
