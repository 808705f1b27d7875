/* test_awsconf.c -- src/sv_awsconf.c: ini rules, the Secret forms, botocore's precedence. */
#include "helpers.h"
#include "sv_internal.h"
#include "stsverify/sv_awsconf.h"

/* ---- a fake environment ------------------------------------------------ */

static const char *fake_env[32][2];

static void env_clear(void)
{
	memset(fake_env, 0, sizeof fake_env);
}

static void env_set(const char *k, const char *v)
{
	size_t i;
	for (i = 0; i < 32 && fake_env[i][0]; i++)
		;
	fake_env[i][0] = k;
	fake_env[i][1] = v;
}

static int fake_getenv(const char *name, sv_sv *val)
{
	size_t i;
	for (i = 0; i < 32 && fake_env[i][0]; i++)
		if (strcmp(fake_env[i][0], name) == 0) {
			*val = sv_from_cstr(fake_env[i][1]);
			return SV_OK;
		}
	return SV_E_NOENT;
}

#define assert_sv(s, lit) assert_true(sv_eq((s), sv_from_cstr(lit)))

/* ---- ini -------------------------------------------------------------- */

static const struct {
	const char *name;
	const char *text;
	int rc;
	const char *msg;
} ini_cases[] = {
	{ "openshift-secret", "[default]\nsts_regional_endpoints = regional\nrole_arn = arn:aws:iam::123456789012:role/r\n"
	  "web_identity_token_file = /var/run/secrets/openshift/serviceaccount/token\n", SV_OK, NULL },
	{ "crlf", "[default]\r\nrole_arn = x\r\n", SV_OK, NULL },
	{ "comments", "# c\n; c\n[default]\n  # indented comment\nrole_arn = x\n", SV_OK, NULL },
	{ "no-section", "role_arn = x\n", SV_E_FORMAT, "line 1: \"role_arn = x\" comes before any [section] header" },
	{ "no-delimiter", "[default]\nrole_arn\n", SV_E_FORMAT, "line 2: \"role_arn\" is not \"key = value\"" },
	{ "empty-key", "[default]\n= x\n", SV_E_FORMAT, "line 2: \"= x\" has no key before '='" },
	{ "dup-section", "[default]\na = 1\n[default]\n", SV_E_FORMAT, "line 3: section [default] appears again (first on line 1)" },
	{ "dup-key-case", "[default]\nrole_arn = 1\nROLE_ARN = 2\n", SV_E_FORMAT, "line 3: key \"ROLE_ARN\" appears again in [default] (first on line 2)" },
	{ "same-key-two-sections", "[a]\nk = 1\n[b]\nk = 2\n", SV_OK, NULL },
	{ "dup-DEFAULT-ok", "[DEFAULT]\na = 1\n[DEFAULT]\nb = 2\n", SV_OK, NULL },
	{ "bom", "\xef\xbb\xbf[default]\n", SV_E_FORMAT, "byte-order mark" },
	{ "bad-utf8", "[default]\nk = \xff\n", SV_E_FORMAT, "offset 14: invalid UTF-8" },
	{ "empty", "", SV_OK, NULL },
	{ "continuation-ok", "[default]\ns3 =\n  addressing_style = path\n", SV_OK, NULL },
	{ "unclosed-first-header", "[default\n", SV_E_FORMAT, "line 1: \"[default\" comes before any [section] header" },
	{ "unclosed-header", "[default]\n[x\n", SV_E_FORMAT, "line 2: \"[x\" is not \"key = value\"" },
	{ "indented-header-continues", "[default]\nk = v\n  [x]\n", SV_OK, NULL },
};

static void test_awsconf_ini_table(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof ini_cases / sizeof ini_cases[0]; i++) {
		sv_err e;
		int rc;
		memset(&e, 0, sizeof e);
		rc = sv_ini_validate(sv_from_cstr(ini_cases[i].text), &e);
		if (rc != ini_cases[i].rc)
			fail_msg("case %s: rc %d, expected %d (%s)", ini_cases[i].name, rc, ini_cases[i].rc, e.msg);
		if (ini_cases[i].msg && !strstr(e.msg, ini_cases[i].msg))
			fail_msg("case %s: message \"%s\" lacks \"%s\"", ini_cases[i].name, e.msg, ini_cases[i].msg);
	}
}

/* The same rules as Python's configparser: values verified with RawConfigParser. */
static void test_awsconf_ini_values_as_configparser(void **state)
{
	const char *t =
	    "[DEFAULT]\n"
	    "region = eu-west-1\n"
	    "[default]\n"
	    "role_arn = a\n"
	    "  b\n"
	    "\n"
	    "  # c\n"
	    "  d\n"
	    "x = \n"
	    "  k = v\n"
	    "  k2=v2 = w\n"
	    "inline = v # not a comment\n"
	    "[profile p]\n"
	    "Role_ARN: z\n"
	    "[a]b]\n"
	    "k=1\n";
	sv_sv text = sv_from_cstr(t), v;
	sv_ini_ev ev;
	sv_err e;
	(void)state;
	assert_int_equal(sv_ini_validate(text, &e), SV_OK);
	assert_true(sv_ini_find(text, SV_LIT("default"), SV_LIT("ROLE_ARN"), &ev));
	assert_sv(ev.value, "a");
	assert_sv(ev.block, "  b\n\n  # c\n  d");
	assert_int_equal(ev.line, 4);
	assert_true(sv_ini_find(text, SV_LIT("default"), SV_LIT("x"), &ev));
	assert_sv(ev.value, "");
	assert_true(sv_ini_nested(ev.block, SV_LIT("k"), &v));
	assert_sv(v, "v");
	assert_true(sv_ini_nested(ev.block, SV_LIT("k2"), &v));
	assert_sv(v, "v2 = w");
	assert_true(sv_ini_find(text, SV_LIT("default"), SV_LIT("inline"), &ev));
	assert_sv(ev.value, "v # not a comment");
	/* [DEFAULT] applies to existing sections only */
	assert_true(sv_ini_find(text, SV_LIT("profile p"), SV_LIT("region"), &ev));
	assert_sv(ev.value, "eu-west-1");
	assert_false(sv_ini_find(text, SV_LIT("nosuch"), SV_LIT("region"), &ev));
	assert_true(sv_ini_find(text, SV_LIT("profile p"), SV_LIT("role_arn"), &ev));
	assert_sv(ev.value, "z");
	/* the header runs to the last ']' */
	assert_true(sv_ini_find(text, SV_LIT("a]b"), SV_LIT("k"), &ev));
	assert_int_equal(ev.line, 16);
}

/* ---- the Secret ------------------------------------------------------- */

static const char secret_ini[] =
    "[default]\n"
    "sts_regional_endpoints = regional\n"
    "role_arn = arn:aws:iam::123456789012:role/ocp-ingress\n"
    "web_identity_token_file = /var/run/secrets/openshift/serviceaccount/token\n";

static jsmntok_t tok[64];
static char out[4096];

static void test_awsconf_secret_ini_is_a_view(void **state)
{
	sv_sv ini;
	sv_err e;
	(void)state;
	assert_int_equal(sv_awsconf_secret(sv_from_cstr(secret_ini), tok, 64, out, sizeof out, &ini, &e), SV_OK);
	assert_ptr_equal(ini.p, secret_ini);
	assert_int_equal(ini.n, strlen(secret_ini));
}

static void test_awsconf_secret_json_base64(void **state)
{
	char json[2048];
	char b64[1024];
	size_t i, o = 0, n = strlen(secret_ini);
	static const char al[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	sv_sv ini;
	sv_err e;
	(void)state;
	for (i = 0; i < n; i += 3) {
		uint32_t v = (uint32_t)(unsigned char)secret_ini[i] << 16;
		if (i + 1 < n) v |= (uint32_t)(unsigned char)secret_ini[i + 1] << 8;
		if (i + 2 < n) v |= (unsigned char)secret_ini[i + 2];
		b64[o++] = al[v >> 18];
		b64[o++] = al[(v >> 12) & 63];
		b64[o++] = i + 1 < n ? al[(v >> 6) & 63] : '=';
		b64[o++] = i + 2 < n ? al[v & 63] : '=';
	}
	b64[o] = 0;
	snprintf(json, sizeof json,
	         "{\n    \"apiVersion\": \"v1\",\n    \"data\": {\n        \"credentials\": \"%s\"\n    },\n"
	         "    \"kind\": \"Secret\",\n    \"metadata\": {\"name\": \"cloud-credentials\", "
	         "\"namespace\": \"openshift-ingress-operator\"},\n    \"type\": \"Opaque\"\n}\n", b64);
	assert_int_equal(sv_awsconf_secret(sv_from_cstr(json), tok, 64, out, sizeof out, &ini, &e), SV_OK);
	assert_int_equal(ini.n, n);
	assert_memory_equal(ini.p, secret_ini, n);
	assert_ptr_equal(ini.p, out);
}

static const struct {
	const char *name, *doc;
	int rc;
	const char *msg;
} secret_cases[] = {
	{ "yaml", "apiVersion: v1\nkind: Secret\n", SV_E_FORMAT, "this is the Secret as YAML" },
	{ "not-secret", "{\"kind\":\"ConfigMap\",\"data\":{}}", SV_E_FORMAT, "kind is \"ConfigMap\", not \"Secret\"" },
	{ "no-credentials", "{\"kind\":\"Secret\",\"data\":{\"aws_access_key_id\":\"QQ==\"}}", SV_E_FORMAT, "has no data.credentials" },
	{ "not-string", "{\"kind\":\"Secret\",\"data\":{\"credentials\":1}}", SV_E_FORMAT, "data.credentials is not a string" },
	{ "bad-b64", "{\"kind\":\"Secret\",\"data\":{\"credentials\":\"W2R*\"}}", SV_E_B64, "data.credentials: " },
	{ "escaped", "{\"kind\":\"Secret\",\"data\":{\"credentials\":\"W2R\\u0065\"}}", SV_E_FORMAT, "JSON escapes" },
	{ "bad-json", "{\"kind\":\"Secret\",", SV_E_JSON, "truncated" },
	{ "array", "[1]", SV_OK, NULL },   /* not starting with '{': taken as ini text, which then fails to parse */
};

static void test_awsconf_secret_table(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof secret_cases / sizeof secret_cases[0]; i++) {
		sv_sv ini;
		sv_err e;
		int rc;
		memset(&e, 0, sizeof e);
		rc = sv_awsconf_secret(sv_from_cstr(secret_cases[i].doc), tok, 64, out, sizeof out, &ini, &e);
		if (rc != secret_cases[i].rc)
			fail_msg("case %s: rc %d, expected %d (%s)", secret_cases[i].name, rc, secret_cases[i].rc, e.msg);
		if (secret_cases[i].msg && !strstr(e.msg, secret_cases[i].msg))
			fail_msg("case %s: message \"%s\" lacks \"%s\"", secret_cases[i].name, e.msg, secret_cases[i].msg);
	}
}

static void test_awsconf_secret_stringdata(void **state)
{
	sv_sv ini;
	sv_err e;
	const char *doc = "{\"kind\":\"Secret\",\"stringData\":{\"credentials\":\"[default]\\nrole_arn = x\\n\"}}";
	(void)state;
	assert_int_equal(sv_awsconf_secret(sv_from_cstr(doc), tok, 64, out, sizeof out, &ini, &e), SV_OK);
	assert_sv(ini, "[default]\nrole_arn = x\n");
}

/* ---- precedence ------------------------------------------------------- */

static sv_awsconf_in in_for(const char *config, const char *creds)
{
	sv_awsconf_in in;
	memset(&in, 0, sizeof in);
	if (config)
		in.config = sv_from_cstr(config);
	if (creds)
		in.credentials = sv_from_cstr(creds);
	in.getenv = fake_getenv;
	in.sdk = SV_SDK_BOTOCORE;
	return in;
}

static void test_awsconf_openshift_secret_resolves(void **state)
{
	sv_awsconf_in in = in_for(NULL, secret_ini);
	sv_awsconf c;
	sv_err e;
	(void)state;
	env_clear();
	assert_int_equal(sv_awsconf_resolve(&in, &c, &e), SV_OK);
	assert_sv(c.profile.v, "default");
	assert_int_equal(c.profile.src, SV_SRC_DEFAULT);
	assert_true(c.profile_found);
	assert_sv(c.role_arn.v, "arn:aws:iam::123456789012:role/ocp-ingress");
	assert_int_equal(c.role_arn.src, SV_SRC_CREDENTIALS);
	assert_int_equal(c.role_arn.line, 3);
	assert_sv(c.token_file.v, "/var/run/secrets/openshift/serviceaccount/token");
	assert_int_equal(c.session_name.src, SV_SRC_NONE);
	assert_sv(c.sts_regional_endpoints.v, "regional");
	assert_int_equal(c.sts_regional_endpoints.src, SV_SRC_CREDENTIALS);
	assert_int_equal(c.region.src, SV_SRC_NONE);
	assert_int_equal(c.endpoint_url.src, SV_SRC_NONE);
}

static void test_awsconf_env_wins_per_key(void **state)
{
	const char *cfg = "[default]\nrole_arn = arn:aws:iam::111111111111:role/cfg\n"
	                  "web_identity_token_file = /cfg/token\nrole_session_name = cfgsess\nregion = eu-west-1\n";
	sv_awsconf_in in = in_for(cfg, NULL);
	sv_awsconf c;
	sv_err e;
	(void)state;
	env_clear();
	env_set("AWS_ROLE_ARN", "arn:aws:iam::222222222222:role/env");
	env_set("AWS_REGION", "us-west-2");   /* botocore does not read AWS_REGION */
	assert_int_equal(sv_awsconf_resolve(&in, &c, &e), SV_OK);
	assert_sv(c.role_arn.v, "arn:aws:iam::222222222222:role/env");
	assert_int_equal(c.role_arn.src, SV_SRC_ENV);
	assert_string_equal(c.role_arn.name, "AWS_ROLE_ARN");
	assert_sv(c.token_file.v, "/cfg/token");
	assert_int_equal(c.token_file.src, SV_SRC_CONFIG);
	assert_sv(c.session_name.v, "cfgsess");
	assert_sv(c.region.v, "eu-west-1");
	assert_int_equal(c.region.src, SV_SRC_CONFIG);

	/* AWS CLI v2 reads AWS_REGION first */
	in.sdk = SV_SDK_CLI_V2;
	assert_int_equal(sv_awsconf_resolve(&in, &c, &e), SV_OK);
	assert_sv(c.region.v, "us-west-2");
	assert_string_equal(c.region.name, "AWS_REGION");

	/* and AWS_DEFAULT_REGION beats the profile for both */
	env_set("AWS_DEFAULT_REGION", "ap-south-1");
	in.sdk = SV_SDK_BOTOCORE;
	assert_int_equal(sv_awsconf_resolve(&in, &c, &e), SV_OK);
	assert_sv(c.region.v, "ap-south-1");
}

static void test_awsconf_explicit_profile_disables_env(void **state)
{
	const char *cfg = "[profile app]\nrole_arn = arn:aws:iam::111111111111:role/cfg\n"
	                  "web_identity_token_file = /cfg/token\n";
	sv_awsconf_in in = in_for(cfg, NULL);
	sv_awsconf c;
	sv_err e;
	(void)state;
	env_clear();
	env_set("AWS_ROLE_ARN", "arn:aws:iam::222222222222:role/env");
	env_set("AWS_WEB_IDENTITY_TOKEN_FILE", "/env/token");
	in.profile = SV_LIT("app");
	assert_int_equal(sv_awsconf_resolve(&in, &c, &e), SV_OK);
	assert_true(c.env_disabled);
	assert_sv(c.role_arn.v, "arn:aws:iam::111111111111:role/cfg");
	assert_sv(c.token_file.v, "/cfg/token");

	/* AWS_PROFILE picks the profile but leaves the env vars on */
	in.profile = SV_NULL;
	env_set("AWS_PROFILE", "app");
	assert_int_equal(sv_awsconf_resolve(&in, &c, &e), SV_OK);
	assert_false(c.env_disabled);
	assert_sv(c.profile.v, "app");
	assert_sv(c.role_arn.v, "arn:aws:iam::222222222222:role/env");
}

static void test_awsconf_profile_not_found(void **state)
{
	sv_awsconf_in in = in_for("[profile other]\n", NULL);
	sv_awsconf c;
	sv_err e;
	(void)state;
	env_clear();
	in.profile = SV_LIT("nope");
	assert_int_equal(sv_awsconf_resolve(&in, &c, &e), SV_E_NOENT);
	assert_string_equal(e.msg, "The config profile (nope) could not be found");
	/* the default profile may be absent */
	in.profile = SV_NULL;
	assert_int_equal(sv_awsconf_resolve(&in, &c, &e), SV_OK);
	assert_false(c.profile_found);
}

static void test_awsconf_profile_sections(void **state)
{
	/* [profile default] after [default] wins; quoted names; credentials override config */
	const char *cfg = "[default]\nregion = a\n[profile default]\nregion = b\n"
	                  "[profile \"my app\"]\nregion = c\nrole_arn = cfg\n";
	const char *cred = "[my app]\nrole_arn = cred\n";
	sv_awsconf_in in = in_for(cfg, cred);
	sv_awsconf c;
	sv_err e;
	(void)state;
	env_clear();
	assert_int_equal(sv_awsconf_resolve(&in, &c, &e), SV_OK);
	assert_sv(c.region.v, "b");
	in.profile = SV_LIT("my app");
	assert_int_equal(sv_awsconf_resolve(&in, &c, &e), SV_OK);
	assert_sv(c.region.v, "c");
	assert_sv(c.role_arn.v, "cred");
	assert_int_equal(c.role_arn.src, SV_SRC_CREDENTIALS);
}

static void test_awsconf_sts_regional_endpoints(void **state)
{
	sv_awsconf_in in = in_for("[default]\nsts_regional_endpoints = legacy\n", NULL);
	sv_awsconf c;
	sv_err e;
	(void)state;
	env_clear();
	assert_int_equal(sv_awsconf_resolve(&in, &c, &e), SV_OK);
	assert_sv(c.sts_regional_endpoints.v, "legacy");
	env_set("AWS_STS_REGIONAL_ENDPOINTS", "regional");
	assert_int_equal(sv_awsconf_resolve(&in, &c, &e), SV_OK);
	assert_sv(c.sts_regional_endpoints.v, "regional");
	assert_int_equal(c.sts_regional_endpoints.src, SV_SRC_ENV);
	env_clear();
	env_set("AWS_STS_REGIONAL_ENDPOINTS", "bogus");
	assert_int_equal(sv_awsconf_resolve(&in, &c, &e), SV_E_FORMAT);
	assert_string_equal(e.msg, "STS regional endpoints option bogus is invalid. Valid options are: \"legacy\", \"regional\"");
	/* defaults per SDK */
	env_clear();
	in = in_for(NULL, NULL);
	in.getenv = fake_getenv;
	assert_int_equal(sv_awsconf_resolve(&in, &c, &e), SV_OK);
	assert_sv(c.sts_regional_endpoints.v, "regional");
	assert_int_equal(c.sts_regional_endpoints.src, SV_SRC_DEFAULT);
	in.sdk = SV_SDK_BOTOCORE_OLD;
	assert_int_equal(sv_awsconf_resolve(&in, &c, &e), SV_OK);
	assert_sv(c.sts_regional_endpoints.v, "legacy");
}

static void test_awsconf_endpoint_url_precedence(void **state)
{
	const char *cfg = "[default]\nservices = corp\nendpoint_url = https://global.example\n"
	                  "[services corp]\nsts =\n  endpoint_url = https://svc.example:8443\n";
	sv_awsconf_in in = in_for(cfg, NULL);
	sv_awsconf c;
	sv_err e;
	(void)state;
	env_clear();
	assert_int_equal(sv_awsconf_resolve(&in, &c, &e), SV_OK);
	assert_sv(c.endpoint_url.v, "https://svc.example:8443");
	assert_int_equal(c.endpoint_url.src, SV_SRC_CONFIG);
	env_set("AWS_ENDPOINT_URL", "https://env-global.example");
	assert_int_equal(sv_awsconf_resolve(&in, &c, &e), SV_OK);
	assert_sv(c.endpoint_url.v, "https://env-global.example");
	env_set("AWS_ENDPOINT_URL_STS", "https://env-sts.example");
	assert_int_equal(sv_awsconf_resolve(&in, &c, &e), SV_OK);
	assert_sv(c.endpoint_url.v, "https://env-sts.example");
	assert_string_equal(c.endpoint_url.name, "AWS_ENDPOINT_URL_STS");
	env_set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "TRUE");
	assert_int_equal(sv_awsconf_resolve(&in, &c, &e), SV_OK);
	assert_true(c.ignore_endpoint_urls);
	assert_int_equal(c.endpoint_url.src, SV_SRC_NONE);
	/* old botocore knows none of this */
	env_clear();
	env_set("AWS_ENDPOINT_URL_STS", "https://env-sts.example");
	in.sdk = SV_SDK_BOTOCORE_OLD;
	assert_int_equal(sv_awsconf_resolve(&in, &c, &e), SV_OK);
	assert_int_equal(c.endpoint_url.src, SV_SRC_NONE);
	/* no services section: only the profile's own endpoint_url */
	env_clear();
	in = in_for("[default]\nendpoint_url = https://global.example\n", NULL);
	assert_int_equal(sv_awsconf_resolve(&in, &c, &e), SV_OK);
	assert_sv(c.endpoint_url.v, "https://global.example");
	in = in_for("[default]\nservices = nope\n", NULL);
	assert_int_equal(sv_awsconf_resolve(&in, &c, &e), SV_E_FORMAT);
	assert_string_equal(e.msg, "The profile is configured to use the services section but the \"nope\" services configuration does not exist.");
}

static void test_awsconf_file_errors_name_the_file(void **state)
{
	sv_awsconf_in in = in_for("[default]\nrole_arn = a\n  b\n", "oops\n");
	sv_awsconf c;
	sv_err e;
	(void)state;
	env_clear();
	assert_int_equal(sv_awsconf_resolve(&in, &c, &e), SV_E_FORMAT);
	assert_string_equal(e.msg, "credentials line 1: \"oops\" comes before any [section] header");
	in.credentials = SV_NULL;
	assert_int_equal(sv_awsconf_resolve(&in, &c, &e), SV_E_FORMAT);
	assert_non_null(strstr(e.msg, "config line 2: the value of role_arn continues on indented lines"));
}

static void test_awsconf_empty_env_counts_for_web_identity(void **state)
{
	sv_awsconf_in in = in_for("[default]\nweb_identity_token_file = /t\n", NULL);
	sv_awsconf c;
	sv_err e;
	(void)state;
	env_clear();
	env_set("AWS_WEB_IDENTITY_TOKEN_FILE", "");   /* botocore: set, empty -> provider skipped */
	env_set("AWS_ACCESS_KEY_ID", "AKIAEXAMPLE");
	env_set("AWS_SECRET_ACCESS_KEY", "x");
	assert_int_equal(sv_awsconf_resolve(&in, &c, &e), SV_OK);
	assert_int_equal(c.token_file.src, SV_SRC_ENV);
	assert_int_equal(c.token_file.v.n, 0);
	assert_true(c.env_static_keys);
}

static void test_awsconf_fips_dualstack(void **state)
{
	sv_awsconf_in in = in_for("[default]\nuse_fips_endpoint = True\nuse_dualstack_endpoint = yes\n", NULL);
	sv_awsconf c;
	sv_err e;
	(void)state;
	env_clear();
	assert_int_equal(sv_awsconf_resolve(&in, &c, &e), SV_OK);
	assert_true(c.use_fips);
	assert_false(c.use_dualstack);        /* only "true" is true */
	env_set("AWS_USE_FIPS_ENDPOINT", "");  /* set and empty: false, and it wins over the profile */
	env_set("AWS_USE_DUALSTACK_ENDPOINT", "TRUE");
	assert_int_equal(sv_awsconf_resolve(&in, &c, &e), SV_OK);
	assert_false(c.use_fips);
	assert_true(c.use_dualstack);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_awsconf_ini_table),
		cmocka_unit_test(test_awsconf_ini_values_as_configparser),
		cmocka_unit_test(test_awsconf_secret_ini_is_a_view),
		cmocka_unit_test(test_awsconf_secret_json_base64),
		cmocka_unit_test(test_awsconf_secret_table),
		cmocka_unit_test(test_awsconf_secret_stringdata),
		cmocka_unit_test(test_awsconf_openshift_secret_resolves),
		cmocka_unit_test(test_awsconf_env_wins_per_key),
		cmocka_unit_test(test_awsconf_explicit_profile_disables_env),
		cmocka_unit_test(test_awsconf_profile_not_found),
		cmocka_unit_test(test_awsconf_profile_sections),
		cmocka_unit_test(test_awsconf_sts_regional_endpoints),
		cmocka_unit_test(test_awsconf_endpoint_url_precedence),
		cmocka_unit_test(test_awsconf_file_errors_name_the_file),
		cmocka_unit_test(test_awsconf_empty_env_counts_for_web_identity),
		cmocka_unit_test(test_awsconf_fips_dualstack),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
