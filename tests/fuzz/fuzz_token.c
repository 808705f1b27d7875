/*
 * fuzz_token.c -- the compact JWS, the JOSE header and the claims set
 * (sv_token_trim, sv_token_decode, sv_header_parse, sv_claims_parse) and
 * the claim rows (sv_verify_claims) on whatever decodes.
 *
 * Invariants: the result is PASS in tok.format exactly when decoding
 * succeeds; the three segments are the input split at its two dots; every
 * view (segments, decoded JSON, alg, kid, typ, iss, sub, azp, aud, the raw
 * NumericDates) lies inside the input, the decoded buffers or the arena;
 * the decoded header and payload re-encode to their segments; no report
 * text contains the signature segment.
 *
 * Two input forms: a token file as is (seeds: fixtures/tokens/), or, when
 * the input holds a NUL byte, "header JSON, NUL, claims JSON, NUL,
 * signature bytes", which the harness encodes into a token first so the
 * fuzzer can work on the JSON instead of on base64url.
 */
#include "fuzz.h"

static sv_workspace ws;
static sv_report rep;
static char built[4 * SV_MAX_JWT_BYTES + 8];

/* header NUL claims NUL signature -> a compact JWS in built[] */
static size_t build(const uint8_t *data, size_t size)
{
	const uint8_t *z1 = memchr(data, 0, size), *z2;
	size_t hn = (size_t)(z1 - data), pn, sn, w;
	z2 = memchr(z1 + 1, 0, size - hn - 1);
	pn = z2 ? (size_t)(z2 - z1 - 1) : size - hn - 1;
	sn = z2 ? size - hn - pn - 2 : 0;
	if (hn > SV_MAX_JWT_BYTES || pn > SV_MAX_JWT_BYTES || sn > SV_MAX_JWT_BYTES)
		return 0;
	w = sv_b64url_encode(data, hn, built, sizeof built);
	built[w++] = '.';
	w += sv_b64url_encode(z1 + 1, pn, built + w, sizeof built - w);
	built[w++] = '.';
	if (z2)
		w += sv_b64url_encode(z2 + 1, sn, built + w, sizeof built - w);
	return w;
}

static int in_ws(sv_sv v)
{
	return fz_inside(v, ws.hbuf, sizeof ws.hbuf) || fz_inside(v, ws.pbuf, sizeof ws.pbuf) ||
	       fz_inside(v, ws.abuf, ws.arena.used);
}

static void check_report_text(const sv_token *t)
{
	sv_sv ctx[3];
	size_t i;
	ctx[0] = sv_slice(t->jwt, 0, t->seg[2].n ? (size_t)(t->seg[2].p - t->jwt.p) : 0);
	ctx[1] = (sv_sv){ ws.hbuf, sizeof ws.hbuf };
	ctx[2] = (sv_sv){ ws.pbuf, sizeof ws.pbuf };
	for (i = 0; i < rep.count; i++) {
		const sv_item *it = &rep.items[i];
		FZ_CHECK((unsigned)it->id < SV_CHK__COUNT && (unsigned)it->status <= SV_SKIP, "row %zu", i);
		FZ_CHECK(memchr(it->detail, 0, sizeof it->detail) && memchr(it->hint, 0, sizeof it->hint),
		         "row %zu not terminated", i);
		FZ_CHECK(!fz_leaks(it->detail, t->seg[2], ctx, 3) && !fz_leaks(it->hint, t->seg[2], ctx, 3),
		         "row %s shows the signature: %s", sv_check_slug(it->id), it->detail);
	}
}

static void check_reencode(sv_sv seg, sv_sv json)
{
	static char enc[SV_MAX_JWT_BYTES];
	size_t n = sv_b64url_encode((const unsigned char *)json.p, json.n, enc, sizeof enc);
	FZ_CHECK(n == seg.n && memcmp(enc, seg.p, n) == 0, "segment does not re-encode");
}

static void check_decoded(const char *jwt, size_t len)
{
	const sv_token *t = &ws.tok;
	const sv_header *h = &t->hdr;
	const sv_claims *c = &t->clm;
	size_t i;

	FZ_CHECK(t->decoded, "decoded flag");
	FZ_CHECK(t->jwt.p == jwt && t->jwt.n == len, "jwt view");
	for (i = 0; i < 3; i++)
		FZ_CHECK(fz_inside(t->seg[i], jwt, len), "segment %zu outside the token", i);
	FZ_CHECK(t->seg[0].p == jwt && t->seg[1].p == t->seg[0].p + t->seg[0].n + 1 &&
	             t->seg[2].p == t->seg[1].p + t->seg[1].n + 1 && t->seg[2].p + t->seg[2].n == jwt + len,
	         "segments are not the token split at its dots");
	FZ_CHECK(jwt[t->seg[0].n] == '.' && jwt[t->seg[0].n + 1 + t->seg[1].n] == '.', "dots");
	FZ_CHECK(fz_inside(t->header_json, ws.hbuf, sizeof ws.hbuf), "header bytes");
	FZ_CHECK(fz_inside(t->payload_json, ws.pbuf, sizeof ws.pbuf), "payload bytes");
	FZ_CHECK(t->sig == ws.sbuf && t->sig_len <= sizeof ws.sbuf && (t->sig_len > 0) == (t->seg[2].n > 0), "signature");
	check_reencode(t->seg[0], t->header_json);
	check_reencode(t->seg[1], t->payload_json);
	FZ_CHECK(t->hdoc.js == t->header_json.p && t->hdoc.len == t->header_json.n, "hdoc");
	FZ_CHECK(t->cdoc.js == t->payload_json.p && t->cdoc.len == t->payload_json.n, "cdoc");
	fz_check_json(&t->hdoc);
	fz_check_json(&t->cdoc);
	FZ_CHECK(sv_json_type(&t->hdoc, 0) == JSMN_OBJECT && sv_json_type(&t->cdoc, 0) == JSMN_OBJECT,
	         "header and claims are objects");
	FZ_CHECK(ws.arena.used <= ws.arena.cap, "arena");

	/* header */
	FZ_CHECK(in_ws(h->alg_name) && in_ws(h->kid) && in_ws(h->typ), "header views");
	if (h->alg_state == SV_F_OK && h->alg != SV_ALG_NONE)
		FZ_CHECK(sv_eq(h->alg_name, sv_from_cstr(sv_alg_name(h->alg))), "alg %s from %.*s",
		         sv_alg_name(h->alg), (int)h->alg_name.n, h->alg_name.p);
	if (h->alg_state != SV_F_OK)
		FZ_CHECK(h->alg == SV_ALG_NONE, "alg set without a string");
	FZ_CHECK(h->has_crit == (sv_json_get(&t->hdoc, 0, SV_LIT("crit")) >= 0), "crit flag");

	/* claims */
	FZ_CHECK(in_ws(c->iss) && in_ws(c->sub) && in_ws(c->azp), "claim views");
	FZ_CHECK(c->naud <= SV_MAX_AUDIENCES, "naud %zu", c->naud);
	for (i = 0; i < c->naud; i++)
		FZ_CHECK(in_ws(c->aud[i]), "aud[%zu]", i);
	FZ_CHECK(in_ws(c->exp.raw) && in_ws(c->nbf.raw) && in_ws(c->iat.raw), "NumericDate views");
	if (c->exp.state == SV_ND_OK)
		FZ_CHECK(sv_json_get(&t->cdoc, 0, SV_LIT("exp")) >= 0, "exp without a member");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	sv_verify_opts o;
	sv_sv jwt;
	sv_err e;
	const sv_item *it;
	int rc;

	if (size > 0 && memchr(data, 0, size)) {
		jwt.p = built;
		jwt.n = build(data, size);
		if (jwt.n == 0)
			return 0;
	} else if (sv_token_trim(in, size, &jwt, &e) == SV_OK) {
		/* the token file's framing: exactly one optional line end */
		FZ_CHECK(jwt.p == in && (jwt.n == size || (jwt.n + 1 == size && in[size - 1] == '\n') ||
		                         (jwt.n + 2 == size && in[size - 2] == '\r' && in[size - 1] == '\n')),
		         "trim kept %zu of %zu bytes", jwt.n, size);
		FZ_CHECK(jwt.n > 0 && !memchr(jwt.p, '\n', jwt.n) && !memchr(jwt.p, ' ', jwt.n),
		         "trimmed token still has whitespace");
	} else {
		jwt.p = in;
		jwt.n = size;
	}

	sv_report_init(&rep);
	rc = sv_token_decode(&ws, jwt.p, jwt.n, &rep);
	it = sv_report_get(&rep, SV_CHK_TOK_FORMAT);
	FZ_CHECK(it != NULL, "no tok.format row");
	FZ_CHECK((rc == SV_OK) == (it->status == SV_PASS), "rc %d but tok.format %s", rc,
	         sv_status_name(it->status));
	if (rc != SV_OK) {
		FZ_CHECK(rc == SV_E_FORMAT && !ws.tok.decoded, "rc %d", rc);
		check_report_text(&ws.tok);
		return 0;
	}
	check_decoded(jwt.p, jwt.n);

	sv_verify_opts_init(&o, 1790000000);
	o.aud[0] = SV_LIT("sts.amazonaws.com");
	o.naud = 1;
	if (size > 0 && (data[0] & 1))
		o.now = -(int64_t)size * 100000000000LL;    /* clocks far from any exp */
	sv_verify_claims(&ws.tok, &o, &rep);
	FZ_CHECK(sv_report_get(&rep, SV_CHK_CLM_EXP) && sv_report_get(&rep, SV_CHK_CLM_AUD) &&
	             sv_report_get(&rep, SV_CHK_CLM_IAT),
	         "claim rows missing");
	check_report_text(&ws.tok);
	return 0;
}
