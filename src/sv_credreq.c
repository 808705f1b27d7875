/*
 * sv_credreq.c -- a view of an AWS CredentialsRequest
 * (cloudcredential.openshift.io/v1), from `oc get -o json` or from the
 * YAML that `oc adm release extract --credentials-requests` writes (read
 * into JSON by sv_yaml.c first). Fields the check needs are validated;
 * every other field of the object is passed over.
 */
#include "sv_internal.h"
#include "stsverify/sv_credreq.h"

static int tok_start(const sv_json *d, int i)
{
	return d->tok[i].start - (d->tok[i].type == JSMN_STRING ? 1 : 0);
}

static int bad(sv_err *err, const sv_json *d, int i, const char *fmt, ...)
{
	char what[160];
	sv_buf b;
	va_list ap;
	sv_buf_init(&b, what, sizeof what);
	va_start(ap, fmt);
	sv_buf_vfmt(&b, fmt, ap);
	va_end(ap);
	sv_err_set(err, SV_E_FORMAT, (size_t)tok_start(d, i), "offset %d: %s", tok_start(d, i), what);
	return SV_E_FORMAT;
}

/* Member key of object obj as a decoded string, SV_NULL when absent; -1 type error. */
static int get_str(const sv_json *d, int obj, const char *key, sv_arena *a, sv_sv *out, int *tok)
{
	int v = sv_json_get(d, obj, sv_from_cstr(key));
	*out = SV_NULL;
	if (tok)
		*tok = v;
	if (v < 0)
		return 0;
	if (sv_json_type(d, v) != JSMN_STRING)
		return -1;
	return sv_json_str(d, v, a, out) == SV_OK ? 1 : -2;
}

static int is_kind(const sv_json *d, int obj, const char *kind)
{
	int v = sv_json_get(d, obj, SV_LIT("kind"));
	return v >= 0 && sv_json_str_eq(d, v, sv_from_cstr(kind));
}

static int add_item(const sv_json *d, int obj, sv_arena *a, sv_cr_item *items, size_t cap, size_t *n,
                    sv_err *err)
{
	int md, spec, ps;
	sv_cr_item *it;
	if (*n == cap) {
		sv_err_set(err, SV_E_LIMIT, (size_t)tok_start(d, obj),
		           "offset %d: more than SV_MAX_CR_ITEMS=%z CredentialsRequests", tok_start(d, obj), cap);
		return SV_E_LIMIT;
	}
	it = &items[(*n)++];
	it->obj = obj;
	it->name = it->provider_kind = SV_NULL;
	md = sv_json_get(d, obj, SV_LIT("metadata"));
	if (md >= 0 && sv_json_type(d, md) == JSMN_OBJECT && get_str(d, md, "name", a, &it->name, NULL) < 0)
		return bad(err, d, md, "metadata.name must be a string");
	spec = sv_json_get(d, obj, SV_LIT("spec"));
	ps = spec >= 0 && sv_json_type(d, spec) == JSMN_OBJECT ? sv_json_get(d, spec, SV_LIT("providerSpec")) : -1;
	if (ps >= 0 && sv_json_type(d, ps) == JSMN_OBJECT && get_str(d, ps, "kind", a, &it->provider_kind, NULL) < 0)
		return bad(err, d, ps, "spec.providerSpec.kind must be a string");
	return SV_OK;
}

/* One document or List item: a CredentialsRequest is kept, a List is opened. */
static int scan(const sv_json *d, int v, int top, sv_arena *a, sv_cr_item *items, size_t cap, size_t *n,
                sv_err *err)
{
	int e, k, cnt, it, rc;
	if (sv_json_type(d, v) != JSMN_OBJECT)
		return top ? bad(err, d, v, "expected a CredentialsRequest object or a List of them") : SV_OK;
	if (is_kind(d, v, "CredentialsRequest"))
		return add_item(d, v, a, items, cap, n, err);
	if (is_kind(d, v, "List") || is_kind(d, v, "CredentialsRequestList")) {
		it = sv_json_get(d, v, SV_LIT("items"));
		if (it < 0 || sv_json_type(d, it) != JSMN_ARRAY)
			return bad(err, d, v, "a List without an \"items\" array");
		cnt = sv_json_count(d, it);
		for (k = 0, e = it + 1; k < cnt; k++, e = sv_json_next(d, e)) {
			if (sv_json_type(d, e) != JSMN_OBJECT)
				return bad(err, d, e, "List items must be objects");
			if (!is_kind(d, e, "CredentialsRequest"))
				continue;
			if ((rc = add_item(d, e, a, items, cap, n, err)) != SV_OK)
				return rc;
		}
		return SV_OK;
	}
	return SV_OK;
}

/* see sv_credreq.h */
int sv_credreq_list(const sv_json *d, sv_arena *a, sv_cr_item *items, size_t cap, size_t *n, sv_err *err)
{
	int e, k, cnt, rc;
	*n = 0;
	if (sv_json_type(d, 0) == JSMN_ARRAY) {           /* a YAML stream */
		cnt = sv_json_count(d, 0);
		for (k = 0, e = 1; k < cnt; k++, e = sv_json_next(d, e))
			if ((rc = scan(d, e, 0, a, items, cap, n, err)) != SV_OK)
				return rc;
	} else if ((rc = scan(d, 0, 1, a, items, cap, n, err)) != SV_OK) {
		return rc;
	}
	if (*n == 0) {
		sv_sv kind = SV_NULL;
		if (sv_json_type(d, 0) == JSMN_OBJECT && (is_kind(d, 0, "List") || is_kind(d, 0, "CredentialsRequestList")))
			return bad(err, d, 0, "the List holds no CredentialsRequest");
		if (sv_json_type(d, 0) == JSMN_OBJECT && get_str(d, 0, "kind", a, &kind, NULL) > 0)
			return bad(err, d, 0, "not a CredentialsRequest (kind %q)", kind);
		return bad(err, d, 0, "no CredentialsRequest (kind: CredentialsRequest) in the file");
	}
	return SV_OK;
}

/* policyCondition: {operator: {key: value or [values]}}, as IAM takes it. */
static int check_cond(const sv_json *d, int v, size_t idx, sv_err *err)
{
	int o, ok, nops, k, kk, nk, e, m, ne;
	nops = sv_json_count(d, v);
	for (ok = 0, o = v + 1; ok < nops; ok++, o = sv_json_next(d, o + 1)) {
		if (sv_json_type(d, o + 1) != JSMN_OBJECT || sv_json_count(d, o + 1) == 0)
			return bad(err, d, o + 1, "statementEntries[%z].policyCondition: an operator's value must be a non-empty object of {key: value}", idx);
		nk = sv_json_count(d, o + 1);
		for (kk = 0, k = o + 2; kk < nk; kk++, k = sv_json_next(d, k + 1)) {
			int t = sv_json_type(d, k + 1);
			if (t == JSMN_OBJECT || (t == JSMN_ARRAY && sv_json_count(d, k + 1) == 0))
				return bad(err, d, k + 1, "statementEntries[%z].policyCondition: a value must be a string, number, boolean or a non-empty list of them", idx);
			if (t == JSMN_ARRAY) {
				ne = sv_json_count(d, k + 1);
				for (m = 0, e = k + 2; m < ne; m++, e = sv_json_next(d, e)) {
					int et = sv_json_type(d, e);
					if (et != JSMN_STRING && et != JSMN_PRIMITIVE)
						return bad(err, d, e, "statementEntries[%z].policyCondition: a value list holds strings, numbers or booleans", idx);
				}
			}
		}
	}
	return SV_OK;
}

static int entry(sv_credreq *cr, const sv_json *d, int obj, size_t idx, sv_arena *a, sv_err *err)
{
	sv_cr_entry *en = &cr->e[cr->n];
	sv_sv effect;
	int v, r, e, k, n;

	if (sv_json_type(d, obj) != JSMN_OBJECT)
		return bad(err, d, obj, "statementEntries[%z] must be an object", idx);
	memset(en, 0, sizeof *en);
	en->obj = obj;
	en->cond = -1;
	r = get_str(d, obj, "effect", a, &effect, &v);
	if (r == 0)
		return bad(err, d, obj, "statementEntries[%z] has no effect", idx);
	if (r < 0 || !(sv_eq(effect, SV_LIT("Allow")) || sv_eq(effect, SV_LIT("Deny"))))
		return bad(err, d, v, "statementEntries[%z].effect must be \"Allow\" or \"Deny\"", idx);
	en->deny = sv_eq(effect, SV_LIT("Deny"));
	v = sv_json_get(d, obj, SV_LIT("action"));
	if (v < 0)
		return bad(err, d, obj, "statementEntries[%z] has no action", idx);
	if (sv_json_type(d, v) != JSMN_ARRAY || sv_json_count(d, v) == 0)
		return bad(err, d, v, "statementEntries[%z].action must be a non-empty list of strings", idx);
	n = sv_json_count(d, v);
	for (k = 0, e = v + 1; k < n; k++, e = sv_json_next(d, e)) {
		if (sv_json_type(d, e) != JSMN_STRING)
			return bad(err, d, e, "statementEntries[%z].action must be a non-empty list of strings", idx);
		if (d->tok[e].end == d->tok[e].start)
			return bad(err, d, e, "statementEntries[%z].action[%d] is empty", idx, k);
	}
	en->actions = v;
	en->nactions = (size_t)n;
	r = get_str(d, obj, "resource", a, &en->resource, &v);
	if (r == 0)
		return bad(err, d, obj, "statementEntries[%z] has no resource", idx);
	if (r < 0 || en->resource.n == 0)
		return bad(err, d, v, "statementEntries[%z].resource must be a non-empty string", idx);
	v = sv_json_get(d, obj, SV_LIT("policyCondition"));
	if (v >= 0 && sv_json_type(d, v) != JSMN_PRIMITIVE) {    /* null: none */
		if (sv_json_type(d, v) != JSMN_OBJECT)
			return bad(err, d, v, "statementEntries[%z].policyCondition must be an object of {operator: {key: value}}", idx);
		if (check_cond(d, v, idx, err) != SV_OK)
			return SV_E_FORMAT;
		if (sv_json_count(d, v) > 0)
			en->cond = v;
	}
	cr->n++;
	cr->nactions += en->nactions;
	return SV_OK;
}

/* see sv_credreq.h */
int sv_credreq_parse(sv_credreq *cr, const sv_json *d, int obj, sv_arena *a, sv_err *err)
{
	int md, spec, ps, st, v, e, k, n, rc;
	sv_sv kind;

	memset(cr, 0, sizeof *cr);
	cr->doc = d;
	cr->obj = obj;
	cr->sas = -1;
	md = sv_json_get(d, obj, SV_LIT("metadata"));
	if (md >= 0) {
		if (sv_json_type(d, md) != JSMN_OBJECT)
			return bad(err, d, md, "metadata must be an object");
		if (get_str(d, md, "name", a, &cr->name, &v) < 0)
			return bad(err, d, v, "metadata.name must be a string");
		if (get_str(d, md, "namespace", a, &cr->ns, &v) < 0)
			return bad(err, d, v, "metadata.namespace must be a string");
	}
	spec = sv_json_get(d, obj, SV_LIT("spec"));
	if (spec < 0 || sv_json_type(d, spec) != JSMN_OBJECT)
		return bad(err, d, spec < 0 ? obj : spec, "the CredentialsRequest has no spec object");
	ps = sv_json_get(d, spec, SV_LIT("providerSpec"));
	if (ps < 0 || sv_json_type(d, ps) != JSMN_OBJECT)
		return bad(err, d, ps < 0 ? spec : ps, "spec has no providerSpec object");
	if (get_str(d, ps, "kind", a, &kind, &v) <= 0)
		return bad(err, d, v < 0 ? ps : v, "spec.providerSpec.kind must be a string such as \"AWSProviderSpec\"");
	if (!sv_eq(kind, SV_LIT("AWSProviderSpec")))
		return bad(err, d, v, "%q is not an AWS request (its providerSpec kind is %v, not AWSProviderSpec)",
		           cr->name.p ? cr->name : SV_LIT("the request"), kind);
	st = sv_json_get(d, ps, SV_LIT("statementEntries"));
	if (st >= 0 && sv_json_type(d, st) != JSMN_ARRAY && sv_json_type(d, st) != JSMN_PRIMITIVE)
		return bad(err, d, st, "spec.providerSpec.statementEntries must be a list");
	if (st >= 0 && sv_json_type(d, st) == JSMN_ARRAY) {
		n = sv_json_count(d, st);
		for (k = 0, e = st + 1; k < n; k++, e = sv_json_next(d, e)) {
			if (cr->n == SV_MAX_CR_ENTRIES) {
				sv_err_set(err, SV_E_LIMIT, (size_t)tok_start(d, e),
				           "offset %d: more than SV_MAX_CR_ENTRIES=%d statement entries", tok_start(d, e),
				           SV_MAX_CR_ENTRIES);
				return SV_E_LIMIT;
			}
			if ((rc = entry(cr, d, e, (size_t)k, a, err)) != SV_OK)
				return rc;
		}
	}
	v = sv_json_get(d, spec, SV_LIT("secretRef"));
	if (v >= 0 && sv_json_type(d, v) != JSMN_PRIMITIVE) {
		int t;
		if (sv_json_type(d, v) != JSMN_OBJECT)
			return bad(err, d, v, "spec.secretRef must be an object with name and namespace");
		if (get_str(d, v, "name", a, &cr->secret_name, &t) < 0)
			return bad(err, d, t, "spec.secretRef.name must be a string");
		if (get_str(d, v, "namespace", a, &cr->secret_ns, &t) < 0)
			return bad(err, d, t, "spec.secretRef.namespace must be a string");
	}
	v = sv_json_get(d, spec, SV_LIT("serviceAccountNames"));
	if (v >= 0 && sv_json_type(d, v) != JSMN_PRIMITIVE) {
		if (sv_json_type(d, v) != JSMN_ARRAY)
			return bad(err, d, v, "spec.serviceAccountNames must be a list of strings");
		n = sv_json_count(d, v);
		for (k = 0, e = v + 1; k < n; k++, e = sv_json_next(d, e))
			if (sv_json_type(d, e) != JSMN_STRING)
				return bad(err, d, e, "spec.serviceAccountNames must be a list of strings");
		cr->sas = v;
		cr->nsas = (size_t)n;
	}
	return SV_OK;
}
