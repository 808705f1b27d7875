/*
 * cmd_explain.c -- `stsverify explain`: what STS's answer means. An error
 * (XML or JSON body, the AWS CLI's line, or "Code: Message" text) gets its
 * meaning, every known cause, whether a retry helps and which check inputs
 * tell the causes apart; a success body gets the identity and the expiry,
 * with the credentials hidden unless asked for in a form a program consumes.
 */
#include "cli.h"
#include "stsverify/sv_sts.h"

enum { O_FORMAT = 1, O_SHOW, O_NOW, O_HELP };

static const sv_opt opts[] = {
	{ "format", 1, O_FORMAT }, { "show-credentials", 0, O_SHOW }, { "now", 1, O_NOW },
	{ "help", 0, O_HELP }, { "h", 0, O_HELP }, { NULL, 0, 0 }
};

static const char help[] =
    "usage: stsverify explain [FILE | -] [--format text|json] [--now T]\n"
    "       stsverify explain [FILE | -] --show-credentials --format env|credential-process\n"
    "\n"
    "Reads STS's answer to AssumeRoleWithWebIdentity from FILE (default: stdin): the\n"
    "XML or JSON body, the AWS CLI's line \"An error occurred (Code) when calling the\n"
    "AssumeRoleWithWebIdentity operation: Message\", text holding \"Code: Message\", or\n"
    "`aws sts assume-role-with-web-identity` output.\n"
    "\n"
    "For an error: what it means, every known cause (the misleading ones too), whether\n"
    "a retry can help, and which `stsverify check` inputs tell the causes apart.\n"
    "For a success: the assumed role, subject, audience, provider and expiry; of the\n"
    "AccessKeyId only the first four characters.\n"
    "\n"
    "  --format text|json   the explanation (default text); neither shows a secret\n"
    "  --show-credentials   print the credentials, only with one of:\n"
    "  --format env         export AWS_ACCESS_KEY_ID=... lines for a shell\n"
    "  --format credential-process   the JSON an SDK's credential_process expects\n"
    "  --now T              Unix seconds or RFC 3339 UTC for the relative expiry\n"
    "\n"
    "exit status: 0 STS accepted, 1 STS answered with an error, 2 usage or input error\n";

typedef enum { F_TEXT, F_JSON, F_ENV, F_CP } fmt;

static unsigned char body[SV_MAX_DOC_BYTES];
static char arena[SV_MAX_DOC_BYTES];
static jsmntok_t tok[SV_MAX_DOC_TOKENS];

/*
 * Words of s, broken before column 80; continuation lines start at indent.
 * col is where the cursor already is (0: at a line start, indent first).
 */
static void wrap_at(sv_out *o, int indent, int col, const char *s)
{
	int k, fresh = col > 0;
	while (*s) {
		const char *e = s;
		int wl;
		while (*e && *e != ' ')
			e++;
		wl = (int)(e - s);
		if (fresh) {
			fresh = 0;
		} else if (col == 0) {
			for (k = 0; k < indent; k++)
				sv_out_put(o, " ", 1);
			col = indent;
		} else if (col + 1 + wl > 79) {
			sv_out_str(o, "\n");
			for (k = 0; k < indent; k++)
				sv_out_put(o, " ", 1);
			col = indent;
		} else {
			sv_out_put(o, " ", 1);
			col++;
		}
		sv_out_put(o, s, (size_t)wl);
		col += wl;
		s = *e ? e + 1 : e;
	}
	sv_out_str(o, "\n");
}

static void wrap(sv_out *o, int indent, const char *s)
{
	wrap_at(o, indent, 0, s);
}

static const char *retry_word(sv_retry r)
{
	return r == SV_RETRY_YES ? "yes" : r == SV_RETRY_MAYBE ? "maybe" : "no";
}

static const char *form_words(sv_resp_form f)
{
	return f == SV_RESP_XML ? "the XML body" : f == SV_RESP_JSON ? "JSON" : "the AWS CLI's error line";
}

static const char *form_slug(sv_resp_form f)
{
	return f == SV_RESP_XML ? "xml" : f == SV_RESP_JSON ? "json" : "cli-line";
}

/*
 * Text that is not one of the parsed shapes but holds "Code: Message" with a
 * code STS is known to send (Go and Java SDK errors, log lines).
 */
static int find_code(sv_sv t, sv_sts_resp *r)
{
	size_t i, n, k;
	const sv_sts_error *tab = sv_sts_errors(&n);
	for (i = 0; i < t.n; i++) {
		if (i > 0 && !(t.p[i - 1] == ' ' || t.p[i - 1] == '\n' || t.p[i - 1] == '\t' ||
		               t.p[i - 1] == '(' || t.p[i - 1] == '"'))
			continue;
		for (k = 0; k < n; k++) {
			sv_sv code = sv_from_cstr(tab[k].code), rest = sv_slice(t, i, t.n);
			if (sv_has_prefix(rest, code) && sv_has_prefix(sv_slice(rest, code.n, rest.n), SV_LIT(": "))) {
				size_t s = i + code.n + 2, e = sv_find(t, '\n', s);
				if (e == (size_t)-1)
					e = t.n;
				while (e > s && (t.p[e - 1] == '\r' || t.p[e - 1] == ' '))
					e--;
				memset(r, 0, sizeof *r);
				r->kind = SV_RESP_ERROR;
				r->form = SV_RESP_CLI_LINE;
				r->code = code;
				r->message = sv_slice(t, s, e);
				return 1;
			}
		}
	}
	return 0;
}

static void key_prefix(sv_out *o, sv_sv key)
{
	sv_out_put(o, key.p, key.n < 4 ? key.n : 4);
}

static int explain_success(sv_cli *c, const sv_sts_resp *r, fmt form, int64_t now, const char *use_hint)
{
	sv_out *o = &c->out;
	int64_t left = r->expires - now;
	if (form == F_ENV || form == F_CP) {
		if (left <= 0)
			sv_cli_note(c, "warning: these credentials expired at %T (%A ago)", r->expires, -left);
		else
			sv_cli_note(c, "warning: the output holds live credentials, valid until %T (%A)",
			            r->expires, left);
	}
	if (form == F_ENV) {
		sv_out_str(o, "export AWS_ACCESS_KEY_ID=");
		sv_out_shell(o, r->access_key_id);
		sv_out_str(o, "\nexport AWS_SECRET_ACCESS_KEY=");
		sv_out_shell(o, r->secret_access_key);
		sv_out_str(o, "\nexport AWS_SESSION_TOKEN=");
		sv_out_shell(o, r->session_token);
		sv_out_str(o, "\n");
		return SV_EXIT_OK;
	}
	if (form == F_CP) {
		sv_out_str(o, "{\"Version\": 1, \"AccessKeyId\": ");
		sv_out_json_str(o, r->access_key_id);
		sv_out_str(o, ", \"SecretAccessKey\": ");
		sv_out_json_str(o, r->secret_access_key);
		sv_out_str(o, ", \"SessionToken\": ");
		sv_out_json_str(o, r->session_token);
		sv_out_fmt(o, ", \"Expiration\": \"%T\"}\n", r->expires);
		return SV_EXIT_OK;
	}
	if (form == F_JSON) {
		sv_out_fmt(o, "{\n  \"schema\": 1,\n  \"command\": \"explain\",\n  \"outcome\": \"success\",\n"
		              "  \"form\": \"%s\",\n  \"assumed_role_arn\": ", form_slug(r->form));
		sv_out_json_str(o, r->assumed_role_arn);
#define OPT_STR(label, v) do { sv_out_str(o, ",\n  \"" label "\": "); \
	if ((v).p) sv_out_json_str(o, (v)); else sv_out_str(o, "null"); } while (0)
		OPT_STR("assumed_role_id", r->assumed_role_id);
		OPT_STR("subject", r->subject);
		OPT_STR("audience", r->audience);
		OPT_STR("provider", r->provider);
		OPT_STR("source_identity", r->source_identity);
		sv_out_str(o, ",\n  \"packed_policy_size\": ");
		if (r->has_packed_policy_size)
			sv_out_fmt(o, "%l", r->packed_policy_size);
		else
			sv_out_str(o, "null");
		sv_out_str(o, ",\n  \"access_key_id_prefix\": \"");
		key_prefix(o, r->access_key_id);
		sv_out_fmt(o, "\",\n  \"expiration\": \"%T\",\n  \"expires_in\": %l", r->expires, left);
		OPT_STR("request_id", r->request_id);
#undef OPT_STR
		sv_out_str(o, "\n}\n");
		return SV_EXIT_OK;
	}
	sv_out_fmt(o, "STS answer: success (read from %s)\n", form_words(r->form));
	sv_out_fmt(o, "  assumed role:    %v\n", r->assumed_role_arn);
	if (r->assumed_role_id.p)
		sv_out_fmt(o, "  role id:         %v\n", r->assumed_role_id);
	if (r->subject.p)
		sv_out_fmt(o, "  subject:         %v\n", r->subject);
	if (r->audience.p)
		sv_out_fmt(o, "  audience:        %v\n", r->audience);
	if (r->provider.p)
		sv_out_fmt(o, "  provider:        %v\n", r->provider);
	if (r->source_identity.p)
		sv_out_fmt(o, "  source identity: %v\n", r->source_identity);
	if (r->has_packed_policy_size)
		sv_out_fmt(o, "  packed policy:   %l%% of the limit\n", r->packed_policy_size);
	if (left > 0)
		sv_out_fmt(o, "  expires:         %T (in %A)\n", r->expires, left);
	else
		sv_out_fmt(o, "  expires:         %T (expired %A ago)\n", r->expires, -left);
	sv_out_str(o, "  access key:      ");
	key_prefix(o, r->access_key_id);
	sv_out_fmt(o, "... (%z characters; the rest, the secret key and the session token are not "
	              "shown)\n", r->access_key_id.n);
	if (r->request_id.p)
		sv_out_fmt(o, "  request id:      %v\n", r->request_id);
	sv_out_str(o, use_hint ? use_hint : "To use the credentials: --show-credentials --format env (or credential-process)\n");
	return SV_EXIT_OK;
}

static int explain_error(sv_cli *c, const sv_sts_resp *r, fmt form, int loose)
{
	sv_out *o = &c->out;
	const sv_sts_error *m = sv_sts_error_match(r->code, r->message);
	size_t k;
	int other_op = r->operation.p && !sv_eq(r->operation, SV_LIT("AssumeRoleWithWebIdentity"));

	if (form == F_JSON) {
		sv_out_fmt(o, "{\n  \"schema\": 1,\n  \"command\": \"explain\",\n  \"outcome\": \"error\",\n"
		              "  \"form\": \"%s\",\n  \"code\": ", loose ? "text" : form_slug(r->form));
		sv_out_json_str(o, r->code);
#define OPT_STR(label, v) do { sv_out_str(o, ",\n  \"" label "\": "); \
	if ((v).p) sv_out_json_str(o, (v)); else sv_out_str(o, "null"); } while (0)
		OPT_STR("message", r->message);
		OPT_STR("type", r->type);
		OPT_STR("request_id", r->request_id);
		OPT_STR("operation", r->operation);
#undef OPT_STR
		sv_out_str(o, ",\n  \"catalogue\": ");
		if (!m) {
			sv_out_str(o, "null\n}\n");
			return SV_EXIT_REJECT;
		}
		sv_out_fmt(o, "{\n    \"id\": \"%s\",\n    \"http\": %d,\n    \"evidence\": ", m->id, m->http);
		sv_out_json_str(o, sv_from_cstr(m->evidence));
		sv_out_str(o, ",\n    \"meaning\": ");
		sv_out_json_str(o, sv_from_cstr(m->meaning));
		sv_out_str(o, ",\n    \"causes\": [");
		for (k = 0; k < SV_STS_MAX_CAUSES && m->causes[k].text; k++) {
			sv_out_str(o, k ? ",\n      {\"cause\": " : "\n      {\"cause\": ");
			sv_out_json_str(o, sv_from_cstr(m->causes[k].text));
			sv_out_str(o, ", \"tell\": ");
			sv_out_json_str(o, sv_from_cstr(m->causes[k].tell));
			sv_out_str(o, "}");
		}
		sv_out_fmt(o, "\n    ],\n    \"retry\": \"%s\",\n    \"retry_why\": ", retry_word(m->retry));
		sv_out_json_str(o, sv_from_cstr(m->retry_why));
		sv_out_str(o, ",\n    \"check\": ");
		sv_out_json_str(o, sv_from_cstr(m->check));
		sv_out_str(o, "\n  }\n}\n");
		return SV_EXIT_REJECT;
	}

	sv_out_fmt(o, "STS answer: error %v", r->code);
	if (m)
		sv_out_fmt(o, " (HTTP %d)", m->http);
	sv_out_fmt(o, ", read from %s\n", loose ? "text holding \"Code: Message\"" : form_words(r->form));
	if (r->message.p)
		sv_out_fmt(o, "  message:    %v\n", r->message);
	if (r->request_id.p)
		sv_out_fmt(o, "  request id: %v\n", r->request_id);
	if (other_op)
		sv_out_fmt(o, "  note: this came from the %v operation, not AssumeRoleWithWebIdentity; "
		              "read what follows with that in mind\n", r->operation);
	if (!m) {
		sv_out_str(o, "\n");
		wrap(o, 0, sv_sts_code_known(r->code)
		               ? "stsverify knows this code but not this message. Run stsverify check with "
		                 "every input you have (--token --discovery --jwks --provider --role) to find "
		                 "the broken link."
		               : "This code is not one AssumeRoleWithWebIdentity is known to return; it may "
		                 "come from another service or operation.");
		return SV_EXIT_REJECT;
	}
	if (strcmp(m->id, "iit.no-provider") == 0 && r->message.p) {
		/* the message names the issuer STS looked up: say what the provider must hold */
		size_t at = sv_find(r->message, 'h', 0);
		sv_sv iss = at == (size_t)-1 ? SV_NULL : sv_slice(r->message, at, r->message.n);
		if (sv_has_prefix(iss, SV_LIT("https://")))
			sv_out_fmt(o, "  issuer:     %v (an IAM OIDC provider's Url must be exactly %v)\n", iss,
			           sv_slice(iss, 8, iss.n));
	}
	sv_out_str(o, "\nWhat it means:\n");
	wrap(o, 2, m->meaning);
	sv_out_str(o, "\nKnown causes:\n");
	for (k = 0; k < SV_STS_MAX_CAUSES && m->causes[k].text; k++) {
		char num[8];
		sv_buf b;
		sv_buf_init(&b, num, sizeof num);
		sv_buf_fmt(&b, "%z. ", k + 1);
		sv_out_str(o, "  ");
		sv_out_str(o, num);
		wrap_at(o, 5, 2 + (int)b.len, m->causes[k].text);
		sv_out_str(o, "     tells apart: ");
		wrap_at(o, 7, 18, m->causes[k].tell);
	}
	{
		char line[600];
		sv_buf b;
		sv_buf_init(&b, line, sizeof line);
		sv_buf_fmt(&b, "%s: %s.", retry_word(m->retry), m->retry_why);
		sv_out_str(o, "\nRetry: ");
		wrap_at(o, 2, 7, line);
		sv_buf_init(&b, line, sizeof line);
		sv_buf_fmt(&b, "(catalogue entry %s; this text was seen in %s)", m->id, m->evidence);
		wrap(o, 0, line);
	}
	sv_out_fmt(o, "\nNext: %s\n", m->check);
	return SV_EXIT_REJECT;
}

/* see cli.h */
int sv_cli_explain_answer(sv_cli *c, const sv_sts_resp *r, int64_t now, const char *use_hint)
{
	return r->kind == SV_RESP_SUCCESS ? explain_success(c, r, F_TEXT, now, use_hint) :
	                                    explain_error(c, r, F_TEXT, 0);
}

int sv_cmd_explain(sv_cli *c, int argc, const char *const *argv)
{
	static sv_sts_resp r;
	sv_args a;
	const char *path = "-", *nowarg = NULL;
	fmt form = F_TEXT;
	int id, show = 0, rc, loose = 0;
	size_t len = 0;
	int64_t now = 0;
	sv_err e;

	sv_args_init(&a, argc, argv);
	while ((id = sv_args_next(c, &a, opts)) > 0) {
		switch (id) {
		case O_FORMAT:
			if (strcmp(a.optarg, "text") == 0) form = F_TEXT;
			else if (strcmp(a.optarg, "json") == 0) form = F_JSON;
			else if (strcmp(a.optarg, "env") == 0) form = F_ENV;
			else if (strcmp(a.optarg, "credential-process") == 0) form = F_CP;
			else
				return sv_cli_usage(c, "explain: --format %q: expected text, json, env or "
				                       "credential-process", sv_from_cstr(a.optarg));
			break;
		case O_SHOW: show = 1; break;
		case O_NOW: nowarg = a.optarg; break;
		case O_HELP: sv_out_str(&c->out, help); return SV_EXIT_OK;
		default: break;
		}
	}
	if (id < 0)
		return SV_EXIT_USAGE;
	if (a.npos > 1)
		return sv_cli_usage(c, "explain: give one FILE (or - for stdin)");
	if (a.npos == 1)
		path = a.positional[0];
	if (show && form != F_ENV && form != F_CP)
		return sv_cli_usage(c, "explain: --show-credentials prints them only as --format env or "
		                       "--format credential-process");
	if ((form == F_ENV || form == F_CP) && !show)
		return sv_cli_usage(c, "explain: --format %s prints the secret key and session token: add "
		                       "--show-credentials to say so", form == F_ENV ? "env" : "credential-process");
	if (sv_cli_now(c, nowarg, &now) != SV_OK)
		return SV_EXIT_USAGE;
	if (sv_cli_load(c, "answer", path, body, sizeof body, &len) != SV_OK)
		return SV_EXIT_USAGE;

	rc = sv_sts_resp_parse((sv_sv){ (const char *)body, len }, arena, sizeof arena, tok,
	                       sizeof tok / sizeof tok[0], &r, &e);
	if (rc != SV_OK) {
		size_t i = 0;
		while (i < len && (body[i] == ' ' || body[i] == '\t' || body[i] == '\n' || body[i] == '\r'))
			i++;
		/* a body that is XML or JSON is judged strictly; free text may hold "Code: Message" */
		if ((i < len && (body[i] == '<' || body[i] == '{')) ||
		    !find_code((sv_sv){ (const char *)body, len }, &r)) {
			rc = sv_cli_fail(c, "explain: %s: %s", strcmp(path, "-") == 0 ? "(stdin)" : path, e.msg);
			sv_cli_content_hint(c, "answer", &e);
			sv_wipe(body, len);
			return rc;
		}
		loose = 1;
	}
	if (r.kind == SV_RESP_SUCCESS) {
		rc = explain_success(c, &r, form, now, NULL);
	} else if (show) {
		sv_cli_fail(c, "explain: the answer is an error (%v); there are no credentials to show", r.code);
		rc = sv_cli_hint(c, "run it without --show-credentials and --format env/credential-process to see what "
		                    "the error means");
	} else {
		rc = explain_error(c, &r, form, loose);
	}
	sv_out_flush(&c->out);
	sv_wipe(body, len);
	sv_wipe(arena, sizeof arena);
	return rc;
}
