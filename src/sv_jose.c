/* sv_jose.c -- compact JWS framing and the JOSE header. */
#include "sv_internal.h"

static const struct {
	sv_alg      alg;
	const char *name;
} algs[] = {
	{ SV_ALG_RS256, "RS256" }, { SV_ALG_RS384, "RS384" }, { SV_ALG_RS512, "RS512" },
	{ SV_ALG_ES256, "ES256" }, { SV_ALG_ES384, "ES384" }, { SV_ALG_ES512, "ES512" },
};

sv_alg sv_alg_from_name(sv_sv name)
{
	size_t i;
	for (i = 0; i < sizeof algs / sizeof algs[0]; i++)
		if (sv_eq(name, sv_from_cstr(algs[i].name)))   /* case-sensitive, RFC 7515 */
			return algs[i].alg;
	return SV_ALG_NONE;
}

const char *sv_alg_name(sv_alg a)
{
	size_t i;
	for (i = 0; i < sizeof algs / sizeof algs[0]; i++)
		if (algs[i].alg == a)
			return algs[i].name;
	return "none";
}

int sv_alg_parse_list(sv_sv list, unsigned *mask, sv_err *err)
{
	size_t from = 0;
	*mask = 0;
	while (from <= list.n) {
		size_t comma = sv_find(list, ',', from);
		size_t to = comma == (size_t)-1 ? list.n : comma;
		sv_sv one = sv_slice(list, from, to);
		sv_alg a = sv_alg_from_name(one);
		if (a == SV_ALG_NONE) {
			sv_err_set(err, SV_E_FORMAT, from,
			           "%q is not an algorithm STS accepts (RS256, RS384, RS512, ES256, ES384, ES512)",
			           one);
			return SV_E_FORMAT;
		}
		*mask |= (unsigned)a;
		if (comma == (size_t)-1)
			break;
		from = comma + 1;
	}
	return SV_OK;
}

int sv_token_trim(const char *buf, size_t len, sv_sv *jwt, sv_err *err)
{
	size_t n = len, i;
	if (n > 0 && buf[n - 1] == '\n') {
		n--;
		if (n > 0 && buf[n - 1] == '\r')
			n--;
	}
	if (n == 0) {
		sv_err_set(err, SV_E_FORMAT, 0, "empty: no token in the file");
		return SV_E_FORMAT;
	}
	for (i = 0; i < n; i++) {
		unsigned char c = (unsigned char)buf[i];
		if (c == '\n' || c == '\r') {
			sv_err_set(err, SV_E_FORMAT, i,
			           "offset %z: a line break inside the file; it must hold exactly one token and at most one trailing newline", i);
			return SV_E_FORMAT;
		}
		if (c == ' ' || c == '\t' || c == '\v' || c == '\f') {
			sv_err_set(err, SV_E_FORMAT, i,
			           "offset %z: whitespace %s the token (was something appended to the file?)",
			           i, i == 0 ? "before" : i == n - 1 ? "after" : "inside");
			return SV_E_FORMAT;
		}
	}
	jwt->p = buf;
	jwt->n = n;
	return SV_OK;
}

/* Reads header members; the caller decides verdicts from the flags. */
int sv_header_parse(sv_token *t, sv_arena *a, sv_err *err)
{
	const sv_json *d = &t->hdoc;
	sv_header *h = &t->hdr;
	int v;

	memset(h, 0, sizeof *h);
	if (sv_json_type(d, 0) != JSMN_OBJECT) {
		sv_err_set(err, SV_E_FORMAT, 0, "header is not a JSON object");
		return SV_E_FORMAT;
	}
	v = sv_json_get(d, 0, SV_LIT("alg"));
	if (v >= 0) {
		if (sv_json_str(d, v, a, &h->alg_name) == SV_OK) {
			h->alg_state = SV_F_OK;
			h->alg = sv_alg_from_name(h->alg_name);
		} else {
			h->alg_state = SV_F_BADTYPE;
			h->alg_name = sv_json_raw(d, v);
		}
	}
	v = sv_json_get(d, 0, SV_LIT("kid"));
	if (v >= 0) {
		if (sv_json_str(d, v, a, &h->kid) == SV_OK) {
			h->kid_state = SV_F_OK;
		} else {
			h->kid_state = SV_F_BADTYPE;
			h->kid = sv_json_raw(d, v);
		}
	}
	v = sv_json_get(d, 0, SV_LIT("typ"));
	if (v >= 0 && sv_json_str(d, v, a, &h->typ) != SV_OK)
		h->typ = sv_json_raw(d, v);
	h->has_crit = sv_json_get(d, 0, SV_LIT("crit")) >= 0;
	v = sv_json_get(d, 0, SV_LIT("b64"));
	h->has_b64 = v >= 0;
	h->b64_false = v >= 0 && sv_json_bool(d, v) == 0;
	h->has_jwk = sv_json_get(d, 0, SV_LIT("jwk")) >= 0;
	h->has_jku = sv_json_get(d, 0, SV_LIT("jku")) >= 0;
	h->has_x5u = sv_json_get(d, 0, SV_LIT("x5u")) >= 0;
	h->has_x5c = sv_json_get(d, 0, SV_LIT("x5c")) >= 0;
	return SV_OK;
}
