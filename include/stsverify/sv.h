/*
 * sv.h -- stsverify's core API.
 *
 * The core is a pure function of bytes, a clock value and a workspace the
 * caller owns: it allocates nothing, does no I/O and never reads the clock.
 * Strings are (pointer, length) views into the caller's input or into the
 * workspace; nothing here is NUL-terminated unless it says so.
 */
#ifndef SV_H
#define SV_H

#include <stddef.h>
#include <stdint.h>

#include "sv_config.h"

#define SV_VERSION "0.1.0"

/* ------------------------------------------------------------------ */
/* String views                                                        */
/* ------------------------------------------------------------------ */

typedef struct sv_sv {
	const char *p;
	size_t      n;
} sv_sv;

#define SV_LIT(s) ((sv_sv){ (s), sizeof(s) - 1 })
#define SV_NULL   ((sv_sv){ NULL, 0 })

sv_sv sv_from_cstr(const char *s);
int   sv_eq(sv_sv a, sv_sv b);                  /* 1 when byte-equal */
int   sv_eq_nocase(sv_sv a, sv_sv b);           /* ASCII case folding */
int   sv_has_prefix(sv_sv s, sv_sv prefix);
int   sv_has_suffix(sv_sv s, sv_sv suffix);
sv_sv sv_slice(sv_sv s, size_t from, size_t to);
/* Index of the first byte c at or after from, or (size_t)-1. */
size_t sv_find(sv_sv s, char c, size_t from);
/* IAM StringLike: '*' any run, '?' one character (UTF-8 aware). */
int   sv_like(sv_sv pattern, sv_sv value, int nocase);

/* ------------------------------------------------------------------ */
/* Return codes: can the function do its job. Verdicts are data.       */
/* ------------------------------------------------------------------ */

enum {
	SV_OK        = 0,
	SV_E_PARAM   = -1,  /* caller passed something impossible           */
	SV_E_LIMIT   = -2,  /* a compile-time capacity would be exceeded    */
	SV_E_JSON    = -3,  /* not the JSON we accept                       */
	SV_E_B64     = -4,  /* not strict base64url / base64                */
	SV_E_IO      = -5,  /* the port could not read or write             */
	SV_E_NOENT   = -6,  /* no such file / variable                      */
	SV_E_ACCES   = -7,  /* permission denied                            */
	SV_E_FORMAT  = -8,  /* well-formed bytes, wrong shape               */
	SV_E_CRYPTO  = -9,  /* the crypto layer refused its input           */
	SV_E_ISDIR   = -10, /* a directory where a file was expected        */
	SV_E_TIMEOUT = -11, /* a network peer was too slow                  */
	SV_E_NET     = -12  /* a network peer failed or refused             */
};

const char *sv_strerror(int rc);

/*
 * Where a parse failed and why, in words: "claims: offset 17: expected ':'".
 * Functions that read outside input fill one; msg is always NUL-terminated.
 */
typedef struct sv_err {
	int    code;
	size_t pos;      /* byte offset in the input, when meaningful */
	char   msg[192];
} sv_err;

/* ------------------------------------------------------------------ */
/* Checks, statuses, reports                                           */
/* ------------------------------------------------------------------ */

typedef enum sv_check_id {
#define SV_CHECK(e, slug, what) SV_CHK_##e,
#include "sv_checks.def"
#undef SV_CHECK
	SV_CHK__COUNT
} sv_check_id;

const char *sv_check_slug(sv_check_id id);
const char *sv_check_what(sv_check_id id);
/* SV_CHK__COUNT when unknown. */
sv_check_id sv_check_by_slug(sv_sv slug);

typedef enum sv_status {
	SV_PASS = 0,
	SV_WARN = 1,
	SV_FAIL = 2,
	SV_SKIP = 3
} sv_status;

const char *sv_status_name(sv_status s);  /* "PASS" ... */

#ifndef SV_MAX_HINT_BYTES
#define SV_MAX_HINT_BYTES 768
#endif

typedef struct sv_item {
	sv_check_id id;
	sv_status   status;
	char        detail[SV_MAX_DETAIL_BYTES]; /* NUL-terminated */
	char        hint[SV_MAX_HINT_BYTES];     /* NUL-terminated; "" if none */
} sv_item;

typedef struct sv_report {
	sv_item items[SV_MAX_REPORT_ITEMS];
	size_t  count;
	int     overflow;   /* a row did not fit: the report is incomplete */
} sv_report;

void     sv_report_init(sv_report *r);
/* Adds or replaces the row for id; returns it (NULL only on overflow). */
sv_item *sv_report_set(sv_report *r, sv_check_id id, sv_status st,
                       const char *detail_fmt, ...);
void     sv_report_hint(sv_item *it, const char *fmt, ...);
sv_item *sv_report_find(sv_report *r, sv_check_id id);
const sv_item *sv_report_get(const sv_report *r, sv_check_id id);
/* 1 when no row is FAIL. */
int      sv_report_ok(const sv_report *r);
/* Rows are shown in sv_checks.def order. */
void     sv_report_sort(sv_report *r);

/* ------------------------------------------------------------------ */
/* Algorithms                                                          */
/* ------------------------------------------------------------------ */

typedef enum sv_alg {
	SV_ALG_NONE = 0,
	SV_ALG_RS256 = 1u << 0,
	SV_ALG_RS384 = 1u << 1,
	SV_ALG_RS512 = 1u << 2,
	SV_ALG_ES256 = 1u << 3,
	SV_ALG_ES384 = 1u << 4,
	SV_ALG_ES512 = 1u << 5
} sv_alg;

#define SV_ALG_STS_ALL 0x3Fu   /* every alg STS accepts */

sv_alg      sv_alg_from_name(sv_sv name);   /* SV_ALG_NONE if unknown */
const char *sv_alg_name(sv_alg a);
/* Parses "RS256,ES256"; SV_E_FORMAT naming the bad entry in err. */
int         sv_alg_parse_list(sv_sv list, unsigned *mask, sv_err *err);

#include "sv_workspace.h"

/* ------------------------------------------------------------------ */
/* Verification                                                        */
/* ------------------------------------------------------------------ */

#ifndef SV_MAX_EXPECT_AUD
#define SV_MAX_EXPECT_AUD 8
#endif

typedef struct sv_verify_opts {
	int64_t  now;                 /* Unix seconds, from the caller */
	int64_t  leeway;              /* seconds; SV_DEFAULT_LEEWAY */
	unsigned algs;                /* mask of sv_alg; 0 means SV_ALG_STS_ALL */
	sv_sv    aud[SV_MAX_EXPECT_AUD];
	size_t   naud;                /* 0: audience not checked */
	sv_sv    iss;                 /* p == NULL: issuer not checked */
} sv_verify_opts;

void sv_verify_opts_init(sv_verify_opts *o, int64_t now);

/*
 * Decodes and parses the token (no key needed). On success ws->tok holds
 * the views. On failure the report row tok.format explains; returns
 * SV_E_FORMAT. jwt must not carry the file's line end (see sv_token_trim).
 */
int sv_token_decode(sv_workspace *ws, const char *jwt, size_t len,
                    sv_report *rep);

/*
 * Strips exactly one trailing "\n" or "\r\n" from a token file. Any other
 * whitespace, a second line or an empty file is SV_E_FORMAT with err set.
 */
int sv_token_trim(const char *buf, size_t len, sv_sv *jwt, sv_err *err);

/*
 * Full verification of jwt against the JWKS bytes: structure, header,
 * key selection, signature, claims. Returns SV_OK when it could evaluate
 * (the verdict is sv_report_ok(rep)); SV_E_JSON/SV_E_LIMIT with err set
 * when the JWKS is not a JWKS at all (a usage error, exit 2).
 */
#if defined(__GNUC__)
__attribute__((warn_unused_result))
#endif
int sv_verify(sv_workspace *ws, const sv_verify_opts *o,
              const char *jwt, size_t jwt_len,
              const char *jwks, size_t jwks_len,
              sv_report *rep, sv_err *err);

/*
 * Many tokens, one JWKS (batch mode): sv_verify_load_jwks parses the JWKS
 * once into ws; then each sv_verify_token call checks one token against it
 * and fills rep exactly as sv_verify would. The JWKS bytes must stay
 * unchanged while ws is in use. sv_verify_load_jwks returns SV_E_JSON /
 * SV_E_FORMAT / SV_E_LIMIT with err set when the document is not a JWKS;
 * sv_verify_token returns SV_E_PARAM when no JWKS is loaded, else SV_OK
 * (the verdict is sv_report_ok(rep)). sv_verify and sv_token_decode unload it.
 */
#if defined(__GNUC__)
__attribute__((warn_unused_result))
#endif
int sv_verify_load_jwks(sv_workspace *ws, const char *jwks, size_t jwks_len, sv_err *err);
#if defined(__GNUC__)
__attribute__((warn_unused_result))
#endif
int sv_verify_token(sv_workspace *ws, const sv_verify_opts *o, const char *jwt, size_t jwt_len,
                    sv_report *rep);

/*
 * Wipes decoded payload, key copies and tokens in ws. It reads ws first and
 * writes only the runs that are not zero, so pages never used stay
 * unmapped: give it zero-initialised storage (static, or memset once).
 */
void sv_workspace_wipe(sv_workspace *ws);

#endif
