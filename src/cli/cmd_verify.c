/* cmd_verify.c -- `stsverify verify`: the token (or a batch of tokens) against a JWKS. */
#include "cli.h"
#include "stsverify/sv_port.h"

enum { O_TOKEN = 1, O_TOKENS, O_JWKS, O_NOW, O_AUD, O_ISS, O_ALG, O_LEEWAY, O_JSON, O_HELP };

static const sv_opt opts[] = {
	{ "token", 1, O_TOKEN }, { "tokens", 1, O_TOKENS }, { "jwks", 1, O_JWKS }, { "now", 1, O_NOW }, { "aud", 1, O_AUD },
	{ "iss", 1, O_ISS }, { "alg", 1, O_ALG }, { "leeway", 1, O_LEEWAY }, { "json", 0, O_JSON },
	{ "help", 0, O_HELP }, { "h", 0, O_HELP }, { NULL, 0, 0 }
};

static const char help[] =
    "usage: stsverify verify --token FILE --jwks FILE [--now T] [--aud A]... [--iss URL]\n"
    "                        [--alg LIST] [--leeway S] [--json]\n"
    "       stsverify verify --tokens FILE --jwks FILE [same options]\n"
    "\n"
    "Checks the token as STS would against a local JWKS: compact JWS structure,\n"
    "alg, crit, kid selection, key parameters, the signature, and the claims\n"
    "iss, sub, aud, exp, nbf, iat. Prints one row per check, then a hint for\n"
    "each failure. The token's signature is never printed.\n"
    "\n"
    "  --token FILE  the token (- for stdin); exactly one trailing newline is allowed\n"
    "  --tokens FILE batch mode: one token per line (- for stdin; LF or CRLF). The\n"
    "                JWKS is parsed once; prints one line per input line:\n"
    "                  <line> ACCEPTED\n"
    "                  <line> REJECTED <failed check ids, comma-separated>\n"
    "                A line longer than the 20000-byte token limit is REJECTED\n"
    "                tok.format, with its reason on stderr; it is never truncated.\n"
    "                With --json, one JSON document per input line instead (JSON\n"
    "                Lines: verify's document with \"line\")\n"
    "  --jwks FILE   the issuer's JWK Set (the document at jwks_uri)\n"
    "  --now T       Unix seconds or RFC 3339 UTC (default: this host's clock)\n"
    "  --aud A       expected audience; repeat for several (any one must match)\n"
    "  --iss URL     expected issuer, compared exactly\n"
    "  --alg LIST    accepted algorithms, e.g. RS256,ES256 (default: all STS accepts:\n"
    "                RS256 RS384 RS512 ES256 ES384 ES512)\n"
    "  --leeway S    clock skew allowed for exp, nbf, iat in seconds (default 300, as AWS)\n"
    "  --json        one JSON document instead of text (schema in docs/json-schema.md)\n"
    "\n"
    "exit status: 0 accepted (batch: every token), 1 rejected (a check failed),\n"
    "             2 usage or input error (batch: also an empty token file)\n";

/* verify's JSON document; line > 0: a batch line's, joined onto one line by the caller, with "line". */
static void render_json(sv_out *o, const sv_report *rep, const sv_token *tok, size_t line)
{
	sv_out_str(o, "{\n  \"schema\": 1,\n  \"command\": \"verify\",\n");
	if (line)
		sv_out_fmt(o, "  \"line\": %z,\n", line);
	sv_out_fmt(o, "  \"accepted\": %s,\n  \"checks\": [", sv_report_ok(rep) ? "true" : "false");
	sv_render_checks_json(o, rep);
	sv_out_str(o, "\n  ],\n  \"header\": ");
	if (tok && tok->decoded)
		sv_render_json_pretty(o, &tok->hdoc, 0, 2);
	else
		sv_out_str(o, "null");
	sv_out_str(o, ",\n  \"claims\": ");
	if (tok && tok->decoded)
		sv_render_json_pretty(o, &tok->cdoc, 0, 2);
	else
		sv_out_str(o, "null");
	sv_out_str(o, "\n}\n");
}

/* Comma-separated slugs of the FAIL rows. */
static void fail_slugs(sv_out *o, const sv_report *rep)
{
	size_t i;
	int first = 1;
	for (i = 0; i < rep->count; i++) {
		if (rep->items[i].status == SV_FAIL) {
			sv_out_fmt(o, "%s%s", first ? "" : ",", sv_check_slug(rep->items[i].id));
			first = 0;
		}
	}
}

/*
 * The read buffer holds at least one whole line of the longest token plus
 * CRLF; anything longer is known to be over the limit without holding it.
 */
#define BATCH_BUF 65536
_Static_assert(BATCH_BUF >= SV_MAX_JWT_BYTES + 2, "a batch line must fit the read buffer");

typedef struct batch {
	sv_cli         *c;
	sv_workspace   *ws;
	sv_report      *rep;
	const sv_verify_opts *vo;
	const char     *path;
	size_t          lines, accepted;
	int             hinted;     /* the too-long hint is printed once */
	int             json;       /* one JSON document per line instead of the verdict line */
} batch;

/* A batch line's verify document, joined onto one line (JSON Lines). */
static void batch_json(batch *b, const sv_token *tok)
{
	static sv_out line;
	static sv_oneline ol;
	sv_oneline_init(&ol, &line, &b->c->out);
	render_json(&line, b->rep, tok, b->lines);
	sv_out_flush(&line);
	sv_out_str(&b->c->out, "\n");
}

static void batch_line(batch *b, const unsigned char *p, size_t n, int too_long)
{
	sv_report *rep = b->rep;

	b->lines++;
	if (n > 0 && p[n - 1] == '\r')
		n--;
	if (too_long || n > SV_MAX_JWT_BYTES) {
		sv_cli_fail(b->c, "tokens: %s: line %z: longer than the %d-byte token limit (SV_MAX_JWT_BYTES); not verified",
		            b->path, b->lines, SV_MAX_JWT_BYTES);
		if (!b->hinted++)
			sv_cli_hint(b->c, "STS takes a token of at most %d characters (SV_MAX_JWT_BYTES in "
			            "include/stsverify/sv_config.h); is something joined onto that line?", SV_MAX_JWT_BYTES);
		if (b->json) {
			sv_report_init(rep);
			sv_report_set(rep, SV_CHK_TOK_FORMAT, SV_FAIL, "longer than the %d-byte token limit (SV_MAX_JWT_BYTES); "
			              "not verified", SV_MAX_JWT_BYTES);
			batch_json(b, NULL);
			return;
		}
		sv_out_fmt(&b->c->out, "%z REJECTED %s\n", b->lines, sv_check_slug(SV_CHK_TOK_FORMAT));
		return;
	}
	sv_report_init(rep);
	/* SV_E_PARAM only: the JWKS was loaded before the first line */
	if (sv_verify_token(b->ws, b->vo, (const char *)p, n, rep) == SV_OK && sv_report_ok(rep)) {
		b->accepted++;
		if (b->json)
			batch_json(b, &b->ws->tok);
		else
			sv_out_fmt(&b->c->out, "%z ACCEPTED\n", b->lines);
		return;
	}
	if (b->json) {
		batch_json(b, &b->ws->tok);
		return;
	}
	sv_out_fmt(&b->c->out, "%z REJECTED ", b->lines);
	fail_slugs(&b->c->out, rep);
	sv_out_str(&b->c->out, "\n");
}

/* Reads path line by line through a fixed buffer; no line is ever truncated. */
static int batch_run(batch *b)
{
	static unsigned char buf[BATCH_BUF];
	sv_port_stream st;
	size_t len = 0, start = 0, got, i;
	int rc, eof = 0, skipping = 0;

	rc = sv_port_stream_open(&st, b->path);
	if (rc != SV_OK)
		return sv_cli_io_fail(b->c, "tokens", b->path, rc, 0);
	for (;;) {
		const unsigned char *nl = NULL;
		if (start < len)
			nl = memchr(buf + start, '\n', len - start);
		if (nl) {
			i = (size_t)(nl - buf);
			batch_line(b, buf + start, i - start, skipping);
			skipping = 0;
			start = i + 1;
			continue;
		}
		if (eof) {
			if (start < len || skipping)
				batch_line(b, buf + start, len - start, skipping);
			break;
		}
		/* no line end in view: keep the partial line unless it is already too long */
		if (len - start > SV_MAX_JWT_BYTES + 1) {
			skipping = 1;
			start = len;
		}
		memmove(buf, buf + start, len - start);
		len -= start;
		start = 0;
		rc = sv_port_stream_read(&st, buf + len, sizeof buf - len, &got);
		if (rc != SV_OK) {
			sv_port_stream_close(&st);
			sv_wipe(buf, sizeof buf);
			return sv_cli_io_fail(b->c, "tokens", b->path, rc, 0);
		}
		if (got == 0)
			eof = 1;
		len += got;
	}
	sv_port_stream_close(&st);
	sv_wipe(buf, sizeof buf);
	return SV_OK;
}

int sv_cmd_verify(sv_cli *c, int argc, const char *const *argv)
{
	static sv_workspace ws;
	static sv_report rep;
	static unsigned char jwks[SV_MAX_JWKS_BYTES];
	sv_verify_opts vo;
	sv_args a;
	const char *tpath = NULL, *bpath = NULL, *kpath = NULL, *nowarg = NULL;
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
		case O_TOKENS: bpath = a.optarg; break;
		case O_JWKS: kpath = a.optarg; break;
		case O_NOW: nowarg = a.optarg; break;
		case O_AUD:
			if (vo.naud == SV_MAX_EXPECT_AUD)
				return sv_cli_usage(c, "verify: more than %d --aud values", SV_MAX_EXPECT_AUD);
			vo.aud[vo.naud++] = sv_from_cstr(a.optarg);
			break;
		case O_ISS: vo.iss = sv_from_cstr(a.optarg); break;
		case O_ALG:
			if (sv_alg_parse_list(sv_from_cstr(a.optarg), &vo.algs, &e) != SV_OK)
				return sv_cli_usage(c, "verify: --alg: %s", e.msg);
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
		return sv_cli_usage(c, "verify: unexpected argument %q (the token goes in --token FILE)",
		                    sv_from_cstr(a.positional[0]));
	if (tpath && bpath)
		return sv_cli_usage(c, "verify: give --token FILE or --tokens FILE, not both");
	if (!tpath && !bpath)
		return sv_cli_usage(c, "verify: --token FILE (or --tokens FILE) is required");
	if (!kpath)
		return sv_cli_usage(c, "verify: --jwks FILE is required");
	if (sv_cli_now(c, nowarg, &now) != SV_OK)
		return SV_EXIT_USAGE;
	vo.now = now;
	vo.leeway = leeway;

	if (bpath) {
		batch b;
		if (sv_cli_load(c, "jwks", kpath, jwks, sizeof jwks, &klen) != SV_OK)
			return SV_EXIT_USAGE;
		if (sv_verify_load_jwks(&ws, (const char *)jwks, klen, &e) != SV_OK)
			return sv_cli_input_fail(c, "jwks", kpath, &e);
		memset(&b, 0, sizeof b);
		b.c = c;
		b.ws = &ws;
		b.rep = &rep;
		b.vo = &vo;
		b.path = bpath;
		b.json = json;
		rc = batch_run(&b);
		sv_workspace_wipe(&ws);
		if (rc != SV_OK)
			return SV_EXIT_USAGE;
		if (b.lines == 0) {
			sv_cli_fail(c, "tokens: %s: no tokens (the file is empty)",
			            (bpath[0] == '-' && bpath[1] == '\0') ? "(stdin)" : bpath);
			return sv_cli_hint(c, "--tokens reads one token per line, e.g. the output of one `kubectl create "
			                      "token SA -n NS --audience sts.amazonaws.com` per line");
		}
		return b.accepted == b.lines ? SV_EXIT_OK : SV_EXIT_REJECT;
	}
	if (sv_cli_read_token(c, tpath, &jwt) != SV_OK)
		return SV_EXIT_USAGE;
	if (sv_cli_load(c, "jwks", kpath, jwks, sizeof jwks, &klen) != SV_OK) {
		sv_cli_token_wipe();
		return SV_EXIT_USAGE;
	}

	sv_report_init(&rep);
	rc = sv_verify(&ws, &vo, jwt.p, jwt.n, (const char *)jwks, klen, &rep, &e);
	if (rc != SV_OK) {
		sv_workspace_wipe(&ws);
		sv_cli_token_wipe();
		return sv_cli_input_fail(c, "jwks", kpath, &e);
	}
	for (i = 0; i < rep.count; i++)
		if (rep.items[i].status == SV_FAIL)
			nfail++;

	if (json) {
		render_json(&c->out, &rep, &ws.tok, 0);
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
	sv_cli_token_wipe();
	return rc;
}
