/*
 * fuzz_http.c -- what a network peer sends: the incremental HTTP/1.1
 * response parser (sv_http_feed, sv_http_eof: status line, fields,
 * Content-Length, chunked encoding, trailers, 1xx, CONNECT answers), the
 * body classifier (sv_body_classify), and the URL pieces a response
 * steers (sv_url_parse, sv_url_resolve of a Location, sv_no_proxy_match).
 *
 * Input: one flags byte (bits 0-3: feed piece size, bit 4: an answer to
 * CONNECT, bits 5-7: body limit), then the bytes of the response.
 * Invariants: feeding the bytes whole and feeding them in pieces gives
 * the same outcome, status, fields, framing and body (a peer picks the
 * segmentation); the body is written only inside a heap block of exactly
 * the limit; fields lie inside the parser's head buffer; *used never
 * exceeds what was given and nothing is taken after the end; a complete
 * Content-Length body has exactly that length. A Location field, when
 * present, resolves against an https base to a URL that formats and
 * parses back to itself.
 */
#include "fuzz.h"
#include "sv_http.h"

static sv_http_resp whole, parts;

typedef struct outcome {
	int rc, done, status;
	size_t used;
} outcome;

static outcome run(sv_http_resp *r, unsigned char *body, size_t cap, unsigned flags, const uint8_t *in,
                   size_t n, size_t piece)
{
	outcome o = { SV_OK, 0, 0, 0 };
	size_t off = 0;
	sv_http_resp_init(r, body, cap, flags);
	while (off < n) {
		size_t k = n - off < piece ? n - off : piece, used = 0;
		o.rc = sv_http_feed(r, in + off, k, &used);
		FZ_CHECK(used <= k, "used %zu of %zu", used, k);
		off += used;
		if (o.rc != SV_OK || r->done)
			break;
		FZ_CHECK(used == k, "stopped early (%zu of %zu) without an error or the end", used, k);
	}
	if (o.rc == SV_OK && !r->done)
		o.rc = sv_http_eof(r, 1);
	o.done = r->done;
	o.status = r->status;
	o.used = off;
	return o;
}

static void check_fields(const sv_http_resp *r)
{
	size_t i;
	FZ_CHECK(r->nf <= SV_MAX_HTTP_FIELDS && r->blen <= r->body_cap, "nf %zu blen %zu", r->nf, r->blen);
	for (i = 0; i < r->nf; i++)
		FZ_CHECK(fz_inside(r->f[i].name, r->head, sizeof r->head) &&
		             fz_inside(r->f[i].value, r->head, sizeof r->head) && r->f[i].name.n > 0,
		         "field %zu outside the head", i);
	FZ_CHECK(fz_inside(r->reason, r->head, sizeof r->head), "reason view");
	if (r->done && r->framing == SV_HTTP_LENGTH)
		FZ_CHECK(r->blen == r->clen, "Content-Length %llu, body %zu", (unsigned long long)r->clen, r->blen);
}

static void check_location(const sv_http_resp *r)
{
	sv_sv loc = sv_http_field_get(r, SV_LIT("location"));
	sv_url base, to, back;
	sv_err e;
	char txt[SV_MAX_URL_BYTES + 300];
	sv_buf b;

	if (!loc.p)
		return;
	if (sv_url_parse(SV_LIT("https://issuer.example:8443/a/b/.well-known/openid-configuration?x=1"), 0, &base,
	                 &e) != SV_OK)
		FZ_CHECK(0, "base URL: %s", e.msg);
	if (sv_url_resolve(&base, loc, &to, &e) != SV_OK)
		return;
	FZ_CHECK(memchr(to.host, 0, sizeof to.host) && memchr(to.target, 0, sizeof to.target), "terminated");
	sv_buf_init(&b, txt, sizeof txt);
	sv_url_format(&b, &to);
	FZ_CHECK(!b.overflow, "formatted URL overflows");
	if (sv_url_parse((sv_sv){ txt, b.len }, SV_URL_ALLOW_HTTP, &back, &e) == SV_OK)
		FZ_CHECK(back.https == to.https && back.port == to.port && strcmp(back.host, to.host) == 0 &&
		             strcmp(back.target, to.target) == 0,
		         "%s does not parse back to itself", txt);
	(void)sv_no_proxy_match(loc, to.host);
	(void)sv_no_proxy_match(SV_LIT("localhost,.example,10.0.0.0/8,*.test"), to.host);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const size_t pieces[16] = { 1, 2, 3, 5, 7, 8, 13, 16, 31, 64, 100, 127, 256, 1000, 4096, 65536 };
	static const size_t caps[8] = { 0, 1, 16, 100, 1024, 4096, 65536, 262144 };
	unsigned char *b1, *b2;
	size_t cap, piece;
	unsigned flags;
	outcome o1, o2;

	if (size < 1)
		return 0;
	piece = pieces[data[0] & 15];
	flags = (data[0] & 16) ? SV_HTTP_F_CONNECT : 0;
	cap = caps[data[0] >> 5];
	data++;
	size--;
	b1 = malloc(cap ? cap : 1);
	b2 = malloc(cap ? cap : 1);
	o1 = run(&whole, b1, cap, flags, data, size, size ? size : 1);
	o2 = run(&parts, b2, cap, flags, data, size, piece);
	check_fields(&whole);
	check_fields(&parts);
	FZ_CHECK(o1.rc == o2.rc && o1.done == o2.done && o1.status == o2.status,
	         "whole: rc %d done %d status %d; in %zu-byte pieces: rc %d done %d status %d (%s | %s)", o1.rc,
	         o1.done, o1.status, piece, o2.rc, o2.done, o2.status, whole.err.msg, parts.err.msg);
	if (o1.rc == SV_OK) {
		size_t i;
		FZ_CHECK(o1.used == o2.used, "used %zu vs %zu", o1.used, o2.used);
		FZ_CHECK(whole.framing == parts.framing && whole.nf == parts.nf && whole.blen == parts.blen &&
		             memcmp(b1, b2, whole.blen) == 0,
		         "pieces change the framing, fields or body");
		for (i = 0; i < whole.nf; i++)
			FZ_CHECK(sv_eq(whole.f[i].name, parts.f[i].name) && sv_eq(whole.f[i].value, parts.f[i].value),
			         "field %zu differs", i);
		if (whole.done) {
			sv_body_info bi;
			sv_body_classify((sv_sv){ (const char *)b1, whole.blen },
			                 sv_http_field_get(&whole, SV_LIT("content-type")), &bi);
			FZ_CHECK(fz_inside(bi.code, b1, whole.blen) && fz_inside(bi.message, b1, whole.blen) &&
			             fz_inside(bi.endpoint, b1, whole.blen) && fz_inside(bi.bucket, b1, whole.blen) &&
			             fz_inside(bi.title, b1, whole.blen),
			         "body classification views");
			check_location(&whole);
		}
	} else {
		FZ_CHECK(o1.rc == SV_E_FORMAT || o1.rc == SV_E_LIMIT, "rc %d", o1.rc);
		FZ_CHECK(memchr(whole.err.msg, 0, sizeof whole.err.msg) != NULL, "message");
	}
	free(b1);
	free(b2);
	return 0;
}
