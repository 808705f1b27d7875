/*
 * cmd_assume.c -- the sending half of `stsverify assume`: the bytes the
 * request builder made go to the endpoint over HTTPS, STS's answer is read
 * with the response parser and explained as `explain` does (credentials
 * never shown); an error is set beside what `check` finds in the same
 * inputs. The inputs are gathered by cmd_request.c, shared with `request`.
 */
#include "net.h"
#include "stsverify/sv_check.h"
#include "stsverify/sv_sts.h"

#if SV_NET

/* What the offline gates say about the request's own inputs (no documents at hand). */
static void check_findings(sv_cli *c, const sv_arwwi *p, int64_t now)
{
	static sv_check_ws ws;
	static sv_report rep;
	static sv_sts_answer ans;
	sv_check_in ci;
	sv_check_input bad;
	sv_err e;
	size_t i, n = 0;

	sv_check_in_init(&ci, now);
	if (sv_token_trim(p->token.p, p->token.n, &ci.jwt, &e) != SV_OK) {
		ci.jwt = SV_NULL;
		ci.token_problem = e.msg;
	}
	ci.token_source = "the request";
	ci.role_arn = p->role_arn;
	ci.role_arn_source = "the request";
	ci.session_name = p->session_name;
	ci.session_source = "the request";
	ci.has_duration = p->has_duration;
	ci.duration = p->duration;
	sv_report_init(&rep);
	if (sv_check_run(&ws, &ci, &rep, &ans, &bad, &e) != SV_OK)
		return;
	for (i = 0; i < rep.count; i++) {
		const sv_item *it = &rep.items[i];
		if (it->status != SV_FAIL && it->status != SV_WARN)
			continue;
		if (n++ == 0)
			sv_out_str(&c->out, "\nWhat check finds in these inputs (token, role ARN, session name, duration):\n");
		sv_out_fmt(&c->out, "  %s  %s  %s\n", sv_status_name(it->status), sv_check_slug(it->id), it->detail);
	}
	if (n == 0)
		sv_out_str(&c->out, "\ncheck finds nothing wrong in the token and the request parameters; the cause is in "
		                    "what only the issuer and IAM hold: run stsverify check with --discovery, --jwks, "
		                    "--provider and --role (or check --online)\n");
	sv_workspace_wipe(&ws.v);
}

/* see net.h */
int sv_cli_assume_send(sv_cli *c, const sv_netopts *o, const sv_endpoint *ep, const sv_arwwi *p,
                       const unsigned char *req, size_t len)
{
	static sv_trust trust;
	static sv_request rq;
	static unsigned char body[SV_MAX_DOC_BYTES];
	static char arena[SV_MAX_DOC_BYTES];
	static jsmntok_t tok[SV_MAX_DOC_TOKENS];
	static sv_sts_resp r;
	static char url[SV_MAX_URL_BYTES + 1];
	sv_sv ct;
	sv_err e;
	int64_t now;
	int rc;

	if (ep->url_len >= sizeof url) {
		sv_cli_fail(c, "assume: the endpoint URL is too long");
		return sv_cli_hint(c, "URLs are at most SV_MAX_URL_BYTES (%d, include/stsverify/sv_config.h)", SV_MAX_URL_BYTES);
	}
	memcpy(url, ep->url, ep->url_len);
	url[ep->url_len] = '\0';
	if (sv_net_load_trust(c, o, &trust) != SV_OK)
		return SV_EXIT_USAGE;
	sv_out_fmt(&c->out, "trust     %s\n", trust.source);
	sv_out_fmt(&c->out, "assume    POST %s (%s), %z request bytes, unsigned\n", url, ep->rule, len);

	memset(&rq, 0, sizeof rq);
	rq.method = "POST";
	rq.raw = req;
	rq.raw_len = len;
	rq.out = body;
	rq.out_cap = sizeof body;
	rq.limit_name = "SV_MAX_DOC_BYTES";
	rc = sv_net_request(o, &trust, url, &rq);
	if (rq.nhop)
		sv_net_render_hop(&c->out, &rq.hop[0], 0);
	if (rc != SV_OK) {
		sv_cli_fail(c, "assume: %s", rq.err);
		sv_cli_hint(c, "STS was not reached; an SDK taking the same path fails the same way "
		            "(check the proxy variables, VPC endpoints and the endpoint URL)");
		return SV_EXIT_REJECT;
	}
	ct = sv_http_field_get(&rq.resp, SV_LIT("Content-Type"));
	sv_out_fmt(&c->out, "  type      %v\n", ct.p ? ct : SV_LIT("(none)"));
	memset(&e, 0, sizeof e);
	rc = sv_sts_resp_parse((sv_sv){ (const char *)body, rq.resp.blen }, arena, sizeof arena, tok,
	                       SV_MAX_DOC_TOKENS, &r, &e);
	if (rc != SV_OK) {
		sv_body_info bi;
		sv_sv b = { (const char *)body, rq.resp.blen };
		sv_body_classify(b, ct, &bi);
		sv_out_fmt(&c->out, "  body      %z bytes: %s\n", rq.resp.blen,
		           bi.kind == SV_BODY_HTML_LOGIN ? "an HTML login page" :
		           bi.kind == SV_BODY_HTML ? "HTML" : bi.kind == SV_BODY_EMPTY ? "empty" : "not an STS answer");
		sv_cli_fail(c, "assume: %s: HTTP %d, but the body is not STS's answer (%s); is the endpoint an STS "
		            "endpoint, or did a proxy answer?", url, rq.resp.status, e.msg);
		sv_cli_hint(c, "STS endpoints are https://sts.REGION.amazonaws.com/ (or a VPC endpoint's name); check "
		            "--endpoint-url, AWS_ENDPOINT_URL_STS and HTTPS_PROXY/NO_PROXY");
		sv_wipe(body, sizeof body);
		return SV_EXIT_REJECT;
	}
	if ((r.kind == SV_RESP_SUCCESS) != (rq.resp.status == 200))
		sv_out_fmt(&c->out, "  note      HTTP %d with a%s answer body\n", rq.resp.status,
		           r.kind == SV_RESP_SUCCESS ? " success" : "n error");
	sv_out_str(&c->out, "\n");
	if (sv_port_now(&now) != SV_OK)
		now = r.expires;
	rc = sv_cli_explain_answer(c, &r, now, "The credentials work: the role can be assumed with these inputs "
	                                        "from this host (assume never prints them; 'stsverify request' "
	                                        "and 'explain --show-credentials' do, on purpose)\n");
	if (r.kind != SV_RESP_SUCCESS)
		check_findings(c, p, now);
	/* the answer held live credentials: do not leave them in .bss */
	sv_wipe(body, sizeof body);
	sv_wipe(arena, sizeof arena);
	memset(&r, 0, sizeof r);
	return rc;
}

#else

typedef int sv_assume_not_built; /* PORT=none: cmd_request.c answers 'not built in' */

#endif
