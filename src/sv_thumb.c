/*
 * sv_thumb.c -- the IAM OIDC thumbprint of a certificate chain: SHA-1 of
 * the DER of the last certificate the jwks_uri host serves (IAM user
 * guide, id_roles_providers_create_oidc_verify-thumbprint). PEM goes
 * through BearSSL's decoder; each certificate is hashed as it streams,
 * so nothing is buffered.
 */
#include <bearssl.h>

#include "sv_internal.h"
#include "stsverify/sv_docs.h"

typedef struct thumb_sink {
	br_sha1_context h;
	size_t          n;
	unsigned char   first;
} thumb_sink;

static void sink(void *ctx, const void *data, size_t len)
{
	thumb_sink *s = ctx;
	if (len && s->n == 0)
		s->first = *(const unsigned char *)data;
	s->n += len;
	br_sha1_update(&s->h, data, len);
}

static void discard(void *ctx, const void *data, size_t len)
{
	(void)ctx;
	(void)data;
	(void)len;
}

typedef struct thumb_state {
	br_pem_decoder_context pc;
	thumb_sink s;
	size_t certs;
	size_t total;          /* input length: positions never point past it */
	int    in_cert, in_obj;
	unsigned char last[20];
} thumb_state;

/* Pushes bytes through the decoder, handling its events; SV_E_FORMAT on a PEM error. */
static int feed(thumb_state *t, const char *p, size_t n, size_t base, size_t *done, sv_err *err)
{
	size_t off = 0;
	while (off < n) {
		off += br_pem_decoder_push(&t->pc, p + off, n - off);
		switch (br_pem_decoder_event(&t->pc)) {
		case BR_PEM_BEGIN_OBJ:
			t->in_obj = 1;
			t->in_cert = strcmp(br_pem_decoder_name(&t->pc), "CERTIFICATE") == 0 ||
			             strcmp(br_pem_decoder_name(&t->pc), "X509 CERTIFICATE") == 0;
			if (t->in_cert) {
				br_sha1_init(&t->s.h);
				t->s.n = 0;
				br_pem_decoder_setdest(&t->pc, sink, &t->s);
			} else {
				br_pem_decoder_setdest(&t->pc, discard, NULL);
			}
			break;
		case BR_PEM_END_OBJ:
			if (t->in_cert) {
				if (t->s.n == 0 || t->s.first != 0x30) {
					/* the END line may be completed by the line end we add */
					size_t at = base + off > t->total ? t->total : base + off;
					sv_err_set(err, SV_E_FORMAT, at,
					           "offset %z: certificate %z is not DER (an ASN.1 SEQUENCE)", at,
					           t->certs + 1);
					return SV_E_FORMAT;
				}
				br_sha1_out(&t->s.h, t->last);
				t->certs++;
			}
			t->in_obj = t->in_cert = 0;
			break;
		case BR_PEM_ERROR: {
			size_t at = base + off > t->total ? t->total : base + off;
			sv_err_set(err, SV_E_FORMAT, at, "offset %z: broken PEM (bad base64 or BEGIN/END lines)", at);
		}
			return SV_E_FORMAT;
		default:
			break;
		}
	}
	*done = base + n;
	return SV_OK;
}

int sv_thumb_chain(const char *pem, size_t len, unsigned char sha1[20], size_t *ncerts, sv_err *err)
{
	thumb_state t;
	size_t done;

	/*
	 * PEM is text. BearSSL hands the BEGIN line's name over as a C string,
	 * so "-----BEGIN CERTIFICATE\0anything-----" would read as CERTIFICATE.
	 */
	{
		const char *z = memchr(pem, '\0', len);
		if (z) {
			sv_err_set(err, SV_E_FORMAT, (size_t)(z - pem), "offset %z: a NUL byte in PEM text",
			           (size_t)(z - pem));
			return SV_E_FORMAT;
		}
	}
	memset(&t, 0, sizeof t);
	br_pem_decoder_init(&t.pc);
	t.total = len;
	/* the decoder needs a line end after the last END line */
	if (feed(&t, pem, len, 0, &done, err) != SV_OK || feed(&t, "\n", 1, len, &done, err) != SV_OK)
		return SV_E_FORMAT;
	if (t.in_obj) {
		sv_err_set(err, SV_E_FORMAT, len, "offset %z: a PEM block has no END line", len);
		return SV_E_FORMAT;
	}
	if (t.certs == 0) {
		sv_err_set(err, SV_E_FORMAT, 0,
		           "offset 0: expected PEM certificates (-----BEGIN CERTIFICATE-----), as openssl s_client -showcerts prints them");
		return SV_E_FORMAT;
	}
	memcpy(sha1, t.last, 20);
	*ncerts = t.certs;
	return SV_OK;
}
