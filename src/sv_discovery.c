/*
 * sv_discovery.c -- typed view of an OpenID Provider configuration
 * document (OpenID Connect Discovery 1.0 section 3), the members STS
 * reads: issuer, jwks_uri, id_token_signing_alg_values_supported.
 */
#include "sv_internal.h"
#include "stsverify/sv_docs.h"

static void str_member(const sv_json *d, const char *name, sv_arena *a, sv_sv *out,
                       sv_field_state *st)
{
	int v = sv_json_get(d, 0, sv_from_cstr(name));
	*out = SV_NULL;
	*st = SV_F_ABSENT;
	if (v < 0)
		return;
	if (sv_json_str(d, v, a, out) == SV_OK) {
		*st = SV_F_OK;
	} else {
		*st = SV_F_BADTYPE;
		*out = sv_json_raw(d, v);
	}
}

int sv_discovery_parse(sv_discovery *d, const char *js, size_t len, jsmntok_t *tok, size_t cap,
                       sv_arena *a, sv_err *err)
{
	int rc, v, e, k, n;

	memset(d, 0, sizeof *d);
	d->algs_tok = -1;
	if ((rc = sv_json_parse(&d->doc, js, len, tok, cap, err)) != SV_OK)
		return rc;
	if (sv_json_type(&d->doc, 0) != JSMN_OBJECT) {
		sv_err_set(err, SV_E_FORMAT, 0,
		           "offset 0: expected a JSON object (an OpenID configuration with \"issuer\" and \"jwks_uri\")");
		return SV_E_FORMAT;
	}
	str_member(&d->doc, "issuer", a, &d->issuer, &d->issuer_state);
	str_member(&d->doc, "jwks_uri", a, &d->jwks_uri, &d->jwks_uri_state);
	v = sv_json_get(&d->doc, 0, SV_LIT("id_token_signing_alg_values_supported"));
	if (v >= 0) {
		if (sv_json_type(&d->doc, v) != JSMN_ARRAY) {
			d->algs_bad = 1;
		} else {
			d->algs_tok = v;
			n = sv_json_count(&d->doc, v);
			for (k = 0, e = v + 1; k < n; k++, e = sv_json_next(&d->doc, e))
				if (sv_json_type(&d->doc, e) != JSMN_STRING)
					d->algs_bad = 1;
		}
	}
	return SV_OK;
}

int sv_discovery_lists_alg(const sv_discovery *d, sv_sv alg)
{
	int e, k, n;
	if (d->algs_tok < 0)
		return 0;
	n = sv_json_count(&d->doc, d->algs_tok);
	for (k = 0, e = d->algs_tok + 1; k < n; k++, e = sv_json_next(&d->doc, e))
		if (sv_json_type(&d->doc, e) == JSMN_STRING && sv_json_str_eq(&d->doc, e, alg))
			return 1;
	return 0;
}
