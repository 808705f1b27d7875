/*
 * sv_jwks.c -- typed view of a JWK Set (RFC 7517).
 *
 * Only the shape is checked here; whether a key fits a token is decided
 * in sv_verify.c. Unknown members are ignored, as RFC 7517 asks.
 */
#include "sv_internal.h"

static const char *const private_members[] = { "d", "p", "q", "dp", "dq", "qi", "oth", "k" };

static int get_str(const sv_json *d, int obj, const char *name, sv_arena *a, sv_sv *out,
                   int *present, sv_err *err)
{
	int v = sv_json_get(d, obj, sv_from_cstr(name)), rc;
	*present = 0;
	*out = SV_NULL;
	if (v < 0)
		return SV_OK;
	*present = 1;
	rc = sv_json_str(d, v, a, out);
	if (rc == SV_E_FORMAT) {
		sv_err_set(err, SV_E_FORMAT, (size_t)d->tok[v].start,
		           "offset %d: key member \"%s\" is not a string", d->tok[v].start, name);
		return rc;
	}
	if (rc == SV_E_LIMIT) {
		sv_err_set(err, SV_E_LIMIT, (size_t)d->tok[v].start,
		           "escaped strings exceed SV_MAX_STRING_ARENA=%d", SV_MAX_STRING_ARENA);
		return rc;
	}
	return rc;
}

static int parse_key(sv_jwk *k, const sv_json *d, int obj, sv_arena *a, sv_err *err)
{
	int present, rc, v;
	size_t i;

	memset(k, 0, sizeof *k);
	k->obj = obj;
	if ((rc = get_str(d, obj, "kty", a, &k->kty_name, &present, err)) != SV_OK)
		return rc;
	if (!present) {
		sv_err_set(err, SV_E_FORMAT, (size_t)d->tok[obj].start,
		           "offset %d: a key has no \"kty\"", d->tok[obj].start);
		return SV_E_FORMAT;
	}
	k->kty = sv_eq(k->kty_name, SV_LIT("RSA")) ? SV_KTY_RSA :
	         sv_eq(k->kty_name, SV_LIT("EC")) ? SV_KTY_EC : SV_KTY_OTHER;
	if ((rc = get_str(d, obj, "kid", a, &k->kid, &k->has_kid, err)) != SV_OK ||
	    (rc = get_str(d, obj, "alg", a, &k->alg, &k->has_alg, err)) != SV_OK ||
	    (rc = get_str(d, obj, "use", a, &k->use, &k->has_use, err)) != SV_OK)
		return rc;
	v = sv_json_get(d, obj, SV_LIT("key_ops"));
	if (v >= 0) {
		int n, j, e;
		k->has_key_ops = 1;
		if (sv_json_type(d, v) != JSMN_ARRAY) {
			sv_err_set(err, SV_E_FORMAT, (size_t)d->tok[v].start,
			           "offset %d: \"key_ops\" is not an array", d->tok[v].start);
			return SV_E_FORMAT;
		}
		n = sv_json_count(d, v);
		for (j = 0, e = v + 1; j < n; j++, e = sv_json_next(d, e))
			if (sv_json_str_eq(d, e, SV_LIT("verify")))
				k->key_ops_verify = 1;
	}
	for (i = 0; i < sizeof private_members / sizeof private_members[0]; i++)
		if (sv_json_get(d, obj, sv_from_cstr(private_members[i])) >= 0)
			k->has_private = 1;
	if (k->kty == SV_KTY_RSA) {
		if ((rc = get_str(d, obj, "n", a, &k->n, &present, err)) != SV_OK ||
		    (rc = get_str(d, obj, "e", a, &k->e, &present, err)) != SV_OK)
			return rc;
	} else if (k->kty == SV_KTY_EC) {
		if ((rc = get_str(d, obj, "crv", a, &k->crv, &present, err)) != SV_OK ||
		    (rc = get_str(d, obj, "x", a, &k->x, &present, err)) != SV_OK ||
		    (rc = get_str(d, obj, "y", a, &k->y, &present, err)) != SV_OK)
			return rc;
	}
	return SV_OK;
}

/* see sv_internal.h */
int sv_jwks_parse(sv_jwks *k, const char *js, size_t len, jsmntok_t *tok, size_t cap,
                  sv_arena *a, sv_err *err)
{
	int rc, keys, n, j, e;
	const size_t kcap = sizeof k->keys / sizeof k->keys[0];

	k->nkeys = k->nrsa = k->nec = k->nother = k->nprivate = 0;
	if ((rc = sv_json_parse(&k->doc, js, len, tok, cap, err)) != SV_OK)
		return rc;
	if (sv_json_type(&k->doc, 0) != JSMN_OBJECT) {
		sv_err_set(err, SV_E_FORMAT, 0, "not a JWKS: the document is not a JSON object");
		return SV_E_FORMAT;
	}
	keys = sv_json_get(&k->doc, 0, SV_LIT("keys"));
	if (keys < 0) {
		sv_err_set(err, SV_E_FORMAT, 0, "not a JWKS: no \"keys\" member");
		return SV_E_FORMAT;
	}
	if (sv_json_type(&k->doc, keys) != JSMN_ARRAY) {
		sv_err_set(err, SV_E_FORMAT, (size_t)k->doc.tok[keys].start,
		           "not a JWKS: \"keys\" is not an array");
		return SV_E_FORMAT;
	}
	n = sv_json_count(&k->doc, keys);
	for (j = 0, e = keys + 1; j < n; j++, e = sv_json_next(&k->doc, e)) {
		sv_jwk one;
		if (sv_json_type(&k->doc, e) != JSMN_OBJECT) {
			sv_err_set(err, SV_E_FORMAT, (size_t)k->doc.tok[e].start,
			           "not a JWKS: keys[%d] is not an object", j);
			return SV_E_FORMAT;
		}
		if ((rc = parse_key(&one, &k->doc, e, a, err)) != SV_OK)
			return rc;
		if (one.has_private)
			k->nprivate++;
		if (one.kty == SV_KTY_RSA)
			k->nrsa++;
		else if (one.kty == SV_KTY_EC)
			k->nec++;
		else {
			k->nother++;
			continue;   /* oct, OKP...: never usable by STS, not counted */
		}
		/* keys past STS's limits are counted, not kept: the check reports it */
		if (k->nkeys < kcap &&
		    ((one.kty == SV_KTY_RSA && k->nrsa <= SV_MAX_RSA_KEYS) ||
		     (one.kty == SV_KTY_EC && k->nec <= SV_MAX_EC_KEYS)))
			k->keys[k->nkeys++] = one;
	}
	return SV_OK;
}
