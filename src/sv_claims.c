/* sv_claims.c -- typed view of the JWT claims set (RFC 7519 section 4.1). */
#include "sv_internal.h"

static void str_claim(const sv_json *d, sv_arena *a, const char *name, sv_sv *out,
                      sv_field_state *st)
{
	int v = sv_json_get(d, 0, sv_from_cstr(name));
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

static void date_claim(const sv_json *d, const char *name, sv_numdate *nd)
{
	int v = sv_json_get(d, 0, sv_from_cstr(name));
	memset(nd, 0, sizeof *nd);
	if (v < 0)
		return;
	nd->raw = sv_json_raw(d, v);
	if (sv_json_type(d, v) == JSMN_STRING) {
		/* show the quotes: the point is that it is a string */
		nd->raw.p--;
		nd->raw.n += 2;
		nd->state = SV_ND_BADTYPE;
		return;
	}
	nd->state = sv_json_int(d, v, &nd->v);
}

int sv_claims_parse(sv_token *t, sv_arena *a, sv_err *err)
{
	const sv_json *d = &t->cdoc;
	sv_claims *c = &t->clm;
	int v;

	memset(c, 0, sizeof *c);
	c->amr_tok = c->tags_tok = c->k8s_tok = -1;
	if (sv_json_type(d, 0) != JSMN_OBJECT) {
		sv_err_set(err, SV_E_FORMAT, 0, "claims are not a JSON object");
		return SV_E_FORMAT;
	}
	str_claim(d, a, "iss", &c->iss, &c->iss_state);
	str_claim(d, a, "sub", &c->sub, &c->sub_state);
	str_claim(d, a, "azp", &c->azp, &c->azp_state);

	v = sv_json_get(d, 0, SV_LIT("aud"));
	if (v >= 0) {
		if (sv_json_type(d, v) == JSMN_STRING) {
			c->aud_state = sv_json_str(d, v, a, &c->aud[0]) == SV_OK ? SV_F_OK : SV_F_BADTYPE;
			c->naud = 1;
		} else if (sv_json_type(d, v) == JSMN_ARRAY) {
			int n = sv_json_count(d, v), k, e = v + 1;
			c->aud_is_array = 1;
			c->aud_state = n > 0 ? SV_F_OK : SV_F_BADTYPE;
			if ((size_t)n > SV_MAX_AUDIENCES) {
				sv_err_set(err, SV_E_LIMIT, 0,
				           "aud has %d values; at most SV_MAX_AUDIENCES=%d are read", n,
				           SV_MAX_AUDIENCES);
				return SV_E_LIMIT;
			}
			for (k = 0; k < n; k++, e = sv_json_next(d, e)) {
				if (sv_json_str(d, e, a, &c->aud[k]) != SV_OK) {
					c->aud_state = SV_F_BADTYPE;
					c->aud[k] = sv_json_raw(d, e);
				}
			}
			c->naud = (size_t)n;
		} else {
			c->aud_state = SV_F_BADTYPE;
			c->aud[0] = sv_json_raw(d, v);
			c->naud = 0;
		}
	}
	date_claim(d, "exp", &c->exp);
	date_claim(d, "nbf", &c->nbf);
	date_claim(d, "iat", &c->iat);
	c->amr_tok = sv_json_get(d, 0, SV_LIT("amr"));
	c->tags_tok = sv_json_get(d, 0, SV_LIT("https://aws.amazon.com/tags"));
	c->k8s_tok = sv_json_get(d, 0, SV_LIT("kubernetes.io"));
	return SV_OK;
}
