/*
 * fuzz_verify.c -- the whole offline verification (sv_verify).
 *
 * Input: the token, a '\n', then the JWKS document (a token file followed
 * by a JWKS file, which is how the seeds are made). The clock is the one
 * the fixtures are cut for.
 *
 * Invariants: every row is a known check with a terminated detail; a SKIP
 * only follows a FAIL; when the verdict is "accepted", tok.format,
 * hdr.alg, key.params and sig.valid say PASS, a key was selected, and an
 * independent BearSSL implementation (i15 RSA PKCS#1 / i15 ECDSA, not the
 * code paths sv_sig.c uses) also verifies the signature under that key;
 * no row shows the signature segment; the wiped workspace is all zero
 * (checked on every accepted input and one in 16 others: it is slow).
 */
#include <bearssl.h>

#include "fuzz.h"

static sv_workspace ws;
static sv_report rep;

static int zero(const void *p, size_t n)
{
	const unsigned char *b = p;
	size_t i;
	for (i = 0; i < n; i++)
		if (b[i])
			return 0;
	return 1;
}

/* An independent check of an accepted signature. */
static void cross_check(void)
{
	const sv_token *t = &ws.tok;
	const sv_keybuf *kb = &ws.key;
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
		FZ_CHECK(0, "accepted alg %d", (int)t->hdr.alg);
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
		         "accepted an RSA signature BearSSL's i15 verifier rejects");
	} else {
		br_ec_public_key pk;
		pk.curve = kb->curve;
		pk.q = (unsigned char *)(uintptr_t)kb->q;
		pk.qlen = kb->qlen;
		FZ_CHECK(br_ecdsa_i15_vrfy_raw(&br_ec_prime_i15, h, hlen, &pk, t->sig, t->sig_len) == 1,
		         "accepted an ECDSA signature BearSSL's i15 verifier rejects");
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	const uint8_t *nl = memchr(data, '\n', size);
	size_t tlen = nl ? (size_t)(nl - data) : size, i, nfail = 0, nskip = 0;
	sv_verify_opts o;
	sv_err e;
	sv_sv ctx[3];
	int rc;

	sv_verify_opts_init(&o, 1790000000);
	o.aud[0] = SV_LIT("sts.amazonaws.com");
	o.naud = 1;
	memset(&e, 0, sizeof e);
	sv_report_init(&rep);
	rc = sv_verify(&ws, &o, in, tlen, nl ? in + tlen + 1 : in + size, nl ? size - tlen - 1 : 0,
	               &rep, &e);
	if (rc != SV_OK) {
		FZ_CHECK(rc == SV_E_JSON || rc == SV_E_LIMIT || rc == SV_E_FORMAT, "rc %d", rc);
		FZ_CHECK(e.code == rc && memchr(e.msg, 0, sizeof e.msg), "error %d: %s", e.code, e.msg);
	}

	ctx[0] = (sv_sv){ in, ws.tok.seg[2].n ? (size_t)(ws.tok.seg[2].p - in) : 0 };
	ctx[1] = (sv_sv){ ws.hbuf, sizeof ws.hbuf };
	ctx[2] = (sv_sv){ nl ? in + tlen + 1 : in, nl ? size - tlen - 1 : 0 };
	for (i = 0; i < rep.count; i++) {
		const sv_item *it = &rep.items[i];
		FZ_CHECK((unsigned)it->id < SV_CHK__COUNT && (unsigned)it->status <= SV_SKIP, "row %zu", i);
		FZ_CHECK(memchr(it->detail, 0, sizeof it->detail) && memchr(it->hint, 0, sizeof it->hint),
		         "row %zu not terminated", i);
		FZ_CHECK(!fz_leaks(it->detail, ws.tok.seg[2], ctx, 3) && !fz_leaks(it->hint, ws.tok.seg[2], ctx, 3),
		         "row %s shows the signature: %s", sv_check_slug(it->id), it->detail);
		nfail += it->status == SV_FAIL;
		nskip += it->status == SV_SKIP;
		if (i > 0)
			FZ_CHECK(rep.items[i - 1].id < it->id, "rows out of order or repeated");
	}
	if (rc == SV_OK)
		FZ_CHECK(nskip == 0 || nfail > 0, "%zu rows skipped but none failed", nskip);

	if (rc == SV_OK && sv_report_ok(&rep)) {
		const sv_item *kp = sv_report_get(&rep, SV_CHK_KEY_SELECT);
		FZ_CHECK(sv_report_get(&rep, SV_CHK_TOK_FORMAT)->status == SV_PASS, "tok.format");
		FZ_CHECK(sv_report_get(&rep, SV_CHK_HDR_ALG)->status == SV_PASS, "hdr.alg");
		FZ_CHECK(kp && (kp->status == SV_PASS || kp->status == SV_WARN), "key.select");
		FZ_CHECK(sv_report_get(&rep, SV_CHK_KEY_PARAMS)->status == SV_PASS, "key.params");
		FZ_CHECK(sv_report_get(&rep, SV_CHK_SIG_VALID)->status == SV_PASS, "sig.valid");
		FZ_CHECK(sv_report_get(&rep, SV_CHK_CLM_EXP)->status == SV_PASS, "clm.exp");
		FZ_CHECK(ws.selected >= 0 && (size_t)ws.selected < ws.jwks.nkeys, "selected key");
		cross_check();
	}
	/* the wipe is a 250 KiB volatile loop: every accepted input, and one in 16 others */
	if ((rc == SV_OK && sv_report_ok(&rep)) || size % 16 == 0) {
		sv_workspace_wipe(&ws);
		FZ_CHECK(zero(&ws, sizeof ws), "workspace not wiped");
	}
	return 0;
}
