/*
 * sv_policy.c -- IAM policy shape and statement/condition evaluation.
 *
 * Works on jsmn tokens of a document the caller parsed; copies nothing
 * but escaped strings, which are decoded into the caller's arena for the
 * length of one comparison.
 */
#include "sv_internal.h"
#include "stsverify/sv_policy.h"

/* ---- small JSON helpers ------------------------------------------------ */

/* Calls back on each element of an array, or once on a scalar. */
#define FOR_EACH_VALUE(d, t, e, k, n)                                                      \
	for ((n) = sv_json_type((d), (t)) == JSMN_ARRAY ? sv_json_count((d), (t)) : 1,        \
	    (e) = sv_json_type((d), (t)) == JSMN_ARRAY ? (t) + 1 : (t), (k) = 0;               \
	     (k) < (n); (k)++, (e) = sv_json_next((d), (e)))

/* Where a token begins in the text: a string at its opening quote. */
static int tok_start(const sv_json *d, int i)
{
	return d->tok[i].start - (d->tok[i].type == JSMN_STRING ? 1 : 0);
}

static int bad(sv_err *err, const sv_json *d, int i, const char *what)
{
	sv_err_set(err, SV_E_FORMAT, (size_t)tok_start(d, i), "offset %d: %s", tok_start(d, i), what);
	return SV_E_FORMAT;
}

/* A string or primitive's text (strings decoded into a); null -> SV_NULL. */
static int scalar(const sv_json *d, int i, sv_arena *a, sv_sv *out)
{
	int t = sv_json_type(d, i);
	if (t == JSMN_STRING)
		return sv_json_str(d, i, a, out);
	if (t == JSMN_PRIMITIVE) {
		*out = sv_json_raw(d, i);
		if (sv_eq(*out, SV_LIT("null")))
			*out = SV_NULL;
		return SV_OK;
	}
	return SV_E_FORMAT;
}

static int is_name(const sv_json *d, int key, const char *name)
{
	return sv_json_str_eq(d, key, sv_from_cstr(name));
}

/* ---- shape ------------------------------------------------------------- */

/* A string, or a non-empty array of strings. */
static int string_or_list(const sv_json *d, int v, const char *elem, sv_err *err)
{
	int e, k, n;
	char what[96];
	sv_buf b;
	sv_buf_init(&b, what, sizeof what);
	if (sv_json_type(d, v) == JSMN_STRING)
		return SV_OK;
	if (sv_json_type(d, v) != JSMN_ARRAY || sv_json_count(d, v) == 0) {
		sv_buf_fmt(&b, "%s must be a string or a non-empty list of strings", elem);
		return bad(err, d, v, what);
	}
	FOR_EACH_VALUE(d, v, e, k, n) {
		if (sv_json_type(d, e) != JSMN_STRING) {
			sv_buf_fmt(&b, "%s list entries must be strings", elem);
			return bad(err, d, e, what);
		}
	}
	return SV_OK;
}

static int check_principal(const sv_json *d, int v, const char *elem, sv_err *err)
{
	int j, k, n;
	char what[96];
	sv_buf b;
	sv_buf_init(&b, what, sizeof what);
	if (sv_json_type(d, v) == JSMN_STRING) {
		if (sv_json_str_eq(d, v, SV_LIT("*")))
			return SV_OK;
		sv_buf_fmt(&b, "%s must be \"*\" or an object like {\"Federated\": \"arn:...\"}", elem);
		return bad(err, d, v, what);
	}
	if (sv_json_type(d, v) != JSMN_OBJECT || sv_json_count(d, v) == 0) {
		sv_buf_fmt(&b, "%s must be \"*\" or an object like {\"Federated\": \"arn:...\"}", elem);
		return bad(err, d, v, what);
	}
	n = sv_json_count(d, v);
	for (k = 0, j = v + 1; k < n; k++, j = sv_json_next(d, j + 1)) {
		if (!is_name(d, j, "AWS") && !is_name(d, j, "Federated") && !is_name(d, j, "Service") &&
		    !is_name(d, j, "CanonicalUser")) {
			sv_buf_fmt(&b, "%s type must be AWS, Federated, Service or CanonicalUser", elem);
			return bad(err, d, j, what);
		}
		if (string_or_list(d, j + 1, elem, err) != SV_OK)
			return SV_E_FORMAT;
	}
	return SV_OK;
}

static int check_condition(const sv_json *d, int v, sv_err *err)
{
	int o, ok, k, kk, nops, nkeys, e, m, nv;
	if (sv_json_type(d, v) != JSMN_OBJECT)
		return bad(err, d, v, "Condition must be an object of {operator: {key: value}}");
	nops = sv_json_count(d, v);
	for (ok = 0, o = v + 1; ok < nops; ok++, o = sv_json_next(d, o + 1)) {
		if (sv_json_type(d, o + 1) != JSMN_OBJECT || sv_json_count(d, o + 1) == 0)
			return bad(err, d, o + 1, "a condition operator's value must be a non-empty object of {key: value}");
		nkeys = sv_json_count(d, o + 1);
		for (kk = 0, k = o + 2; kk < nkeys; kk++, k = sv_json_next(d, k + 1)) {
			int vt = sv_json_type(d, k + 1);
			if (vt == JSMN_OBJECT)
				return bad(err, d, k + 1, "a condition value must be a string, number, boolean or a list of them");
			if (vt == JSMN_ARRAY) {
				if (sv_json_count(d, k + 1) == 0)
					return bad(err, d, k + 1, "a condition value list must not be empty");
				FOR_EACH_VALUE(d, k + 1, e, m, nv) {
					int et = sv_json_type(d, e);
					if (et != JSMN_STRING && et != JSMN_PRIMITIVE)
						return bad(err, d, e, "a condition value list holds strings, numbers or booleans");
				}
			}
		}
	}
	return SV_OK;
}

static int check_statement(const sv_json *d, int s, sv_err *err)
{
	int j, k, n, has_effect = 0, has_action = 0, has_principal = 0, has_resource = 0;

	if (sv_json_type(d, s) != JSMN_OBJECT)
		return bad(err, d, s, "a statement must be a JSON object");
	n = sv_json_count(d, s);
	for (k = 0, j = s + 1; k < n; k++, j = sv_json_next(d, j + 1)) {
		int v = j + 1;
		if (is_name(d, j, "Sid")) {
			if (sv_json_type(d, v) != JSMN_STRING)
				return bad(err, d, v, "Sid must be a string");
		} else if (is_name(d, j, "Effect")) {
			if (!sv_json_str_eq(d, v, SV_LIT("Allow")) && !sv_json_str_eq(d, v, SV_LIT("Deny")))
				return bad(err, d, v, "Effect must be \"Allow\" or \"Deny\"");
			has_effect = 1;
		} else if (is_name(d, j, "Action") || is_name(d, j, "NotAction")) {
			if (has_action)
				return bad(err, d, j, "a statement has Action or NotAction, not both");
			if (string_or_list(d, v, is_name(d, j, "Action") ? "Action" : "NotAction", err) != SV_OK)
				return SV_E_FORMAT;
			has_action = 1;
		} else if (is_name(d, j, "Principal") || is_name(d, j, "NotPrincipal")) {
			if (has_principal)
				return bad(err, d, j, "a statement has Principal or NotPrincipal, not both");
			if (check_principal(d, v, is_name(d, j, "Principal") ? "Principal" : "NotPrincipal", err) != SV_OK)
				return SV_E_FORMAT;
			has_principal = 1;
		} else if (is_name(d, j, "Resource") || is_name(d, j, "NotResource")) {
			if (has_resource)
				return bad(err, d, j, "a statement has Resource or NotResource, not both");
			if (string_or_list(d, v, is_name(d, j, "Resource") ? "Resource" : "NotResource", err) != SV_OK)
				return SV_E_FORMAT;
			has_resource = 1;
		} else if (is_name(d, j, "Condition")) {
			if (check_condition(d, v, err) != SV_OK)
				return SV_E_FORMAT;
		} else {
			return bad(err, d, j, "unknown statement element (expected Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource or Condition)");
		}
	}
	if (!has_effect)
		return bad(err, d, s, "the statement has no Effect");
	if (!has_action)
		return bad(err, d, s, "the statement has no Action or NotAction");
	return SV_OK;
}

int sv_policy_parse(sv_policy *p, const sv_json *d, int root, sv_err *err)
{
	int j, k, n, st = -1, e, m, ns;

	memset(p, 0, sizeof *p);
	p->doc = d;
	p->root = root;
	p->version = SV_LIT("");
	if (sv_json_type(d, root) != JSMN_OBJECT)
		return bad(err, d, root, "a policy document must be a JSON object with \"Statement\"");
	n = sv_json_count(d, root);
	for (k = 0, j = root + 1; k < n; k++, j = sv_json_next(d, j + 1)) {
		if (is_name(d, j, "Version")) {
			if (sv_json_type(d, j + 1) != JSMN_STRING)
				return bad(err, d, j + 1, "Version must be a string such as \"2012-10-17\"");
			p->version = sv_json_raw(d, j + 1);
		} else if (is_name(d, j, "Statement")) {
			st = j + 1;
		} else if (!is_name(d, j, "Id")) {
			return bad(err, d, j, "unknown policy element (expected Version, Id or Statement)");
		}
	}
	if (st < 0)
		return bad(err, d, root, "the policy has no \"Statement\"");
	if (sv_json_type(d, st) == JSMN_OBJECT) {
		if (check_statement(d, st, err) != SV_OK)
			return SV_E_FORMAT;
		p->stmt[p->nstmt++] = st;
		return SV_OK;
	}
	if (sv_json_type(d, st) != JSMN_ARRAY || sv_json_count(d, st) == 0)
		return bad(err, d, st, "Statement must be an object or a non-empty list of objects");
	FOR_EACH_VALUE(d, st, e, m, ns) {
		if (p->nstmt == SV_MAX_STATEMENTS) {
			sv_err_set(err, SV_E_LIMIT, (size_t)tok_start(d, e),
			           "offset %d: more than SV_MAX_STATEMENTS=%d statements", tok_start(d, e),
			           SV_MAX_STATEMENTS);
			return SV_E_LIMIT;
		}
		if (check_statement(d, e, err) != SV_OK)
			return SV_E_FORMAT;
		p->stmt[p->nstmt++] = e;
	}
	return SV_OK;
}

/* ---- evaluation -------------------------------------------------------- */

const sv_pol_key *sv_pol_find_key(const sv_pol_ctx *c, sv_sv name)
{
	size_t i;
	for (i = 0; i < c->nkeys; i++)
		if (sv_eq_nocase(c->keys[i].name, name))
			return &c->keys[i];
	return NULL;
}

void sv_pol_op_split(sv_sv op, int *set, sv_sv *base, int *ifexists)
{
	*set = 0;
	if (sv_has_prefix(op, SV_LIT("ForAnyValue:"))) {
		*set = 1;
		op = sv_slice(op, 12, op.n);
	} else if (sv_has_prefix(op, SV_LIT("ForAllValues:"))) {
		*set = 2;
		op = sv_slice(op, 13, op.n);
	}
	*ifexists = 0;
	if (sv_has_suffix(op, SV_LIT("IfExists")) && op.n > 8) {
		*ifexists = 1;
		op = sv_slice(op, 0, op.n - 8);
	}
	*base = op;
}

enum { K_EQ, K_EQ_NOCASE, K_LIKE, K_BOOL, K_NULL, K_UNSUPPORTED };

static const struct {
	const char *name;
	int kind, neg;
} ops[] = {
	{ "StringEquals", K_EQ, 0 },
	{ "StringNotEquals", K_EQ, 1 },
	{ "StringEqualsIgnoreCase", K_EQ_NOCASE, 0 },
	{ "StringNotEqualsIgnoreCase", K_EQ_NOCASE, 1 },
	{ "StringLike", K_LIKE, 0 },
	{ "StringNotLike", K_LIKE, 1 },
	/* ArnEquals and ArnLike both take wildcards (IAM user guide) */
	{ "ArnEquals", K_LIKE, 0 },
	{ "ArnLike", K_LIKE, 0 },
	{ "ArnNotEquals", K_LIKE, 1 },
	{ "ArnNotLike", K_LIKE, 1 },
	{ "Bool", K_BOOL, 0 },
	{ "Null", K_NULL, 0 },
};

static int has_wildcard(sv_sv s)
{
	return sv_find(s, '*', 0) != (size_t)-1 || sv_find(s, '?', 0) != (size_t)-1;
}

static int match(int kind, sv_sv pv, sv_sv rv)
{
	switch (kind) {
	case K_EQ: return sv_eq(pv, rv);
	case K_EQ_NOCASE: return sv_eq_nocase(pv, rv);
	case K_LIKE: return sv_like(pv, rv, 0);
	case K_BOOL: return sv_eq_nocase(pv, rv);
	default: return 0;
	}
}

/* 1 when some policy value of vt matches rv; *hit gets that value's token. */
static int any_value(const sv_json *d, int vt, int kind, sv_sv rv, sv_arena *a, int *hit, int *rc)
{
	int e, k, n;
	FOR_EACH_VALUE(d, vt, e, k, n) {
		size_t mark = a->used;
		sv_sv pv;
		int m;
		if ((*rc = scalar(d, e, a, &pv)) != SV_OK)
			return 0;
		m = pv.p && match(kind, pv, rv);
		a->used = mark;
		if (m) {
			if (hit)
				*hit = e;
			return 1;
		}
	}
	return 0;
}

/* Finds the policy value that explains a miss on rv: wildcard under an exact operator, or case. */
static void explain_miss(const sv_json *d, int vt, int kind, sv_sv rv, sv_arena *a, sv_pol_cond *c)
{
	int e, k, n;
	c->why = SV_WHY_NO_MATCH;
	c->actual = rv;
	c->near_tok = sv_json_type(d, vt) == JSMN_ARRAY ? vt + 1 : vt;
	FOR_EACH_VALUE(d, vt, e, k, n) {
		size_t mark = a->used;
		sv_sv pv;
		if (scalar(d, e, a, &pv) != SV_OK || !pv.p) {
			a->used = mark;
			continue;
		}
		if ((kind == K_EQ || kind == K_EQ_NOCASE) && has_wildcard(pv) &&
		    sv_like(pv, rv, kind == K_EQ_NOCASE)) {
			c->why = SV_WHY_WILDCARD_EXACT;
			c->near_tok = e;
			a->used = mark;
			return;
		}
		if ((kind == K_EQ || kind == K_LIKE) && sv_like(pv, rv, 1) && c->why == SV_WHY_NO_MATCH) {
			c->why = SV_WHY_CASE;
			c->near_tok = e;
		}
		a->used = mark;
	}
}

static int eval_null(const sv_json *d, int vt, int present, sv_arena *a, sv_pol_cond *c)
{
	int e, k, n;
	FOR_EACH_VALUE(d, vt, e, k, n) {
		size_t mark = a->used;
		sv_sv pv;
		int want_absent;
		if (scalar(d, e, a, &pv) != SV_OK || !pv.p)
			pv = SV_LIT("");
		if (sv_eq_nocase(pv, SV_LIT("true")))
			want_absent = 1;
		else if (sv_eq_nocase(pv, SV_LIT("false")))
			want_absent = 0;
		else {
			a->used = mark;
			c->why = SV_WHY_BAD_VALUE;
			c->near_tok = e;
			return SV_TRI_UNKNOWN;
		}
		a->used = mark;
		if (want_absent == !present)
			return SV_TRI_TRUE;
	}
	c->why = SV_WHY_NULL;
	c->near_tok = sv_json_type(d, vt) == JSMN_ARRAY ? vt + 1 : vt;
	return SV_TRI_FALSE;
}

/* Is every value that inner admits also admitted by outer, under kind? */
static int fits(int kind, sv_sv outer, sv_sv inner)
{
	switch (kind) {
	case K_EQ: return sv_eq(outer, inner);
	case K_EQ_NOCASE:
	case K_BOOL:
	case K_NULL: return sv_eq_nocase(outer, inner);
	case K_LIKE: return sv_pol_covers(outer, inner, 0) == 1;
	default: return sv_eq(outer, inner);
	}
}

/* 1 when every value of token xt (in dx) is within some value of yt (in dy). */
static int values_within(const sv_json *dx, int xt, const sv_json *dy, int yt, int kind, sv_arena *a,
                         int *rc)
{
	int e, k, n, f, m, nf;
	FOR_EACH_VALUE(dx, xt, e, k, n) {
		size_t mark = a->used;
		sv_sv xv;
		int found = 0;
		if ((*rc = scalar(dx, e, a, &xv)) != SV_OK || !xv.p) {
			a->used = mark;
			return 0;
		}
		FOR_EACH_VALUE(dy, yt, f, m, nf) {
			size_t mark2 = a->used;
			sv_sv yv;
			if ((*rc = scalar(dy, f, a, &yv)) != SV_OK) {
				a->used = mark;
				return 0;
			}
			found = yv.p && fits(kind, yv, xv);
			a->used = mark2;
			if (found)
				break;
		}
		a->used = mark;
		if (!found)
			return 0;
	}
	return 1;
}

/* Is the policy condition (op, key_tok) implied by the request's assumed Condition block? */
static int implied(const sv_json *d, sv_sv op, sv_sv kname, int key_tok, int kind, int neg,
                   const sv_pol_ctx *ctx, sv_arena *a, int *rc)
{
	const sv_json *q = ctx->assume_doc;
	int o, ok, nops, kk, kj, nkeys;
	if (!q || sv_json_type(q, ctx->assume) != JSMN_OBJECT)
		return 0;
	nops = sv_json_count(q, ctx->assume);
	for (ok = 0, o = ctx->assume + 1; ok < nops; ok++, o = sv_json_next(q, o + 1)) {
		if (!sv_json_str_eq(q, o, op) || sv_json_type(q, o + 1) != JSMN_OBJECT)
			continue;
		nkeys = sv_json_count(q, o + 1);
		for (kk = 0, kj = o + 2; kk < nkeys; kk++, kj = sv_json_next(q, kj + 1)) {
			size_t mark = a->used;
			sv_sv qk;
			int same;
			if ((*rc = sv_json_str(q, kj, a, &qk)) != SV_OK)
				return 0;
			same = sv_eq_nocase(qk, kname);
			a->used = mark;
			if (!same)
				continue;
			/* positive: the request's values are among the policy's; negated: the other way */
			if (kind == K_UNSUPPORTED)   /* text only: the same values both ways */
				return values_within(q, kj + 1, d, key_tok + 1, kind, a, rc) &&
				       values_within(d, key_tok + 1, q, kj + 1, kind, a, rc);
			if (!neg)
				return values_within(q, kj + 1, d, key_tok + 1, kind, a, rc);
			return values_within(d, key_tok + 1, q, kj + 1, kind, a, rc);
		}
	}
	return 0;
}

static int eval_cond(const sv_json *d, int op_tok, int key_tok, const sv_pol_ctx *ctx, sv_arena *a,
                     sv_pol_cond *c, int *rc)
{
	int vt = key_tok + 1, set, ifx, kind = K_UNSUPPORTED, neg = 0, present;
	size_t i, mark = a->used, nmatch = 0;
	sv_sv op, base, kname;
	const sv_pol_key *k;
	int first_hit = -1, first_miss = -1, hit;

	memset(c, 0, sizeof *c);
	c->op_tok = op_tok;
	c->key_tok = key_tok;
	c->val_tok = vt;
	c->near_tok = -1;
	if ((*rc = sv_json_str(d, op_tok, a, &op)) != SV_OK)
		return SV_TRI_UNKNOWN;
	sv_pol_op_split(op, &set, &base, &ifx);
	for (i = 0; i < sizeof ops / sizeof ops[0]; i++) {
		if (sv_eq(base, sv_from_cstr(ops[i].name))) {
			kind = ops[i].kind;
			neg = ops[i].neg;
		}
	}
	if ((*rc = sv_json_str(d, key_tok, a, &kname)) != SV_OK)
		return SV_TRI_UNKNOWN;
	k = sv_pol_find_key(ctx, kname);
	if (implied(d, op, kname, key_tok, kind, neg, ctx, a, rc)) {
		a->used = mark;
		return c->result = SV_TRI_TRUE;
	}
	a->used = mark;
	if (*rc != SV_OK)
		return c->result = SV_TRI_UNKNOWN;
	c->key = k;
	present = k && k->n > 0;
	if (!k && ctx->open) {
		c->why = SV_WHY_KEY_UNKNOWN;
		return c->result = SV_TRI_UNKNOWN;
	}

	if (kind == K_NULL)
		return c->result = eval_null(d, vt, present, a, c);
	if (kind == K_UNSUPPORTED) {
		c->why = SV_WHY_UNSUPPORTED;
		return c->result = SV_TRI_UNKNOWN;
	}
	if (!present) {
		if (set == 2 || ifx || (neg && set != 1))
			return c->result = SV_TRI_TRUE;
		c->why = SV_WHY_KEY_ABSENT;
		return c->result = SV_TRI_FALSE;
	}
	for (i = 0; i < k->n; i++) {
		hit = -1;
		if (any_value(d, vt, kind, k->vals[i], a, &hit, rc)) {
			nmatch++;
			if (first_hit < 0) {
				first_hit = (int)i;
				c->near_tok = hit;
			}
		} else if (first_miss < 0) {
			first_miss = (int)i;
		}
		if (*rc != SV_OK)
			return c->result = SV_TRI_UNKNOWN;
	}
	/* set == 0 on a multivalued key behaves as ForAnyValue for positive operators */
	if (!neg) {
		int ok = set == 2 ? nmatch == k->n : nmatch > 0;
		if (ok)
			return c->result = SV_TRI_TRUE;
		explain_miss(d, vt, kind, k->vals[set == 2 ? first_miss : 0], a, c);
		if (set == 2 && nmatch > 0)
			c->why = SV_WHY_FORALL;
		return c->result = SV_TRI_FALSE;
	}
	{
		int ok = set == 1 ? nmatch < k->n : nmatch == 0;
		if (ok)
			return c->result = SV_TRI_TRUE;
		c->why = SV_WHY_NEGATED_MATCH;
		c->actual = k->vals[first_hit];
		return c->result = SV_TRI_FALSE;
	}
}

static int in_list(const sv_json *d, int vt, sv_sv val, int like, int nocase, sv_arena *a, int *rc)
{
	int e, k, n;
	FOR_EACH_VALUE(d, vt, e, k, n) {
		size_t mark = a->used;
		sv_sv pv;
		int m;
		if ((*rc = scalar(d, e, a, &pv)) != SV_OK)
			return 0;
		m = pv.p && (like ? sv_like(pv, val, nocase) : sv_eq(pv, val));
		a->used = mark;
		if (m)
			return 1;
	}
	return 0;
}

/*
 * patterns mode: how a statement's Action or Resource list (not: NotAction,
 * NotResource) relates to the requested pattern. *all: it applies to all
 * of it; *some: to some of it. A union of several list entries is not
 * combined: two entries that cover a request only together count as some.
 */
static void relate_list(const sv_json *d, int vt, sv_sv req, unsigned flags, int not, sv_arena *a,
                        int *all, int *some, int *rc)
{
	int e, k, n, any_cover = 0, any_overlap = 0;
	FOR_EACH_VALUE(d, vt, e, k, n) {
		size_t mark = a->used;
		sv_sv pv;
		int c, o;
		if ((*rc = scalar(d, e, a, &pv)) != SV_OK)
			return;
		c = pv.p ? sv_pol_covers(pv, req, flags) : 0;
		o = pv.p ? sv_pol_overlaps(pv, req, flags) : 0;
		a->used = mark;
		if (c < 0 || o < 0) {
			*rc = c < 0 ? c : o;
			return;
		}
		any_cover |= c;
		any_overlap |= o;
	}
	if (!not) {
		*all = any_cover;
		*some = any_overlap;
	} else {
		/* NotAction [iam:*]: applies to all of req when no entry touches it */
		*all = !any_overlap;
		*some = !any_cover;
	}
}

static int principal_in(const sv_json *d, int v, const sv_pol_ctx *c, sv_arena *a, int *rc)
{
	int j, k, n;
	if (sv_json_type(d, v) == JSMN_STRING)
		return sv_json_str_eq(d, v, SV_LIT("*"));
	n = sv_json_count(d, v);
	for (k = 0, j = v + 1; k < n; k++, j = sv_json_next(d, j + 1)) {
		if (!sv_json_str_eq(d, j, c->principal_type))
			continue;
		if (in_list(d, j + 1, c->principal, 0, 0, a, rc) || in_list(d, j + 1, SV_LIT("*"), 0, 0, a, rc))
			return 1;
	}
	return 0;
}

static void eval_stmt(const sv_json *d, int s, const sv_pol_ctx *c, sv_arena *a, sv_pol_stmt *st, int *rc)
{
	int j, k, n, has_principal = 0, has_resource = 0;

	memset(st, 0, sizeof *st);
	st->obj = s;
	st->principal = st->resource = st->resource_some = 1;
	st->cond = SV_TRI_TRUE;
	n = sv_json_count(d, s);
	for (k = 0, j = s + 1; k < n && *rc == SV_OK; k++, j = sv_json_next(d, j + 1)) {
		int v = j + 1;
		if (is_name(d, j, "Effect")) {
			st->deny = sv_json_str_eq(d, v, SV_LIT("Deny"));
		} else if (c->patterns && (is_name(d, j, "Action") || is_name(d, j, "NotAction"))) {
			relate_list(d, v, c->action, SV_PAT_NOCASE, is_name(d, j, "NotAction"), a, &st->action,
			            &st->action_some, rc);
		} else if (is_name(d, j, "Action")) {
			st->action = st->action_some = in_list(d, v, c->action, 1, 1, a, rc);
		} else if (is_name(d, j, "NotAction")) {
			st->action = st->action_some = !in_list(d, v, c->action, 1, 1, a, rc);
		} else if (is_name(d, j, "Principal") || is_name(d, j, "NotPrincipal")) {
			has_principal = 1;
			if (c->principal_type.p) {
				int in = principal_in(d, v, c, a, rc);
				st->principal = is_name(d, j, "Principal") ? in : !in;
			}
		} else if (is_name(d, j, "Resource") || is_name(d, j, "NotResource")) {
			has_resource = 1;
			if (c->resource.p && c->patterns) {
				relate_list(d, v, c->resource, SV_PAT_ARN, is_name(d, j, "NotResource"), a, &st->resource,
				            &st->resource_some, rc);
			} else if (c->resource.p) {
				int in = in_list(d, v, c->resource, 1, 0, a, rc);
				st->resource = st->resource_some = is_name(d, j, "Resource") ? in : !in;
			}
		} else if (is_name(d, j, "Condition")) {
			int o, ok, kk, kj, nops = sv_json_count(d, v), nkeys;
			for (ok = 0, o = v + 1; ok < nops; ok++, o = sv_json_next(d, o + 1)) {
				nkeys = sv_json_count(d, o + 1);
				for (kk = 0, kj = o + 2; kk < nkeys; kk++, kj = sv_json_next(d, kj + 1)) {
					sv_pol_cond cc;
					int r = eval_cond(d, o, kj, c, a, &cc, rc);
					st->nconds++;
					if (r == SV_TRI_TRUE)
						continue;
					st->nfailed++;
					if (st->nfail < SV_MAX_COND_NOTES)
						st->fail[st->nfail++] = cc;
					if (r == SV_TRI_FALSE)
						st->cond = SV_TRI_FALSE;
					else if (st->cond == SV_TRI_TRUE)
						st->cond = SV_TRI_UNKNOWN;
				}
			}
		}
	}
	/* a trust-policy statement without a principal applies to no one */
	if (c->principal_type.p && !has_principal)
		st->principal = 0;
	(void)has_resource;
}

int sv_policy_eval(const sv_policy *p, const sv_pol_ctx *c, sv_arena *a, sv_pol_result *r)
{
	size_t i, mark = a->used;
	int rc = SV_OK, allow_unknown = 0, deny_unknown = 0, best = -1, bscore = -1;
	size_t bfailed = 0;

	r->decision = SV_POL_IMPLICIT_DENY;
	r->allow = r->deny = r->closest = -1;
	r->maybe_allow = r->maybe_deny = r->part = -1;
	r->deny_part = 0;
	r->nst = p->nstmt;
	for (i = 0; i < p->nstmt && rc == SV_OK; i++) {
		sv_pol_stmt *st = &r->st[i];
		int base, some;
		eval_stmt(p->doc, p->stmt[i], c, a, st, &rc);
		/* without patterns, *_some equal action/resource: some == base */
		base = st->principal && st->action && st->resource;
		some = st->principal && st->action_some && st->resource_some;
		if (st->deny) {
			if (some && st->cond == SV_TRI_TRUE && (r->deny < 0 || (r->deny_part && base))) {
				r->deny = (int)i;     /* the first Deny, or the first that covers everything */
				r->deny_part = !base;
			} else if (some && st->cond == SV_TRI_UNKNOWN) {
				deny_unknown = 1;
				if (r->maybe_deny < 0)
					r->maybe_deny = (int)i;
			}
		} else {
			int score = st->principal * 4 + st->action * 2 + st->resource;
			if (base && st->cond == SV_TRI_TRUE && r->allow < 0)
				r->allow = (int)i;
			else if (base && st->cond == SV_TRI_UNKNOWN) {
				allow_unknown = 1;
				if (r->maybe_allow < 0)
					r->maybe_allow = (int)i;
			} else if (some && !base && st->cond != SV_TRI_FALSE && r->part < 0)
				r->part = (int)i;
			if (score > bscore || (score == bscore && st->nfailed < bfailed)) {
				best = (int)i;
				bscore = score;
				bfailed = st->nfailed;
			}
		}
	}
	a->used = mark;
	if (rc != SV_OK)
		return rc;
	if (r->deny >= 0)
		r->decision = SV_POL_EXPLICIT_DENY;
	else if (r->allow >= 0)
		r->decision = deny_unknown ? SV_POL_UNDECIDED : SV_POL_ALLOW;
	else
		r->decision = allow_unknown ? SV_POL_UNDECIDED : SV_POL_IMPLICIT_DENY;
	if (r->decision != SV_POL_ALLOW)
		r->closest = best;
	return SV_OK;
}

/* ---- pattern against pattern ------------------------------------------- */

enum { SYM_LIT = 0, SYM_ONE, SYM_STAR };

typedef struct sym {
	int         kind;
	const char *p;
	size_t      n;     /* bytes: one UTF-8 character */
} sym;

/* The symbol at s.p[i]; returns the index after it. */
static size_t sym_at(sv_sv s, size_t i, sym *y)
{
	unsigned char c = (unsigned char)s.p[i];
	size_t l = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
	y->p = s.p + i;
	y->kind = c == '*' ? SYM_STAR : c == '?' ? SYM_ONE : SYM_LIT;
	y->n = l <= s.n - i ? l : 1;
	return i + y->n;
}

static size_t sym_count(sv_sv s)
{
	size_t i = 0, n = 0;
	sym y;
	while (i < s.n) {
		i = sym_at(s, i, &y);
		n++;
	}
	return n;
}

static unsigned char fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c;
}

static int lit_eq(const sym *a, const sym *b, int nocase)
{
	if (a->n != b->n)
		return 0;
	if (a->n == 1 && nocase)
		return fold((unsigned char)a->p[0]) == fold((unsigned char)b->p[0]);
	return memcmp(a->p, b->p, a->n) == 0;
}

/*
 * Both are dynamic programs over (symbols of the first) x (symbols of the
 * second), one row at a time: rows are SV_MAX_PATTERN_CHARS + 1 bytes.
 */

static int covers_glob(sv_sv pat, sv_sv req, int nocase)
{
	unsigned char r0[SV_MAX_PATTERN_CHARS + 1], r1[SV_MAX_PATTERN_CHARS + 1];
	unsigned char *prev = r0, *cur = r1, *t;
	size_t nr = sym_count(req), i = 0, j, rj;
	sym ps, rs;

	if (nr > SV_MAX_PATTERN_CHARS || sym_count(pat) > SV_MAX_PATTERN_CHARS)
		return SV_E_LIMIT;
	/* row 0: the empty pattern covers only the empty request */
	prev[0] = 1;
	for (j = 1; j <= nr; j++)
		prev[j] = 0;
	while (i < pat.n) {
		i = sym_at(pat, i, &ps);
		cur[0] = ps.kind == SYM_STAR ? prev[0] : 0;
		for (j = 1, rj = 0; j <= nr; j++) {
			rj = sym_at(req, rj, &rs);
			if (ps.kind == SYM_STAR)        /* '*' takes nothing more, or one more request symbol */
				cur[j] = prev[j] || cur[j - 1];
			else if (ps.kind == SYM_ONE)    /* one character: a literal or '?', never a '*' run */
				cur[j] = prev[j - 1] && rs.kind != SYM_STAR;
			else
				cur[j] = prev[j - 1] && rs.kind == SYM_LIT && lit_eq(&ps, &rs, nocase);
		}
		t = prev;
		prev = cur;
		cur = t;
	}
	return prev[nr];
}

/* Can one character be read by both symbols (neither a '*')? */
static int compatible(const sym *a, const sym *b, int nocase)
{
	return a->kind == SYM_ONE || b->kind == SYM_ONE || lit_eq(a, b, nocase);
}

/*
 * Reachability in the product of the two patterns' automata: state (i, j)
 * has read i symbols of a and j of b. A '*' may be left (no character) or
 * stay while the other side reads one character.
 */
static int overlaps_glob(sv_sv a, sv_sv b, int nocase)
{
	unsigned char r0[SV_MAX_PATTERN_CHARS + 1], r1[SV_MAX_PATTERN_CHARS + 1];
	unsigned char *prev = r0, *cur = r1, *t;
	size_t na = sym_count(a), nb = sym_count(b), i, j, ai = 0, bj;
	sym ap = { SYM_LIT, NULL, 0 }, an = { SYM_LIT, NULL, 0 }, bp = { SYM_LIT, NULL, 0 }, bn = bp;

	if (na > SV_MAX_PATTERN_CHARS || nb > SV_MAX_PATTERN_CHARS)
		return SV_E_LIMIT;
	if (na > 0)
		ai = sym_at(a, 0, &an);
	for (i = 0; i <= na; i++) {
		bj = 0;
		bp.kind = SYM_LIT;
		if (nb > 0)
			bj = sym_at(b, 0, &bn);
		for (j = 0; j <= nb; j++) {
			int v = i == 0 && j == 0;
			if (i > 0) {
				if (ap.kind == SYM_STAR && prev[j])
					v = 1;          /* a leaves its '*' */
				if (ap.kind != SYM_STAR && j < nb && bn.kind == SYM_STAR && prev[j])
					v = 1;          /* a reads a character, b's '*' takes it */
				if (j > 0 && ap.kind != SYM_STAR && bp.kind != SYM_STAR && prev[j - 1] &&
				    compatible(&ap, &bp, nocase))
					v = 1;          /* both read the same character */
			}
			if (j > 0) {
				if (bp.kind == SYM_STAR && cur[j - 1])
					v = 1;          /* b leaves its '*' */
				if (bp.kind != SYM_STAR && i < na && an.kind == SYM_STAR && cur[j - 1])
					v = 1;          /* b reads a character, a's '*' takes it */
			}
			cur[j] = (unsigned char)v;
			if (j < nb) {
				bp = bn;
				if (j + 1 < nb)
					bj = sym_at(b, bj, &bn);
			}
		}
		t = prev;
		prev = cur;
		cur = t;
		if (i < na) {
			ap = an;
			if (i + 1 < na)
				ai = sym_at(a, ai, &an);
		}
	}
	return prev[nb];
}

/*
 * An ARN's six parts: arn:partition:service:region:account:resource (the
 * resource keeps any further ':'). Returns how many parts there are.
 */
static size_t arn_parts(sv_sv s, sv_sv part[6])
{
	size_t n = 0, from = 0, i;
	for (i = 0; i < s.n && n < 5; i++) {
		if (s.p[i] == ':') {
			part[n++] = sv_slice(s, from, i);
			from = i + 1;
		}
	}
	part[n++] = sv_slice(s, from, s.n);
	return n;
}

/*
 * Two ARN patterns compare part by part: a '*' in the region or account
 * stands for that part only, as in a real ARN (the IAM user guide lets a
 * part-final '*' run past ':' in the text, which no real ARN needs; see
 * reference_policies_elements_resource, "Using wildcards in resource ARNs").
 */
static int relate(sv_sv a, sv_sv b, unsigned flags, int covers)
{
	sv_sv pa[6], pb[6];
	int nocase = (flags & SV_PAT_NOCASE) != 0, r;
	size_t k;
	if ((flags & SV_PAT_ARN) && sv_has_prefix(a, SV_LIT("arn:")) && sv_has_prefix(b, SV_LIT("arn:")) &&
	    arn_parts(a, pa) == 6 && arn_parts(b, pb) == 6) {
		if (sym_count(a) > SV_MAX_PATTERN_CHARS || sym_count(b) > SV_MAX_PATTERN_CHARS)
			return SV_E_LIMIT;
		for (k = 1; k < 6; k++) {
			r = covers ? covers_glob(pa[k], pb[k], nocase) : overlaps_glob(pa[k], pb[k], nocase);
			if (r != 1)
				return r;
		}
		return 1;
	}
	return covers ? covers_glob(a, b, nocase) : overlaps_glob(a, b, nocase);
}

/* see sv_policy.h */
int sv_pol_covers(sv_sv pat, sv_sv req, unsigned flags)
{
	return relate(pat, req, flags, 1);
}

/* see sv_policy.h */
int sv_pol_overlaps(sv_sv a, sv_sv b, unsigned flags)
{
	return relate(a, b, flags, 0);
}
