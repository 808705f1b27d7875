/*
 * sv_stsresp.c -- STS's answer to AssumeRoleWithWebIdentity: the success
 * and error XML, the JSON variants and the CLI's error line (STS-FACTS c).
 * Elements are matched by name, never by position; a known element twice,
 * text where elements belong or elements where text belongs are errors.
 */
#include <stddef.h>

#include "sv_internal.h"
#include "stsverify/sv_sts.h"

#define F(m) offsetof(sv_sts_resp, m)
#define NOFIELD ((size_t)-1)      /* a container element */
#define PACKED  ((size_t)-2)      /* PackedPolicySize: an integer, handled apart */

typedef struct field {
	const char *path;     /* relative to the root, local names joined by '/' */
	size_t      off;      /* an sv_sv in sv_sts_resp, or NOFIELD for a container */
} field;

#define R "AssumeRoleWithWebIdentityResult"
static const field success_fields[] = {
	{ R, NOFIELD },
	{ R "/Credentials", NOFIELD },
	{ R "/Credentials/AccessKeyId", F(access_key_id) },
	{ R "/Credentials/SecretAccessKey", F(secret_access_key) },
	{ R "/Credentials/SessionToken", F(session_token) },
	{ R "/Credentials/Expiration", F(expiration) },
	{ R "/SubjectFromWebIdentityToken", F(subject) },
	{ R "/Audience", F(audience) },
	{ R "/Provider", F(provider) },
	{ R "/AssumedRoleUser", NOFIELD },
	{ R "/AssumedRoleUser/Arn", F(assumed_role_arn) },
	{ R "/AssumedRoleUser/AssumedRoleId", F(assumed_role_id) },
	{ R "/SourceIdentity", F(source_identity) },
	{ R "/PackedPolicySize", PACKED },
	{ "ResponseMetadata", NOFIELD },
	{ "ResponseMetadata/RequestId", F(request_id) },
	{ NULL, 0 }
};

static const field error_fields[] = {
	{ "Error", NOFIELD },
	{ "Error/Type", F(type) },
	{ "Error/Code", F(code) },
	{ "Error/Message", F(message) },
	{ "RequestId", F(request_id) },
	{ NULL, 0 }
};

static sv_sv *slot(sv_sts_resp *r, size_t off)
{
	return (sv_sv *)(void *)((char *)r + off);
}

/* ---- values ------------------------------------------------------------ */

static int digits2(sv_sv s, size_t at, int *v)
{
	if (at + 2 > s.n || s.p[at] < '0' || s.p[at] > '9' || s.p[at + 1] < '0' || s.p[at + 1] > '9')
		return -1;
	*v = (s.p[at] - '0') * 10 + (s.p[at + 1] - '0');
	return 0;
}

/* 2014-10-24T23:00:23Z, with optional .fraction, and Z or +HH:MM / -HH:MM */
static int iso8601(sv_sv s, int64_t *t)
{
	char z[20];
	size_t i = 19;
	int64_t off = 0;
	if (s.n < 20)
		return -1;
	memcpy(z, s.p, 19);
	z[19] = 'Z';
	if (i < s.n && s.p[i] == '.') {
		i++;
		if (i == s.n || s.p[i] < '0' || s.p[i] > '9')
			return -1;
		while (i < s.n && s.p[i] >= '0' && s.p[i] <= '9')
			i++;
	}
	if (i + 1 == s.n && (s.p[i] == 'Z' || s.p[i] == 'z')) {
		off = 0;
	} else if (i + 6 == s.n && (s.p[i] == '+' || s.p[i] == '-') && s.p[i + 3] == ':') {
		int hh, mm;
		if (digits2(s, i + 1, &hh) || digits2(s, i + 4, &mm) || hh > 23 || mm > 59)
			return -1;
		off = (int64_t)hh * 3600 + mm * 60;
		if (s.p[i] == '-')
			off = -off;
	} else {
		return -1;
	}
	if (sv_time_parse((sv_sv){ z, 20 }, t) != SV_OK)
		return -1;
	*t -= off;
	return 0;
}

static int integer(sv_sv s, int64_t *v)
{
	size_t i;
	int64_t x = 0;
	if (s.n == 0 || s.n > 18)
		return -1;
	for (i = 0; i < s.n; i++) {
		if (s.p[i] < '0' || s.p[i] > '9')
			return -1;
		x = x * 10 + (s.p[i] - '0');
	}
	*v = x;
	return 0;
}

/* A JSON number of epoch seconds (STS's JSON mode sends a float): the whole seconds. */
static int epoch_number(sv_sv s, int64_t *t)
{
	size_t i = 0, ip = 0, fp = 0;
	int64_t v = 0;
	int e = 0, eneg = 0;
	char frac[20];
	if (s.n && s.p[0] == '-')
		return -1;
	for (; i < s.n && s.p[i] >= '0' && s.p[i] <= '9'; i++, ip++)
		if (ip < 15)
			v = v * 10 + (s.p[i] - '0');
	if (ip == 0 || ip > 15)
		return -1;
	if (i < s.n && s.p[i] == '.')
		for (i++; i < s.n && s.p[i] >= '0' && s.p[i] <= '9'; i++)
			if (fp < sizeof frac)
				frac[fp++] = s.p[i];
	if (i < s.n && (s.p[i] == 'e' || s.p[i] == 'E')) {
		i++;
		if (i < s.n && (s.p[i] == '+' || s.p[i] == '-'))
			eneg = s.p[i++] == '-';
		for (; i < s.n && s.p[i] >= '0' && s.p[i] <= '9'; i++)
			if (e < 100)
				e = e * 10 + (s.p[i] - '0');
	}
	if (i != s.n)
		return -1;
	if (eneg) {
		while (e-- > 0)
			v /= 10;
	} else {
		size_t k = 0;
		while (e-- > 0) {
			if (v > INT64_MAX / 100)
				return -1;
			v = v * 10 + (k < fp ? frac[k] - '0' : 0);
			k++;
		}
	}
	*t = v;
	return 0;
}

static int finish(sv_sts_resp *r, sv_sv body, sv_err *err)
{
	if (r->kind == SV_RESP_ERROR) {
		if (!r->code.p || r->code.n == 0) {
			sv_err_set(err, SV_E_FORMAT, 0, "an STS error without a Code");
			return SV_E_FORMAT;
		}
		return SV_OK;
	}
	{
		static const struct { size_t off; const char *name; } req[] = {
			{ F(access_key_id), "Credentials/AccessKeyId" },
			{ F(secret_access_key), "Credentials/SecretAccessKey" },
			{ F(session_token), "Credentials/SessionToken" },
			{ F(expiration), "Credentials/Expiration" },
			{ F(assumed_role_arn), "AssumedRoleUser/Arn" },
		};
		size_t i;
		for (i = 0; i < sizeof req / sizeof req[0]; i++)
			if (!slot(r, req[i].off)->p) {
				sv_err_set(err, SV_E_FORMAT, body.n, "a success answer without %s",
				           req[i].name);
				return SV_E_FORMAT;
			}
	}
	if (r->form != SV_RESP_JSON || r->expires == 0) {
		if (iso8601(r->expiration, &r->expires)) {
			sv_err_set(err, SV_E_FORMAT, 0,
			           "Expiration %q is not an ISO 8601 UTC time like 2014-10-24T23:00:23Z",
			           r->expiration);
			return SV_E_FORMAT;
		}
	}
	return SV_OK;
}

/* ---- XML --------------------------------------------------------------- */

static int parse_xml(sv_sv body, sv_arena *a, sv_sts_resp *r, sv_err *err)
{
	sv_xml x;
	sv_xml_ev ev;
	const field *tab = NULL;
	sv_sv names[SV_MAX_XML_DEPTH + 1];
	unsigned long seen = 0;
	int leaf = -1, skip = 0, rc;
	size_t leaf_start = 0, leaf_pos = 0;

	sv_xml_init(&x, body);
	r->form = SV_RESP_XML;
	while ((rc = sv_xml_next(&x, &ev, err)) == 1) {
		if (skip) {
			if (ev.kind == SV_XML_CLOSE && ev.depth == skip)
				skip = 0;
			continue;
		}
		if (ev.kind == SV_XML_OPEN) {
			char path[256];
			sv_buf b;
			int i, k;
			names[ev.depth] = ev.local;
			if (ev.depth == 1) {
				if (sv_eq(ev.local, SV_LIT("AssumeRoleWithWebIdentityResponse"))) {
					tab = success_fields;
					r->kind = SV_RESP_SUCCESS;
				} else if (sv_eq(ev.local, SV_LIT("ErrorResponse"))) {
					tab = error_fields;
					r->kind = SV_RESP_ERROR;
				} else {
					sv_err_set(err, SV_E_FORMAT, ev.pos,
					           "offset %z: root element <%v>: not an AssumeRoleWithWebIdentity "
					           "response or an STS ErrorResponse", ev.pos, ev.name);
					return SV_E_FORMAT;
				}
				continue;
			}
			if (leaf >= 0) {
				sv_err_set(err, SV_E_FORMAT, ev.pos,
				           "offset %z: <%v> inside <%v>, which holds text", ev.pos, ev.name,
				           names[ev.depth - 1]);
				return SV_E_FORMAT;
			}
			sv_buf_init(&b, path, sizeof path);
			for (i = 2; i <= ev.depth; i++) {
				if (i > 2)
					sv_buf_char(&b, '/');
				sv_buf_sv(&b, names[i]);
			}
			for (k = 0; tab[k].path; k++)
				if (!b.overflow && strcmp(tab[k].path, path) == 0)
					break;
			if (!tab[k].path) {
				skip = ev.depth;    /* unknown: skipped, as botocore ignores it */
				continue;
			}
			if (seen & (1ul << k)) {
				sv_err_set(err, SV_E_FORMAT, ev.pos, "offset %z: <%v> appears twice", ev.pos,
				           ev.name);
				return SV_E_FORMAT;
			}
			seen |= 1ul << k;
			if (tab[k].off != NOFIELD) {
				leaf = k;
				leaf_start = a->used;
				leaf_pos = ev.pos;
			}
		} else if (ev.kind == SV_XML_TEXT) {
			if (leaf >= 0) {
				rc = sv_xml_decode(ev.raw, ev.pos, a->buf, a->cap, &a->used, err);
				if (rc != SV_OK)
					return rc;
			} else {
				size_t i;
				for (i = 0; i < ev.raw.n; i++)
					if (ev.raw.p[i] != ' ' && ev.raw.p[i] != '\t' && ev.raw.p[i] != '\n' &&
					    ev.raw.p[i] != '\r') {
						sv_err_set(err, SV_E_FORMAT, ev.pos + i,
						           "offset %z: text inside <%v>, which holds elements",
						           ev.pos + i, names[ev.depth]);
						return SV_E_FORMAT;
					}
			}
		} else if (leaf >= 0) {   /* the leaf's CLOSE */
			sv_sv v;
			v.p = a->buf + leaf_start;
			v.n = a->used - leaf_start;
			if (tab[leaf].off == PACKED) {
				if (integer(v, &r->packed_policy_size)) {
					sv_err_set(err, SV_E_FORMAT, leaf_pos,
					           "offset %z: PackedPolicySize %q is not an integer", leaf_pos, v);
					return SV_E_FORMAT;
				}
				r->has_packed_policy_size = 1;
			} else {
				*slot(r, tab[leaf].off) = v;
			}
			leaf = -1;
		}
	}
	if (rc < 0)
		return rc;
	return finish(r, body, err);
}

/* ---- JSON -------------------------------------------------------------- */

/* Walks "A/B/C" from obj; -1 when a step is missing or null. */
static int jpath(const sv_json *d, int obj, const char *path)
{
	while (obj >= 0 && *path) {
		const char *e = strchr(path, '/');
		size_t l = e ? (size_t)(e - path) : strlen(path);
		if (sv_json_type(d, obj) != JSMN_OBJECT)
			return -1;
		obj = sv_json_get(d, obj, (sv_sv){ path, l });
		path += l + (e ? 1 : 0);
	}
	if (obj >= 0 && sv_json_type(d, obj) == JSMN_PRIMITIVE && sv_eq(sv_json_raw(d, obj), SV_LIT("null")))
		return -1;
	return obj;
}

static int jfields(const sv_json *d, int base, const field *tab, const char *strip, sv_arena *a,
                   sv_sts_resp *r, sv_err *err)
{
	size_t k, sl = strip ? strlen(strip) : 0;
	for (k = 0; tab[k].path; k++) {
		const char *path = tab[k].path;
		int i;
		if (tab[k].off == NOFIELD)
			continue;
		if (sl && strncmp(path, strip, sl) == 0)
			path += sl;
		else if (sl && strcmp(tab[k].path, "ResponseMetadata/RequestId") != 0)
			continue;
		i = jpath(d, base, path);
		if (i < 0)
			continue;
		if (tab[k].off == PACKED) {
			if (sv_json_int(d, i, &r->packed_policy_size) != SV_ND_OK) {
				sv_err_set(err, SV_E_FORMAT, (size_t)d->tok[i].start,
				           "offset %d: PackedPolicySize is not an integer", d->tok[i].start);
				return SV_E_FORMAT;
			}
			r->has_packed_policy_size = 1;
			continue;
		}
		if (tab[k].off == F(expiration) && sv_json_type(d, i) == JSMN_PRIMITIVE) {
			r->expiration = sv_json_raw(d, i);
			if (epoch_number(r->expiration, &r->expires) || r->expires == 0) {
				sv_err_set(err, SV_E_FORMAT, (size_t)d->tok[i].start,
				           "offset %d: Expiration %q is neither epoch seconds nor ISO 8601",
				           d->tok[i].start, r->expiration);
				return SV_E_FORMAT;
			}
			continue;
		}
		if (sv_json_type(d, i) != JSMN_STRING) {
			sv_err_set(err, SV_E_FORMAT, (size_t)d->tok[i].start, "offset %d: %s is not a string",
			           d->tok[i].start, path);
			return SV_E_FORMAT;
		}
		if (sv_json_str(d, i, a, slot(r, tab[k].off)) != SV_OK) {
			sv_err_set(err, SV_E_LIMIT, (size_t)d->tok[i].start,
			           "offset %d: decoded text does not fit in %z bytes", d->tok[i].start, a->cap);
			return SV_E_LIMIT;
		}
	}
	return SV_OK;
}

static int parse_json(sv_sv body, sv_arena *a, jsmntok_t *tok, size_t ntok, sv_sts_resp *r,
                      sv_err *err)
{
	sv_json d;
	int rc, o;
	rc = sv_json_parse(&d, body.p, body.n, tok, ntok, err);
	if (rc != SV_OK)
		return rc;
	r->form = SV_RESP_JSON;
	if (sv_json_type(&d, 0) != JSMN_OBJECT) {
		sv_err_set(err, SV_E_FORMAT, 0, "the JSON is not an object");
		return SV_E_FORMAT;
	}
	if ((o = jpath(&d, 0, "AssumeRoleWithWebIdentityResponse")) >= 0) {
		r->kind = SV_RESP_SUCCESS;   /* STS's own JSON mode */
		rc = jfields(&d, o, success_fields, NULL, a, r, err);
	} else if (jpath(&d, 0, "Credentials") >= 0) {
		r->kind = SV_RESP_SUCCESS;   /* `aws sts assume-role-with-web-identity` output */
		rc = jfields(&d, 0, success_fields, R "/", a, r, err);
	} else if ((o = jpath(&d, 0, "ErrorResponse")) >= 0 || (o = jpath(&d, 0, "Error")) >= 0) {
		r->kind = SV_RESP_ERROR;
		if (jpath(&d, 0, "Error") >= 0)
			o = 0;
		rc = jfields(&d, o, error_fields, NULL, a, r, err);
		if (rc == SV_OK && !r->request_id.p && (o = jpath(&d, 0, "ResponseMetadata/RequestId")) >= 0)
			rc = sv_json_str(&d, o, a, &r->request_id) == SV_OK ? SV_OK : SV_E_LIMIT;
	} else {
		sv_err_set(err, SV_E_FORMAT, 0,
		           "JSON without AssumeRoleWithWebIdentityResponse, Credentials or Error: "
		           "not an STS answer");
		return SV_E_FORMAT;
	}
	if (rc != SV_OK)
		return rc;
	return finish(r, body, err);
}

/* ---- the CLI's line ---------------------------------------------------- */

static int parse_cli(sv_sv body, sv_sts_resp *r, sv_err *err)
{
	static const char lead[] = "An error occurred (";
	size_t i, p, q, eol;
	sv_sv t = body;
	for (i = 0; i + sizeof lead - 1 <= t.n; i++)
		if (memcmp(t.p + i, lead, sizeof lead - 1) == 0)
			break;
	if (i + sizeof lead - 1 > t.n) {
		sv_err_set(err, SV_E_FORMAT, 0,
		           "not an STS answer: expected the XML or JSON body, or the AWS CLI's line "
		           "\"An error occurred (Code) when calling the ... operation: Message\"");
		return SV_E_FORMAT;
	}
	p = i + sizeof lead - 1;
	q = sv_find(t, ')', p);
	eol = sv_find(t, '\n', p);
	if (eol == (size_t)-1)
		eol = t.n;
	if (q == (size_t)-1 || q > eol || q == p)
		goto bad;
	r->code = sv_slice(t, p, q);
	p = q + 1;
	if (!sv_has_prefix(sv_slice(t, p, eol), SV_LIT(" when calling the ")))
		goto bad;
	p += 18;
	q = sv_find(t, ' ', p);
	if (q == (size_t)-1 || q > eol)
		goto bad;
	r->operation = sv_slice(t, p, q);
	p = q;
	if (!sv_has_prefix(sv_slice(t, p, eol), SV_LIT(" operation")))
		goto bad;
	p += 10;
	if (sv_has_prefix(sv_slice(t, p, eol), SV_LIT(" (reached max retries: "))) {
		q = sv_find(t, ')', p);
		if (q == (size_t)-1 || q > eol)
			goto bad;
		p = q + 1;
	}
	if (!sv_has_prefix(sv_slice(t, p, eol), SV_LIT(": ")))
		goto bad;
	r->message = sv_slice(t, p + 2, eol > p + 2 && t.p[eol - 1] == '\r' ? eol - 1 : eol);
	r->kind = SV_RESP_ERROR;
	r->form = SV_RESP_CLI_LINE;
	return SV_OK;
bad:
	sv_err_set(err, SV_E_FORMAT, i,
	           "offset %z: an \"An error occurred\" line not in the AWS CLI's shape "
	           "\"An error occurred (Code) when calling the Op operation: Message\"", i);
	return SV_E_FORMAT;
}

/* see sv_sts.h */
int sv_sts_resp_parse(sv_sv body, char *arena, size_t cap, jsmntok_t *tok, size_t ntok,
                      sv_sts_resp *r, sv_err *err)
{
	sv_arena a;
	size_t i = 0;
	memset(r, 0, sizeof *r);
	sv_arena_init(&a, arena, cap);
	if (body.n >= 3 && memcmp(body.p, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < body.n && (body.p[i] == ' ' || body.p[i] == '\t' || body.p[i] == '\n' || body.p[i] == '\r'))
		i++;
	if (i < body.n && body.p[i] == '<')
		return parse_xml(body, &a, r, err);
	if (i < body.n && body.p[i] == '{')
		return parse_json(body, &a, tok, ntok, r, err);
	return parse_cli(body, r, err);
}
