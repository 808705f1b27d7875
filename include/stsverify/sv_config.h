/*
 * sv_config.h -- every capacity stsverify has, fixed at compile time.
 *
 * Override any of them by defining it first, or by pointing SV_CONFIG_FILE
 * at a header of your own (the lwIP / Mbed TLS pattern). Going over a limit
 * is always an error that names the limit (SV_E_LIMIT), never a truncation.
 */
#ifndef SV_CONFIG_H
#define SV_CONFIG_H

#ifdef SV_CONFIG_FILE
#include SV_CONFIG_FILE
#endif

/* A WebIdentityToken is at most 20000 characters (STS model, clientTokenType). */
#ifndef SV_MAX_JWT_BYTES
#define SV_MAX_JWT_BYTES 20000
#endif

/* The token file may hold the token plus one line end. */
#define SV_MAX_TOKEN_FILE_BYTES (SV_MAX_JWT_BYTES + 2)

/* JSON tokens (jsmn) for one JOSE header. */
#ifndef SV_MAX_HEADER_TOKENS
#define SV_MAX_HEADER_TOKENS 64
#endif

/* JSON tokens for the claims set. */
#ifndef SV_MAX_CLAIM_TOKENS
#define SV_MAX_CLAIM_TOKENS 1024
#endif

/* A JWKS document: bytes and JSON tokens. STS allows 100 RSA + 100 EC keys. */
#ifndef SV_MAX_JWKS_BYTES
#define SV_MAX_JWKS_BYTES 262144
#endif
#ifndef SV_MAX_JWKS_TOKENS
#define SV_MAX_JWKS_TOKENS 8192
#endif
#ifndef SV_MAX_RSA_KEYS
#define SV_MAX_RSA_KEYS 100
#endif
#ifndef SV_MAX_EC_KEYS
#define SV_MAX_EC_KEYS 100
#endif

/* Other JSON documents (discovery, provider, role, policy, credentials). */
#ifndef SV_MAX_DOC_BYTES
#define SV_MAX_DOC_BYTES 65536
#endif
#ifndef SV_MAX_DOC_TOKENS
#define SV_MAX_DOC_TOKENS 4096
#endif

/* Nesting depth of any JSON document we read. */
#ifndef SV_MAX_JSON_DEPTH
#define SV_MAX_JSON_DEPTH 16
#endif

/* Values of "aud" we keep (array form). */
#ifndef SV_MAX_AUDIENCES
#define SV_MAX_AUDIENCES 16
#endif

/* Scratch bytes for strings that carry JSON escapes and must be decoded. */
#ifndef SV_MAX_STRING_ARENA
#define SV_MAX_STRING_ARENA 16384
#endif

/* RSA modulus bounds, bits. RFC 7518 section 3.3 asks for >= 2048. */
#ifndef SV_RSA_MIN_BITS
#define SV_RSA_MIN_BITS 2048
#endif
#ifndef SV_RSA_MAX_BITS
#define SV_RSA_MAX_BITS 4096
#endif

/* Rows in one report. */
#ifndef SV_MAX_REPORT_ITEMS
#define SV_MAX_REPORT_ITEMS 64
#endif

/* Bytes of detail text one report row may carry. */
#ifndef SV_MAX_DETAIL_BYTES
#define SV_MAX_DETAIL_BYTES 320
#endif

/* PolicyArns members one request may carry (STS documents at most 10). */
#ifndef SV_MAX_POLICY_ARNS
#define SV_MAX_POLICY_ARNS 20
#endif

/* An STS endpoint URL (custom ones included) and its Host header. */
#ifndef SV_MAX_URL_BYTES
#define SV_MAX_URL_BYTES 1024
#endif

/* Element nesting in an STS response body (they nest 4 deep). */
#ifndef SV_MAX_XML_DEPTH
#define SV_MAX_XML_DEPTH 16
#endif

/* Default clock-skew allowance: AWS allows five minutes past exp. */
#ifndef SV_DEFAULT_LEEWAY
#define SV_DEFAULT_LEEWAY 300
#endif

/* Statements in one policy document (trust or permission policy). */
#ifndef SV_MAX_STATEMENTS
#define SV_MAX_STATEMENTS 64
#endif

/* Failing conditions remembered per statement, to explain a denial. */
#ifndef SV_MAX_COND_NOTES
#define SV_MAX_COND_NOTES 8
#endif

/* Condition keys, and their values in all, in one request context. */
#ifndef SV_MAX_CONTEXT_KEYS
#define SV_MAX_CONTEXT_KEYS 64
#endif
#ifndef SV_MAX_CONTEXT_VALUES
#define SV_MAX_CONTEXT_VALUES 128
#endif

/*
 * Characters in one IAM wildcard pattern that sv_pol_covers/sv_pol_overlaps
 * compare with another pattern (IAM ARNs are at most 2048 characters). They
 * keep two rows of this many bytes + 1 on the stack.
 */
#ifndef SV_MAX_PATTERN_CHARS
#define SV_MAX_PATTERN_CHARS 2048
#endif

/*
 * permissions: a CredentialsRequest file (YAML or JSON; `oc get
 * credentialsrequest -o json` lists every request of a cluster, about 85 KB
 * for the 20 of a 4.x payload), its JSON tokens, the requests one file may
 * hold, and the statement entries of one request (the load-balancer
 * controller asks 23).
 */
#ifndef SV_MAX_CREDREQ_BYTES
#define SV_MAX_CREDREQ_BYTES 262144
#endif
#ifndef SV_MAX_CREDREQ_TOKENS
#define SV_MAX_CREDREQ_TOKENS 16384
#endif
#ifndef SV_MAX_CR_ITEMS
#define SV_MAX_CR_ITEMS 64
#endif
#ifndef SV_MAX_CR_ENTRIES
#define SV_MAX_CR_ENTRIES 64
#endif

/*
 * permissions: the action rows one request expands to (the load-balancer
 * controller asks 89), the policy files one run reads, and the service
 * accounts cross-checked with the trust policy.
 */
#ifndef SV_MAX_PERM_ROWS
#define SV_MAX_PERM_ROWS 512
#endif
#ifndef SV_MAX_POLICY_FILES
#define SV_MAX_POLICY_FILES 16
#endif
#ifndef SV_MAX_TRUST_ROWS
#define SV_MAX_TRUST_ROWS 16
#endif
/*
 * All --policy files of one run share these: their bytes, and JSON tokens
 * for the files and for documents carried as text (each file is also held
 * to SV_MAX_DOC_BYTES / SV_MAX_DOC_TOKENS). IAM caps a role's inline
 * policies at 10240 characters in all and a managed policy at 6144.
 */
#ifndef SV_MAX_POLICY_BYTES
#define SV_MAX_POLICY_BYTES 262144
#endif
#ifndef SV_MAX_POLICY_TOKENS
#define SV_MAX_POLICY_TOKENS 8192
#endif

/* A PEM certificate chain (check --chain). */
#ifndef SV_MAX_CHAIN_BYTES
#define SV_MAX_CHAIN_BYTES 65536
#endif

/* check's fleet view: bundles in one run, and the bytes of their paths
   (the names listed from the directories given, plus the parents'). */
#ifndef SV_MAX_BUNDLES
#define SV_MAX_BUNDLES 1024
#endif
#ifndef SV_MAX_BUNDLE_PATH_BYTES
#define SV_MAX_BUNDLE_PATH_BYTES 131072
#endif

#if SV_RSA_MAX_BITS > 4096
#error "SV_RSA_MAX_BITS above 4096 exceeds BearSSL's BR_MAX_RSA_SIZE"
#endif
#if SV_RSA_MIN_BITS > SV_RSA_MAX_BITS
#error "SV_RSA_MIN_BITS > SV_RSA_MAX_BITS"
#endif
#if SV_MAX_JSON_DEPTH < 4
#error "SV_MAX_JSON_DEPTH must allow at least 4 levels (JWKS nests 3)"
#endif

#endif
