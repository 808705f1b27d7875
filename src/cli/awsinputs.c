/*
 * awsinputs.c -- the AWS config inputs as an SDK in this process would see
 * them: the config file, the credentials file (or the OpenShift
 * cloud-credentials Secret in either of its forms) and the environment,
 * resolved by sv_awsconf. Shared by request and check.
 */
#include "cli.h"
#include "stsverify/sv_port.h"

static unsigned char cfg_buf[SV_MAX_DOC_BYTES];
static unsigned char cred_buf[SV_MAX_DOC_BYTES];
static char secret_buf[SV_MAX_DOC_BYTES];
static jsmntok_t secret_tok[256];
static char path_buf[2][1024];

/* botocore: the variable, else ~/.aws/<name>; "~/" expands with HOME. */
static const char *default_path(int k, const char *var, const char *name)
{
	sv_sv v, home;
	sv_buf b;
	sv_buf_init(&b, path_buf[k], sizeof path_buf[k]);
	if (sv_port_getenv(var, &v) == SV_OK && v.n > 0) {
		if (sv_has_prefix(v, SV_LIT("~/")) && sv_port_getenv("HOME", &home) == SV_OK) {
			sv_buf_sv(&b, home);
			v = sv_slice(v, 1, v.n);
		}
		sv_buf_sv(&b, v);
	} else {
		if (sv_port_getenv("HOME", &home) != SV_OK)
			return NULL;
		sv_buf_sv(&b, home);
		sv_buf_str(&b, "/.aws/");
		sv_buf_str(&b, name);
	}
	return b.overflow ? NULL : path_buf[k];
}

/* An explicit file must exist; a default one may be absent. */
static int load(sv_cli *c, const char *what, const char *path, int explicit_, unsigned char *buf,
                size_t *len, const char **used)
{
	int rc;
	*used = NULL;
	if (!path)
		return SV_OK;
	rc = sv_port_read_file(path, buf, SV_MAX_DOC_BYTES, len);
	if (rc == SV_E_NOENT && !explicit_)
		return SV_OK;
	if (rc != SV_OK)
		return sv_cli_io_fail(c, what, path, rc, SV_MAX_DOC_BYTES);
	*used = path;
	return SV_OK;
}

/* see cli.h */
int sv_cli_awsconf(sv_cli *c, const sv_cli_awsfiles *f, sv_sdk sdk, sv_awsconf *out)
{
	sv_awsconf_in in;
	size_t clen = 0, rlen = 0;
	const char *cpath = f->config, *rpath = f->credentials;
	sv_err e;
	int rc;

	memset(&in, 0, sizeof in);
	in.getenv = sv_port_getenv;
	in.sdk = sdk;
	if (f->profile)
		in.profile = sv_from_cstr(f->profile);
	if (!cpath && !f->no_default_files)
		cpath = default_path(0, "AWS_CONFIG_FILE", "config");
	if (!rpath && !f->no_default_files)
		rpath = default_path(1, "AWS_SHARED_CREDENTIALS_FILE", "credentials");
	if (load(c, "config", cpath, f->config != NULL, cfg_buf, &clen, &c->aws_config_path) != SV_OK ||
	    load(c, "credentials", rpath, f->credentials != NULL, cred_buf, &rlen,
	         &c->aws_cred_path) != SV_OK)
		return SV_E_IO;
	if (c->aws_config_path)
		in.config = (sv_sv){ (const char *)cfg_buf, clen };
	if (c->aws_cred_path) {
		rc = sv_awsconf_secret((sv_sv){ (const char *)cred_buf, rlen }, secret_tok,
		                       sizeof secret_tok / sizeof secret_tok[0], secret_buf,
		                       sizeof secret_buf, &in.credentials, &e);
		if (rc != SV_OK) {
			sv_cli_fail(c, "credentials: %s: %s", c->aws_cred_path, e.msg);
			sv_cli_content_hint(c, "credentials", &e);
			return rc;
		}
	}
	rc = sv_awsconf_resolve(&in, out, &e);
	if (rc != SV_OK) {
		/* "config line 3: ..." / "credentials line 2: ..." name the file */
		if (sv_has_prefix(sv_from_cstr(e.msg), SV_LIT("config ")))
			sv_cli_fail(c, "config: %s: %s", c->aws_config_path, e.msg + 7);
		else if (sv_has_prefix(sv_from_cstr(e.msg), SV_LIT("credentials ")))
			sv_cli_fail(c, "credentials: %s: %s", c->aws_cred_path, e.msg + 12);
		else
			sv_cli_fail(c, "%s: %s", c->cmd, e.msg);
		sv_cli_awsconf_hint(c, &e);
		return rc;
	}
	return SV_OK;
}

/* see cli.h */
void sv_cli_awsconf_hint(sv_cli *c, const sv_err *e)
{
	sv_sv m = sv_from_cstr(e->msg);
	if (sv_has_prefix(m, SV_LIT("config ")) || sv_has_prefix(m, SV_LIT("credentials ")))
		sv_cli_hint(c, "AWS config and credentials files are ini text: [section] lines, then key = value "
		            "lines, as `aws configure set` writes them; botocore refuses this file too");
	else if (sv_has_prefix(m, SV_LIT("The config profile")))
		sv_cli_hint(c, "the profile comes from --profile or AWS_PROFILE; `aws configure list-profiles` lists "
		            "the ones the files define");
	else if (sv_has_prefix(m, SV_LIT("Provided region_name")))
		sv_cli_hint(c, "a region is written like us-east-1; it comes from --region, AWS_REGION, "
		            "AWS_DEFAULT_REGION or the profile's region");
	else if (sv_has_prefix(m, SV_LIT("STS regional endpoints")))
		sv_cli_hint(c, "set AWS_STS_REGIONAL_ENDPOINTS or the profile's sts_regional_endpoints to regional or "
		            "legacy, or unset it");
	else if (sv_has_prefix(m, SV_LIT("The profile is configured to use the services")))
		sv_cli_hint(c, "add that [services NAME] section to the config file, or remove the profile's services "
		            "setting");
	else if (sv_has_prefix(m, SV_LIT("endpoint URL")) || sv_has_prefix(m, SV_LIT("Invalid endpoint")))
		sv_cli_hint(c, "the endpoint URL comes from --endpoint-url, AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL or the "
		            "profile's endpoint_url; give https://HOST[:PORT], or unset it for STS's own endpoint");
	else
		sv_cli_usage_hint(c);
}

/* see cli.h */
void sv_cli_setting_src(sv_buf *b, const sv_cli *c, const sv_setting *s)
{
	switch (s->src) {
	case SV_SRC_FLAG:
		sv_buf_str(b, "flag");
		break;
	case SV_SRC_ENV:
		sv_buf_fmt(b, "env %s", s->name);
		break;
	case SV_SRC_CONFIG:
		sv_buf_fmt(b, "%s line %z, %s", c->aws_config_path ? c->aws_config_path : "config",
		           s->line, s->name);
		break;
	case SV_SRC_CREDENTIALS:
		sv_buf_fmt(b, "%s line %z, %s", c->aws_cred_path ? c->aws_cred_path : "credentials",
		           s->line, s->name);
		break;
	case SV_SRC_DEFAULT:
		sv_buf_str(b, "default");
		break;
	case SV_SRC_NONE:
		sv_buf_str(b, "not set");
		break;
	}
}

/* see cli.h */
void sv_out_shell(sv_out *o, sv_sv s)
{
	size_t i;
	int plain = s.n > 0;
	for (i = 0; i < s.n && plain; i++) {
		char ch = s.p[i];
		plain = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
		        ch == '_' || ch == '-' || ch == '.' || ch == '/' || ch == ':' || ch == '=' ||
		        ch == '@' || ch == '%' || ch == '+' || ch == ',';
	}
	if (plain) {
		sv_out_put(o, s.p, s.n);
		return;
	}
	sv_out_put(o, "'", 1);
	for (i = 0; i < s.n; i++) {
		if (s.p[i] == '\'')
			sv_out_str(o, "'\\''");
		else
			sv_out_put(o, s.p + i, 1);
	}
	sv_out_put(o, "'", 1);
}
