/*
 * sv_check.h -- `check`: every gate STS applies to AssumeRoleWithWebIdentity,
 * replayed offline from the files at hand, with the answer STS would give.
 *
 * Each gate runs when its inputs are present and is a SKIP row naming the
 * missing input otherwise. The core reads bytes the caller loaded; it
 * allocates nothing and does no I/O. sv_check_ws is large (several
 * hundred KiB): put it in .bss.
 */
#ifndef SV_CHECK_H
#define SV_CHECK_H

#include "sv.h"
#include "sv_arn.h"
#include "sv_docs.h"
#include "sv_policy.h"

/* Room for an ARN this code builds: "arn:aws-us-gov:iam::" + account + name/URL. */
#define SV_ARN_BYTES 640

typedef struct sv_check_in {
	int64_t     now;
	int64_t     leeway;            /* seconds; SV_DEFAULT_LEEWAY */

	sv_sv       jwt;               /* the token, one trailing line end removed; p == NULL: none */
	const char *token_problem;     /* the token file is not one clean JWT: why (jwt unused) */
	const char *token_source;      /* "--token", "$AWS_WEB_IDENTITY_TOKEN_FILE", ...; may be NULL */

	int         token_appended;    /* with token_problem: a whole JWT, then more text after a space
	                                  or line end (a log line written into the file) */

	sv_sv       role_arn;          /* p == NULL: take Role.Arn from the role document, if any */
	const char *role_arn_source;
	const char *role_arn_problem;  /* the SDK refuses the configuration before calling STS (an
	                                  empty role_arn: InvalidConfigError): why */
	sv_sv       session_name;      /* p == NULL: generated as botocore does */
	const char *session_source;
	int         has_duration;      /* DurationSeconds is sent */
	int64_t     duration;
	sv_sv       region;            /* p == NULL: unknown */
	sv_sv       provider_arn;      /* --provider-arn; p == NULL: built from the role's account */

	/* documents, exactly as read; p == NULL when not given */
	sv_sv       discovery;         /* <iss>/.well-known/openid-configuration */
	sv_sv       jwks;              /* the document at jwks_uri */
	sv_sv       provider;          /* aws iam get-open-id-connect-provider */
	sv_sv       role;              /* aws iam get-role, or a bare trust policy */
	sv_sv       chain;             /* PEM chain served by the jwks_uri host */

	/* check --online: the live fetch of the discovery document or the JWKS failed (they are
	   then absent): the one-line reason, reported as jwks.keys FAIL (STS's "Couldn't retrieve
	   verification key"); NULL otherwise */
	const char *fetch_error;
} sv_check_in;

void sv_check_in_init(sv_check_in *in, int64_t now);

/* Which input could not be read as what it should be (sv_check_run's SV_E_*). */
typedef enum sv_check_input {
	SV_IN_NONE = 0,
	SV_IN_DISCOVERY,
	SV_IN_JWKS,
	SV_IN_PROVIDER,
	SV_IN_ROLE,
	SV_IN_CHAIN,
	SV_IN_PROVIDER_ARN
} sv_check_input;

/* The answer STS would give. */
typedef struct sv_sts_answer {
	int         success;
	sv_check_id gate;                        /* first failing gate; SV_CHK__COUNT on success */
	const char *code;                        /* "InvalidIdentityToken", ...; NULL on success or
	                                            when no STS call would be made (pod.* gates) */
	char        message[SV_STS_MSG_BYTES];   /* the error text; "" on success */
	int         verbatim;                    /* 1: STS's own words, as seen in real responses;
	                                            0: STS's wording for this cause is unknown and the
	                                            text is the service model's description */
	char        assumed_role[SV_ARN_BYTES];  /* success with a known role ARN */
	char        provider_arn[SV_ARN_BYTES];  /* the provider ARN used, "" when unknown */
	const char *convention;                  /* "EKS", "OpenShift", or NULL */
} sv_sts_answer;

typedef struct sv_check_ws {
	sv_workspace  v;                               /* token and JWKS (the verify core) */
	jsmntok_t     dtok[SV_MAX_DOC_TOKENS];         /* discovery */
	jsmntok_t     ptok[SV_MAX_DOC_TOKENS];         /* provider */
	jsmntok_t     rtok[SV_MAX_DOC_TOKENS];         /* role */
	jsmntok_t     qtok[SV_MAX_DOC_TOKENS];         /* the decoded trust policy text */
	char          qbuf[SV_MAX_DOC_BYTES];          /* ... its bytes */
	char          dabuf[SV_MAX_STRING_ARENA];      /* escaped strings of the documents */
	sv_arena      darena;
	char          sabuf[SV_MAX_STRING_ARENA];      /* scratch while evaluating the policy */
	sv_arena      sarena;
	sv_discovery  disc;
	sv_provider   prov;
	sv_role       role;
	sv_policy     pol;
	int           has_disc, has_prov, has_role, has_pol, has_jwks;
	sv_role_arn   rarn;                            /* the request's RoleArn, parsed */
	int           rarn_ok;
	sv_sv         role_arn;                        /* the request's RoleArn (input or role.json) */
	const char   *role_arn_source;
	sv_sv         session;                         /* the request's RoleSessionName */
	char          session_buf[40];
	sv_sv         iss;                             /* the token's iss when a string */
	sv_sv         prov_url;                        /* provider URL: Url, or iss without https:// */
	sv_sv         parn;                            /* the provider ARN, SV_NULL when unknown */
	char          parn_buf[SV_ARN_BYTES];
	unsigned char thumb[20];
	size_t        ncerts;
	int           has_chain;
	sv_pol_key    keys[SV_MAX_CONTEXT_KEYS];
	size_t        nkeys;
	int           keys_over;                       /* more keys than SV_MAX_CONTEXT_KEYS */
	sv_sv         vals[SV_MAX_CONTEXT_VALUES];
	size_t        nvals;
	char          names[4096];                     /* built key names */
	size_t        names_used;
	sv_pol_result assume, tag;                     /* trust policy: the two actions */
} sv_check_ws;

/*
 * Runs every gate and predicts STS's answer. rep must be initialised by
 * the caller (it may already hold pod.* rows, which count as gates).
 * Returns SV_OK when it could evaluate; SV_E_JSON / SV_E_FORMAT /
 * SV_E_LIMIT when a document is not what it should be, with *bad naming
 * it and err saying where ("offset N: ...").
 */
#if defined(__GNUC__)
__attribute__((warn_unused_result))
#endif
int sv_check_run(sv_check_ws *ws, const sv_check_in *in, sv_report *rep, sv_sts_answer *ans,
                 sv_check_input *bad, sv_err *err);

/* The name of a bad input, for messages: "discovery", "jwks", ... */
const char *sv_check_input_name(sv_check_input in);

/* The gates in the order STS applies them (see sv_check.c), SV_CHK__COUNT-terminated. */
extern const sv_check_id sv_check_gates[];

#endif
