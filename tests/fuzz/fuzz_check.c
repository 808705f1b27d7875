/*
 * fuzz_check.c -- the `check` path (sv_check_run): every gate over a
 * token, JWKS, discovery document, IAM provider, role and PEM chain.
 *
 * Input: the fields of one bundle separated by 0x1E (ASCII record
 * separator): token, JWKS, discovery, provider, role, chain. A field that
 * is absent (fewer separators) is an input not given; the token's one line
 * end is removed as the CLI does. The clock is the fixtures' NOW. Seeds are
 * the fixture bundles joined this way (tests/fuzz/seed.sh).
 *
 * Invariants: a failure names a bad input and says where; "success" means
 * no FAIL row, no failing gate, an empty message, and sig.valid PASS with
 * an independent BearSSL implementation (i15) verifying the signature under
 * the selected key -- or, when no JWKS was given, sig.valid SKIP (success
 * "if the skipped links hold", as docs/check.md says); a refusal names a gate whose row is FAIL; every text is
 * terminated; no row, hint or message shows the signature segment.
 */
#include <bearssl.h>

#include "fuzz.h"
#include "stsverify/sv_check.h"

static sv_check_ws ws;
static sv_report rep;
static sv_sts_answer ans;

static int term(const char *s, size_t n)
{
	return memchr(s, 0, n) != NULL;
}

static void cross_check(void)
{
	const sv_token *t = &ws.v.tok;
	const sv_keybuf *kb = &ws.v.key;
	const unsigned char *msg = (const unsigned char *)t->jwt.p;
	size_t mlen = t->seg[0].n + 1 + t->seg[1].n, hlen;
	unsigned char h[64];
	const br_hash_class *hc;
	br_hash_compat_context hctx;
	const unsigned char *oid;

	switch (t->hdr.alg) {
	case SV_ALG_RS256: case SV_ALG_ES256: hc = &br_sha256_vtable; oid = BR_HASH_OID_SHA256; break;
	case SV_ALG_RS384: case SV_ALG_ES384: hc = &br_sha384_vtable; oid = BR_HASH_OID_SHA384; break;
	case SV_ALG_RS512: case SV_ALG_ES512: hc = &br_sha512_vtable; oid = BR_HASH_OID_SHA512; break;
	case SV_ALG_NONE:
	default:
		FZ_CHECK(0, "success with alg %d", (int)t->hdr.alg);
		return;
	}
	hc->init(&hctx.vtable);
	hc->update(&hctx.vtable, msg, mlen);
	hc->out(&hctx.vtable, h);
	hlen = (hc->desc >> BR_HASHDESC_OUT_OFF) & BR_HASHDESC_OUT_MASK;
	if (t->hdr.alg & (SV_ALG_RS256 | SV_ALG_RS384 | SV_ALG_RS512)) {
		br_rsa_public_key pk;
		unsigned char x[SV_RSA_MAX_BITS / 8], got[64];
		pk.n = (unsigned char *)(uintptr_t)kb->n;
		pk.nlen = kb->nlen;
		pk.e = (unsigned char *)(uintptr_t)kb->e;
		pk.elen = kb->elen;
		FZ_CHECK(t->sig_len == kb->nlen && t->sig_len <= sizeof x, "RSA signature length");
		memcpy(x, t->sig, t->sig_len);
		FZ_CHECK(br_rsa_i15_pkcs1_vrfy(x, t->sig_len, oid, hlen, &pk, got) == 1 &&
		             memcmp(got, h, hlen) == 0,
		         "check succeeded with an RSA signature BearSSL's i15 verifier rejects");
	} else {
		br_ec_public_key pk;
		pk.curve = kb->curve;
		pk.q = (unsigned char *)(uintptr_t)kb->q;
		pk.qlen = kb->qlen;
		FZ_CHECK(br_ecdsa_i15_vrfy_raw(&br_ec_prime_i15, h, hlen, &pk, t->sig, t->sig_len) == 1,
		         "check succeeded with an ECDSA signature BearSSL's i15 verifier rejects");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sv_sv f[6];
	size_t nf = 0, start = 0, i;
	sv_check_in in;
	sv_check_input bad = SV_IN_NONE;
	sv_err e;
	sv_sv ctx[2];
	int rc;

	for (i = 0; i <= size && nf < 6; i++) {
		if (i == size || data[i] == 0x1E) {
			f[nf++] = (sv_sv){ (const char *)data + start, i - start };
			start = i + 1;
		}
	}
	sv_check_in_init(&in, 1790000000);
	if (nf > 0) {
		sv_sv t = f[0];
		if (t.n > 0 && t.p[t.n - 1] == '\n')
			t.n--;
		if (t.n > 0 && t.p[t.n - 1] == '\r')
			t.n--;
		in.jwt = t;
		in.token_source = "--token";
	}
	if (nf > 1)
		in.jwks = f[1];
	if (nf > 2)
		in.discovery = f[2];
	if (nf > 3)
		in.provider = f[3];
	if (nf > 4)
		in.role = f[4];
	if (nf > 5)
		in.chain = f[5];

	memset(&e, 0, sizeof e);
	sv_report_init(&rep);
	rc = sv_check_run(&ws, &in, &rep, &ans, &bad, &e);
	if (rc != SV_OK) {
		FZ_CHECK(rc == SV_E_JSON || rc == SV_E_FORMAT || rc == SV_E_LIMIT, "rc %d", rc);
		FZ_CHECK(bad != SV_IN_NONE && e.code == rc && term(e.msg, sizeof e.msg), "bad %d code %d",
		         (int)bad, e.code);
		sv_workspace_wipe(&ws.v);
		return 0;
	}
	FZ_CHECK(term(ans.message, sizeof ans.message) && term(ans.assumed_role, sizeof ans.assumed_role) &&
	             term(ans.provider_arn, sizeof ans.provider_arn),
	         "answer text not terminated");
	ctx[0] = (sv_sv){ in.jwt.p, ws.v.tok.seg[2].n ? (size_t)(ws.v.tok.seg[2].p - in.jwt.p) : 0 };
	ctx[1] = (sv_sv){ (const char *)data + in.jwt.n, size - (in.jwt.p ? in.jwt.n : 0) };
	for (i = 0; i < rep.count; i++) {
		const sv_item *it = &rep.items[i];
		FZ_CHECK((unsigned)it->id < SV_CHK__COUNT && (unsigned)it->status <= SV_SKIP, "row %zu", i);
		FZ_CHECK(term(it->detail, sizeof it->detail) && term(it->hint, sizeof it->hint), "row %zu", i);
		FZ_CHECK(!fz_leaks(it->detail, ws.v.tok.seg[2], ctx, 2) && !fz_leaks(it->hint, ws.v.tok.seg[2], ctx, 2),
		         "row %s shows the signature", sv_check_slug(it->id));
	}
	FZ_CHECK(!fz_leaks(ans.message, ws.v.tok.seg[2], ctx, 2), "the answer shows the signature");
	if (ans.success) {
		const sv_item *sig = sv_report_get(&rep, SV_CHK_SIG_VALID);
		FZ_CHECK(ans.gate == SV_CHK__COUNT && ans.message[0] == '\0', "success with gate %s",
		         sv_check_slug(ans.gate));
		FZ_CHECK(sv_report_ok(&rep), "success with a FAIL row");
		/* without a JWKS, success is "if the skipped links hold" (docs/check.md):
		 * sig.valid is then SKIP; with one, it must be PASS and hold up */
		FZ_CHECK(sig && (sig->status == SV_PASS || (sig->status == SV_SKIP && nf < 2)),
		         "success with sig.valid %s", sig ? sv_status_name(sig->status) : "absent");
		if (sig->status == SV_PASS)
			cross_check();
	} else {
		const sv_item *g = sv_report_get(&rep, ans.gate);
		FZ_CHECK(ans.gate < SV_CHK__COUNT, "refusal without a gate");
		FZ_CHECK(g && g->status == SV_FAIL, "refused at %s, whose row is %s", sv_check_slug(ans.gate),
		         g ? sv_status_name(g->status) : "absent");
		FZ_CHECK(ans.message[0] != '\0', "refusal without a message");
	}
	sv_workspace_wipe(&ws.v);
	return 0;
}
