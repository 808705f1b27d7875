/*
 * sv_sig.c -- BearSSL glue: JWS RS* and ES* signature verification.
 *
 * RSA: we run the raw public operation and compare the *whole* recovered
 * block with the PKCS#1 v1.5 encoding we expect, byte for byte. That
 * leaves no padding parser to fool (Bleichenbacher's e=3 forgeries, junk
 * after the digest, missing NULL parameters: all fail the comparison).
 */
#include <bearssl.h>

#include "sv_internal.h"

static const unsigned char di_sha256[] = {
	0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01,
	0x05, 0x00, 0x04, 0x20
};
static const unsigned char di_sha384[] = {
	0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x02,
	0x05, 0x00, 0x04, 0x30
};
static const unsigned char di_sha512[] = {
	0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x03,
	0x05, 0x00, 0x04, 0x40
};

/* Hashes msg with the alg's SHA-2; returns the digest length, 0 if none. */
static size_t digest(sv_alg alg, const unsigned char *msg, size_t n, unsigned char *out)
{
	switch (alg) {
	case SV_ALG_RS256:
	case SV_ALG_ES256: {
		br_sha256_context c;
		br_sha256_init(&c);
		br_sha256_update(&c, msg, n);
		br_sha256_out(&c, out);
		return 32;
	}
	case SV_ALG_RS384:
	case SV_ALG_ES384: {
		br_sha384_context c;
		br_sha384_init(&c);
		br_sha384_update(&c, msg, n);
		br_sha384_out(&c, out);
		return 48;
	}
	case SV_ALG_RS512:
	case SV_ALG_ES512: {
		br_sha512_context c;
		br_sha512_init(&c);
		br_sha512_update(&c, msg, n);
		br_sha512_out(&c, out);
		return 64;
	}
	case SV_ALG_NONE:
	default:
		return 0;
	}
}

/* The public operation: sv_rsa.c, or BearSSL with -DSV_RSA_BEARSSL (the reference). */
static uint32_t rsa_public(const sv_rsa_key *key, unsigned char *x, size_t xlen)
{
#ifdef SV_RSA_BEARSSL
	br_rsa_public_key pk;
	/* BearSSL takes non-const key pointers but never writes through them */
	pk.n = (unsigned char *)(uintptr_t)key->nb;
	pk.nlen = key->nlen;
	pk.e = (unsigned char *)(uintptr_t)key->e;
	pk.elen = key->elen;
	return br_rsa_public_get_default()(x, xlen, &pk);
#else
	return sv_rsa_public(key, x, xlen);
#endif
}

int sv_sig_verify_rsa_key(const sv_rsa_key *key, sv_alg alg,
                          const unsigned char *msg, size_t msglen,
                          const unsigned char *sig, size_t siglen)
{
	unsigned char x[SV_RSA_MAX_BITS / 8], em[SV_RSA_MAX_BITS / 8], h[64];
	const unsigned char *di;
	size_t hlen, dlen, ps, i, nlen = key->nlen;
	int ok;

	/* a JWK modulus has no leading zero (checked by the caller) */
	if (!key->ready || nlen == 0 || nlen > sizeof x || siglen != nlen)
		return 0;
	/* the signature must be numerically below the modulus */
	if (memcmp(sig, key->nb, nlen) >= 0)
		return 0;
	hlen = digest(alg, msg, msglen, h);
	di = alg == SV_ALG_RS256 ? di_sha256 : alg == SV_ALG_RS384 ? di_sha384 : di_sha512;
	dlen = sizeof di_sha256;
	if (hlen == 0 || nlen < 11 + dlen + hlen)
		return 0;

	memcpy(x, sig, siglen);
	if (!rsa_public(key, x, nlen))
		return 0;

	ps = nlen - 3 - dlen - hlen;
	em[0] = 0x00;
	em[1] = 0x01;
	for (i = 0; i < ps; i++)
		em[2 + i] = 0xFF;
	em[2 + ps] = 0x00;
	memcpy(em + 3 + ps, di, dlen);
	memcpy(em + 3 + ps + dlen, h, hlen);
	ok = sv_ct_eq(x, em, nlen);
	sv_wipe(x, sizeof x);
	return ok;
}

int sv_sig_verify_rsa(sv_alg alg, const unsigned char *n, size_t nlen,
                      const unsigned char *e, size_t elen,
                      const unsigned char *msg, size_t msglen,
                      const unsigned char *sig, size_t siglen)
{
	sv_rsa_key key;

	if (nlen == 0 || n[0] == 0 || sv_rsa_key_init(&key, n, nlen, e, elen) != SV_OK)
		return 0;
	return sv_sig_verify_rsa_key(&key, alg, msg, msglen, sig, siglen);
}

int sv_sig_verify_ec(sv_alg alg, int curve, const unsigned char *q, size_t qlen,
                     const unsigned char *msg, size_t msglen,
                     const unsigned char *sig, size_t siglen)
{
	unsigned char h[64];
	size_t hlen, clen;
	br_ec_public_key pk;

	clen = curve == BR_EC_secp256r1 ? 32 : curve == BR_EC_secp384r1 ? 48 :
	       curve == BR_EC_secp521r1 ? 66 : 0;
	if (clen == 0 || siglen != 2 * clen || qlen != 1 + 2 * clen)
		return 0;
	hlen = digest(alg, msg, msglen, h);
	if (hlen == 0)
		return 0;
	pk.curve = curve;
	pk.q = (unsigned char *)(uintptr_t)q;   /* not written by BearSSL */
	pk.qlen = qlen;
	return br_ecdsa_vrfy_raw_get_default()(br_ec_get_default(), h, hlen, &pk, sig, siglen) == 1;
}
