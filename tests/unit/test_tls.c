/* test_tls.c -- src/sv_tls.c without any network: trust anchors from PEM with
 * their limits, certificate facts against what openssl(1) printed for the
 * fixtures, and whole TLS 1.2 handshakes between our client setup and a
 * BearSSL server in memory, checking the kept chain and its SHA-1s. */
#include "helpers.h"
#include "sv_tls.h"

#define TLS_DIR "fixtures/tls/"

/* ---- helpers (tests may allocate) -------------------------------------- */

typedef struct derbuf {
	unsigned char *p;
	size_t n, cap;
} derbuf;

static void der_sink(void *ctx, const void *buf, size_t len)
{
	derbuf *d = ctx;
	if (d->n + len > d->cap) {
		d->cap = (d->n + len) * 2;
		d->p = realloc(d->p, d->cap);
	}
	memcpy(d->p + d->n, buf, len);
	d->n += len;
}

/* The PEM objects of a file, as DER, in order. */
static size_t pem_objects(const char *path, derbuf *out, size_t max)
{
	br_pem_decoder_context pc;
	size_t len = 0, n = 0;
	char *text = th_read(path, &len);
	const unsigned char *p = (const unsigned char *)text;
	assert_non_null(text);
	br_pem_decoder_init(&pc);
	while (len > 0) {
		size_t k = br_pem_decoder_push(&pc, p, len);
		p += k;
		len -= k;
		switch (br_pem_decoder_event(&pc)) {
		case BR_PEM_BEGIN_OBJ:
			assert_true(n < max);
			memset(&out[n], 0, sizeof out[n]);
			br_pem_decoder_setdest(&pc, der_sink, &out[n]);
			break;
		case BR_PEM_END_OBJ:
			n++;
			break;
		case BR_PEM_ERROR:
			fail();
			break;
		default:
			break;
		}
	}
	free(text);
	return n;
}

static sv_ta_store tas;
static sv_err err;

static int load_file(const char *path)
{
	size_t len = 0;
	char *text = th_read(path, &len);
	int rc;
	assert_non_null(text);
	rc = sv_ta_load_pem(&tas, (const unsigned char *)text, len, &err);
	free(text);
	return rc;
}

/* ---- trust anchors ----------------------------------------------------- */

static void test_ta_root(void **state)
{
	(void)state;
	sv_ta_init(&tas);
	assert_int_equal(load_file(TLS_DIR "root-ca.pem"), SV_OK);
	assert_int_equal(tas.n, 1);
	assert_int_equal(tas.ta[0].flags, BR_X509_TA_CA);
	assert_int_equal(tas.ta[0].pkey.key_type, BR_KEYTYPE_RSA);
	assert_int_equal(tas.ta[0].pkey.key.rsa.nlen, 256);
	/* a chain file: two certificates, a leaf (no CA flag) and the intermediate */
	assert_int_equal(load_file(TLS_DIR "localhost-chain.pem"), SV_OK);
	assert_int_equal(tas.n, 3);
	assert_int_equal(tas.ta[1].flags, 0);
	assert_int_equal(tas.ta[2].flags, BR_X509_TA_CA);
}

static void test_ta_system_bundle(void **state)
{
	static const char *bundle = "/etc/ssl/certs/ca-certificates.crt";
	size_t len = 0;
	char *text = th_read(bundle, &len);
	(void)state;
	if (!text)
		skip();
	sv_ta_init(&tas);
	assert_int_equal(sv_ta_load_pem(&tas, (const unsigned char *)text, len, &err), SV_OK);
	assert_true(tas.n > 50);
	assert_true(tas.used <= SV_MAX_TA_BYTES);
	free(text);
}

static void test_ta_limits_and_errors(void **state)
{
	size_t len = 0, i;
	char *one = th_read(TLS_DIR "root-ca.pem", &len), *many;
	(void)state;
	assert_non_null(one);
	many = malloc(len * (SV_MAX_TRUST_ANCHORS + 1));
	for (i = 0; i <= SV_MAX_TRUST_ANCHORS; i++)
		memcpy(many + i * len, one, len);
	sv_ta_init(&tas);
	assert_int_equal(sv_ta_load_pem(&tas, (unsigned char *)many, len * SV_MAX_TRUST_ANCHORS, &err), SV_OK);
	assert_int_equal(tas.n, SV_MAX_TRUST_ANCHORS);
	sv_ta_init(&tas);
	assert_int_equal(sv_ta_load_pem(&tas, (unsigned char *)many, len * (SV_MAX_TRUST_ANCHORS + 1), &err),
	                 SV_E_LIMIT);
	assert_string_equal(err.msg, "more than 256 certificates (SV_MAX_TRUST_ANCHORS)");
	free(many);

	sv_ta_init(&tas);
	assert_int_equal(sv_ta_load_pem(&tas, (const unsigned char *)"hello\n", 6, &err), SV_E_FORMAT);
	assert_string_equal(err.msg, "no PEM CERTIFICATE in it");

	/* a key is skipped, not an anchor */
	sv_ta_init(&tas);
	assert_int_equal(load_file(TLS_DIR "leaf.key"), SV_E_FORMAT);
	assert_int_equal(tas.skipped, 1);

	/* cut in the middle */
	sv_ta_init(&tas);
	assert_int_equal(sv_ta_load_pem(&tas, (unsigned char *)one, len / 2, &err), SV_E_FORMAT);
	assert_string_equal(err.msg, "PEM object not terminated (missing -----END line)");

	/* bad base64 inside */
	one[100] = '*';
	sv_ta_init(&tas);
	assert_int_equal(sv_ta_load_pem(&tas, (unsigned char *)one, len, &err), SV_E_FORMAT);
	assert_string_equal(err.msg, "malformed PEM near line 3");
	free(one);
}

/* ---- certificate facts -------------------------------------------------- */

static void test_x509_info(void **state)
{
	derbuf d[2];
	sv_cert_info ci;
	(void)state;
	/* values as printed by: openssl x509 -noout -subject -issuer -dates -ext subjectAltName */
	assert_int_equal(pem_objects(TLS_DIR "localhost.pem", d, 2), 1);
	assert_int_equal(sv_x509_info(d[0].p, d[0].n, &ci, &err), SV_OK);
	assert_string_equal(ci.subject, "CN=localhost, O=stsverify tests");
	assert_string_equal(ci.issuer, "CN=stsverify test intermediate CA, O=stsverify tests");
	assert_string_equal(ci.san, "DNS:localhost");
	assert_int_equal(ci.not_before, 1735689600);   /* Jan  1 00:00:00 2025 GMT */
	assert_int_equal(ci.not_after, 2524607999);    /* Dec 31 23:59:59 2049 GMT (UTCTime) */
	assert_false(ci.is_ca);
	assert_false(ci.self_issued);
	free(d[0].p);

	assert_int_equal(pem_objects(TLS_DIR "root-ca.pem", d, 2), 1);
	assert_int_equal(sv_x509_info(d[0].p, d[0].n, &ci, &err), SV_OK);
	assert_string_equal(ci.subject, "CN=stsverify test root CA, O=stsverify tests");
	assert_int_equal(ci.not_after, 4102444799);    /* Dec 31 23:59:59 2099 GMT (GeneralizedTime) */
	assert_true(ci.is_ca);
	assert_true(ci.self_issued);
	assert_string_equal(ci.san, "");
	/* truncated DER is refused, never read past */
	assert_int_equal(sv_x509_info(d[0].p, d[0].n - 1, &ci, &err), SV_E_FORMAT);
	assert_int_equal(sv_x509_info(d[0].p, 10, &ci, &err), SV_E_FORMAT);
	free(d[0].p);
}

static void test_tls_names(void **state)
{
	char t[8];
	sv_buf b;
	char m[128];
	(void)state;
	assert_string_equal(sv_tls_version_name(BR_TLS12, t), "TLSv1.2");
	assert_string_equal(sv_tls_version_name(0x0304, t), "0x0304");
	assert_string_equal(sv_tls_suite_name(0xC02F, t), "ECDHE_RSA_WITH_AES_128_GCM_SHA256");
	assert_string_equal(sv_tls_suite_name(0x1301, t), "0x1301");
	sv_buf_init(&b, m, sizeof m);
	sv_tls_error_fmt(&b, BR_ERR_RECV_FATAL_ALERT + 40);
	assert_string_equal(m, "the server sent TLS alert handshake_failure (40)");
	sv_buf_init(&b, m, sizeof m);
	sv_tls_error_fmt(&b, BR_ERR_X509_EXPIRED);
	assert_string_equal(m, "certificate expired or not yet valid");
}

/* ---- handshakes in memory --------------------------------------------- */

static sv_tls cli;
static br_ssl_server_context srv;
static unsigned char srvbuf[BR_SSL_BUFSIZE_BIDI];
static br_x509_certificate chain[4];
static derbuf chain_der[4];
static br_skey_decoder_context skey;

/* Moves records between the two engines until both stop; returns the client's error. */
static int pump(void)
{
	int rounds;
	for (rounds = 0; rounds < 10000; rounds++) {
		unsigned cs = br_ssl_engine_current_state(&cli.cc.eng);
		unsigned ss = br_ssl_engine_current_state(&srv.eng);
		int moved = 0;
		if ((cs & BR_SSL_CLOSED) || (ss & BR_SSL_CLOSED))
			break;
		if ((cs & BR_SSL_SENDREC) && (ss & BR_SSL_RECVREC)) {
			size_t a, b;
			unsigned char *from = br_ssl_engine_sendrec_buf(&cli.cc.eng, &a);
			unsigned char *to = br_ssl_engine_recvrec_buf(&srv.eng, &b);
			size_t k = a < b ? a : b;
			memcpy(to, from, k);
			br_ssl_engine_sendrec_ack(&cli.cc.eng, k);
			br_ssl_engine_recvrec_ack(&srv.eng, k);
			moved = 1;
		}
		cs = br_ssl_engine_current_state(&cli.cc.eng);
		ss = br_ssl_engine_current_state(&srv.eng);
		if ((ss & BR_SSL_SENDREC) && (cs & BR_SSL_RECVREC)) {
			size_t a, b;
			unsigned char *from = br_ssl_engine_sendrec_buf(&srv.eng, &a);
			unsigned char *to = br_ssl_engine_recvrec_buf(&cli.cc.eng, &b);
			size_t k = a < b ? a : b;
			memcpy(to, from, k);
			br_ssl_engine_sendrec_ack(&srv.eng, k);
			br_ssl_engine_recvrec_ack(&cli.cc.eng, k);
			moved = 1;
		}
		if ((cs & BR_SSL_SENDAPP) && (ss & BR_SSL_SENDAPP))
			break;   /* handshake done on both sides */
		if (!moved)
			break;
	}
	return br_ssl_engine_last_error(&cli.cc.eng);
}

/* The versions the in-memory server accepts (BearSSL's default: TLS 1.0 to 1.2). */
static unsigned srv_vmin = BR_TLS10, srv_vmax = BR_TLS12;

/* A handshake against a server presenting chain_file, trusting ca_file, at now;
 * host_is_ip as sv_tls_start takes it. */
static int handshake_as(const char *chain_file, const char *ca_file, const char *host, int host_is_ip, int64_t now)
{
	static const unsigned char seed[32] = { 1, 2, 3 };
	size_t n, i, klen = 0;
	char *key;
	const br_rsa_private_key *sk;

	n = pem_objects(chain_file, chain_der, 4);
	for (i = 0; i < n; i++) {
		chain[i].data = chain_der[i].p;
		chain[i].data_len = chain_der[i].n;
	}
	key = th_read(TLS_DIR "leaf.key", &klen);
	{
		derbuf kd;
		br_pem_decoder_context pc;
		const unsigned char *p = (const unsigned char *)key;
		memset(&kd, 0, sizeof kd);
		br_pem_decoder_init(&pc);
		while (klen > 0) {
			size_t k = br_pem_decoder_push(&pc, p, klen);
			p += k;
			klen -= k;
			if (br_pem_decoder_event(&pc) == BR_PEM_BEGIN_OBJ)
				br_pem_decoder_setdest(&pc, der_sink, &kd);
		}
		br_skey_decoder_init(&skey);
		br_skey_decoder_push(&skey, kd.p, kd.n);
		free(kd.p);
	}
	free(key);
	sk = br_skey_decoder_get_rsa(&skey);
	assert_non_null(sk);
	br_ssl_server_init_full_rsa(&srv, chain, n, sk);
	br_ssl_engine_set_versions(&srv.eng, srv_vmin, srv_vmax);
	br_ssl_engine_set_buffer(&srv.eng, srvbuf, sizeof srvbuf, 1);
	br_ssl_engine_inject_entropy(&srv.eng, seed, sizeof seed);
	assert_true(br_ssl_server_reset(&srv));

	sv_ta_init(&tas);
	assert_int_equal(load_file(ca_file), SV_OK);
	assert_int_equal(sv_tls_start(&cli, &tas, host, host_is_ip, now, seed, sizeof seed), SV_OK);
	return pump();
}

static int handshake(const char *chain_file, const char *ca_file, const char *host, int64_t now)
{
	return handshake_as(chain_file, ca_file, host, 0, now);
}

static void free_chain(void)
{
	size_t i;
	for (i = 0; i < 4; i++) {
		free(chain_der[i].p);
		chain_der[i].p = NULL;
	}
}

#define NOW_2026 1795000000   /* 2026-11-18 */

static void test_handshake_keeps_the_chain(void **state)
{
	unsigned char sha[20];
	br_sha1_context h;
	(void)state;
	assert_int_equal(handshake(TLS_DIR "localhost-chain.pem", TLS_DIR "root-ca.pem", "localhost", NOW_2026),
	                 BR_ERR_OK);
	assert_int_equal(br_ssl_engine_get_version(&cli.cc.eng), BR_TLS12);
	assert_int_equal(cli.chain.seen, 2);
	assert_int_equal(cli.chain.n, 2);
	assert_true(cli.chain.ended);
	assert_int_equal(cli.chain.result, 0);
	assert_true(cli.chain.cert[0].whole && cli.chain.cert[1].whole);
	assert_int_equal(cli.chain.cert[0].len, chain_der[0].n);
	assert_memory_equal(cli.chain.store + cli.chain.cert[1].off, chain_der[1].p, chain_der[1].n);
	/* the IAM thumbprint: SHA-1 of the last certificate sent (the intermediate) */
	br_sha1_init(&h);
	br_sha1_update(&h, chain_der[1].p, chain_der[1].n);
	br_sha1_out(&h, sha);
	assert_memory_equal(cli.chain.last_sha1, sha, 20);
	assert_memory_equal(cli.chain.cert[1].sha1, sha, 20);
	/* = openssl x509 -in fixtures/tls/int-ca.pem -noout -fingerprint -sha1 */
	assert_memory_equal(sha, "\x64\xD1\x09\x5E\x82\x19\xE0\x20\x56\x6A\x2D\x02\x72\x5B\xEE\x49\x1D\x93\x8C\xBC", 20);
	free_chain();
}

static void test_handshake_refusals(void **state)
{
	(void)state;
	assert_int_equal(handshake(TLS_DIR "expired-chain.pem", TLS_DIR "root-ca.pem", "localhost", NOW_2026),
	                 BR_ERR_X509_EXPIRED);
	assert_int_equal(cli.chain.seen, 2);     /* the chain is kept even when refused */
	free_chain();
	/* and the good one is not yet valid in 2024 */
	assert_int_equal(handshake(TLS_DIR "localhost-chain.pem", TLS_DIR "root-ca.pem", "localhost", 1710000000),
	                 BR_ERR_X509_EXPIRED);
	free_chain();
	assert_int_equal(handshake(TLS_DIR "wronghost-chain.pem", TLS_DIR "root-ca.pem", "localhost", NOW_2026),
	                 BR_ERR_X509_BAD_SERVER_NAME);
	free_chain();
	assert_int_equal(handshake(TLS_DIR "localhost-chain.pem", TLS_DIR "root-ca.pem", "127.0.0.1", NOW_2026),
	                 BR_ERR_X509_BAD_SERVER_NAME);
	free_chain();
	assert_int_equal(handshake(TLS_DIR "untrusted-chain.pem", TLS_DIR "root-ca.pem", "localhost", NOW_2026),
	                 BR_ERR_X509_NOT_TRUSTED);
	free_chain();
	/* trusting the other CA instead makes the same chain fine */
	assert_int_equal(handshake(TLS_DIR "untrusted-chain.pem", TLS_DIR "other-ca.pem", "localhost", NOW_2026),
	                 BR_ERR_OK);
	free_chain();
}

/* Server name indication: the host name goes in the ClientHello (the server
 * picks its certificate by it); an address never does (RFC 6066), yet the
 * certificate is still checked against it. */
static void test_handshake_sends_sni(void **state)
{
	(void)state;
	assert_int_equal(handshake(TLS_DIR "localhost-chain.pem", TLS_DIR "root-ca.pem", "localhost", NOW_2026),
	                 BR_ERR_OK);
	assert_string_equal(br_ssl_engine_get_server_name(&srv.eng), "localhost");
	free_chain();
	assert_int_equal(handshake_as(TLS_DIR "localhost-chain.pem", TLS_DIR "root-ca.pem", "127.0.0.1", 1, NOW_2026),
	                 BR_ERR_X509_BAD_SERVER_NAME);
	assert_string_equal(br_ssl_engine_get_server_name(&srv.eng), "");
	free_chain();
}

/* TLS 1.2 only: a server that stops at TLS 1.1 gets no handshake. */
static void test_handshake_tls12_only(void **state)
{
	(void)state;
	srv_vmin = BR_TLS10;
	srv_vmax = BR_TLS11;
	assert_int_equal(handshake(TLS_DIR "localhost-chain.pem", TLS_DIR "root-ca.pem", "localhost", NOW_2026),
	                 BR_ERR_UNSUPPORTED_VERSION);
	assert_false(br_ssl_engine_current_state(&cli.cc.eng) & BR_SSL_SENDAPP);
	free_chain();
	srv_vmax = BR_TLS12;
	assert_int_equal(handshake(TLS_DIR "localhost-chain.pem", TLS_DIR "root-ca.pem", "localhost", NOW_2026),
	                 BR_ERR_OK);
	assert_int_equal(br_ssl_engine_get_version(&cli.cc.eng), BR_TLS12);
	free_chain();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ta_root),
		cmocka_unit_test(test_ta_system_bundle),
		cmocka_unit_test(test_ta_limits_and_errors),
		cmocka_unit_test(test_x509_info),
		cmocka_unit_test(test_tls_names),
		cmocka_unit_test(test_handshake_keeps_the_chain),
		cmocka_unit_test(test_handshake_refusals),
		cmocka_unit_test(test_handshake_sends_sni),
		cmocka_unit_test(test_handshake_tls12_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
