/*
 * fuzz_awsconf.c -- the AWS shared config / credentials reader (sv_ini_*,
 * configparser's rules), the OpenShift cloud-credentials Secret
 * (sv_awsconf_secret: ini text or Secret JSON with base64 data) and the
 * SDK precedence (sv_awsconf_resolve).
 *
 * Input: the config text, then optionally a NUL and the credentials text.
 * The environment is a fixed fake chosen by the input's length (none, a
 * profile, web-identity variables, static keys).
 *
 * Invariants: ini events lie inside the text, lines only grow, sections
 * and keys are non-empty where the rules require it; a text that
 * validates walks to its end without error and vice versa; every
 * resolved setting is a view into one of the texts or the environment
 * (or a built-in default) and names its source; the Secret's ini is
 * the document itself or lies in the output buffer (a heap block of
 * exactly the capacity passed).
 */
#include "fuzz.h"
#include "stsverify/sv_awsconf.h"

static jsmntok_t tok[256];
static int envset;

static const struct { const char *k, *v; int set; } env[] = {
	{ "AWS_PROFILE", "dev", 1 },
	{ "AWS_ROLE_ARN", "arn:aws:iam::111122223333:role/env", 2 },
	{ "AWS_WEB_IDENTITY_TOKEN_FILE", "/var/run/secrets/eks.amazonaws.com/serviceaccount/token", 2 },
	{ "AWS_REGION", "eu-west-1", 2 },
	{ "AWS_STS_REGIONAL_ENDPOINTS", "legacy", 2 },
	{ "AWS_ACCESS_KEY_ID", "AKIAEXAMPLE", 3 },
	{ "AWS_SECRET_ACCESS_KEY", "secret", 3 },
	{ "AWS_ENDPOINT_URL_STS", "https://sts.example.test", 3 },
};

static int fake_getenv(const char *name, sv_sv *val)
{
	size_t i;
	for (i = 0; i < sizeof env / sizeof env[0]; i++)
		if (env[i].set == envset && strcmp(env[i].k, name) == 0) {
			*val = sv_from_cstr(env[i].v);
			return SV_OK;
		}
	return SV_E_NOENT;
}

static int in_env(sv_sv v)
{
	size_t i;
	for (i = 0; i < sizeof env / sizeof env[0]; i++)
		if (fz_inside(v, env[i].v, strlen(env[i].v)))
			return 1;
	return 0;
}

static void walk(sv_sv text)
{
	sv_ini it;
	sv_ini_ev ev;
	sv_err e;
	size_t line = 0;
	int rc, valid = sv_ini_validate(text, &e) == SV_OK, n = 0;

	sv_ini_init(&it, text);
	while ((rc = sv_ini_next(&it, &ev, &e)) == 1) {
		FZ_CHECK(++n <= (int)text.n + 1, "more events than bytes");
		FZ_CHECK(ev.line >= line && ev.line >= 1 && ev.pos <= text.n, "line %zu after %zu", ev.line, line);
		line = ev.line;
		FZ_CHECK(fz_inside(ev.section, text.p, text.n), "section view");
		if (ev.kind == SV_INI_OPTION) {
			sv_sv v;
			FZ_CHECK(ev.key.n > 0 && fz_inside(ev.key, text.p, text.n) &&
			             fz_inside(ev.value, text.p, text.n) && fz_inside(ev.block, text.p, text.n),
			         "option views");
			if (sv_ini_nested(ev.block, SV_LIT("sts_regional_endpoints"), &v))
				FZ_CHECK(fz_inside(v, ev.block.p, ev.block.n), "nested value view");
		} else {
			FZ_CHECK(ev.kind == SV_INI_SECTION, "kind %d", (int)ev.kind);
		}
	}
	if (rc != 0)
		FZ_CHECK(rc == SV_E_FORMAT && e.code == rc && memchr(e.msg, 0, sizeof e.msg), "rc %d", rc);
	/* validation is the walk plus the duplicate rules: it can only refuse more */
	if (valid)
		FZ_CHECK(rc == 0, "a valid text fails the walk: %s", e.msg);
	{
		sv_ini_ev f;
		if (sv_ini_find(text, SV_LIT("default"), SV_LIT("role_arn"), &f))
			FZ_CHECK(fz_inside(f.value, text.p, text.n), "found value view");
		(void)sv_ini_find(text, SV_LIT("profile dev"), SV_LIT("web_identity_token_file"), NULL);
	}
}

static void check_setting(const sv_setting *s, sv_sv a, sv_sv b, const char *what)
{
	if (s->src == SV_SRC_NONE)
		return;
	FZ_CHECK(s->src <= SV_SRC_DEFAULT, "%s: source %d", what, (int)s->src);
	if (s->src == SV_SRC_CONFIG)
		FZ_CHECK(fz_inside(s->v, a.p, a.n) && s->line >= 1, "%s: not in the config text", what);
	else if (s->src == SV_SRC_CREDENTIALS)
		FZ_CHECK(fz_inside(s->v, b.p, b.n) && s->line >= 1, "%s: not in the credentials text", what);
	else if (s->src == SV_SRC_ENV)
		FZ_CHECK(in_env(s->v), "%s: not an environment value", what);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	const uint8_t *z = memchr(data, 0, size);
	sv_sv cfg = { in, z ? (size_t)(z - data) : size };
	sv_sv cred = z ? (sv_sv){ (const char *)z + 1, size - cfg.n - 1 } : SV_NULL;
	sv_awsconf_in ai;
	sv_awsconf c;
	sv_sv ini;
	sv_err e;
	int rc;

	walk(cfg);
	if (cred.p)
		walk(cred);

	/* the Secret: ini text as is, or JSON whose data.credentials is base64 */
	{
		size_t cap = size;
		char *out = malloc(cap ? cap : 1);
		rc = sv_awsconf_secret((sv_sv){ in, size }, tok, 256, out, cap, &ini, &e);
		if (rc == SV_OK)
			FZ_CHECK((ini.p == in && ini.n == size) || fz_inside(ini, out, cap), "secret ini view");
		else
			FZ_CHECK(e.code == rc && memchr(e.msg, 0, sizeof e.msg), "secret rc %d code %d", rc, e.code);
		free(out);
	}

	memset(&ai, 0, sizeof ai);
	ai.config = cfg;
	ai.credentials = cred;
	ai.getenv = fake_getenv;
	ai.sdk = (sv_sdk)(size % 3);
	envset = (int)(size / 3 % 4);
	if (size % 7 == 0)
		ai.profile = SV_LIT("dev");
	memset(&e, 0, sizeof e);
	rc = sv_awsconf_resolve(&ai, &c, &e);
	if (rc != SV_OK) {
		FZ_CHECK((rc == SV_E_FORMAT || rc == SV_E_NOENT) && e.code == rc && memchr(e.msg, 0, sizeof e.msg),
		         "resolve rc %d code %d", rc, e.code);
		return 0;
	}
	check_setting(&c.profile, cfg, cred, "profile");
	check_setting(&c.role_arn, cfg, cred, "role_arn");
	check_setting(&c.token_file, cfg, cred, "token_file");
	check_setting(&c.session_name, cfg, cred, "session_name");
	check_setting(&c.region, cfg, cred, "region");
	check_setting(&c.sts_regional_endpoints, cfg, cred, "sts_regional_endpoints");
	check_setting(&c.endpoint_url, cfg, cred, "endpoint_url");
	check_setting(&c.services, cfg, cred, "services");
	FZ_CHECK(c.profile.v.n > 0, "no profile name");
	return 0;
}
