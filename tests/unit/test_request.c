/*
 * test_request.c -- src/sv_form.c, src/sv_endpoint.c, src/sv_request.c:
 * exact bytes. Expected bodies and URLs were produced by botocore 1.43.11
 * (client.assume_role_with_web_identity with a before-send hook that stops
 * the request, signature_version=UNSIGNED; nothing sent to AWS), and the
 * full request by STS-FACTS a.5 (botocore 1.29.27 captured on loopback).
 */
#include "helpers.h"
#include "sv_internal.h"
#include "stsverify/sv_sts.h"

#define ARN "arn:aws:iam::111122223333:role/my-role"
#define TOK "eyJhbGciOiJSUzI1NiIsImtpZCI6ImFiYyJ9.eyJpc3MiOiJodHRwczovL2V4YW1wbGUifQ.c2ln-_x"
#define HEAD "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fmy-role"
#define ETOK "WebIdentityToken=" TOK

static char out[65536];

static sv_arwwi base(void)
{
	sv_arwwi p;
	memset(&p, 0, sizeof p);
	p.role_arn = SV_LIT(ARN);
	p.session_name = SV_LIT("sess1");
	p.token = SV_LIT(TOK);
	return p;
}

static void body_is(const sv_arwwi *p, const char *want)
{
	size_t len = 0, counted = 0;
	assert_int_equal(sv_form_body(p, out, sizeof out, &len), SV_OK);
	out[len] = '\0';
	assert_string_equal(out, want);
	assert_int_equal(sv_form_body(p, NULL, 0, &counted), SV_OK);
	assert_int_equal(counted, len);
}

/* ---- percent-encoding -------------------------------------------------- */

static void test_request_encode_every_printable_byte(void **state)
{
	/* STS-FACTS a.4: every printable ASCII character plus e-acute and euro */
	char in[128];
	size_t i, n = 0, len = 0;
	(void)state;
	for (i = 0x20; i < 0x7F; i++)
		in[n++] = (char)i;
	memcpy(in + n, "\xc3\xa9\xe2\x82\xac", 5);
	n += 5;
	assert_int_equal(sv_form_encode((sv_sv){ in, n }, out, sizeof out, &len), SV_OK);
	out[len] = '\0';
	assert_string_equal(out,
	    "+%21%22%23%24%25%26%27%28%29%2A%2B%2C-.%2F0123456789%3A%3B%3C%3D%3E%3F%40"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ%5B%5C%5D%5E_%60abcdefghijklmnopqrstuvwxyz%7B%7C%7D~%C3%A9%E2%82%AC");
	assert_int_equal(sv_form_encoded_len((sv_sv){ in, n }), len);
}

static void test_request_encode_controls_and_high_bytes(void **state)
{
	size_t len = 0;
	(void)state;
	assert_int_equal(sv_form_encode((sv_sv){ "\n\r\t\x00\x7f\xff", 6 }, out, sizeof out, &len), SV_OK);
	out[len] = '\0';
	assert_string_equal(out, "%0A%0D%09%00%7F%FF");
}

static void test_request_encode_limit(void **state)
{
	size_t len = 0;
	(void)state;
	assert_int_equal(sv_form_encode(SV_LIT("a b:"), out, 4, &len), SV_E_LIMIT);
	assert_int_equal(len, 0);
	assert_int_equal(sv_form_encode(SV_LIT("a b:"), out, 6, &len), SV_OK);
	assert_int_equal(len, 6);
}

/* ---- bodies ------------------------------------------------------------ */

static void test_request_body_sample_a5(void **state)
{
	sv_arwwi p = base();
	(void)state;
	p.has_duration = 1;
	p.duration = 3600;
	body_is(&p, HEAD "&RoleSessionName=sess1&" ETOK "&DurationSeconds=3600");
}

static void test_request_body_session_name_classes(void **state)
{
	sv_arwwi p = base();
	(void)state;
	p.session_name = SV_LIT("a+b=c,d.e@f-g_h");
	body_is(&p, HEAD "&RoleSessionName=a%2Bb%3Dc%2Cd.e%40f-g_h&" ETOK);
	/* invalid for STS, still encoded as botocore does (space, slash, colon) */
	p.session_name = SV_LIT("tfaction plan/github:x");
	body_is(&p, HEAD "&RoleSessionName=tfaction+plan%2Fgithub%3Ax&" ETOK);
}

static void test_request_body_policy_classes(void **state)
{
	sv_arwwi p = base();
	(void)state;
	p.policy = SV_LIT("{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\", \"Action\": "
	                  "\"s3:GetObject\", \"Resource\": \"arn:aws:s3:::b/*\"}]}\n");
	body_is(&p, HEAD "&RoleSessionName=sess1&" ETOK
	        "&Policy=%7B%22Version%22%3A+%222012-10-17%22%2C+%22Statement%22%3A+%5B%7B%22Effect%22%3A+"
	        "%22Allow%22%2C+%22Action%22%3A+%22s3%3AGetObject%22%2C+%22Resource%22%3A+%22arn%3Aaws%3As3"
	        "%3A%3A%3Ab%2F%2A%22%7D%5D%7D%0A");
}

static void test_request_body_every_member_in_model_order(void **state)
{
	sv_arwwi p = base();
	(void)state;
	p.provider_id = SV_LIT("graph.facebook.com");
	p.policy_arns[0] = SV_LIT("arn:aws:iam::aws:policy/ReadOnlyAccess");
	p.policy_arns[1] = SV_LIT("arn:aws:iam::111122223333:policy/p");
	p.npolicy_arns = 2;
	p.policy = SV_LIT("{}");
	p.has_duration = 1;
	p.duration = 900;
	body_is(&p, HEAD "&RoleSessionName=sess1&" ETOK
	        "&ProviderId=graph.facebook.com"
	        "&PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FReadOnlyAccess"
	        "&PolicyArns.member.2.arn=arn%3Aaws%3Aiam%3A%3A111122223333%3Apolicy%2Fp"
	        "&Policy=%7B%7D&DurationSeconds=900");
}

static void test_request_body_token_newline_verbatim(void **state)
{
	sv_arwwi p = base();
	(void)state;
	p.token = SV_LIT(TOK "\n");
	body_is(&p, HEAD "&RoleSessionName=sess1&" ETOK "%0A");
}

static void test_request_body_provider_order(void **state)
{
	sv_arwwi p = base();
	(void)state;
	p.order = SV_ORDER_PROVIDER;
	body_is(&p, HEAD "&RoleSessionName=sess1&" ETOK);
	/* AWS_ROLE_SESSION_NAME set: deepcopy(extra_args) puts RoleSessionName first */
	p.session_first = 1;
	body_is(&p, "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleSessionName=sess1"
	            "&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fmy-role&" ETOK);
	/* that path never sends DurationSeconds */
	p.has_duration = 1;
	p.duration = 3600;
	assert_int_equal(sv_form_body(&p, out, sizeof out, &(size_t){ 0 }), SV_E_PARAM);
}

static void test_request_body_sorted_as_go_v2(void **state)
{
	sv_arwwi p = base();
	size_t k;
	char arns[12][48];
	(void)state;
	p.order = SV_ORDER_SORTED;
	p.has_duration = 1;
	p.duration = 43200;
	p.policy = SV_LIT("{}");
	for (k = 0; k < 11; k++) {
		snprintf(arns[k], sizeof arns[k], "arn:aws:iam::aws:policy/P%zu", k + 1);
		p.policy_arns[k] = sv_from_cstr(arns[k]);
	}
	p.npolicy_arns = 11;
	body_is(&p, "Action=AssumeRoleWithWebIdentity&DurationSeconds=43200&Policy=%7B%7D"
	            "&PolicyArns.member.1.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FP1"
	            "&PolicyArns.member.10.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FP10"
	            "&PolicyArns.member.11.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FP11"
	            "&PolicyArns.member.2.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FP2"
	            "&PolicyArns.member.3.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FP3"
	            "&PolicyArns.member.4.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FP4"
	            "&PolicyArns.member.5.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FP5"
	            "&PolicyArns.member.6.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FP6"
	            "&PolicyArns.member.7.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FP7"
	            "&PolicyArns.member.8.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FP8"
	            "&PolicyArns.member.9.arn=arn%3Aaws%3Aiam%3A%3Aaws%3Apolicy%2FP9"
	            "&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fmy-role&RoleSessionName=sess1"
	            "&Version=2011-06-15&" ETOK);
}

static void test_request_body_limit_is_an_error(void **state)
{
	sv_arwwi p = base();
	size_t len = 0, need = 0;
	(void)state;
	assert_int_equal(sv_form_body(&p, NULL, 0, &need), SV_OK);
	assert_int_equal(sv_form_body(&p, out, need - 1, &len), SV_E_LIMIT);
	assert_int_equal(sv_form_body(&p, out, need, &len), SV_OK);
	assert_int_equal(len, need);
}

static void test_request_params_pairs(void **state)
{
	sv_arwwi p = base();
	sv_form_param prm[8];
	size_t n;
	(void)state;
	p.has_duration = 1;
	p.duration = 3600;
	assert_int_equal(sv_form_params(&p, prm, 8, &n), SV_OK);
	assert_int_equal(n, 6);
	assert_string_equal(prm[0].name, "Action");
	assert_string_equal(prm[4].name, "WebIdentityToken");
	assert_true(sv_eq(prm[4].value, SV_LIT(TOK)));
	assert_string_equal(prm[5].name, "DurationSeconds");
	assert_true(sv_eq(prm[5].value, SV_LIT("3600")));
	assert_int_equal(sv_form_params(&p, prm, 5, &n), SV_E_LIMIT);
}

/* ---- endpoints --------------------------------------------------------- */

static const struct {
	const char *name, *region;
	int legacy, fips, dual;
	const char *url, *endpoint_url, *host, *err;
} eps[] = {
	/* every row: botocore 1.43.11's URL for the same settings */
	{ "no-region", NULL, 0, 0, 0, "https://sts.amazonaws.com/", NULL, "sts.amazonaws.com", NULL },
	{ "no-region-legacy", NULL, 1, 0, 0, "https://sts.amazonaws.com/", NULL, NULL, NULL },
	{ "regional", "us-west-2", 0, 0, 0, "https://sts.us-west-2.amazonaws.com/", NULL, "sts.us-west-2.amazonaws.com", NULL },
	{ "regional-us-east-1", "us-east-1", 0, 0, 0, "https://sts.us-east-1.amazonaws.com/", NULL, NULL, NULL },
	{ "legacy-global-region", "us-east-1", 1, 0, 0, "https://sts.amazonaws.com/", NULL, NULL, NULL },
	{ "legacy-eu-north-1", "eu-north-1", 1, 0, 0, "https://sts.amazonaws.com/", NULL, NULL, NULL },
	{ "legacy-other-region", "af-south-1", 1, 0, 0, "https://sts.af-south-1.amazonaws.com/", NULL, NULL, NULL },
	{ "legacy-ap-northeast-2", "ap-northeast-2", 1, 0, 0, "https://sts.ap-northeast-2.amazonaws.com/", NULL, NULL, NULL },
	{ "china", "cn-north-1", 0, 0, 0, "https://sts.cn-north-1.amazonaws.com.cn/", NULL, NULL, NULL },
	{ "china-legacy", "cn-northwest-1", 1, 0, 0, "https://sts.cn-northwest-1.amazonaws.com.cn/", NULL, NULL, NULL },
	{ "govcloud", "us-gov-west-1", 0, 0, 0, "https://sts.us-gov-west-1.amazonaws.com/", NULL, NULL, NULL },
	{ "govcloud-legacy", "us-gov-east-1", 1, 0, 0, "https://sts.us-gov-east-1.amazonaws.com/", NULL, NULL, NULL },
	{ "fips-govcloud", "us-gov-east-1", 0, 1, 0, "https://sts.us-gov-east-1.amazonaws.com/", NULL, NULL, NULL },
	{ "fips-aws", "us-west-2", 0, 1, 0, "https://sts-fips.us-west-2.amazonaws.com/", NULL, NULL, NULL },
	{ "fips-beats-legacy", "us-east-1", 1, 1, 0, "https://sts-fips.us-east-1.amazonaws.com/", NULL, NULL, NULL },
	{ "fips-china", "cn-north-1", 0, 1, 0, "https://sts-fips.cn-north-1.amazonaws.com.cn/", NULL, NULL, NULL },
	{ "dualstack", "eu-west-1", 0, 0, 1, "https://sts.eu-west-1.api.aws/", NULL, NULL, NULL },
	{ "dualstack-beats-legacy", "us-east-1", 1, 0, 1, "https://sts.us-east-1.api.aws/", NULL, NULL, NULL },
	{ "dualstack-china", "cn-north-1", 0, 0, 1, "https://sts.cn-north-1.api.amazonwebservices.com.cn/", NULL, NULL, NULL },
	{ "fips-dualstack", "us-east-1", 0, 1, 1, "https://sts-fips.us-east-1.api.aws/", NULL, NULL, NULL },
	{ "iso", "us-iso-east-1", 0, 0, 0, "https://sts.us-iso-east-1.c2s.ic.gov/", NULL, NULL, NULL },
	{ "iso-b", "us-isob-east-1", 0, 0, 0, "https://sts.us-isob-east-1.sc2s.sgov.gov/", NULL, NULL, NULL },
	{ "iso-e", "eu-isoe-west-1", 0, 0, 0, "https://sts.eu-isoe-west-1.cloud.adc-e.uk/", NULL, NULL, NULL },
	{ "iso-f", "us-isof-south-1", 0, 0, 0, "https://sts.us-isof-south-1.csp.hci.ic.gov/", NULL, NULL, NULL },
	{ "eusc", "eusc-de-east-1", 0, 0, 0, "https://sts.eusc-de-east-1.amazonaws.eu/", NULL, NULL, NULL },
	{ "aws-global", "aws-global", 0, 0, 0, "https://sts.amazonaws.com/", NULL, NULL, NULL },
	{ "fips-no-region", NULL, 0, 1, 0, "https://sts-fips.aws-global.amazonaws.com/", NULL, NULL, NULL },
	{ "unknown-region", "bogus", 0, 0, 0, "https://sts.bogus.amazonaws.com/", NULL, NULL, NULL },
	{ "bad-region", "Us_East", 0, 0, 0, NULL, NULL, NULL, "Provided region_name 'Us_East' doesn't match a supported format." },
	{ "digits-region", "123", 0, 0, 0, NULL, NULL, NULL, "Provided region_name '123' doesn't match a supported format." },
	{ "custom-port", "us-east-1", 0, 0, 0, "https://sts.example.internal:8443/", "https://sts.example.internal:8443", "sts.example.internal:8443", NULL },
	{ "custom-beats-legacy", "us-east-1", 1, 0, 0, "https://x.example:443/", "https://x.example:443/", "x.example", NULL },
	{ "custom-ignores-fips", NULL, 0, 1, 1, "https://sts.example.internal:8443/", "https://sts.example.internal:8443", NULL, NULL },
	{ "custom-path-query", "us-east-1", 0, 0, 0, "http://127.0.0.1:80/p?x=1", "http://127.0.0.1:80/p?x=1#frag", "127.0.0.1", NULL },
	{ "custom-ipv6", NULL, 0, 0, 0, "http://[::1]:18081/", "http://[::1]:18081", "[::1]:18081", NULL },
	{ "custom-case", NULL, 0, 0, 0, "https://STS.Example.com/", "https://STS.Example.com", "sts.example.com", NULL },
	{ "custom-no-scheme", NULL, 0, 0, 0, NULL, "sts.example.com", NULL, "Invalid endpoint: sts.example.com" },
	{ "custom-space", NULL, 0, 0, 0, NULL, "https://a b", NULL, "Invalid endpoint: https://a b" },
	{ "custom-ftp", NULL, 0, 0, 0, NULL, "ftp://x", NULL, "the scheme must be http or https" },
	{ "custom-port-bad", NULL, 0, 0, 0, NULL, "https://x:99999", NULL, "the port must be a number" },
	{ "custom-userinfo", NULL, 0, 0, 0, NULL, "https://u:p@x", NULL, "user information" },
};

static void test_request_endpoint_table(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof eps / sizeof eps[0]; i++) {
		sv_endpoint_in in;
		sv_endpoint ep;
		sv_err e;
		int rc;
		memset(&in, 0, sizeof in);
		memset(&e, 0, sizeof e);
		if (eps[i].region)
			in.region = sv_from_cstr(eps[i].region);
		in.legacy = eps[i].legacy;
		in.fips = eps[i].fips;
		in.dualstack = eps[i].dual;
		if (eps[i].endpoint_url)
			in.endpoint_url = sv_from_cstr(eps[i].endpoint_url);
		rc = sv_endpoint_resolve(&in, &ep, &e);
		if (eps[i].err) {
			if (rc == SV_OK || !strstr(e.msg, eps[i].err))
				fail_msg("case %s: rc %d, message \"%s\" lacks \"%s\"", eps[i].name, rc, e.msg, eps[i].err);
			continue;
		}
		if (rc != SV_OK)
			fail_msg("case %s: rc %d (%s)", eps[i].name, rc, e.msg);
		if (ep.url_len != strlen(eps[i].url) || memcmp(ep.url, eps[i].url, ep.url_len) != 0)
			fail_msg("case %s: url %.*s, expected %s", eps[i].name, (int)ep.url_len, ep.url, eps[i].url);
		if (eps[i].host && (ep.host_len != strlen(eps[i].host) || memcmp(ep.host, eps[i].host, ep.host_len)))
			fail_msg("case %s: host %.*s, expected %s", eps[i].name, (int)ep.host_len, ep.host, eps[i].host);
	}
}

static void test_request_legacy_regions_are_sixteen(void **state)
{
	static const char *const r16[] = { "ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2",
		"aws-global", "ca-central-1", "eu-central-1", "eu-north-1", "eu-west-1", "eu-west-2", "eu-west-3",
		"sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2" };
	size_t i;
	(void)state;
	for (i = 0; i < 16; i++)
		assert_true(sv_endpoint_legacy_global(sv_from_cstr(r16[i])));
	assert_false(sv_endpoint_legacy_global(SV_LIT("ap-northeast-2")));
	assert_false(sv_endpoint_legacy_global(SV_LIT("us-east")));
	assert_false(sv_endpoint_legacy_global(SV_LIT("cn-north-1")));
}

/* ---- the whole request ------------------------------------------------- */

static void test_request_http_sample_a5(void **state)
{
	sv_arwwi p = base();
	sv_endpoint_in in;
	sv_endpoint ep;
	sv_err e;
	size_t len = 0, need = 0;
	(void)state;
	p.has_duration = 1;
	p.duration = 3600;
	memset(&in, 0, sizeof in);
	in.endpoint_url = SV_LIT("http://127.0.0.1:18081");
	assert_int_equal(sv_endpoint_resolve(&in, &ep, &e), SV_OK);
	assert_int_equal(sv_request_http(&p, &ep, out, sizeof out, &len), SV_OK);
	out[len] = '\0';
	/* a.5 minus the headers the issue leaves out (Accept-Encoding, User-Agent, amz-sdk-*) */
	assert_string_equal(out,
	    "POST / HTTP/1.1\r\n"
	    "Host: 127.0.0.1:18081\r\n"
	    "Content-Type: application/x-www-form-urlencoded; charset=utf-8\r\n"
	    "Content-Length: 250\r\n"
	    "\r\n"
	    "Action=AssumeRoleWithWebIdentity&Version=2011-06-15&RoleArn=arn%3Aaws%3Aiam%3A%3A111122223333%3Arole%2Fmy-role"
	    "&RoleSessionName=sess1&WebIdentityToken=eyJhbGciOiJSUzI1NiIsImtpZCI6ImFiYyJ9.eyJpc3MiOiJodHRwczovL2V4YW1wbGUifQ.c2ln-_x"
	    "&DurationSeconds=3600");
	assert_int_equal(sv_request_http(&p, &ep, NULL, 0, &need), SV_OK);
	assert_int_equal(need, len);
	assert_int_equal(sv_request_http(&p, &ep, out, len - 1, &need), SV_E_LIMIT);
}

static void test_request_http_target_keeps_path_and_query(void **state)
{
	sv_arwwi p = base();
	sv_endpoint_in in;
	sv_endpoint ep;
	sv_err e;
	size_t len = 0;
	(void)state;
	memset(&in, 0, sizeof in);
	in.endpoint_url = SV_LIT("https://proxy.example:443/sts?x=1");
	assert_int_equal(sv_endpoint_resolve(&in, &ep, &e), SV_OK);
	assert_int_equal(sv_request_http(&p, &ep, out, sizeof out, &len), SV_OK);
	{
		static const char want[] = "POST /sts?x=1 HTTP/1.1\r\nHost: proxy.example\r\nContent-Type";
		assert_memory_equal(out, want, sizeof want - 1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_request_encode_every_printable_byte),
		cmocka_unit_test(test_request_encode_controls_and_high_bytes),
		cmocka_unit_test(test_request_encode_limit),
		cmocka_unit_test(test_request_body_sample_a5),
		cmocka_unit_test(test_request_body_session_name_classes),
		cmocka_unit_test(test_request_body_policy_classes),
		cmocka_unit_test(test_request_body_every_member_in_model_order),
		cmocka_unit_test(test_request_body_token_newline_verbatim),
		cmocka_unit_test(test_request_body_provider_order),
		cmocka_unit_test(test_request_body_sorted_as_go_v2),
		cmocka_unit_test(test_request_body_limit_is_an_error),
		cmocka_unit_test(test_request_params_pairs),
		cmocka_unit_test(test_request_endpoint_table),
		cmocka_unit_test(test_request_legacy_regions_are_sixteen),
		cmocka_unit_test(test_request_http_sample_a5),
		cmocka_unit_test(test_request_http_target_keeps_path_and_query),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
