/*
 * sv_form.c -- the AssumeRoleWithWebIdentity form body, byte for byte as
 * botocore writes it (STS-FACTS a.3, a.4). No allocation: the caller's buffer.
 */
#include "sv_internal.h"
#include "stsverify/sv_sts.h"

static int keep(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
	       c == '-' || c == '_' || c == '.' || c == '~';
}

/* see sv_sts.h */
size_t sv_form_encoded_len(sv_sv s)
{
	size_t i, n = 0;
	for (i = 0; i < s.n; i++) {
		unsigned char c = (unsigned char)s.p[i];
		n += keep(c) || c == ' ' ? 1 : 3;
	}
	return n;
}

/* see sv_sts.h */
int sv_form_encode(sv_sv s, char *out, size_t cap, size_t *len)
{
	static const char hx[] = "0123456789ABCDEF";
	size_t i, w = *len;
	if (w > cap || sv_form_encoded_len(s) > cap - w)
		return SV_E_LIMIT;
	for (i = 0; i < s.n; i++) {
		unsigned char c = (unsigned char)s.p[i];
		if (keep(c)) {
			out[w++] = (char)c;
		} else if (c == ' ') {
			out[w++] = '+';
		} else {
			out[w++] = '%';
			out[w++] = hx[c >> 4];
			out[w++] = hx[c & 15];
		}
	}
	*len = w;
	return SV_OK;
}

static int add(sv_form_param *out, size_t cap, size_t *n, const char *name, sv_sv v)
{
	size_t l = strlen(name);
	if (*n == cap)
		return SV_E_LIMIT;
	memcpy(out[*n].name, name, l + 1);
	out[*n].value = v;
	(*n)++;
	return SV_OK;
}

static int add_member(sv_form_param *out, size_t cap, size_t *n, size_t k, sv_sv v)
{
	char name[32];
	sv_buf b;
	sv_buf_init(&b, name, sizeof name);
	sv_buf_str(&b, "PolicyArns.member.");
	sv_buf_u64(&b, k);
	sv_buf_str(&b, ".arn");
	return add(out, cap, n, name, v);
}

/* see sv_sts.h */
int sv_form_params(const sv_arwwi *p, sv_form_param *out, size_t cap, size_t *n)
{
	size_t k;
	int rc = SV_OK;

	*n = 0;
	if (p->order == SV_ORDER_PROVIDER &&
	    (p->has_duration || p->policy.p || p->npolicy_arns || p->provider_id.p))
		return SV_E_PARAM;
	rc |= add(out, cap, n, "Action", SV_LIT("AssumeRoleWithWebIdentity"));
	rc |= add(out, cap, n, "Version", SV_LIT("2011-06-15"));
	if (p->order == SV_ORDER_PROVIDER && p->session_first) {
		rc |= add(out, cap, n, "RoleSessionName", p->session_name);
		rc |= add(out, cap, n, "RoleArn", p->role_arn);
	} else {
		rc |= add(out, cap, n, "RoleArn", p->role_arn);
		rc |= add(out, cap, n, "RoleSessionName", p->session_name);
	}
	rc |= add(out, cap, n, "WebIdentityToken", p->token);
	if (p->provider_id.p)
		rc |= add(out, cap, n, "ProviderId", p->provider_id);
	for (k = 0; k < p->npolicy_arns; k++)
		rc |= add_member(out, cap, n, k + 1, p->policy_arns[k]);
	if (p->policy.p)
		rc |= add(out, cap, n, "Policy", p->policy);
	if (p->has_duration)
		rc |= add(out, cap, n, "DurationSeconds", SV_NULL);   /* text below */
	if (rc)
		return SV_E_LIMIT;
	if (p->order == SV_ORDER_SORTED) {
		/* insertion sort by name, bytewise, as Go's sort.Strings */
		size_t i, j;
		for (i = 1; i < *n; i++) {
			sv_form_param t = out[i];
			for (j = i; j > 0 && strcmp(out[j - 1].name, t.name) > 0; j--)
				out[j] = out[j - 1];
			out[j] = t;
		}
	}
	/* the one value not taken from the caller: its digits live in the row itself */
	for (k = 0; k < *n; k++) {
		if (strcmp(out[k].name, "DurationSeconds") == 0) {
			sv_buf b;
			sv_buf_init(&b, out[k].num, sizeof out[k].num);
			sv_buf_i64(&b, p->duration);
			out[k].value.p = out[k].num;
			out[k].value.n = b.len;
		}
	}
	return SV_OK;
}

/* see sv_sts.h */
int sv_form_body(const sv_arwwi *p, char *out, size_t cap, size_t *len)
{
	sv_form_param prm[8 + SV_MAX_POLICY_ARNS];
	size_t n, i, w = 0;
	int rc = sv_form_params(p, prm, sizeof prm / sizeof prm[0], &n);
	if (rc != SV_OK)
		return rc;
	for (i = 0; i < n; i++) {
		size_t nl = strlen(prm[i].name);
		size_t need = (i ? 1 : 0) + nl + 1 + sv_form_encoded_len(prm[i].value);
		if (out && need > cap - w)
			return SV_E_LIMIT;
		if (!out) {
			w += need;
			continue;
		}
		if (i)
			out[w++] = '&';
		memcpy(out + w, prm[i].name, nl);   /* names never need encoding */
		w += nl;
		out[w++] = '=';
		if (sv_form_encode(prm[i].value, out, cap, &w) != SV_OK)
			return SV_E_LIMIT;
	}
	*len = w;
	return SV_OK;
}
