/*
 * sv_verify.c -- the token checks: structure, header, key, signature,
 * claims. Each check writes exactly one report row; evaluation goes on
 * after a failure so the user sees every reason at once. Rows that cannot
 * be evaluated because an earlier one failed say SKIP and name it.
 */
#include <bearssl.h>

#include "sv_internal.h"

_Static_assert(SV_MAX_STRING_ARENA >= SV_MAX_JWT_BYTES * 3 / 4,
               "the arena must hold every escaped string a token can carry");

void sv_verify_opts_init(sv_verify_opts *o, int64_t now)
{
	memset(o, 0, sizeof *o);
	o->now = now;
	o->leeway = SV_DEFAULT_LEEWAY;
	o->algs = SV_ALG_STS_ALL;
}

void sv_workspace_wipe(sv_workspace *ws)
{
	sv_wipe_sparse(ws, sizeof *ws);
}

/* The rows verification owns, in report order; check adds its own around them. */
static const sv_check_id verify_rows[] = {
	SV_CHK_TOK_FORMAT, SV_CHK_HDR_ALG, SV_CHK_HDR_CRIT, SV_CHK_HDR_KEYREF, SV_CHK_JWKS_KEYS,
	SV_CHK_KEY_SELECT, SV_CHK_KEY_PARAMS, SV_CHK_SIG_VALID, SV_CHK_CLM_ISS, SV_CHK_CLM_SUB,
	SV_CHK_CLM_AUD, SV_CHK_CLM_EXP, SV_CHK_CLM_NBF, SV_CHK_CLM_IAT
};

/* Marks the verify rows from..to (inclusive) that have no row yet as SKIP. */
static void skip_rows(sv_report *rep, sv_check_id from, sv_check_id to, const char *why)
{
	size_t i;
	for (i = 0; i < sizeof verify_rows / sizeof verify_rows[0]; i++)
		if (verify_rows[i] >= from && verify_rows[i] <= to &&
		    !sv_report_find(rep, verify_rows[i]))
			sv_report_set(rep, verify_rows[i], SV_SKIP, "needs %s", why);
}

/* ---- hints -------------------------------------------------------------- */

/*
 * Every FAIL and WARN row says what to fix: a row whose site gave no more
 * specific advice gets its check's general one.
 */
static void default_hint(sv_report *rep, sv_check_id id)
{
	sv_item *it = sv_report_find(rep, id);
	const char *h;
	if (!it || it->hint[0] || (it->status != SV_FAIL && it->status != SV_WARN))
		return;
	switch (id) {
	case SV_CHK_TOK_FORMAT:
		h = "use the token exactly as the issuer wrote it: three base64url parts (header.payload.signature) holding "
		    "strict JSON objects; take it from the pod's projected token file or `kubectl create token`, not a copy "
		    "that was edited, re-encoded or cut";
		break;
	case SV_CHK_HDR_ALG:
		h = "STS accepts RS256, RS384, RS512, ES256, ES384 and ES512 (--alg may narrow them); Kubernetes signs with "
		    "RS256 or ES256, so a token with another alg, or none, was made by something else";
		break;
	case SV_CHK_HDR_CRIT:
		h = "STS does not process crit or b64; Kubernetes never sets them, so this token was made by something else";
		break;
	case SV_CHK_KEY_SELECT:
		h = "STS selects the verification key by kid; Kubernetes always sets kid to a string naming a published key, "
		    "so a token without one (or with another type) comes from another issuer";
		break;
	case SV_CHK_KEY_PARAMS:
		h = "the published key cannot verify this token: the JWKS entry needs the kty of the alg, use absent or "
		    "\"sig\", key_ops (if any) with \"verify\", alg absent or the token's, an RSA modulus of 2048-4096 bits "
		    "with no leading zero and an odd e >= 3, or an EC key on the alg's curve; fix the JWKS the issuer publishes";
		break;
	case SV_CHK_SIG_VALID:
		h = "the signature does not verify under the published key: the token was altered or cut after signing, or "
		    "signed by another key; use the token exactly as issued";
		break;
	case SV_CHK_CLM_ISS:
		h = "STS needs iss, a string holding the issuer's https URL; every service-account token has one, so this "
		    "token is not from Kubernetes";
		break;
	case SV_CHK_CLM_SUB:
		h = "STS needs sub, a string (it becomes SubjectFromWebIdentityToken and the :sub condition key); Kubernetes "
		    "sets system:serviceaccount:NAMESPACE:NAME";
		break;
	case SV_CHK_CLM_AUD:
		h = "aud must be a string or a non-empty array of strings; request the token with an audience "
		    "(serviceAccountToken.audience, kubectl create token --audience)";
		break;
	case SV_CHK_CLM_EXP:
	case SV_CHK_CLM_NBF:
	case SV_CHK_CLM_IAT:
		h = "exp is required, nbf and iat optional; each must be an integer number of seconds since the epoch, and "
		    "nbf/iat not in the future (check the issuer's clock)";
		break;
	default:
		return;
	}
	sv_report_hint(it, "%s", h);
}

static void default_hints(sv_report *rep, sv_check_id from, sv_check_id to)
{
	size_t i;
	for (i = 0; i < sizeof verify_rows / sizeof verify_rows[0]; i++)
		if (verify_rows[i] >= from && verify_rows[i] <= to)
			default_hint(rep, verify_rows[i]);
}

/* ---- structure -------------------------------------------------------- */

static int decode_part(sv_workspace *ws, sv_report *rep, const char *what, sv_sv seg,
                       char *out, size_t cap, sv_sv *json, sv_json *doc, jsmntok_t *tok,
                       size_t ntok)
{
	sv_err e;
	size_t n;
	sv_item *it;
	int rc;

	if (seg.n == 0) {
		sv_report_set(rep, SV_CHK_TOK_FORMAT, SV_FAIL, "the %s segment is empty", what);
		return SV_E_FORMAT;
	}
	rc = sv_b64url_decode(seg, (unsigned char *)out, cap, &n, &e);
	if (rc != SV_OK) {
		sv_report_set(rep, SV_CHK_TOK_FORMAT, SV_FAIL, "%s: %s", what, e.msg);
		return SV_E_FORMAT;
	}
	json->p = out;
	json->n = n;
	rc = sv_json_parse(doc, out, n, tok, ntok, &e);
	if (rc != SV_OK) {
		it = sv_report_set(rep, SV_CHK_TOK_FORMAT, SV_FAIL, "%s: %s", what, e.msg);
		if (rc == SV_E_JSON && doc->len > 0 && out[0] != '{')
			sv_report_hint(it, "the %s must be a JSON object; this token's %s is not JSON at all", what, what);
		return SV_E_FORMAT;
	}
	if (sv_json_type(doc, 0) != JSMN_OBJECT) {
		sv_report_set(rep, SV_CHK_TOK_FORMAT, SV_FAIL, "%s is JSON but not an object", what);
		return SV_E_FORMAT;
	}
	(void)ws;
	return SV_OK;
}

/* keep: arena bytes at the start that belong to a loaded JWKS (0 for none) */
static int token_decode(sv_workspace *ws, const char *jwt, size_t len, sv_report *rep, size_t keep)
{
	sv_token *t = &ws->tok;
	sv_sv s = { jwt, len };
	size_t d1, d2, d3, dots = 0, i, slen;
	sv_err e;
	int rc;

	memset(t, 0, sizeof *t);
	sv_arena_init(&ws->arena, ws->abuf, sizeof ws->abuf);
	ws->arena.used = keep;
	t->jwt = s;
	if (len > SV_MAX_JWT_BYTES) {
		sv_report_set(rep, SV_CHK_TOK_FORMAT, SV_FAIL,
		              "token is %z characters; STS accepts at most %d (SV_MAX_JWT_BYTES)", len,
		              SV_MAX_JWT_BYTES);
		return SV_E_FORMAT;
	}
	for (i = 0; i < len; i++)
		if (jwt[i] == '.')
			dots++;
	if (dots != 2) {
		sv_item *it = sv_report_set(rep, SV_CHK_TOK_FORMAT, SV_FAIL,
		                            "%z segments; a compact JWS has exactly 3", dots + 1);
		if (dots == 4)
			sv_report_hint(it, "5 segments is a JWE (an encrypted token); STS needs a signed JWT");
		return SV_E_FORMAT;
	}
	d1 = sv_find(s, '.', 0);
	d2 = sv_find(s, '.', d1 + 1);
	d3 = len;
	t->seg[0] = sv_slice(s, 0, d1);
	t->seg[1] = sv_slice(s, d1 + 1, d2);
	t->seg[2] = sv_slice(s, d2 + 1, d3);

	if (decode_part(ws, rep, "header", t->seg[0], ws->hbuf, sizeof ws->hbuf, &t->header_json,
	                &t->hdoc, ws->htok, SV_MAX_HEADER_TOKENS) != SV_OK ||
	    decode_part(ws, rep, "claims", t->seg[1], ws->pbuf, sizeof ws->pbuf, &t->payload_json,
	                &t->cdoc, ws->ctok, SV_MAX_CLAIM_TOKENS) != SV_OK)
		return SV_E_FORMAT;
	/*
	 * An empty signature is still a well-formed JWS (alg "none" has one):
	 * hdr.alg and sig.valid say what is wrong with it, more usefully.
	 */
	rc = sv_b64url_decode(t->seg[2], ws->sbuf, sizeof ws->sbuf, &slen, &e);
	if (rc != SV_OK) {
		if (rc == SV_E_LIMIT)
			sv_report_set(rep, SV_CHK_TOK_FORMAT, SV_FAIL,
			              "signature: %s (no key stsverify accepts makes one this long)", e.msg);
		else
			sv_report_set(rep, SV_CHK_TOK_FORMAT, SV_FAIL, "signature: %s", e.msg);
		return SV_E_FORMAT;
	}
	t->sig = ws->sbuf;
	t->sig_len = slen;
	if (sv_header_parse(t, &ws->arena, &e) != SV_OK ||
	    sv_claims_parse(t, &ws->arena, &e) != SV_OK) {
		sv_report_set(rep, SV_CHK_TOK_FORMAT, SV_FAIL, "%s", e.msg);
		return SV_E_FORMAT;
	}
	t->decoded = 1;
	sv_report_set(rep, SV_CHK_TOK_FORMAT, SV_PASS, "compact JWS, %z characters", len);
	return SV_OK;
}

/* see sv_internal.h */
void sv_verify_token_format_hint(sv_report *rep)
{
	default_hint(rep, SV_CHK_TOK_FORMAT);
}

int sv_token_decode(sv_workspace *ws, const char *jwt, size_t len, sv_report *rep)
{
	ws->jwks_loaded = 0;
	return token_decode(ws, jwt, len, rep, 0);
}

/* ---- header ----------------------------------------------------------- */

static int alg_usable(const sv_token *t, const sv_verify_opts *o)
{
	return t->hdr.alg != SV_ALG_NONE && (t->hdr.alg & (o->algs ? o->algs : SV_ALG_STS_ALL));
}

static void header_rows(const sv_token *t, const sv_verify_opts *o, sv_report *rep)
{
	const sv_header *h = &t->hdr;
	sv_item *it;
	unsigned algs = o->algs ? o->algs : SV_ALG_STS_ALL;

	if (h->alg_state == SV_F_ABSENT) {
		sv_report_set(rep, SV_CHK_HDR_ALG, SV_FAIL, "the header has no alg");
	} else if (h->alg_state == SV_F_BADTYPE) {
		sv_report_set(rep, SV_CHK_HDR_ALG, SV_FAIL, "alg is not a string: %v", h->alg_name);
	} else if (h->alg == SV_ALG_NONE) {
		sv_sv a = h->alg_name;
		if (sv_eq_nocase(a, SV_LIT("none")))
			it = sv_report_set(rep, SV_CHK_HDR_ALG, SV_FAIL,
			                   "alg %q: an unsigned token; STS requires a signature", a);
		else if (a.n >= 2 && (a.p[0] == 'H' || a.p[0] == 'h') && (a.p[1] == 'S' || a.p[1] == 's'))
			it = sv_report_set(rep, SV_CHK_HDR_ALG, SV_FAIL,
			                   "alg %q is an HMAC (shared-secret) algorithm; STS accepts only RS256, RS384, RS512, ES256, ES384, ES512", a);
		else if (a.n >= 2 && a.p[0] == 'P' && a.p[1] == 'S')
			it = sv_report_set(rep, SV_CHK_HDR_ALG, SV_FAIL,
			                   "alg %q (RSASSA-PSS) is not one STS accepts (RS256, RS384, RS512, ES256, ES384, ES512)", a);
		else
			it = sv_report_set(rep, SV_CHK_HDR_ALG, SV_FAIL,
			                   "alg %q is not one STS accepts (RS256, RS384, RS512, ES256, ES384, ES512)", a);
		sv_report_hint(it, "the issuer must sign with an RSA or ECDSA key; a token with this alg is forged or from another system");
	} else if (!(h->alg & algs)) {
		sv_report_set(rep, SV_CHK_HDR_ALG, SV_FAIL, "alg %s is not in the allowed list (--alg)",
		              sv_alg_name(h->alg));
	} else {
		sv_report_set(rep, SV_CHK_HDR_ALG, SV_PASS, "%s", sv_alg_name(h->alg));
	}

	if (h->has_crit)
		sv_report_set(rep, SV_CHK_HDR_CRIT, SV_FAIL,
		              "the header has \"crit\": it names extensions that must be understood, and stsverify (like STS) understands none (RFC 7515 4.1.11)");
	else if (h->has_b64)
		sv_report_set(rep, SV_CHK_HDR_CRIT, SV_FAIL,
		              "the header has \"b64\"%s (RFC 7797 unencoded payload); STS does not support it",
		              h->b64_false ? ": false" : "");
	else
		sv_report_set(rep, SV_CHK_HDR_CRIT, SV_PASS, "no crit or b64");

	if (h->has_jwk || h->has_jku || h->has_x5u || h->has_x5c) {
		it = sv_report_set(rep, SV_CHK_HDR_KEYREF, SV_WARN,
		                   "the header carries%s%s%s%s: ignored, keys come only from the issuer's JWKS",
		                   h->has_jwk ? " jwk" : "", h->has_jku ? " jku" : "",
		                   h->has_x5u ? " x5u" : "", h->has_x5c ? " x5c" : "");
		sv_report_hint(it, "Kubernetes never sets these; a token that carries them was made by something else");
	} else {
		sv_report_set(rep, SV_CHK_HDR_KEYREF, SV_PASS, "no jwk, jku, x5u or x5c");
	}
}

/* ---- keys ------------------------------------------------------------- */

static sv_kty kty_for(sv_alg a)
{
	return (a & (SV_ALG_RS256 | SV_ALG_RS384 | SV_ALG_RS512)) ? SV_KTY_RSA :
	       (a & (SV_ALG_ES256 | SV_ALG_ES384 | SV_ALG_ES512)) ? SV_KTY_EC : SV_KTY_OTHER;
}

/* Returns 1 when the key counts and limits let selection go on. */
static int check_jwks_counts(const sv_jwks *k, sv_report *rep)
{
	sv_item *it;
	if (k->nrsa > SV_MAX_RSA_KEYS || k->nec > SV_MAX_EC_KEYS) {
		it = sv_report_set(rep, SV_CHK_JWKS_KEYS, SV_FAIL,
		                   "the JWKS has %z RSA and %z EC keys; STS accepts at most %d of each",
		                   k->nrsa, k->nec, SV_MAX_RSA_KEYS);
		sv_report_hint(it, "remove retired keys from the published JWKS");
		return 0;
	}
	if (k->nrsa + k->nec == 0) {
		it = sv_report_set(rep, SV_CHK_JWKS_KEYS, SV_FAIL, "the JWKS holds no RSA or EC key");
		sv_report_hint(it, "publish the issuer's public signing key(s) at jwks_uri");
		return 0;
	}
	if (k->nprivate) {
		it = sv_report_set(rep, SV_CHK_JWKS_KEYS, SV_WARN,
		                   "%z key(s) carry PRIVATE key members (d, p, q, ...): the signing key is published",
		                   k->nprivate);
		sv_report_hint(it, "anyone can mint tokens for this issuer: rotate the signing key now and publish public members only (kty, kid, use, alg, n, e / crv, x, y)");
		return 1;
	}
	sv_report_set(rep, SV_CHK_JWKS_KEYS, SV_PASS, "%z RSA and %z EC key(s)", k->nrsa, k->nec);
	return 1;
}

static void list_kids(sv_buf *b, const sv_jwks *k)
{
	size_t i, shown = 0;
	for (i = 0; i < k->nkeys; i++) {
		if (!k->keys[i].has_kid)
			continue;
		if (shown == 4) {
			sv_buf_fmt(b, ", ... (%z keys)", k->nkeys);
			return;
		}
		sv_buf_fmt(b, "%s%q", shown ? ", " : "", k->keys[i].kid);
		shown++;
	}
	if (shown == 0)
		sv_buf_str(b, "none has a kid");
}

static int select_key(const sv_token *t, const sv_jwks *k, sv_report *rep)
{
	const sv_header *h = &t->hdr;
	size_t i, hits = 0;
	int sel = -1;
	sv_item *it;
	char kids[200];
	sv_buf b;

	if (h->kid_state == SV_F_BADTYPE) {
		sv_report_set(rep, SV_CHK_KEY_SELECT, SV_FAIL, "kid is not a string: %v", h->kid);
		return -1;
	}
	if (h->kid_state == SV_F_OK) {
		for (i = 0; i < k->nkeys; i++) {
			if (k->keys[i].has_kid && sv_eq(k->keys[i].kid, h->kid)) {
				if (hits++ == 0)
					sel = (int)i;
			}
		}
		if (hits == 1)
			return sel;
		sv_buf_init(&b, kids, sizeof kids);
		list_kids(&b, k);
		if (hits == 0) {
			it = sv_report_set(rep, SV_CHK_KEY_SELECT, SV_FAIL,
			                   "kid %q is not in the JWKS (it has: %s)", h->kid, kids);
			sv_report_hint(it, "the key that signed this token is not published: STS answers \"Couldn't retrieve verification key from your identity provider\". Publish the current signing key at jwks_uri (keep the old and new keys side by side while rotating), or get a fresh token signed by a published key");
		} else {
			it = sv_report_set(rep, SV_CHK_KEY_SELECT, SV_FAIL,
			                   "kid %q matches %z keys in the JWKS; the choice is ambiguous", h->kid, hits);
			sv_report_hint(it, "every key in a JWKS needs its own kid");
		}
		return -1;
	}
	/* no kid: only acceptable when exactly one key of the right type exists */
	for (i = 0; i < k->nkeys; i++) {
		if (k->keys[i].kty == kty_for(h->alg)) {
			if (hits++ == 0)
				sel = (int)i;
		}
	}
	if (hits == 1) {
		sv_report_set(rep, SV_CHK_KEY_SELECT, SV_WARN,
		              "the header has no kid; the JWKS's only %s key was used",
		              kty_for(h->alg) == SV_KTY_RSA ? "RSA" : "EC");
		return sel;
	}
	it = sv_report_set(rep, SV_CHK_KEY_SELECT, SV_FAIL,
	                   "the header has no kid and the JWKS has %z %s keys: no way to choose", hits,
	                   kty_for(h->alg) == SV_KTY_RSA ? "RSA" : "EC");
	sv_report_hint(it, "Kubernetes always sets kid; a token without one comes from another issuer");
	return -1;
}

static size_t bits_of(const unsigned char *p, size_t n)
{
	size_t b = n * 8;
	unsigned char c = n ? p[0] : 0;
	if (n == 0)
		return 0;
	while (b > (n - 1) * 8 && !(c & 0x80)) {
		c = (unsigned char)(c << 1);
		b--;
	}
	return b;
}

int sv_key_check(sv_keybuf *kb, const sv_jwk *key, sv_alg alg, sv_report *rep)
{
	sv_err e;
	size_t bits;
	sv_item *it;

	if (key->kty != kty_for(alg)) {
		sv_report_set(rep, SV_CHK_KEY_PARAMS, SV_FAIL, "the key is kty %q but alg %s needs %s",
		              key->kty_name, sv_alg_name(alg), kty_for(alg) == SV_KTY_RSA ? "RSA" : "EC");
		return 0;
	}
	if (key->has_use && !sv_eq(key->use, SV_LIT("sig"))) {
		sv_report_set(rep, SV_CHK_KEY_PARAMS, SV_FAIL,
		              "the key has use %q; a signing key must have use \"sig\" or none", key->use);
		return 0;
	}
	if (key->has_key_ops && !key->key_ops_verify) {
		sv_report_set(rep, SV_CHK_KEY_PARAMS, SV_FAIL, "the key's key_ops does not include \"verify\"");
		return 0;
	}
	if (key->has_alg && !sv_eq(key->alg, sv_from_cstr(sv_alg_name(alg)))) {
		sv_report_set(rep, SV_CHK_KEY_PARAMS, SV_FAIL, "the key says alg %q but the token says %s",
		              key->alg, sv_alg_name(alg));
		return 0;
	}
	if (key->kty == SV_KTY_RSA) {
		if (sv_b64url_decode(key->n, kb->n, sizeof kb->n, &kb->nlen, &e) != SV_OK) {
			sv_report_set(rep, SV_CHK_KEY_PARAMS, SV_FAIL, "RSA modulus n: %s", e.code == SV_E_LIMIT ?
			              "larger than SV_RSA_MAX_BITS=4096 bits" : e.msg);
			return 0;
		}
		if (kb->nlen == 0 || kb->n[0] == 0) {
			sv_report_set(rep, SV_CHK_KEY_PARAMS, SV_FAIL,
			              kb->nlen ? "RSA modulus n has a leading zero byte (RFC 7518 6.3.1.1 forbids it)" :
			                         "RSA modulus n is missing or empty");
			return 0;
		}
		if (sv_b64url_decode(key->e, kb->e, sizeof kb->e, &kb->elen, &e) != SV_OK || kb->elen == 0 ||
		    kb->e[0] == 0) {
			sv_report_set(rep, SV_CHK_KEY_PARAMS, SV_FAIL,
			              "RSA exponent e is missing, longer than 8 bytes or not minimal base64url");
			return 0;
		}
		bits = bits_of(kb->n, kb->nlen);
		if (bits < SV_RSA_MIN_BITS || bits > SV_RSA_MAX_BITS) {
			it = sv_report_set(rep, SV_CHK_KEY_PARAMS, SV_FAIL,
			                   "the RSA key is %z bits; stsverify accepts %d to %d (RFC 7518 3.3 asks for at least 2048)",
			                   bits, SV_RSA_MIN_BITS, SV_RSA_MAX_BITS);
			if (bits < SV_RSA_MIN_BITS)
				sv_report_hint(it, "a key this small can be factored; generate a 2048- to 4096-bit signing key");
			return 0;
		}
		if (!(kb->e[kb->elen - 1] & 1) || (kb->elen == 1 && kb->e[0] < 3)) {
			sv_report_set(rep, SV_CHK_KEY_PARAMS, SV_FAIL,
			              "the RSA exponent is %s; it must be odd and at least 3",
			              (kb->e[kb->elen - 1] & 1) ? "1" : "even");
			return 0;
		}
		{
			uint64_t ev = 0;
			size_t i;
			for (i = 0; i < kb->elen; i++)
				ev = ev << 8 | kb->e[i];
			sv_report_set(rep, SV_CHK_KEY_PARAMS, SV_PASS, "RSA %z bits, e=%l", bits, (int64_t)ev);
		}
		return 1;
	}
	/* EC */
	{
		static const struct { sv_alg alg; const char *crv; int id; size_t len; } curves[] = {
			{ SV_ALG_ES256, "P-256", BR_EC_secp256r1, 32 },
			{ SV_ALG_ES384, "P-384", BR_EC_secp384r1, 48 },
			{ SV_ALG_ES512, "P-521", BR_EC_secp521r1, 66 },
		};
		size_t i, xl, yl;
		for (i = 0; i < 3 && curves[i].alg != alg; i++)
			;
		if (i == 3 || !sv_eq(key->crv, sv_from_cstr(curves[i].crv))) {
			sv_report_set(rep, SV_CHK_KEY_PARAMS, SV_FAIL, "the key's crv is %q but %s needs %s",
			              key->crv, sv_alg_name(alg), i < 3 ? curves[i].crv : "?");
			return 0;
		}
		kb->q[0] = 0x04;
		if (sv_b64url_decode(key->x, kb->q + 1, curves[i].len, &xl, &e) != SV_OK ||
		    xl != curves[i].len ||
		    sv_b64url_decode(key->y, kb->q + 1 + xl, curves[i].len, &yl, &e) != SV_OK ||
		    yl != curves[i].len) {
			sv_report_set(rep, SV_CHK_KEY_PARAMS, SV_FAIL,
			              "the EC key's x and y must each be %z bytes of strict base64url for %s",
			              curves[i].len, curves[i].crv);
			return 0;
		}
		kb->qlen = 1 + 2 * curves[i].len;
		kb->curve = curves[i].id;
		sv_report_set(rep, SV_CHK_KEY_PARAMS, SV_PASS, "EC %s", curves[i].crv);
		return 1;
	}
}

static void check_signature(sv_workspace *ws, const sv_jwk *key, sv_report *rep)
{
	const sv_token *t = &ws->tok;
	const sv_keybuf *kb = &ws->key;
	sv_alg alg = t->hdr.alg;
	const unsigned char *msg = (const unsigned char *)t->jwt.p;
	size_t msglen = t->seg[0].n + 1 + t->seg[1].n;
	sv_item *it;
	int ok;

	if (key->kty == SV_KTY_RSA) {
		if (t->sig_len != kb->nlen) {
			sv_report_set(rep, SV_CHK_SIG_VALID, SV_FAIL,
			              "the signature is %z bytes; this %z-bit key makes exactly %z",
			              t->sig_len, bits_of(kb->n, kb->nlen), kb->nlen);
			return;
		}
		if (memcmp(t->sig, kb->n, kb->nlen) >= 0) {
			sv_report_set(rep, SV_CHK_SIG_VALID, SV_FAIL,
			              "the signature is not below the modulus: no RSA signature can be");
			return;
		}
		/* the Montgomery constants are made once per key and kept for a batch */
		if (!sv_rsa_key_is(&ws->rsa, kb->n, kb->nlen, kb->e, kb->elen) &&
		    sv_rsa_key_init(&ws->rsa, kb->n, kb->nlen, kb->e, kb->elen) != SV_OK)
			ok = 0;
		else
			ok = sv_sig_verify_rsa_key(&ws->rsa, alg, msg, msglen, t->sig, t->sig_len);
	} else {
		size_t want = kb->qlen - 1;
		if (t->sig_len != want) {
			sv_report_set(rep, SV_CHK_SIG_VALID, SV_FAIL,
			              "the %s signature is %z bytes; JWS raw r||s is exactly %z",
			              sv_alg_name(alg), t->sig_len, want);
			return;
		}
		ok = sv_sig_verify_ec(alg, kb->curve, kb->q, kb->qlen, msg, msglen, t->sig, t->sig_len);
	}
	if (ok) {
		if (key->has_kid)
			sv_report_set(rep, SV_CHK_SIG_VALID, SV_PASS, "%s signature verifies under kid %q",
			              sv_alg_name(alg), key->kid);
		else
			sv_report_set(rep, SV_CHK_SIG_VALID, SV_PASS, "%s signature verifies", sv_alg_name(alg));
		return;
	}
	it = sv_report_set(rep, SV_CHK_SIG_VALID, SV_FAIL,
	                   "the %s signature does not verify under the selected key", sv_alg_name(alg));
	sv_report_hint(it, "the token was altered after signing, or signed by a different key that reuses this kid");
}

/* ---- claims ----------------------------------------------------------- */

static void check_str_claim(sv_report *rep, sv_check_id id, const char *name, sv_sv v,
                            sv_field_state st)
{
	if (st == SV_F_ABSENT)
		sv_report_set(rep, id, SV_FAIL, "no %s claim", name);
	else if (st == SV_F_BADTYPE)
		sv_report_set(rep, id, SV_FAIL, "%s is not a string: %v", name, v);
	else
		sv_report_set(rep, id, SV_PASS, "%s %q", name, v);
}

static void nd_problem(sv_report *rep, sv_check_id id, const char *name, const sv_numdate *nd)
{
	sv_item *it;
	if (nd->state == SV_ND_BADTYPE)
		it = sv_report_set(rep, id, SV_FAIL, "%s is not a JSON number: %v", name, nd->raw);
	else if (nd->state == SV_ND_FRACTION)
		it = sv_report_set(rep, id, SV_FAIL, "%s is not an integer: %v", name, nd->raw);
	else
		it = sv_report_set(rep, id, SV_FAIL, "%s is out of range: %v", name, nd->raw);
	sv_report_hint(it, "STS wants timestamps \"formatted as either an integer or a long integer\" (seconds since the epoch)");
}

static void claims_rows(const sv_token *t, const sv_verify_opts *o, sv_report *rep)
{
	const sv_claims *c = &t->clm;
	int64_t now = o->now, lw = o->leeway;
	sv_item *it;
	size_t i, j;

	/* iss */
	if (c->iss_state == SV_F_OK && o->iss.p && !sv_eq(c->iss, o->iss)) {
		it = sv_report_set(rep, SV_CHK_CLM_ISS, SV_FAIL, "iss %q is not the expected %q", c->iss, o->iss);
		sv_report_hint(it, "issuers compare as exact strings: scheme, host, path and any trailing slash must match");
	} else {
		check_str_claim(rep, SV_CHK_CLM_ISS, "iss", c->iss, c->iss_state);
	}
	check_str_claim(rep, SV_CHK_CLM_SUB, "sub", c->sub, c->sub_state);

	/* aud */
	if (c->aud_state == SV_F_ABSENT) {
		it = sv_report_set(rep, SV_CHK_CLM_AUD, SV_FAIL, "no aud claim");
		sv_report_hint(it, "STS answers \"Missing a required claim: aud\"; request the token with an audience (serviceAccountToken.audience)");
	} else if (c->aud_state == SV_F_BADTYPE) {
		sv_report_set(rep, SV_CHK_CLM_AUD, SV_FAIL,
		              "aud must be a string or a non-empty array of strings");
	} else {
		char list[160];
		sv_buf b;
		int hit = o->naud == 0;
		sv_buf_init(&b, list, sizeof list);
		for (i = 0; i < c->naud; i++) {
			sv_buf_fmt(&b, "%s%q", i ? ", " : "", c->aud[i]);
			for (j = 0; j < o->naud; j++)
				if (sv_eq(c->aud[i], o->aud[j]))
					hit = 1;
		}
		if (hit) {
			sv_report_set(rep, SV_CHK_CLM_AUD, SV_PASS, "aud %s", list);
		} else {
			it = sv_report_set(rep, SV_CHK_CLM_AUD, SV_FAIL, "aud %s holds none of the expected %q%s",
			                   list, o->aud[0], o->naud > 1 ? " ..." : "");
			sv_report_hint(it, "request the token with the audience the relying party expects (EKS: sts.amazonaws.com, OpenShift: openshift)");
		}
	}

	/* exp */
	if (c->exp.state == SV_ND_ABSENT) {
		it = sv_report_set(rep, SV_CHK_CLM_EXP, SV_FAIL, "no exp claim");
		sv_report_hint(it, "STS requires an expiring token; projected service-account tokens always carry exp");
	} else if (c->exp.state != SV_ND_OK) {
		nd_problem(rep, SV_CHK_CLM_EXP, "exp", &c->exp);
	} else if (now >= c->exp.v && sv_time_sub(now, c->exp.v) >= lw) {
		it = sv_report_set(rep, SV_CHK_CLM_EXP, SV_FAIL, "expired at %T (%l), %A ago (leeway %l s)",
		                   c->exp.v, c->exp.v, sv_time_sub(now, c->exp.v), lw);
		sv_report_hint(it, "STS answers ExpiredTokenException; the kubelet refreshes projected tokens, so re-read the token file instead of caching the token");
	} else if (now >= c->exp.v) {
		sv_report_set(rep, SV_CHK_CLM_EXP, SV_PASS, "expired at %T (%l), %A ago, inside the %l s leeway",
		              c->exp.v, c->exp.v, sv_time_sub(now, c->exp.v), lw);
	} else if (c->iat.state == SV_ND_OK && c->exp.v > c->iat.v) {
		sv_report_set(rep, SV_CHK_CLM_EXP, SV_PASS, "expires at %T (%l), in %A (lifetime %A)",
		              c->exp.v, c->exp.v, sv_time_sub(c->exp.v, now), sv_time_sub(c->exp.v, c->iat.v));
	} else {
		sv_report_set(rep, SV_CHK_CLM_EXP, SV_PASS, "expires at %T (%l), in %A", c->exp.v,
		              c->exp.v, sv_time_sub(c->exp.v, now));
	}

	/* nbf */
	if (c->nbf.state == SV_ND_ABSENT)
		sv_report_set(rep, SV_CHK_CLM_NBF, SV_PASS, "no nbf (optional)");
	else if (c->nbf.state != SV_ND_OK)
		nd_problem(rep, SV_CHK_CLM_NBF, "nbf", &c->nbf);
	else if (c->nbf.v > now && sv_time_sub(c->nbf.v, now) > lw) {
		it = sv_report_set(rep, SV_CHK_CLM_NBF, SV_FAIL, "not valid before %T (%l), %A from now",
		                   c->nbf.v, c->nbf.v, sv_time_sub(c->nbf.v, now));
		sv_report_hint(it, "check the clocks of the issuer and of this host (NTP)");
	} else if (c->nbf.v > now)
		sv_report_set(rep, SV_CHK_CLM_NBF, SV_PASS, "valid from %T (%l), in %A, inside the %l s leeway", c->nbf.v,
		              c->nbf.v, sv_time_sub(c->nbf.v, now), lw);
	else
		sv_report_set(rep, SV_CHK_CLM_NBF, SV_PASS, "valid since %T (%l), %A ago", c->nbf.v, c->nbf.v,
		              sv_time_sub(now, c->nbf.v));

	/* iat */
	if (c->iat.state == SV_ND_ABSENT)
		sv_report_set(rep, SV_CHK_CLM_IAT, SV_PASS, "no iat (optional)");
	else if (c->iat.state != SV_ND_OK)
		nd_problem(rep, SV_CHK_CLM_IAT, "iat", &c->iat);
	else if (c->iat.v > now && sv_time_sub(c->iat.v, now) > lw) {
		it = sv_report_set(rep, SV_CHK_CLM_IAT, SV_FAIL, "issued in the future: %T (%l), %A ahead of this clock",
		                   c->iat.v, c->iat.v, sv_time_sub(c->iat.v, now));
		sv_report_hint(it, "check the clocks of the issuer and of this host (NTP)");
	} else if (sv_time_sub(now, c->iat.v) > 86400) {
		it = sv_report_set(rep, SV_CHK_CLM_IAT, SV_WARN, "issued at %T (%l), %A ago",
		                   c->iat.v, c->iat.v, sv_time_sub(now, c->iat.v));
		sv_report_hint(it, "STS rejects tokens that are too old (\"Token too old\") even before exp; use a freshly issued token");
	} else if (c->iat.v > now)
		sv_report_set(rep, SV_CHK_CLM_IAT, SV_PASS, "issued at %T (%l), %A ahead of this clock, inside the %l s leeway",
		              c->iat.v, c->iat.v, sv_time_sub(c->iat.v, now), lw);
	else
		sv_report_set(rep, SV_CHK_CLM_IAT, SV_PASS, "issued at %T (%l), %A ago", c->iat.v, c->iat.v,
		              sv_time_sub(now, c->iat.v));
}

void sv_verify_header(const sv_token *t, const sv_verify_opts *o, sv_report *rep)
{
	header_rows(t, o, rep);
	default_hints(rep, SV_CHK_HDR_ALG, SV_CHK_HDR_KEYREF);
}

void sv_verify_claims(const sv_token *t, const sv_verify_opts *o, sv_report *rep)
{
	claims_rows(t, o, rep);
	default_hints(rep, SV_CHK_CLM_ISS, SV_CHK_CLM_IAT);
}

/* ---- the whole thing -------------------------------------------------- */

static void keys_rows(sv_workspace *ws, const sv_verify_opts *o, sv_report *rep)
{
	sv_token *t = &ws->tok;
	int sel;

	ws->selected = -1;
	if (!check_jwks_counts(&ws->jwks, rep)) {
		skip_rows(rep, SV_CHK_KEY_SELECT, SV_CHK_SIG_VALID, "jwks.keys");
	} else if (!alg_usable(t, o)) {
		skip_rows(rep, SV_CHK_KEY_SELECT, SV_CHK_SIG_VALID, "hdr.alg");
	} else if ((sel = select_key(t, &ws->jwks, rep)) < 0) {
		skip_rows(rep, SV_CHK_KEY_PARAMS, SV_CHK_SIG_VALID, "key.select");
	} else {
		ws->selected = sel;
		if (sv_report_find(rep, SV_CHK_KEY_SELECT) == NULL)
			sv_report_set(rep, SV_CHK_KEY_SELECT, SV_PASS, "kid %q", t->hdr.kid);
		if (!sv_key_check(&ws->key, &ws->jwks.keys[sel], t->hdr.alg, rep))
			skip_rows(rep, SV_CHK_SIG_VALID, SV_CHK_SIG_VALID, "key.params");
		else
			check_signature(ws, &ws->jwks.keys[sel], rep);
	}
}

/* see sv_internal.h */
void sv_verify_keys(sv_workspace *ws, const sv_verify_opts *o, sv_report *rep)
{
	keys_rows(ws, o, rep);
	default_hints(rep, SV_CHK_JWKS_KEYS, SV_CHK_SIG_VALID);
}

/* Every row after tok.format, for a decoded token and a parsed JWKS. */
static void verify_decoded(sv_workspace *ws, const sv_verify_opts *o, sv_report *rep)
{
	sv_verify_header(&ws->tok, o, rep);
	sv_verify_keys(ws, o, rep);
	sv_verify_claims(&ws->tok, o, rep);
	sv_report_sort(rep);
}

int sv_verify(sv_workspace *ws, const sv_verify_opts *o, const char *jwt, size_t jwt_len,
              const char *jwks, size_t jwks_len, sv_report *rep, sv_err *err)
{
	int rc;

	ws->selected = -1;
	ws->jwks_loaded = 0;
	/* the JWKS first: a file that is not a JWKS is a usage error, not a verdict */
	sv_arena_init(&ws->arena, ws->abuf, sizeof ws->abuf);
	if (token_decode(ws, jwt, jwt_len, rep, 0) != SV_OK) {
		default_hint(rep, SV_CHK_TOK_FORMAT);
		skip_rows(rep, SV_CHK_HDR_ALG, SV_CHK_CLM_IAT, "tok.format");
		sv_report_sort(rep);
		return sv_jwks_parse(&ws->jwks, jwks, jwks_len, ws->ktok, SV_MAX_JWKS_TOKENS,
		                     &ws->arena, err);
	}
	rc = sv_jwks_parse(&ws->jwks, jwks, jwks_len, ws->ktok, SV_MAX_JWKS_TOKENS, &ws->arena, err);
	if (rc != SV_OK)
		return rc;
	verify_decoded(ws, o, rep);
	return SV_OK;
}

/* ---- batch: one JWKS, many tokens -------------------------------------- */

#define SV_JWKS_LOADED 0x4A574B53u   /* "JWKS": not a value stack garbage is likely to hold */

int sv_verify_load_jwks(sv_workspace *ws, const char *jwks, size_t jwks_len, sv_err *err)
{
	int rc;

	ws->jwks_loaded = 0;
	/* the JWKS's decoded strings stay at the start of the arena for every token */
	sv_arena_init(&ws->arena, ws->abuf, sizeof ws->abuf);
	rc = sv_jwks_parse(&ws->jwks, jwks, jwks_len, ws->ktok, SV_MAX_JWKS_TOKENS, &ws->arena, err);
	if (rc != SV_OK)
		return rc;
	ws->jwks_arena = ws->arena.used;
	ws->jwks_loaded = SV_JWKS_LOADED;
	return SV_OK;
}

int sv_verify_token(sv_workspace *ws, const sv_verify_opts *o, const char *jwt, size_t jwt_len,
                    sv_report *rep)
{
	if (ws->jwks_loaded != SV_JWKS_LOADED)
		return SV_E_PARAM;
	ws->selected = -1;
	if (token_decode(ws, jwt, jwt_len, rep, ws->jwks_arena) != SV_OK) {
		default_hint(rep, SV_CHK_TOK_FORMAT);
		skip_rows(rep, SV_CHK_HDR_ALG, SV_CHK_CLM_IAT, "tok.format");
		sv_report_sort(rep);
		return SV_OK;
	}
	verify_decoded(ws, o, rep);
	return SV_OK;
}
