/*
 * sv_tls.h -- the TLS pieces that are pure functions of bytes: trust
 * anchors from a PEM bundle in fixed storage, an X.509 engine that wraps
 * BearSSL's minimal validator and keeps the chain the server sent, a DER
 * reader for what a person wants to see in a certificate, and the setup of
 * a TLS 1.2 client. Sockets, time and entropy come from the caller (the CLI
 * drives br_sslio over the port); nothing here does I/O.
 */
#ifndef SV_TLS_H
#define SV_TLS_H

#include <bearssl.h>

#include "sv_internal.h"

/* Trust anchors kept from one PEM bundle (Debian's has about 150). */
#ifndef SV_MAX_TRUST_ANCHORS
#define SV_MAX_TRUST_ANCHORS 256
#endif
/* Bytes for the anchors' names and public keys together. */
#ifndef SV_MAX_TA_BYTES
#define SV_MAX_TA_BYTES 196608
#endif
/* A PEM bundle file (Debian's is about 220 kB). */
#ifndef SV_MAX_CA_FILE_BYTES
#define SV_MAX_CA_FILE_BYTES 1048576
#endif
/* One DER certificate. */
#ifndef SV_MAX_CERT_BYTES
#define SV_MAX_CERT_BYTES 16384
#endif
/* Certificates of a server chain kept for display, and their bytes. */
#ifndef SV_MAX_CHAIN_CERTS
#define SV_MAX_CHAIN_CERTS 8
#endif
#ifndef SV_MAX_CHAIN_BYTES
#define SV_MAX_CHAIN_BYTES 49152
#endif

/* ---- trust anchors ---------------------------------------------------- */

typedef struct sv_ta_store {
	br_x509_trust_anchor ta[SV_MAX_TRUST_ANCHORS];
	size_t        n;
	size_t        skipped;     /* PEM objects that are not certificates */
	unsigned char pool[SV_MAX_TA_BYTES];
	size_t        used;
	int           overflow;    /* private: the pool ran out mid-certificate */
} sv_ta_store;

void sv_ta_init(sv_ta_store *s);

/*
 * Adds every CERTIFICATE in a PEM bundle as a trust anchor (CA flag from
 * basicConstraints, as brssl does). SV_E_LIMIT naming the limit when the
 * bundle has more than SV_MAX_TRUST_ANCHORS certificates or their names and
 * keys exceed SV_MAX_TA_BYTES; SV_E_FORMAT for broken PEM or DER (err says
 * which certificate, counting from 1). A bundle without any certificate is
 * SV_E_FORMAT too.
 */
int sv_ta_load_pem(sv_ta_store *s, const unsigned char *pem, size_t len, sv_err *err);

/* ---- the chain the server sent ---------------------------------------- */

typedef struct sv_chain_cert {
	size_t        off;         /* in store */
	size_t        len;         /* bytes kept */
	uint32_t      declared;    /* length the server announced */
	int           whole;       /* len == declared: the DER is complete */
	unsigned char sha1[20];
} sv_chain_cert;

typedef struct sv_chain {
	const br_x509_class  *vtable;   /* first: BearSSL calls through it */
	const br_x509_class **inner;    /* the validator we wrap */
	const char           *name;     /* expected server name (also for IP literals) */
	unsigned char         store[SV_MAX_CHAIN_BYTES];
	size_t                used;
	sv_chain_cert         cert[SV_MAX_CHAIN_CERTS];
	size_t                n;        /* entries in cert[] */
	size_t                seen;     /* certificates the server sent */
	unsigned char         last_sha1[20];   /* SHA-1 of the last one, always */
	int                   ended;    /* end_chain ran */
	unsigned              result;   /* what the validator said (0 = trusted) */
	br_sha1_context       sha;
	sv_chain_cert         cur;
} sv_chain;

/* Wraps inner (an initialised br_x509_minimal_context's vtable). */
void sv_chain_init(sv_chain *c, const br_x509_class **inner, const char *expected_name);

/* ---- what a certificate says ------------------------------------------- */

typedef struct sv_cert_info {
	char    subject[320];
	char    issuer[320];
	char    san[320];          /* "DNS:a, DNS:b, IP:127.0.0.1"; "" when none */
	int64_t not_before, not_after;
	int     is_ca;
	int     self_issued;       /* subject and issuer are the same DN */
} sv_cert_info;

/* Subject, issuer, validity, SAN and CA flag from DER; SV_E_FORMAT when not a certificate. */
int sv_x509_info(const unsigned char *der, size_t len, sv_cert_info *ci, sv_err *err);

/* ---- the client ------------------------------------------------------- */

typedef struct sv_tls {
	br_ssl_client_context  cc;
	br_x509_minimal_context xc;
	sv_chain               chain;
	unsigned char          iobuf[BR_SSL_BUFSIZE_BIDI];
} sv_tls;

/*
 * Prepares a TLS 1.2-only client for host (SNI unless host is an IP
 * literal; the certificate must name host either way), anchored in ta,
 * checking certificate validity at now (Unix seconds), seeded with the
 * caller's entropy. The handshake runs on the first br_sslio call.
 * SV_E_CRYPTO when BearSSL refuses (no anchors, bad name).
 */
int sv_tls_start(sv_tls *t, const sv_ta_store *ta, const char *host, int host_is_ip, int64_t now,
                 const unsigned char *seed, size_t seedlen);

/* "TLSv1.2", or "0x0305". */
const char *sv_tls_version_name(unsigned v, char tmp[8]);
/* "ECDHE_RSA_WITH_AES_128_GCM_SHA256", or "0xC02F". */
const char *sv_tls_suite_name(unsigned s, char tmp[8]);
/* Words for a BearSSL error code (SSL, X.509, or a TLS alert sent/received). */
void sv_tls_error_fmt(sv_buf *b, int err);

#endif
