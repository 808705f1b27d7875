/*
 * sv_internal.h -- declarations shared by the core modules; not installed.
 */
#ifndef SV_INTERNAL_H
#define SV_INTERNAL_H

#include <stdarg.h>
#include <string.h>

#include "stsverify/sv.h"

/* ---- bounded text writer (sv_buf.c) --------------------------------- */

/*
 * Writes into caller memory, always NUL-terminated. When text does not fit
 * the writer stops and sets overflow; callers that show text to a human
 * elide on purpose (sv_buf_clip) so overflow never goes unnoticed.
 */
typedef struct sv_buf {
	char  *p;
	size_t cap;
	size_t len;
	int    overflow;
} sv_buf;

void sv_buf_init(sv_buf *b, char *mem, size_t cap);
void sv_buf_put(sv_buf *b, const char *s, size_t n);
void sv_buf_str(sv_buf *b, const char *s);
void sv_buf_sv(sv_buf *b, sv_sv s);
void sv_buf_char(sv_buf *b, char c);
void sv_buf_i64(sv_buf *b, int64_t v);
void sv_buf_u64(sv_buf *b, uint64_t v);
void sv_buf_hex(sv_buf *b, const unsigned char *p, size_t n);
/* Printable form of untrusted bytes: controls and non-UTF-8 as \xNN; at most max bytes shown. */
void sv_buf_clip(sv_buf *b, sv_sv s, size_t max);
/* A JSON string literal, quotes included. */
void sv_buf_json(sv_buf *b, sv_sv s);
/* 2026-11-28T10:00:00Z */
void sv_buf_time(sv_buf *b, int64_t t);
/* "3 h 12 min", "45 s", "2 d 4 h" */
void sv_buf_span(sv_buf *b, int64_t seconds);
/*
 * printf-like, with our own verbs (no stdio in the core):
 *   %s C string  %v sv_sv  %q sv_sv quoted and clipped  %d int  %l int64_t
 *   %z size_t  %T int64_t time (UTC)  %A int64_t age/span  %%
 */
void sv_buf_vfmt(sv_buf *b, const char *fmt, va_list ap);
void sv_buf_fmt(sv_buf *b, const char *fmt, ...);

void sv_err_set(sv_err *e, int code, size_t pos, const char *fmt, ...);

/* ---- time ------------------------------------------------------------ */

/* Unix seconds or RFC 3339 UTC ("2026-11-28T10:00:00Z"). */
int sv_time_parse(sv_sv s, int64_t *t);
void sv_time_civil(int64_t t, int *y, int *mo, int *d, int *h, int *mi, int *s);
/*
 * a - b, saturated to INT64_MIN / INT64_MAX. NumericDates are any int64 a
 * token carries (exp = -2^63 included), so every difference of two times
 * goes through this: plain subtraction overflows, which is undefined and in
 * practice wraps, turning "expired long ago" into "inside the leeway".
 */
int64_t sv_time_sub(int64_t a, int64_t b);

/* ---- base64 (sv_b64.c) -------------------------------------------- */

/* Strict base64url without padding: zero trailing bits, no whitespace. */
int sv_b64url_decode(sv_sv in, unsigned char *out, size_t cap, size_t *outlen, sv_err *err);
/* Standard base64 with padding (Kubernetes Secret data). */
int sv_b64std_decode(sv_sv in, unsigned char *out, size_t cap, size_t *outlen, sv_err *err);
size_t sv_b64url_encode(const unsigned char *in, size_t n, char *out, size_t cap);

/* ---- JSON (sv_json.c) ---------------------------------------------- */

int  sv_json_parse(sv_json *d, const char *js, size_t len,
                   jsmntok_t *tok, size_t cap, sv_err *err);
/* Index of the token after the subtree rooted at i. */
int  sv_json_next(const sv_json *d, int i);
/* Value index of member key in object obj, or -1. Escape-aware. */
int  sv_json_get(const sv_json *d, int obj, sv_sv key);
int  sv_json_type(const sv_json *d, int i);     /* JSMN_* */
/* Raw JSON text of a token (strings without their quotes). */
sv_sv sv_json_raw(const sv_json *d, int i);
/* String value, unescaped into the arena when needed. */
int  sv_json_str(const sv_json *d, int i, sv_arena *a, sv_sv *out);
/* Escape-aware equality of string token i with s. */
int  sv_json_str_eq(const sv_json *d, int i, sv_sv s);
/* Integer value; returns a sv_nd_state. */
sv_nd_state sv_json_int(const sv_json *d, int i, int64_t *v);
/* 1 for true, 0 for false, -1 when not a boolean. */
int  sv_json_bool(const sv_json *d, int i);
int  sv_json_count(const sv_json *d, int i);    /* members / elements */

void sv_arena_init(sv_arena *a, char *buf, size_t cap);

/* Strict UTF-8 (no overlongs, surrogates or > U+10FFFF): 0, or -1 with *bad the offset. */
int  sv_utf8_check(const char *s, size_t n, size_t *bad);
/* Appends code point c (<= U+10FFFF, not a surrogate) at o + *w; at most 4 bytes. */
void sv_utf8_put(char *o, size_t *w, uint32_t c);

/* ---- XML (sv_xml.c): a strict pull reader for STS bodies ------------- */
/*
 * Elements, attributes, character data, comments and one leading XML
 * declaration. No DTD (so no entity declarations: billion-laughs is
 * refused at "<!DOCTYPE"), no processing instructions, no CDATA. Only the
 * five predefined entities and numeric character references. Depth at most
 * SV_MAX_XML_DEPTH. Every malformation is SV_E_FORMAT with err->pos.
 */
typedef enum sv_xml_kind {
	SV_XML_OPEN = 1,     /* <name ...> or <name .../> (then a CLOSE follows) */
	SV_XML_CLOSE,        /* </name> */
	SV_XML_TEXT          /* character data inside the root, raw (see sv_xml_decode) */
} sv_xml_kind;

typedef struct sv_xml_ev {
	sv_xml_kind kind;
	sv_sv  name;         /* OPEN / CLOSE: the qualified name */
	sv_sv  local;        /* the name after any "prefix:" */
	sv_sv  raw;          /* TEXT */
	size_t pos;
	int    depth;        /* OPEN / CLOSE: 1 for the root; TEXT: the enclosing element's */
} sv_xml_ev;

typedef struct sv_xml {
	sv_sv  doc;
	size_t pos;
	int    depth;
	int    started, root_seen, pending_close;
	sv_sv  stack[SV_MAX_XML_DEPTH];
	size_t stack_pos[SV_MAX_XML_DEPTH];
} sv_xml;

void sv_xml_init(sv_xml *x, sv_sv doc);
/* 1 with *ev, 0 at the end of a complete document, < 0 with err. */
int  sv_xml_next(sv_xml *x, sv_xml_ev *ev, sv_err *err);
/*
 * Character data with references decoded and line ends normalised (CR LF
 * and CR become LF), appended at out + *len. out == NULL only validates and
 * counts. base is raw's offset in the document, for error positions.
 */
int  sv_xml_decode(sv_sv raw, size_t base, char *out, size_t cap, size_t *len, sv_err *err);

/* ---- token, claims, keys ------------------------------------------- */

int  sv_header_parse(sv_token *t, sv_arena *a, sv_err *err);
int  sv_claims_parse(sv_token *t, sv_arena *a, sv_err *err);
int  sv_jwks_parse(sv_jwks *k, const char *js, size_t len, jsmntok_t *tok,
                   size_t cap, sv_arena *a, sv_err *err);

/*
 * Decodes the key into kb and checks it fits alg (kty, use, key_ops, alg,
 * size, exponent, curve); writes the key.params row. 1 when usable.
 */
int  sv_key_check(sv_keybuf *kb, const sv_jwk *key, sv_alg alg, sv_report *rep);

/* Signature over header.payload with the decoded key; 1 valid, 0 not. */
int  sv_sig_verify_rsa(sv_alg alg, const unsigned char *n, size_t nlen,
                       const unsigned char *e, size_t elen,
                       const unsigned char *msg, size_t msglen,
                       const unsigned char *sig, size_t siglen);
int  sv_sig_verify_ec(sv_alg alg, int curve, const unsigned char *q, size_t qlen,
                      const unsigned char *msg, size_t msglen,
                      const unsigned char *sig, size_t siglen);

/* The same, with the key prepared by sv_rsa_key_init (batch mode keeps it). */
int  sv_sig_verify_rsa_key(const sv_rsa_key *key, sv_alg alg,
                           const unsigned char *msg, size_t msglen,
                           const unsigned char *sig, size_t siglen);

/* ---- RSA public operation (sv_rsa.c): public data only ------------- */

/*
 * Montgomery constants for n (big-endian, leading zero bytes ignored) and
 * e (1 to 8 significant bytes). SV_E_PARAM for an even n, n = 1, or sizes
 * outside those bounds.
 */
int  sv_rsa_key_init(sv_rsa_key *key, const unsigned char *n, size_t nlen,
                     const unsigned char *e, size_t elen);
/* 1 when key was made from exactly this n and e. */
int  sv_rsa_key_is(const sv_rsa_key *key, const unsigned char *n, size_t nlen,
                   const unsigned char *e, size_t elen);
/*
 * x <- x^e mod n in place, as br_rsa_public does: xlen must be n's length
 * without leading zeros; returns 0 (x unspecified) when it is not, when
 * x >= n, or when the key is not ready, else 1.
 */
uint32_t sv_rsa_public(const sv_rsa_key *key, unsigned char *x, size_t xlen);
/* Which code sv_rsa_public runs: limb width and assembly or portable C (tests, bench). */
const char *sv_rsa_impl(void);

/* The header rows (hdr.alg, hdr.crit, hdr.keyref) for a decoded token. */
void sv_verify_header(const sv_token *t, const sv_verify_opts *o, sv_report *rep);
/*
 * The key rows (jwks.keys, key.select, key.params, sig.valid) for the
 * decoded token in ws against ws->jwks, which the caller parsed.
 */
void sv_verify_keys(sv_workspace *ws, const sv_verify_opts *o, sv_report *rep);
/* tok.format's general hint when its row is FAIL without one (verify and check; decode's
   input error keeps the CLI's own hint) */
void sv_verify_token_format_hint(sv_report *rep);

/* The claim rows (iss, sub, aud, exp, nbf, iat) for a decoded token. */
void sv_verify_claims(const sv_token *t, const sv_verify_opts *o, sv_report *rep);

/* Constant-time style compare, 1 when equal. */
int  sv_ct_eq(const unsigned char *a, const unsigned char *b, size_t n);
void sv_wipe(void *p, size_t n);
void sv_wipe_sparse(void *p, size_t n);   /* zero-initialised storage only: reads it first */

#endif
