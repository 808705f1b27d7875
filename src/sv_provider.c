/*
 * sv_provider.c -- typed view of `aws iam get-open-id-connect-provider`
 * output: Url, ClientIDList, ThumbprintList (STS-FACTS section f).
 */
#include "sv_internal.h"
#include "stsverify/sv_docs.h"

static int str_list(const sv_json *d, int v, const char *name, size_t *count, sv_err *err)
{
	int e, k, n;
	if (sv_json_type(d, v) != JSMN_ARRAY) {
		sv_err_set(err, SV_E_FORMAT, (size_t)d->tok[v].start,
		           "offset %d: %s must be a list of strings", d->tok[v].start, name);
		return SV_E_FORMAT;
	}
	n = sv_json_count(d, v);
	for (k = 0, e = v + 1; k < n; k++, e = sv_json_next(d, e)) {
		if (sv_json_type(d, e) != JSMN_STRING) {
			sv_err_set(err, SV_E_FORMAT, (size_t)d->tok[e].start,
			           "offset %d: %s must be a list of strings", d->tok[e].start, name);
			return SV_E_FORMAT;
		}
	}
	*count = (size_t)n;
	return SV_OK;
}

int sv_provider_parse(sv_provider *p, const char *js, size_t len, jsmntok_t *tok, size_t cap,
                      sv_arena *a, sv_err *err)
{
	int rc, v;
	const sv_json *d = &p->doc;

	memset(p, 0, sizeof *p);
	p->clients = p->thumbs = -1;
	if ((rc = sv_json_parse(&p->doc, js, len, tok, cap, err)) != SV_OK)
		return rc;
	v = sv_json_type(d, 0) == JSMN_OBJECT ? sv_json_get(d, 0, SV_LIT("Url")) : -1;
	if (v < 0) {
		sv_err_set(err, SV_E_FORMAT, 0,
		           "offset 0: expected the output of aws iam get-open-id-connect-provider: an object with \"Url\"");
		return SV_E_FORMAT;
	}
	if (sv_json_str(d, v, a, &p->url) != SV_OK) {
		sv_err_set(err, SV_E_FORMAT, (size_t)d->tok[v].start, "offset %d: Url must be a string",
		           d->tok[v].start);
		return SV_E_FORMAT;
	}
	if ((v = sv_json_get(d, 0, SV_LIT("ClientIDList"))) >= 0) {
		if ((rc = str_list(d, v, "ClientIDList", &p->nclients, err)) != SV_OK)
			return rc;
		p->clients = v;
	}
	if ((v = sv_json_get(d, 0, SV_LIT("ThumbprintList"))) >= 0) {
		if ((rc = str_list(d, v, "ThumbprintList", &p->nthumbs, err)) != SV_OK)
			return rc;
		p->thumbs = v;
	}
	return SV_OK;
}

int sv_provider_has_client(const sv_provider *p, sv_sv s)
{
	int e, k, n;
	if (p->clients < 0)
		return 0;
	n = sv_json_count(&p->doc, p->clients);
	for (k = 0, e = p->clients + 1; k < n; k++, e = sv_json_next(&p->doc, e))
		if (sv_json_str_eq(&p->doc, e, s))
			return 1;
	return 0;
}
