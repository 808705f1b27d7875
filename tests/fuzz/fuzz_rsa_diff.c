/*
 * fuzz_rsa_diff.c -- src/sv_rsa.c against BearSSL on inputs libFuzzer picks.
 *
 * The verification fast path (sv_rsa_key_init + sv_rsa_public) must give
 * the same return value as br_rsa_i31_public and br_rsa_i62_public, and the
 * same bytes whenever they succeed. Input layout:
 *   byte 0     modulus length: 1 + byte0 * 2 bytes (1 .. 511), or one of
 *              256/384/512 (2048/3072/4096 bits) when byte0 >= 0xF0
 *   byte 1     exponent: 0..3 -> 65537, 3, 1, then (b % 8) + 1 bytes taken
 *              from the input (forced odd and non-zero)
 *   then       modulus bytes (top bit forced on half the time), x bytes;
 *              short input is padded by a counter, so every input is used
 * x is the same length as n (stripped), as a JWS RS* signature must be; the
 * top byte of x is masked below n's top byte unless byte 1 bit 7 is set,
 * so most inputs reach the arithmetic instead of the x >= n refusal.
 *
 * Build and run (clang, libFuzzer):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -Isrc \
 *     tests/fuzz/fuzz_rsa_diff.c src/sv_rsa.c src/sv_str.c -lbearssl -o build/fuzz_rsa_diff
 *   ./build/fuzz_rsa_diff -runs=1000000
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <bearssl.h>

#include "sv_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static size_t pos;

static unsigned char take(const uint8_t *data, size_t size)
{
	unsigned char b = pos < size ? data[pos] : (unsigned char)(pos * 0x9d + 0x3b);
	pos++;
	return b;
}

static void differ(const char *what, size_t nlen, size_t elen)
{
	fprintf(stderr, "fuzz_rsa_diff: %s (nlen %zu, elen %zu)\n", what, nlen, elen);
	abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static unsigned char n[512], e[8], x[512], a[512], b[512], c[512];
	static sv_rsa_key key;
	br_rsa_public_key pk;
	size_t nlen, elen, i, xlen;
	unsigned char sel, esel;
	uint32_t r31, r62, rsv;
	br_rsa_public i62;

	pos = 0;
	sel = take(data, size);
	esel = take(data, size);
	nlen = sel >= 0xF0 ? (size_t)(256 + 128 * (sel % 3)) : 1 + (size_t)sel * 2;
	switch (esel & 0x7F) {
	case 0: e[0] = 1; e[1] = 0; e[2] = 1; elen = 3; break;
	case 1: e[0] = 3; elen = 1; break;
	case 2: e[0] = 1; elen = 1; break;
	default:
		elen = (size_t)(esel % 8) + 1;
		for (i = 0; i < elen; i++)
			e[i] = take(data, size);
		e[0] |= 1;       /* non-zero */
		e[elen - 1] |= 1; /* odd, as the verifier requires */
		break;
	}
	for (i = 0; i < nlen; i++)
		n[i] = take(data, size);
	if (sel & 1)
		n[0] |= 0x80;
	if (n[0] == 0)
		n[0] = 1;    /* lengths stay what was chosen: no leading zero */
	if (nlen == 1 && n[0] < 3)
		n[0] = 3;    /* n = 1 has no RSA meaning; sv_rsa_key_init refuses it */
	xlen = nlen;
	for (i = 0; i < xlen; i++)
		x[i] = take(data, size);
	if (!(esel & 0x80))
		x[0] = n[0] > 1 ? (unsigned char)(x[0] % n[0]) : 0;

	memcpy(a, x, xlen);
	memcpy(b, x, xlen);
	memcpy(c, x, xlen);
	pk.n = n;
	pk.nlen = nlen;
	pk.e = e;
	pk.elen = elen;
	r31 = br_rsa_i31_public(a, xlen, &pk);
	/* i62 exists only where the compiler has a 64x64->128 multiply;
	 * elsewhere (armv7) compare against i31 alone. */
	i62 = br_rsa_i62_public_get();
	if (i62 != NULL)
		r62 = i62(b, xlen, &pk);
	else {
		memcpy(b, a, xlen);
		r62 = r31;
	}
	rsv = sv_rsa_key_init(&key, n, nlen, e, elen) == SV_OK ? sv_rsa_public(&key, c, xlen) : 0;
	if (r31 != r62)
		differ("BearSSL i31 and i62 disagree", nlen, elen);
	if (rsv != r31)
		differ("sv_rsa_public's return differs from BearSSL's", nlen, elen);
	if (rsv && (memcmp(a, c, xlen) != 0 || memcmp(b, c, xlen) != 0))
		differ("sv_rsa_public's result differs from BearSSL's", nlen, elen);
	return 0;
}
