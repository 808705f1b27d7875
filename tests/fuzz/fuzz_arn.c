/*
 * fuzz_arn.c -- identifiers and request parameters: role and provider
 * ARNs (sv_role_arn_parse, sv_provider_arn_parse), STS's ValidationError
 * texts (sv_sts_check_*, sv_sts_validate), sv_sts_session_fix, the form
 * encoding (sv_form_encode, undone by sv_pct_decode) and the endpoint
 * rules (sv_endpoint_resolve) with the input as region and as custom URL.
 *
 * Invariants: parsed parts lie inside the ARN and a parsed role ARN is
 * valid for STS; messages are terminated inside exactly-sized buffers;
 * session_fix always yields a name STS accepts; encoding is
 * sv_form_encoded_len bytes of [A-Za-z0-9._~+%-] and percent-decodes back
 * to the input (spaces as '+'); an endpoint URL is https://, fits its
 * buffer and its Host is inside it.
 */
#include "fuzz.h"
#include "stsverify/sv_arn.h"
#include "stsverify/sv_sts.h"
#include "stsverify/sv_docs.h"

static void check_msg(const char *m, size_t cap)
{
	FZ_CHECK(memchr(m, 0, cap) != NULL, "message not terminated");
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sv_sv s = { (const char *)data, size };
	char *msg = malloc(SV_STS_MSG_BYTES);
	sv_role_arn ra;
	sv_sv part, acct, url;
	sv_err e;
	size_t i;

	/* ARNs */
	if (sv_role_arn_parse(s, &ra, &e) == SV_OK) {
		FZ_CHECK(fz_inside(ra.partition, data, size) && fz_inside(ra.account, data, size) &&
		             fz_inside(ra.path, data, size) && fz_inside(ra.name, data, size),
		         "role ARN views");
		FZ_CHECK(ra.account.n == 12 && ra.name.n >= 1 && ra.name.n <= SV_IAM_ROLE_NAME_MAX, "parts");
		if (size >= SV_STS_ROLE_ARN_MIN && size <= SV_STS_ROLE_ARN_MAX)
			FZ_CHECK(sv_sts_check_role_arn(s, msg, SV_STS_MSG_BYTES) == SV_OK,
			         "parsed role ARN refused: %s", msg);
		{
			char out[SV_STS_ROLE_ARN_MAX + 200];
			size_t n;
			if (sv_assumed_role_arn(&ra, SV_LIT("session"), out, sizeof out, &n) == SV_OK)
				FZ_CHECK(n < sizeof out, "assumed-role ARN length");
		}
	} else {
		FZ_CHECK(e.code == SV_E_FORMAT && e.pos <= size, "role ARN error %d at %zu", e.code, e.pos);
	}
	if (sv_provider_arn_parse(s, &part, &acct, &url, &e) == SV_OK)
		FZ_CHECK(fz_inside(part, data, size) && fz_inside(acct, data, size) && fz_inside(url, data, size),
		         "provider ARN views");

	/* request parameters, STS's words */
	(void)sv_sts_check_role_arn(s, msg, SV_STS_MSG_BYTES);
	check_msg(msg, SV_STS_MSG_BYTES);
	(void)sv_sts_check_session_name(s, msg, SV_STS_MSG_BYTES);
	check_msg(msg, SV_STS_MSG_BYTES);
	(void)sv_sts_check_token(s, msg, SV_STS_MSG_BYTES);
	check_msg(msg, SV_STS_MSG_BYTES);
	{
		int64_t d = 0;
		for (i = 0; i < size && i < 8; i++)
			d = (int64_t)((uint64_t)d << 8 | data[i]);
		(void)sv_sts_check_duration(d, size % 2 ? 3600 : 0, msg, SV_STS_MSG_BYTES);
		check_msg(msg, SV_STS_MSG_BYTES);
	}
	{
		sv_sts_params p;
		unsigned bad = 0;
		memset(&p, 0, sizeof p);
		p.role_arn = s;
		p.session_name = s;
		p.token = s;
		p.has_duration = 1;
		p.duration = (int64_t)size * 100;
		p.max_session = 3600;
		(void)sv_sts_validate(&p, msg, SV_STS_MSG_BYTES, &bad);
		check_msg(msg, SV_STS_MSG_BYTES);
	}
	{
		char fix[65];
		sv_sts_session_fix(s, fix, sizeof fix);
		FZ_CHECK(sv_sts_check_session_name(sv_from_cstr(fix), msg, SV_STS_MSG_BYTES) == SV_OK,
		         "session_fix made \"%s\", which STS refuses", fix);
	}

	/* form encoding round trip */
	{
		size_t need = sv_form_encoded_len(s), len = 0, back = 0;
		char *enc = malloc(need ? need : 1), *dec = malloc(size ? size : 1);
		FZ_CHECK(sv_form_encode(s, enc, need, &len) == SV_OK && len == need, "encode");
		for (i = 0; i < len; i++)
			FZ_CHECK((enc[i] >= 'A' && enc[i] <= 'Z') || (enc[i] >= 'a' && enc[i] <= 'z') ||
			             (enc[i] >= '0' && enc[i] <= '9') || strchr("-_.~+%", enc[i]),
			         "encoded byte 0x%02x", (unsigned char)enc[i]);
		if (need > 0) {
			size_t l2 = 0;
			FZ_CHECK(sv_form_encode(s, enc, need - 1, &l2) == SV_E_LIMIT, "encoded into too little room");
		}
		FZ_CHECK(sv_pct_decode((sv_sv){ enc, len }, dec, size, &back, &e) == SV_OK && back == size,
		         "percent-decoding the encoding");
		for (i = 0; i < size; i++)
			FZ_CHECK(dec[i] == (data[i] == ' ' ? '+' : (char)data[i]), "round trip at %zu", i);
		free(enc);
		free(dec);
	}
	{
		/* arbitrary text through the percent decoder, into exactly its length */
		char *dec = malloc(size ? size : 1);
		size_t n = 0;
		if (sv_pct_decode(s, dec, size, &n, &e) == SV_OK)
			FZ_CHECK(n <= size, "decoded grew");
		free(dec);
	}

	/* endpoints */
	{
		sv_endpoint_in ei;
		sv_endpoint ep;
		memset(&ei, 0, sizeof ei);
		if (size > 0 && data[0] == 'h')
			ei.endpoint_url = s;
		else
			ei.region = s;
		ei.legacy = size & 1;
		ei.fips = (size >> 1) & 1;
		ei.dualstack = (size >> 2) & 1;
		memset(&e, 0, sizeof e);
		if (sv_endpoint_resolve(&ei, &ep, &e) == SV_OK) {
			FZ_CHECK(ep.url_len < sizeof ep.url && ep.host_len < sizeof ep.host, "lengths");
			FZ_CHECK(ep.target_off <= ep.url_len, "target offset");
			FZ_CHECK(ep.custom || sv_has_prefix((sv_sv){ ep.url, ep.url_len }, SV_LIT("https://")),
			         "endpoint %.*s", (int)ep.url_len, ep.url);
		} else {
			FZ_CHECK(memchr(e.msg, 0, sizeof e.msg) != NULL, "endpoint message");
		}
	}
	free(msg);
	return 0;
}
