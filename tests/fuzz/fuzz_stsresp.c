/*
 * fuzz_stsresp.c -- STS's answer: the strict XML pull reader (sv_xml_next,
 * sv_xml_decode) and the response parser (sv_sts_resp_parse: XML, JSON,
 * the CLI's error line).
 *
 * XML invariants: event views lie inside the document; OPEN and CLOSE
 * pair up by name with depth +1 / -1, never deeper than SV_MAX_XML_DEPTH;
 * every TEXT event decodes (into a heap block of exactly its raw length:
 * decoding never grows text) and the end comes only at depth 0.
 * Response invariants: success has every required credential field and an
 * expiry; an error has a non-empty code; every view lies inside the body
 * or the arena; failures carry a terminated message with the right code.
 */
#include "fuzz.h"
#include "stsverify/sv_sts.h"

static char arena[8192];
static jsmntok_t tok[SV_MAX_DOC_TOKENS];

static void walk_xml(const uint8_t *data, size_t size)
{
	sv_sv doc = { (const char *)data, size };
	sv_sv open[SV_MAX_XML_DEPTH + 1];
	sv_xml x;
	sv_xml_ev ev;
	sv_err e;
	int rc, depth = 0, n = 0;

	sv_xml_init(&x, doc);
	while ((rc = sv_xml_next(&x, &ev, &e)) == 1) {
		FZ_CHECK(++n <= (int)size + 2, "more events than bytes");
		if (ev.kind == SV_XML_OPEN) {
			FZ_CHECK(ev.depth == depth + 1 && ev.depth <= SV_MAX_XML_DEPTH, "open depth %d after %d",
			         ev.depth, depth);
			FZ_CHECK(ev.name.n > 0 && fz_inside(ev.name, data, size) && fz_inside(ev.local, ev.name.p, ev.name.n),
			         "open name view");
			open[ev.depth] = ev.name;
			depth = ev.depth;
		} else if (ev.kind == SV_XML_CLOSE) {
			FZ_CHECK(ev.depth == depth && depth > 0, "close depth %d at %d", ev.depth, depth);
			FZ_CHECK(sv_eq(ev.name, open[depth]), "close name differs from open name");
			depth--;
		} else {
			size_t len = 0;
			char *out = malloc(ev.raw.n ? ev.raw.n : 1);
			FZ_CHECK(ev.kind == SV_XML_TEXT && depth > 0 && ev.depth == depth, "text at depth %d", depth);
			FZ_CHECK(fz_inside(ev.raw, data, size) && ev.raw.n > 0, "text view");
			FZ_CHECK(sv_xml_decode(ev.raw, ev.pos, out, ev.raw.n, &len, &e) == SV_OK,
			         "validated text does not decode: %s", e.msg);
			FZ_CHECK(len <= ev.raw.n, "decoded text grew");
			free(out);
		}
	}
	if (rc == 0)
		FZ_CHECK(depth == 0, "end of document at depth %d", depth);
	else
		FZ_CHECK((rc == SV_E_FORMAT || rc == SV_E_LIMIT) && e.code == rc && e.pos <= size,
		         "rc %d code %d pos %zu", rc, e.code, e.pos);
}

static int in_ba(sv_sv v, const uint8_t *data, size_t size)
{
	return fz_inside(v, data, size) || fz_inside(v, arena, sizeof arena);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sv_sts_resp r;
	sv_err e;
	int rc;

	walk_xml(data, size);

	memset(&e, 0, sizeof e);
	rc = sv_sts_resp_parse((sv_sv){ (const char *)data, size }, arena, sizeof arena, tok,
	                       SV_MAX_DOC_TOKENS, &r, &e);
	if (rc != SV_OK) {
		FZ_CHECK(rc == SV_E_FORMAT || rc == SV_E_LIMIT || rc == SV_E_JSON, "rc %d", rc);
		FZ_CHECK(e.code == rc && memchr(e.msg, 0, sizeof e.msg), "code %d rc %d", e.code, rc);
		return 0;
	}
	FZ_CHECK(in_ba(r.access_key_id, data, size) && in_ba(r.secret_access_key, data, size) &&
	             in_ba(r.session_token, data, size) && in_ba(r.expiration, data, size) &&
	             in_ba(r.subject, data, size) && in_ba(r.audience, data, size) &&
	             in_ba(r.provider, data, size) && in_ba(r.assumed_role_arn, data, size) &&
	             in_ba(r.assumed_role_id, data, size) && in_ba(r.source_identity, data, size) &&
	             in_ba(r.type, data, size) && in_ba(r.code, data, size) &&
	             in_ba(r.message, data, size) && in_ba(r.operation, data, size) &&
	             in_ba(r.request_id, data, size),
	         "a view outside the body and the arena");
	if (r.kind == SV_RESP_SUCCESS) {
		FZ_CHECK(r.access_key_id.p && r.secret_access_key.p && r.session_token.p && r.expiration.p &&
		             r.assumed_role_arn.p,
		         "success without a required field");
	} else {
		FZ_CHECK(r.kind == SV_RESP_ERROR && r.code.n > 0, "kind %d, code %zu bytes", (int)r.kind,
		         r.code.n);
	}
	FZ_CHECK(r.form == SV_RESP_XML || r.form == SV_RESP_JSON || r.form == SV_RESP_CLI_LINE, "form");
	if (r.kind == SV_RESP_ERROR)
		(void)sv_sts_error_match(r.code, r.message);
	return 0;
}
