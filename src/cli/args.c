/* args.c -- long-option parsing and bounded input loading for the CLI. */
#include "cli.h"
#include "stsverify/sv_port.h"

void sv_args_init(sv_args *a, int argc, const char *const *argv)
{
	a->argc = argc;
	a->argv = argv;
	a->i = 0;
	a->optarg = NULL;
	a->npos = 0;
}

int sv_args_next(sv_cli *c, sv_args *a, const sv_opt *opts)
{
	while (a->i < a->argc) {
		const char *s = a->argv[a->i++];
		const char *eq;
		size_t nl;
		const sv_opt *o;

		if (s[0] != '-' || s[1] == '\0') {      /* "-" alone is positional (stdin) */
			if (a->npos == (int)(sizeof a->positional / sizeof a->positional[0])) {
				sv_cli_usage(c, "%s: too many arguments", c->cmd);
				return -1;
			}
			a->positional[a->npos++] = s;
			continue;
		}
		if (s[1] == '-' && s[2] == '\0') {     /* "--": the rest is positional */
			while (a->i < a->argc && a->npos < 8)
				a->positional[a->npos++] = a->argv[a->i++];
			continue;
		}
		s += s[1] == '-' ? 2 : 1;
		eq = strchr(s, '=');
		nl = eq ? (size_t)(eq - s) : strlen(s);
		for (o = opts; o->name; o++) {
			if (strlen(o->name) == nl && memcmp(o->name, s, nl) == 0)
				break;
		}
		if (!o->name) {
			sv_cli_usage(c, "%s: unknown option --%v", c->cmd, sv_slice(sv_from_cstr(s), 0, nl));
			return -1;
		}
		a->optarg = NULL;
		if (o->has_arg) {
			if (eq) {
				a->optarg = eq + 1;
			} else if (a->i < a->argc) {
				a->optarg = a->argv[a->i++];
			} else {
				sv_cli_usage(c, "%s: --%s needs a value", c->cmd, o->name);
				return -1;
			}
		} else if (eq) {
			sv_cli_usage(c, "%s: --%s takes no value", c->cmd, o->name);
			return -1;
		}
		return o->id;
	}
	return 0;
}

int sv_cli_load(sv_cli *c, const char *what, const char *path, unsigned char *buf, size_t cap,
                size_t *len)
{
	return sv_cli_io_fail(c, what, path, sv_port_read_file(path, buf, cap, len), cap);
}

/* see cli.h */
int sv_cli_io_fail(sv_cli *c, const char *what, const char *path, int rc, size_t cap)
{
	const char *shown = (path[0] == '-' && path[1] == '\0') ? "(stdin)" : path;
	switch (rc) {
	case SV_OK:
		return SV_OK;
	case SV_E_LIMIT:
		sv_cli_fail(c, "%s: %s: larger than the %z-byte limit", what, shown, cap);
		break;
	case SV_E_NOENT:
		sv_cli_fail(c, "%s: %s: no such file", what, shown);
		break;
	case SV_E_ACCES:
		sv_cli_fail(c, "%s: %s: permission denied", what, shown);
		break;
	case SV_E_ISDIR:
		sv_cli_fail(c, "%s: %s: is a directory, not a file", what, shown);
		break;
	default:
		sv_cli_fail(c, "%s: %s: read error", what, shown);
		break;
	}
	sv_cli_io_hint(c, what, rc, cap);
	return rc;
}

int sv_cli_now(sv_cli *c, const char *arg, int64_t *now)
{
	if (arg) {
		if (sv_time_parse(sv_from_cstr(arg), now) != SV_OK) {
			sv_cli_fail(c, "%s: --now %q: expected Unix seconds or RFC 3339 UTC like 2026-11-28T10:00:00Z",
			            c->cmd, sv_from_cstr(arg));
			sv_cli_hint(c, "for example --now 2026-11-28T10:00:00Z, or --now \"$(date -u +%%s)\" for this "
			            "moment");
			return SV_E_FORMAT;
		}
		return SV_OK;
	}
	if (sv_port_now(now) != SV_OK) {
		sv_cli_fail(c, "%s: cannot read the clock; pass --now", c->cmd);
		sv_cli_hint(c, "give the moment to check at as --now T (Unix seconds or RFC 3339 UTC)");
		return SV_E_IO;
	}
	return SV_OK;
}

int sv_cli_int(sv_cli *c, const char *opt, const char *arg, int64_t lo, int64_t hi, int64_t *v)
{
	sv_sv s = sv_from_cstr(arg);
	size_t i = 0;
	int64_t x = 0;
	int neg = 0;
	if (s.n > 0 && s.p[0] == '-') {
		neg = 1;
		i = 1;
	}
	if (i == s.n || s.n - i > 15)
		goto bad;
	for (; i < s.n; i++) {
		if (s.p[i] < '0' || s.p[i] > '9')
			goto bad;
		x = x * 10 + (s.p[i] - '0');
	}
	if (neg)
		x = -x;
	if (x < lo || x > hi)
		goto bad;
	*v = x;
	return SV_OK;
bad:
	sv_cli_usage(c, "%s: --%s %q: expected a whole number from %l to %l", c->cmd, opt, s, lo, hi);
	return SV_E_FORMAT;
}

/* The token file: a bearer credential, wiped by sv_cli_token_wipe once used. */
static unsigned char token_buf[SV_MAX_TOKEN_FILE_BYTES];

/* see cli.h */
int sv_cli_read_token(sv_cli *c, const char *path, sv_sv *jwt)
{
	size_t len;
	sv_err e;
	const char *shown = (path[0] == '-' && path[1] == '\0') ? "(stdin)" : path;

	if (sv_cli_load(c, "token", path, token_buf, sizeof token_buf, &len) != SV_OK) {
		sv_cli_token_wipe();
		return SV_E_IO;
	}
	if (sv_token_trim((const char *)token_buf, len, jwt, &e) != SV_OK) {
		sv_cli_fail(c, "token: %s: %s", shown, e.msg);
		sv_cli_token_hint(c, &e);
		sv_cli_token_wipe();
		return SV_E_FORMAT;
	}
	return SV_OK;
}

/* see cli.h */
void sv_cli_token_wipe(void)
{
	/* static, so zero where no token reached: those pages need not become resident */
	sv_wipe_sparse(token_buf, sizeof token_buf);
}
