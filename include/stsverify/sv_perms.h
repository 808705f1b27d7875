/*
 * sv_perms.h -- does a role grant what an OpenShift operator's
 * CredentialsRequest asks for? Every action of every statement entry, on
 * the entry's resource and under its policyCondition, is evaluated against
 * the role's permission policies by the one IAM engine (sv_policy.h):
 * explicit Deny wins, an Allow must cover all of what is asked, and a
 * condition the request does not decide is reported, never guessed.
 * The service accounts it names are cross-checked with the trust policy.
 */
#ifndef SV_PERMS_H
#define SV_PERMS_H

#include "sv.h"
#include "sv_credreq.h"
#include "sv_policy.h"

typedef enum sv_perm_verdict {
	SV_PERM_ALLOWED = 0,     /* an Allow covers it and no Deny can apply */
	SV_PERM_NOT_GRANTED,     /* no Allow covers all of it (part: one covers some of it) */
	SV_PERM_DENIED,          /* an explicit Deny applies (part: to some of it) */
	SV_PERM_CONDITIONAL,     /* it depends on conditions the request does not decide */
	SV_PERM_NOT_CHECKED      /* an entry with effect Deny: it asks for nothing */
} sv_perm_verdict;

/* Conditions remembered per row, to say what the answer depends on. */
#define SV_PERM_NOTES 4

typedef struct sv_perm_row {
	size_t          entry;       /* statementEntries index */
	int             action_tok;  /* the action's token in the request's document */
	sv_sv           action;      /* as the request spells it (decoded) */
	sv_perm_verdict verdict;
	int             policy;      /* the deciding policy (index of the policies given), -1 */
	int             stmt;        /* its statement (index in that policy), -1 */
	int             part;        /* NOT_GRANTED: policy/stmt grants only part; DENIED: the Deny covers only part */
	int             by_deny;     /* CONDITIONAL: policy/stmt is a Deny that may apply */
	size_t          nnotes;      /* CONDITIONAL: undecided conditions of policy/stmt */
	sv_pol_cond     notes[SV_PERM_NOTES];
} sv_perm_row;

typedef struct sv_perms {
	sv_perm_row   rows[SV_MAX_PERM_ROWS];
	size_t        n;
	size_t        count[SV_PERM_NOT_CHECKED + 1];   /* rows per verdict */
	sv_pol_result r;                                 /* scratch */
} sv_perms;

/*
 * Fills pm with one row per action of every entry of cr, in request
 * order. pols are the role's permission policies (parsed); keep receives
 * decoded action names (they must outlive pm), scratch is for evaluation.
 * SV_OK; SV_E_LIMIT past SV_MAX_PERM_ROWS, an arena, or a pattern longer
 * than SV_MAX_PATTERN_CHARS, with err saying which.
 */
int sv_perms_check(sv_perms *pm, const sv_credreq *cr, const sv_policy *const *pols, size_t npols,
                   sv_arena *keep, sv_arena *scratch, sv_err *err);

/* 1 when every row is ALLOWED or NOT_CHECKED. */
int sv_perms_ok(const sv_perms *pm);

const char *sv_perm_verdict_name(sv_perm_verdict v);   /* "allowed", "not granted", ... */

/* ---- the trust policy ------------------------------------------------- */

typedef enum sv_trust_verdict {
	SV_TRUST_ADMITTED = 0,   /* an Allow admits the service account's sub */
	SV_TRUST_ADMITTED_IF,    /* ... if conditions on other keys (aud, ...) hold, which the token decides */
	SV_TRUST_MAYBE_DENIED,   /* a Deny may apply, depending on such conditions */
	SV_TRUST_DENIED,         /* an explicit Deny applies */
	SV_TRUST_NOT_ADMITTED    /* no Allow admits it */
} sv_trust_verdict;

typedef struct sv_trust_row {
	sv_sv            sa;         /* serviceAccountNames[i] */
	sv_sv            sub;        /* system:serviceaccount:<secretRef.namespace>:<sa> */
	sv_sv            provider;   /* the Federated oidc-provider ARN evaluated, SV_NULL when none */
	sv_trust_verdict verdict;
	int              stmt;       /* deciding statement, or the nearest one when not admitted; -1 */
	size_t           nnotes;     /* its undecided (ADMITTED_IF, MAYBE_DENIED) or failing conditions */
	sv_pol_cond      notes[SV_PERM_NOTES];
} sv_trust_row;

typedef struct sv_trust {
	sv_trust_row  rows[SV_MAX_TRUST_ROWS];
	size_t        n;
	size_t        nproviders;     /* oidc-provider principals found in the trust policy */
	sv_pol_key    key;            /* scratch: the one known key (<provider>:sub) */
	sv_pol_result r;              /* scratch */
} sv_trust;

/*
 * For every service account of cr: is sts:AssumeRoleWithWebIdentity with
 * sub system:serviceaccount:<spec.secretRef.namespace>:<sa> admitted by the
 * trust policy, for each Federated oidc-provider principal it names? Only
 * <provider>:sub is known; conditions on other keys are undecided
 * (ADMITTED_IF). SV_E_PARAM when cr has no secretRef namespace (no sub can
 * be built); SV_E_LIMIT past SV_MAX_TRUST_ROWS or an arena.
 */
int sv_perms_trust(sv_trust *t, const sv_credreq *cr, const sv_policy *trust, sv_arena *keep,
                   sv_arena *scratch, sv_err *err);

/* 1 when every row is ADMITTED or ADMITTED_IF. */
int sv_trust_ok(const sv_trust *t);

const char *sv_trust_verdict_name(sv_trust_verdict v);  /* "admitted", "admitted if", ... */

/*
 * Does role follow ccoctl's naming, <infra>-<namespace>-<name> cut to 64
 * characters, for the Secret namespace/name? 1 with *infra set, else 0.
 */
int sv_perms_ccoctl_role_name(sv_sv role, sv_sv ns, sv_sv name, sv_sv *infra);

#endif
