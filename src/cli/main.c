/* main.c -- command dispatch, help and version. */
#include "cli.h"
#include "stsverify/sv_port.h"

int sv_cli_assume_tty;

#ifndef SV_TARGET
#define SV_TARGET "host"
#endif
#ifndef SV_PORT_NAME
#define SV_PORT_NAME "posix"
#endif

typedef struct sv_command {
	const char *name;
	int (*fn)(sv_cli *c, int argc, const char *const *argv);
	const char *summary;
} sv_command;

static const sv_command commands[] = {
	{ "decode", sv_cmd_decode, "show a token's header and claims (signature redacted)" },
	{ "verify", sv_cmd_verify, "verify a token against a JWKS: structure, key, signature, claims" },
	{ "check", sv_cmd_check, "replay every STS gate offline and predict its answer, with fixes" },
	{ "request", sv_cmd_request, "print the exact AssumeRoleWithWebIdentity request (http, curl, awscli, json)" },
	{ "explain", sv_cmd_explain, "explain STS's answer: an error body or CLI line, or a success body" },
	{ "permissions", sv_cmd_permissions, "does the role grant what an operator's CredentialsRequest asks for" },
	{ "fetch", sv_cmd_fetch, "fetch the issuer's discovery document and JWKS over HTTPS, as STS does" },
	{ "assume", sv_cmd_assume, "send that request to STS over HTTPS and explain the answer (credentials hidden)" },
	{ "thumbprint", sv_cmd_thumbprint, "the certificate chain of a host and IAM's thumbprint of it" },
	{ NULL, NULL, NULL }
};

static void usage(sv_cli *c, sv_out *o)
{
	const sv_command *k;
	(void)c;
	sv_out_str(o,
	    "usage: stsverify <command> [options]\n"
	    "\n"
	    "Tells why a Kubernetes/OpenShift pod cannot assume its IAM role through\n"
	    "STS AssumeRoleWithWebIdentity, offline, from the files at hand.\n"
	    "\n"
	    "commands:\n");
	for (k = commands; k->name; k++) {
		size_t pad = strlen(k->name) < 12 ? 12 - strlen(k->name) : 1;
		sv_out_fmt(o, "  %s", k->name);
		while (pad--)
			sv_out_put(o, " ", 1);
		sv_out_fmt(o, "%s\n", k->summary);
	}
	sv_out_str(o,
	    "  help CMD    the options of one command\n"
	    "\n"
	    "stsverify --version   version, build, limits and workspace size\n"
	    "\n"
	    "exit status: 0 accepted, 1 rejected (a check failed), 2 usage or input error\n");
}

static int version(sv_cli *c)
{
	sv_out *o = &c->out;
	sv_out_fmt(o, "stsverify %s\n", SV_VERSION);
	sv_out_fmt(o, "build: target %s, port %s, features: %s\n", SV_TARGET, SV_PORT_NAME,
	           SV_NET ? "offline checks, online (TLS 1.2 via BearSSL, HTTP/1.1, CONNECT proxy)" : "offline checks only (networking compiled out)");
	sv_out_fmt(o, "limits: token %d bytes, JWKS %d bytes / %d JSON tokens / %d RSA + %d EC keys,\n",
	           SV_MAX_JWT_BYTES, SV_MAX_JWKS_BYTES, SV_MAX_JWKS_TOKENS, SV_MAX_RSA_KEYS,
	           SV_MAX_EC_KEYS);
	sv_out_fmt(o, "        claims %d JSON tokens, JSON depth %d, RSA %d-%d bits, documents %d bytes\n",
	           SV_MAX_CLAIM_TOKENS, SV_MAX_JSON_DEPTH, SV_RSA_MIN_BITS, SV_RSA_MAX_BITS,
	           SV_MAX_DOC_BYTES);
	sv_out_fmt(o, "workspace: sizeof(sv_workspace) = %z bytes, sizeof(sv_report) = %z bytes\n",
	           sizeof(sv_workspace), sizeof(sv_report));
	return SV_EXIT_OK;
}

int sv_cli_main(int argc, const char *const *argv, sv_sink_fn out, void *out_ctx, sv_sink_fn err,
                void *err_ctx)
{
	static sv_cli cli;
	sv_cli *c = &cli;
	const sv_command *k;
	int rc;

	sv_out_init(&c->out, out, out_ctx);
	sv_out_init(&c->err, err, err_ctx);
	c->cmd = "stsverify";
	c->out_tty = sv_cli_assume_tty ||
	             (out == sv_port_write && out_ctx == (void *)(intptr_t)1 && sv_port_isatty(1) == 1);

	if (argc < 2) {
		usage(c, &c->err);
		rc = SV_EXIT_USAGE;
		goto done;
	}
	if (strcmp(argv[1], "--version") == 0 || strcmp(argv[1], "version") == 0) {
		rc = version(c);
		goto done;
	}
	if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
	    (strcmp(argv[1], "help") == 0 && argc == 2)) {
		usage(c, &c->out);
		rc = SV_EXIT_OK;
		goto done;
	}
	if (strcmp(argv[1], "help") == 0) {
		/* "help CMD" is "CMD --help" */
		const char *hargv[2];
		hargv[0] = argv[2];
		hargv[1] = "--help";
		for (k = commands; k->name; k++)
			if (strcmp(k->name, argv[2]) == 0)
				break;
		if (!k->name) {
			sv_cli_fail(c, "help: unknown command %q", sv_from_cstr(argv[2]));
			rc = sv_cli_hint(c, "run `stsverify --help` for the commands");
			goto done;
		}
		c->cmd = k->name;
		rc = k->fn(c, 1, hargv + 1);
		goto done;
	}
	for (k = commands; k->name; k++)
		if (strcmp(k->name, argv[1]) == 0)
			break;
	if (!k->name) {
		sv_cli_fail(c, "unknown command %q", sv_from_cstr(argv[1]));
		rc = sv_cli_hint(c, "run `stsverify --help` for the commands");
		goto done;
	}
	c->cmd = k->name;
	rc = k->fn(c, argc - 2, argv + 2);
done:
	sv_out_flush(&c->out);
	sv_out_flush(&c->err);
	return rc;
}
