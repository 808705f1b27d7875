/* sv_tls.c -- trust anchors, the chain-keeping X.509 engine, certificate facts, client setup. */
#include "sv_tls.h"

/* ---- trust anchors ---------------------------------------------------- */

void sv_ta_init(sv_ta_store *s)
{
	s->n = 0;
	s->skipped = 0;
	s->used = 0;
	s->overflow = 0;
}

/* Reserves len bytes of the pool; NULL (and overflow set) when it is full. */
static unsigned char *pool_take(sv_ta_store *s, size_t len)
{
	unsigned char *p;
	if (len > sizeof s->pool - s->used) {
		s->overflow = 1;
		return NULL;
	}
	p = s->pool + s->used;
	s->used += len;
	return p;
}

static void dn_append(void *ctx, const void *buf, size_t len)
{
	sv_ta_store *s = ctx;
	unsigned char *p = pool_take(s, len);
	if (p)
		memcpy(p, buf, len);
}

static int add_cert(sv_ta_store *s, const unsigned char *der, size_t len, size_t nth, sv_err *err)
{
	static br_x509_decoder_context dc;
	br_x509_trust_anchor *ta;
	const br_x509_pkey *pk;
	size_t dn_start = s->used;
	unsigned char *kp;

	if (s->n == SV_MAX_TRUST_ANCHORS) {
		sv_err_set(err, SV_E_LIMIT, 0, "more than %d certificates (SV_MAX_TRUST_ANCHORS)",
		           SV_MAX_TRUST_ANCHORS);
		return SV_E_LIMIT;
	}
	br_x509_decoder_init(&dc, dn_append, s);
	br_x509_decoder_push(&dc, der, len);
	if (s->overflow)
		goto full;
	pk = br_x509_decoder_get_pkey(&dc);
	if (!pk) {
		sv_err_set(err, SV_E_FORMAT, 0, "certificate %z is not a certificate BearSSL can read (X.509 error %d)",
		           nth, br_x509_decoder_last_error(&dc));
		s->used = dn_start;
		return SV_E_FORMAT;
	}
	ta = &s->ta[s->n];
	ta->dn.data = s->pool + dn_start;
	ta->dn.len = s->used - dn_start;
	ta->flags = br_x509_decoder_isCA(&dc) ? BR_X509_TA_CA : 0;
	ta->pkey.key_type = pk->key_type;
	if (pk->key_type == BR_KEYTYPE_RSA) {
		kp = pool_take(s, pk->key.rsa.nlen + pk->key.rsa.elen);
		if (!kp)
			goto full;
		memcpy(kp, pk->key.rsa.n, pk->key.rsa.nlen);
		memcpy(kp + pk->key.rsa.nlen, pk->key.rsa.e, pk->key.rsa.elen);
		ta->pkey.key.rsa.n = kp;
		ta->pkey.key.rsa.nlen = pk->key.rsa.nlen;
		ta->pkey.key.rsa.e = kp + pk->key.rsa.nlen;
		ta->pkey.key.rsa.elen = pk->key.rsa.elen;
	} else if (pk->key_type == BR_KEYTYPE_EC) {
		kp = pool_take(s, pk->key.ec.qlen);
		if (!kp)
			goto full;
		memcpy(kp, pk->key.ec.q, pk->key.ec.qlen);
		ta->pkey.key.ec.curve = pk->key.ec.curve;
		ta->pkey.key.ec.q = kp;
		ta->pkey.key.ec.qlen = pk->key.ec.qlen;
	} else {
		s->used = dn_start;
		s->skipped++;
		return SV_OK;
	}
	s->n++;
	return SV_OK;
full:
	sv_err_set(err, SV_E_LIMIT, 0, "names and keys of the certificates exceed %d bytes (SV_MAX_TA_BYTES) "
	           "at certificate %z", SV_MAX_TA_BYTES, nth);
	return SV_E_LIMIT;
}

typedef struct pem_sink {
	unsigned char der[SV_MAX_CERT_BYTES];
	size_t len;
	int over;
} pem_sink;

static void pem_dest(void *ctx, const void *buf, size_t len)
{
	pem_sink *k = ctx;
	if (len > sizeof k->der - k->len) {
		k->over = 1;
		return;
	}
	memcpy(k->der + k->len, buf, len);
	k->len += len;
}

static void pem_discard(void *ctx, const void *buf, size_t len)
{
	(void)ctx;
	(void)buf;
	(void)len;
}

int sv_ta_load_pem(sv_ta_store *s, const unsigned char *pem, size_t len, sv_err *err)
{
	static br_pem_decoder_context pc;
	static pem_sink sink;
	size_t nth = 0, line = 1, k, off = 0;
	int in_obj = 0, is_cert = 0, pass;
	static const unsigned char nl = '\n';

	br_pem_decoder_init(&pc);
	/* BearSSL's decoder needs a line end after the last END line: feed one */
	for (pass = 0; pass < 2; pass++) {
		const unsigned char *p = pass ? &nl : pem;
		size_t n = pass ? 1 : len;
		while (n > 0) {
			size_t used = br_pem_decoder_push(&pc, p, n);
			if (!pass)
				off += used;
			p += used;
			n -= used;
			switch (br_pem_decoder_event(&pc)) {
			case BR_PEM_BEGIN_OBJ: {
				const char *name = br_pem_decoder_name(&pc);
				in_obj = 1;
				is_cert = strcmp(name, "CERTIFICATE") == 0 || strcmp(name, "X509 CERTIFICATE") == 0;
				sink.len = 0;
				sink.over = 0;
				if (is_cert)
					br_pem_decoder_setdest(&pc, pem_dest, &sink);
				else
					br_pem_decoder_setdest(&pc, pem_discard, NULL);
				break;
			}
			case BR_PEM_END_OBJ: {
				int rc;
				in_obj = 0;
				if (!is_cert) {
					s->skipped++;
					break;
				}
				nth++;
				if (sink.over) {
					sv_err_set(err, SV_E_LIMIT, 0, "certificate %z is larger than %d bytes (SV_MAX_CERT_BYTES)",
					           nth, SV_MAX_CERT_BYTES);
					return SV_E_LIMIT;
				}
				rc = add_cert(s, sink.der, sink.len, nth, err);
				if (rc != SV_OK)
					return rc;
				break;
			}
			case BR_PEM_ERROR:
				/* the line of the last byte consumed, where the decoder stopped */
				for (k = 0; off > 0 && k < off - 1; k++)
					if (pem[k] == '\n')
						line++;
				sv_err_set(err, SV_E_FORMAT, off, "malformed PEM near line %z", line);
				return SV_E_FORMAT;
			default:
				break;
			}
		}
	}
	if (in_obj) {
		sv_err_set(err, SV_E_FORMAT, 0, "PEM object not terminated (missing -----END line)");
		return SV_E_FORMAT;
	}
	if (nth == 0) {
		sv_err_set(err, SV_E_FORMAT, 0, "no PEM CERTIFICATE in it");
		return SV_E_FORMAT;
	}
	return SV_OK;
}

/* ---- the chain-keeping X.509 engine ----------------------------------- */

static sv_chain *chain_of(const br_x509_class **ctx)
{
	return (sv_chain *)(void *)ctx;
}

static void ch_start_chain(const br_x509_class **ctx, const char *server_name)
{
	sv_chain *c = chain_of(ctx);
	(void)server_name;   /* we pass our own: also checked when no SNI was sent */
	c->used = 0;
	c->n = 0;
	c->seen = 0;
	c->ended = 0;
	c->result = 0;
	(*c->inner)->start_chain(c->inner, c->name);
}

static void ch_start_cert(const br_x509_class **ctx, uint32_t length)
{
	sv_chain *c = chain_of(ctx);
	c->cur.off = c->used;
	c->cur.len = 0;
	c->cur.declared = length;
	c->cur.whole = c->n < SV_MAX_CHAIN_CERTS;   /* 1 while every byte so far was kept */
	br_sha1_init(&c->sha);
	(*c->inner)->start_cert(c->inner, length);
}

static void ch_append(const br_x509_class **ctx, const unsigned char *buf, size_t len)
{
	sv_chain *c = chain_of(ctx);
	br_sha1_update(&c->sha, buf, len);
	if (c->cur.whole && len <= sizeof c->store - c->used) {
		memcpy(c->store + c->used, buf, len);
		c->used += len;
		c->cur.len += len;
	} else {
		c->cur.whole = 0;
	}
	(*c->inner)->append(c->inner, buf, len);
}

static void ch_end_cert(const br_x509_class **ctx)
{
	sv_chain *c = chain_of(ctx);
	br_sha1_out(&c->sha, c->last_sha1);
	c->seen++;
	if (c->n < SV_MAX_CHAIN_CERTS) {
		c->cur.whole = c->cur.whole && c->cur.len == c->cur.declared;
		memcpy(c->cur.sha1, c->last_sha1, 20);
		if (!c->cur.whole)
			c->used = c->cur.off;   /* partial bytes are useless; the digest is kept */
		c->cert[c->n++] = c->cur;
	}
	(*c->inner)->end_cert(c->inner);
}

static unsigned ch_end_chain(const br_x509_class **ctx)
{
	sv_chain *c = chain_of(ctx);
	c->result = (*c->inner)->end_chain(c->inner);
	c->ended = 1;
	return c->result;
}

static const br_x509_pkey *ch_get_pkey(const br_x509_class *const *ctx, unsigned *usages)
{
	const sv_chain *c = (const sv_chain *)(const void *)ctx;
	return (*c->inner)->get_pkey(c->inner, usages);
}

static const br_x509_class chain_vtable = {
	sizeof(sv_chain),
	ch_start_chain,
	ch_start_cert,
	ch_append,
	ch_end_cert,
	ch_end_chain,
	ch_get_pkey
};

void sv_chain_init(sv_chain *c, const br_x509_class **inner, const char *expected_name)
{
	c->vtable = &chain_vtable;
	c->inner = inner;
	c->name = expected_name;
	c->used = 0;
	c->n = 0;
	c->seen = 0;
	c->ended = 0;
	c->result = 0;
	memset(c->last_sha1, 0, sizeof c->last_sha1);
}

/* ---- DER: just enough to show a certificate ---------------------------- */

typedef struct der {
	const unsigned char *p;
	size_t n;
} der;

/* Reads one TLV from *in; 0 ok, -1 malformed. */
static int der_next(der *in, unsigned *tag, der *val)
{
	size_t len, k, nb;
	if (in->n < 2)
		return -1;
	*tag = in->p[0];
	if ((*tag & 0x1F) == 0x1F)
		return -1;
	len = in->p[1];
	k = 2;
	if (len & 0x80) {
		nb = len & 0x7F;
		if (nb == 0 || nb > 4 || in->n < 2 + nb)
			return -1;
		len = 0;
		for (; k < 2 + nb; k++)
			len = (len << 8) | in->p[k];
	}
	if (len > in->n - k)
		return -1;
	val->p = in->p + k;
	val->n = len;
	in->p += k + len;
	in->n -= k + len;
	return 0;
}

static int der_expect(der *in, unsigned want, der *val)
{
	unsigned tag;
	if (der_next(in, &tag, val) != 0 || tag != want)
		return -1;
	return 0;
}

static const struct {
	unsigned char len;
	unsigned char oid[10];
	const char *name;
} oid_names[] = {
	{ 3, { 0x55, 0x04, 0x03 }, "CN" },
	{ 3, { 0x55, 0x04, 0x06 }, "C" },
	{ 3, { 0x55, 0x04, 0x07 }, "L" },
	{ 3, { 0x55, 0x04, 0x08 }, "ST" },
	{ 3, { 0x55, 0x04, 0x0A }, "O" },
	{ 3, { 0x55, 0x04, 0x0B }, "OU" },
	{ 3, { 0x55, 0x04, 0x05 }, "serialNumber" },
	{ 10, { 0x09, 0x92, 0x26, 0x89, 0x93, 0xF2, 0x2C, 0x64, 0x01, 0x19 }, "DC" },
	{ 9, { 0x2A, 0x86, 0x48, 0x86, 0xF7, 0x0D, 0x01, 0x09, 0x01 }, "emailAddress" },
};

static void put_oid(sv_buf *b, der oid)
{
	size_t i;
	uint64_t v = 0;
	for (i = 0; i < sizeof oid_names / sizeof oid_names[0]; i++) {
		if (oid.n == oid_names[i].len && memcmp(oid.p, oid_names[i].oid, oid.n) == 0) {
			sv_buf_str(b, oid_names[i].name);
			return;
		}
	}
	if (oid.n == 0)
		return;
	sv_buf_u64(b, oid.p[0] / 40 > 2 ? 2 : oid.p[0] / 40);
	sv_buf_char(b, '.');
	sv_buf_u64(b, oid.p[0] < 80 ? oid.p[0] % 40 : (uint64_t)oid.p[0] - 80);
	for (i = 1; i < oid.n; i++) {
		v = (v << 7) | (oid.p[i] & 0x7F);
		if (!(oid.p[i] & 0x80)) {
			sv_buf_char(b, '.');
			sv_buf_u64(b, v);
			v = 0;
		}
	}
}

static void put_string(sv_buf *b, unsigned tag, der v)
{
	size_t i;
	if (tag == 0x1E) {            /* BMPString: UCS-2 big-endian to UTF-8 */
		char u[3 * 64];
		size_t o = 0;
		for (i = 0; i + 1 < v.n && o + 3 <= sizeof u; i += 2) {
			unsigned c = (unsigned)v.p[i] << 8 | v.p[i + 1];
			if (c < 0x80) {
				u[o++] = (char)c;
			} else if (c < 0x800) {
				u[o++] = (char)(0xC0 | c >> 6);
				u[o++] = (char)(0x80 | (c & 0x3F));
			} else {
				u[o++] = (char)(0xE0 | c >> 12);
				u[o++] = (char)(0x80 | ((c >> 6) & 0x3F));
				u[o++] = (char)(0x80 | (c & 0x3F));
			}
		}
		sv_buf_clip(b, (sv_sv){ u, o }, 128);
		return;
	}
	if (tag == 0x0C || tag == 0x13 || tag == 0x16 || tag == 0x14 || tag == 0x1A) {
		sv_buf_clip(b, (sv_sv){ (const char *)v.p, v.n }, 128);
		return;
	}
	sv_buf_char(b, '#');
	sv_buf_hex(b, v.p, v.n > 32 ? 32 : v.n);
}

/* A Name as "C=US, O=Org, CN=name" in certificate order. */
static int put_name(sv_buf *b, der name)
{
	int first = 1;
	while (name.n) {
		der rdn;
		if (der_expect(&name, 0x31, &rdn) != 0)
			return -1;
		if (!first)
			sv_buf_str(b, ", ");
		first = 0;
		while (rdn.n) {
			der atv, oid, val;
			unsigned tag;
			if (der_expect(&rdn, 0x30, &atv) != 0 || der_expect(&atv, 0x06, &oid) != 0 ||
			    der_next(&atv, &tag, &val) != 0)
				return -1;
			put_oid(b, oid);
			sv_buf_char(b, '=');
			put_string(b, tag, val);
			if (rdn.n)
				sv_buf_str(b, " + ");
		}
	}
	return 0;
}

static int64_t days_from_civil(int64_t y, unsigned m, unsigned d)
{
	int64_t era;
	unsigned yoe, doy, doe;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (153 * (m + (m > 2 ? (unsigned)-3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static int der_time(unsigned tag, der v, int64_t *t)
{
	unsigned f[7] = { 0 };
	size_t i, k = 0, nd = tag == 0x17 ? 12 : 14;
	int64_t y;
	if ((tag != 0x17 && tag != 0x18) || v.n != nd + 1 || v.p[nd] != 'Z')
		return -1;
	for (i = 0; i < nd; i++)
		if (v.p[i] < '0' || v.p[i] > '9')
			return -1;
	if (tag == 0x17) {
		y = (v.p[0] - '0') * 10 + (v.p[1] - '0');
		y += y < 50 ? 2000 : 1900;
		k = 2;
	} else {
		y = (v.p[0] - '0') * 1000 + (v.p[1] - '0') * 100 + (v.p[2] - '0') * 10 + (v.p[3] - '0');
		k = 4;
	}
	for (i = 1; i <= 5; i++, k += 2)
		f[i] = (unsigned)(v.p[k] - '0') * 10 + (unsigned)(v.p[k + 1] - '0');
	if (f[1] < 1 || f[1] > 12 || f[2] < 1 || f[2] > 31 || f[3] > 23 || f[4] > 59 || f[5] > 60)
		return -1;
	*t = days_from_civil(y, f[1], f[2]) * 86400 + f[3] * 3600 + f[4] * 60 + f[5];
	return 0;
}

static void put_san(sv_buf *b, der names)
{
	int first = 1;
	while (names.n) {
		der v;
		unsigned tag;
		if (der_next(&names, &tag, &v) != 0)
			return;
		if (tag == 0x82) {
			sv_buf_str(b, first ? "DNS:" : ", DNS:");
			sv_buf_clip(b, (sv_sv){ (const char *)v.p, v.n }, 128);
			first = 0;
		} else if (tag == 0x87 && (v.n == 4 || v.n == 16)) {
			size_t i;
			sv_buf_str(b, first ? "IP:" : ", IP:");
			for (i = 0; i < v.n; i++) {
				if (v.n == 4) {
					if (i)
						sv_buf_char(b, '.');
					sv_buf_u64(b, v.p[i]);
				} else {
					if (i && i % 2 == 0)
						sv_buf_char(b, ':');
					sv_buf_hex(b, v.p + i, 1);
				}
			}
			first = 0;
		}
	}
}

int sv_x509_info(const unsigned char *derp, size_t len, sv_cert_info *ci, sv_err *err)
{
	static const unsigned char oid_san[] = { 0x55, 0x1D, 0x11 }, oid_bc[] = { 0x55, 0x1D, 0x13 };
	der in = { derp, len }, cert, tbs, v, issuer, subject, validity;
	unsigned tag;
	sv_buf b;

	memset(ci, 0, sizeof *ci);
	if (der_expect(&in, 0x30, &cert) != 0 || der_expect(&cert, 0x30, &tbs) != 0)
		goto bad;
	if (tbs.n && tbs.p[0] == 0xA0 && der_next(&tbs, &tag, &v) != 0)
		goto bad;
	if (der_expect(&tbs, 0x02, &v) != 0 || der_expect(&tbs, 0x30, &v) != 0 ||
	    der_expect(&tbs, 0x30, &issuer) != 0 || der_expect(&tbs, 0x30, &validity) != 0 ||
	    der_expect(&tbs, 0x30, &subject) != 0 || der_expect(&tbs, 0x30, &v) != 0)
		goto bad;
	if (der_next(&validity, &tag, &v) != 0 || der_time(tag, v, &ci->not_before) != 0 ||
	    der_next(&validity, &tag, &v) != 0 || der_time(tag, v, &ci->not_after) != 0)
		goto bad;
	sv_buf_init(&b, ci->subject, sizeof ci->subject);
	if (put_name(&b, subject) != 0)
		goto bad;
	sv_buf_init(&b, ci->issuer, sizeof ci->issuer);
	if (put_name(&b, issuer) != 0)
		goto bad;
	ci->self_issued = issuer.n == subject.n && memcmp(issuer.p, subject.p, issuer.n) == 0;
	sv_buf_init(&b, ci->san, sizeof ci->san);
	while (tbs.n) {
		der exts, ext, oid, val;
		if (der_next(&tbs, &tag, &v) != 0)
			goto bad;
		if (tag != 0xA3)
			continue;
		if (der_expect(&v, 0x30, &exts) != 0)
			goto bad;
		while (exts.n) {
			if (der_expect(&exts, 0x30, &ext) != 0 || der_expect(&ext, 0x06, &oid) != 0)
				goto bad;
			if (ext.n && ext.p[0] == 0x01 && der_next(&ext, &tag, &val) != 0)
				goto bad;
			if (der_expect(&ext, 0x04, &val) != 0)
				goto bad;
			if (oid.n == 3 && memcmp(oid.p, oid_san, 3) == 0) {
				der names;
				if (der_expect(&val, 0x30, &names) == 0)
					put_san(&b, names);
			} else if (oid.n == 3 && memcmp(oid.p, oid_bc, 3) == 0) {
				der seq, flag;
				if (der_expect(&val, 0x30, &seq) == 0 && seq.n && seq.p[0] == 0x01 &&
				    der_expect(&seq, 0x01, &flag) == 0 && flag.n == 1 && flag.p[0])
					ci->is_ca = 1;
			}
		}
	}
	return SV_OK;
bad:
	sv_err_set(err, SV_E_FORMAT, 0, "not a DER X.509 certificate this reader understands");
	return SV_E_FORMAT;
}

/* ---- the client ------------------------------------------------------- */

int sv_tls_start(sv_tls *t, const sv_ta_store *ta, const char *host, int host_is_ip, int64_t now,
                 const unsigned char *seed, size_t seedlen)
{
	int64_t days = now / 86400, secs = now % 86400;
	if (secs < 0) {
		secs += 86400;
		days--;
	}
	br_ssl_client_init_full(&t->cc, &t->xc, ta->ta, ta->n);
	br_ssl_engine_set_versions(&t->cc.eng, BR_TLS12, BR_TLS12);
	br_ssl_engine_set_buffer(&t->cc.eng, t->iobuf, sizeof t->iobuf, 1);
	/* BearSSL counts days from 0000-01-01; 719528 days separate it from 1970-01-01 */
	br_x509_minimal_set_time(&t->xc, (uint32_t)(days + 719528), (uint32_t)secs);
	sv_chain_init(&t->chain, &t->xc.vtable, host);
	br_ssl_engine_set_x509(&t->cc.eng, &t->chain.vtable);
	if (seedlen)
		br_ssl_engine_inject_entropy(&t->cc.eng, seed, seedlen);
	/* RFC 6066: no SNI for an address; the name check above still applies */
	if (!br_ssl_client_reset(&t->cc, host_is_ip ? NULL : host, 0))
		return SV_E_CRYPTO;
	return SV_OK;
}

const char *sv_tls_version_name(unsigned v, char tmp[8])
{
	static const char hx[] = "0123456789ABCDEF";
	switch (v) {
	case BR_SSL30: return "SSLv3";
	case BR_TLS10: return "TLSv1.0";
	case BR_TLS11: return "TLSv1.1";
	case BR_TLS12: return "TLSv1.2";
	default:
		tmp[0] = '0';
		tmp[1] = 'x';
		tmp[2] = hx[(v >> 12) & 15];
		tmp[3] = hx[(v >> 8) & 15];
		tmp[4] = hx[(v >> 4) & 15];
		tmp[5] = hx[v & 15];
		tmp[6] = '\0';
		return tmp;
	}
}

static const struct {
	unsigned id;
	const char *name;
} suites[] = {
	{ BR_TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, "ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" },
	{ BR_TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, "ECDHE_RSA_WITH_AES_128_GCM_SHA256" },
	{ BR_TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384, "ECDHE_ECDSA_WITH_AES_256_GCM_SHA384" },
	{ BR_TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, "ECDHE_RSA_WITH_AES_256_GCM_SHA384" },
	{ BR_TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256, "ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256" },
	{ BR_TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256, "ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256" },
	{ BR_TLS_ECDHE_ECDSA_WITH_AES_128_CCM, "ECDHE_ECDSA_WITH_AES_128_CCM" },
	{ BR_TLS_ECDHE_ECDSA_WITH_AES_256_CCM, "ECDHE_ECDSA_WITH_AES_256_CCM" },
	{ BR_TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8, "ECDHE_ECDSA_WITH_AES_128_CCM_8" },
	{ BR_TLS_ECDHE_ECDSA_WITH_AES_256_CCM_8, "ECDHE_ECDSA_WITH_AES_256_CCM_8" },
	{ BR_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256, "ECDHE_ECDSA_WITH_AES_128_CBC_SHA256" },
	{ BR_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256, "ECDHE_RSA_WITH_AES_128_CBC_SHA256" },
	{ BR_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384, "ECDHE_ECDSA_WITH_AES_256_CBC_SHA384" },
	{ BR_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384, "ECDHE_RSA_WITH_AES_256_CBC_SHA384" },
	{ BR_TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA, "ECDHE_ECDSA_WITH_AES_128_CBC_SHA" },
	{ BR_TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, "ECDHE_RSA_WITH_AES_128_CBC_SHA" },
	{ BR_TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA, "ECDHE_ECDSA_WITH_AES_256_CBC_SHA" },
	{ BR_TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA, "ECDHE_RSA_WITH_AES_256_CBC_SHA" },
	{ BR_TLS_ECDH_ECDSA_WITH_AES_128_GCM_SHA256, "ECDH_ECDSA_WITH_AES_128_GCM_SHA256" },
	{ BR_TLS_ECDH_RSA_WITH_AES_128_GCM_SHA256, "ECDH_RSA_WITH_AES_128_GCM_SHA256" },
	{ BR_TLS_ECDH_ECDSA_WITH_AES_256_GCM_SHA384, "ECDH_ECDSA_WITH_AES_256_GCM_SHA384" },
	{ BR_TLS_ECDH_RSA_WITH_AES_256_GCM_SHA384, "ECDH_RSA_WITH_AES_256_GCM_SHA384" },
	{ BR_TLS_RSA_WITH_AES_128_GCM_SHA256, "RSA_WITH_AES_128_GCM_SHA256" },
	{ BR_TLS_RSA_WITH_AES_256_GCM_SHA384, "RSA_WITH_AES_256_GCM_SHA384" },
	{ BR_TLS_RSA_WITH_AES_128_CCM, "RSA_WITH_AES_128_CCM" },
	{ BR_TLS_RSA_WITH_AES_256_CCM, "RSA_WITH_AES_256_CCM" },
	{ BR_TLS_RSA_WITH_AES_128_CBC_SHA256, "RSA_WITH_AES_128_CBC_SHA256" },
	{ BR_TLS_RSA_WITH_AES_256_CBC_SHA256, "RSA_WITH_AES_256_CBC_SHA256" },
	{ BR_TLS_RSA_WITH_AES_128_CBC_SHA, "RSA_WITH_AES_128_CBC_SHA" },
	{ BR_TLS_RSA_WITH_AES_256_CBC_SHA, "RSA_WITH_AES_256_CBC_SHA" },
	{ BR_TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA, "ECDHE_RSA_WITH_3DES_EDE_CBC_SHA" },
	{ BR_TLS_RSA_WITH_3DES_EDE_CBC_SHA, "RSA_WITH_3DES_EDE_CBC_SHA" },
};

const char *sv_tls_suite_name(unsigned s, char tmp[8])
{
	size_t i;
	for (i = 0; i < sizeof suites / sizeof suites[0]; i++)
		if (suites[i].id == s)
			return suites[i].name;
	return sv_tls_version_name(s | 0x10000u, tmp);
}

static const struct {
	int err;
	const char *text;
} errors[] = {
	{ BR_ERR_UNSUPPORTED_VERSION, "the server does not speak TLS 1.2" },
	{ BR_ERR_BAD_VERSION, "the server answered with a TLS version other than 1.2" },
	{ BR_ERR_BAD_LENGTH, "malformed TLS record (wrong length)" },
	{ BR_ERR_TOO_LARGE, "TLS record too large" },
	{ BR_ERR_BAD_MAC, "TLS record failed its integrity check" },
	{ BR_ERR_NO_RANDOM, "no entropy to seed the TLS engine" },
	{ BR_ERR_UNKNOWN_TYPE, "not TLS (unknown record type)" },
	{ BR_ERR_UNEXPECTED, "unexpected TLS message" },
	{ BR_ERR_BAD_HANDSHAKE, "malformed TLS handshake message" },
	{ BR_ERR_BAD_CIPHER_SUITE, "the server chose a cipher suite we did not offer" },
	{ BR_ERR_BAD_SNI, "bad server name" },
	{ BR_ERR_LIMIT_EXCEEDED, "a TLS message exceeds BearSSL's limits" },
	{ BR_ERR_BAD_FINISHED, "TLS Finished message does not verify" },
	{ BR_ERR_INVALID_ALGORITHM, "the server used a signature algorithm we did not offer" },
	{ BR_ERR_BAD_SIGNATURE, "the server's handshake signature does not verify" },
	{ BR_ERR_WRONG_KEY_USAGE, "the certificate's key usage forbids this use" },
	{ BR_ERR_IO, "connection failed during TLS" },
	{ BR_ERR_X509_INVALID_VALUE, "malformed certificate (invalid value)" },
	{ BR_ERR_X509_TRUNCATED, "malformed certificate (truncated)" },
	{ BR_ERR_X509_EMPTY_CHAIN, "the server sent no certificate" },
	{ BR_ERR_X509_BAD_TIME, "malformed certificate (bad time)" },
	{ BR_ERR_X509_UNSUPPORTED, "certificate uses an unsupported feature" },
	{ BR_ERR_X509_LIMIT_EXCEEDED, "certificate exceeds BearSSL's limits" },
	{ BR_ERR_X509_WRONG_KEY_TYPE, "certificate key type does not fit the cipher suite" },
	{ BR_ERR_X509_BAD_SIGNATURE, "a certificate signature in the chain does not verify" },
	{ BR_ERR_X509_TIME_UNKNOWN, "no time to check the certificate against" },
	{ BR_ERR_X509_EXPIRED, "certificate expired or not yet valid" },
	{ BR_ERR_X509_DN_MISMATCH, "chain is out of order (issuer and subject do not match)" },
	{ BR_ERR_X509_BAD_SERVER_NAME, "certificate does not match the host name" },
	{ BR_ERR_X509_CRITICAL_EXTENSION, "certificate has an unsupported critical extension" },
	{ BR_ERR_X509_NOT_CA, "an intermediate certificate is not a CA" },
	{ BR_ERR_X509_FORBIDDEN_KEY_USAGE, "certificate key usage forbids TLS server use" },
	{ BR_ERR_X509_WEAK_PUBLIC_KEY, "certificate key is too weak" },
	{ BR_ERR_X509_NOT_TRUSTED, "certificate chain is not trusted (no trust anchor issued it)" },
};

static const struct {
	int alert;
	const char *name;
} alerts[] = {
	{ 10, "unexpected_message" }, { 20, "bad_record_mac" }, { 22, "record_overflow" },
	{ 40, "handshake_failure" }, { 42, "bad_certificate" }, { 43, "unsupported_certificate" },
	{ 44, "certificate_revoked" }, { 45, "certificate_expired" }, { 46, "certificate_unknown" },
	{ 47, "illegal_parameter" }, { 48, "unknown_ca" }, { 50, "decode_error" },
	{ 51, "decrypt_error" }, { 70, "protocol_version" }, { 71, "insufficient_security" },
	{ 80, "internal_error" }, { 90, "user_canceled" }, { 109, "missing_extension" },
	{ 112, "unrecognized_name" }, { 120, "no_application_protocol" },
};

void sv_tls_error_fmt(sv_buf *b, int err)
{
	size_t i;
	if (err >= BR_ERR_RECV_FATAL_ALERT && err < BR_ERR_SEND_FATAL_ALERT + 256) {
		int a = err & 255;
		const char *name = "?";
		for (i = 0; i < sizeof alerts / sizeof alerts[0]; i++)
			if (alerts[i].alert == a)
				name = alerts[i].name;
		sv_buf_fmt(b, "%s TLS alert %s (%d)", err < BR_ERR_SEND_FATAL_ALERT ? "the server sent" :
		           "we sent", name, a);
		return;
	}
	for (i = 0; i < sizeof errors / sizeof errors[0]; i++) {
		if (errors[i].err == err) {
			sv_buf_str(b, errors[i].text);
			return;
		}
	}
	sv_buf_fmt(b, "TLS error %d", err);
}
