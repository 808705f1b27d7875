/*
 * cmd_check.c -- `stsverify check`: every gate of AssumeRoleWithWebIdentity,
 * offline, and the answer STS would give.
 *
 * This file gathers the inputs (flags, a bundle directory, the credentials
 * Secret or AWS config, the environment, the pod's token file), reads each
 * with a bound, adds the pod-side preflight rows, and renders what
 * sv_check_run decides. Nothing here decides a verdict.
 *
 * The fleet view (--dir repeated, or a directory of bundle directories) is a
 * loop around the one-bundle path: one JSON line per bundle, then a table.
 */
#include "net.h"
#include "stsverify/sv_awsconf.h"
#include "stsverify/sv_check.h"
#include "stsverify/sv_port.h"

enum {
	O_TOKEN = 1, O_ROLE_ARN, O_CREDENTIALS, O_DISCOVERY, O_JWKS, O_PROVIDER, O_PROVIDER_ARN, O_ROLE,
	O_SESSION, O_DURATION, O_REGION, O_NOW, O_LEEWAY, O_CHAIN, O_DIR, O_JSON, O_QUIET, O_VERBOSE,
	O_NO_COLOR, O_HELP, O_ONLINE
};

static const sv_opt opts[] = {
	{ "token", 1, O_TOKEN }, { "role-arn", 1, O_ROLE_ARN }, { "credentials", 1, O_CREDENTIALS },
	{ "discovery", 1, O_DISCOVERY }, { "jwks", 1, O_JWKS }, { "provider", 1, O_PROVIDER },
	{ "provider-arn", 1, O_PROVIDER_ARN }, { "role", 1, O_ROLE }, { "session-name", 1, O_SESSION },
	{ "duration", 1, O_DURATION }, { "region", 1, O_REGION }, { "now", 1, O_NOW },
	{ "leeway", 1, O_LEEWAY }, { "chain", 1, O_CHAIN }, { "dir", 1, O_DIR }, { "json", 0, O_JSON },
	{ "quiet", 0, O_QUIET }, { "q", 0, O_QUIET }, { "verbose", 0, O_VERBOSE }, { "v", 0, O_VERBOSE },
	{ "no-color", 0, O_NO_COLOR },
	{ "online", 0, O_ONLINE }, SV_NET_OPTS,
	{ "help", 0, O_HELP }, { "h", 0, O_HELP }, { NULL, 0, 0 }
};

static const char help[] =
    "usage: stsverify check [--dir DIR] [--token FILE] [--role-arn ARN] [--credentials FILE]\n"
    "                       [--discovery FILE] [--jwks FILE] [--provider FILE] [--provider-arn ARN]\n"
    "                       [--role FILE] [--chain FILE] [--session-name NAME] [--duration S]\n"
    "                       [--region R] [--now T] [--leeway S] [--json] [-q | -v] [--no-color]\n"
    "\n"
    "Replays, offline, every gate STS applies to AssumeRoleWithWebIdentity, in STS's\n"
    "order: request parameters, token, issuer, IAM OIDC provider, discovery document,\n"
    "thumbprint, keys and signature, audience, times, trust policy. Prints one row per\n"
    "check (SKIP names the input it needs), a hint with the fix for each failure, and\n"
    "the answer STS would give: success with the assumed-role ARN, or the first\n"
    "failing gate's error code and message. The report opens with the trust chain,\n"
    "one line per link (token -> signing key -> issuer/discovery -> IAM provider ->\n"
    "role trust policy -> STS), each ok, FAIL, warn or skip with the fact that matters.\n"
    "\n";

static const char help_opts[] =
    "  --token FILE         the web identity token (default: $AWS_WEB_IDENTITY_TOKEN_FILE or\n"
    "                       web_identity_token_file, then /var/run/secrets/eks.amazonaws.com/\n"
    "                       serviceaccount/token, then /var/run/secrets/openshift/serviceaccount/token)\n"
    "  --role-arn ARN       the role (default: $AWS_ROLE_ARN, role_arn in --credentials, Role.Arn in --role)\n"
    "  --credentials FILE   OpenShift's cloud-credentials Secret (the ini text of\n"
    "                       'oc extract secret/cloud-credentials --to=-', or 'oc get secret -o json'),\n"
    "                       or an AWS shared config file; read with botocore's precedence\n"
    "  --discovery FILE     <iss>/.well-known/openid-configuration\n"
    "  --jwks FILE          the JWK Set served at the discovery document's jwks_uri\n"
    "  --provider FILE      'aws iam get-open-id-connect-provider' output\n"
    "  --provider-arn ARN   the provider's ARN (default: taken from the trust policy's\n"
    "                       Federated ARN for this issuer, else the role's account)\n"
    "  --role FILE          'aws iam get-role' output (policy as an object or URL-encoded\n"
    "                       text), or a bare trust policy document\n"
    "  --chain FILE         PEM chain served by the jwks_uri host\n"
    "                       (openssl s_client -showcerts -connect HOST:443 </dev/null)\n"
    "  --session-name NAME  RoleSessionName (default: $AWS_ROLE_SESSION_NAME, role_session_name,\n"
    "                       else botocore's botocore-session-<now>)\n"
    "  --duration S         DurationSeconds, if the client sends one (the SDKs' providers never do)\n"
    "  --region R           the SDK's region (default: $AWS_DEFAULT_REGION or region)\n"
    "  --now T              Unix seconds or RFC 3339 UTC (default: this host's clock)\n"
    "  --leeway S           clock skew allowed past exp (default 300, as AWS)\n"
    "  --dir DIR            a bundle directory; these names are read when present:\n"
    "                         token                      the token\n"
    "                         credentials                as --credentials\n"
    "                         openid-configuration.json  as --discovery\n"
    "                         keys.json                  as --jwks\n"
    "                         provider.json              as --provider\n"
    "                         role.json                  as --role\n"
    "                         chain.pem                  as --chain\n"
    "                       flags given as well win; the environment is not read\n"
    "                       Fleet view: --dir more than once, or a directory holding\n"
    "                       bundle directories (and none of the names above), checks\n"
    "                       each bundle: one JSON line per bundle, then a summary table\n"
    "  --json               one JSON document (docs/json-schema.md); fleet view: the\n"
    "                       JSON lines only\n"
    "  -q, --quiet          print only the verdict line (the answer STS would give)\n"
    "  -v, --verbose        add the token's decoded header and claims\n"
    "  --no-color           no colour even on a terminal (also: NO_COLOR set); the\n"
    "                       chain uses UTF-8 marks when LC_ALL/LC_CTYPE/LANG says UTF-8\n"
    "\n"
    "With no token and no --dir, check inspects the pod it runs in (pod.* rows): the\n"
    "AWS_ROLE_ARN / AWS_WEB_IDENTITY_TOKEN_FILE variables, the token file's permissions,\n"
    "and credential sources that win over web identity.\n"
    "\n"
    "exit status: 0 STS would accept, 1 it would not, 2 usage or input error\n"
    "(fleet view: 2 if any bundle is unreadable, else 1 if STS would refuse any)\n";

static const char help_online[] =
    "\n"
    "Online:\n"
    "  --online             fetch the discovery document and the JWKS from the token's iss,\n"
    "                       live and anonymously as STS does (they replace --discovery, --jwks\n"
    "                       and --chain), and take the thumbprint gate's chain from the\n"
    "                       jwks_uri host; a fetch that fails is the jwks.keys finding.\n"
    "                       Network options, as in 'stsverify fetch':\n"
    SV_NET_OPTS_HELP;

#define EKS_TOKEN_PATH "/var/run/secrets/eks.amazonaws.com/serviceaccount/token"
#define OCP_TOKEN_PATH "/var/run/secrets/openshift/serviceaccount/token"

typedef struct inputs {
	const char *token, *credentials, *discovery, *jwks, *provider, *role, *chain, *dir;
	const char *role_arn, *provider_arn, *session, *region, *now, *leeway, *duration;
	int json, quiet, verbose, no_color;
	int online;
} inputs;

#if SV_NET
static sv_netopts nopt;   /* check --online */
#endif

/* Everything check reads, in .bss. */
#define PATH_CAP 4096   /* one path's room, as PATH_MAX */

static struct {
	sv_check_ws   ws;
	sv_report     rep;
	sv_sts_answer ans;
	unsigned char tok[SV_MAX_TOKEN_FILE_BYTES];
	unsigned char jwks[SV_MAX_JWKS_BYTES];
	unsigned char disc[SV_MAX_DOC_BYTES];
	unsigned char prov[SV_MAX_DOC_BYTES];
	unsigned char role[SV_MAX_DOC_BYTES];
	unsigned char chain[SV_MAX_CHAIN_BYTES];
	unsigned char cred[SV_MAX_DOC_BYTES];
	char          cred_ini[SV_MAX_DOC_BYTES];
	unsigned char conf[SV_MAX_DOC_BYTES];
	jsmntok_t     ctok[SV_MAX_DOC_TOKENS];
	char          pathbuf[7 * PATH_CAP];     /* the run's input paths, back to back: see path_room */
	size_t        pathused;
	const char   *paths[7];                  /* each input's path this run; "" when it has none */
	char          src_role[160], src_session[160], token_problem[SV_MAX_DETAIL_BYTES];
	char          role_problem[SV_MAX_DETAIL_BYTES];
	char          token_path_buf[4096];
} S;

/* ---- reading ------------------------------------------------------------- */

/*
 * Reads an optional input: explicit (a flag: any error is fatal) or from
 * the bundle (a missing file just means the input is absent). 1 read,
 * 0 absent, -1 error (printed).
 */
static int load(sv_cli *c, const char *what, const char *path, int from_dir, unsigned char *buf,
                size_t cap, sv_sv *out)
{
	size_t len;
	int rc;
	*out = SV_NULL;
	if (!path)
		return 0;
	rc = sv_port_read_file(path, buf, cap, &len);
	if (rc == SV_E_NOENT && from_dir)
		return 0;
	if (sv_cli_io_fail(c, what, path, rc, cap) != SV_OK)
		return -1;
	out->p = (const char *)buf;
	out->n = len;
	return 1;
}

/*
 * Room for input k's path: PATH_CAP bytes of pathbuf after the paths kept
 * so far; path_keep takes what was written. A run keeps at most 7 (one per
 * input k), so the room is always there. Seven fixed 4 KiB slots cost a
 * page each for paths of a few dozen bytes; back to back they share one.
 */
static char *path_room(void)
{
	return S.pathused <= sizeof S.pathbuf - PATH_CAP ? S.pathbuf + S.pathused : NULL;
}

static const char *path_keep(int k, const char *path)
{
	if (path) {
		S.paths[k] = path;
		S.pathused += strlen(path) + 1;
	}
	return path;
}

static void paths_reset(void)
{
	size_t k;
	S.pathused = 0;
	for (k = 0; k < sizeof S.paths / sizeof S.paths[0]; k++)
		S.paths[k] = "";
}

static const char *in_dir(const char *dir, const char *name, char *buf, size_t cap)
{
	sv_buf b;
	size_t n = strlen(dir);
	if (!buf)
		return NULL;
	sv_buf_init(&b, buf, cap);
	sv_buf_str(&b, dir);
	if (n && dir[n - 1] != '/')
		sv_buf_char(&b, '/');
	sv_buf_str(&b, name);
	return b.overflow ? NULL : buf;
}

static const char *src_text(char *buf, size_t cap, const sv_setting *s, const char *file)
{
	sv_buf b;
	sv_buf_init(&b, buf, cap);
	switch (s->src) {
	case SV_SRC_ENV: sv_buf_fmt(&b, "$%s", s->name); break;
	case SV_SRC_CONFIG:
	case SV_SRC_CREDENTIALS: sv_buf_fmt(&b, "%s in %s line %z", s->name, file, s->line); break;
	case SV_SRC_FLAG: sv_buf_str(&b, s->name ? s->name : "flag"); break;
	default: sv_buf_str(&b, "default"); break;
	}
	return buf;
}

/* Is the ini text an AWS config file ("[profile x]") rather than credentials? */
static int looks_like_config(sv_sv ini)
{
	size_t i;
	for (i = 0; i + 9 <= ini.n; i++)
		if (ini.p[i] == '[' && (i == 0 || ini.p[i - 1] == '\n') && memcmp(ini.p + i + 1, "profile ", 8) == 0)
			return 1;
	return 0;
}

/* ---- pod-side preflight --------------------------------------------------- */

static void mode_str(char *out, uint32_t m)
{
	static const char rwx[] = "rwxrwxrwx";
	int i;
	for (i = 0; i < 9; i++)
		out[i] = (m & (1u << (8 - i))) ? rwx[i] : '-';
	out[9] = '\0';
}

static void pod_env(sv_report *rep, const sv_awsconf *ac)
{
	sv_item *it;
	int role = ac->role_arn.src != SV_SRC_NONE, tok = ac->token_file.src != SV_SRC_NONE;
	if (ac->env_disabled) {
		it = sv_report_set(rep, SV_CHK_POD_ENV, SV_WARN, "an explicit profile is selected: AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE are ignored");
		sv_report_hint(it, "botocore ignores the web-identity variables once a profile is named explicitly; put role_arn and web_identity_token_file in that profile");
	}
	if (role && tok) {
		if (!ac->env_disabled)
			sv_report_set(rep, SV_CHK_POD_ENV, SV_PASS, "role ARN from %s, token file from %s",
			              ac->role_arn.src == SV_SRC_ENV ? "$AWS_ROLE_ARN" : "the config",
			              ac->token_file.src == SV_SRC_ENV ? "$AWS_WEB_IDENTITY_TOKEN_FILE" : "the config");
		return;
	}
	if (!role && !tok) {
		it = sv_report_set(rep, SV_CHK_POD_ENV, SV_FAIL,
		                   "neither AWS_ROLE_ARN nor AWS_WEB_IDENTITY_TOKEN_FILE is set: the SDK never tries web identity");
		sv_report_hint(it, "the pod was not mutated: check the service account's eks.amazonaws.com/role-arn annotation (spelling, "
		                   "value), that the pod-identity webhook runs, then delete the pod so it is recreated (the webhook only "
		                   "acts at pod creation). On OpenShift: mount the cloud-credentials Secret and point AWS_CONFIG_FILE or "
		                   "AWS_SHARED_CREDENTIALS_FILE at it");
	} else if (!role) {
		it = sv_report_set(rep, SV_CHK_POD_ENV, SV_FAIL, "a token file is configured but no role ARN: the SDK raises InvalidConfigError");
		sv_report_hint(it, "botocore says: %s", SV_AWSCONF_NO_ROLE_MSG);
	} else {
		it = sv_report_set(rep, SV_CHK_POD_ENV, SV_FAIL, "a role ARN is configured but no token file: the SDK skips web identity");
		sv_report_hint(it, "set AWS_WEB_IDENTITY_TOKEN_FILE (EKS: " EKS_TOKEN_PATH ") or web_identity_token_file, with the projected token volume mounted there");
	}
}

static void pod_token_file(sv_report *rep, const char *path, const char *src)
{
	sv_file_info fi;
	sv_item *it;
	uint32_t uid, gid;
	char mode[10];
	int rc = sv_port_stat(path, &fi);

	sv_port_ids(&uid, &gid);
	if (rc != SV_OK) {
		sv_report_set(rep, SV_CHK_POD_TOKEN_FILE, SV_FAIL, "%s (%s): cannot stat it: %s", path, src, sv_strerror(rc));
		return;
	}
	if (!fi.exists) {
		it = sv_report_set(rep, SV_CHK_POD_TOKEN_FILE, SV_FAIL, "%s (%s) does not exist", path, src);
		sv_report_hint(it, "the projected service-account token volume is not mounted at this path (the webhook adds the "
		                   "aws-iam-token volume at pod creation; a pod created before the annotation has none)");
		return;
	}
	if (fi.is_dir) {
		sv_report_set(rep, SV_CHK_POD_TOKEN_FILE, SV_FAIL, "%s (%s) is a directory; the token is the file 'token' inside the mount",
		              path, src);
		return;
	}
	mode_str(mode, fi.mode);
	if (!fi.readable) {
		it = sv_report_set(rep, SV_CHK_POD_TOKEN_FILE, SV_FAIL,
		                   "%s is %s uid %l gid %l; this process (uid %l gid %l%s) cannot read it", path, mode,
		                   (int64_t)fi.uid, (int64_t)fi.gid, (int64_t)uid, (int64_t)gid,
		                   sv_port_in_group(fi.gid) ? ", in its group" : ", not in its group");
		sv_report_hint(it, "the SDK fails with \"unable to read file ... permission denied\" and never calls STS; give the pod "
		                   "securityContext.fsGroup (e.g. 65534) so the kubelet makes the projected token group-readable");
		return;
	}
	sv_report_set(rep, SV_CHK_POD_TOKEN_FILE, SV_PASS, "%s (%s): %s uid %l gid %l, readable by uid %l", path, src, mode,
	              (int64_t)fi.uid, (int64_t)fi.gid, (int64_t)uid);
}

static void pod_cred_chain(sv_report *rep, const sv_awsconf *ac)
{
	sv_sv v;
	sv_item *it;
	if (ac->env_static_keys) {
		it = sv_report_set(rep, SV_CHK_POD_CRED_CHAIN, SV_FAIL,
		                   "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set: the environment provider comes first and wins over web identity");
		sv_report_hint(it, "the SDK uses those static keys and never calls AssumeRoleWithWebIdentity; remove them from the pod spec (and from any Secret mounted with envFrom)");
		return;
	}
	if (sv_port_getenv("AWS_CONTAINER_CREDENTIALS_FULL_URI", &v) == SV_OK ||
	    sv_port_getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", &v) == SV_OK) {
		it = sv_report_set(rep, SV_CHK_POD_CRED_CHAIN, SV_WARN,
		                   "container credentials (EKS Pod Identity / ECS) are configured too");
		sv_report_hint(it, "botocore and the other SDKs try web identity first, but a pod with both IRSA and Pod Identity is easy "
		                   "to misread; keep one");
		return;
	}
	if (ac->profile.src == SV_SRC_ENV) {
		it = sv_report_set(rep, SV_CHK_POD_CRED_CHAIN, SV_WARN, "%s=%v is set", ac->profile.name, ac->profile.v);
		sv_report_hint(it, "from the environment a profile does not switch web identity off in botocore, but an application "
		                   "that passes a profile explicitly (--profile, profile_name=) ignores AWS_ROLE_ARN");
		return;
	}
	sv_report_set(rep, SV_CHK_POD_CRED_CHAIN, SV_PASS, "no static keys, container credentials or profile ahead of web identity");
}

/* ---- rendering -------------------------------------------------------------- */

static void list_unchecked(sv_out *o, const sv_report *r, int json)
{
	size_t i, n = 0;
	for (i = 0; sv_check_gates[i] != SV_CHK__COUNT; i++) {
		const sv_item *it = sv_report_get(r, sv_check_gates[i]);
		if (!it || it->status != SV_SKIP)
			continue;
		if (sv_check_gates[i] == SV_CHK_POD_ENV || sv_check_gates[i] == SV_CHK_POD_TOKEN_FILE ||
		    sv_check_gates[i] == SV_CHK_POD_CRED_CHAIN)
			continue;
		if (json) {
			sv_out_str(o, n ? ", " : "");
			sv_out_json_str(o, sv_from_cstr(sv_check_slug(sv_check_gates[i])));
		} else {
			sv_out_fmt(o, "%s%s", n ? ", " : "", sv_check_slug(sv_check_gates[i]));
		}
		n++;
	}
	if (!json && n == 0)
		sv_out_str(o, "none");
}

static size_t count_skips(const sv_report *r)
{
	size_t i, n = 0;
	for (i = 0; sv_check_gates[i] != SV_CHK__COUNT; i++) {
		const sv_item *it = sv_report_get(r, sv_check_gates[i]);
		if (it && it->status == SV_SKIP && sv_check_gates[i] != SV_CHK_POD_ENV &&
		    sv_check_gates[i] != SV_CHK_POD_TOKEN_FILE && sv_check_gates[i] != SV_CHK_POD_CRED_CHAIN)
			n++;
	}
	return n;
}

/* ---- the trust chain ---------------------------------------------------------- */

/* The rows that make up each link, SV_CHK__COUNT-terminated; the first is the one
   that decides whether the link was checked at all. */
static const sv_check_id link_pod[] = { SV_CHK_POD_ENV, SV_CHK_POD_TOKEN_FILE, SV_CHK_POD_CRED_CHAIN, SV_CHK__COUNT };
static const sv_check_id link_token[] = {
	SV_CHK_TOK_FORMAT, SV_CHK_REQ_TOKEN_SIZE, SV_CHK_HDR_ALG, SV_CHK_HDR_CRIT, SV_CHK_HDR_KEYREF, SV_CHK_CLM_ISS,
	SV_CHK_CLM_SUB, SV_CHK_CLM_AUD, SV_CHK_CLM_EXP, SV_CHK_CLM_NBF, SV_CHK_CLM_IAT, SV_CHK__COUNT
};
static const sv_check_id link_key[] = { SV_CHK_SIG_VALID, SV_CHK_JWKS_KEYS, SV_CHK_KEY_SELECT, SV_CHK_KEY_PARAMS,
	                                    SV_CHK__COUNT };
static const sv_check_id link_issuer[] = { SV_CHK_DISC_ISSUER, SV_CHK_ISS_URL, SV_CHK_DISC_JWKS_URI, SV_CHK_DISC_ALG,
	                                       SV_CHK__COUNT };
static const sv_check_id link_provider[] = { SV_CHK_PROV_URL, SV_CHK_PROV_ACCOUNT, SV_CHK_PROV_THUMBPRINT,
	                                         SV_CHK_PROV_AUD, SV_CHK__COUNT };
static const sv_check_id link_policy[] = { SV_CHK_POL_ALLOW, SV_CHK_POL_DENY, SV_CHK_POL_TAG_SESSION, SV_CHK_POL_ROLE,
	                                       SV_CHK__COUNT };
static const sv_check_id link_sts[] = { SV_CHK__COUNT, SV_CHK_REQ_ROLE_ARN, SV_CHK_REQ_SESSION_NAME,
	                                    SV_CHK_REQ_DURATION, SV_CHK__COUNT };

typedef struct chain_style {
	int utf8, color;
} chain_style;

/* Does the locale say UTF-8? POSIX precedence: LC_ALL, then LC_CTYPE, then LANG. */
static int locale_utf8(void)
{
	static const char *const vars[] = { "LC_ALL", "LC_CTYPE", "LANG" };
	size_t i, k;
	for (i = 0; i < 3; i++) {
		sv_sv v;
		if (sv_port_getenv(vars[i], &v) != SV_OK || v.n == 0)
			continue;
		for (k = 0; k + 4 <= v.n; k++) {
			size_t j = k + 3;
			if ((v.p[k] | 0x20) != 'u' || (v.p[k + 1] | 0x20) != 't' || (v.p[k + 2] | 0x20) != 'f')
				continue;
			if (v.p[j] == '-' && j + 1 < v.n)
				j++;
			if (v.p[j] == '8')
				return 1;
		}
		return 0;
	}
	return 0;
}

static chain_style chain_style_for(const sv_cli *c, const inputs *in)
{
	chain_style st;
	sv_sv v;
	st.utf8 = locale_utf8();
	st.color = c->out_tty && !in->no_color && sv_port_getenv("NO_COLOR", &v) != SV_OK;
	return st;
}

/* The link's state from its rows: FAIL, WARN, SKIP (its first row not run) or PASS. */
static sv_status link_state(const sv_report *r, const sv_check_id *rows, const sv_item **why)
{
	const sv_item *first = NULL, *warn = NULL;
	size_t i;
	*why = NULL;
	for (i = 0; rows[i] != SV_CHK__COUNT || i == 0; i++) {
		const sv_item *it = rows[i] == SV_CHK__COUNT ? NULL : sv_report_get(r, rows[i]);
		if (!it)
			continue;
		if (it->status == SV_FAIL) {
			*why = it;
			return SV_FAIL;
		}
		if (it->status == SV_WARN && !warn)
			warn = it;
		if (i == 0)
			first = it;
	}
	if (rows[0] != SV_CHK__COUNT && (!first || first->status == SV_SKIP)) {
		*why = first;
		return SV_SKIP;
	}
	if (warn) {
		*why = warn;
		return SV_WARN;
	}
	return SV_PASS;
}

static void chain_line(sv_out *o, const chain_style *st, int n, const char *name, sv_status s, const sv_item *why,
                       const char *fmt, ...)
{
	static const char *const ascii[] = { "[ok]  ", "[FAIL]", "[warn]", "[skip]" };
	static const char *const utf8[] = { "\xe2\x9c\x93", "\xe2\x9c\x97", "!", "-" };   /* check mark, ballot x */
	static const char *const color[] = { "\033[32m", "\033[1;31m", "\033[33m", "\033[2m" };
	int k = s == SV_PASS ? 0 : s == SV_FAIL ? 1 : s == SV_WARN ? 2 : 3;
	size_t pad = strlen("role trust policy") + 2 - strlen(name);

	if (st->utf8)
		sv_out_str(o, n ? "\xe2\x86\x92 " : "  ");    /* rightwards arrow */
	else
		sv_out_str(o, n ? "-> " : "   ");
	if (st->color)
		sv_out_str(o, color[k]);
	sv_out_str(o, st->utf8 ? utf8[k] : ascii[k]);
	if (st->color)
		sv_out_str(o, "\033[0m");
	sv_out_str(o, " ");
	sv_out_str(o, name);
	while (pad--)
		sv_out_put(o, " ", 1);
	if (why && s != SV_PASS) {
		sv_out_fmt(o, "%s: %s\n", sv_check_slug(why->id), why->detail);
	} else {
		char tmp[1024];
		sv_buf b;
		va_list ap;
		sv_buf_init(&b, tmp, sizeof tmp);
		va_start(ap, fmt);
		sv_buf_vfmt(&b, fmt, ap);
		va_end(ap);
		sv_out_put(o, tmp, b.len);
		sv_out_str(o, "\n");
	}
}

/*
 * token -> signing key -> issuer/discovery -> IAM provider -> role trust policy -> STS,
 * one line each; a failed, warned or skipped link shows the row that says why.
 */
static void render_chain(sv_out *o, const chain_style *st, const sv_check_ws *ws, const sv_report *r,
                         const sv_sts_answer *a)
{
	const sv_token *t = &ws->v.tok;
	const sv_item *why;
	sv_status s;
	int n = 0, skipped = 0;

	if (sv_report_get(r, SV_CHK_POD_ENV)) {
		s = link_state(r, link_pod, &why);
		chain_line(o, st, n++, "pod", s, why, "the SDK would try web identity");
	}
	s = link_state(r, link_token, &why);
	skipped |= s == SV_SKIP;
	if (t->decoded && t->clm.sub_state == SV_F_OK)
		chain_line(o, st, n++, "token", s, why, "sub %q", t->clm.sub);
	else
		chain_line(o, st, n++, "token", s, why, "a well-formed JWT");
	s = link_state(r, link_key, &why);
	skipped |= s == SV_SKIP;
	if (t->decoded && t->hdr.kid_state == SV_F_OK)
		chain_line(o, st, n++, "signing key", s, why, "kid %q", t->hdr.kid);
	else
		chain_line(o, st, n++, "signing key", s, why, "the signature verifies (no kid)");
	s = link_state(r, link_issuer, &why);
	skipped |= s == SV_SKIP;
	chain_line(o, st, n++, "issuer/discovery", s, why, "iss %q", ws->iss);
	s = link_state(r, link_provider, &why);
	skipped |= s == SV_SKIP;
	if (t->decoded && t->clm.naud > 0)
		chain_line(o, st, n++, "IAM provider", s, why, "%s, aud %q",
		           a->provider_arn[0] ? a->provider_arn : "(provider ARN unknown)", t->clm.aud[0]);
	else
		chain_line(o, st, n++, "IAM provider", s, why, "%s", a->provider_arn[0] ? a->provider_arn : "(provider ARN unknown)");
	s = link_state(r, link_policy, &why);
	skipped |= s == SV_SKIP;
	chain_line(o, st, n++, "role trust policy", s, why, "%v", ws->role_arn);
	/* STS: the request's own rows, then the answer */
	s = link_state(r, link_sts, &why);
	if (s == SV_FAIL)
		chain_line(o, st, n++, "STS", s, why, "");
	else if (a->success && skipped)
		chain_line(o, st, n++, "STS", SV_PASS, NULL, "success, if the skipped links hold");
	else if (a->success)
		chain_line(o, st, n++, "STS", SV_PASS, NULL, "success%s%s", a->assumed_role[0] ? ": " : "", a->assumed_role);
	else if (a->code)
		chain_line(o, st, n++, "STS", SV_FAIL, NULL, "%s [%s]", a->code, sv_check_slug(a->gate));
	else
		chain_line(o, st, n++, "STS", SV_SKIP, NULL, "not called [%s]", sv_check_slug(a->gate));
	sv_out_str(o, "\n");
}

/* The one line -q prints, and the text report ends with. */
static void render_verdict(sv_out *o, const chain_style *st, const sv_sts_answer *a)
{
	const char *on = "", *off = "";
	if (st->color) {
		on = a->success ? "\033[32m" : "\033[1;31m";
		off = "\033[0m";
	}
	if (a->success) {
		if (a->assumed_role[0])
			sv_out_fmt(o, "%sSTS would answer: success%s: credentials for %s\n", on, off, a->assumed_role);
		else
			sv_out_fmt(o, "%sSTS would answer: success%s\n", on, off);
	} else if (a->code) {
		sv_out_fmt(o, "%sSTS would answer: %s%s: %s [%s]\n", on, a->code, off, a->message, sv_check_slug(a->gate));
	} else {
		sv_out_fmt(o, "%sSTS would not be called%s: %s [%s]\n", on, off, a->message, sv_check_slug(a->gate));
	}
}

static void render_text(sv_cli *c, const inputs *in, const sv_check_ws *ws, const sv_report *r,
                        const sv_sts_answer *a)
{
	sv_out *o = &c->out;
	size_t i, nfail = 0;
	chain_style st = chain_style_for(c, in);

	if (in->quiet) {
		render_verdict(o, &st, a);
		return;
	}
	render_chain(o, &st, ws, r, a);
	sv_render_rows_color(c, r, st.color);
	if (in->verbose && ws->v.tok.decoded) {
		sv_out_str(o, "header: ");
		sv_render_json_pretty(o, &ws->v.tok.hdoc, 0, 0);
		sv_out_str(o, "\nclaims: ");
		sv_render_json_pretty(o, &ws->v.tok.cdoc, 0, 0);
		sv_out_str(o, "\n");
	}
	for (i = 0; i < r->count; i++)
		if (r->items[i].status == SV_FAIL)
			nfail++;
	if (a->convention)
		sv_out_fmt(o, "token: %s convention (aud \"%s\")\n", a->convention,
		           a->convention[0] == 'O' ? "openshift" : "sts.amazonaws.com");
	render_verdict(o, &st, a);
	if (a->success) {
		if (count_skips(r)) {
			sv_out_str(o, "not checked (give the inputs their rows name): ");
			list_unchecked(o, r, 0);
			sv_out_str(o, "\n");
		}
		return;
	}
	if (!a->verbatim && a->code)
		sv_out_str(o, "  (STS's own wording for this cause is not known; this is the closest documented text)\n");
	if (nfail > 1) {
		int first = 1;
		sv_out_str(o, "also failing:");
		for (i = 0; i < r->count; i++) {
			if (r->items[i].status == SV_FAIL && r->items[i].id != a->gate) {
				sv_out_fmt(o, "%s %s", first ? "" : ",", sv_check_slug(r->items[i].id));
				first = 0;
			}
		}
		sv_out_str(o, "\n");
	}
}

static void render_json(sv_out *o, const char *bundle, const sv_check_ws *ws, const sv_report *r,
                        const sv_sts_answer *a)
{
	sv_out_str(o, "{\n  \"schema\": 1,\n  \"command\": \"check\",\n");
	if (bundle) {
		sv_out_str(o, "  \"bundle\": ");
		sv_out_json_str(o, sv_from_cstr(bundle));
		sv_out_str(o, ",\n");
	}
	sv_out_fmt(o, "  \"accepted\": %s,\n  \"checks\": [", a->success ? "true" : "false");
	sv_render_checks_json(o, r);
	sv_out_str(o, "\n  ],\n  \"sts\": {\"outcome\": ");
	sv_out_str(o, a->success ? "\"success\"" : "\"error\"");
	sv_out_str(o, ", \"code\": ");
	if (a->code)
		sv_out_json_str(o, sv_from_cstr(a->code));
	else
		sv_out_str(o, "null");
	sv_out_str(o, ", \"message\": ");
	if (a->success)
		sv_out_str(o, "null");
	else
		sv_out_json_str(o, sv_from_cstr(a->message));
	sv_out_str(o, ", \"gate\": ");
	if (a->success)
		sv_out_str(o, "null");
	else
		sv_out_json_str(o, sv_from_cstr(sv_check_slug(a->gate)));
	sv_out_fmt(o, ", \"verbatim\": %s, \"assumed_role_arn\": ", a->success || a->verbatim ? "true" : "false");
	if (a->success && a->assumed_role[0])
		sv_out_json_str(o, sv_from_cstr(a->assumed_role));
	else
		sv_out_str(o, "null");
	sv_out_str(o, ", \"provider_arn\": ");
	if (a->provider_arn[0])
		sv_out_json_str(o, sv_from_cstr(a->provider_arn));
	else
		sv_out_str(o, "null");
	sv_out_str(o, ", \"convention\": ");
	if (a->convention)
		sv_out_json_str(o, sv_from_cstr(a->convention));
	else
		sv_out_str(o, "null");
	sv_out_str(o, ", \"unchecked\": [");
	list_unchecked(o, r, 1);
	sv_out_str(o, "]},\n  \"header\": ");
	if (ws->v.tok.decoded)
		sv_render_json_pretty(o, &ws->v.tok.hdoc, 0, 2);
	else
		sv_out_str(o, "null");
	sv_out_str(o, ",\n  \"claims\": ");
	if (ws->v.tok.decoded)
		sv_render_json_pretty(o, &ws->v.tok.cdoc, 0, 2);
	else
		sv_out_str(o, "null");
	sv_out_str(o, "\n}\n");
}

/* ---- the fleet view: state and the one-line JSON ---------------------------- */

#define BUNDLES_HINT "split the bundles over several runs, or rebuild with a larger SV_MAX_BUNDLES " \
	"(include/stsverify/sv_config.h), e.g. make clean && make CPPFLAGS=-DSV_MAX_BUNDLES=4096"
#define PATHS_HINT "use shorter paths (cd to the parent first), split the run, or rebuild with a larger " \
	"SV_MAX_BUNDLE_PATH_BYTES (include/stsverify/sv_config.h)"

typedef struct fleet_row {
	size_t      path;      /* offset of the bundle's path in F.paths */
	int         status;    /* check's exit status for it: 0, 1 or 2 */
	const char *code;      /* STS's error code; NULL on success or without a call */
	sv_check_id gate;      /* first failing gate */
	size_t      nfail;     /* FAIL rows */
} fleet_row;

/*
 * The counts come first, together: after their arrays, nflags, used and
 * nrows each shared a page only with an array's start or end, and one
 * --dir touched four pages of F (now three: the counts with flags, the
 * first path, the first row).
 */
static struct {
	size_t      nflags, used, nrows, errlen;
	const char *flags[SV_MAX_BUNDLES];       /* every --dir, in order */
	char        paths[SV_MAX_BUNDLE_PATH_BYTES];
	fleet_row   rows[SV_MAX_BUNDLES];
	char        list[SV_MAX_BUNDLE_PATH_BYTES]; /* one directory's names */
	const char *names[SV_MAX_BUNDLES];
	char        err[SV_MAX_DETAIL_BYTES * 8];   /* a bundle's input error and hint, captured */
	char        now[24];
	sv_out      line, saved_err;
	sv_oneline  ol;
} F;

static int fleet_flag(sv_cli *c, const char *dir)
{
	if (F.nflags == SV_MAX_BUNDLES) {
		sv_cli_fail(c, "check: more than %d --dir (SV_MAX_BUNDLES)", SV_MAX_BUNDLES);
		sv_cli_hint(c, BUNDLES_HINT);
		return -1;
	}
	F.flags[F.nflags++] = dir;
	return 0;
}

/* The bundle's --json document, on one line, with "bundle" added. */
static void render_line(sv_cli *c, const char *bundle)
{
	sv_oneline_init(&F.ol, &F.line, &c->out);
	render_json(&F.line, bundle, &S.ws, &S.rep, &S.ans);
	sv_out_flush(&F.line);
	sv_out_str(&c->out, "\n");
}

/* ---- the command ------------------------------------------------------------ */

static int parse(sv_cli *c, int argc, const char *const *argv, inputs *in)
{
	sv_args a;
	int id;
	memset(in, 0, sizeof *in);
#if SV_NET
	sv_netopts_init(&nopt);
#endif
	sv_args_init(&a, argc, argv);
	while ((id = sv_args_next(c, &a, opts)) > 0) {
		switch (id) {
		case O_TOKEN: in->token = a.optarg; break;
		case O_ROLE_ARN: in->role_arn = a.optarg; break;
		case O_CREDENTIALS: in->credentials = a.optarg; break;
		case O_DISCOVERY: in->discovery = a.optarg; break;
		case O_JWKS: in->jwks = a.optarg; break;
		case O_PROVIDER: in->provider = a.optarg; break;
		case O_PROVIDER_ARN: in->provider_arn = a.optarg; break;
		case O_ROLE: in->role = a.optarg; break;
		case O_SESSION: in->session = a.optarg; break;
		case O_DURATION: in->duration = a.optarg; break;
		case O_REGION: in->region = a.optarg; break;
		case O_NOW: in->now = a.optarg; break;
		case O_LEEWAY: in->leeway = a.optarg; break;
		case O_CHAIN: in->chain = a.optarg; break;
		case O_DIR:
			in->dir = a.optarg;
			if (fleet_flag(c, a.optarg) != 0)
				return -1;
			break;
		case O_JSON: in->json = 1; break;
		case O_QUIET: in->quiet = 1; break;
		case O_VERBOSE: in->verbose = 1; break;
		case O_NO_COLOR: in->no_color = 1; break;
		case O_HELP:
			sv_out_str(&c->out, help);
			sv_out_str(&c->out, help_opts);
			sv_out_str(&c->out, help_online);
			return 1;
		case O_ONLINE: in->online = 1; break;
		default:
#if SV_NET
			if (id >= SV_NOPT_CA_FILE && sv_netopts_opt(c, &nopt, id, a.optarg) < 0)
				return -1;
#endif
			break;
		}
	}
	if (id < 0)
		return -1;
	if (in->quiet && in->verbose) {
		sv_cli_usage(c, "check: -q and -v exclude each other");
		return -1;
	}
	if (a.npos > 0) {
		sv_cli_usage(c, "check: unexpected argument %q (inputs go in --token FILE, --dir DIR, ...)",
		            sv_from_cstr(a.positional[0]));
		return -1;
	}
	return 0;
}

/* The bundle's file for an input the flags left open. */
static const char *bundle(const inputs *in, const char *flag, const char *name, int k, int *from_dir)
{
	*from_dir = 0;
	if (flag || !in->dir)
		return flag;
	*from_dir = 1;
	return path_keep(k, in_dir(in->dir, name, path_room(), PATH_CAP));
}

/*
 * The file environment variable var names (AWS_CONFIG_FILE, ...), kept as
 * input k's path and loaded as load() does; 0 when var is unset, empty or
 * longer than a path.
 */
static int env_file(sv_cli *c, const char *var, int k, unsigned char *buf, size_t cap, sv_sv *doc)
{
	sv_sv v;
	char *room;
	if (sv_port_getenv(var, &v) != SV_OK || !v.n || v.n >= PATH_CAP || !(room = path_room()))
		return 0;
	memcpy(room, v.p, v.n);
	room[v.n] = '\0';
	return load(c, var, path_keep(k, room), 1, buf, cap, doc);
}

/* Resolves the SDK settings: the credentials/config text and, outside --dir, the environment. */
static int resolve_config(sv_cli *c, const inputs *in, sv_awsconf *ac, const char **cred_name)
{
	sv_awsconf_in ai;
	sv_sv doc, ini;
	sv_err e;
	const char *cpath;
	int from_dir, r;

	memset(&ai, 0, sizeof ai);
	ai.sdk = SV_SDK_BOTOCORE;
	ai.getenv = in->dir ? NULL : sv_port_getenv;
	*cred_name = "credentials";
	cpath = bundle(in, in->credentials, "credentials", 0, &from_dir);
	if ((r = load(c, "credentials", cpath, from_dir, S.cred, sizeof S.cred, &doc)) < 0)
		return -1;
	if (r > 0) {
		if (sv_awsconf_secret(doc, S.ctok, SV_MAX_DOC_TOKENS, S.cred_ini, sizeof S.cred_ini, &ini, &e) != SV_OK) {
			sv_cli_fail(c, "credentials: %s: %s", cpath, e.msg);
			sv_cli_content_hint(c, "credentials", &e);
			return -1;
		}
		*cred_name = cpath;
		if (looks_like_config(ini))
			ai.config = ini;
		else
			ai.credentials = ini;
	} else if (!in->dir) {
		/* in a pod: the files the SDK itself would read, when pointed at */
		if ((r = env_file(c, "AWS_CONFIG_FILE", 1, S.conf, sizeof S.conf, &doc)) < 0)
			return -1;
		if (r > 0) {
			ai.config = doc;
			*cred_name = S.paths[1];
		}
		if ((r = env_file(c, "AWS_SHARED_CREDENTIALS_FILE", 2, S.cred, sizeof S.cred, &doc)) < 0)
			return -1;
		if (r > 0) {
			ai.credentials = doc;
			*cred_name = S.paths[2];
		}
	}
	if (sv_awsconf_resolve(&ai, ac, &e) != SV_OK) {
		sv_cli_fail(c, "credentials: %s: %s", *cred_name, e.msg);
		sv_cli_awsconf_hint(c, &e);
		return -1;
	}
	return 0;
}

/* A compact JWS (three base64url segments), then whitespace, then more text. */
static int jwt_then_text(const unsigned char *p, size_t n)
{
	size_t i = 0, dots = 0, seg = 0;
	for (; i < n; i++) {
		unsigned char c = p[i];
		if (c == '.') {
			if (seg == 0)
				return 0;
			dots++;
			seg = 0;
		} else if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
		           c == '_') {
			seg++;
		} else {
			break;
		}
	}
	if (dots != 2 || seg == 0 || i == n || !(p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r'))
		return 0;
	for (; i < n; i++)
		if (!(p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r'))
			return 1;
	return 0;
}

/* Reads the token file; a file that is not one clean JWT is a finding, not an input error. */
static int read_token(sv_cli *c, const char *path, int explicit_, sv_check_in *ci)
{
	size_t len;
	sv_err e;
	int rc = sv_port_read_file(path, S.tok, sizeof S.tok, &len);
	if (rc != SV_OK) {
		if (explicit_) {
			sv_cli_io_fail(c, "token", path, rc, sizeof S.tok);
			return -1;
		}
		return 0;       /* pod.token-file says why */
	}
	if (sv_token_trim((const char *)S.tok, len, &ci->jwt, &e) != SV_OK) {
		sv_buf b;
		sv_buf_init(&b, S.token_problem, sizeof S.token_problem);
		sv_buf_fmt(&b, "the token file %s: %s", path, e.msg);
		ci->token_problem = S.token_problem;
		ci->token_appended = jwt_then_text(S.tok, len);
		ci->jwt = SV_NULL;
	}
	return 1;
}

/* One run of check over the inputs; fleet_bundle: render one JSON line for it. */
static int check_one(sv_cli *c, inputs in, const char *fleet_bundle)
{
	sv_check_in ci;
	sv_awsconf ac;
	sv_check_input bad;
	sv_err e;
	int64_t now, v;
	int r, from_dir, preflight;
	const char *p, *cred_name, *tpath = NULL, *tsrc = NULL;

	paths_reset();
	if (sv_cli_now(c, in.now, &now) != SV_OK)
		return SV_EXIT_USAGE;
	sv_check_in_init(&ci, now);
	if (in.leeway) {
		if (sv_cli_int(c, "leeway", in.leeway, 0, 86400, &v) != SV_OK)
			return SV_EXIT_USAGE;
		ci.leeway = v;
	}
	if (in.duration) {
		if (sv_cli_int(c, "duration", in.duration, -999999, 999999, &v) != SV_OK)
			return SV_EXIT_USAGE;
		ci.has_duration = 1;
		ci.duration = v;
	}
	if (in.dir) {
		sv_file_info fi;
		if (sv_port_stat(in.dir, &fi) != SV_OK || !fi.exists || !fi.is_dir) {
			sv_cli_fail(c, "check: --dir %q: not a directory", sv_from_cstr(in.dir));
			return sv_cli_hint(c, "--dir takes a bundle directory (the files deploy/collect.sh writes) or a "
			                      "directory of them; a single file goes in its own option (--token FILE, "
			                      "--jwks FILE, ...)");
		}
	}
	if (resolve_config(c, &in, &ac, &cred_name) != 0)
		return SV_EXIT_USAGE;

	/* the request */
	if (in.role_arn) {
		ci.role_arn = sv_from_cstr(in.role_arn);
		ci.role_arn_source = "--role-arn";
	} else if (ac.role_arn.src != SV_SRC_NONE && ac.role_arn.v.n == 0) {
		sv_buf b;
		sv_buf_init(&b, S.role_problem, sizeof S.role_problem);
		sv_buf_fmt(&b, "%s is empty: the SDK has a token file but no role ARN (botocore: InvalidConfigError)",
		           ac.role_arn.src == SV_SRC_ENV ? "AWS_ROLE_ARN" : "role_arn");
		ci.role_arn_problem = S.role_problem;
		ci.role_arn_source = src_text(S.src_role, sizeof S.src_role, &ac.role_arn, cred_name);
	} else if (ac.role_arn.src != SV_SRC_NONE) {
		ci.role_arn = ac.role_arn.v;
		ci.role_arn_source = src_text(S.src_role, sizeof S.src_role, &ac.role_arn, cred_name);
	}
	if (in.session) {
		ci.session_name = sv_from_cstr(in.session);
		ci.session_source = "--session-name";
	} else if (ac.session_name.src != SV_SRC_NONE) {
		ci.session_name = ac.session_name.v;
		ci.session_source = src_text(S.src_session, sizeof S.src_session, &ac.session_name, cred_name);
	}
	if (in.region)
		ci.region = sv_from_cstr(in.region);
	else if (ac.region.src != SV_SRC_NONE)
		ci.region = ac.region.v;
	if (in.provider_arn)
		ci.provider_arn = sv_from_cstr(in.provider_arn);

	/* the token, and whether this is the pod-side preflight */
	preflight = !in.token && !in.dir;
	sv_report_init(&S.rep);
	if (in.token) {
		tpath = in.token;
		tsrc = "--token";
	} else if (in.dir) {
		tpath = path_keep(6, in_dir(in.dir, "token", path_room(), PATH_CAP));
		tsrc = "--dir";
	} else if (ac.token_file.src != SV_SRC_NONE && ac.token_file.v.n < sizeof S.token_path_buf) {
		memcpy(S.token_path_buf, ac.token_file.v.p, ac.token_file.v.n);
		S.token_path_buf[ac.token_file.v.n] = '\0';
		tpath = S.token_path_buf;
		tsrc = ac.token_file.src == SV_SRC_ENV ? "$AWS_WEB_IDENTITY_TOKEN_FILE" : "web_identity_token_file";
	} else {
		sv_file_info fi;
		if (sv_port_stat(EKS_TOKEN_PATH, &fi) == SV_OK && fi.exists) {
			tpath = EKS_TOKEN_PATH;
			tsrc = "the EKS default path";
		} else if (sv_port_stat(OCP_TOKEN_PATH, &fi) == SV_OK && fi.exists) {
			tpath = OCP_TOKEN_PATH;
			tsrc = "the OpenShift default path";
		}
	}
	ci.token_source = tsrc;
	if (preflight) {
		pod_env(&S.rep, &ac);
		if (tpath)
			pod_token_file(&S.rep, tpath, tsrc);
		else
			sv_report_set(&S.rep, SV_CHK_POD_TOKEN_FILE, SV_SKIP, "needs a token file path ($AWS_WEB_IDENTITY_TOKEN_FILE)");
		pod_cred_chain(&S.rep, &ac);
	}
	if (tpath && read_token(c, tpath, !preflight && (in.token != NULL), &ci) < 0)
		return SV_EXIT_USAGE;

	/* the documents */
	p = bundle(&in, in.discovery, "openid-configuration.json", 1, &from_dir);
	if (load(c, "discovery", p, from_dir, S.disc, sizeof S.disc, &ci.discovery) < 0)
		return SV_EXIT_USAGE;
	p = bundle(&in, in.jwks, "keys.json", 2, &from_dir);
	if (load(c, "jwks", p, from_dir, S.jwks, sizeof S.jwks, &ci.jwks) < 0)
		return SV_EXIT_USAGE;
	p = bundle(&in, in.provider, "provider.json", 3, &from_dir);
	if (load(c, "provider", p, from_dir, S.prov, sizeof S.prov, &ci.provider) < 0)
		return SV_EXIT_USAGE;
	p = bundle(&in, in.role, "role.json", 4, &from_dir);
	if (load(c, "role", p, from_dir, S.role, sizeof S.role, &ci.role) < 0)
		return SV_EXIT_USAGE;
	p = bundle(&in, in.chain, "chain.pem", 5, &from_dir);
	if (load(c, "chain", p, from_dir, S.chain, sizeof S.chain, &ci.chain) < 0)
		return SV_EXIT_USAGE;

	if (in.dir && !in.token && !in.credentials && !in.discovery && !in.jwks && !in.provider && !in.role &&
	    !in.chain && !ci.jwt.p && !ci.token_problem && !ci.role_arn.p && !ci.discovery.p && !ci.jwks.p &&
	    !ci.provider.p && !ci.role.p && !ci.chain.p) {
		sv_cli_fail(c, "check: --dir %q holds none of the bundle files (token, credentials, "
		               "openid-configuration.json, keys.json, provider.json, role.json, chain.pem)",
		            sv_from_cstr(in.dir));
		return sv_cli_hint(c, "deploy/collect.sh writes a bundle under these names (README: Collecting the "
		                      "inputs); files named otherwise go in --token FILE, --jwks FILE, ...");
	}
	if (in.online) {
#if SV_NET
		if (in.discovery || in.jwks || in.chain)
			return sv_cli_usage(c, "check: --online fetches the discovery document, the JWKS and the chain "
			                       "itself; drop --discovery, --jwks and --chain");
		if ((ci.discovery.p || ci.jwks.p || ci.chain.p) && !in.json && !in.quiet && !fleet_bundle)
			sv_cli_note(c, "check --online: the bundle's openid-configuration.json, keys.json and chain.pem "
			            "are replaced by what the issuer serves now");
		ci.discovery = ci.jwks = ci.chain = SV_NULL;
		if (sv_cli_check_online(c, &nopt, !in.json && !in.quiet && !fleet_bundle, &ci) != 0)
			return SV_EXIT_USAGE;
#else
		sv_cli_fail(c, "check: --online is not built in (offline build, PORT=none)");
		return sv_cli_hint(c, "build with the default PORT=posix, or fetch the documents with a networked build "
		                      "(stsverify fetch ISSUER --out DIR) and give that DIR to --dir");
#endif
	}
	r = sv_check_run(&S.ws, &ci, &S.rep, &S.ans, &bad, &e);
	if (r != SV_OK) {
		const char *path = NULL;
		switch (bad) {
		case SV_IN_DISCOVERY: path = in.discovery ? in.discovery : S.paths[1]; break;
		case SV_IN_JWKS: path = in.jwks ? in.jwks : S.paths[2]; break;
		case SV_IN_PROVIDER: path = in.provider ? in.provider : S.paths[3]; break;
		case SV_IN_ROLE: path = in.role ? in.role : S.paths[4]; break;
		case SV_IN_CHAIN: path = in.chain ? in.chain : S.paths[5]; break;
		case SV_IN_PROVIDER_ARN: path = in.provider_arn; break;
		default: path = "?"; break;
		}
		sv_workspace_wipe(&S.ws.v);
		sv_cli_fail(c, "%s: %s: %s", sv_check_input_name(bad), path, e.msg);
		sv_cli_content_hint(c, sv_check_input_name(bad), &e);
		return SV_EXIT_USAGE;
	}
	if (fleet_bundle)
		render_line(c, fleet_bundle);
	else if (in.json)
		render_json(&c->out, NULL, &S.ws, &S.rep, &S.ans);
	else
		render_text(c, &in, &S.ws, &S.rep, &S.ans);
	r = S.ans.success ? SV_EXIT_OK : SV_EXIT_REJECT;
	sv_workspace_wipe(&S.ws.v);
	/* S is static, so zero-initialised: skip the pages past the token no file ever filled */
	sv_wipe_sparse(S.tok, sizeof S.tok);
	return r;
}

/* ---- the fleet view: which bundles, the loop, the table ---------------------- */

static const char *const bundle_files[] = {
	"token", "credentials", "openid-configuration.json", "keys.json", "provider.json", "role.json",
	"chain.pem", NULL
};

/* Does dir hold any of the bundle's file names? */
static int is_bundle(const char *dir)
{
	char path[4096];
	size_t i;
	for (i = 0; bundle_files[i]; i++) {
		sv_file_info fi;
		if (in_dir(dir, bundle_files[i], path, sizeof path) && sv_port_stat(path, &fi) == SV_OK &&
		    fi.exists)
			return 1;
	}
	return 0;
}

static int fleet_add(sv_cli *c, const char *parent, const char *name)
{
	sv_buf b;
	fleet_row *row;
	if (F.nrows == SV_MAX_BUNDLES) {
		sv_cli_fail(c, "check: more than %d bundles (SV_MAX_BUNDLES)", SV_MAX_BUNDLES);
		return sv_cli_hint(c, BUNDLES_HINT);
	}
	sv_buf_init(&b, F.paths + F.used, sizeof F.paths - F.used);
	sv_buf_str(&b, parent);
	if (name) {
		if (b.len && parent[b.len - 1] != '/')
			sv_buf_char(&b, '/');
		sv_buf_str(&b, name);
	}
	sv_buf_char(&b, '\0');
	if (b.overflow) {
		sv_cli_fail(c, "check: the bundles' paths exceed %d bytes (SV_MAX_BUNDLE_PATH_BYTES)",
		            SV_MAX_BUNDLE_PATH_BYTES);
		return sv_cli_hint(c, PATHS_HINT);
	}
	row = &F.rows[F.nrows++];
	memset(row, 0, sizeof *row);
	row->path = F.used;
	F.used += b.len;
	return SV_EXIT_OK;
}

/*
 * One --dir: itself when it is a bundle (or holds no directory), else each
 * directory in it whose name does not start with '.', sorted by name.
 */
static int fleet_expand(sv_cli *c, const char *dir)
{
	size_t used, count, i, j, n = 0;
	const char *p;
	int rc;

	if (is_bundle(dir))
		return fleet_add(c, dir, NULL);
	rc = sv_port_list_dir(dir, F.list, sizeof F.list, &used, &count);
	if (rc == SV_E_LIMIT) {
		sv_cli_fail(c, "check: --dir %q: its names exceed %d bytes (SV_MAX_BUNDLE_PATH_BYTES)",
		            sv_from_cstr(dir), SV_MAX_BUNDLE_PATH_BYTES);
		return sv_cli_hint(c, PATHS_HINT);
	}
	if (rc != SV_OK)
		return fleet_add(c, dir, NULL);     /* check_one says what is wrong with it */
	for (p = F.list, i = 0; i < count; i++, p += strlen(p) + 1) {
		char path[4096];
		sv_file_info fi;
		if (p[0] == '.' || !in_dir(dir, p, path, sizeof path) || sv_port_stat(path, &fi) != SV_OK ||
		    !fi.is_dir)
			continue;
		if (n == SV_MAX_BUNDLES) {
			sv_cli_fail(c, "check: more than %d bundles (SV_MAX_BUNDLES)", SV_MAX_BUNDLES);
			return sv_cli_hint(c, BUNDLES_HINT);
		}
		for (j = n++; j > 0 && strcmp(F.names[j - 1], p) > 0; j--)
			F.names[j] = F.names[j - 1];
		F.names[j] = p;
	}
	if (n == 0)
		return fleet_add(c, dir, NULL);
	for (i = 0; i < n; i++)
		if ((rc = fleet_add(c, dir, F.names[i])) != SV_EXIT_OK)
			return rc;
	return SV_EXIT_OK;
}

/* check_one's stderr, held while it runs, to go in the bundle's JSON line too. */
static int capture_sink(void *ctx, const unsigned char *b, size_t n)
{
	size_t k = n < sizeof F.err - 1 - F.errlen ? n : sizeof F.err - 1 - F.errlen;
	(void)ctx;
	memcpy(F.err + F.errlen, b, k);
	F.errlen += k;
	F.err[F.errlen] = '\0';
	return (int)n;
}

/*
 * ", "error": <the error line>, "hint": <its hint>" from the captured stderr
 * ("stsverify: <error>\nhint: <hint>"); "hint" is null when there is none.
 */
static void fleet_error_members(sv_cli *c)
{
	sv_sv all = sv_from_cstr(F.err), err = all, hint = SV_NULL;
	size_t nl = sv_find(all, '\n', 0);
	if (nl != (size_t)-1) {
		sv_sv rest = sv_slice(all, nl + 1, all.n);
		err = sv_slice(all, 0, nl);
		if (sv_has_prefix(rest, SV_LIT("hint: "))) {
			size_t end = sv_find(rest, '\n', 0);
			hint = sv_slice(rest, 6, end == (size_t)-1 ? rest.n : end);
		}
	}
	if (sv_has_prefix(err, SV_LIT("stsverify: ")))
		err = sv_slice(err, 11, err.n);
	sv_out_str(&c->out, ", \"error\": ");
	sv_out_json_str(&c->out, err);
	sv_out_str(&c->out, ", \"hint\": ");
	if (hint.p)
		sv_out_json_str(&c->out, hint);
	else
		sv_out_str(&c->out, "null");
}

/* s, then spaces to two past width */
static void pad(sv_out *o, const char *s, size_t width)
{
	size_t n = strlen(s);
	sv_out_str(o, s);
	while (n++ < width + 2)
		sv_out_put(o, " ", 1);
}

static const char *row_answer(const fleet_row *r)
{
	if (r->status == SV_EXIT_USAGE)
		return "unreadable";
	if (r->status == SV_EXIT_OK)
		return "success";
	return r->code ? r->code : "not-called";   /* the SDK would not call STS */
}

static const char *row_gate(const fleet_row *r)
{
	return r->status == SV_EXIT_REJECT ? sv_check_slug(r->gate) : "-";
}

static size_t widest(size_t w, const char *s)
{
	size_t n = strlen(s);
	return n > w ? n : w;
}

static void fleet_table(sv_cli *c)
{
	sv_out *o = &c->out;
	size_t i, wb = strlen("BUNDLE"), wa = strlen("STS WOULD ANSWER"), wg = strlen("GATE");
	size_t ok = 0, refused = 0, bad = 0;
	for (i = 0; i < F.nrows; i++) {
		wb = widest(wb, F.paths + F.rows[i].path);
		wa = widest(wa, row_answer(&F.rows[i]));
		wg = widest(wg, row_gate(&F.rows[i]));
	}
	pad(o, "BUNDLE", wb);
	pad(o, "STS WOULD ANSWER", wa);
	pad(o, "GATE", wg);
	sv_out_str(o, "FAILING\n");
	for (i = 0; i < F.nrows; i++) {
		const fleet_row *r = &F.rows[i];
		pad(o, F.paths + r->path, wb);
		pad(o, row_answer(r), wa);
		pad(o, row_gate(r), wg);
		if (r->status == SV_EXIT_USAGE) {
			sv_out_str(o, "-\n");
			bad++;
			continue;
		}
		sv_out_fmt(o, "%z\n", r->nfail);
		if (r->status == SV_EXIT_OK)
			ok++;
		else
			refused++;
	}
	sv_out_fmt(o, "%z %s: %z accepted, %z refused, %z unreadable\n", F.nrows,
	           F.nrows == 1 ? "bundle" : "bundles", ok, refused, bad);
}

static int fleet_run(sv_cli *c, inputs in)
{
	size_t i, k;
	int64_t now;
	int worst = SV_EXIT_OK;
	sv_buf b;

	/* one clock for every bundle */
	if (sv_cli_now(c, in.now, &now) != SV_OK)
		return SV_EXIT_USAGE;
	sv_buf_init(&b, F.now, sizeof F.now);
	sv_buf_fmt(&b, "%l", now);
	in.now = F.now;

	for (i = 0; i < F.nrows; i++) {
		fleet_row *r = &F.rows[i];
		const char *path = F.paths + r->path;
		int rc;

		in.dir = path;
		sv_out_flush(&c->err);
		F.saved_err = c->err;
		sv_out_init(&c->err, capture_sink, NULL);
		F.errlen = 0;
		F.err[0] = '\0';
		rc = check_one(c, in, path);
		sv_out_flush(&c->err);
		c->err = F.saved_err;
		r->status = rc;
		if (rc == SV_EXIT_USAGE) {
			/* stderr as for one bundle, and the same text in its line */
			sv_out_put(&c->err, F.err, F.errlen);
			k = F.errlen;
			while (k && F.err[k - 1] == '\n')
				F.err[--k] = '\0';
			sv_out_str(&c->out, "{\"schema\": 1, \"command\": \"check\", \"bundle\": ");
			sv_out_json_str(&c->out, sv_from_cstr(path));
			fleet_error_members(c);
			sv_out_str(&c->out, "}\n");
			worst = SV_EXIT_USAGE;
			continue;
		}
		r->code = S.ans.code;
		r->gate = S.ans.gate;
		for (k = 0; k < S.rep.count; k++)
			if (S.rep.items[k].status == SV_FAIL)
				r->nfail++;
		if (rc != SV_EXIT_OK && worst == SV_EXIT_OK)
			worst = rc;
	}
	if (!in.json)
		fleet_table(c);
	return worst;
}

int sv_cmd_check(sv_cli *c, int argc, const char *const *argv)
{
	inputs in;
	size_t i;
	int r;

	F.nflags = F.nrows = F.used = 0;
	if ((r = parse(c, argc, argv, &in)) != 0)
		return r > 0 ? SV_EXIT_OK : SV_EXIT_USAGE;
	for (i = 0; i < F.nflags; i++)
		if ((r = fleet_expand(c, F.flags[i])) != SV_EXIT_OK)
			return r;
	/* one --dir that is itself the bundle: the single report, as always */
	if (F.nflags <= 1 && (F.nrows == 0 || strcmp(F.paths + F.rows[0].path, in.dir) == 0))
		return check_one(c, in, NULL);
	return fleet_run(c, in);
}
