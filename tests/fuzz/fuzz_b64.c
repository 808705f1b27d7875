/*
 * fuzz_b64.c -- strict base64url and standard base64 (src/sv_b64.c).
 *
 * Round trips both ways: text that decodes re-encodes to exactly the same
 * text (strictness makes the encoding canonical), and any bytes encode to
 * text that decodes back to them. Decoding writes only inside the buffer it
 * is given: outputs are heap blocks of exactly the capacity passed, so
 * ASan sees one byte too many. A capacity one short is SV_E_LIMIT.
 */
#include "fuzz.h"

static char *std_from_url(const char *u, size_t n, size_t *outn)
{
	char *s = malloc(n + 3);
	size_t i;
	for (i = 0; i < n; i++)
		s[i] = u[i] == '-' ? '+' : u[i] == '_' ? '/' : u[i];
	while (i % 4)
		s[i++] = '=';
	*outn = i;
	return s;
}

static void check_url_text(const uint8_t *data, size_t size)
{
	sv_sv in = { (const char *)data, size };
	size_t need = size / 4 * 3 + (size % 4 ? size % 4 - 1 : 0), outlen = 0, back;
	unsigned char *out = malloc(need ? need : 1);
	char *enc;
	sv_err e;
	int rc;

	memset(&e, 0, sizeof e);
	rc = sv_b64url_decode(in, out, need, &outlen, &e);
	if (rc != SV_OK) {
		FZ_CHECK(rc == SV_E_B64, "rc %d", rc);
		FZ_CHECK(e.code == SV_E_B64 && e.pos <= size, "error code %d pos %zu", e.code, e.pos);
		free(out);
		return;
	}
	FZ_CHECK(size % 4 != 1, "decoded an impossible length %zu", size);
	FZ_CHECK(outlen == need, "%zu bytes from %zu characters", outlen, size);
	enc = malloc(size ? size : 1);
	back = sv_b64url_encode(out, outlen, enc, size);
	FZ_CHECK(back == size && memcmp(enc, data, size) == 0, "re-encoding differs");
	free(enc);

	/* one byte short of room: a limit, never a write past the end */
	if (need > 0) {
		unsigned char *small = malloc(need - 1 ? need - 1 : 1);
		FZ_CHECK(sv_b64url_decode(in, small, need - 1, &outlen, &e) == SV_E_LIMIT,
		         "decoded into %zu bytes of room", need - 1);
		free(small);
	}

	/* the same text in the standard alphabet with padding decodes too */
	{
		size_t sn;
		char *s = std_from_url((const char *)data, size, &sn);
		unsigned char *o2 = malloc(need ? need : 1);
		size_t l2 = 0;
		FZ_CHECK(sv_b64std_decode((sv_sv){ s, sn }, o2, need, &l2, &e) == SV_OK,
		         "standard form rejected: %s", e.msg);
		FZ_CHECK(l2 == outlen && memcmp(o2, out, l2) == 0, "standard form decodes differently");
		free(o2);
		free(s);
	}
	free(out);
}

static void check_std_text(const uint8_t *data, size_t size)
{
	sv_sv in = { (const char *)data, size };
	size_t cap = size / 4 * 3, outlen = 0, n, pad = 0, i;
	unsigned char *out = malloc(cap ? cap : 1);
	char *enc;
	sv_err e;

	if (sv_b64std_decode(in, out, cap, &outlen, &e) != SV_OK) {
		free(out);
		return;
	}
	FZ_CHECK(size % 4 == 0, "standard base64 of length %zu", size);
	/* canonical: re-encoding (url alphabet, then mapped and padded) is the input */
	enc = malloc(size + 1);
	n = sv_b64url_encode(out, outlen, enc, size);
	for (i = 0; i < n; i++)
		enc[i] = enc[i] == '-' ? '+' : enc[i] == '_' ? '/' : enc[i];
	while ((n + pad) % 4)
		enc[n + pad++] = '=';
	FZ_CHECK(n + pad == size && memcmp(enc, data, size) == 0, "standard re-encoding differs");
	free(enc);
	free(out);
}

static void check_bytes(const uint8_t *data, size_t size)
{
	size_t need = size / 3 * 4 + (size % 3 ? size % 3 + 1 : 0), n, back = 0;
	char *enc = malloc(need ? need : 1);
	unsigned char *dec = malloc(size ? size : 1);
	sv_err e;

	n = sv_b64url_encode(data, size, enc, need);
	FZ_CHECK(n == need, "encoded %zu bytes to %zu characters, expected %zu", size, n, need);
	FZ_CHECK(sv_b64url_decode((sv_sv){ enc, n }, dec, size, &back, &e) == SV_OK,
	         "own encoding rejected: %s", e.msg);
	FZ_CHECK(back == size && memcmp(dec, data, size) == 0, "bytes round trip differs");
	if (need > 0)
		FZ_CHECK(sv_b64url_encode(data, size, enc, need - 1) == 0, "encoded into too little room");
	free(enc);
	free(dec);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_url_text(data, size);
	check_std_text(data, size);
	check_bytes(data, size);
	return 0;
}
