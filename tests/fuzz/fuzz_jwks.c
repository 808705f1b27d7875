/*
 * fuzz_jwks.c -- the JWK Set reader (sv_jwks_parse).
 *
 * Invariants on success: the counts add up and stay within the arrays;
 * each kept key is RSA or EC with kty_name saying so; every view (kty,
 * kid, alg, use, n, e, crv, x, y) lies inside the document or the arena;
 * a key with a kid reports has_kid. On failure the message is terminated
 * and its code is the return code.
 */
#include "fuzz.h"

static jsmntok_t tok[SV_MAX_JWKS_TOKENS];
static sv_jwks jwks;
static char abuf[SV_MAX_STRING_ARENA];

static int in(sv_sv v, const uint8_t *data, size_t size, const sv_arena *a)
{
	return fz_inside(v, data, size) || fz_inside(v, a->buf, a->used);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sv_arena a;
	sv_err e;
	size_t i, kcap = sizeof jwks.keys / sizeof jwks.keys[0];
	int rc;

	memset(&e, 0, sizeof e);
	sv_arena_init(&a, abuf, sizeof abuf);
	rc = sv_jwks_parse(&jwks, (const char *)data, size, tok, SV_MAX_JWKS_TOKENS, &a, &e);
	FZ_CHECK(memchr(e.msg, 0, sizeof e.msg) != NULL, "message");
	FZ_CHECK(a.used <= a.cap, "arena overrun");
	if (rc != SV_OK) {
		FZ_CHECK(rc == SV_E_JSON || rc == SV_E_LIMIT || rc == SV_E_FORMAT, "rc %d", rc);
		FZ_CHECK(e.code == rc, "err.code %d != rc %d (%s)", e.code, rc, e.msg);
		return 0;
	}
	fz_check_json(&jwks.doc);
	FZ_CHECK(jwks.nkeys <= kcap && jwks.nkeys <= jwks.nrsa + jwks.nec, "counts %zu/%zu/%zu",
	         jwks.nkeys, jwks.nrsa, jwks.nec);
	FZ_CHECK(jwks.nkeys == (jwks.nrsa < SV_MAX_RSA_KEYS ? jwks.nrsa : SV_MAX_RSA_KEYS) +
	                           (jwks.nec < SV_MAX_EC_KEYS ? jwks.nec : SV_MAX_EC_KEYS),
	         "kept %zu keys of %zu RSA and %zu EC", jwks.nkeys, jwks.nrsa, jwks.nec);
	for (i = 0; i < jwks.nkeys; i++) {
		const sv_jwk *k = &jwks.keys[i];
		FZ_CHECK(k->kty == SV_KTY_RSA || k->kty == SV_KTY_EC, "key %zu kty %d", i, (int)k->kty);
		FZ_CHECK(sv_eq(k->kty_name, k->kty == SV_KTY_RSA ? SV_LIT("RSA") : SV_LIT("EC")),
		         "key %zu kty_name", i);
		FZ_CHECK(sv_json_type(&jwks.doc, k->obj) == JSMN_OBJECT, "key %zu object", i);
		FZ_CHECK(in(k->kty_name, data, size, &a) && in(k->kid, data, size, &a) &&
		             in(k->alg, data, size, &a) && in(k->use, data, size, &a) &&
		             in(k->n, data, size, &a) && in(k->e, data, size, &a) &&
		             in(k->crv, data, size, &a) && in(k->x, data, size, &a) &&
		             in(k->y, data, size, &a),
		         "key %zu has a view outside the document and the arena", i);
		FZ_CHECK(k->has_kid == (sv_json_get(&jwks.doc, k->obj, SV_LIT("kid")) >= 0), "has_kid %zu", i);
		if (k->has_private)
			FZ_CHECK(jwks.nprivate > 0, "private key not counted");
	}
	return 0;
}
