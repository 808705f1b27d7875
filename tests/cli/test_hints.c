/*
 * test_hints.c -- the hint line of every input-error class, by exact text.
 *
 * Errors are "stsverify: <input>: <what is wrong>" then "hint: ...". The CLI
 * tests assert the pairs commands print; this one drives the hint functions
 * directly, so every input kind and every class (missing, unreadable, over a
 * capacity, not JSON, the wrong shape) is asserted, including the classes a
 * test cannot provoke through a command (permission denied as root, an I/O
 * error).
 */
#include "helpers.h"
#include "cli/cli.h"

static char errbuf[1 << 14];
static size_t errlen;
static sv_cli C;

static int sink(void *ctx, const unsigned char *b, size_t n)
{
	(void)ctx;
	if (errlen + n >= sizeof errbuf)
		n = sizeof errbuf - 1 - errlen;
	memcpy(errbuf + errlen, b, n);
	errlen += n;
	errbuf[errlen] = '\0';
	return (int)n;
}

static sv_cli *fresh(const char *cmd)
{
	memset(&C, 0, sizeof C);
	sv_out_init(&C.out, sink, NULL);
	sv_out_init(&C.err, sink, NULL);
	C.cmd = cmd;
	errlen = 0;
	errbuf[0] = '\0';
	return &C;
}

/* stderr so far must be exactly "hint: <want>\n" */
static void want_hint(const char *label, const char *want)
{
	char line[4096];
	sv_out_flush(&C.err);
	snprintf(line, sizeof line, "hint: %s\n", want);
	if (strcmp(errbuf, line) != 0)
		fail_msg("%s:\n  got:  %s  want: %s", label, errbuf, line);
}

enum { IO_NOENT, IO_LIMIT, CONTENT_FORMAT, CONTENT_TOKENS };

/* Per input kind: missing (where it comes from), over its byte capacity (the constant), the wrong
   shape (what it must hold), more JSON values than its token capacity. */
static const struct {
	int         kind;
	const char *cmd, *what;
	size_t      cap;
	const char *hint;
} per_kind[] = {
	{ IO_NOENT, "check", "token", SV_MAX_TOKEN_FILE_BYTES,
	    "check the path; the token file comes from `kubectl create token SA -n NS --audience "
	    "sts.amazonaws.com` or the pod's $AWS_WEB_IDENTITY_TOKEN_FILE" },
	{ IO_NOENT, "check", "tokens", 0,
	    "check the path; the tokens file comes from one `kubectl create token SA -n NS --audience "
	    "sts.amazonaws.com` per line" },
	{ IO_NOENT, "check", "jwks", SV_MAX_JWKS_BYTES,
	    "check the path; the jwks file comes from `curl -s JWKS_URI` (jwks_uri from the discovery "
	    "document), `kubectl get --raw /openid/v1/jwks` or `stsverify fetch ISSUER --out DIR`" },
	{ IO_NOENT, "check", "discovery", SV_MAX_DOC_BYTES,
	    "check the path; the discovery file comes from `curl -s "
	    "ISSUER/.well-known/openid-configuration`, `kubectl get --raw /.well-known/openid-configuration` "
	    "or `stsverify fetch ISSUER --out DIR`" },
	{ IO_NOENT, "check", "provider", SV_MAX_DOC_BYTES,
	    "check the path; the provider file comes from `aws iam get-open-id-connect-provider "
	    "--open-id-connect-provider-arn ARN --output json`" },
	{ IO_NOENT, "check", "role", SV_MAX_DOC_BYTES,
	    "check the path; the role file comes from `aws iam get-role --role-name NAME --output json`" },
	{ IO_NOENT, "check", "chain", SV_MAX_CHAIN_BYTES,
	    "check the path; the chain file comes from `openssl s_client -connect HOST:443 -servername HOST "
	    "-showcerts </dev/null`" },
	{ IO_NOENT, "check", "credentials", SV_MAX_DOC_BYTES,
	    "check the path; the credentials file comes from `oc extract secret/cloud-credentials -n NS "
	    "--to=-` or `oc get secret cloud-credentials -n NS -o json`" },
	{ IO_NOENT, "check", "AWS_SHARED_CREDENTIALS_FILE", SV_MAX_DOC_BYTES,
	    "check the path; the AWS_SHARED_CREDENTIALS_FILE file comes from `aws configure` (or unset "
	    "AWS_SHARED_CREDENTIALS_FILE)" },
	{ IO_NOENT, "check", "config", SV_MAX_DOC_BYTES,
	    "check the path; the config file comes from `aws configure`" },
	{ IO_NOENT, "check", "AWS_CONFIG_FILE", SV_MAX_DOC_BYTES,
	    "check the path; the AWS_CONFIG_FILE file comes from `aws configure` (or unset AWS_CONFIG_FILE)" },
	{ IO_NOENT, "check", "policy", SV_MAX_DOC_BYTES,
	    "check the path; the policy file comes from `aws iam get-role-policy --role-name ROLE "
	    "--policy-name NAME --output json` or `aws iam get-policy-version --policy-arn ARN --version-id "
	    "V --output json`" },
	{ IO_NOENT, "check", "credentials-request", SV_MAX_CREDREQ_BYTES,
	    "check the path; the credentials-request file comes from `oc adm release extract "
	    "--credentials-requests --cloud=aws --to=DIR RELEASE_IMAGE` or `oc get credentialsrequest NAME "
	    "-n openshift-cloud-credential-operator -o json`" },
	{ IO_NOENT, "check", "answer", SV_MAX_DOC_BYTES,
	    "check the path; the answer file comes from `aws sts assume-role-with-web-identity ... 2>&1` or "
	    "the curl command `stsverify request --format curl` prints" },
	{ IO_NOENT, "check", "ca-file", 1048576,
	    "check the path; the ca-file file comes from the ca-certificates package "
	    "(/etc/ssl/certs/ca-certificates.crt, /etc/pki/tls/certs/ca-bundle.crt)" },
	{ IO_NOENT, "check", "nosuch", 100,
	    "check the path" },
	{ IO_LIMIT, "check", "token", SV_MAX_TOKEN_FILE_BYTES,
	    "STS takes a token of at most 20000 characters (SV_MAX_JWT_BYTES in "
	    "include/stsverify/sv_config.h) and this file holds more: is it the token file, with nothing "
	    "appended?" },
	{ IO_LIMIT, "check", "jwks", SV_MAX_JWKS_BYTES,
	    "jwks files are read into 262144 bytes (SV_MAX_JWKS_BYTES in include/stsverify/sv_config.h); "
	    "rebuild with a larger one, e.g. make clean && make CPPFLAGS=-DSV_MAX_JWKS_BYTES=1048576" },
	{ IO_LIMIT, "check", "discovery", SV_MAX_DOC_BYTES,
	    "discovery files are read into 65536 bytes (SV_MAX_DOC_BYTES in include/stsverify/sv_config.h); "
	    "rebuild with a larger one, e.g. make clean && make CPPFLAGS=-DSV_MAX_DOC_BYTES=262144" },
	{ IO_LIMIT, "check", "provider", SV_MAX_DOC_BYTES,
	    "provider files are read into 65536 bytes (SV_MAX_DOC_BYTES in include/stsverify/sv_config.h); "
	    "rebuild with a larger one, e.g. make clean && make CPPFLAGS=-DSV_MAX_DOC_BYTES=262144" },
	{ IO_LIMIT, "check", "role", SV_MAX_DOC_BYTES,
	    "role files are read into 65536 bytes (SV_MAX_DOC_BYTES in include/stsverify/sv_config.h); "
	    "rebuild with a larger one, e.g. make clean && make CPPFLAGS=-DSV_MAX_DOC_BYTES=262144" },
	{ IO_LIMIT, "check", "chain", SV_MAX_CHAIN_BYTES,
	    "chain files are read into 65536 bytes (SV_MAX_CHAIN_BYTES in include/stsverify/sv_config.h); "
	    "rebuild with a larger one, e.g. make clean && make CPPFLAGS=-DSV_MAX_CHAIN_BYTES=262144" },
	{ IO_LIMIT, "check", "credentials", SV_MAX_DOC_BYTES,
	    "credentials files are read into 65536 bytes (SV_MAX_DOC_BYTES in "
	    "include/stsverify/sv_config.h); rebuild with a larger one, e.g. make clean && make "
	    "CPPFLAGS=-DSV_MAX_DOC_BYTES=262144" },
	{ IO_LIMIT, "check", "AWS_SHARED_CREDENTIALS_FILE", SV_MAX_DOC_BYTES,
	    "AWS_SHARED_CREDENTIALS_FILE files are read into 65536 bytes (SV_MAX_DOC_BYTES in "
	    "include/stsverify/sv_config.h); rebuild with a larger one, e.g. make clean && make "
	    "CPPFLAGS=-DSV_MAX_DOC_BYTES=262144" },
	{ IO_LIMIT, "check", "config", SV_MAX_DOC_BYTES,
	    "config files are read into 65536 bytes (SV_MAX_DOC_BYTES in include/stsverify/sv_config.h); "
	    "rebuild with a larger one, e.g. make clean && make CPPFLAGS=-DSV_MAX_DOC_BYTES=262144" },
	{ IO_LIMIT, "check", "AWS_CONFIG_FILE", SV_MAX_DOC_BYTES,
	    "AWS_CONFIG_FILE files are read into 65536 bytes (SV_MAX_DOC_BYTES in "
	    "include/stsverify/sv_config.h); rebuild with a larger one, e.g. make clean && make "
	    "CPPFLAGS=-DSV_MAX_DOC_BYTES=262144" },
	{ IO_LIMIT, "check", "policy", SV_MAX_DOC_BYTES,
	    "policy files are read into 65536 bytes (SV_MAX_DOC_BYTES in include/stsverify/sv_config.h); "
	    "rebuild with a larger one, e.g. make clean && make CPPFLAGS=-DSV_MAX_DOC_BYTES=262144" },
	{ IO_LIMIT, "check", "credentials-request", SV_MAX_CREDREQ_BYTES,
	    "credentials-request files are read into 262144 bytes (SV_MAX_CREDREQ_BYTES in "
	    "include/stsverify/sv_config.h); rebuild with a larger one, e.g. make clean && make "
	    "CPPFLAGS=-DSV_MAX_CREDREQ_BYTES=1048576" },
	{ IO_LIMIT, "check", "answer", SV_MAX_DOC_BYTES,
	    "answer files are read into 65536 bytes (SV_MAX_DOC_BYTES in include/stsverify/sv_config.h); "
	    "rebuild with a larger one, e.g. make clean && make CPPFLAGS=-DSV_MAX_DOC_BYTES=262144" },
	{ IO_LIMIT, "check", "ca-file", 1048576,
	    "ca-file files are read into 1048576 bytes (SV_MAX_CA_FILE_BYTES in src/sv_tls.h); rebuild with "
	    "a larger one, e.g. make clean && make CPPFLAGS=-DSV_MAX_CA_FILE_BYTES=4194304" },
	{ IO_LIMIT, "check", "nosuch", 100,
	    "the file is larger than this command reads (100 bytes)" },
	{ CONTENT_FORMAT, "check", "token", SV_MAX_TOKEN_FILE_BYTES,
	    "token must be the service-account token (a compact JWT) and nothing else, from `kubectl create "
	    "token SA -n NS --audience sts.amazonaws.com` or the pod's $AWS_WEB_IDENTITY_TOKEN_FILE" },
	{ CONTENT_FORMAT, "check", "tokens", 0,
	    "tokens must be one service-account token per line, from one `kubectl create token SA -n NS "
	    "--audience sts.amazonaws.com` per line" },
	{ CONTENT_FORMAT, "check", "jwks", SV_MAX_JWKS_BYTES,
	    "jwks must be the issuer's JWK Set, a JSON object with a \"keys\" array, from `curl -s JWKS_URI` "
	    "(jwks_uri from the discovery document), `kubectl get --raw /openid/v1/jwks` or `stsverify fetch "
	    "ISSUER --out DIR`" },
	{ CONTENT_FORMAT, "check", "discovery", SV_MAX_DOC_BYTES,
	    "discovery must be the issuer's OpenID discovery document (JSON), from `curl -s "
	    "ISSUER/.well-known/openid-configuration`, `kubectl get --raw /.well-known/openid-configuration` "
	    "or `stsverify fetch ISSUER --out DIR`" },
	{ CONTENT_FORMAT, "check", "provider", SV_MAX_DOC_BYTES,
	    "provider must be the IAM OIDC provider as JSON, from `aws iam get-open-id-connect-provider "
	    "--open-id-connect-provider-arn ARN --output json`" },
	{ CONTENT_FORMAT, "check", "role", SV_MAX_DOC_BYTES,
	    "role must be the IAM role with its trust policy, as JSON, from `aws iam get-role --role-name "
	    "NAME --output json`" },
	{ CONTENT_FORMAT, "check", "chain", SV_MAX_CHAIN_BYTES,
	    "chain must be the PEM certificates the jwks_uri host serves, from `openssl s_client -connect "
	    "HOST:443 -servername HOST -showcerts </dev/null`" },
	{ CONTENT_FORMAT, "check", "provider-arn", 0,
	    "provider-arn must be an IAM OIDC provider ARN, arn:aws:iam::ACCOUNT:oidc-provider/HOST[/PATH], "
	    "from `aws iam list-open-id-connect-providers`" },
	{ CONTENT_FORMAT, "check", "credentials", SV_MAX_DOC_BYTES,
	    "credentials must be an AWS config/credentials file with role_arn and web_identity_token_file, "
	    "or the cloud-credentials Secret, from `oc extract secret/cloud-credentials -n NS --to=-` or `oc "
	    "get secret cloud-credentials -n NS -o json`" },
	{ CONTENT_FORMAT, "check", "AWS_SHARED_CREDENTIALS_FILE", SV_MAX_DOC_BYTES,
	    "AWS_SHARED_CREDENTIALS_FILE must be an AWS credentials file ([profile] sections of key = value "
	    "lines), from `aws configure` (or unset AWS_SHARED_CREDENTIALS_FILE)" },
	{ CONTENT_FORMAT, "check", "config", SV_MAX_DOC_BYTES,
	    "config must be an AWS config file ([profile NAME] sections of key = value lines), from `aws "
	    "configure`" },
	{ CONTENT_FORMAT, "check", "AWS_CONFIG_FILE", SV_MAX_DOC_BYTES,
	    "AWS_CONFIG_FILE must be an AWS config file ([profile NAME] sections of key = value lines), from "
	    "`aws configure` (or unset AWS_CONFIG_FILE)" },
	{ CONTENT_FORMAT, "check", "policy", SV_MAX_DOC_BYTES,
	    "policy must be a permission policy as JSON (the role's inline or managed policy, or a bare "
	    "policy document), from `aws iam get-role-policy --role-name ROLE --policy-name NAME --output "
	    "json` or `aws iam get-policy-version --policy-arn ARN --version-id V --output json`" },
	{ CONTENT_FORMAT, "check", "credentials-request", SV_MAX_CREDREQ_BYTES,
	    "credentials-request must be an OpenShift CredentialsRequest (YAML or JSON), from `oc adm "
	    "release extract --credentials-requests --cloud=aws --to=DIR RELEASE_IMAGE` or `oc get "
	    "credentialsrequest NAME -n openshift-cloud-credential-operator -o json`" },
	{ CONTENT_FORMAT, "check", "answer", SV_MAX_DOC_BYTES,
	    "answer must be STS's response (its XML or JSON body, or the AWS CLI's error line), from `aws "
	    "sts assume-role-with-web-identity ... 2>&1` or the curl command `stsverify request --format "
	    "curl` prints" },
	{ CONTENT_FORMAT, "check", "ca-file", 1048576,
	    "ca-file must be PEM CA certificates (-----BEGIN CERTIFICATE----- blocks), from the "
	    "ca-certificates package (/etc/ssl/certs/ca-certificates.crt, /etc/pki/tls/certs/ca-bundle.crt)" },
	{ CONTENT_FORMAT, "check", "nosuch", 100,
	    "run `stsverify help check` for what the input must hold" },
	{ CONTENT_TOKENS, "check", "token", SV_MAX_TOKEN_FILE_BYTES,
	    "a compile-time capacity (include/stsverify/sv_config.h) is too small for this input" },
	{ CONTENT_TOKENS, "check", "tokens", 0,
	    "a compile-time capacity (include/stsverify/sv_config.h) is too small for this input" },
	{ CONTENT_TOKENS, "check", "jwks", SV_MAX_JWKS_BYTES,
	    "the document holds more JSON values than SV_MAX_JWKS_TOKENS (include/stsverify/sv_config.h) "
	    "allows; rebuild with a larger one, e.g. make clean && make CPPFLAGS=-DSV_MAX_JWKS_TOKENS=VALUE" },
	{ CONTENT_TOKENS, "check", "discovery", SV_MAX_DOC_BYTES,
	    "the document holds more JSON values than SV_MAX_DOC_TOKENS (include/stsverify/sv_config.h) "
	    "allows; rebuild with a larger one, e.g. make clean && make CPPFLAGS=-DSV_MAX_DOC_TOKENS=VALUE" },
	{ CONTENT_TOKENS, "check", "provider", SV_MAX_DOC_BYTES,
	    "the document holds more JSON values than SV_MAX_DOC_TOKENS (include/stsverify/sv_config.h) "
	    "allows; rebuild with a larger one, e.g. make clean && make CPPFLAGS=-DSV_MAX_DOC_TOKENS=VALUE" },
	{ CONTENT_TOKENS, "check", "role", SV_MAX_DOC_BYTES,
	    "the document holds more JSON values than SV_MAX_DOC_TOKENS (include/stsverify/sv_config.h) "
	    "allows; rebuild with a larger one, e.g. make clean && make CPPFLAGS=-DSV_MAX_DOC_TOKENS=VALUE" },
	{ CONTENT_TOKENS, "check", "chain", SV_MAX_CHAIN_BYTES,
	    "a compile-time capacity (include/stsverify/sv_config.h) is too small for this input" },
	{ CONTENT_TOKENS, "check", "provider-arn", 0,
	    "a compile-time capacity (include/stsverify/sv_config.h) is too small for this input" },
	{ CONTENT_TOKENS, "check", "credentials", SV_MAX_DOC_BYTES,
	    "a compile-time capacity (include/stsverify/sv_config.h) is too small for this input" },
	{ CONTENT_TOKENS, "check", "AWS_SHARED_CREDENTIALS_FILE", SV_MAX_DOC_BYTES,
	    "a compile-time capacity (include/stsverify/sv_config.h) is too small for this input" },
	{ CONTENT_TOKENS, "check", "config", SV_MAX_DOC_BYTES,
	    "a compile-time capacity (include/stsverify/sv_config.h) is too small for this input" },
	{ CONTENT_TOKENS, "check", "AWS_CONFIG_FILE", SV_MAX_DOC_BYTES,
	    "a compile-time capacity (include/stsverify/sv_config.h) is too small for this input" },
	{ CONTENT_TOKENS, "check", "policy", SV_MAX_DOC_BYTES,
	    "the document holds more JSON values than SV_MAX_DOC_TOKENS (include/stsverify/sv_config.h) "
	    "allows; rebuild with a larger one, e.g. make clean && make CPPFLAGS=-DSV_MAX_DOC_TOKENS=VALUE" },
	{ CONTENT_TOKENS, "check", "credentials-request", SV_MAX_CREDREQ_BYTES,
	    "the document holds more JSON values than SV_MAX_CREDREQ_TOKENS (include/stsverify/sv_config.h) "
	    "allows; rebuild with a larger one, e.g. make clean && make "
	    "CPPFLAGS=-DSV_MAX_CREDREQ_TOKENS=VALUE" },
	{ CONTENT_TOKENS, "check", "answer", SV_MAX_DOC_BYTES,
	    "the document holds more JSON values than SV_MAX_DOC_TOKENS (include/stsverify/sv_config.h) "
	    "allows; rebuild with a larger one, e.g. make clean && make CPPFLAGS=-DSV_MAX_DOC_TOKENS=VALUE" },
	{ CONTENT_TOKENS, "check", "ca-file", 1048576,
	    "a compile-time capacity (src/sv_tls.h) is too small for this input" },
	{ CONTENT_TOKENS, "check", "nosuch", 100,
	    "run `stsverify help check` for what the input must hold" },
	{ IO_NOENT, "request", "policy", SV_MAX_DOC_BYTES,
	    "check the path; the policy file comes from the document you would pass as `aws sts "
	    "assume-role-with-web-identity --policy file://FILE`" },
};

static void test_hints_per_input_kind(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof per_kind / sizeof per_kind[0]; i++) {
		sv_cli *c = fresh(per_kind[i].cmd);
		sv_err e;
		char label[128];
		memset(&e, 0, sizeof e);
		snprintf(label, sizeof label, "%s %s (row %zu)", per_kind[i].cmd, per_kind[i].what, i);
		switch (per_kind[i].kind) {
		case IO_NOENT:
			sv_cli_io_hint(c, per_kind[i].what, SV_E_NOENT, per_kind[i].cap);
			break;
		case IO_LIMIT:
			sv_cli_io_hint(c, per_kind[i].what, SV_E_LIMIT, per_kind[i].cap);
			break;
		case CONTENT_FORMAT:
			e.code = SV_E_FORMAT;
			sv_cli_content_hint(c, per_kind[i].what, &e);
			break;
		default:
			e.code = SV_E_LIMIT;
			snprintf(e.msg, sizeof e.msg, "more than 4096 JSON tokens (compile-time limit)");
			sv_cli_content_hint(c, per_kind[i].what, &e);
			break;
		}
		want_hint(label, per_kind[i].hint);
	}
}

/* The classes that do not depend on the input. */
static void test_hints_per_class(void **state)
{
	sv_err e;
	(void)state;
	sv_cli_io_hint(fresh("verify"), "token", SV_E_ACCES, SV_MAX_TOKEN_FILE_BYTES);
	want_hint("permission denied", "stsverify needs read permission on the file (token and credential files are "
	          "often 0600: copy it as its owner, or run as that user)");
	sv_cli_io_hint(fresh("verify"), "jwks", SV_E_ISDIR, SV_MAX_JWKS_BYTES);
	want_hint("a directory", "give the file itself, not the directory that holds it");
	sv_cli_io_hint(fresh("check"), "jwks", SV_E_ISDIR, SV_MAX_JWKS_BYTES);
	want_hint("a directory (check)", "give the file itself; a directory of bundle files goes in `--dir DIR`");
	sv_cli_io_hint(fresh("explain"), "answer", SV_E_IO, SV_MAX_DOC_BYTES);
	want_hint("read error", "the read failed (an I/O error, or a pipe or device that broke off); copy the input "
	          "into a regular file and retry");

	memset(&e, 0, sizeof e);
	e.code = SV_E_JSON;
	sv_cli_content_hint(fresh("check"), "discovery", &e);
	want_hint("not JSON", "not valid JSON (cut short, or saved as text or YAML?); discovery must be the issuer's "
	          "OpenID discovery document (JSON), from `curl -s ISSUER/.well-known/openid-configuration`, `kubectl "
	          "get --raw /.well-known/openid-configuration` or `stsverify fetch ISSUER --out DIR`");
	e.code = SV_E_LIMIT;
	snprintf(e.msg, sizeof e.msg, "offset 9: nested deeper than SV_MAX_JSON_DEPTH=16");
	sv_cli_content_hint(fresh("check"), "role", &e);
	want_hint("a named capacity", "that capacity is fixed at compile time (include/stsverify/sv_config.h): "
	          "rebuild with a larger value, e.g. make clean && make CPPFLAGS=-DNAME=VALUE");

	/* the usage hint names the command */
	sv_cli_usage_hint(fresh("permissions"));
	want_hint("usage", "run `stsverify help permissions` for its options and what each one takes");
	fresh("decode");
	assert_int_equal(sv_cli_hint(&C, "%s", SV_CLI_NOT_BUILT_HINT), SV_EXIT_USAGE);
	want_hint("not built in", "build with the default PORT=posix (make); PORT=none leaves networking out");
}

/* sv_cli_input_fail: the error line, then the hint */
static void test_hints_input_fail_pairs(void **state)
{
	sv_err e;
	(void)state;
	memset(&e, 0, sizeof e);
	e.code = SV_E_FORMAT;
	snprintf(e.msg, sizeof e.msg, "not a JWKS: no \"keys\" member");
	assert_int_equal(sv_cli_input_fail(fresh("verify"), "jwks", "-", &e), SV_EXIT_USAGE);
	sv_out_flush(&C.err);
	assert_string_equal(errbuf, "stsverify: jwks: (stdin): not a JWKS: no \"keys\" member\n"
	                            "hint: jwks must be the issuer's JWK Set, a JSON object with a \"keys\" array, from "
	                            "`curl -s JWKS_URI` (jwks_uri from the discovery document), `kubectl get --raw "
	                            "/openid/v1/jwks` or `stsverify fetch ISSUER --out DIR`\n");
}

/* A token that is not one clean JWT. */
static void test_hints_token(void **state)
{
	sv_err e;
	(void)state;
	memset(&e, 0, sizeof e);
	snprintf(e.msg, sizeof e.msg, "empty: no token in the file");
	sv_cli_token_hint(fresh("verify"), &e);
	want_hint("empty", "the file holds no token; get one with `kubectl create token SA -n NS --audience "
	          "sts.amazonaws.com > FILE`, or copy the pod's $AWS_WEB_IDENTITY_TOKEN_FILE");
	snprintf(e.msg, sizeof e.msg, "offset 1200: a line break inside the file; it must hold exactly one token");
	sv_cli_token_hint(fresh("verify"), &e);
	want_hint("line break", "the token file must hold only the JWT, on one line; kubectl/oc extract prints it "
	          "with a trailing newline, which is accepted, but not a second line (a log or another token "
	          "appended?)");
	snprintf(e.msg, sizeof e.msg, "offset 0: whitespace before the token (was something appended to the file?)");
	sv_cli_token_hint(fresh("verify"), &e);
	want_hint("whitespace", "the token file must hold only the JWT; kubectl/oc extract prints it with a trailing "
	          "newline, which is accepted");
	snprintf(e.msg, sizeof e.msg, "2 segments; a compact JWS has exactly 3");
	sv_cli_token_hint(fresh("decode"), &e);
	want_hint("segments", "a JWT is three base64url parts joined by dots (header.payload.signature), as `kubectl "
	          "create token` prints it");
}

/* botocore's own errors for the AWS settings, each with what to change. */
static void test_hints_awsconf(void **state)
{
	static const struct {
		const char *msg, *hint;
	} t[] = {
		{ "config line 3: \"x\" is not \"key = value\"",
		  "AWS config and credentials files are ini text: [section] lines, then key = value lines, as `aws "
		  "configure set` writes them; botocore refuses this file too" },
		{ "credentials line 1: starts with a UTF-8 byte-order mark",
		  "AWS config and credentials files are ini text: [section] lines, then key = value lines, as `aws "
		  "configure set` writes them; botocore refuses this file too" },
		{ "The config profile (nope) could not be found",
		  "the profile comes from --profile or AWS_PROFILE; `aws configure list-profiles` lists the ones the "
		  "files define" },
		{ "Provided region_name 'us_east_1' doesn't match a supported format.",
		  "a region is written like us-east-1; it comes from --region, AWS_REGION, AWS_DEFAULT_REGION or the "
		  "profile's region" },
		{ "STS regional endpoints option bogus is invalid. Valid options are: \"legacy\", \"regional\"",
		  "set AWS_STS_REGIONAL_ENDPOINTS or the profile's sts_regional_endpoints to regional or legacy, or "
		  "unset it" },
		{ "The profile is configured to use the services section but the \"x\" services configuration does "
		  "not exist.",
		  "add that [services NAME] section to the config file, or remove the profile's services setting" },
		{ "endpoint URL \"ftp://x\": the scheme must be http or https",
		  "the endpoint URL comes from --endpoint-url, AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL or the profile's "
		  "endpoint_url; give https://HOST[:PORT], or unset it for STS's own endpoint" },
		{ "Invalid endpoint: https://",
		  "the endpoint URL comes from --endpoint-url, AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL or the profile's "
		  "endpoint_url; give https://HOST[:PORT], or unset it for STS's own endpoint" },
		{ "something else", "run `stsverify help request` for its options and what each one takes" },
	};
	size_t i;
	(void)state;
	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		sv_err e;
		memset(&e, 0, sizeof e);
		snprintf(e.msg, sizeof e.msg, "%s", t[i].msg);
		sv_cli_awsconf_hint(fresh("request"), &e);
		want_hint(t[i].msg, t[i].hint);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_hints_per_input_kind),
		cmocka_unit_test(test_hints_per_class),
		cmocka_unit_test(test_hints_input_fail_pairs),
		cmocka_unit_test(test_hints_token),
		cmocka_unit_test(test_hints_awsconf),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
