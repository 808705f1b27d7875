/*
 * sv_perms.c -- a CredentialsRequest against a role's policies, with the
 * one IAM engine of sv_policy.c: permission policies in its pattern mode
 * (the request asks for patterns), an open context (nothing about the
 * calls is known but what the entry's policyCondition promises), and the
 * trust policy with only the service account's sub known.
 */
#include "sv_internal.h"
#include "stsverify/sv_perms.h"

static const char *const verdict_names[] = { "allowed", "not granted", "denied", "depends on condition",
	                                     "not checked" };

const char *sv_perm_verdict_name(sv_perm_verdict v)
{
	return (unsigned)v < sizeof verdict_names / sizeof verdict_names[0] ? verdict_names[v] : "?";
}

static void copy_notes(const sv_pol_stmt *st, sv_pol_cond *notes, size_t *n)
{
	size_t i;
	*n = 0;
	for (i = 0; i < st->nfail && *n < SV_PERM_NOTES; i++)
		notes[(*n)++] = st->fail[i];
}

/* Only the conditions that are false, when there are any (why it is not admitted). */
static void copy_false_notes(const sv_pol_stmt *st, sv_pol_cond *notes, size_t *n)
{
	size_t i;
	*n = 0;
	for (i = 0; i < st->nfail && *n < SV_PERM_NOTES; i++)
		if (st->fail[i].result == SV_TRI_FALSE)
			notes[(*n)++] = st->fail[i];
	if (*n == 0)
		copy_notes(st, notes, n);
}

/* One action of one entry against every policy: the verdict and what decided it. */
static int check_row(sv_perms *pm, sv_perm_row *row, const sv_credreq *cr, const sv_cr_entry *en,
                     const sv_policy *const *pols, size_t npols, sv_arena *scratch, sv_err *err)
{
	sv_pol_result *r = &pm->r;
	sv_pol_ctx ctx;
	sv_pol_cond allow_notes[SV_PERM_NOTES];
	size_t p, nallow_notes = 0;
	int deny_p = -1, deny_s = -1, deny_part = 0, mdeny_p = -1, mdeny_s = -1, allow_p = -1, allow_s = -1;
	int mallow_p = -1, mallow_s = -1, part_p = -1, part_s = -1, rc;

	memset(&ctx, 0, sizeof ctx);
	ctx.action = row->action;
	ctx.resource = en->resource;
	ctx.patterns = 1;
	ctx.open = 1;
	if (en->cond >= 0) {
		ctx.assume_doc = cr->doc;
		ctx.assume = en->cond;
	}
	for (p = 0; p < npols; p++) {
		if ((rc = sv_policy_eval(pols[p], &ctx, scratch, r)) != SV_OK) {
			sv_err_set(err, rc, 0, "%v on %v: a string does not fit SV_MAX_STRING_ARENA=%d or a pattern is longer than SV_MAX_PATTERN_CHARS=%d",
			           row->action, en->resource, SV_MAX_STRING_ARENA, SV_MAX_PATTERN_CHARS);
			return rc;
		}
		if (r->deny >= 0 && (deny_p < 0 || (deny_part && !r->deny_part))) {
			deny_p = (int)p;
			deny_s = r->deny;
			deny_part = r->deny_part;
		}
		if (r->maybe_deny >= 0 && mdeny_p < 0) {
			mdeny_p = (int)p;
			mdeny_s = r->maybe_deny;
			copy_notes(&r->st[r->maybe_deny], row->notes, &row->nnotes);
		}
		if (r->allow >= 0 && allow_p < 0) {
			allow_p = (int)p;
			allow_s = r->allow;
		}
		if (r->maybe_allow >= 0 && mallow_p < 0) {
			mallow_p = (int)p;
			mallow_s = r->maybe_allow;
			copy_notes(&r->st[r->maybe_allow], allow_notes, &nallow_notes);
		}
		if (r->part >= 0 && part_p < 0) {
			part_p = (int)p;
			part_s = r->part;
		}
	}
	if (deny_p >= 0) {
		row->verdict = SV_PERM_DENIED;
		row->policy = deny_p;
		row->stmt = deny_s;
		row->part = deny_part;
		row->nnotes = 0;
	} else if (mdeny_p >= 0) {
		row->verdict = SV_PERM_CONDITIONAL;
		row->policy = mdeny_p;
		row->stmt = mdeny_s;
		row->by_deny = 1;
	} else if (allow_p >= 0) {
		row->verdict = SV_PERM_ALLOWED;
		row->policy = allow_p;
		row->stmt = allow_s;
	} else if (mallow_p >= 0) {
		row->verdict = SV_PERM_CONDITIONAL;
		row->policy = mallow_p;
		row->stmt = mallow_s;
		memcpy(row->notes, allow_notes, sizeof allow_notes);
		row->nnotes = nallow_notes;
	} else {
		row->verdict = SV_PERM_NOT_GRANTED;
		row->policy = part_p;
		row->stmt = part_s;
		row->part = part_p >= 0;
	}
	if (row->verdict != SV_PERM_CONDITIONAL)
		row->nnotes = 0;
	return SV_OK;
}

/* see sv_perms.h */
int sv_perms_check(sv_perms *pm, const sv_credreq *cr, const sv_policy *const *pols, size_t npols,
                   sv_arena *keep, sv_arena *scratch, sv_err *err)
{
	size_t i, k;
	int rc;

	pm->n = 0;
	memset(pm->count, 0, sizeof pm->count);
	for (i = 0; i < cr->n; i++) {
		const sv_cr_entry *en = &cr->e[i];
		int t = en->actions + 1;
		for (k = 0; k < en->nactions; k++, t = sv_json_next(cr->doc, t)) {
			sv_perm_row *row;
			if (pm->n == SV_MAX_PERM_ROWS) {
				sv_err_set(err, SV_E_LIMIT, 0, "the request asks for more than SV_MAX_PERM_ROWS=%d actions",
				           SV_MAX_PERM_ROWS);
				return SV_E_LIMIT;
			}
			row = &pm->rows[pm->n];
			memset(row, 0, sizeof *row);
			row->entry = i;
			row->action_tok = t;
			row->policy = row->stmt = -1;
			if ((rc = sv_json_str(cr->doc, t, keep, &row->action)) != SV_OK) {
				sv_err_set(err, rc, 0, "action names do not fit SV_MAX_STRING_ARENA=%d", SV_MAX_STRING_ARENA);
				return rc;
			}
			if (en->deny)
				row->verdict = SV_PERM_NOT_CHECKED;
			else if ((rc = check_row(pm, row, cr, en, pols, npols, scratch, err)) != SV_OK)
				return rc;
			pm->count[row->verdict]++;
			pm->n++;
		}
	}
	return SV_OK;
}

/* see sv_perms.h */
int sv_perms_ok(const sv_perms *pm)
{
	return pm->count[SV_PERM_ALLOWED] + pm->count[SV_PERM_NOT_CHECKED] == pm->n;
}

/* ---- trust ------------------------------------------------------------- */

static const char *const trust_names[] = { "admitted", "admitted if", "may be denied", "denied",
	                                   "not admitted" };

const char *sv_trust_verdict_name(sv_trust_verdict v)
{
	return (unsigned)v < sizeof trust_names / sizeof trust_names[0] ? trust_names[v] : "?";
}

#define MAX_PROVIDERS 4

/* The Federated principals of the trust policy that are IAM OIDC providers, distinct. */
static size_t providers(const sv_policy *pol, sv_arena *keep, sv_sv *out, int *rc)
{
	const sv_json *d = pol->doc;
	size_t i, n = 0, k;
	for (i = 0; i < pol->nstmt; i++) {
		int pr = sv_json_get(d, pol->stmt[i], SV_LIT("Principal")), f, e, m, cnt;
		if (pr < 0 || sv_json_type(d, pr) != JSMN_OBJECT)
			continue;
		f = sv_json_get(d, pr, SV_LIT("Federated"));
		if (f < 0)
			continue;
		cnt = sv_json_type(d, f) == JSMN_ARRAY ? sv_json_count(d, f) : 1;
		for (m = 0, e = sv_json_type(d, f) == JSMN_ARRAY ? f + 1 : f; m < cnt; m++, e = sv_json_next(d, e)) {
			sv_sv v;
			int dup = 0;
			if ((*rc = sv_json_str(d, e, keep, &v)) != SV_OK)
				return n;
			if (sv_find(v, '/', 0) == (size_t)-1 || !sv_has_prefix(v, SV_LIT("arn:")) ||
			    sv_find(v, ':', 0) == (size_t)-1)
				continue;
			{
				/* arn:<partition>:iam::<account>:oidc-provider/<url> */
				sv_sv tail;
				size_t c = 0, j;
				for (j = 0; j < v.n && c < 5; j++)
					if (v.p[j] == ':')
						c++;
				tail = sv_slice(v, j, v.n);
				if (c < 5 || !sv_has_prefix(tail, SV_LIT("oidc-provider/")))
					continue;
			}
			for (k = 0; k < n; k++)
				dup |= sv_eq(out[k], v);
			if (!dup && n < MAX_PROVIDERS)
				out[n++] = v;
		}
	}
	return n;
}

/* Lower is better when several providers give different answers. */
static int rank(sv_trust_verdict v)
{
	switch (v) {
	case SV_TRUST_ADMITTED: return 0;
	case SV_TRUST_ADMITTED_IF: return 1;
	case SV_TRUST_MAYBE_DENIED: return 2;
	case SV_TRUST_DENIED: return 3;
	case SV_TRUST_NOT_ADMITTED: return 4;
	default: return 5;
	}
}

static int cat(sv_arena *a, sv_sv *out, sv_sv x, sv_sv y, sv_sv z, sv_sv w)
{
	size_t n = x.n + y.n + z.n + w.n;
	char *p;
	if (n > a->cap - a->used)
		return SV_E_LIMIT;
	p = a->buf + a->used;
	if (x.n)
		memcpy(p, x.p, x.n);
	if (y.n)
		memcpy(p + x.n, y.p, y.n);
	if (z.n)
		memcpy(p + x.n + y.n, z.p, z.n);
	if (w.n)
		memcpy(p + x.n + y.n + z.n, w.p, w.n);
	a->used += n;
	out->p = p;
	out->n = n;
	return SV_OK;
}

/* see sv_perms.h */
int sv_perms_trust(sv_trust *t, const sv_credreq *cr, const sv_policy *trust, sv_arena *keep,
                   sv_arena *scratch, sv_err *err)
{
	sv_sv prov[MAX_PROVIDERS], keyname[MAX_PROVIDERS];
	size_t np, i, k;
	int rc = SV_OK, e;

	t->n = 0;
	if (!cr->secret_ns.p || cr->secret_ns.n == 0) {
		sv_err_set(err, SV_E_PARAM, 0, "the request has no spec.secretRef.namespace, so no service account sub can be built");
		return SV_E_PARAM;
	}
	np = providers(trust, keep, prov, &rc);
	if (rc != SV_OK)
		goto arena;
	t->nproviders = np;
	for (k = 0; k < np; k++) {
		size_t slash = sv_find(prov[k], '/', 0);
		if ((rc = cat(keep, &keyname[k], sv_slice(prov[k], slash + 1, prov[k].n), SV_LIT(":sub"), SV_NULL,
		              SV_NULL)) != SV_OK)
			goto arena;
	}
	for (i = 0, e = cr->sas + 1; i < cr->nsas; i++, e = sv_json_next(cr->doc, e)) {
		sv_trust_row *row;
		if (t->n == SV_MAX_TRUST_ROWS) {
			sv_err_set(err, SV_E_LIMIT, 0, "more than SV_MAX_TRUST_ROWS=%d service accounts", SV_MAX_TRUST_ROWS);
			return SV_E_LIMIT;
		}
		row = &t->rows[t->n++];
		memset(row, 0, sizeof *row);
		row->verdict = SV_TRUST_NOT_ADMITTED;
		row->stmt = -1;
		if ((rc = sv_json_str(cr->doc, e, keep, &row->sa)) != SV_OK ||
		    (rc = cat(keep, &row->sub, SV_LIT("system:serviceaccount:"), cr->secret_ns, SV_LIT(":"), row->sa)) != SV_OK)
			goto arena;
		for (k = 0; k < np; k++) {
			sv_pol_ctx ctx;
			sv_pol_result *r = &t->r;
			sv_trust_verdict v;
			int stmt;
			memset(&ctx, 0, sizeof ctx);
			ctx.action = SV_LIT("sts:AssumeRoleWithWebIdentity");
			ctx.principal_type = SV_LIT("Federated");
			ctx.principal = prov[k];
			t->key.name = keyname[k];
			t->key.vals = &row->sub;
			t->key.n = 1;
			t->key.multi = 0;
			ctx.keys = &t->key;
			ctx.nkeys = 1;
			ctx.open = 1;
			if ((rc = sv_policy_eval(trust, &ctx, scratch, r)) != SV_OK)
				goto arena;
			if (r->decision == SV_POL_EXPLICIT_DENY) {
				v = SV_TRUST_DENIED;
				stmt = r->deny;
			} else if (r->decision == SV_POL_ALLOW) {
				v = SV_TRUST_ADMITTED;
				stmt = r->allow;
			} else if (r->decision == SV_POL_UNDECIDED && r->maybe_deny >= 0) {
				v = SV_TRUST_MAYBE_DENIED;
				stmt = r->maybe_deny;
			} else if (r->decision == SV_POL_UNDECIDED && r->maybe_allow >= 0) {
				v = SV_TRUST_ADMITTED_IF;
				stmt = r->maybe_allow;
			} else {
				v = SV_TRUST_NOT_ADMITTED;
				stmt = r->closest;
			}
			if (k == 0 || rank(v) < rank(row->verdict)) {
				row->verdict = v;
				row->stmt = stmt;
				row->provider = prov[k];
				row->nnotes = 0;
				if (stmt >= 0 && v == SV_TRUST_NOT_ADMITTED)
					copy_false_notes(&r->st[stmt], row->notes, &row->nnotes);
				else if (stmt >= 0 && v != SV_TRUST_ADMITTED && v != SV_TRUST_DENIED)
					copy_notes(&r->st[stmt], row->notes, &row->nnotes);
			}
		}
	}
	return SV_OK;
arena:
	sv_err_set(err, rc, 0, "trust policy strings do not fit SV_MAX_STRING_ARENA=%d", SV_MAX_STRING_ARENA);
	return rc;
}

/* see sv_perms.h */
int sv_trust_ok(const sv_trust *t)
{
	size_t i;
	for (i = 0; i < t->n; i++)
		if (t->rows[i].verdict != SV_TRUST_ADMITTED && t->rows[i].verdict != SV_TRUST_ADMITTED_IF)
			return 0;
	return 1;
}

/* see sv_perms.h */
int sv_perms_ccoctl_role_name(sv_sv role, sv_sv ns, sv_sv name, sv_sv *infra)
{
	size_t i, want = ns.n + 1 + name.n;
	for (i = 1; i + 1 < role.n; i++) {
		sv_sv tail = sv_slice(role, i + 1, role.n);
		size_t k;
		int same = 1;
		if (role.p[i] != '-')
			continue;
		/* the tail is <ns>-<name>, or its first characters when ccoctl cut the name at 64 */
		if (tail.n > want || (tail.n < want && role.n != 64))
			continue;
		for (k = 0; k < tail.n && same; k++) {
			char c = k < ns.n ? ns.p[k] : k == ns.n ? '-' : name.p[k - ns.n - 1];
			same = tail.p[k] == c;
		}
		if (same) {
			*infra = sv_slice(role, 0, i);
			return 1;
		}
	}
	return 0;
}
