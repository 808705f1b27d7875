/*
 * sv_arn.h -- IAM/STS identifiers and the AssumeRoleWithWebIdentity
 * request-parameter rules (../shared/spec/STS-FACTS.md section b).
 *
 * Parsers fill views into the caller's text; nothing is copied. The
 * sv_sts_* validators write the exact ValidationError message STS sends
 * (AWS's standard "N validation error(s) detected: ..." form) into a
 * caller buffer, always NUL-terminated, and return SV_OK when STS would
 * accept the value, SV_E_FORMAT when it would not.
 */
#ifndef SV_ARN_H
#define SV_ARN_H

#include "sv.h"

/* Model limits (botocore data/sts/2011-06-15/service-2.json). */
#define SV_STS_ROLE_ARN_MIN       20
#define SV_STS_ROLE_ARN_MAX       2048
#define SV_STS_SESSION_MIN        2
#define SV_STS_SESSION_MAX        64
#define SV_STS_TOKEN_MIN          4
#define SV_STS_TOKEN_MAX          20000
#define SV_STS_DURATION_MIN       900
#define SV_STS_DURATION_MAX       43200
#define SV_STS_DURATION_DEFAULT   3600
/* IAM: role MaxSessionDuration 3600-43200, role name 1-64, path 1-512. */
#define SV_IAM_MAX_SESSION_MIN    3600
#define SV_IAM_MAX_SESSION_MAX    43200
#define SV_IAM_ROLE_NAME_MAX      64
#define SV_IAM_PATH_MAX           512

/* Values echoed inside a message are cut after this many bytes. */
#ifndef SV_STS_ECHO_MAX
#define SV_STS_ECHO_MAX 300
#endif
/* A buffer this large holds any message the validators write. */
#define SV_STS_MSG_BYTES (4 * SV_STS_ECHO_MAX + 512)

/* arn:{partition}:iam::{account}:role{path}{name} */
typedef struct sv_role_arn {
	sv_sv arn;         /* the whole text */
	sv_sv partition;   /* "aws", "aws-cn", ... */
	sv_sv account;     /* 12 digits */
	sv_sv path;        /* "/" or "/a/b/" */
	sv_sv name;        /* 1-64 of [\w+=,.@-] */
} sv_role_arn;

/* 1 for aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f. */
int sv_partition_known(sv_sv partition);

/*
 * The partition of a region name: cn-* aws-cn, us-gov-* aws-us-gov,
 * us-iso-* aws-iso, us-isob-* aws-iso-b, eu-isoe-* aws-iso-e, us-isof-*
 * aws-iso-f, anything else aws (botocore's endpoint rules).
 */
sv_sv sv_region_partition(sv_sv region);

/*
 * Parses and checks a role ARN's structure. SV_E_FORMAT with err->pos at
 * the offending byte and err->msg saying, in our words, what was expected
 * there ("offset 13: the account must be 12 digits, found \"1234\"").
 */
int sv_role_arn_parse(sv_sv arn, sv_role_arn *r, sv_err *err);

/* arn:{partition}:iam::{account}:oidc-provider/{url}; url has no scheme. */
int sv_provider_arn_parse(sv_sv arn, sv_sv *partition, sv_sv *account, sv_sv *url, sv_err *err);

/* Builders: SV_E_LIMIT (out empty) when cap is too small. */
int sv_provider_arn(sv_sv partition, sv_sv account, sv_sv url, char *out, size_t cap,
                    size_t *len);
/* arn:{p}:sts::{acct}:assumed-role/{name}/{session}: the path is dropped. */
int sv_assumed_role_arn(const sv_role_arn *r, sv_sv session, char *out, size_t cap,
                        size_t *len);

/* ---- request parameters ------------------------------------------------ */

/* 1 when c is in [\w+=,.@-] (\w is ASCII [A-Za-z0-9_], as in Java regex). */
int sv_sts_session_char(unsigned char c);

/* Each writes STS's message as if this were the request's only fault. */
int sv_sts_check_role_arn(sv_sv arn, char *msg, size_t cap);
int sv_sts_check_session_name(sv_sv name, char *msg, size_t cap);
/* The token is a credential: only its length is looked at or echoed. */
int sv_sts_check_token(sv_sv token, char *msg, size_t cap);
/* max_session: the role's MaxSessionDuration, 0 when unknown. */
int sv_sts_check_duration(int64_t seconds, int64_t max_session, char *msg, size_t cap);

typedef struct sv_sts_params {
	sv_sv   role_arn;          /* p == NULL: not known, not checked */
	sv_sv   session_name;      /* p == NULL: not known, not checked */
	sv_sv   token;             /* p == NULL: not known, not checked */
	int     has_duration;      /* 0: not sent (STS uses 3600) */
	int64_t duration;
	int64_t max_session;       /* role's MaxSessionDuration; 0 unknown */
} sv_sts_params;

enum {
	SV_STS_BAD_ROLE_ARN = 1u << 0,
	SV_STS_BAD_SESSION  = 1u << 1,
	SV_STS_BAD_TOKEN    = 1u << 2,
	SV_STS_BAD_DURATION = 1u << 3
};

/*
 * The whole request, in STS's order: the model constraints of every
 * member first, reported together ("2 validation errors detected: A; B",
 * member order RoleArn, RoleSessionName, WebIdentityToken,
 * DurationSeconds); then the ARN structure ("<arn> is invalid"); then
 * DurationSeconds against MaxSessionDuration. *bad gets the mask of
 * SV_STS_BAD_* parameters at fault (may be NULL).
 */
int sv_sts_validate(const sv_sts_params *p, char *msg, size_t cap, unsigned *bad);

/*
 * A valid RoleSessionName made from name: characters outside [\w+=,.@-]
 * become '-', cut to 64, padded with '-' to 2. out needs 65 bytes.
 */
void sv_sts_session_fix(sv_sv name, char *out, size_t cap);

#endif
