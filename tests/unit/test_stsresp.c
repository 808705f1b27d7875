/*
 * test_stsresp.c -- src/sv_xml.c, src/sv_stsresp.c, src/sv_stserr.c: STS's
 * answers in every shape, the catalogue, and hostile XML.
 */
#include "helpers.h"
#include "sv_internal.h"
#include "stsverify/sv_sts.h"
#include "sts_bodies.h"

static char arena[8192];
static jsmntok_t tok[256];

#define assert_sv(s, lit) do { if (!sv_eq((s), sv_from_cstr(lit))) \
	fail_msg("got \"%.*s\", expected \"%s\"", (int)(s).n, (s).p ? (s).p : "", lit); } while (0)

static int parse(const char *body, sv_sts_resp *r, sv_err *e)
{
	memset(e, 0, sizeof *e);
	return sv_sts_resp_parse(sv_from_cstr(body), arena, sizeof arena, tok, 256, r, e);
}

/* STS-FACTS c.1, element order as in the API reference */
static const char success_xml[] =
    "<AssumeRoleWithWebIdentityResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
    "  <AssumeRoleWithWebIdentityResult>\n"
    "    <SubjectFromWebIdentityToken>system:serviceaccount:ns:sa</SubjectFromWebIdentityToken>\n"
    "    <Audience>sts.amazonaws.com</Audience>\n"
    "    <AssumedRoleUser>\n"
    "      <Arn>arn:aws:sts::111122223333:assumed-role/my-role/sess1</Arn>\n"
    "      <AssumedRoleId>AROAEXAMPLEEXAMPLE123:sess1</AssumedRoleId>\n"
    "    </AssumedRoleUser>\n"
    "    <Credentials>\n"
    "      <SessionToken>IQoJb3JpZ2luX2VjEXAMPLETOKEN+/=</SessionToken>\n"
    "      <SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY</SecretAccessKey>\n"
    "      <Expiration>2014-10-24T23:00:23Z</Expiration>\n"
    "      <AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>\n"
    "    </Credentials>\n"
    "    <SourceIdentity>alice</SourceIdentity>\n"
    "    <Provider>arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/ABC</Provider>\n"
    "    <PackedPolicySize>6</PackedPolicySize>\n"
    "  </AssumeRoleWithWebIdentityResult>\n"
    "  <ResponseMetadata>\n"
    "    <RequestId>ad4156e9-bce1-11e2-82e6-6b6efEXAMPLE</RequestId>\n"
    "  </ResponseMetadata>\n"
    "</AssumeRoleWithWebIdentityResponse>\n";

static void check_success(const sv_sts_resp *r)
{
	assert_int_equal(r->kind, SV_RESP_SUCCESS);
	assert_sv(r->access_key_id, "ASIAIOSFODNN7EXAMPLE");
	assert_sv(r->secret_access_key, "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
	assert_sv(r->session_token, "IQoJb3JpZ2luX2VjEXAMPLETOKEN+/=");
	assert_true(r->expires == 1414191623);
	assert_sv(r->subject, "system:serviceaccount:ns:sa");
	assert_sv(r->audience, "sts.amazonaws.com");
	assert_sv(r->assumed_role_arn, "arn:aws:sts::111122223333:assumed-role/my-role/sess1");
	assert_sv(r->assumed_role_id, "AROAEXAMPLEEXAMPLE123:sess1");
	assert_sv(r->provider, "arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/ABC");
}

static void test_stsresp_success_xml(void **state)
{
	sv_sts_resp r;
	sv_err e;
	(void)state;
	assert_int_equal(parse(success_xml, &r, &e), SV_OK);
	check_success(&r);
	assert_int_equal(r.form, SV_RESP_XML);
	assert_sv(r.source_identity, "alice");
	assert_true(r.has_packed_policy_size && r.packed_policy_size == 6);
	assert_sv(r.request_id, "ad4156e9-bce1-11e2-82e6-6b6efEXAMPLE");
}

static void test_stsresp_success_xml_any_order_unknown_skipped(void **state)
{
	static const char body[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	    "<AssumeRoleWithWebIdentityResponse><ResponseMetadata><RequestId>r1</RequestId></ResponseMetadata>"
	    "<AssumeRoleWithWebIdentityResult><Credentials><AccessKeyId>ASIAIOSFODNN7EXAMPLE</AccessKeyId>"
	    "<Expiration>2014-10-24T23:00:23.000Z</Expiration><FutureField><x/>y</FutureField>"
	    "<SecretAccessKey>wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY</SecretAccessKey>"
	    "<SessionToken>IQoJb3JpZ2luX2VjEXAMPLETOKEN+/=</SessionToken></Credentials>"
	    "<Provider>arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/ABC</Provider>"
	    "<AssumedRoleUser><AssumedRoleId>AROAEXAMPLEEXAMPLE123:sess1</AssumedRoleId>"
	    "<Arn>arn:aws:sts::111122223333:assumed-role/my-role/sess1</Arn></AssumedRoleUser>"
	    "<Audience>sts.amazonaws.com</Audience>"
	    "<SubjectFromWebIdentityToken>system:serviceaccount:ns:sa</SubjectFromWebIdentityToken>"
	    "</AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>";
	sv_sts_resp r;
	sv_err e;
	(void)state;
	assert_int_equal(parse(body, &r, &e), SV_OK);
	check_success(&r);
	assert_sv(r.request_id, "r1");
	assert_false(r.has_packed_policy_size);
}

static void test_stsresp_success_json_sts_mode(void **state)
{
	/* STS-FACTS c.3: Accept: application/json, Expiration as float epoch seconds */
	static const char body[] =
	    "{\"AssumeRoleWithWebIdentityResponse\":{\"AssumeRoleWithWebIdentityResult\":{"
	    "\"AssumedRoleUser\":{\"Arn\":\"arn:aws:sts::111122223333:assumed-role/my-role/sess1\","
	    "\"AssumedRoleId\":\"AROAEXAMPLEEXAMPLE123:sess1\"},\"Audience\":\"sts.amazonaws.com\","
	    "\"Credentials\":{\"AccessKeyId\":\"ASIAIOSFODNN7EXAMPLE\",\"Expiration\":1.414191623E9,"
	    "\"SecretAccessKey\":\"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\","
	    "\"SessionToken\":\"IQoJb3JpZ2luX2VjEXAMPLETOKEN+\\/=\"},\"PackedPolicySize\":null,"
	    "\"Provider\":\"arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/ABC\","
	    "\"SourceIdentity\":null,\"SubjectFromWebIdentityToken\":\"system:serviceaccount:ns:sa\"},"
	    "\"ResponseMetadata\":{\"RequestId\":\"r2\"}}}";
	sv_sts_resp r;
	sv_err e;
	(void)state;
	assert_int_equal(parse(body, &r, &e), SV_OK);
	check_success(&r);
	assert_int_equal(r.form, SV_RESP_JSON);
	assert_sv(r.request_id, "r2");
	assert_null(r.source_identity.p);
}

static void test_stsresp_success_json_cli_output(void **state)
{
	/* what `aws sts assume-role-with-web-identity` prints (v2: +00:00) */
	static const char body[] =
	    "{\n    \"Credentials\": {\n        \"AccessKeyId\": \"ASIAIOSFODNN7EXAMPLE\",\n"
	    "        \"SecretAccessKey\": \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\",\n"
	    "        \"SessionToken\": \"IQoJb3JpZ2luX2VjEXAMPLETOKEN+/=\",\n"
	    "        \"Expiration\": \"2014-10-24T23:00:23+00:00\"\n    },\n"
	    "    \"SubjectFromWebIdentityToken\": \"system:serviceaccount:ns:sa\",\n"
	    "    \"AssumedRoleUser\": {\n        \"AssumedRoleId\": \"AROAEXAMPLEEXAMPLE123:sess1\",\n"
	    "        \"Arn\": \"arn:aws:sts::111122223333:assumed-role/my-role/sess1\"\n    },\n"
	    "    \"Provider\": \"arn:aws:iam::111122223333:oidc-provider/oidc.eks.us-west-2.amazonaws.com/id/ABC\",\n"
	    "    \"Audience\": \"sts.amazonaws.com\"\n}\n";
	sv_sts_resp r;
	sv_err e;
	(void)state;
	assert_int_equal(parse(body, &r, &e), SV_OK);
	check_success(&r);
}

/* ---- errors: every catalogue entry, as STS's XML, as JSON, as the CLI line ---- */

static void test_stsresp_every_catalogue_entry(void **state)
{
	size_t n, i;
	const sv_sts_error *t = sv_sts_errors(&n);
	(void)state;
	assert_true(n >= 20);
	for (i = 0; i < n; i++) {
		char msg[1024], esc[2048], body[4096];
		sv_sts_resp r;
		sv_err e;
		const sv_sts_error *m;
		if (t[i].message)
			th_fill(t[i].message, msg, sizeof msg);
		else
			snprintf(msg, sizeof msg, "some text this catalogue does not know");
		/* 1. the XML STS sends */
		th_xml_escape(msg, esc, sizeof esc);
		snprintf(body, sizeof body,
		         "<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n"
		         "  <Error>\n    <Type>Sender</Type>\n    <Code>%s</Code>\n    <Message>%s</Message>\n"
		         "  </Error>\n  <RequestId>1fd1964b-1544-11ea-ba37-99c3c1dede42</RequestId>\n"
		         "</ErrorResponse>\n", t[i].code, esc);
		if (parse(body, &r, &e) != SV_OK)
			fail_msg("%s: XML: %s", t[i].id, e.msg);
		assert_int_equal(r.kind, SV_RESP_ERROR);
		assert_sv(r.code, t[i].code);
		assert_sv(r.message, msg);
		assert_sv(r.type, "Sender");
		assert_sv(r.request_id, "1fd1964b-1544-11ea-ba37-99c3c1dede42");
		m = sv_sts_error_match(r.code, r.message);
		if (m != &t[i])
			fail_msg("%s: message \"%s\" matched %s", t[i].id, msg, m ? m->id : "nothing");
		/* 2. the AWS CLI's line */
		snprintf(body, sizeof body, "\nAn error occurred (%s) when calling the "
		         "AssumeRoleWithWebIdentity operation: %s\n", t[i].code, msg);
		if (parse(body, &r, &e) != SV_OK)
			fail_msg("%s: CLI line: %s", t[i].id, e.msg);
		assert_int_equal(r.form, SV_RESP_CLI_LINE);
		assert_sv(r.code, t[i].code);
		assert_sv(r.message, msg);
		assert_sv(r.operation, "AssumeRoleWithWebIdentity");
		assert_true(sv_sts_error_match(r.code, r.message) == &t[i]);
		assert_true(sv_sts_code_known(r.code));
		/* every entry has what explain prints */
		assert_non_null(t[i].meaning);
		assert_non_null(t[i].causes[0].text);
		assert_non_null(t[i].causes[0].tell);
		assert_non_null(t[i].retry_why);
		assert_non_null(t[i].check);
		assert_ptr_equal(sv_sts_error_by_id(t[i].id), &t[i]);
	}
}

static void test_stsresp_verbatim_texts(void **state)
{
	const sv_sts_error *v = sv_sts_error_by_id("iit.verification-key");
	(void)state;
	/* two spaces after the comma, as STS sends it */
	assert_string_equal(v->message, "Couldn't retrieve verification key from your identity provider,  "
	                                "please reference AssumeRoleWithWebIdentity documentation for requirements");
	/* and the one-space form users paste still matches */
	assert_ptr_equal(sv_sts_error_match(SV_LIT("InvalidIdentityToken"),
	    SV_LIT("Couldn't retrieve verification key from your identity provider, please reference "
	           "AssumeRoleWithWebIdentity documentation for requirements")), v);
	/* both spellings of the expiry text */
	v = sv_sts_error_by_id("expired.exp");
	assert_ptr_equal(sv_sts_error_match(SV_LIT("ExpiredTokenException"),
	    SV_LIT("Token expired: current date/time 1624482533 must be before the expiration date/time1624482335")), v);
	assert_ptr_equal(sv_sts_error_match(SV_LIT("ExpiredTokenException"),
	    SV_LIT("Token expired: current date/time 1731095240 must be before the expiration date/time 1731091000")), v);
	/* an unknown message falls back to the code's generic entry; an unknown code to nothing */
	assert_string_equal(sv_sts_error_match(SV_LIT("InvalidIdentityToken"), SV_LIT("zzz"))->id, "iit.generic");
	assert_null(sv_sts_error_match(SV_LIT("NoSuchCode"), SV_LIT("zzz")));
	assert_false(sv_sts_code_known(SV_LIT("NoSuchCode")));
}

static void test_stsresp_error_json_and_cli_variants(void **state)
{
	sv_sts_resp r;
	sv_err e;
	(void)state;
	assert_int_equal(parse("{\"Error\":{\"Code\":\"InvalidIdentityToken\",\"Message\":\"Incorrect token audience\","
	                       "\"Type\":\"Sender\"},\"RequestId\":\"x\"}", &r, &e), SV_OK);
	assert_sv(r.code, "InvalidIdentityToken");
	assert_sv(r.request_id, "x");
	assert_int_equal(parse("{\"ErrorResponse\":{\"Error\":{\"Code\":\"AccessDenied\",\"Message\":\"Not authorized "
	                       "to perform sts:AssumeRoleWithWebIdentity\"},\"RequestId\":\"y\"}}", &r, &e), SV_OK);
	assert_sv(r.code, "AccessDenied");
	assert_sv(r.request_id, "y");
	/* CLI v1 after retries, with CRLF */
	assert_int_equal(parse("An error occurred (IDPCommunicationError) when calling the AssumeRoleWithWebIdentity "
	                       "operation (reached max retries: 4): timeout\r\n", &r, &e), SV_OK);
	assert_sv(r.code, "IDPCommunicationError");
	assert_sv(r.message, "timeout");
	assert_int_equal(parse("An error occurred (X) when calling AssumeRoleWithWebIdentity: m", &r, &e), SV_E_FORMAT);
	assert_non_null(strstr(e.msg, "not in the AWS CLI's shape"));
	assert_int_equal(parse("hello", &r, &e), SV_E_FORMAT);
	assert_non_null(strstr(e.msg, "not an STS answer"));
}

static void test_stsresp_entities_decoded(void **state)
{
	static const char body[] =
	    "<ErrorResponse><Error><Code>ValidationError</Code>"
	    "<Message>1 validation error detected: Value &apos;a/b&apos; at &#39;roleSessionName&#x27; failed to "
	    "satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]* &amp; &lt;&gt;&quot; "
	    "&#233;&#x20AC;&#x1F600;</Message></Error><RequestId>r</RequestId></ErrorResponse>";
	sv_sts_resp r;
	sv_err e;
	(void)state;
	assert_int_equal(parse(body, &r, &e), SV_OK);
	assert_sv(r.message, "1 validation error detected: Value 'a/b' at 'roleSessionName' failed to satisfy "
	                     "constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]* & <>\" "
	                     "\xc3\xa9\xe2\x82\xac\xf0\x9f\x98\x80");
	assert_string_equal(sv_sts_error_match(r.code, r.message)->id, "val.session-pattern");
}

/* ---- malformed and hostile -------------------------------------------- */

static const struct {
	const char *name, *body;
	int rc;
	const char *msg;
} bad[] = {
	{ "truncated", "<ErrorResponse><Error><Code>Invalid", SV_E_FORMAT, "truncated: <Code> opened at offset 22 is not closed" },
	{ "truncated-tag", "<ErrorResponse><Error><Co", SV_E_FORMAT, "truncated" },
	{ "truncated-end-tag", "<ErrorResponse></Error", SV_E_FORMAT, "truncated" },
	{ "unterminated-tag", "<ErrorResponse><Error", SV_E_FORMAT, "truncated: a start tag is not closed" },
	{ "mismatched", "<ErrorResponse><Error><Code>X</Message></Error></ErrorResponse>", SV_E_FORMAT,
	  "offset 29: </Message> does not close <Code> opened at offset 22" },
	{ "stray-close", "<ErrorResponse></Error></ErrorResponse>", SV_E_FORMAT, "does not close <ErrorResponse>" },
	{ "billion-laughs", "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;\">]>"
	  "<ErrorResponse><Error><Code>&lol2;</Code></Error></ErrorResponse>", SV_E_FORMAT, "<!DOCTYPE> refused" },
	{ "undeclared-entity", "<ErrorResponse><Error><Code>&lol;</Code></Error></ErrorResponse>", SV_E_FORMAT,
	  "undeclared entity &lol;" },
	{ "external-entity", "<!DOCTYPE x SYSTEM \"file:///etc/passwd\"><ErrorResponse/>", SV_E_FORMAT, "<!DOCTYPE> refused" },
	{ "deep", "<ErrorResponse><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a><a>", SV_E_LIMIT, "SV_MAX_XML_DEPTH=16" },
	{ "pi", "<ErrorResponse><?php x?></ErrorResponse>", SV_E_FORMAT, "processing instruction" },
	{ "late-decl", " <?xml version=\"1.0\"?><ErrorResponse/>", SV_E_FORMAT, "only allowed at the very start" },
	{ "cdata", "<ErrorResponse><Error><Code><![CDATA[x]]></Code></Error></ErrorResponse>", SV_E_FORMAT, "CDATA" },
	{ "two-roots", "<ErrorResponse><Error><Code>X</Code></Error></ErrorResponse><ErrorResponse/>", SV_E_FORMAT,
	  "a second root element" },
	{ "text-after-root", "<ErrorResponse><Error><Code>X</Code></Error></ErrorResponse>junk", SV_E_FORMAT,
	  "text after the root element" },
	{ "dup-attr", "<ErrorResponse a=\"1\" a=\"2\"/>", SV_E_FORMAT, "the same attribute twice" },
	{ "unquoted-attr", "<ErrorResponse a=1/>", SV_E_FORMAT, "must be quoted" },
	{ "bare-amp", "<ErrorResponse><Error><Code>A & B</Code></Error></ErrorResponse>", SV_E_FORMAT,
	  "'&' that does not start a reference" },
	{ "char-ref-nul", "<ErrorResponse><Error><Code>&#0;</Code></Error></ErrorResponse>", SV_E_FORMAT,
	  "character XML forbids" },
	{ "char-ref-big", "<ErrorResponse><Error><Code>&#x110000;</Code></Error></ErrorResponse>", SV_E_FORMAT,
	  "beyond U+10FFFF" },
	{ "control", "<ErrorResponse><Error><Code>a\x01</Code></Error></ErrorResponse>", SV_E_FORMAT, "control character" },
	{ "bad-utf8", "<ErrorResponse><Error><Code>\xc0\xaf</Code></Error></ErrorResponse>", SV_E_FORMAT, "invalid UTF-8" },
	{ "cdata-end-in-text", "<ErrorResponse><Error><Code>a]]>b</Code></Error></ErrorResponse>", SV_E_FORMAT, "\"]]>\" in text" },
	{ "bad-comment", "<ErrorResponse><!-- a -- b --><Error/></ErrorResponse>", SV_E_FORMAT, "\"--\" inside a comment" },
	{ "empty", "", SV_E_FORMAT, "not an STS answer" },
	{ "no-root", "<!-- only a comment -->", SV_E_FORMAT, "no root element" },
	{ "other-root", "<html><body>403 Forbidden</body></html>", SV_E_FORMAT, "root element <html>" },
	{ "s3-redirect", "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>PermanentRedirect</Code></Error>",
	  SV_E_FORMAT, "root element <Error>: not an AssumeRoleWithWebIdentity response" },
	{ "no-code", "<ErrorResponse><Error><Message>m</Message></Error></ErrorResponse>", SV_E_FORMAT, "without a Code" },
	{ "dup-code", "<ErrorResponse><Error><Code>A</Code><Code>B</Code></Error></ErrorResponse>", SV_E_FORMAT,
	  "<Code> appears twice" },
	{ "element-in-leaf", "<ErrorResponse><Error><Code>A<b/></Code></Error></ErrorResponse>", SV_E_FORMAT,
	  "<b> inside <Code>, which holds text" },
	{ "text-in-container", "<ErrorResponse><Error>oops<Code>A</Code></Error></ErrorResponse>", SV_E_FORMAT,
	  "text inside <Error>, which holds elements" },
	{ "success-no-secret", "<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials>"
	  "<AccessKeyId>A</AccessKeyId><SessionToken>t</SessionToken><Expiration>2014-10-24T23:00:23Z</Expiration>"
	  "</Credentials><AssumedRoleUser><Arn>a</Arn></AssumedRoleUser></AssumeRoleWithWebIdentityResult>"
	  "</AssumeRoleWithWebIdentityResponse>", SV_E_FORMAT, "a success answer without Credentials/SecretAccessKey" },
	{ "bad-expiration", "<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult><Credentials>"
	  "<AccessKeyId>A</AccessKeyId><SecretAccessKey>s</SecretAccessKey><SessionToken>t</SessionToken>"
	  "<Expiration>tomorrow</Expiration></Credentials><AssumedRoleUser><Arn>a</Arn></AssumedRoleUser>"
	  "</AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>", SV_E_FORMAT,
	  "Expiration \"tomorrow\" is not an ISO 8601" },
	{ "bad-packed", "<AssumeRoleWithWebIdentityResponse><AssumeRoleWithWebIdentityResult>"
	  "<PackedPolicySize>6%</PackedPolicySize></AssumeRoleWithWebIdentityResult></AssumeRoleWithWebIdentityResponse>",
	  SV_E_FORMAT, "PackedPolicySize \"6%\" is not an integer" },
	{ "json-truncated", "{\"Error\":{\"Code\":\"X\"", SV_E_JSON, "truncated" },
	{ "json-dup", "{\"Error\":{\"Code\":\"X\",\"Code\":\"Y\"}}", SV_E_JSON, "duplicate member name" },
	{ "json-other", "{\"a\":1}", SV_E_FORMAT, "not an STS answer" },
	{ "json-code-number", "{\"Error\":{\"Code\":5}}", SV_E_FORMAT, "Error/Code is not a string" },
};

static void test_stsresp_malformed_and_hostile(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		sv_sts_resp r;
		sv_err e;
		int rc = parse(bad[i].body, &r, &e);
		if (rc != bad[i].rc)
			fail_msg("case %s: rc %d, expected %d (%s)", bad[i].name, rc, bad[i].rc, e.msg);
		if (!strstr(e.msg, bad[i].msg))
			fail_msg("case %s: message \"%s\" lacks \"%s\"", bad[i].name, e.msg, bad[i].msg);
	}
}

static void test_stsresp_oversized_value_is_a_limit(void **state)
{
	/* a SessionToken larger than the arena: an error naming the size, never a cut */
	static char body[16384];
	static char small[64];
	sv_sts_resp r;
	sv_err e;
	size_t w;
	(void)state;
	w = (size_t)snprintf(body, sizeof body, "<ErrorResponse><Error><Code>");
	memset(body + w, 'A', 100);
	w += 100;
	snprintf(body + w, sizeof body - w, "</Code></Error></ErrorResponse>");
	assert_int_equal(sv_sts_resp_parse(sv_from_cstr(body), small, sizeof small, tok, 256, &r, &e), SV_E_LIMIT);
	assert_non_null(strstr(e.msg, "does not fit in 64 bytes"));
}

static void test_stsresp_deep_unknown_within_limit(void **state)
{
	/* unknown subtrees are skipped but still bounded and well-formed */
	static const char ok16[] = "<ErrorResponse><Error><Code>X</Code></Error><u><u><u><u><u><u><u><u><u><u><u><u><u><u>"
	                           "</u></u></u></u></u></u></u></u></u></u></u></u></u></u></ErrorResponse>";
	sv_sts_resp r;
	sv_err e;
	(void)state;
	assert_int_equal(parse(ok16, &r, &e), SV_OK);
	assert_sv(r.code, "X");
}

static void test_stsresp_xml_reader_events(void **state)
{
	static const char doc[] = "\xef\xbb\xbf<?xml version=\"1.0\"?>\r\n<!-- c --><p:a x='1' y=\"&amp;\">t&lt;<b/>\r\n</p:a>\n";
	sv_xml x;
	sv_xml_ev ev;
	sv_err e;
	char out[32];
	size_t len = 0;
	(void)state;
	sv_xml_init(&x, sv_from_cstr(doc));
	assert_int_equal(sv_xml_next(&x, &ev, &e), 1);
	assert_int_equal(ev.kind, SV_XML_OPEN);
	assert_sv(ev.name, "p:a");
	assert_sv(ev.local, "a");
	assert_int_equal(ev.depth, 1);
	assert_int_equal(sv_xml_next(&x, &ev, &e), 1);
	assert_int_equal(ev.kind, SV_XML_TEXT);
	assert_int_equal(sv_xml_decode(ev.raw, ev.pos, out, sizeof out, &len, &e), SV_OK);
	assert_int_equal(len, 2);
	assert_memory_equal(out, "t<", 2);
	assert_int_equal(sv_xml_next(&x, &ev, &e), 1);
	assert_int_equal(ev.kind, SV_XML_OPEN);
	assert_int_equal(ev.depth, 2);
	assert_int_equal(sv_xml_next(&x, &ev, &e), 1);
	assert_int_equal(ev.kind, SV_XML_CLOSE);
	assert_sv(ev.name, "b");
	assert_int_equal(sv_xml_next(&x, &ev, &e), 1);
	assert_int_equal(ev.kind, SV_XML_TEXT);
	len = 0;
	assert_int_equal(sv_xml_decode(ev.raw, ev.pos, out, sizeof out, &len, &e), SV_OK);
	assert_int_equal(len, 1);                 /* CR LF normalised to LF */
	assert_int_equal(out[0], '\n');
	assert_int_equal(sv_xml_next(&x, &ev, &e), 1);
	assert_int_equal(ev.kind, SV_XML_CLOSE);
	assert_int_equal(sv_xml_next(&x, &ev, &e), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stsresp_success_xml),
		cmocka_unit_test(test_stsresp_success_xml_any_order_unknown_skipped),
		cmocka_unit_test(test_stsresp_success_json_sts_mode),
		cmocka_unit_test(test_stsresp_success_json_cli_output),
		cmocka_unit_test(test_stsresp_every_catalogue_entry),
		cmocka_unit_test(test_stsresp_verbatim_texts),
		cmocka_unit_test(test_stsresp_error_json_and_cli_variants),
		cmocka_unit_test(test_stsresp_entities_decoded),
		cmocka_unit_test(test_stsresp_malformed_and_hostile),
		cmocka_unit_test(test_stsresp_oversized_value_is_a_limit),
		cmocka_unit_test(test_stsresp_deep_unknown_within_limit),
		cmocka_unit_test(test_stsresp_xml_reader_events),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
