/*
 * sv_docs.h -- typed views of the documents `check` reads besides the
 * token and the JWKS: the issuer's discovery document, the IAM OIDC
 * provider (`aws iam get-open-id-connect-provider`), the role (`aws iam
 * get-role`, or a bare policy document) and a PEM certificate chain.
 *
 * Parsers fail only when the bytes are not the document at all (not
 * JSON, wrong top-level shape): SV_E_JSON / SV_E_FORMAT / SV_E_LIMIT
 * with err->pos and "offset N: <what was expected>". A document that is
 * the right kind but says something STS would reject (no issuer, an
 * http jwks_uri) parses, and the check reports it.
 */
#ifndef SV_DOCS_H
#define SV_DOCS_H

#include "sv.h"

/* <iss>/.well-known/openid-configuration */
typedef struct sv_discovery {
	sv_json        doc;
	sv_sv          issuer;
	sv_field_state issuer_state;
	sv_sv          jwks_uri;
	sv_field_state jwks_uri_state;
	int            algs_tok;     /* id_token_signing_alg_values_supported, or -1 */
	int            algs_bad;     /* present but not an array of strings */
} sv_discovery;

int sv_discovery_parse(sv_discovery *d, const char *js, size_t len, jsmntok_t *tok, size_t cap,
                       sv_arena *a, sv_err *err);
/* 1 when alg is listed in id_token_signing_alg_values_supported. */
int sv_discovery_lists_alg(const sv_discovery *d, sv_sv alg);

/* aws iam get-open-id-connect-provider */
typedef struct sv_provider {
	sv_json doc;
	sv_sv   url;           /* without https:// as IAM stores it */
	int     clients;       /* ClientIDList array token, or -1 */
	int     thumbs;        /* ThumbprintList array token, or -1 */
	size_t  nclients, nthumbs;
} sv_provider;

int sv_provider_parse(sv_provider *p, const char *js, size_t len, jsmntok_t *tok, size_t cap,
                      sv_arena *a, sv_err *err);
/* 1 when s is in ClientIDList (exact). */
int sv_provider_has_client(const sv_provider *p, sv_sv s);

/* aws iam get-role, or a bare policy document */
typedef struct sv_role {
	sv_json doc;
	sv_sv   arn;           /* Role.Arn, SV_NULL when absent */
	sv_sv   name;          /* Role.RoleName, SV_NULL when absent */
	int64_t max_session;   /* Role.MaxSessionDuration, 0 when absent */
	int     bare;          /* the file is the policy document itself */
	int     encoded;       /* AssumeRolePolicyDocument was URL-encoded text */
	sv_json pdoc;          /* the policy's JSON (the file itself unless encoded) */
	int     proot;         /* the policy object's token in pdoc */
} sv_role;

/*
 * pbuf/ptok receive the percent-decoded policy text and its tokens when
 * the document carries it as URL-encoded text, as the IAM Query API
 * returns it (decoded like Python's urllib unquote: '+' stays '+').
 * Errors inside that text say "AssumeRolePolicyDocument (decoded):
 * offset N: ...", offsets into the decoded text.
 */
int sv_role_parse(sv_role *r, const char *js, size_t len, jsmntok_t *tok, size_t cap,
                  char *pbuf, size_t pcap, jsmntok_t *ptok, size_t ptcap, sv_arena *a,
                  sv_err *err);

/*
 * A permission policy as the AWS CLI prints it: aws iam get-role-policy
 * ({"RoleName", "PolicyName", "PolicyDocument"}; ccoctl's --dry-run files
 * have the same members), aws iam get-policy-version ({"PolicyVersion":
 * {"Document", "VersionId", "IsDefaultVersion", ...}}), or the bare policy
 * document. The document may be an object, JSON text in a string, or
 * URL-encoded text (the IAM Query API's form); pbuf/ptok then receive the
 * decoded text and its tokens, and errors inside it say
 * "PolicyDocument (decoded): offset N: ..." with offsets into the decoded
 * text. Only the wrapper is read here; the policy's shape is left to
 * sv_policy_parse.
 */
typedef enum sv_poldoc_shape {
	SV_POLDOC_BARE = 0,
	SV_POLDOC_ROLE_POLICY,
	SV_POLDOC_POLICY_VERSION
} sv_poldoc_shape;

typedef struct sv_poldoc {
	sv_json         doc;
	sv_poldoc_shape shape;
	sv_sv           role_name;     /* RoleName, SV_NULL when absent */
	sv_sv           policy_name;   /* PolicyName, SV_NULL when absent */
	sv_sv           version_id;    /* PolicyVersion.VersionId, SV_NULL when absent */
	int             is_default;    /* PolicyVersion.IsDefaultVersion: 1, 0; -1 when absent */
	int             encoded;       /* the document was URL-encoded text */
	int             text;          /* the document was JSON text in a string */
	sv_json         pdoc;          /* the policy's JSON (the file itself unless a string) */
	int             proot;         /* the policy object's token in pdoc */
} sv_poldoc;

int sv_poldoc_parse(sv_poldoc *p, const char *js, size_t len, jsmntok_t *tok, size_t cap, char *pbuf,
                    size_t pcap, jsmntok_t *ptok, size_t ptcap, sv_arena *a, sv_err *err);

/* Percent-decoding into out; SV_E_FORMAT at a '%' without two hex digits. */
int sv_pct_decode(sv_sv in, char *out, size_t cap, size_t *len, sv_err *err);

/*
 * The IAM thumbprint of a PEM chain as the jwks_uri host serves it:
 * SHA-1 of the DER of the LAST certificate, and how many there were.
 * SV_E_FORMAT when there is no CERTIFICATE block or the PEM is broken.
 */
int sv_thumb_chain(const char *pem, size_t len, unsigned char sha1[20], size_t *ncerts,
                   sv_err *err);

#endif
