/* cmd_decode.c -- `stsverify decode`: header and claims, signature redacted. */
#include "cli.h"

enum { O_TOKEN = 1, O_NOW, O_HELP };

static const sv_opt opts[] = {
	{ "token", 1, O_TOKEN }, { "now", 1, O_NOW }, { "help", 0, O_HELP }, { "h", 0, O_HELP },
	{ NULL, 0, 0 }
};

static const char help[] =
    "usage: stsverify decode [--token FILE | TOKEN | -] [--now T]\n"
    "\n"
    "Prints the token's header and claims as one JSON document, with the times\n"
    "(iat, nbf, exp) spelled out in UTC and relative to now. The signature is\n"
    "never printed: the token is a bearer credential.\n"
    "\n"
    "  --token FILE  read the token from FILE (- for stdin); one trailing newline is allowed\n"
    "  TOKEN         the token itself as an argument\n"
    "  --now T       Unix seconds or RFC 3339 UTC (default: this host's clock)\n"
    "\n"
    "exit status: 0 decoded, 1 not a well-formed token, 2 usage or input error\n";

static void time_member(sv_out *o, const char *name, const sv_numdate *nd, int64_t now, int *first)
{
	if (nd->state != SV_ND_OK)
		return;
	if (nd->v >= now)
		sv_out_fmt(o, "%s\n    \"%s\": \"%T (in %A)\"", *first ? "" : ",", name, nd->v, sv_time_sub(nd->v, now));
	else
		sv_out_fmt(o, "%s\n    \"%s\": \"%T (%A ago)\"", *first ? "" : ",", name, nd->v, sv_time_sub(now, nd->v));
	*first = 0;
}

int sv_cmd_decode(sv_cli *c, int argc, const char *const *argv)
{
	static sv_workspace ws;
	static sv_report rep;
	sv_args a;
	const char *path = NULL, *nowarg = NULL;
	sv_sv jwt;
	int64_t now;
	int id, first = 1;
	sv_err e;

	sv_args_init(&a, argc, argv);
	while ((id = sv_args_next(c, &a, opts)) > 0) {
		switch (id) {
		case O_TOKEN: path = a.optarg; break;
		case O_NOW: nowarg = a.optarg; break;
		case O_HELP: sv_out_str(&c->out, help); return SV_EXIT_OK;
		default: break;
		}
	}
	if (id < 0)
		return SV_EXIT_USAGE;
	if (sv_cli_now(c, nowarg, &now) != SV_OK)
		return SV_EXIT_USAGE;
	if (a.npos > 1 || (a.npos == 1 && path))
		return sv_cli_usage(c, "decode: give the token once: --token FILE, TOKEN or -");
	if (a.npos == 1 && strcmp(a.positional[0], "-") == 0)
		path = "-";
	if (path) {
		if (sv_cli_read_token(c, path, &jwt) != SV_OK)
			return SV_EXIT_USAGE;
	} else if (a.npos == 1) {
		sv_sv arg = sv_from_cstr(a.positional[0]);
		if (sv_token_trim(arg.p, arg.n, &jwt, &e) != SV_OK) {
			sv_cli_fail(c, "token: (argument): %s", e.msg);
			sv_cli_token_hint(c, &e);
			return SV_EXIT_USAGE;
		}
	} else {
		return sv_cli_usage(c, "decode: no token (--token FILE, TOKEN or -)");
	}

	sv_report_init(&rep);
	if (sv_token_decode(&ws, jwt.p, jwt.n, &rep) != SV_OK) {
		const sv_item *it = sv_report_get(&rep, SV_CHK_TOK_FORMAT);
		sv_cli_fail(c, "token: %s [tok.format]", it ? it->detail : "malformed");
		if (it && it->hint[0]) {
			sv_cli_hint(c, "%s", it->hint);
		} else {
			memset(&e, 0, sizeof e);
			sv_cli_token_hint(c, &e);
		}
		sv_workspace_wipe(&ws);
		sv_cli_token_wipe();
		return SV_EXIT_REJECT;
	}
	sv_out_str(&c->out, "{\n  \"header\": ");
	sv_render_json_pretty(&c->out, &ws.tok.hdoc, 0, 2);
	sv_out_str(&c->out, ",\n  \"claims\": ");
	sv_render_json_pretty(&c->out, &ws.tok.cdoc, 0, 2);
	sv_out_fmt(&c->out, ",\n  \"signature\": {\"redacted\": true, \"bytes\": %z},\n  \"times\": {",
	           ws.tok.sig_len);
	time_member(&c->out, "iat", &ws.tok.clm.iat, now, &first);
	time_member(&c->out, "nbf", &ws.tok.clm.nbf, now, &first);
	time_member(&c->out, "exp", &ws.tok.clm.exp, now, &first);
	sv_out_fmt(&c->out, "%s\"now\": \"%T\"\n  }\n}\n", first ? "\n    " : ",\n    ", now);
	sv_workspace_wipe(&ws);
	sv_cli_token_wipe();
	return SV_EXIT_OK;
}
