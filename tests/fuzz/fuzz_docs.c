/*
 * fuzz_docs.c -- the documents `check` reads besides the token and JWKS:
 * discovery (sv_discovery_parse), IAM OIDC provider (sv_provider_parse),
 * role or bare trust policy (sv_role_parse, with URL-encoded policies) and
 * then the policy engine on it (sv_policy_parse, sv_policy_eval).
 *
 * Every input goes through all three readers (each accepts its own shape
 * and refuses the others). Invariants: failures carry a terminated message
 * whose code is the return code; views lie inside the input, the arena or
 * the decoded-policy buffer; counts match the arrays; policy evaluation
 * gives back its arena, names statements that exist, and its decision
 * agrees with the statements (an explicit deny wins; an allow has a
 * statement whose every part admits the request).
 *
 * The request context is fixed (an EKS-style provider and token) except
 * the sub value, which is the input's first line when that is UTF-8.
 */
#include "fuzz.h"
#include "stsverify/sv_docs.h"
#include "stsverify/sv_policy.h"

#define PROV "oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E"
#define PARN "arn:aws:iam::111122223333:oidc-provider/" PROV

static jsmntok_t tok[SV_MAX_DOC_TOKENS], ptok[SV_MAX_DOC_TOKENS];
static char abuf[SV_MAX_STRING_ARENA], pbuf[SV_MAX_DOC_BYTES];
static sv_pol_result res;

static int in3(sv_sv v, const void *a, size_t an, const sv_arena *ar)
{
	return fz_inside(v, a, an) || fz_inside(v, ar->buf, ar->used) || fz_inside(v, pbuf, sizeof pbuf);
}

static void check_err(int rc, const sv_err *e, size_t size)
{
	FZ_CHECK(rc == SV_E_JSON || rc == SV_E_FORMAT || rc == SV_E_LIMIT, "rc %d", rc);
	FZ_CHECK(e->code == rc && memchr(e->msg, 0, sizeof e->msg), "code %d rc %d", e->code, rc);
	(void)size;
}

static void policy(const sv_json *d, int root, const uint8_t *data, size_t size)
{
	static const sv_sv aud_v[] = { { "sts.amazonaws.com", 17 } };
	static const sv_sv amr_v[] = { { "pwd", 3 }, { "mfa", 3 } };
	sv_sv sub_v[1] = { SV_LIT("system:serviceaccount:default:app") };
	const sv_pol_key keys[] = {
		{ SV_LIT(PROV ":sub"), sub_v, 1, 0 },
		{ SV_LIT(PROV ":aud"), aud_v, 1, 0 },
		{ SV_LIT(PROV ":amr"), amr_v, 2, 1 },
		{ SV_LIT("aws:TagKeys"), NULL, 0, 1 },
	};
	const uint8_t *nl = memchr(data, '\n', size);
	sv_policy p;
	sv_pol_ctx c;
	sv_arena a;
	sv_err e;
	size_t i, bad;
	int rc, any_allow = 0, any_deny = 0;

	memset(&e, 0, sizeof e);
	rc = sv_policy_parse(&p, d, root, &e);
	if (rc != SV_OK) {
		FZ_CHECK(rc == SV_E_FORMAT || rc == SV_E_LIMIT, "policy rc %d", rc);
		FZ_CHECK(e.code == rc, "policy code");
		return;
	}
	FZ_CHECK(p.nstmt <= SV_MAX_STATEMENTS, "nstmt");
	for (i = 0; i < p.nstmt; i++)
		FZ_CHECK(sv_json_type(d, p.stmt[i]) == JSMN_OBJECT, "statement %zu", i);
	if (nl && nl > data && sv_utf8_check((const char *)data, (size_t)(nl - data), &bad) == 0)
		sub_v[0] = (sv_sv){ (const char *)data, (size_t)(nl - data) };

	memset(&c, 0, sizeof c);
	c.action = SV_LIT("sts:AssumeRoleWithWebIdentity");
	c.principal_type = SV_LIT("Federated");
	c.principal = SV_LIT(PARN);
	c.keys = keys;
	c.nkeys = sizeof keys / sizeof keys[0];
	sv_arena_init(&a, abuf, sizeof abuf);
	rc = sv_policy_eval(&p, &c, &a, &res);
	FZ_CHECK(rc == SV_OK || rc == SV_E_LIMIT, "eval rc %d", rc);
	FZ_CHECK(a.used == 0, "eval kept %zu arena bytes", a.used);
	if (rc != SV_OK)
		return;
	FZ_CHECK(res.nst == p.nstmt, "%zu results for %zu statements", res.nst, p.nstmt);
	for (i = 0; i < res.nst; i++) {
		const sv_pol_stmt *s = &res.st[i];
		int applies = s->principal && s->action && s->resource && s->cond == SV_TRI_TRUE;
		FZ_CHECK(s->nfail <= SV_MAX_COND_NOTES && s->nfail <= s->nfailed && s->nfailed <= s->nconds,
		         "statement %zu: %zu notes, %zu failed of %zu", i, s->nfail, s->nfailed, s->nconds);
		if (applies && s->deny)
			any_deny = 1;
		if (applies && !s->deny)
			any_allow = 1;
	}
	switch (res.decision) {
	case SV_POL_EXPLICIT_DENY:
		FZ_CHECK(res.deny >= 0 && (size_t)res.deny < res.nst && res.st[res.deny].deny, "deny index");
		break;
	case SV_POL_ALLOW:
		FZ_CHECK(!any_deny, "allowed although a Deny applies");
		FZ_CHECK(res.allow >= 0 && (size_t)res.allow < res.nst && !res.st[res.allow].deny,
		         "allow index");
		break;
	case SV_POL_IMPLICIT_DENY:
		FZ_CHECK(!any_deny && !any_allow, "implicit deny although a statement applies");
		FZ_CHECK(res.closest < 0 || (size_t)res.closest < res.nst, "closest index");
		break;
	case SV_POL_UNDECIDED:
		break;
	default:
		FZ_CHECK(0, "decision %d", (int)res.decision);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *js = (const char *)data;
	sv_discovery disc;
	sv_provider prov;
	sv_role role;
	sv_arena a;
	sv_err e;
	int rc;

	/* discovery */
	memset(&e, 0, sizeof e);
	sv_arena_init(&a, abuf, sizeof abuf);
	rc = sv_discovery_parse(&disc, js, size, tok, SV_MAX_DOC_TOKENS, &a, &e);
	if (rc != SV_OK) {
		check_err(rc, &e, size);
	} else {
		fz_check_json(&disc.doc);
		FZ_CHECK(in3(disc.issuer, data, size, &a) && in3(disc.jwks_uri, data, size, &a), "views");
		FZ_CHECK(disc.algs_tok == -1 || sv_json_type(&disc.doc, disc.algs_tok) != JSMN_UNDEFINED,
		         "algs token");
		(void)sv_discovery_lists_alg(&disc, SV_LIT("RS256"));
		(void)sv_discovery_lists_alg(&disc, (sv_sv){ js, size < 8 ? size : 8 });
	}

	/* provider */
	memset(&e, 0, sizeof e);
	sv_arena_init(&a, abuf, sizeof abuf);
	rc = sv_provider_parse(&prov, js, size, tok, SV_MAX_DOC_TOKENS, &a, &e);
	if (rc != SV_OK) {
		check_err(rc, &e, size);
	} else {
		fz_check_json(&prov.doc);
		FZ_CHECK(in3(prov.url, data, size, &a), "url view");
		FZ_CHECK(prov.clients == -1 || (size_t)sv_json_count(&prov.doc, prov.clients) >= prov.nclients,
		         "clients");
		FZ_CHECK(prov.thumbs == -1 || (size_t)sv_json_count(&prov.doc, prov.thumbs) >= prov.nthumbs,
		         "thumbs");
		(void)sv_provider_has_client(&prov, SV_LIT("sts.amazonaws.com"));
		(void)sv_provider_has_client(&prov, (sv_sv){ js, size < 8 ? size : 8 });
	}

	/* role, then its trust policy */
	memset(&e, 0, sizeof e);
	sv_arena_init(&a, abuf, sizeof abuf);
	rc = sv_role_parse(&role, js, size, tok, SV_MAX_DOC_TOKENS, pbuf, sizeof pbuf, ptok,
	                   SV_MAX_DOC_TOKENS, &a, &e);
	if (rc != SV_OK) {
		check_err(rc, &e, size);
		return 0;
	}
	fz_check_json(&role.doc);
	FZ_CHECK(in3(role.arn, data, size, &a) && in3(role.name, data, size, &a), "role views");
	if (role.encoded) {
		FZ_CHECK(role.pdoc.js == pbuf && role.pdoc.len <= sizeof pbuf, "decoded policy buffer");
		fz_check_json(&role.pdoc);
	} else {
		FZ_CHECK(role.pdoc.js == js && role.pdoc.len == size, "policy is the document");
	}
	FZ_CHECK(sv_json_type(&role.pdoc, role.proot) == JSMN_OBJECT, "policy root");
	policy(&role.pdoc, role.proot, data, size);
	return 0;
}
