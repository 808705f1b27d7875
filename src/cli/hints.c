/*
 * hints.c -- the second line of every error: "hint: <what to do about it>".
 *
 * An input error is "stsverify: <input>: <what is wrong>" and then one hint
 * line. The hints for files depend on the input (what it must hold, which
 * command prints it) and on the class of the problem (missing, unreadable,
 * over a compile-time capacity, not JSON, the wrong shape).
 */
#include "cli.h"
#include "../sv_tls.h"

/* One kind of input file: what it is, where it comes from, its capacities. */
typedef struct input_kind {
	const char *what;     /* the name errors print: "jwks", "provider", ... */
	const char *is;       /* what it must hold */
	const char *get;      /* how to get it */
	const char *bytes;    /* the constant that bounds its size, or NULL */
	const char *toks;     /* the constant that bounds its JSON tokens, or NULL */
	const char *header;   /* where both constants live */
} input_kind;

#define CONFIG_H "include/stsverify/sv_config.h"

static const input_kind kinds[] = {
	{ "token", "the service-account token (a compact JWT) and nothing else",
	  "`kubectl create token SA -n NS --audience sts.amazonaws.com` or the pod's $AWS_WEB_IDENTITY_TOKEN_FILE",
	  "SV_MAX_JWT_BYTES", NULL, CONFIG_H },
	{ "tokens", "one service-account token per line",
	  "one `kubectl create token SA -n NS --audience sts.amazonaws.com` per line", NULL, NULL, CONFIG_H },
	{ "jwks", "the issuer's JWK Set, a JSON object with a \"keys\" array",
	  "`curl -s JWKS_URI` (jwks_uri from the discovery document), `kubectl get --raw /openid/v1/jwks` or "
	  "`stsverify fetch ISSUER --out DIR`",
	  "SV_MAX_JWKS_BYTES", "SV_MAX_JWKS_TOKENS", CONFIG_H },
	{ "discovery", "the issuer's OpenID discovery document (JSON)",
	  "`curl -s ISSUER/.well-known/openid-configuration`, `kubectl get --raw /.well-known/openid-configuration` or "
	  "`stsverify fetch ISSUER --out DIR`",
	  "SV_MAX_DOC_BYTES", "SV_MAX_DOC_TOKENS", CONFIG_H },
	{ "provider", "the IAM OIDC provider as JSON",
	  "`aws iam get-open-id-connect-provider --open-id-connect-provider-arn ARN --output json`",
	  "SV_MAX_DOC_BYTES", "SV_MAX_DOC_TOKENS", CONFIG_H },
	{ "role", "the IAM role with its trust policy, as JSON",
	  "`aws iam get-role --role-name NAME --output json`", "SV_MAX_DOC_BYTES", "SV_MAX_DOC_TOKENS", CONFIG_H },
	{ "chain", "the PEM certificates the jwks_uri host serves",
	  "`openssl s_client -connect HOST:443 -servername HOST -showcerts </dev/null`",
	  "SV_MAX_CHAIN_BYTES", NULL, CONFIG_H },
	{ "provider-arn", "an IAM OIDC provider ARN, arn:aws:iam::ACCOUNT:oidc-provider/HOST[/PATH]",
	  "`aws iam list-open-id-connect-providers`", NULL, NULL, CONFIG_H },
	{ "credentials", "an AWS config/credentials file with role_arn and web_identity_token_file, or the "
	  "cloud-credentials Secret",
	  "`oc extract secret/cloud-credentials -n NS --to=-` or `oc get secret cloud-credentials -n NS -o json`",
	  "SV_MAX_DOC_BYTES", NULL, CONFIG_H },
	{ "AWS_SHARED_CREDENTIALS_FILE", "an AWS credentials file ([profile] sections of key = value lines)",
	  "`aws configure` (or unset AWS_SHARED_CREDENTIALS_FILE)", "SV_MAX_DOC_BYTES", NULL, CONFIG_H },
	{ "config", "an AWS config file ([profile NAME] sections of key = value lines)",
	  "`aws configure`", "SV_MAX_DOC_BYTES", NULL, CONFIG_H },
	{ "AWS_CONFIG_FILE", "an AWS config file ([profile NAME] sections of key = value lines)",
	  "`aws configure` (or unset AWS_CONFIG_FILE)", "SV_MAX_DOC_BYTES", NULL, CONFIG_H },
	{ "policy", "a permission policy as JSON (the role's inline or managed policy, or a bare policy document)",
	  "`aws iam get-role-policy --role-name ROLE --policy-name NAME --output json` or `aws iam get-policy-version "
	  "--policy-arn ARN --version-id V --output json`",
	  "SV_MAX_DOC_BYTES", "SV_MAX_DOC_TOKENS", CONFIG_H },
	{ "session-policy", "a session policy document (JSON, {\"Version\": ..., \"Statement\": [...]})",
	  "the document you would pass as `aws sts assume-role-with-web-identity --policy file://FILE`",
	  "SV_MAX_DOC_BYTES", NULL, CONFIG_H },
	{ "credentials-request", "an OpenShift CredentialsRequest (YAML or JSON)",
	  "`oc adm release extract --credentials-requests --cloud=aws --to=DIR RELEASE_IMAGE` or `oc get "
	  "credentialsrequest NAME -n openshift-cloud-credential-operator -o json`",
	  "SV_MAX_CREDREQ_BYTES", "SV_MAX_CREDREQ_TOKENS", CONFIG_H },
	{ "answer", "STS's response (its XML or JSON body, or the AWS CLI's error line)",
	  "`aws sts assume-role-with-web-identity ... 2>&1` or the curl command `stsverify request --format curl` "
	  "prints",
	  "SV_MAX_DOC_BYTES", "SV_MAX_DOC_TOKENS", CONFIG_H },
	{ "ca-file", "PEM CA certificates (-----BEGIN CERTIFICATE----- blocks)",
	  "the ca-certificates package (/etc/ssl/certs/ca-certificates.crt, /etc/pki/tls/certs/ca-bundle.crt)",
	  "SV_MAX_CA_FILE_BYTES", NULL,
	  "src/sv_tls.h" },
};

static const input_kind *kind_of(const sv_cli *c, const char *what)
{
	size_t i;
	/* request's and assume's --policy is a session policy, permissions' a permission policy */
	if (strcmp(what, "policy") == 0 && (strcmp(c->cmd, "request") == 0 || strcmp(c->cmd, "assume") == 0))
		what = "session-policy";
	for (i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
		if (strcmp(kinds[i].what, what) == 0)
			return &kinds[i];
	return NULL;
}

static void hint_line(sv_cli *c, const char *fmt, va_list ap)
{
	char tmp[1024];
	sv_buf b;
	sv_buf_init(&b, tmp, sizeof tmp);
	sv_buf_vfmt(&b, fmt, ap);
	sv_out_str(&c->err, "hint: ");
	sv_out_put(&c->err, tmp, b.len);
	sv_out_str(&c->err, "\n");
}

/* see cli.h */
int sv_cli_hint(sv_cli *c, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	hint_line(c, fmt, ap);
	va_end(ap);
	return SV_EXIT_USAGE;
}

/* see cli.h */
int sv_cli_usage_hint(sv_cli *c)
{
	return sv_cli_hint(c, "run `stsverify help %s` for its options and what each one takes", c->cmd);
}

/* see cli.h */
void sv_cli_io_hint(sv_cli *c, const char *what, int rc, size_t cap)
{
	const input_kind *k = kind_of(c, what);
	switch (rc) {
	case SV_E_LIMIT:
		if (k && strcmp(k->what, "token") == 0)
			sv_cli_hint(c, "STS takes a token of at most %d characters (SV_MAX_JWT_BYTES in %s) and this file "
			            "holds more: is it the token file, with nothing appended?", SV_MAX_JWT_BYTES, k->header);
		else if (k && k->bytes)
			sv_cli_hint(c, "%s files are read into %z bytes (%s in %s); rebuild with a larger one, e.g. "
			            "make clean && make CPPFLAGS=-D%s=%z", what, cap, k->bytes, k->header, k->bytes, cap * 4);
		else
			sv_cli_hint(c, "the file is larger than this command reads (%z bytes)", cap);
		break;
	case SV_E_NOENT:
		if (k)
			sv_cli_hint(c, "check the path; the %s file comes from %s", what, k->get);
		else
			sv_cli_hint(c, "check the path");
		break;
	case SV_E_ACCES:
		sv_cli_hint(c, "stsverify needs read permission on the file (token and credential files are often "
		            "0600: copy it as its owner, or run as that user)");
		break;
	case SV_E_ISDIR:
		if (strcmp(c->cmd, "check") == 0)
			sv_cli_hint(c, "give the file itself; a directory of bundle files goes in `--dir DIR`");
		else
			sv_cli_hint(c, "give the file itself, not the directory that holds it");
		break;
	default:
		sv_cli_hint(c, "the read failed (an I/O error, or a pipe or device that broke off); copy the input "
		            "into a regular file and retry");
		break;
	}
}

/* see cli.h */
void sv_cli_content_hint(sv_cli *c, const char *what, const sv_err *e)
{
	const input_kind *k = kind_of(c, what);
	if (!k) {
		sv_cli_hint(c, "run `stsverify help %s` for what the input must hold", c->cmd);
		return;
	}
	if (e && e->code == SV_E_LIMIT) {
		if (strstr(e->msg, "SV_MAX_"))
			sv_cli_hint(c, "that capacity is fixed at compile time (%s): rebuild with a larger value, "
			            "e.g. make clean && make CPPFLAGS=-DNAME=VALUE", k->header);
		else if (k->toks)
			sv_cli_hint(c, "the document holds more JSON values than %s (%s) allows; rebuild with a larger "
			            "one, e.g. make clean && make CPPFLAGS=-D%s=VALUE", k->toks, k->header, k->toks);
		else
			sv_cli_hint(c, "a compile-time capacity (%s) is too small for this input", k->header);
		return;
	}
	if (e && e->code == SV_E_JSON)
		sv_cli_hint(c, "not valid JSON (cut short, or saved as text or YAML?); %s must be %s, "
		            "from %s", what, k->is, k->get);
	else
		sv_cli_hint(c, "%s must be %s, from %s", what, k->is, k->get);
}

/* see cli.h */
int sv_cli_input_fail(sv_cli *c, const char *what, const char *path, const sv_err *e)
{
	const char *shown = (path[0] == '-' && path[1] == '\0') ? "(stdin)" : path;
	sv_cli_fail(c, "%s: %s: %s", what, shown, e->msg);
	sv_cli_content_hint(c, what, e);
	return SV_EXIT_USAGE;
}

/* see cli.h */
void sv_cli_token_hint(sv_cli *c, const sv_err *e)
{
	if (strstr(e->msg, "empty"))
		sv_cli_hint(c, "the file holds no token; get one with `kubectl create token SA -n NS --audience "
		            "sts.amazonaws.com > FILE`, or copy the pod's $AWS_WEB_IDENTITY_TOKEN_FILE");
	else if (strstr(e->msg, "line break"))
		sv_cli_hint(c, "the token file must hold only the JWT, on one line; kubectl/oc extract prints it with a "
		            "trailing newline, which is accepted, but not a second line (a log or another token "
		            "appended?)");
	else if (strstr(e->msg, "whitespace"))
		sv_cli_hint(c, "the token file must hold only the JWT; kubectl/oc extract prints it with a trailing "
		            "newline, which is accepted");
	else
		sv_cli_hint(c, "a JWT is three base64url parts joined by dots (header.payload.signature), as `kubectl "
		            "create token` prints it");
}
