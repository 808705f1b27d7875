/*
 * fuzz_sigflip.c -- a changed token is never accepted.
 *
 * Set-up reads fixtures/cases/verify.txt and keeps every case with rc = 0:
 * a genuine token, its JWKS and the options it is accepted with. The input
 * picks one (byte 0), a mode (byte 1) and a list of 3-byte edits:
 *   mode even: edits on the decoded signature bytes (xor a byte, or cut /
 *              extend the signature), re-encoded as strict base64url, so
 *              the token stays well formed and only the signature differs;
 *   mode odd:  edits on the token text anywhere (header, payload, dots,
 *              signature).
 * Whenever the edited token differs from the genuine one, sig.valid must
 * not be PASS and the verdict must not be "accepted". The one other valid
 * signature that exists without the key, ECDSA's (r, n - s), is computed
 * and excluded: flipping bytes at random cannot be expected to hit it, but
 * the invariant should be exactly true.
 *
 * SV_FIXTURES (default "fixtures") points at the fixture tree.
 */
#include <bearssl.h>

#include "fuzz.h"

#define MAXCASES 64
#define MAXAUD 4

typedef struct gcase {
	char  name[96];
	char *tok;          /* trimmed token text */
	size_t toklen;
	char *jwks;
	size_t jwkslen;
	int64_t now, leeway;
	char  aud[MAXAUD][96];
	size_t naud;
	char  iss[256];
	int   has_iss, has_leeway;
	char  alg[64];
} gcase;

static gcase cases[MAXCASES];
static size_t ncases;
static sv_workspace ws;
static sv_report rep;
static char edited[SV_MAX_JWT_BYTES + 1024];
static unsigned char sig[SV_RSA_MAX_BITS / 8 + 8];

static const char *fixdir(void)
{
	const char *d = getenv("SV_FIXTURES");
	return d ? d : "fixtures";
}

static char *load(const char *rel, size_t *len)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", fixdir(), rel);
	return (char *)fz_read_file(path, len);
}

static void strip(char *s)
{
	size_t n = strlen(s);
	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' '))
		s[--n] = 0;
}

static void add_case(gcase *c, const char *tokpath, const char *jwkspath)
{
	sv_sv jwt;
	sv_err e;
	char *t = load(tokpath, &c->toklen);
	c->jwks = load(jwkspath, &c->jwkslen);
	if (!t || !c->jwks || sv_token_trim(t, c->toklen, &jwt, &e) != SV_OK) {
		fprintf(stderr, "fuzz_sigflip: case %s: cannot load %s / %s\n", c->name, tokpath, jwkspath);
		exit(1);
	}
	c->tok = t;
	c->toklen = jwt.n;
	ncases++;
}

/* The accepted cases of the verify manifest. */
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char line[1024], tokpath[512] = "", jwkspath[512] = "", path[512];
	gcase cur;
	int in_case = 0, rc = -1;
	FILE *f;

	(void)argc;
	(void)argv;
	snprintf(path, sizeof path, "%s/cases/verify.txt", fixdir());
	f = fopen(path, "r");
	if (!f) {
		fprintf(stderr, "fuzz_sigflip: cannot open %s (run from the repository root)\n", path);
		exit(1);
	}
	memset(&cur, 0, sizeof cur);
	for (;;) {
		char *got = fgets(line, sizeof line, f);
		strip(line);
		if (!got || strcmp(line, "[case]") == 0) {
			if (in_case && rc == 0 && ncases < MAXCASES) {
				cases[ncases] = cur;
				add_case(&cases[ncases], tokpath, jwkspath);
			}
			if (!got)
				break;
			memset(&cur, 0, sizeof cur);
			cur.leeway = SV_DEFAULT_LEEWAY;
			in_case = 1;
			rc = -1;
			continue;
		}
		if (!in_case || line[0] == ';' || !strstr(line, " = "))
			continue;
		{
			char *v = strstr(line, " = ") + 3;
			*strstr(line, " = ") = 0;
			if (!strcmp(line, "name")) snprintf(cur.name, sizeof cur.name, "%s", v);
			else if (!strcmp(line, "token")) snprintf(tokpath, sizeof tokpath, "%s", v);
			else if (!strcmp(line, "jwks")) snprintf(jwkspath, sizeof jwkspath, "%s", v);
			else if (!strcmp(line, "now")) cur.now = strtoll(v, NULL, 10);
			else if (!strcmp(line, "leeway")) cur.leeway = strtoll(v, NULL, 10);
			else if (!strcmp(line, "iss")) { snprintf(cur.iss, sizeof cur.iss, "%s", v); cur.has_iss = 1; }
			else if (!strcmp(line, "alg")) snprintf(cur.alg, sizeof cur.alg, "%s", v);
			else if (!strcmp(line, "aud") && cur.naud < MAXAUD)
				snprintf(cur.aud[cur.naud++], sizeof cur.aud[0], "%s", v);
			else if (!strcmp(line, "rc")) rc = atoi(v);
		}
	}
	fclose(f);
	if (ncases == 0) {
		fprintf(stderr, "fuzz_sigflip: no accepted case in %s\n", path);
		exit(1);
	}
	return 0;
}

static void opts_for(const gcase *c, sv_verify_opts *o)
{
	size_t i;
	sv_err e;
	sv_verify_opts_init(o, c->now);
	o->leeway = c->leeway;
	for (i = 0; i < c->naud; i++)
		o->aud[i] = sv_from_cstr(c->aud[i]);
	o->naud = c->naud;
	if (c->has_iss)
		o->iss = sv_from_cstr(c->iss);
	if (c->alg[0] && sv_alg_parse_list(sv_from_cstr(c->alg), &o->algs, &e) != SV_OK)
		FZ_CHECK(0, "case %s: alg list %s", c->name, c->alg);
}

/* (r, n - s) of an ECDSA signature over the curve the key says; 0 if not EC. */
static int high_s(const sv_token *t, unsigned char *out)
{
	const br_ec_impl *ec = br_ec_get_default();
	const unsigned char *n;
	size_t nlen, half = t->sig_len / 2, i;
	int borrow = 0;
	if (!(t->hdr.alg & (SV_ALG_ES256 | SV_ALG_ES384 | SV_ALG_ES512)))
		return 0;
	n = ec->order(t->hdr.alg == SV_ALG_ES256 ? BR_EC_secp256r1 :
	              t->hdr.alg == SV_ALG_ES384 ? BR_EC_secp384r1 : BR_EC_secp521r1, &nlen);
	if (nlen != half)
		return 0;
	memcpy(out, t->sig, half);
	for (i = half; i-- > 0;) {
		int d = n[i] - t->sig[half + i] - borrow;
		borrow = d < 0;
		out[half + i] = (unsigned char)(d + (borrow ? 256 : 0));
	}
	return 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const gcase *c;
	sv_verify_opts o;
	sv_sv seg[3];
	size_t len, i, d1, d2, slen = 0;
	sv_err e;
	int mode, rc;
	const sv_item *sv;

	if (size < 2)
		return 0;
	c = &cases[data[0] % ncases];
	mode = data[1] & 1;
	data += 2;
	size -= 2;

	d1 = sv_find((sv_sv){ c->tok, c->toklen }, '.', 0);
	d2 = sv_find((sv_sv){ c->tok, c->toklen }, '.', d1 + 1);
	seg[0] = (sv_sv){ c->tok, d1 };
	seg[1] = (sv_sv){ c->tok + d1 + 1, d2 - d1 - 1 };
	seg[2] = (sv_sv){ c->tok + d2 + 1, c->toklen - d2 - 1 };

	if (mode == 0) {
		FZ_CHECK(sv_b64url_decode(seg[2], sig, sizeof sig, &slen, &e) == SV_OK, "case %s", c->name);
		for (i = 0; i + 3 <= size; i += 3) {
			size_t pos = ((size_t)data[i + 1] << 8 | data[i + 2]);
			switch (data[i] % 8) {
			case 0:                                /* cut */
				if (slen > 0)
					slen = pos % slen;
				break;
			case 1:                                /* extend with a byte */
				if (slen < sizeof sig)
					sig[slen++] = data[i + 2];
				break;
			default:                               /* xor one byte */
				if (slen > 0)
					sig[pos % slen] ^= (unsigned char)(data[i] | 1);
				break;
			}
		}
		memcpy(edited, c->tok, d2 + 1);
		len = d2 + 1 + sv_b64url_encode(sig, slen, edited + d2 + 1, sizeof edited - d2 - 1);
	} else {
		memcpy(edited, c->tok, c->toklen);
		len = c->toklen;
		for (i = 0; i + 3 <= size; i += 3) {
			size_t pos = ((size_t)data[i] << 8 | data[i + 1]) % (len ? len : 1);
			if (data[i + 2] == 0 && len > 0) {            /* delete a character */
				memmove(edited + pos, edited + pos + 1, len - pos - 1);
				len--;
			} else if (data[i + 2] == 1 && len < sizeof edited) {  /* duplicate one */
				memmove(edited + pos + 1, edited + pos, len - pos);
				len++;
			} else if (len > 0) {
				edited[pos] = (char)data[i + 2];
			}
		}
	}
	if (len == c->toklen && memcmp(edited, c->tok, len) == 0)
		return 0;                /* no change: nothing to assert */

	opts_for(c, &o);
	sv_report_init(&rep);
	rc = sv_verify(&ws, &o, edited, len, c->jwks, c->jwkslen, &rep, &e);
	FZ_CHECK(rc == SV_OK, "case %s: the genuine JWKS stopped parsing: %s", c->name, e.msg);
	sv = sv_report_get(&rep, SV_CHK_SIG_VALID);
	if (sv && sv->status == SV_PASS) {
		unsigned char hs[2 * 66];
		sv_sv s2 = seg[2];
		/* the same header and payload, and (r, n - s) of the genuine signature */
		if (ws.tok.decoded && ws.tok.seg[0].n + ws.tok.seg[1].n == seg[0].n + seg[1].n &&
		    memcmp(edited, c->tok, d2) == 0 && sv_b64url_decode(s2, sig, sizeof sig, &slen, &e) == SV_OK) {
			sv_token g = ws.tok;
			g.sig = sig;
			g.sig_len = slen;
			if (high_s(&g, hs) && ws.tok.sig_len == slen && memcmp(ws.tok.sig, hs, slen) == 0) {
				sv_workspace_wipe(&ws);
				return 0;
			}
		}
		FZ_CHECK(0, "case %s: a changed token (%zu bytes) verifies: %.*s", c->name, len, (int)len, edited);
	}
	FZ_CHECK(!sv_report_ok(&rep), "case %s: a changed token is accepted", c->name);
	sv_workspace_wipe(&ws);
	return 0;
}
