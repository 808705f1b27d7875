/*
 * cli.h -- the stsverify program, as a library the tests can drive.
 *
 * The CLI allocates nothing and has no stdio: it writes through sinks of
 * BearSSL's low_write shape, which are the port's stdout/stderr in the
 * real binary and memory buffers in the tests.
 */
#ifndef SV_CLI_H
#define SV_CLI_H

#include "../sv_internal.h"
#include "stsverify/sv_awsconf.h"

/* exit statuses */
enum { SV_EXIT_OK = 0, SV_EXIT_REJECT = 1, SV_EXIT_USAGE = 2 };

typedef int (*sv_sink_fn)(void *ctx, const unsigned char *buf, size_t len);

/* A buffered writer over a sink. */
typedef struct sv_out {
	sv_sink_fn fn;
	void      *ctx;
	char       buf[4096];
	size_t     len;
	int        failed;
} sv_out;

void sv_out_init(sv_out *o, sv_sink_fn fn, void *ctx);
void sv_out_put(sv_out *o, const char *s, size_t n);
void sv_out_str(sv_out *o, const char *s);
void sv_out_fmt(sv_out *o, const char *fmt, ...);  /* sv_buf_fmt verbs */
void sv_out_flush(sv_out *o);

typedef struct sv_cli {
	sv_out out;
	sv_out err;
	const char *cmd;      /* "verify", ... for messages */
	const char *aws_config_path;   /* set by sv_cli_awsconf: the files it read, or NULL */
	const char *aws_cred_path;
	int out_tty;          /* stdout is the port's fd 1 and a terminal (colour may be used) */
} sv_cli;

/* Tests set this to render as if stdout were a terminal; 0 in the program. */
extern int sv_cli_assume_tty;

/* The whole program; returns the exit status. */
int sv_cli_main(int argc, const char *const *argv, sv_sink_fn out, void *out_ctx, sv_sink_fn err,
                void *err_ctx);

/* "stsverify: <what>: <problem>" on stderr; returns SV_EXIT_USAGE. */
int sv_cli_fail(sv_cli *c, const char *fmt, ...);
/*
 * Every error is two lines: sv_cli_fail's, then "hint: <what to do>" (hints.c).
 * sv_cli_hint prints the hint line and returns SV_EXIT_USAGE.
 */
int sv_cli_hint(sv_cli *c, const char *fmt, ...);
/* A usage error: sv_cli_fail, then "hint: run `stsverify help <cmd>` ..."; returns SV_EXIT_USAGE. */
int sv_cli_usage(sv_cli *c, const char *fmt, ...);
int sv_cli_usage_hint(sv_cli *c);
/* The hint after "<cmd>: not built in (offline build, PORT=none)". */
#define SV_CLI_NOT_BUILT_HINT "build with the default PORT=posix (make); PORT=none leaves networking out"
/* The hint for a file sv_cli_io_fail reported (rc a port error, cap the limit). */
void sv_cli_io_hint(sv_cli *c, const char *what, int rc, size_t cap);
/*
 * The hint for an input whose content is wrong (e->code SV_E_JSON: not JSON; SV_E_LIMIT: a
 * capacity; else the wrong shape): what the input must hold and the command that prints it.
 */
void sv_cli_content_hint(sv_cli *c, const char *what, const sv_err *e);
/* The hint for a token file or argument that is not one clean JWT (e from sv_token_trim or decode). */
void sv_cli_token_hint(sv_cli *c, const sv_err *e);
/* "stsverify: <what>: <path>: <e->msg>" and sv_cli_content_hint; returns SV_EXIT_USAGE. */
int sv_cli_input_fail(sv_cli *c, const char *what, const char *path, const sv_err *e);
/* "stsverify: <cmd>: <message>" on stderr: a warning or a note; the command goes on. */
void sv_cli_note(sv_cli *c, const char *fmt, ...);

/* ---- options ---------------------------------------------------------- */

typedef struct sv_opt {
	const char *name;     /* "token" for --token */
	int         has_arg;
	int         id;
} sv_opt;

typedef struct sv_args {
	int    argc;
	const char *const *argv;
	int    i;
	const char *optarg;
	const char *positional[8];
	int    npos;
} sv_args;

void sv_args_init(sv_args *a, int argc, const char *const *argv);
/*
 * Next option id, 0 at the end, -1 on error (message printed). Positional
 * arguments are collected in a->positional.
 */
int  sv_args_next(sv_cli *c, sv_args *a, const sv_opt *opts);

/* ---- inputs ----------------------------------------------------------- */

/* Reads a file with a bound, printing "stsverify: <what>: <path>: <problem>". */
int sv_cli_load(sv_cli *c, const char *what, const char *path, unsigned char *buf, size_t cap,
                size_t *len);
/*
 * Prints the port error rc for reading path as sv_cli_load does (cap: the
 * limit named for SV_E_LIMIT) and returns rc; SV_OK prints nothing.
 */
int sv_cli_io_fail(sv_cli *c, const char *what, const char *path, int rc, size_t cap);
/* --now value, or the port clock. */
int sv_cli_now(sv_cli *c, const char *arg, int64_t *now);
int sv_cli_int(sv_cli *c, const char *opt, const char *arg, int64_t lo, int64_t hi, int64_t *v);

/* ---- AWS config inputs (awsinputs.c) ---------------------------------- */

typedef struct sv_cli_awsfiles {
	const char *config;        /* --config FILE, or NULL: AWS_CONFIG_FILE or ~/.aws/config if present */
	const char *credentials;   /* --credentials FILE (a credentials file or the cloud-credentials
	                              Secret as ini or JSON), or NULL: AWS_SHARED_CREDENTIALS_FILE or
	                              ~/.aws/credentials if present */
	const char *profile;       /* --profile, or NULL */
	int         no_default_files;
} sv_cli_awsfiles;

/*
 * Loads the files (bounded), unwraps the Secret and resolves every setting
 * with the SDK's precedence; prints "stsverify: <file>: line N: ..." on
 * error. The views in *out stay valid until the next call.
 */
int  sv_cli_awsconf(sv_cli *c, const sv_cli_awsfiles *f, sv_sdk sdk, sv_awsconf *out);
/* The hint after an sv_awsconf_resolve error e (botocore's own wording). */
void sv_cli_awsconf_hint(sv_cli *c, const sv_err *e);
/* "env AWS_ROLE_ARN", "/path line 3, role_arn", "default", "not set" */
void sv_cli_setting_src(sv_buf *b, const sv_cli *c, const sv_setting *s);
/* s as one POSIX shell word: bare when safe, else single-quoted. */
void sv_out_shell(sv_out *o, sv_sv s);

/* ---- rendering -------------------------------------------------------- */

/*
 * Joins a pretty-printed JSON document onto one line (JSON Lines): JSON
 * strings hold no raw newline, so a newline and the spaces after it are
 * layout; they become one space after a comma and nothing elsewhere.
 * sv_oneline_init points *line at it; write the document to *line, flush it,
 * and the joined text has gone to *to.
 */
typedef struct sv_oneline {
	sv_out       *to;
	int           after_nl;
	unsigned char last;
} sv_oneline;
void sv_oneline_init(sv_oneline *ol, sv_out *line, sv_out *to);

/* PASS/FAIL rows and hint lines. */
void sv_render_rows(sv_cli *c, const sv_report *r);
/* The same; color: the status words in ANSI colour (PASS green, FAIL bold red, WARN yellow, SKIP dim). */
void sv_render_rows_color(sv_cli *c, const sv_report *r, int color);
/* {"id","status","message","hint"} objects, comma-separated, no brackets. */
void sv_render_checks_json(sv_out *o, const sv_report *r);
/* Pretty JSON of a parsed document, indent in spaces. */
void sv_render_json_pretty(sv_out *o, const sv_json *d, int i, int indent);
void sv_out_json_str(sv_out *o, sv_sv s);

/* ---- commands --------------------------------------------------------- */

int sv_cmd_decode(sv_cli *c, int argc, const char *const *argv);
int sv_cmd_verify(sv_cli *c, int argc, const char *const *argv);
int sv_cmd_check(sv_cli *c, int argc, const char *const *argv);
int sv_cmd_request(sv_cli *c, int argc, const char *const *argv);
int sv_cmd_explain(sv_cli *c, int argc, const char *const *argv);
int sv_cmd_permissions(sv_cli *c, int argc, const char *const *argv);
int sv_cmd_assume(sv_cli *c, int argc, const char *const *argv);   /* cmd_request.c + cmd_assume.c */

/*
 * explain's text for an STS answer (credentials never shown); use_hint
 * replaces its closing line on how to get the credentials (NULL: explain's).
 * Returns the exit status (cmd_explain.c).
 */
struct sv_sts_resp;
int sv_cli_explain_answer(sv_cli *c, const struct sv_sts_resp *r, int64_t now, const char *use_hint);
int sv_cmd_fetch(sv_cli *c, int argc, const char *const *argv);       /* online; stubs when SV_NET=0 */
int sv_cmd_thumbprint(sv_cli *c, int argc, const char *const *argv);

/* Shared by decode/verify/check: reads and trims the token file. */
int sv_cli_read_token(sv_cli *c, const char *path, sv_sv *jwt);
/* Wipes the buffer sv_cli_read_token filled; every command calls it before it returns. */
void sv_cli_token_wipe(void);

#endif
