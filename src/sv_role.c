/*
 * sv_role.c -- typed view of `aws iam get-role` output, or of a bare
 * policy document. The CLI prints Role.AssumeRolePolicyDocument as an
 * object; the raw IAM Query API returns it as URL-encoded JSON text,
 * which botocore decodes with json.loads(unquote(value)) (STS-FACTS
 * section g). Both forms are read; the policy's shape is left to
 * sv_policy_parse.
 */
#include "sv_internal.h"
#include "stsverify/sv_docs.h"

static int hexv(char c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 :
	       c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

int sv_pct_decode(sv_sv in, char *out, size_t cap, size_t *len, sv_err *err)
{
	size_t i, w = 0;
	for (i = 0; i < in.n; i++) {
		char c = in.p[i];
		if (c == '%') {
			int h, l;
			if (i + 2 >= in.n || (h = hexv(in.p[i + 1])) < 0 || (l = hexv(in.p[i + 2])) < 0) {
				sv_err_set(err, SV_E_FORMAT, i, "offset %z: '%%' must be followed by two hex digits", i);
				return SV_E_FORMAT;
			}
			c = (char)(h << 4 | l);
			i += 2;
		}
		if (w == cap) {
			sv_err_set(err, SV_E_LIMIT, i, "the decoded text is larger than %z bytes", cap);
			return SV_E_LIMIT;
		}
		out[w++] = c;
	}
	*len = w;
	return SV_OK;
}

static int prefixed(sv_err *err, const char *what)
{
	char tmp[sizeof err->msg];
	memcpy(tmp, err->msg, sizeof tmp);
	sv_err_set(err, err->code, err->pos, "%s: %s", what, tmp);
	return err->code;
}

/*
 * A policy document carried as a string: JSON text as is, or URL-encoded
 * (the IAM Query API's form). Parsed into pdoc over pbuf/ptok.
 */
static int policy_text(const sv_json *d, int pol, const char *what, char *pbuf, size_t pcap,
                       jsmntok_t *ptok, size_t ptcap, sv_arena *a, sv_json *pdoc, int *encoded,
                       int *plain, sv_err *err)
{
	sv_sv text;
	size_t n = 0, i = 0;
	int rc;
	char label[96];
	sv_buf b;

	if ((rc = sv_json_str(d, pol, a, &text)) != SV_OK) {
		sv_err_set(err, rc, (size_t)d->tok[pol].start, "offset %d: %s does not fit SV_MAX_STRING_ARENA=%d",
		           d->tok[pol].start, what, SV_MAX_STRING_ARENA);
		return rc;
	}
	while (i < text.n && (text.p[i] == ' ' || text.p[i] == '\n' || text.p[i] == '\r' || text.p[i] == '\t'))
		i++;
	sv_buf_init(&b, label, sizeof label);
	if (i < text.n && text.p[i] == '{') {
		/* JSON text in a string, not encoded */
		if (text.n > pcap) {
			sv_err_set(err, SV_E_LIMIT, (size_t)d->tok[pol].start, "offset %d: %s is larger than %z bytes",
			           d->tok[pol].start, what, pcap);
			return SV_E_LIMIT;
		}
		memcpy(pbuf, text.p, text.n);
		n = text.n;
		if (plain)
			*plain = 1;
		sv_buf_fmt(&b, "%s (decoded)", what);
	} else {
		*encoded = 1;
		sv_buf_fmt(&b, "%s (URL-encoded)", what);
		if ((rc = sv_pct_decode(text, pbuf, pcap, &n, err)) != SV_OK)
			return prefixed(err, label);
		sv_buf_init(&b, label, sizeof label);
		sv_buf_fmt(&b, "%s (decoded)", what);
	}
	if ((rc = sv_json_parse(pdoc, pbuf, n, ptok, ptcap, err)) != SV_OK)
		return prefixed(err, label);
	return SV_OK;
}

int sv_role_parse(sv_role *r, const char *js, size_t len, jsmntok_t *tok, size_t cap,
                  char *pbuf, size_t pcap, jsmntok_t *ptok, size_t ptcap, sv_arena *a,
                  sv_err *err)
{
	const sv_json *d = &r->doc;
	int rc, role, v, pol;

	memset(r, 0, sizeof *r);
	if ((rc = sv_json_parse(&r->doc, js, len, tok, cap, err)) != SV_OK)
		return rc;
	if (sv_json_type(d, 0) != JSMN_OBJECT)
		goto shape;
	if (sv_json_get(d, 0, SV_LIT("Statement")) >= 0) {
		r->bare = 1;
		r->pdoc = r->doc;
		r->proot = 0;
		return SV_OK;
	}
	role = sv_json_get(d, 0, SV_LIT("Role"));
	if (role < 0 && sv_json_get(d, 0, SV_LIT("AssumeRolePolicyDocument")) >= 0)
		role = 0;                        /* aws iam get-role --query Role */
	if (role < 0 || sv_json_type(d, role) != JSMN_OBJECT)
		goto shape;
	if ((v = sv_json_get(d, role, SV_LIT("Arn"))) >= 0 && sv_json_str(d, v, a, &r->arn) != SV_OK) {
		sv_err_set(err, SV_E_FORMAT, (size_t)d->tok[v].start, "offset %d: Role.Arn must be a string",
		           d->tok[v].start);
		return SV_E_FORMAT;
	}
	if ((v = sv_json_get(d, role, SV_LIT("RoleName"))) >= 0 && sv_json_str(d, v, a, &r->name) != SV_OK) {
		sv_err_set(err, SV_E_FORMAT, (size_t)d->tok[v].start,
		           "offset %d: Role.RoleName must be a string", d->tok[v].start);
		return SV_E_FORMAT;
	}
	if ((v = sv_json_get(d, role, SV_LIT("MaxSessionDuration"))) >= 0 &&
	    sv_json_int(d, v, &r->max_session) != SV_ND_OK) {
		sv_err_set(err, SV_E_FORMAT, (size_t)d->tok[v].start,
		           "offset %d: Role.MaxSessionDuration must be an integer (seconds)", d->tok[v].start);
		return SV_E_FORMAT;
	}
	pol = sv_json_get(d, role, SV_LIT("AssumeRolePolicyDocument"));
	if (pol < 0) {
		sv_err_set(err, SV_E_FORMAT, (size_t)d->tok[role].start,
		           "offset %d: Role has no \"AssumeRolePolicyDocument\" (the trust policy)",
		           d->tok[role].start);
		return SV_E_FORMAT;
	}
	if (sv_json_type(d, pol) == JSMN_OBJECT) {
		r->pdoc = r->doc;
		r->proot = pol;
		return SV_OK;
	}
	if (sv_json_type(d, pol) == JSMN_STRING) {
		r->proot = 0;
		return policy_text(d, pol, "AssumeRolePolicyDocument", pbuf, pcap, ptok, ptcap, a, &r->pdoc,
		                   &r->encoded, NULL, err);
	}
	sv_err_set(err, SV_E_FORMAT, (size_t)d->tok[pol].start,
	           "offset %d: AssumeRolePolicyDocument must be an object or URL-encoded JSON text",
	           d->tok[pol].start);
	return SV_E_FORMAT;
shape:
	sv_err_set(err, SV_E_FORMAT, 0,
	           "offset 0: expected the output of aws iam get-role ({\"Role\": {...}}) or a policy document ({\"Statement\": ...})");
	return SV_E_FORMAT;
}

/* An optional string member; SV_E_FORMAT naming it when it is not a string. */
static int opt_str(const sv_json *d, int obj, const char *key, const char *name, sv_arena *a, sv_sv *out,
                   sv_err *err)
{
	int v = sv_json_get(d, obj, sv_from_cstr(key));
	*out = SV_NULL;
	if (v < 0)
		return SV_OK;
	if (sv_json_type(d, v) != JSMN_STRING || sv_json_str(d, v, a, out) != SV_OK) {
		sv_err_set(err, SV_E_FORMAT, (size_t)d->tok[v].start, "offset %d: %s must be a string",
		           d->tok[v].start, name);
		return SV_E_FORMAT;
	}
	return SV_OK;
}

/* see sv_docs.h */
int sv_poldoc_parse(sv_poldoc *p, const char *js, size_t len, jsmntok_t *tok, size_t cap, char *pbuf,
                    size_t pcap, jsmntok_t *ptok, size_t ptcap, sv_arena *a, sv_err *err)
{
	const sv_json *d = &p->doc;
	const char *what;
	int rc, pol, pv = -1, v;

	memset(p, 0, sizeof *p);
	p->is_default = -1;
	if ((rc = sv_json_parse(&p->doc, js, len, tok, cap, err)) != SV_OK)
		return rc;
	if (sv_json_type(d, 0) != JSMN_OBJECT)
		goto shape;
	if (sv_json_get(d, 0, SV_LIT("Statement")) >= 0) {
		p->shape = SV_POLDOC_BARE;
		p->pdoc = p->doc;
		p->proot = 0;
		return SV_OK;
	}
	if (sv_json_get(d, 0, SV_LIT("Role")) >= 0 || sv_json_get(d, 0, SV_LIT("AssumeRolePolicyDocument")) >= 0) {
		sv_err_set(err, SV_E_FORMAT, 0,
		           "offset 0: this is aws iam get-role output (the trust policy; give it to --role), not a permission policy");
		return SV_E_FORMAT;
	}
	if ((pol = sv_json_get(d, 0, SV_LIT("PolicyDocument"))) >= 0) {
		p->shape = SV_POLDOC_ROLE_POLICY;
		what = "PolicyDocument";
		if ((rc = opt_str(d, 0, "RoleName", "RoleName", a, &p->role_name, err)) != SV_OK ||
		    (rc = opt_str(d, 0, "PolicyName", "PolicyName", a, &p->policy_name, err)) != SV_OK)
			return rc;
	} else if ((pv = sv_json_get(d, 0, SV_LIT("PolicyVersion"))) >= 0) {
		if (sv_json_type(d, pv) != JSMN_OBJECT) {
			sv_err_set(err, SV_E_FORMAT, (size_t)d->tok[pv].start, "offset %d: PolicyVersion must be an object",
			           d->tok[pv].start);
			return SV_E_FORMAT;
		}
		p->shape = SV_POLDOC_POLICY_VERSION;
		what = "PolicyVersion.Document";
		if ((rc = opt_str(d, pv, "VersionId", "PolicyVersion.VersionId", a, &p->version_id, err)) != SV_OK)
			return rc;
		if ((v = sv_json_get(d, pv, SV_LIT("IsDefaultVersion"))) >= 0) {
			p->is_default = sv_json_bool(d, v);
			if (p->is_default < 0) {
				sv_err_set(err, SV_E_FORMAT, (size_t)d->tok[v].start,
				           "offset %d: PolicyVersion.IsDefaultVersion must be true or false", d->tok[v].start);
				return SV_E_FORMAT;
			}
		}
		pol = sv_json_get(d, pv, SV_LIT("Document"));
		if (pol < 0) {
			sv_err_set(err, SV_E_FORMAT, (size_t)d->tok[pv].start,
			           "offset %d: PolicyVersion has no \"Document\" (the policy)", d->tok[pv].start);
			return SV_E_FORMAT;
		}
	} else {
		goto shape;
	}
	if (sv_json_type(d, pol) == JSMN_OBJECT) {
		p->pdoc = p->doc;
		p->proot = pol;
		return SV_OK;
	}
	if (sv_json_type(d, pol) == JSMN_STRING) {
		p->proot = 0;
		return policy_text(d, pol, what, pbuf, pcap, ptok, ptcap, a, &p->pdoc, &p->encoded, &p->text, err);
	}
	sv_err_set(err, SV_E_FORMAT, (size_t)d->tok[pol].start,
	           "offset %d: %s must be an object, JSON text or URL-encoded JSON text", d->tok[pol].start, what);
	return SV_E_FORMAT;
shape:
	sv_err_set(err, SV_E_FORMAT, 0,
	           "offset 0: expected the output of aws iam get-role-policy ({\"PolicyDocument\": ...}), aws iam get-policy-version ({\"PolicyVersion\": ...}) or a policy document ({\"Statement\": ...})");
	return SV_E_FORMAT;
}
