/*
 * fuzz_x509.c -- certificates from outside: CA bundles (sv_ta_load_pem),
 * the DER reader that shows a certificate (sv_x509_info), and the X.509
 * engine wrapper that keeps the chain a TLS server sends (sv_chain around
 * BearSSL's minimal validator), driven the way BearSSL drives it.
 *
 * Every input goes through all three. For the chain, the input is a list
 * of certificates, each a 2-byte declared length, a 1-byte piece size and
 * then bytes (as many as remain, up to the declared length, appended in
 * pieces) -- a hostile server decides all of it.
 * Invariants: anchors and their pool stay inside their arrays; the info
 * strings are terminated; the chain keeps at most SV_MAX_CHAIN_CERTS
 * entries inside its store, counts every certificate seen, marks an entry
 * whole exactly when all its declared bytes were kept, and the SHA-1 it
 * records is the SHA-1 of the bytes sent.
 */
#include "fuzz.h"
#include "sv_tls.h"

static sv_ta_store store;
static sv_chain chain;
static br_x509_minimal_context xc;

static void check_chain(const uint8_t *data, size_t size)
{
	const br_x509_class **vt;
	size_t off = 0, sent = 0;
	unsigned char want[SV_MAX_CHAIN_CERTS][20];

	br_x509_minimal_init_full(&xc, NULL, 0);
	br_x509_minimal_set_time(&xc, 739880, 0);        /* 2026 */
	sv_chain_init(&chain, &xc.vtable, "issuer.example");
	vt = &chain.vtable;
	(*vt)->start_chain(vt, "issuer.example");
	while (off + 3 <= size && sent < 16) {
		uint32_t declared = (uint32_t)data[off] << 8 | data[off + 1];
		size_t piece = data[off + 2] ? data[off + 2] : 1, have, k;
		br_sha1_context h;
		off += 3;
		have = size - off < declared ? size - off : declared;
		br_sha1_init(&h);
		(*vt)->start_cert(vt, declared);
		for (k = 0; k < have; k += piece) {
			size_t l = have - k < piece ? have - k : piece;
			(*vt)->append(vt, data + off + k, l);
			br_sha1_update(&h, data + off + k, l);
		}
		(*vt)->end_cert(vt);
		if (sent < SV_MAX_CHAIN_CERTS)
			br_sha1_out(&h, want[sent]);
		off += have;
		sent++;
		FZ_CHECK(chain.seen == sent, "seen %zu of %zu", chain.seen, sent);
		FZ_CHECK(chain.n == (sent < SV_MAX_CHAIN_CERTS ? sent : SV_MAX_CHAIN_CERTS), "kept %zu", chain.n);
		FZ_CHECK(chain.used <= sizeof chain.store, "store overrun");
		if (sent <= SV_MAX_CHAIN_CERTS) {
			const sv_chain_cert *c = &chain.cert[sent - 1];
			FZ_CHECK(memcmp(c->sha1, want[sent - 1], 20) == 0, "recorded SHA-1 differs");
			FZ_CHECK(c->declared == declared, "declared");
			if (c->whole) {
				unsigned char got[20];
				FZ_CHECK(c->len == declared && c->off + c->len <= chain.used, "whole entry %zu", sent);
				br_sha1_init(&h);
				br_sha1_update(&h, chain.store + c->off, c->len);
				br_sha1_out(&h, got);
				FZ_CHECK(memcmp(got, want[sent - 1], 20) == 0, "kept bytes differ from the bytes sent");
			} else {
				FZ_CHECK(have != declared || c->len != declared || chain.used + declared > sizeof chain.store ||
				             sent > SV_MAX_CHAIN_CERTS,
				         "a complete certificate that fits is not marked whole");
			}
		}
	}
	(void)(*vt)->end_chain(vt);
	FZ_CHECK(chain.ended, "end_chain");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sv_cert_info ci;
	sv_err e;
	int rc;

	sv_ta_init(&store);
	rc = sv_ta_load_pem(&store, data, size, &e);
	FZ_CHECK(store.n <= SV_MAX_TRUST_ANCHORS && store.used <= sizeof store.pool, "anchors %zu pool %zu",
	         store.n, store.used);
	if (rc != SV_OK)
		FZ_CHECK((rc == SV_E_FORMAT || rc == SV_E_LIMIT) && e.code == rc && memchr(e.msg, 0, sizeof e.msg),
		         "ta rc %d", rc);
	else
		FZ_CHECK(store.n >= 1, "a bundle without anchors accepted");

	memset(&ci, 0x55, sizeof ci);
	if (sv_x509_info(data, size, &ci, &e) == SV_OK)
		FZ_CHECK(memchr(ci.subject, 0, sizeof ci.subject) && memchr(ci.issuer, 0, sizeof ci.issuer) &&
		             memchr(ci.san, 0, sizeof ci.san),
		         "certificate info not terminated");

	check_chain(data, size);
	return 0;
}
