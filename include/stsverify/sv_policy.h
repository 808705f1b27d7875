/*
 * sv_policy.h -- IAM policy documents: shape, and statement evaluation
 * against one request (action, principal, resource, condition keys).
 *
 * One engine for trust policies (Principal, Action, Condition) and
 * permission policies (Action/NotAction, Resource/NotResource). Explicit
 * Deny wins over Allow; with no applicable Allow the answer is an
 * implicit deny. Condition semantics follow the IAM user guide
 * (reference_policies_elements_condition_operators, multi-value
 * conditions; ../shared/spec/STS-FACTS.md section g).
 */
#ifndef SV_POLICY_H
#define SV_POLICY_H

#include "sv.h"

typedef struct sv_policy {
	const sv_json *doc;
	int    root;                          /* the policy object */
	sv_sv  version;                       /* "" when absent */
	int    stmt[SV_MAX_STATEMENTS];       /* statement object token indices */
	size_t nstmt;
} sv_policy;

/*
 * Checks the document's shape: an object with "Statement" (an object or
 * an array of objects), each with Effect Allow|Deny, Action or NotAction,
 * optional Sid, Principal/NotPrincipal, Resource/NotResource and
 * Condition ({operator: {key: value or [values]}}). SV_E_FORMAT with
 * err->pos and "offset N: ..." naming what was expected; SV_E_LIMIT past
 * SV_MAX_STATEMENTS.
 */
int sv_policy_parse(sv_policy *p, const sv_json *d, int root, sv_err *err);

/* One request-context key and its values (views the caller owns). */
typedef struct sv_pol_key {
	sv_sv        name;     /* compared ASCII-case-insensitively */
	const sv_sv *vals;
	size_t       n;        /* 0: present but empty */
	int          multi;    /* a multivalued key (amr, aws:TagKeys, array aud) */
} sv_pol_key;

typedef struct sv_pol_ctx {
	sv_sv  action;          /* "sts:AssumeRoleWithWebIdentity" */
	sv_sv  principal_type;  /* "Federated"; p == NULL: principals not matched */
	sv_sv  principal;       /* the provider ARN */
	sv_sv  resource;        /* p == NULL: Resource not matched */
	const sv_pol_key *keys;
	size_t nkeys;
	/*
	 * patterns: action and resource are patterns a request asks for (a
	 * CredentialsRequest's "kms:ReEncrypt*" on "*"). A statement's
	 * Action/NotAction and Resource/NotResource apply when they cover all
	 * of it (sv_pol_covers; resources with SV_PAT_ARN), and in part
	 * (action_some, resource_some) when they cover only some of it. An
	 * Allow must apply to all of it; a Deny that applies to some of it
	 * denies (deny_part). 0: a concrete request, matched as before.
	 */
	int    patterns;
	/*
	 * open: keys[] is what is known, not all there is. A condition on a key
	 * not in keys[] is SV_TRI_UNKNOWN (SV_WHY_KEY_UNKNOWN), never guessed
	 * absent. 0: a key not in keys[] is absent (trust policies: the token
	 * is the whole request).
	 */
	int    open;
	/*
	 * A Condition block ({operator: {key: value or [values]}}) the request
	 * is known to satisfy, as a CredentialsRequest entry's policyCondition
	 * promises. A policy condition with the same operator and key that it
	 * implies is true: a positive operator when every assumed value is
	 * among the policy's (StringLike/ArnLike: covered by one of them), a
	 * negated one when every policy value is among the assumed ones, an
	 * operator this engine does not evaluate when the value sets are
	 * equal. assume_doc NULL: none; assume is the object's token.
	 */
	const sv_json *assume_doc;
	int    assume;
} sv_pol_ctx;

enum { SV_TRI_FALSE = 0, SV_TRI_TRUE = 1, SV_TRI_UNKNOWN = 2 };

/* Why one condition (operator + key) came out false or unknown. */
typedef enum sv_pol_why {
	SV_WHY_OK = 0,
	SV_WHY_KEY_ABSENT,      /* the request has no such key (or it is empty) */
	SV_WHY_NO_MATCH,        /* no policy value matches the request value */
	SV_WHY_WILDCARD_EXACT,  /* a '*'/'?' value under an exact operator; StringLike would match */
	SV_WHY_CASE,            /* equal but for ASCII case, under a case-sensitive operator */
	SV_WHY_NEGATED_MATCH,   /* a ...Not... operator and a value matched */
	SV_WHY_NULL,            /* Null: the key's presence is the opposite */
	SV_WHY_FORALL,          /* ForAllValues: a request value outside the policy's set */
	SV_WHY_UNSUPPORTED,     /* an operator this engine does not evaluate */
	SV_WHY_BAD_VALUE,       /* a value the operator cannot use (Null "maybe") */
	SV_WHY_KEY_UNKNOWN      /* ctx.open and the key is not in the context: undecided */
} sv_pol_why;

typedef struct sv_pol_cond {
	int        op_tok;     /* the operator name's token */
	int        key_tok;    /* the condition key name's token */
	int        val_tok;    /* its value (string, primitive or array) */
	int        result;     /* SV_TRI_* */
	sv_pol_why why;
	sv_sv      actual;     /* the request value that decided, SV_NULL when absent */
	int        near_tok;   /* the policy value the explanation is about, or -1 */
	const sv_pol_key *key; /* the request key, NULL when absent */
} sv_pol_cond;

typedef struct sv_pol_stmt {
	int    obj;            /* statement object token */
	int    deny;           /* Effect is Deny */
	int    principal;      /* 1: Principal/NotPrincipal admits the request's principal */
	int    action;         /* 1: Action/NotAction admits the action */
	int    resource;       /* 1: Resource/NotResource admits the resource (or not matched) */
	int    action_some;    /* patterns: applies to some of the action (1 when action is) */
	int    resource_some;  /* patterns: applies to some of the resource (1 when resource is) */
	int    cond;           /* SV_TRI_*: all conditions hold */
	size_t nconds;         /* operator/key pairs evaluated */
	size_t nfailed;        /* ... that were false or unknown */
	sv_pol_cond fail[SV_MAX_COND_NOTES];  /* the first of them */
	size_t nfail;
} sv_pol_stmt;

typedef enum sv_pol_decision {
	SV_POL_IMPLICIT_DENY = 0,   /* no applicable Allow */
	SV_POL_ALLOW,
	SV_POL_EXPLICIT_DENY,
	SV_POL_UNDECIDED            /* an unsupported operator decides the outcome */
} sv_pol_decision;

typedef struct sv_pol_result {
	sv_pol_decision decision;
	int    allow;          /* index in st[] of the deciding Allow, or -1 */
	int    deny;           /* index of the deciding Deny, or -1 */
	int    closest;        /* implicit deny: the Allow statement nearest to applying, or -1 */
	int    deny_part;      /* patterns: the deciding Deny covers only some of the request */
	int    maybe_allow;    /* first Allow that applies but for undecided conditions, or -1 */
	int    maybe_deny;     /* first Deny that applies but for undecided conditions, or -1 */
	int    part;           /* patterns: first Allow (conditions not false) that covers only some, or -1 */
	sv_pol_stmt st[SV_MAX_STATEMENTS];
	size_t nst;
} sv_pol_result;

/*
 * Evaluates every statement. a is scratch for decoding escaped strings
 * (its fill level is restored before returning). Returns SV_OK, or
 * SV_E_LIMIT when a string does not fit the arena.
 */
int sv_policy_eval(const sv_policy *p, const sv_pol_ctx *c, sv_arena *a, sv_pol_result *r);

/* The context key named name (case-insensitive), or NULL. */
const sv_pol_key *sv_pol_find_key(const sv_pol_ctx *c, sv_sv name);

/*
 * Splits an operator name: "ForAnyValue:StringLikeIfExists" -> set
 * prefix 1 (ForAnyValue; 2 ForAllValues; 0 none), base "StringLike",
 * ifexists 1.
 */
void sv_pol_op_split(sv_sv op, int *set, sv_sv *base, int *ifexists);

/*
 * Relations between two IAM wildcard patterns ('*' any run, '?' one
 * character), for requests that are patterns themselves (an operator's
 * CredentialsRequest asks for "kms:ReEncrypt*" on "*").
 *
 * flags: SV_PAT_NOCASE folds ASCII letters (actions: IAM compares service
 * prefixes and action names case-insensitively); SV_PAT_ARN compares two
 * six-part ARNs part by part, so a '*' in the region or account stands for
 * that part only (resources; case-sensitive).
 *
 * sv_pol_covers: 1 when every string that req matches, pat matches too.
 * A sound test, not a complete one: '?' in pat never stands for a '*' in
 * req, so "??*" is not seen to cover "?*?" (a rare shape; the answer is
 * then "does not cover", never a wrong "covers").
 * sv_pol_overlaps: 1 when some string matches both (exact).
 * Both return 0 when not, and SV_E_LIMIT when a pattern has more than
 * SV_MAX_PATTERN_CHARS characters.
 */
#define SV_PAT_NOCASE 1u
#define SV_PAT_ARN    2u
int sv_pol_covers(sv_sv pat, sv_sv req, unsigned flags);
int sv_pol_overlaps(sv_sv a, sv_sv b, unsigned flags);

#endif
