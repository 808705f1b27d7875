/*
 * sv_b64.c -- strict base64url (JWS) and standard base64 (Secret data).
 *
 * Strict means one encoding per byte string: no padding in base64url, no
 * characters of the other alphabet, no whitespace, and the unused low bits
 * of the last character must be zero (RFC 7515 section 2, RFC 4648 3.5).
 */
#include "sv_internal.h"

static int val(unsigned char c, int url)
{
	unsigned v;
	if ((v = (unsigned)c - 'A') < 26) return (int)v;
	if ((v = (unsigned)c - 'a') < 26) return (int)v + 26;
	if ((v = (unsigned)c - '0') < 10) return (int)v + 52;
	if (c == (url ? '-' : '+')) return 62;
	if (c == (url ? '_' : '/')) return 63;
	return -1;
}

/* Why in (n characters, decoding to need bytes) was refused: its first bad character, else its length. */
static int refuse(sv_sv in, size_t n, int url, size_t need, size_t cap, sv_err *err)
{
	size_t i;
	for (i = 0; i < n; i++) {
		static const char hx[] = "0123456789abcdef";
		unsigned char c = (unsigned char)in.p[i];
		char h[3] = { hx[c >> 4], hx[c & 15], 0 };
		if (val(c, url) >= 0)
			continue;
		if (c == '=')
			sv_err_set(err, SV_E_B64, i, url ? "offset %z: '=' padding is not allowed in base64url" : "offset %z: misplaced '=' padding", i);
		else if (url && (c == '+' || c == '/'))
			sv_err_set(err, SV_E_B64, i, "offset %z: '%s' belongs to standard base64, not base64url",
			           i, c == '+' ? "+" : "/");
		else if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			sv_err_set(err, SV_E_B64, i, "offset %z: whitespace inside base64", i);
		else
			sv_err_set(err, SV_E_B64, i, "offset %z: byte 0x%s is not base64%s", i, h,
			           url ? "url" : "");
		return SV_E_B64;
	}
	if (n % 4 == 1) {
		sv_err_set(err, SV_E_B64, n, "base64 length %z is impossible", n);
		return SV_E_B64;
	}
	sv_err_set(err, SV_E_LIMIT, 0, "decodes to %z bytes; at most %z fit", need, cap);
	return SV_E_LIMIT;
}

static int decode(sv_sv in, int url, unsigned char *out, size_t cap, size_t *outlen,
                  sv_err *err)
{
	size_t i, o = 0, n = in.n, need;
	uint32_t acc = 0;
	int bits = 0;

	if (!url) {
		/* standard form: length a multiple of 4, at most two '=' at the end */
		size_t pad = 0;
		if (n % 4 != 0) {
			sv_err_set(err, SV_E_B64, n, "base64 length %z is not a multiple of 4", n);
			return SV_E_B64;
		}
		while (pad < 2 && n > 0 && in.p[n - 1] == '=') {
			n--;
			pad++;
		}
	}
	need = n / 4 * 3 + (n % 4 ? n % 4 - 1 : 0);
	if (n % 4 == 1 || need > cap)
		return refuse(in, n, url, need, cap, err);
	/* one pass: decode and check each character together */
	for (i = 0; i < n; i++) {
		int v = val((unsigned char)in.p[i], url);
		if (v < 0)
			return refuse(in, n, url, need, cap, err);
		acc = (acc << 6) | (uint32_t)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[o++] = (unsigned char)(acc >> bits);
			acc &= (1u << bits) - 1;
		}
	}
	if (bits > 0 && acc != 0) {
		sv_err_set(err, SV_E_B64, n - 1, "offset %z: non-zero trailing bits (non-canonical encoding)", n - 1);
		return SV_E_B64;
	}
	*outlen = o;
	return SV_OK;
}

int sv_b64url_decode(sv_sv in, unsigned char *out, size_t cap, size_t *outlen, sv_err *err)
{
	return decode(in, 1, out, cap, outlen, err);
}

int sv_b64std_decode(sv_sv in, unsigned char *out, size_t cap, size_t *outlen, sv_err *err)
{
	return decode(in, 0, out, cap, outlen, err);
}

size_t sv_b64url_encode(const unsigned char *in, size_t n, char *out, size_t cap)
{
	static const char al[] =
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
	size_t i, o = 0, need = n / 3 * 4 + (n % 3 ? n % 3 + 1 : 0);
	if (need > cap)
		return 0;
	for (i = 0; i + 2 < n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
		out[o++] = al[v >> 18];
		out[o++] = al[(v >> 12) & 63];
		out[o++] = al[(v >> 6) & 63];
		out[o++] = al[v & 63];
	}
	if (n - i == 1) {
		uint32_t v = (uint32_t)in[i] << 16;
		out[o++] = al[v >> 18];
		out[o++] = al[(v >> 12) & 63];
	} else if (n - i == 2) {
		uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8;
		out[o++] = al[v >> 18];
		out[o++] = al[(v >> 12) & 63];
		out[o++] = al[(v >> 6) & 63];
	}
	return o;
}
