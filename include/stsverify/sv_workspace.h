/*
 * sv_workspace.h -- the views and the workspace the core fills.
 *
 * Complete types so a caller can place them in .bss or on a task stack;
 * members are private by contract: do not rely on their layout.
 */
#ifndef SV_WORKSPACE_H
#define SV_WORKSPACE_H

/* jsmn types only; src/sv_json.c alone compiles jsmn's implementation. */
#ifndef JSMN_H
#define JSMN_HEADER
#include <jsmn.h>
#undef JSMN_HEADER
#endif

/* A parsed JSON document: jsmn tokens over caller bytes. */
typedef struct sv_json {
	const char *js;
	size_t      len;
	jsmntok_t  *tok;
	int         ntok;
} sv_json;

/* Scratch for decoded (escaped) strings. */
typedef struct sv_arena {
	char  *buf;
	size_t cap;
	size_t used;
} sv_arena;

/* A NumericDate claim. */
typedef enum sv_nd_state {
	SV_ND_ABSENT = 0,
	SV_ND_OK,
	SV_ND_BADTYPE,     /* string, bool, null, object, array */
	SV_ND_FRACTION,    /* a JSON number with a fraction or exponent */
	SV_ND_RANGE        /* integer outside int64 */
} sv_nd_state;

typedef struct sv_numdate {
	sv_nd_state state;
	int64_t     v;
	sv_sv       raw;      /* the JSON text of the value */
} sv_numdate;

typedef enum sv_field_state {
	SV_F_ABSENT = 0,
	SV_F_OK,
	SV_F_BADTYPE
} sv_field_state;

typedef struct sv_header {
	sv_alg alg;            /* SV_ALG_NONE when unknown / not accepted */
	sv_sv  alg_name;       /* as written (decoded) */
	sv_field_state alg_state;
	sv_sv  kid;
	sv_field_state kid_state;
	sv_sv  typ;
	int    has_crit, has_b64, b64_false;
	int    has_jwk, has_jku, has_x5u, has_x5c;
} sv_header;

typedef struct sv_claims {
	sv_sv          iss;
	sv_field_state iss_state;
	sv_sv          sub;
	sv_field_state sub_state;
	sv_sv          aud[SV_MAX_AUDIENCES];
	size_t         naud;
	sv_field_state aud_state;
	int            aud_is_array;
	sv_sv          azp;
	sv_field_state azp_state;
	int            amr_tok;       /* JSON token index of amr, or -1 */
	sv_numdate     exp, nbf, iat;
	int            tags_tok;      /* "https://aws.amazon.com/tags", or -1 */
	int            k8s_tok;       /* "kubernetes.io" object, or -1 */
} sv_claims;

typedef struct sv_token {
	sv_sv       jwt;            /* the whole compact form */
	sv_sv       seg[3];         /* raw base64url segments */
	sv_sv       header_json;    /* decoded bytes in the workspace */
	sv_sv       payload_json;
	const unsigned char *sig;
	size_t      sig_len;
	sv_json     hdoc, cdoc;
	sv_header   hdr;
	sv_claims   clm;
	int         decoded;        /* header and claims parsed */
} sv_token;

typedef enum sv_kty {
	SV_KTY_OTHER = 0,
	SV_KTY_RSA,
	SV_KTY_EC
} sv_kty;

/* One JWK: views into the JWKS text (escape-free) or the arena. */
typedef struct sv_jwk {
	int    obj;              /* token index of the key object */
	sv_kty kty;
	sv_sv  kty_name;
	sv_sv  kid;
	int    has_kid;
	sv_sv  alg;
	sv_sv  use;
	int    has_use, has_alg, has_key_ops, key_ops_verify;
	int    has_private;      /* d, p, q, dp, dq, qi, oth, k */
	sv_sv  n, e;             /* RSA, base64url text */
	sv_sv  crv, x, y;        /* EC, base64url text */
} sv_jwk;

typedef struct sv_jwks {
	sv_json doc;
	sv_jwk  keys[SV_MAX_RSA_KEYS + SV_MAX_EC_KEYS];
	size_t  nkeys;          /* keys kept (RSA + EC + others up to cap) */
	size_t  nrsa, nec, nother;
	size_t  nprivate;
} sv_jwks;

/* Decoded key material for the selected key. */
typedef struct sv_keybuf {
	unsigned char n[SV_RSA_MAX_BITS / 8 + 1];
	size_t        nlen;
	unsigned char e[8];
	size_t        elen;
	unsigned char q[1 + 2 * 66];   /* uncompressed EC point, P-521 at most */
	size_t        qlen;
	int           curve;           /* BearSSL curve id */
} sv_keybuf;

/* One RSA public key in Montgomery form for the verification fast path (src/sv_rsa.c). */
typedef union sv_rsa_limbs {
	uint64_t l64[SV_RSA_MAX_BITS / 64];
	uint32_t l32[SV_RSA_MAX_BITS / 32];
} sv_rsa_limbs;

typedef struct sv_rsa_key {
	sv_rsa_limbs  n, rr;              /* modulus and R^2 mod n, little-endian limbs */
	uint64_t      n0;                 /* -1/n mod 2^(limb bits) */
	size_t        k;                  /* limbs in use */
	unsigned char nb[SV_RSA_MAX_BITS / 8];   /* the key it was made from */
	size_t        nlen;
	unsigned char e[8];
	size_t        elen;
	int           ready;
} sv_rsa_key;

/* Everything verification needs; the caller owns it. */
typedef struct sv_workspace {
	char          hbuf[SV_MAX_JWT_BYTES];     /* decoded header */
	char          pbuf[SV_MAX_JWT_BYTES];     /* decoded payload */
	unsigned char sbuf[SV_RSA_MAX_BITS / 8 + 8];
	jsmntok_t     htok[SV_MAX_HEADER_TOKENS];
	jsmntok_t     ctok[SV_MAX_CLAIM_TOKENS];
	jsmntok_t     ktok[SV_MAX_JWKS_TOKENS];
	char          abuf[SV_MAX_STRING_ARENA];
	sv_arena      arena;
	sv_token      tok;
	sv_jwks       jwks;
	sv_keybuf     key;
	sv_rsa_key    rsa;                        /* the last RSA key used, kept across a batch */
	int           selected;                   /* JWKS key index or -1 */
	size_t        jwks_arena;                 /* arena bytes the loaded JWKS keeps */
	uint32_t      jwks_loaded;                /* SV_JWKS_LOADED after sv_verify_load_jwks */
} sv_workspace;

#endif
