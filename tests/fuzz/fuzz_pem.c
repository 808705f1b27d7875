/*
 * fuzz_pem.c -- PEM certificate chains (sv_thumb_chain, the IAM OIDC
 * thumbprint: SHA-1 of the DER of the last certificate).
 *
 * Invariants: success means at least one certificate, no NUL byte, and
 * BEGIN and END lines (BearSSL folds the name loosely, see below); the result does not depend on what follows
 * the last END line being absent or a line end (the reader adds one);
 * failures carry a terminated message and a position inside the input.
 */
#include "fuzz.h"
#include "stsverify/sv_docs.h"

/* BearSSL's decoder reads the BEGIN keyword without regard to case ("-----BeGIN"). */
static int has_nocase(const uint8_t *d, size_t n, const char *w)
{
	size_t l = strlen(w), i, k;
	for (i = 0; i + l <= n; i++) {
		for (k = 0; k < l; k++) {
			int c = d[i + k];
			if ((c >= 'a' && c <= 'z' ? c - 32 : c) != w[k])
				break;
		}
		if (k == l)
			return 1;
	}
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	unsigned char h[20], h2[20];
	size_t n = 0, n2 = 0;
	sv_err e;
	int rc;

	memset(&e, 0, sizeof e);
	rc = sv_thumb_chain((const char *)data, size, h, &n, &e);
	if (rc != SV_OK) {
		FZ_CHECK(rc == SV_E_FORMAT && e.code == rc && memchr(e.msg, 0, sizeof e.msg), "rc %d", rc);
		FZ_CHECK(e.pos <= size, "error offset %zu beyond %zu bytes", e.pos, size);
		return 0;
	}
	FZ_CHECK(n >= 1, "no certificate");
	/*
	 * BearSSL reads the BEGIN line loosely (any case, and it folds the name,
	 * so "CE\rTIFICATE" reads as CERTIFICATE): only the markers are certain.
	 */
	FZ_CHECK(has_nocase(data, size, "-----BEGIN ") && has_nocase(data, size, "-----END"),
	         "a chain without BEGIN and END lines");
	FZ_CHECK(memchr(data, 0, size) == NULL, "PEM text with a NUL byte accepted");
	if (size > 0 && data[size - 1] != '\n') {
		unsigned char *nl = malloc(size + 1);
		memcpy(nl, data, size);
		nl[size] = '\n';
		FZ_CHECK(sv_thumb_chain((const char *)nl, size + 1, h2, &n2, &e) == SV_OK && n2 == n &&
		             memcmp(h, h2, 20) == 0,
		         "a final line end changes the thumbprint");
		free(nl);
	}
	return 0;
}
