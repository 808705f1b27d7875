/*
 * sv_sts.h -- the AssumeRoleWithWebIdentity request on the wire and STS's
 * answer (../shared/spec/STS-FACTS.md sections a, c, d).
 *
 * Builders write into caller buffers and allocate nothing; the same bytes
 * are what `stsverify request` prints and what an online `assume` sends.
 * The response parser is a pure function over the body bytes.
 */
#ifndef SV_STS_H
#define SV_STS_H

#include "sv.h"

/* ------------------------------------------------------------------ */
/* The form body (sv_form.c)                                           */
/* ------------------------------------------------------------------ */

/*
 * Whose parameter order. STS does not care; a byte-for-byte comparison
 * only holds against one named SDK (section a.3).
 */
typedef enum sv_form_order {
	SV_ORDER_CALL = 0,    /* botocore explicit call and the AWS CLI (v1, v2): Action, Version,
	                         RoleArn, RoleSessionName, WebIdentityToken, ProviderId,
	                         PolicyArns.member.N.arn, Policy, DurationSeconds */
	SV_ORDER_PROVIDER,    /* botocore's credential provider (AWS_ROLE_ARN / profile): RoleArn,
	                         RoleSessionName, WebIdentityToken; RoleSessionName first when it
	                         came from AWS_ROLE_SESSION_NAME / role_session_name */
	SV_ORDER_SORTED       /* Go SDK v2: every key sorted (url.Values.Encode) */
} sv_form_order;

typedef struct sv_arwwi {
	sv_sv   role_arn;
	sv_sv   session_name;
	sv_sv   token;               /* sent verbatim: a trailing newline goes out as %0A */
	sv_sv   provider_id;         /* p == NULL: not sent (never for OIDC) */
	sv_sv   policy_arns[SV_MAX_POLICY_ARNS];
	size_t  npolicy_arns;
	sv_sv   policy;              /* p == NULL: not sent */
	int     has_duration;
	int64_t duration;
	sv_form_order order;
	int     session_first;       /* SV_ORDER_PROVIDER: the name came from env / config */
} sv_arwwi;

/* Appends quote_plus(s, safe='') to out (A-Z a-z 0-9 - _ . ~ kept, space '+', else %XX). */
int sv_form_encode(sv_sv s, char *out, size_t cap, size_t *len);
/* Bytes sv_form_encode would write. */
size_t sv_form_encoded_len(sv_sv s);

/*
 * One parameter of the body, in order: name (e.g. "PolicyArns.member.2.arn")
 * and raw value. DurationSeconds's value points into the row's own num[], so
 * move rows with the view (do not copy one row onto another after filling).
 */
typedef struct sv_form_param {
	char  name[32];
	sv_sv value;
	char  num[24];
} sv_form_param;

/* The parameters in the body's order; SV_E_LIMIT when more than cap. */
int sv_form_params(const sv_arwwi *p, sv_form_param *out, size_t cap, size_t *n);
/*
 * The encoded body. out == NULL only counts (*len). SV_E_PARAM when
 * SV_ORDER_PROVIDER is asked to carry what that path never sends
 * (DurationSeconds, Policy, PolicyArns, ProviderId).
 */
int sv_form_body(const sv_arwwi *p, char *out, size_t cap, size_t *len);

/* ------------------------------------------------------------------ */
/* The endpoint (sv_endpoint.c)                                         */
/* ------------------------------------------------------------------ */

typedef struct sv_endpoint_in {
	sv_sv region;        /* p == NULL or empty: none (botocore then uses aws-global) */
	int   legacy;        /* sts_regional_endpoints = legacy */
	int   fips;          /* use_fips_endpoint */
	int   dualstack;     /* use_dualstack_endpoint */
	sv_sv endpoint_url;  /* a custom URL (flag, env or config); p == NULL: none */
} sv_endpoint_in;

typedef struct sv_endpoint {
	char        url[SV_MAX_URL_BYTES];    /* "https://sts.us-west-2.amazonaws.com/" */
	size_t      url_len;
	size_t      target_off;               /* url + target_off: the request target ("/", "/p?q") */
	char        host[SV_MAX_URL_BYTES];   /* the Host header: host[:port] when the port is not the default */
	size_t      host_len;
	const char *partition;                /* "aws", "aws-cn", ...; NULL for a custom URL */
	const char *rule;                     /* which rule chose the URL, in words */
	int         global;                   /* the global endpoint sts.amazonaws.com */
	int         custom;
} sv_endpoint;

/*
 * The STS endpoint rules of botocore 1.43 (endpoint-rule-set-1.json and
 * partitions.json). Errors are the rules' own words, e.g. "Invalid
 * Configuration: FIPS and custom endpoint are not supported"; a region
 * that is not a host label is botocore's InvalidRegionError text.
 */
int sv_endpoint_resolve(const sv_endpoint_in *in, sv_endpoint *ep, sv_err *err);

/* 1 for the 16 regions legacy mode sends to the global host (aws-global included). */
int sv_endpoint_legacy_global(sv_sv region);

/* ------------------------------------------------------------------ */
/* The request (sv_request.c)                                           */
/* ------------------------------------------------------------------ */

#define SV_STS_CONTENT_TYPE "application/x-www-form-urlencoded; charset=utf-8"

/*
 * The raw HTTP/1.1 request, CRLF line ends, unsigned:
 *   POST <target> HTTP/1.1 / Host / Content-Type / Content-Length / blank / body
 * out == NULL only counts. SV_E_LIMIT when cap is too small (nothing
 * useful in out then).
 */
int sv_request_http(const sv_arwwi *p, const sv_endpoint *ep, char *out, size_t cap, size_t *len);

/* ------------------------------------------------------------------ */
/* STS's answer (sv_stsresp.c)                                         */
/* ------------------------------------------------------------------ */

typedef enum sv_resp_kind {
	SV_RESP_SUCCESS = 1,
	SV_RESP_ERROR   = 2
} sv_resp_kind;

typedef enum sv_resp_form {
	SV_RESP_XML = 1,      /* the body STS sends */
	SV_RESP_JSON,         /* Accept: application/json, or `aws sts ...` output */
	SV_RESP_CLI_LINE      /* "An error occurred (Code) when calling ...: Message" */
} sv_resp_form;

typedef struct sv_sts_resp {
	sv_resp_kind kind;
	sv_resp_form form;
	/* success (views into the arena or the body) */
	sv_sv   access_key_id, secret_access_key, session_token;
	sv_sv   expiration;          /* as written */
	int64_t expires;             /* Unix seconds */
	sv_sv   subject, audience, provider;
	sv_sv   assumed_role_arn, assumed_role_id;
	sv_sv   source_identity;
	int     has_packed_policy_size;
	int64_t packed_policy_size;
	/* error */
	sv_sv   type, code, message;
	sv_sv   operation;           /* CLI line: the operation named in it */
	/* both */
	sv_sv   request_id;
} sv_sts_resp;

/*
 * Parses an STS answer: the success or error XML (elements matched by name,
 * not order; unknown elements skipped; a known element twice is an error),
 * the JSON variant, or the CLI's error line. Decoded text goes to the arena
 * (text with entities is never compared raw). tok/ntok serve the JSON form.
 * Anything malformed is SV_E_FORMAT with err->pos; nothing is guessed.
 */
int sv_sts_resp_parse(sv_sv body, char *arena, size_t cap, jsmntok_t *tok, size_t ntok,
                      sv_sts_resp *r, sv_err *err);

/* ------------------------------------------------------------------ */
/* The error catalogue (sv_stserr.c)                                   */
/* ------------------------------------------------------------------ */

typedef enum sv_retry {
	SV_RETRY_NO = 0,      /* the same request gets the same answer */
	SV_RETRY_YES,         /* transient by nature */
	SV_RETRY_MAYBE        /* one cause is transient, the others are not */
} sv_retry;

typedef struct sv_sts_cause {
	const char *text;     /* the cause, one sentence */
	const char *tell;     /* what tells it apart (check inputs / a command) */
} sv_sts_cause;

#define SV_STS_MAX_CAUSES 8

typedef struct sv_sts_error {
	const char  *id;        /* stable slug, e.g. "iit.no-provider" */
	const char  *code;      /* "InvalidIdentityToken" */
	int          http;      /* 400, 403 */
	/*
	 * STS's text. In message, %v marks where an sv_sv value goes
	 * (sv_buf_fmt); pattern is the same with '*' for the variable parts
	 * and for spacing seen to vary, matched with sv_like. NULL pattern:
	 * the code's generic entry (any message).
	 */
	const char  *message;
	const char  *pattern;
	const char  *evidence;  /* where the text was seen */
	const char  *meaning;
	sv_sts_cause causes[SV_STS_MAX_CAUSES];
	sv_retry     retry;
	const char  *retry_why;
	const char  *check;     /* the `stsverify check` inputs that tell the causes apart */
} sv_sts_error;

const sv_sts_error *sv_sts_errors(size_t *n);
const sv_sts_error *sv_sts_error_by_id(const char *id);
/* The entry whose code equals and whose pattern matches; else the code's generic one; else NULL. */
const sv_sts_error *sv_sts_error_match(sv_sv code, sv_sv message);
/* 1 when code is one STS (or the SDKs around it) is known to answer with. */
int sv_sts_code_known(sv_sv code);

#endif
