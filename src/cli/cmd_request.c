/*
 * cmd_request.c -- `stsverify request`: the exact AssumeRoleWithWebIdentity
 * request a pod's SDK sends, as raw HTTP, curl, the AWS CLI or JSON.
 */
#include "net.h"
#include "stsverify/sv_arn.h"
#include "stsverify/sv_port.h"
#include "stsverify/sv_sts.h"

enum {
	O_TOKEN = 1, O_ROLE_ARN, O_SESSION, O_DURATION, O_REGION, O_STS_ENDPOINT, O_FIPS, O_DUALSTACK,
	O_ENDPOINT_URL, O_POLICY, O_POLICY_ARN, O_FORMAT, O_REDACT, O_STRIP, O_FORCE, O_CREDENTIALS,
	O_CONFIG, O_PROFILE, O_SDK, O_ORDER, O_NOW, O_HELP
};

static const sv_opt opts[] = {
	{ "token", 1, O_TOKEN }, { "role-arn", 1, O_ROLE_ARN }, { "session-name", 1, O_SESSION },
	{ "duration", 1, O_DURATION }, { "region", 1, O_REGION }, { "sts-endpoint", 1, O_STS_ENDPOINT },
	{ "fips", 0, O_FIPS }, { "dualstack", 0, O_DUALSTACK }, { "endpoint-url", 1, O_ENDPOINT_URL },
	{ "policy", 1, O_POLICY }, { "policy-arn", 1, O_POLICY_ARN }, { "format", 1, O_FORMAT },
	{ "redact", 0, O_REDACT }, { "strip-newline", 0, O_STRIP }, { "force", 0, O_FORCE },
	{ "credentials", 1, O_CREDENTIALS }, { "config", 1, O_CONFIG }, { "profile", 1, O_PROFILE },
	{ "sdk", 1, O_SDK }, { "order", 1, O_ORDER }, { "now", 1, O_NOW }, { "help", 0, O_HELP },
	{ "h", 0, O_HELP }, SV_NET_OPTS, { NULL, 0, 0 }
};

static const char help[] =
    "usage: stsverify request [--token FILE] [--role-arn ARN] [--session-name NAME] [--duration N]\n"
    "                         [--region R] [--sts-endpoint regional|legacy] [--fips] [--dualstack]\n"
    "                         [--endpoint-url URL] [--policy FILE] [--policy-arn ARN]...\n"
    "                         [--format http|curl|awscli|json] [--redact] [--strip-newline] [--force]\n"
    "                         [--credentials FILE] [--config FILE] [--profile NAME]\n"
    "                         [--sdk botocore|botocore-old|cli-v2] [--order call|provider|sorted]\n"
    "\n"
    "Prints, byte for byte, the AssumeRoleWithWebIdentity request an SDK sends for these\n"
    "inputs, so it can be replayed from any host or handed to a network team. Nothing is\n"
    "sent. The request is unsigned: the token is the only credential in it.\n"
    "\n"
    "Inputs (a flag wins; otherwise as the SDKs read them: env per key over the profile):\n"
    "  --token FILE         AWS_WEB_IDENTITY_TOKEN_FILE, web_identity_token_file; sent verbatim\n"
    "  --role-arn ARN       AWS_ROLE_ARN, role_arn\n"
    "  --session-name NAME  AWS_ROLE_SESSION_NAME, role_session_name; else generated as\n"
    "                       botocore does: botocore-session-<Unix seconds> (--now sets the time)\n"
    "  --duration N         DurationSeconds (the SDKs' credential providers never send it)\n"
    "  --policy FILE        a session policy, sent verbatim;  --policy-arn ARN  repeatable\n"
    "  --region R           AWS_DEFAULT_REGION (cli-v2: AWS_REGION first), region\n"
    "  --sts-endpoint M     AWS_STS_REGIONAL_ENDPOINTS, sts_regional_endpoints; default regional\n"
    "                       (botocore >= 1.40, CLI v2); legacy sends 16 regions to sts.amazonaws.com\n"
    "  --fips, --dualstack  AWS_USE_FIPS_ENDPOINT, AWS_USE_DUALSTACK_ENDPOINT and profile keys\n"
    "  --endpoint-url URL   AWS_ENDPOINT_URL_STS, AWS_ENDPOINT_URL, [services] sts endpoint_url,\n"
    "                       endpoint_url; overrides regional/legacy, FIPS and dual-stack\n"
    "  --credentials FILE   the cloud-credentials Secret (ini text or oc get -o json) or a shared\n"
    "                       credentials file (default AWS_SHARED_CREDENTIALS_FILE, ~/.aws/credentials)\n"
    "  --config FILE        AWS config file (default AWS_CONFIG_FILE, ~/.aws/config)\n"
    "  --profile NAME       as Session(profile=...): AWS_ROLE_ARN & co. are then ignored\n"
    "  --sdk S              whose rules: botocore (default; boto3 >= 1.40, CLI v1), botocore-old\n"
    "                       (< 1.40: default legacy, no endpoint URL settings), cli-v2\n"
    "  --order O            call (default: botocore's explicit call and the AWS CLI), provider\n"
    "                       (botocore's credential provider), sorted (Go SDK v2)\n"
    "\n"
    "Output:\n"
    "  --format http        the raw HTTP/1.1 request, CRLF line ends (default)\n"
    "  --format curl        a curl command that reads the token from its file\n"
    "  --format awscli      aws sts assume-role-with-web-identity with the token as file://\n"
    "  --format json        method, url, headers, body, and the parameters one by one\n"
    "  --redact             replace the token's signature (for sharing)\n"
    "  --strip-newline      drop the token file's trailing newline (the SDKs send it as %0A)\n"
    "  --force              print a request STS would reject with ValidationError\n"
    "\n"
    "exit status: 0 printed, 1 STS would reject the request (see --force), 2 usage or input error\n";

static const char assume_help[] =
    "usage: stsverify assume [--token FILE] [--role-arn ARN] [--session-name NAME] [--duration N]\n"
    "                        [--region R] [--sts-endpoint regional|legacy] [--fips] [--dualstack]\n"
    "                        [--endpoint-url URL] [--policy FILE] [--policy-arn ARN]...\n"
    "                        [--strip-newline] [--force] [--credentials FILE] [--config FILE]\n"
    "                        [--profile NAME] [--sdk S] [--order O] [network options]\n"
    "\n"
    "Sends the exact request 'stsverify request' prints (same inputs, same rules) to\n"
    "the STS endpoint over HTTPS, reads the answer with the response parser and says\n"
    "what it means: on success the assumed role, subject, audience and expiry, with\n"
    "the credentials NOT shown (only the AccessKeyId's first four characters); on an\n"
    "error its meaning, every known cause, whether a retry helps, and what 'stsverify\n"
    "check' finds in the inputs at hand. The token goes to the endpoint: send it only\n"
    "to an STS endpoint you trust (the certificate is always verified).\n"
    "\n"
    "Inputs: as 'stsverify request --help' describes.\n"
    SV_NET_OPTS_HELP
    "\n"
    "exit status: 0 STS accepted, 1 STS refused, or could not be reached, 2 usage or input error\n";

typedef enum { F_HTTP, F_CURL, F_AWSCLI, F_JSON } fmt;

static unsigned char tokbuf[SV_MAX_DOC_BYTES];
static unsigned char polbuf[SV_MAX_DOC_BYTES];
static char redbuf[SV_MAX_DOC_BYTES];
static char reqbuf[8 * SV_MAX_DOC_BYTES];
#define REQ_HINT "the request buffer is 8 * SV_MAX_DOC_BYTES (include/stsverify/sv_config.h); a session " \
	"policy or token that large is over STS's own limits anyway"

static int b64url_or_dot(unsigned char ch)
{
	return (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') ||
	       ch == '-' || ch == '_' || ch == '.';
}

/* header.payload.REDACTED, keeping any trailing line end so the bytes stay comparable */
static sv_sv redact(sv_sv t)
{
	size_t d1 = sv_find(t, '.', 0), d2 = d1 == (size_t)-1 ? d1 : sv_find(t, '.', d1 + 1), e = t.n;
	sv_buf b;
	while (e > 0 && (t.p[e - 1] == '\n' || t.p[e - 1] == '\r'))
		e--;
	sv_buf_init(&b, redbuf, sizeof redbuf);
	if (d2 == (size_t)-1 || d2 > e) {
		sv_buf_str(&b, "REDACTED");     /* not a JWS: nothing of it is shown */
	} else {
		sv_buf_sv(&b, sv_slice(t, 0, d2 + 1));
		sv_buf_str(&b, "REDACTED");
	}
	sv_buf_sv(&b, sv_slice(t, e, t.n));
	return (sv_sv){ redbuf, b.len };
}

/* What STS's model says about Policy and PolicyArns, in our words (STS's texts are unknown). */
static int policy_problem(const sv_arwwi *p, char *msg, size_t cap)
{
	sv_buf b;
	sv_buf_init(&b, msg, cap);
	if (p->npolicy_arns > 10) {
		sv_buf_fmt(&b, "PolicyArns: %z ARNs; STS takes at most 10", p->npolicy_arns);
		return 1;
	}
	if (p->policy.p) {
		size_t i = 0, chars = 0;
		const unsigned char *s = (const unsigned char *)p->policy.p;
		while (i < p->policy.n) {
			uint32_t cp = s[i];
			size_t l = 1, k;
			if (cp >= 0xF0) { l = 4; cp &= 0x07; }
			else if (cp >= 0xE0) { l = 3; cp &= 0x0F; }
			else if (cp >= 0xC0) { l = 2; cp &= 0x1F; }
			for (k = 1; k < l && i + k < p->policy.n; k++)
				cp = (cp << 6) | (s[i + k] & 0x3Fu);
			if (!(cp == 9 || cp == 10 || cp == 13 || (cp >= 0x20 && cp <= 0xFF))) {
				static const char hx[] = "0123456789ABCDEF";
				char u[8];
				int h, nd = cp > 0xFFFF ? 6 : 4;
				for (h = 0; h < nd; h++)
					u[h] = hx[(cp >> (4 * (nd - 1 - h))) & 15];
				u[nd] = '\0';
				sv_buf_fmt(&b, "Policy: the character at byte %z (U+%s) is outside the pattern "
				           "[\\u0009\\u000A\\u000D\\u0020-\\u00FF]", i, u);
				return 1;
			}
			i += l;
			chars++;
		}
		if (chars == 0 || chars > 2048) {
			sv_buf_fmt(&b, "Policy: %z characters; STS takes 1 to 2048", chars);
			return 1;
		}
	}
	return 0;
}

/* botocore's own parameter validation (minimum lengths and values), verbatim (STS-FACTS a.7) */
static void botocore_note(sv_cli *c, const sv_arwwi *p)
{
	if (p->token.n < 4)
		sv_cli_note(c, "botocore would not even send it: Invalid length for parameter WebIdentityToken, "
		        "value: %z, valid min length: 4", p->token.n);
	if (p->session_name.n < 2)
		sv_cli_note(c, "botocore would not even send it: Invalid length for parameter RoleSessionName, "
		        "value: %z, valid min length: 2", p->session_name.n);
	if (p->has_duration && p->duration < 900)
		sv_cli_note(c, "botocore would not even send it: Invalid value for parameter DurationSeconds, "
		        "value: %l, valid min value: 900", p->duration);
}

static void out_sv(sv_out *o, sv_sv s)
{
	sv_out_put(o, s.p, s.n);
}

static void render_curl(sv_cli *c, const sv_arwwi *p, const sv_endpoint *ep, const char *tpath,
                        int strip)
{
	sv_out *o = &c->out;
	sv_form_param prm[8 + SV_MAX_POLICY_ARNS];
	size_t n = 0, i;
	int open = 0;
	(void)sv_form_params(p, prm, sizeof prm / sizeof prm[0], &n);
	sv_out_str(o, "curl --http1.1 -sS ");
	sv_out_shell(o, (sv_sv){ ep->url, ep->url_len });
	sv_out_str(o, " \\\n  -H 'Content-Type: " SV_STS_CONTENT_TYPE "' \\\n"
	              "  -H 'Accept:' -H 'User-Agent:' -H 'Expect:' \\\n");
	for (i = 0; i < n; i++) {
		if (strcmp(prm[i].name, "WebIdentityToken") == 0) {
			if (open)
				sv_out_str(o, "' \\\n");
			open = 0;
			if (strip) {
				sv_out_str(o, "  --data-urlencode \"WebIdentityToken=$(cat ");
				sv_out_shell(o, sv_from_cstr(tpath));
				sv_out_str(o, ")\"");
			} else {
				char w[1100];
				sv_buf b;
				sv_buf_init(&b, w, sizeof w);
				sv_buf_str(&b, "WebIdentityToken@");
				sv_buf_str(&b, tpath);
				sv_out_str(o, "  --data-urlencode ");
				sv_out_shell(o, (sv_sv){ w, b.len });
			}
			sv_out_str(o, i + 1 < n ? " \\\n" : "\n");
			continue;
		}
		if (!open) {
			sv_out_str(o, "  --data-binary '");
			open = 1;
		} else {
			sv_out_str(o, "&");
		}
		sv_out_str(o, prm[i].name);
		sv_out_str(o, "=");
		{
			/* encoded text holds no quote: every ' is %27 */
			size_t len = 0;
			if (sv_form_encode(prm[i].value, reqbuf, sizeof reqbuf, &len) == SV_OK)
				sv_out_put(o, reqbuf, len);
		}
	}
	if (open)
		sv_out_str(o, "'\n");
}

static void render_awscli(sv_cli *c, const sv_arwwi *p, const sv_endpoint *ep, const char *tpath,
                          const char *ppath, sv_sv region, int strip)
{
	sv_out *o = &c->out;
	char w[1100];
	sv_buf b;
	size_t k;
	sv_out_str(o, "aws sts assume-role-with-web-identity \\\n  --role-arn ");
	sv_out_shell(o, p->role_arn);
	sv_out_str(o, " \\\n  --role-session-name ");
	sv_out_shell(o, p->session_name);
	sv_out_str(o, " \\\n  --web-identity-token ");
	if (strip) {
		sv_out_str(o, "\"$(cat ");
		sv_out_shell(o, sv_from_cstr(tpath));
		sv_out_str(o, ")\"");
	} else {
		sv_buf_init(&b, w, sizeof w);
		sv_buf_str(&b, "file://");
		sv_buf_str(&b, tpath);
		sv_out_shell(o, (sv_sv){ w, b.len });
	}
	if (p->npolicy_arns) {
		sv_out_str(o, " \\\n  --policy-arns '[");
		for (k = 0; k < p->npolicy_arns; k++) {
			char j[2200];
			sv_buf jb;
			size_t q;
			sv_buf_init(&jb, j, sizeof j);
			sv_buf_str(&jb, k ? ",{\"arn\":" : "{\"arn\":");
			sv_buf_json(&jb, p->policy_arns[k]);
			sv_buf_str(&jb, "}");
			for (q = 0; q < jb.len; q++) {
				if (j[q] == '\'')
					sv_out_str(o, "'\\''");
				else
					sv_out_put(o, j + q, 1);
			}
		}
		sv_out_str(o, "]'");
	}
	if (ppath) {
		sv_buf_init(&b, w, sizeof w);
		sv_buf_str(&b, "file://");
		sv_buf_str(&b, ppath);
		sv_out_str(o, " \\\n  --policy ");
		sv_out_shell(o, (sv_sv){ w, b.len });
	}
	if (p->has_duration)
		sv_out_fmt(o, " \\\n  --duration-seconds %l", p->duration);
	if (region.n) {
		sv_out_str(o, " \\\n  --region ");
		sv_out_shell(o, region);
	}
	sv_out_str(o, " \\\n  --endpoint-url ");
	sv_out_shell(o, (sv_sv){ ep->url, ep->url_len });
	sv_out_str(o, "\n");
}

static void render_json(sv_cli *c, const sv_arwwi *p, const sv_endpoint *ep, int redacted)
{
	sv_out *o = &c->out;
	sv_form_param prm[8 + SV_MAX_POLICY_ARNS];
	size_t n = 0, i, blen = 0;
	(void)sv_form_params(p, prm, sizeof prm / sizeof prm[0], &n);
	(void)sv_form_body(p, reqbuf, sizeof reqbuf, &blen);
	sv_out_str(o, "{\n  \"schema\": 1,\n  \"command\": \"request\",\n  \"method\": \"POST\",\n  \"url\": ");
	sv_out_json_str(o, (sv_sv){ ep->url, ep->url_len });
	sv_out_str(o, ",\n  \"endpoint_rule\": ");
	sv_out_json_str(o, sv_from_cstr(ep->rule));
	sv_out_str(o, ",\n  \"headers\": {\n    \"Host\": ");
	sv_out_json_str(o, (sv_sv){ ep->host, ep->host_len });
	sv_out_str(o, ",\n    \"Content-Type\": \"" SV_STS_CONTENT_TYPE "\",\n");
	sv_out_fmt(o, "    \"Content-Length\": \"%z\"\n  },\n  \"body\": ", blen);
	sv_out_json_str(o, (sv_sv){ reqbuf, blen });
	sv_out_str(o, ",\n  \"params\": [");
	for (i = 0; i < n; i++) {
		sv_out_str(o, i ? ",\n    {\"name\": " : "\n    {\"name\": ");
		sv_out_json_str(o, sv_from_cstr(prm[i].name));
		sv_out_str(o, ", \"value\": ");
		sv_out_json_str(o, prm[i].value);
		sv_out_str(o, "}");
	}
	sv_out_fmt(o, "\n  ],\n  \"redacted\": %s\n}\n", redacted ? "true" : "false");
}

static int request_or_assume(sv_cli *c, int argc, const char *const *argv, int assume)
{
	static sv_awsconf cfg;
	static sv_netopts nopt;
	static sv_arwwi p;
	static sv_endpoint ep;
	sv_endpoint_in ein;
	sv_cli_awsfiles files;
	sv_args a;
	const char *tflag = NULL, *rflag = NULL, *sflag = NULL, *regflag = NULL, *stsflag = NULL;
	const char *urlflag = NULL, *ppath = NULL, *nowarg = NULL;
	const char *arns[SV_MAX_POLICY_ARNS];
	size_t narns = 0, tlen = 0, plen = 0, len = 0, i;
	int id, fips = 0, dual = 0, do_redact = 0, strip = 0, force = 0, rc, bad = 0;
	int64_t duration = 0, now;
	int has_duration = 0;
	fmt form = F_HTTP;
	sv_sdk sdk = SV_SDK_BOTOCORE;
	sv_form_order order = SV_ORDER_CALL;
	sv_sv token, region, session, role, tpath_sv;
	char tpath[1024], sessbuf[64], vmsg[SV_STS_MSG_BYTES], pmsg[256];
	int session_generated = 0;
	sv_err e;

	memset(&files, 0, sizeof files);
	memset(&p, 0, sizeof p);
#if SV_NET
	sv_netopts_init(&nopt);
#else
	(void)nopt;
#endif
	sv_args_init(&a, argc, argv);
	while ((id = sv_args_next(c, &a, opts)) > 0) {
		if (id >= SV_NOPT_CA_FILE) {
			if (!assume)
				return sv_cli_usage(c, "%s: the network options are for 'stsverify assume' "
				                       "(request sends nothing)", c->cmd);
#if SV_NET
			if (sv_netopts_opt(c, &nopt, id, a.optarg) < 0)
				return SV_EXIT_USAGE;
#endif
			continue;
		}
		if (assume && (id == O_FORMAT || id == O_REDACT))
			return sv_cli_usage(c, "assume: --%s is for 'stsverify request' (assume sends the request)",
			                    id == O_FORMAT ? "format" : "redact");
		switch (id) {
		case O_TOKEN: tflag = a.optarg; break;
		case O_ROLE_ARN: rflag = a.optarg; break;
		case O_SESSION: sflag = a.optarg; break;
		case O_DURATION:
			if (sv_cli_int(c, "duration", a.optarg, 0, 999999, &duration) != SV_OK)
				return SV_EXIT_USAGE;
			has_duration = 1;
			break;
		case O_REGION: regflag = a.optarg; break;
		case O_STS_ENDPOINT: stsflag = a.optarg; break;
		case O_FIPS: fips = 1; break;
		case O_DUALSTACK: dual = 1; break;
		case O_ENDPOINT_URL: urlflag = a.optarg; break;
		case O_POLICY: ppath = a.optarg; break;
		case O_POLICY_ARN:
			if (narns == SV_MAX_POLICY_ARNS) {
				sv_cli_fail(c, "%s: more than %d --policy-arn (SV_MAX_POLICY_ARNS)", c->cmd,
				            SV_MAX_POLICY_ARNS);
				return sv_cli_hint(c, "STS itself takes at most 10 managed session policies (PolicyArns); "
				                      "SV_MAX_POLICY_ARNS is in include/stsverify/sv_config.h");
			}
			arns[narns++] = a.optarg;
			break;
		case O_FORMAT:
			if (strcmp(a.optarg, "http") == 0) form = F_HTTP;
			else if (strcmp(a.optarg, "curl") == 0) form = F_CURL;
			else if (strcmp(a.optarg, "awscli") == 0) form = F_AWSCLI;
			else if (strcmp(a.optarg, "json") == 0) form = F_JSON;
			else
				return sv_cli_usage(c, "%s: --format %q: expected http, curl, awscli or json", c->cmd,
				                    sv_from_cstr(a.optarg));
			break;
		case O_REDACT: do_redact = 1; break;
		case O_STRIP: strip = 1; break;
		case O_FORCE: force = 1; break;
		case O_CREDENTIALS: files.credentials = a.optarg; break;
		case O_CONFIG: files.config = a.optarg; break;
		case O_PROFILE: files.profile = a.optarg; break;
		case O_SDK:
			if (strcmp(a.optarg, "botocore") == 0) sdk = SV_SDK_BOTOCORE;
			else if (strcmp(a.optarg, "botocore-old") == 0) sdk = SV_SDK_BOTOCORE_OLD;
			else if (strcmp(a.optarg, "cli-v2") == 0) sdk = SV_SDK_CLI_V2;
			else
				return sv_cli_usage(c, "%s: --sdk %q: expected botocore, botocore-old or cli-v2", c->cmd,
				                    sv_from_cstr(a.optarg));
			break;
		case O_ORDER:
			if (strcmp(a.optarg, "call") == 0) order = SV_ORDER_CALL;
			else if (strcmp(a.optarg, "provider") == 0) order = SV_ORDER_PROVIDER;
			else if (strcmp(a.optarg, "sorted") == 0) order = SV_ORDER_SORTED;
			else
				return sv_cli_usage(c, "%s: --order %q: expected call, provider or sorted", c->cmd,
				                    sv_from_cstr(a.optarg));
			break;
		case O_NOW: nowarg = a.optarg; break;
		case O_HELP: sv_out_str(&c->out, assume ? assume_help : help); return SV_EXIT_OK;
		default: break;
		}
	}
	if (id < 0)
		return SV_EXIT_USAGE;
#if !SV_NET
	if (assume) {
		sv_cli_fail(c, "assume: not built in (offline build, PORT=none)");
		return sv_cli_hint(c, "%s", SV_CLI_NOT_BUILT_HINT);
	}
#endif
	if (a.npos > 0)
		return sv_cli_usage(c, "%s: unexpected argument %q (the token goes in --token FILE)", c->cmd,
		                    sv_from_cstr(a.positional[0]));
	if (stsflag && strcmp(stsflag, "regional") != 0 && strcmp(stsflag, "legacy") != 0)
		return sv_cli_usage(c, "%s: --sts-endpoint %q: expected regional or legacy", c->cmd,
		                    sv_from_cstr(stsflag));
	if (order == SV_ORDER_PROVIDER && (has_duration || ppath || narns))
		return sv_cli_usage(c, "%s: --order provider: botocore's credential provider never "
		                       "sends DurationSeconds, Policy or PolicyArns", c->cmd);

	if (sv_cli_awsconf(c, &files, sdk, &cfg) != SV_OK)
		return SV_EXIT_USAGE;

	/* the token file */
	if (tflag) {
		tpath_sv = sv_from_cstr(tflag);
	} else if (cfg.token_file.src != SV_SRC_NONE && cfg.token_file.v.n > 0) {
		tpath_sv = cfg.token_file.v;
	} else {
		sv_cli_fail(c, "%s: no token: give --token FILE or set "
		               "AWS_WEB_IDENTITY_TOKEN_FILE (or web_identity_token_file in a profile)", c->cmd);
		return sv_cli_hint(c, "in the pod, `env | grep AWS_` shows what the SDK sees; without "
		                      "AWS_WEB_IDENTITY_TOKEN_FILE it never tries web identity");
	}
	if (tpath_sv.n >= sizeof tpath) {
		sv_cli_fail(c, "%s: token path longer than %z bytes", c->cmd, sizeof tpath - 1);
		return sv_cli_hint(c, "copy the token to a shorter path and give it as --token FILE");
	}
	memcpy(tpath, tpath_sv.p, tpath_sv.n);
	tpath[tpath_sv.n] = '\0';

	/* the role */
	if (rflag) {
		role = sv_from_cstr(rflag);
	} else if (cfg.role_arn.src != SV_SRC_NONE && cfg.role_arn.v.n > 0) {
		role = cfg.role_arn.v;
	} else if (!tflag) {
		sv_cli_fail(c, "%s: %s", c->cmd, SV_AWSCONF_NO_ROLE_MSG);
		return sv_cli_hint(c, "botocore fails the same way; set AWS_ROLE_ARN beside AWS_WEB_IDENTITY_TOKEN_FILE "
		                      "(the EKS webhook and OpenShift's cloud-credentials set both), or give --role-arn ARN");
	} else {
		sv_cli_fail(c, "%s: no role ARN: give --role-arn ARN or set AWS_ROLE_ARN "
		               "(or role_arn in a profile)", c->cmd);
		return sv_cli_hint(c, "the role ARN is the service account's eks.amazonaws.com/role-arn annotation "
		                      "(EKS) or role_arn in the cloud-credentials Secret (OpenShift)");
	}

	/* the session name: flag, env/config, else generated as botocore does */
	if (sflag) {
		session = sv_from_cstr(sflag);
	} else if (cfg.session_name.src != SV_SRC_NONE) {
		session = cfg.session_name.v;
	} else {
		sv_buf b;
		if (sv_cli_now(c, nowarg, &now) != SV_OK)
			return SV_EXIT_USAGE;
		sv_buf_init(&b, sessbuf, sizeof sessbuf);
		sv_buf_str(&b, "botocore-session-");
		sv_buf_i64(&b, now);
		session = (sv_sv){ sessbuf, b.len };
		session_generated = 1;
	}

	if (sv_cli_load(c, "token", tpath, tokbuf, sizeof tokbuf, &tlen) != SV_OK)
		return SV_EXIT_USAGE;
	token = (sv_sv){ (const char *)tokbuf, tlen };
	if (tlen == 0) {
		sv_err empty;
		sv_cli_fail(c, "token: %s: the file is empty", tpath);
		sv_err_set(&empty, SV_E_FORMAT, 0, "empty");
		sv_cli_token_hint(c, &empty);
		return SV_EXIT_USAGE;
	}
	{
		size_t end = tlen, badn = 0, first = 0;
		while (end > 0 && (token.p[end - 1] == '\n' || token.p[end - 1] == '\r'))
			end--;
		if (end < tlen) {
			if (strip)
				token.n = end;
			else
				sv_cli_note(c, "warning: %s ends with a line break; the SDKs send the file verbatim, so "
				        "the token ends in %s (whether STS accepts that is unconfirmed); "
				        "--strip-newline drops it", tpath,
				        tlen - end == 1 ? "%0A" : "encoded line-end bytes");
		}
		for (i = 0; i < end; i++)
			if (!b64url_or_dot((unsigned char)token.p[i]) && badn++ == 0)
				first = i;
		if (badn)
			sv_cli_note(c, "warning: the token holds %z bytes that are not base64url or '.' (the first "
			        "at offset %z): STS cannot parse it; was something appended to the file?",
			        badn, first);
	}

	if (ppath) {
		if (sv_cli_load(c, "policy", ppath, polbuf, sizeof polbuf, &plen) != SV_OK)
			return SV_EXIT_USAGE;
		p.policy = (sv_sv){ (const char *)polbuf, plen };
	}
	for (i = 0; i < narns; i++)
		p.policy_arns[i] = sv_from_cstr(arns[i]);
	p.npolicy_arns = narns;
	p.role_arn = role;
	p.session_name = session;
	p.token = token;
	p.has_duration = has_duration;
	p.duration = duration;
	p.order = order;
	p.session_first = order == SV_ORDER_PROVIDER && !session_generated;

	/* where it goes */
	memset(&ein, 0, sizeof ein);
	region = regflag ? sv_from_cstr(regflag) : cfg.region.v;
	ein.region = region.n ? region : SV_NULL;
	ein.legacy = stsflag ? strcmp(stsflag, "legacy") == 0
	                     : sv_eq(cfg.sts_regional_endpoints.v, SV_LIT("legacy"));
	ein.fips = fips || cfg.use_fips;
	ein.dualstack = dual || cfg.use_dualstack;
	if (urlflag)
		ein.endpoint_url = sv_from_cstr(urlflag);
	else if (cfg.endpoint_url.src != SV_SRC_NONE)
		ein.endpoint_url = cfg.endpoint_url.v;
	rc = sv_endpoint_resolve(&ein, &ep, &e);
	if (rc != SV_OK) {
		sv_cli_fail(c, "%s: %s", c->cmd, e.msg);
		sv_cli_awsconf_hint(c, &e);
		return SV_EXIT_USAGE;
	}

	/* what the reader should know, on stderr */
	{
		char src[4][300];
		sv_buf b[4];
		sv_setting flag_s;
		memset(&flag_s, 0, sizeof flag_s);
		flag_s.src = SV_SRC_FLAG;
		for (i = 0; i < 4; i++)
			sv_buf_init(&b[i], src[i], sizeof src[i]);
		sv_cli_setting_src(&b[0], c, rflag ? &flag_s : &cfg.role_arn);
		sv_cli_setting_src(&b[1], c, tflag ? &flag_s : &cfg.token_file);
		if (session_generated)
			sv_buf_str(&b[2], "generated");
		else
			sv_cli_setting_src(&b[2], c, sflag ? &flag_s : &cfg.session_name);
		sv_cli_setting_src(&b[3], c, regflag ? &flag_s : &cfg.region);
		sv_cli_note(c, "inputs: role ARN (%s), token file (%s), session name (%s), region (%s)", src[0],
		     src[1], src[2], src[3]);
		sv_cli_note(c, "POST %v: %s", (sv_sv){ ep.url, ep.url_len }, ep.rule);
	}
	if (session_generated)
		sv_cli_note(c, "no session name given: generated %v as botocore's credential provider does "
		        "(--session-name or AWS_ROLE_SESSION_NAME sets one; the AWS CLI command needs one)",
		     session);
	if (ep.custom && ein.fips)
		sv_cli_note(c, "note: FIPS is ignored with a custom endpoint URL, as botocore does");
	if (ep.custom && ein.dualstack)
		sv_cli_note(c, "note: dual-stack is ignored with a custom endpoint URL, as botocore does");
	if (sdk != SV_SDK_CLI_V2 && !regflag) {
		sv_sv ar;
		if (sv_port_getenv("AWS_REGION", &ar) == SV_OK && ar.n && !sv_eq(ar, region))
			sv_cli_note(c, "note: botocore ignores AWS_REGION=%v (it reads AWS_DEFAULT_REGION); the AWS "
			        "CLI v2 and the other SDKs use it (--sdk cli-v2)", ar);
	}
	if (cfg.env_static_keys)
		sv_cli_note(c, "warning: AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are set; the SDKs use "
		        "those static keys before web identity, so this environment never sends this request");

	/* validate as STS would */
	{
		sv_sts_params sp;
		unsigned mask = 0;
		memset(&sp, 0, sizeof sp);
		sp.role_arn = p.role_arn;
		sp.session_name = p.session_name;
		sp.token = p.token;
		sp.has_duration = p.has_duration;
		sp.duration = p.duration;
		if (sv_sts_validate(&sp, vmsg, sizeof vmsg, &mask) != SV_OK)
			bad = 1;
		else if (policy_problem(&p, pmsg, sizeof pmsg))
			bad = 2;
		if (bad) {
			if (bad == 1)
				sv_cli_note(c, "%sSTS would reject this request: ValidationError: %s",
				     force ? "warning: " : "", vmsg);
			else
				sv_cli_note(c, "%sSTS would reject this request: %s (stsverify's words; STS's exact "
				        "text is not known)", force ? "warning: " : "", pmsg);
			botocore_note(c, &p);
			if (!force) {
				sv_out_str(&c->err, "hint: fix it, or print it anyway with --force\n");
				return SV_EXIT_REJECT;
			}
		}
	}

#if SV_NET
	if (assume) {
		rc = sv_request_http(&p, &ep, reqbuf, sizeof reqbuf, &len);
		if (rc != SV_OK) {
			sv_cli_fail(c, "assume: the request does not fit in %z bytes", sizeof reqbuf);
			return sv_cli_hint(c, "%s", REQ_HINT);
		}
		rc = sv_cli_assume_send(c, &nopt, &ep, &p, (const unsigned char *)reqbuf, len);
		sv_wipe(tokbuf, tlen);
		sv_wipe(reqbuf, sizeof reqbuf);
		return rc;
	}
#endif
	if (do_redact && (form == F_HTTP || form == F_JSON))
		p.token = redact(token);
	else if (form == F_HTTP || form == F_JSON)
		sv_cli_note(c, "warning: the output holds the whole token, a bearer credential: whoever has it "
		        "can assume the role until it expires; --redact replaces its signature for sharing");

	switch (form) {
	case F_HTTP:
		rc = sv_request_http(&p, &ep, reqbuf, sizeof reqbuf, &len);
		if (rc != SV_OK) {
			sv_cli_fail(c, "%s: the request does not fit in %z bytes", c->cmd, sizeof reqbuf);
			return sv_cli_hint(c, "%s", REQ_HINT);
		}
		out_sv(&c->out, (sv_sv){ reqbuf, len });
		break;
	case F_CURL:
		if (order != SV_ORDER_CALL)
			sv_cli_note(c, "note: curl sends the parameters in the order shown");
		render_curl(c, &p, &ep, tpath, strip);
		break;
	case F_AWSCLI:
		if (order != SV_ORDER_CALL)
			sv_cli_note(c, "note: the AWS CLI sends its own order (call), not --order %s",
			     order == SV_ORDER_PROVIDER ? "provider" : "sorted");
		render_awscli(c, &p, &ep, tpath, ppath, region, strip);
		break;
	case F_JSON:
		render_json(c, &p, &ep, do_redact);
		break;
	}
	sv_wipe(tokbuf, tlen);
	sv_wipe(redbuf, sizeof redbuf);
	sv_wipe(reqbuf, sizeof reqbuf);
	return SV_EXIT_OK;
}

int sv_cmd_request(sv_cli *c, int argc, const char *const *argv)
{
	return request_or_assume(c, argc, argv, 0);
}

int sv_cmd_assume(sv_cli *c, int argc, const char *const *argv)
{
	return request_or_assume(c, argc, argv, 1);
}
