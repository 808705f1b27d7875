/*
 * cmd_permissions.c -- `stsverify permissions`: does the role grant what
 * the operator's CredentialsRequest asks for?
 *
 * This file reads the inputs with a bound (the request as YAML or JSON,
 * the --policy files into shared pools, the --role file), and renders
 * what sv_perms decides: a table, the statement to add for what is
 * missing, and the trust-policy cross-check. Nothing here decides a
 * verdict.
 */
#include "cli.h"
#include "stsverify/sv_credreq.h"
#include "stsverify/sv_docs.h"
#include "stsverify/sv_perms.h"
#include "stsverify/sv_policy.h"
#include "stsverify/sv_port.h"

enum { O_CR = 1, O_POLICY, O_ROLE, O_NAME, O_JSON, O_HELP };

static const sv_opt opts[] = {
	{ "credentials-request", 1, O_CR }, { "policy", 1, O_POLICY }, { "role", 1, O_ROLE },
	{ "name", 1, O_NAME }, { "json", 0, O_JSON }, { "help", 0, O_HELP }, { "h", 0, O_HELP },
	{ NULL, 0, 0 }
};

static const char help[] =
    "usage: stsverify permissions --credentials-request FILE --policy FILE... [--role FILE]\n"
    "                             [--name NAME] [--json]\n"
    "\n"
    "Does the role grant what an OpenShift operator's CredentialsRequest asks for?\n"
    "Every action of every statementEntries item, on its resource and under its\n"
    "policyCondition, is evaluated against the role's permission policies as IAM\n"
    "does: Action/NotAction and Resource/NotResource with '*' and '?' wildcards\n"
    "(action names case-insensitive), an explicit Deny wins, and a condition the\n"
    "request does not decide is reported, not guessed. Prints one row per action\n"
    "(allowed, not granted, denied, or depends on condition, with the deciding\n"
    "statement), then the policy statement that would grant what is missing.\n"
    "\n"
    "  --credentials-request FILE  the CredentialsRequest: the YAML that\n"
    "                       'oc adm release extract --credentials-requests --cloud=aws'\n"
    "                       writes, or 'oc get credentialsrequest [NAME] -o json' (one\n"
    "                       request or a List); - for stdin\n"
    "  --name NAME          the request to check when the file holds several AWS ones\n"
    "  --policy FILE        one of the role's permission policies: 'aws iam get-role-policy'\n"
    "                       or 'aws iam get-policy-version' output, ccoctl's --dry-run file,\n"
    "                       or the bare document (as an object or URL-encoded text);\n"
    "                       repeat for each policy attached to the role (at most 16)\n"
    "  --role FILE          'aws iam get-role' output: names the role and cross-checks the\n"
    "                       request's service accounts (system:serviceaccount:<secretRef\n"
    "                       namespace>:<name>) with the trust policy's :sub conditions\n"
    "  --json               one JSON document (docs/json-schema.md)\n"
    "\n"
    "Permissions boundaries, SCPs, session policies and resource policies are not\n"
    "read: an action allowed here can still be denied by them.\n"
    "\n"
    "exit status: 0 everything asked for is granted (and, with --role, every service\n"
    "             account is admitted), 1 otherwise, 2 usage or input error\n";

/* Everything permissions reads, in .bss. */
static struct {
	unsigned char   crbuf[SV_MAX_CREDREQ_BYTES];
	char            crjson[2 * SV_MAX_CREDREQ_BYTES];
	sv_yaml_line    crlines[SV_MAX_CREDREQ_TOKENS];
	jsmntok_t       crtok[SV_MAX_CREDREQ_TOKENS];
	sv_json         crdoc;
	sv_yaml_map     crmap;
	int             yaml;
	sv_cr_item      items[SV_MAX_CR_ITEMS];
	size_t          nitems, item;
	sv_credreq      cr;

	unsigned char   ptext[SV_MAX_POLICY_BYTES];
	char            pdec[SV_MAX_POLICY_BYTES];
	jsmntok_t       ptok[SV_MAX_POLICY_TOKENS], pdtok[SV_MAX_POLICY_TOKENS];
	size_t          ptext_used, pdec_used, ptok_used, pdtok_used;
	sv_poldoc       pd[SV_MAX_POLICY_FILES];
	sv_policy       pol[SV_MAX_POLICY_FILES];
	const sv_policy *pp[SV_MAX_POLICY_FILES];
	const char     *ppath[SV_MAX_POLICY_FILES];
	size_t          npol;

	unsigned char   rbuf[SV_MAX_DOC_BYTES];
	char            rdec[SV_MAX_DOC_BYTES];
	jsmntok_t       rtok[SV_MAX_DOC_TOKENS], rdtok[SV_MAX_DOC_TOKENS];
	sv_role         role;
	sv_policy       trustpol;
	int             has_role, trust_done, ccoctl_name;
	sv_sv           infra;
	char            trust_problem[sizeof(((sv_err *)0)->msg)];

	sv_perms        pm;
	sv_trust        trust;
	char            kbuf[65536], sbuf[SV_MAX_STRING_ARENA], rbuf2[SV_MAX_STRING_ARENA];
	sv_arena        keep, scratch, rend;
} S;

/* ---- input errors --------------------------------------------------------- */

/* sv_perms_check and sv_perms_trust fail only on a capacity, which their message names. */
#define LIMIT_HINT "that capacity is fixed at compile time (include/stsverify/sv_config.h): rebuild with a " \
	"larger value, e.g. make clean && make CPPFLAGS=-DNAME=VALUE"

/* "stsverify: <what>: <path>: <where>: <problem>", one line. */
static int input_fail(sv_cli *c, const char *what, const char *path, const sv_err *e, const char *prefix)
{
	const char *shown = (path[0] == '-' && path[1] == '\0') ? "(stdin)" : path;
	int located = strncmp(e->msg, "offset ", 7) == 0 || strncmp(e->msg, "line ", 5) == 0 ||
	              strstr(e->msg, ": offset ") != NULL;
	if (located)
		sv_cli_fail(c, "%s: %s: %s%s", what, shown, prefix, e->msg);
	else
		sv_cli_fail(c, "%s: %s: %soffset %z: %s", what, shown, prefix, e->pos, e->msg);
	sv_cli_content_hint(c, what, e);
	return SV_EXIT_USAGE;
}

/* A few names, for messages: "a, b, c and 3 more". */
static void names(sv_buf *b, int aws_only)
{
	size_t i, shown = 0, total = 0;
	for (i = 0; i < S.nitems; i++) {
		if (aws_only && !sv_eq(S.items[i].provider_kind, SV_LIT("AWSProviderSpec")))
			continue;
		total++;
		if (shown == 4)
			continue;
		sv_buf_fmt(b, "%s%v", shown ? ", " : "", S.items[i].name.p ? S.items[i].name : SV_LIT("(unnamed)"));
		shown++;
	}
	if (total > shown)
		sv_buf_fmt(b, " and %z more", total - shown);
}

static int is_yaml(const unsigned char *p, size_t n)
{
	size_t i = 0;
	if (n >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	while (i < n && (p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r'))
		i++;
	return !(i < n && (p[i] == '{' || p[i] == '['));
}

static int load_credreq(sv_cli *c, const char *path, const char *name)
{
	const char *what = "credentials-request";
	const char *json;
	size_t n, len, i, aws = 0;
	int pick = -1;
	sv_err e;
	char list[256];
	sv_buf b;

	if (sv_cli_load(c, what, path, S.crbuf, sizeof S.crbuf, &n) != SV_OK)
		return -1;
	S.yaml = is_yaml(S.crbuf, n);
	S.crmap.at = S.crlines;
	S.crmap.cap = SV_MAX_CREDREQ_TOKENS;
	S.crmap.n = 0;
	if (S.yaml) {
		if (sv_yaml_to_json((const char *)S.crbuf, n, S.crjson, sizeof S.crjson, &len, &S.crmap, &e) != SV_OK)
			return input_fail(c, what, path, &e, ""), -1;
		json = S.crjson;
	} else {
		json = (const char *)S.crbuf;
		len = n;
	}
	if (sv_json_parse(&S.crdoc, json, len, S.crtok, SV_MAX_CREDREQ_TOKENS, &e) != SV_OK ||
	    sv_credreq_list(&S.crdoc, &S.keep, S.items, SV_MAX_CR_ITEMS, &S.nitems, &e) != SV_OK) {
		if (S.yaml)
			sv_yaml_err_to_line(&S.crmap, &e);
		return input_fail(c, what, path, &e, ""), -1;
	}
	sv_buf_init(&b, list, sizeof list);
	for (i = 0; i < S.nitems; i++) {
		int is_aws = sv_eq(S.items[i].provider_kind, SV_LIT("AWSProviderSpec"));
		if (name && sv_eq(S.items[i].name, sv_from_cstr(name)))
			pick = (int)i;
		if (!name && is_aws && aws++ == 0)
			pick = (int)i;
	}
	if (name && pick < 0) {
		names(&b, 0);
		sv_cli_fail(c, "%s: %s: no CredentialsRequest named %q (it holds %v)", what, path, sv_from_cstr(name),
		            sv_from_cstr(list));
		sv_cli_hint(c, "--name takes a CredentialsRequest's metadata.name, one of those listed");
		return -1;
	}
	if (!name && aws == 0) {
		sv_cli_fail(c, "%s: %s: none of its %z CredentialsRequests is an AWS one (kind AWSProviderSpec)", what,
		            path, S.nitems);
		sv_cli_hint(c, "extract the AWS ones: `oc adm release extract --credentials-requests --cloud=aws "
		            "--to=DIR RELEASE_IMAGE`");
		return -1;
	}
	if (!name && aws > 1) {
		names(&b, 1);
		sv_cli_fail(c, "%s: %s: it holds %z AWS CredentialsRequests (%v); choose one with --name", what, path,
		            aws, sv_from_cstr(list));
		sv_cli_hint(c, "add --name NAME: each request is checked on its own against its role's policies");
		return -1;
	}
	S.item = (size_t)pick;
	if (sv_credreq_parse(&S.cr, &S.crdoc, S.items[pick].obj, &S.keep, &e) != SV_OK) {
		if (S.yaml)
			sv_yaml_err_to_line(&S.crmap, &e);
		return input_fail(c, what, path, &e, ""), -1;
	}
	return 0;
}

static size_t min_sz(size_t a, size_t b)
{
	return a < b ? a : b;
}

static const char *doc_name(const sv_poldoc *p)
{
	return p->shape == SV_POLDOC_POLICY_VERSION ? "PolicyVersion.Document" : "PolicyDocument";
}

static int load_policy(sv_cli *c, const char *path)
{
	sv_poldoc *pd = &S.pd[S.npol];
	unsigned char *buf = S.ptext + S.ptext_used;
	size_t cap = min_sz(SV_MAX_DOC_BYTES, sizeof S.ptext - S.ptext_used), n;
	size_t tcap = min_sz(SV_MAX_DOC_TOKENS, SV_MAX_POLICY_TOKENS - S.ptok_used);
	size_t dtcap = min_sz(SV_MAX_DOC_TOKENS, SV_MAX_POLICY_TOKENS - S.pdtok_used);
	sv_err e;
	int rc = sv_port_read_file(path, buf, cap, &n);

	if (rc == SV_E_LIMIT && cap < SV_MAX_DOC_BYTES) {
		sv_cli_fail(c, "policy: %s: the --policy files together are larger than SV_MAX_POLICY_BYTES=%d", path,
		            SV_MAX_POLICY_BYTES);
		sv_cli_hint(c, "rebuild with a larger SV_MAX_POLICY_BYTES (include/stsverify/sv_config.h), e.g. make clean && make "
		            "CPPFLAGS=-DSV_MAX_POLICY_BYTES=%d", SV_MAX_POLICY_BYTES * 4);
		return -1;
	}
	if (sv_cli_io_fail(c, "policy", path, rc, cap) != SV_OK)
		return -1;
	if (sv_poldoc_parse(pd, (const char *)buf, n, S.ptok + S.ptok_used, tcap, S.pdec + S.pdec_used,
	                    sizeof S.pdec - S.pdec_used, S.pdtok + S.pdtok_used, dtcap, &S.keep, &e) != SV_OK)
		return input_fail(c, "policy", path, &e, ""), -1;
	if (sv_policy_parse(&S.pol[S.npol], &pd->pdoc, pd->proot, &e) != SV_OK) {
		char pre[64];
		sv_buf b;
		sv_buf_init(&b, pre, sizeof pre);
		if (pd->encoded || pd->text)
			sv_buf_fmt(&b, "%s (decoded): ", doc_name(pd));
		return input_fail(c, "policy", path, &e, pre), -1;
	}
	S.ptext_used += n;
	S.ptok_used += (size_t)pd->doc.ntok;
	if (pd->encoded || pd->text) {
		S.pdec_used += pd->pdoc.len;
		S.pdtok_used += (size_t)pd->pdoc.ntok;
	}
	S.pp[S.npol] = &S.pol[S.npol];
	S.ppath[S.npol] = path;
	S.npol++;
	return 0;
}

static int load_role(sv_cli *c, const char *path)
{
	size_t n;
	sv_err e;
	if (sv_cli_load(c, "role", path, S.rbuf, sizeof S.rbuf, &n) != SV_OK)
		return -1;
	if (sv_role_parse(&S.role, (const char *)S.rbuf, n, S.rtok, SV_MAX_DOC_TOKENS, S.rdec, sizeof S.rdec,
	                  S.rdtok, SV_MAX_DOC_TOKENS, &S.keep, &e) != SV_OK)
		return input_fail(c, "role", path, &e, ""), -1;
	if (sv_policy_parse(&S.trustpol, &S.role.pdoc, S.role.proot, &e) != SV_OK)
		return input_fail(c, "role", path, &e, S.role.encoded ? "AssumeRolePolicyDocument (decoded): " : ""), -1;
	S.has_role = 1;
	return 0;
}

/* ---- words for statements and conditions ----------------------------------- */

/* A string token decoded for display (the render arena is reset per row). */
static sv_sv text(const sv_json *d, int i)
{
	sv_sv s;
	if (sv_json_type(d, i) == JSMN_STRING && sv_json_str(d, i, &S.rend, &s) == SV_OK)
		return s;
	return sv_json_raw(d, i);
}

/* A JSON value on one line: strings quoted (their JSON escapes kept), lists in brackets. */
static void compact(sv_out *o, const sv_json *d, int i)
{
	int k, n, e;
	if (sv_json_type(d, i) == JSMN_STRING) {
		sv_sv r = sv_json_raw(d, i);
		sv_out_put(o, "\"", 1);
		sv_out_put(o, r.p, r.n);
		sv_out_put(o, "\"", 1);
	} else if (sv_json_type(d, i) == JSMN_ARRAY) {
		n = sv_json_count(d, i);
		sv_out_str(o, "[");
		for (k = 0, e = i + 1; k < n; k++, e = sv_json_next(d, e)) {
			if (k)
				sv_out_str(o, ", ");
			compact(o, d, e);
		}
		sv_out_str(o, "]");
	} else {
		sv_sv r = sv_json_raw(d, i);
		sv_out_put(o, r.p, r.n);
	}
}

static void stmt_label(sv_out *o, const sv_policy *p, size_t pi, int si)
{
	int sid = sv_json_get(p->doc, p->stmt[si], SV_LIT("Sid"));
	sv_out_fmt(o, "policy %z statement %d", pi + 1, si + 1);
	if (sid >= 0 && sv_json_type(p->doc, sid) == JSMN_STRING && sv_json_raw(p->doc, sid).n)
		sv_out_fmt(o, " (%v)", text(p->doc, sid));
}

/* "StringEquals aws:RequestedRegion \"us-east-1\"" */
static void cond_text(sv_out *o, const sv_json *d, const sv_pol_cond *c)
{
	sv_out_fmt(o, "%v %v ", text(d, c->op_tok), text(d, c->key_tok));
	compact(o, d, c->val_tok);
}

/* The values of list token v (Action, Resource, ...) that overlap req, comma-separated. */
static void overlapping(sv_out *o, const sv_json *d, int v, sv_sv req, unsigned flags)
{
	int k, n, e, first = 1;
	n = sv_json_type(d, v) == JSMN_ARRAY ? sv_json_count(d, v) : 1;
	for (k = 0, e = sv_json_type(d, v) == JSMN_ARRAY ? v + 1 : v; k < n; k++, e = sv_json_next(d, e)) {
		sv_sv s = text(d, e);
		if (sv_pol_overlaps(s, req, flags) != 1)
			continue;
		sv_out_fmt(o, "%s%v", first ? "" : ", ", s);
		first = 0;
	}
}

static int any_covers(const sv_json *d, int v, sv_sv req, unsigned flags)
{
	int k, n, e;
	n = sv_json_type(d, v) == JSMN_ARRAY ? sv_json_count(d, v) : 1;
	for (k = 0, e = sv_json_type(d, v) == JSMN_ARRAY ? v + 1 : v; k < n; k++, e = sv_json_next(d, e))
		if (sv_pol_covers(text(d, e), req, flags) == 1)
			return 1;
	return 0;
}

/*
 * What a statement applies to of (action, resource), when only part:
 * " only kms:ReEncryptFrom, kms:ReEncryptTo of it" / " it only on arn:..." /
 * " all of it but iam:*".
 */
static void part_text(sv_out *o, const sv_policy *p, int si, sv_sv action, sv_sv resource)
{
	const sv_json *d = p->doc;
	int s = p->stmt[si], a = sv_json_get(d, s, SV_LIT("Action")), na = sv_json_get(d, s, SV_LIT("NotAction"));
	int r = sv_json_get(d, s, SV_LIT("Resource")), nr = sv_json_get(d, s, SV_LIT("NotResource"));
	int act_all = a >= 0 ? any_covers(d, a, action, SV_PAT_NOCASE) : 1;
	int res_all = r >= 0 ? any_covers(d, r, resource, SV_PAT_ARN) : 1;
	if (na >= 0) {
		sv_out_str(o, " it for every action but ");
		overlapping(o, d, na, action, SV_PAT_NOCASE);
	} else if (!act_all) {
		sv_out_str(o, " only ");
		overlapping(o, d, a, action, SV_PAT_NOCASE);
		sv_out_str(o, " of it");
	} else {
		sv_out_str(o, " it");
	}
	if (nr >= 0) {
		sv_out_str(o, " on every resource but ");
		overlapping(o, d, nr, resource, SV_PAT_ARN);
	} else if (!res_all) {
		sv_out_str(o, " only on ");
		overlapping(o, d, r, resource, SV_PAT_ARN);
	}
}

static void notes_text(sv_out *o, const sv_json *d, const sv_pol_cond *n, size_t nn)
{
	size_t i;
	for (i = 0; i < nn; i++) {
		if (i)
			sv_out_str(o, " and ");
		cond_text(o, d, &n[i]);
		if (n[i].why == SV_WHY_UNSUPPORTED)
			sv_out_str(o, " (an operator stsverify does not evaluate)");
		else if (n[i].why == SV_WHY_BAD_VALUE)
			sv_out_str(o, " (Null takes \"true\" or \"false\")");
	}
}

static int has_wildcard(sv_sv s)
{
	return sv_find(s, '*', 0) != (size_t)-1 || sv_find(s, '?', 0) != (size_t)-1;
}

/* Does the statement's Action (not NotAction) cover all of action? */
static int covers_action(const sv_policy *p, int si, sv_sv action)
{
	int a = sv_json_get(p->doc, p->stmt[si], SV_LIT("Action"));
	return a < 0 || any_covers(p->doc, a, action, SV_PAT_NOCASE);
}

/* The line under a row that says why, or nothing. */
static void row_detail(sv_out *o, const sv_perm_row *row, const sv_cr_entry *en)
{
	const sv_policy *p = row->policy >= 0 ? S.pp[row->policy] : NULL;
	if (!p)
		return;
	if (row->verdict == SV_PERM_NOT_GRANTED && row->part) {
		sv_out_str(o, "      ");
		stmt_label(o, p, (size_t)row->policy, row->stmt);
		sv_out_str(o, " allows");
		part_text(o, p, row->stmt, row->action, en->resource);
		sv_out_str(o, "\n");
		if (has_wildcard(row->action) && !covers_action(p, row->stmt, row->action))
			sv_out_fmt(o, "      (%v is a pattern; stsverify has no list of AWS actions to tell whether the ones listed are all it stands for)\n",
			           row->action);
	} else if (row->verdict == SV_PERM_DENIED && row->part) {
		sv_out_str(o, "      ");
		stmt_label(o, p, (size_t)row->policy, row->stmt);
		sv_out_str(o, " denies");
		part_text(o, p, row->stmt, row->action, en->resource);
		sv_out_str(o, "\n");
	} else if (row->verdict == SV_PERM_CONDITIONAL) {
		sv_out_str(o, "      ");
		stmt_label(o, p, (size_t)row->policy, row->stmt);
		sv_out_str(o, row->by_deny ? " denies it if " : " allows it only if ");
		notes_text(o, p->doc, row->notes, row->nnotes);
		sv_out_str(o, en->cond >= 0 ? ", which the request's policyCondition does not decide\n" :
		                              ", which the request does not decide\n");
	}
}

/* ---- the statement to add --------------------------------------------------- */

static size_t missing_entries(void)
{
	size_t i, k, n = 0;
	for (i = 0; i < S.cr.n; i++) {
		for (k = 0; k < S.pm.n; k++)
			if (S.pm.rows[k].entry == i && S.pm.rows[k].verdict == SV_PERM_NOT_GRANTED)
				break;
		n += k < S.pm.n;
	}
	return n;
}

static void indent(sv_out *o, int n)
{
	while (n-- > 0)
		sv_out_put(o, " ", 1);
}

/* A policy document granting every NOT_GRANTED row, one statement per entry, at indent ind. */
static void render_missing(sv_out *o, int ind)
{
	size_t i, k;
	int firsts = 1;
	sv_out_str(o, "{\n");
	indent(o, ind + 2);
	sv_out_str(o, "\"Version\": \"2012-10-17\",\n");
	indent(o, ind + 2);
	sv_out_str(o, "\"Statement\": [");
	for (i = 0; i < S.cr.n; i++) {
		const sv_cr_entry *en = &S.cr.e[i];
		int firsta = 1;
		for (k = 0; k < S.pm.n; k++) {
			const sv_perm_row *row = &S.pm.rows[k];
			if (row->entry != i || row->verdict != SV_PERM_NOT_GRANTED)
				continue;
			if (firsta) {
				sv_out_str(o, firsts ? "\n" : ",\n");
				indent(o, ind + 4);
				sv_out_str(o, "{\n");
				indent(o, ind + 6);
				sv_out_str(o, "\"Effect\": \"Allow\",\n");
				indent(o, ind + 6);
				sv_out_str(o, "\"Action\": [");
				firsts = 0;
			}
			sv_out_str(o, firsta ? "\n" : ",\n");
			indent(o, ind + 8);
			sv_out_json_str(o, row->action);
			firsta = 0;
		}
		if (firsta)
			continue;
		sv_out_str(o, "\n");
		indent(o, ind + 6);
		sv_out_str(o, "],\n");
		indent(o, ind + 6);
		sv_out_str(o, "\"Resource\": ");
		sv_out_json_str(o, en->resource);
		if (en->cond >= 0) {
			sv_out_str(o, ",\n");
			indent(o, ind + 6);
			sv_out_str(o, "\"Condition\": ");
			sv_render_json_pretty(o, S.cr.doc, en->cond, ind + 6);
		}
		sv_out_str(o, "\n");
		indent(o, ind + 4);
		sv_out_str(o, "}");
	}
	sv_out_str(o, "\n");
	indent(o, ind + 2);
	sv_out_str(o, "]\n");
	indent(o, ind);
	sv_out_str(o, "}");
}

/* ---- text ------------------------------------------------------------------- */

static void describe_policy(sv_out *o, size_t i)
{
	const sv_poldoc *pd = &S.pd[i];
	const char *path = S.ppath[i];
	sv_out_fmt(o, "policy %z%s %s: ", i + 1, i + 1 < 10 ? "  " : " ", (path[0] == '-' && !path[1]) ? "(stdin)" : path);
	switch (pd->shape) {
	case SV_POLDOC_ROLE_POLICY:
		sv_out_fmt(o, "inline policy %v", pd->policy_name.p ? pd->policy_name : SV_LIT("(unnamed)"));
		if (pd->role_name.p)
			sv_out_fmt(o, " of role %v", pd->role_name);
		break;
	case SV_POLDOC_POLICY_VERSION:
		sv_out_fmt(o, "managed policy version %v", pd->version_id.p ? pd->version_id : SV_LIT("(no VersionId)"));
		break;
	default:
		sv_out_str(o, "policy document");
		break;
	}
	sv_out_fmt(o, ", %z statement%s%s\n", S.pol[i].nstmt, S.pol[i].nstmt == 1 ? "" : "s",
	           pd->encoded ? " (URL-encoded)" : "");
	if (pd->shape == SV_POLDOC_POLICY_VERSION && pd->is_default == 0)
		sv_out_str(o, "           note: not the default version; IAM evaluates only the default version\n");
	if (S.has_role && S.role.name.p && pd->role_name.p && !sv_eq(pd->role_name, S.role.name))
		sv_out_fmt(o, "           note: it names role %v, not %v of --role\n", pd->role_name, S.role.name);
}

static const char *const trust_why[] = { "", "", "no listed value matches",
	"'*' and '?' are literal under this operator; StringLike would match",
	"it differs only in letter case", "it excludes the value", "", "", "", "", "" };

static void trust_detail(sv_out *o, const sv_trust_row *row)
{
	const sv_json *d = S.trustpol.doc;
	size_t i;
	if (row->verdict == SV_TRUST_ADMITTED || row->verdict == SV_TRUST_DENIED)
		return;
	if (!row->provider.p) {
		sv_out_str(o, "      the trust policy names no Federated oidc-provider principal\n");
		return;
	}
	if (row->stmt < 0 || row->nnotes == 0) {
		if (row->verdict == SV_TRUST_NOT_ADMITTED)
			sv_out_fmt(o, "      no statement allows sts:AssumeRoleWithWebIdentity for %v\n", row->provider);
		return;
	}
	sv_out_fmt(o, "      statement %d ", row->stmt + 1);
	sv_out_str(o, row->verdict == SV_TRUST_NOT_ADMITTED ? "needs " : row->verdict == SV_TRUST_MAYBE_DENIED ?
	           "denies it if " : "admits it if ");
	for (i = 0; i < row->nnotes; i++) {
		const sv_pol_cond *c = &row->notes[i];
		if (i)
			sv_out_str(o, " and ");
		cond_text(o, d, c);
		if (row->verdict == SV_TRUST_NOT_ADMITTED && (unsigned)c->why < sizeof trust_why / sizeof trust_why[0] &&
		    trust_why[c->why][0])
			sv_out_fmt(o, " (%s)", trust_why[c->why]);
	}
	if (row->verdict != SV_TRUST_NOT_ADMITTED)
		sv_out_str(o, "; the token decides that (stsverify check)");
	sv_out_str(o, "\n");
}

static size_t width(size_t w, size_t n)
{
	return n > w ? n : w;
}

static void pad(sv_out *o, size_t have, size_t w)
{
	while (have++ < w + 2)
		sv_out_put(o, " ", 1);
}

static void render_text(sv_cli *c, const char *crpath)
{
	sv_out *o = &c->out;
	size_t i, wa = 6, wr = 8, wv = 7, nfail;
	const sv_credreq *cr = &S.cr;

	sv_out_fmt(o, "request    %v", cr->name.p ? cr->name : SV_LIT("(unnamed)"));
	if (cr->ns.p)
		sv_out_fmt(o, " in %v", cr->ns);
	sv_out_fmt(o, ": %z statement entr%s, %z action%s (%s)\n", cr->n, cr->n == 1 ? "y" : "ies", S.pm.n,
	           S.pm.n == 1 ? "" : "s", (crpath[0] == '-' && !crpath[1]) ? "(stdin)" : crpath);
	if (cr->secret_name.p || cr->secret_ns.p)
		sv_out_fmt(o, "secret     %v/%v\n", cr->secret_ns.p ? cr->secret_ns : SV_LIT("?"),
		           cr->secret_name.p ? cr->secret_name : SV_LIT("?"));
	for (i = 0; i < S.npol; i++)
		describe_policy(o, i);
	if (S.has_role) {
		sv_out_fmt(o, "role       %v", S.role.name.p ? S.role.name : SV_LIT("(a bare trust policy: no name)"));
		if (S.role.arn.p)
			sv_out_fmt(o, " (%v)", S.role.arn);
		sv_out_str(o, "\n");
		if (S.role.name.p && cr->secret_name.p && cr->secret_ns.p) {
			if (S.ccoctl_name)
				sv_out_fmt(o, "           named as ccoctl names it for secret %v/%v (infra %v)\n", cr->secret_ns,
				           cr->secret_name, S.infra);
			else
				sv_out_fmt(o, "           note: not named as ccoctl names it for secret %v/%v (<infra>-%v-%v)\n",
				           cr->secret_ns, cr->secret_name, cr->secret_ns, cr->secret_name);
		}
	}
	sv_out_str(o, "\n");

	for (i = 0; i < S.pm.n; i++) {
		wa = width(wa, S.pm.rows[i].action.n);
		wr = width(wr, cr->e[S.pm.rows[i].entry].resource.n);
		wv = width(wv, strlen(sv_perm_verdict_name(S.pm.rows[i].verdict)));
	}
	sv_out_str(o, "ENTRY  ACTION");
	pad(o, 6, wa);
	sv_out_str(o, "RESOURCE");
	pad(o, 8, wr);
	sv_out_str(o, "VERDICT");
	pad(o, 7, wv);
	sv_out_str(o, "DECIDED BY\n");
	for (i = 0; i < S.pm.n; i++) {
		const sv_perm_row *row = &S.pm.rows[i];
		const sv_cr_entry *en = &cr->e[row->entry];
		const char *v = sv_perm_verdict_name(row->verdict);
		char num[24];
		sv_buf b;
		sv_arena_init(&S.rend, S.rbuf2, sizeof S.rbuf2);
		sv_buf_init(&b, num, sizeof num);
		sv_buf_u64(&b, row->entry + 1);
		sv_out_str(o, num);
		pad(o, b.len, 5);
		sv_out_put(o, row->action.p, row->action.n);
		pad(o, row->action.n, wa);
		sv_out_put(o, en->resource.p, en->resource.n);
		pad(o, en->resource.n, wr);
		sv_out_str(o, v);
		pad(o, strlen(v), wv);
		if (row->verdict == SV_PERM_NOT_CHECKED)
			sv_out_str(o, "the entry's effect is Deny");
		else if (row->policy < 0)
			sv_out_str(o, "no statement");
		else
			stmt_label(o, S.pp[row->policy], (size_t)row->policy, row->stmt);
		sv_out_str(o, "\n");
		row_detail(o, row, en);
	}
	if (S.pm.n == 0)
		sv_out_str(o, "(the request asks for no action)\n");

	if (S.has_role) {
		sv_out_str(o, "\n");
		if (!S.trust_done) {
			sv_out_fmt(o, "trust      not checked: %s\n", S.trust_problem);
		} else if (S.trust.n == 0) {
			sv_out_str(o, "trust      the request names no service account (spec.serviceAccountNames)\n");
		} else {
			for (i = 0; i < S.trust.n; i++) {
				const sv_trust_row *row = &S.trust.rows[i];
				sv_arena_init(&S.rend, S.rbuf2, sizeof S.rbuf2);
				sv_out_fmt(o, "trust      %v: %s", row->sub, sv_trust_verdict_name(row->verdict));
				if (row->stmt >= 0 && row->verdict != SV_TRUST_NOT_ADMITTED)
					sv_out_fmt(o, " by statement %d", row->stmt + 1);
				sv_out_str(o, "\n");
				trust_detail(o, row);
			}
		}
	}

	nfail = S.pm.count[SV_PERM_NOT_GRANTED];
	if (nfail) {
		sv_out_fmt(o, "\nmissing: to grant the %z action%s not granted, add %s to the role's permission policy:\n",
		           nfail, nfail == 1 ? "" : "s", missing_entries() == 1 ? "this statement" : "these statements");
		render_missing(o, 0);
		sv_out_str(o, "\n");
	}
	if (S.pm.count[SV_PERM_DENIED]) {
		sv_out_str(o, "\ndenied: an explicit Deny wins over any Allow; adding an Allow does not help. Narrow or remove:\n");
		for (i = 0; i < S.pm.n; i++) {
			const sv_perm_row *row = &S.pm.rows[i];
			size_t k;
			int seen = 0;
			if (row->verdict != SV_PERM_DENIED)
				continue;
			for (k = 0; k < i; k++)
				seen |= S.pm.rows[k].verdict == SV_PERM_DENIED && S.pm.rows[k].policy == row->policy &&
				        S.pm.rows[k].stmt == row->stmt;
			if (seen)
				continue;
			sv_arena_init(&S.rend, S.rbuf2, sizeof S.rbuf2);
			sv_out_str(o, "  ");
			stmt_label(o, S.pp[row->policy], (size_t)row->policy, row->stmt);
			sv_out_str(o, "\n");
		}
	}
	if (S.pm.count[SV_PERM_CONDITIONAL])
		sv_out_str(o, "\nconditional: the rows that depend on a condition are allowed only when it holds for the operator's calls; stsverify does not guess it\n");

	if (sv_perms_ok(&S.pm) && (!S.has_role || !S.trust_done || sv_trust_ok(&S.trust))) {
		sv_out_fmt(o, "\nverdict: GRANTED: the policies allow all %z action%s %v asks for", S.pm.count[SV_PERM_ALLOWED],
		           S.pm.count[SV_PERM_ALLOWED] == 1 ? "" : "s", cr->name.p ? cr->name : SV_LIT("the request"));
		if (S.has_role && S.trust_done && S.trust.n)
			sv_out_str(o, ", and the trust policy admits its service accounts");
		sv_out_str(o, "\n");
	} else {
		const char *sep = "";
		sv_out_fmt(o, "\nverdict: NOT GRANTED: of %z action%s,", S.pm.n, S.pm.n == 1 ? "" : "s");
		if (S.pm.count[SV_PERM_NOT_GRANTED]) {
			sv_out_fmt(o, " %z not granted", S.pm.count[SV_PERM_NOT_GRANTED]);
			sep = ",";
		}
		if (S.pm.count[SV_PERM_DENIED]) {
			sv_out_fmt(o, "%s %z denied", sep, S.pm.count[SV_PERM_DENIED]);
			sep = ",";
		}
		if (S.pm.count[SV_PERM_CONDITIONAL]) {
			sv_out_fmt(o, "%s %z depend%s on a condition", sep, S.pm.count[SV_PERM_CONDITIONAL],
			           S.pm.count[SV_PERM_CONDITIONAL] == 1 ? "s" : "");
			sep = ",";
		}
		if (!*sep)
			sv_out_str(o, " all allowed");
		if (S.has_role && S.trust_done && !sv_trust_ok(&S.trust)) {
			size_t bad = 0;
			for (i = 0; i < S.trust.n; i++)
				bad += S.trust.rows[i].verdict != SV_TRUST_ADMITTED && S.trust.rows[i].verdict != SV_TRUST_ADMITTED_IF;
			sv_out_fmt(o, "; the trust policy does not admit %z of %z service account%s", bad, S.trust.n,
			           S.trust.n == 1 ? "" : "s");
		}
		sv_out_str(o, "\n");
	}
}

/* ---- JSON --------------------------------------------------------------------- */

static void json_sv_or_null(sv_out *o, sv_sv s)
{
	if (s.p)
		sv_out_json_str(o, s);
	else
		sv_out_str(o, "null");
}

static void json_conds(sv_out *o, const sv_json *d, const sv_pol_cond *n, size_t nn)
{
	size_t i;
	sv_out_str(o, "[");
	for (i = 0; i < nn; i++) {
		sv_out_str(o, i ? ", {\"operator\": " : "{\"operator\": ");
		sv_out_json_str(o, text(d, n[i].op_tok));
		sv_out_str(o, ", \"key\": ");
		sv_out_json_str(o, text(d, n[i].key_tok));
		sv_out_str(o, ", \"values\": ");
		if (sv_json_type(d, n[i].val_tok) == JSMN_ARRAY)
			compact(o, d, n[i].val_tok);
		else {
			sv_out_str(o, "[");
			compact(o, d, n[i].val_tok);
			sv_out_str(o, "]");
		}
		sv_out_str(o, "}");
	}
	sv_out_str(o, "]");
}

static const char *const json_verdicts[] = { "allowed", "not_granted", "denied", "conditional", "not_checked" };
static const char *const json_trust[] = { "admitted", "admitted_if", "maybe_denied", "denied", "not_admitted" };
static const char *const json_shapes[] = { "document", "get-role-policy", "get-policy-version" };

static void render_json(sv_cli *c, const char *crpath)
{
	sv_out *o = &c->out;
	const sv_credreq *cr = &S.cr;
	size_t i;
	int e, k;
	int ok = sv_perms_ok(&S.pm) && (!S.has_role || !S.trust_done || sv_trust_ok(&S.trust));

	sv_out_fmt(o, "{\n  \"schema\": 1,\n  \"command\": \"permissions\",\n  \"granted\": %s,\n", ok ? "true" : "false");
	sv_out_str(o, "  \"credentials_request\": {\"file\": ");
	sv_out_json_str(o, sv_from_cstr(crpath));
	sv_out_str(o, ", \"name\": ");
	json_sv_or_null(o, cr->name);
	sv_out_str(o, ", \"namespace\": ");
	json_sv_or_null(o, cr->ns);
	sv_out_str(o, ", \"secret\": ");
	if (cr->secret_name.p || cr->secret_ns.p) {
		sv_out_str(o, "{\"namespace\": ");
		json_sv_or_null(o, cr->secret_ns);
		sv_out_str(o, ", \"name\": ");
		json_sv_or_null(o, cr->secret_name);
		sv_out_str(o, "}");
	} else {
		sv_out_str(o, "null");
	}
	sv_out_str(o, ", \"service_accounts\": [");
	for (k = 0, e = cr->sas + 1; cr->sas >= 0 && (size_t)k < cr->nsas; k++, e = sv_json_next(cr->doc, e)) {
		sv_sv s;
		sv_arena_init(&S.rend, S.rbuf2, sizeof S.rbuf2);
		if (sv_json_str(cr->doc, e, &S.rend, &s) != SV_OK)
			s = sv_json_raw(cr->doc, e);
		if (k)
			sv_out_str(o, ", ");
		sv_out_json_str(o, s);
	}
	sv_out_str(o, "]},\n  \"role\": ");
	if (S.has_role) {
		sv_out_str(o, "{\"name\": ");
		json_sv_or_null(o, S.role.name);
		sv_out_str(o, ", \"arn\": ");
		json_sv_or_null(o, S.role.arn);
		sv_out_str(o, ", \"ccoctl_infra\": ");
		json_sv_or_null(o, S.ccoctl_name ? S.infra : SV_NULL);
		sv_out_str(o, "}");
	} else {
		sv_out_str(o, "null");
	}
	sv_out_str(o, ",\n  \"policies\": [");
	for (i = 0; i < S.npol; i++) {
		const sv_poldoc *pd = &S.pd[i];
		sv_out_str(o, i ? ",\n    {\"file\": " : "\n    {\"file\": ");
		sv_out_json_str(o, sv_from_cstr(S.ppath[i]));
		sv_out_fmt(o, ", \"shape\": \"%s\", \"role_name\": ", json_shapes[pd->shape]);
		json_sv_or_null(o, pd->role_name);
		sv_out_str(o, ", \"policy_name\": ");
		json_sv_or_null(o, pd->policy_name);
		sv_out_str(o, ", \"version_id\": ");
		json_sv_or_null(o, pd->version_id);
		sv_out_fmt(o, ", \"default_version\": %s, \"url_encoded\": %s, \"statements\": %z}",
		           pd->is_default < 0 ? "null" : pd->is_default ? "true" : "false", pd->encoded ? "true" : "false",
		           S.pol[i].nstmt);
	}
	sv_out_fmt(o, "\n  ],\n  \"summary\": {\"actions\": %z, \"allowed\": %z, \"not_granted\": %z, \"denied\": %z, "
	           "\"conditional\": %z, \"not_checked\": %z},\n  \"permissions\": [",
	           S.pm.n, S.pm.count[SV_PERM_ALLOWED], S.pm.count[SV_PERM_NOT_GRANTED], S.pm.count[SV_PERM_DENIED],
	           S.pm.count[SV_PERM_CONDITIONAL], S.pm.count[SV_PERM_NOT_CHECKED]);
	for (i = 0; i < S.pm.n; i++) {
		const sv_perm_row *row = &S.pm.rows[i];
		const sv_policy *p = row->policy >= 0 ? S.pp[row->policy] : NULL;
		int sid = p ? sv_json_get(p->doc, p->stmt[row->stmt], SV_LIT("Sid")) : -1;
		sv_arena_init(&S.rend, S.rbuf2, sizeof S.rbuf2);
		sv_out_fmt(o, "%s    {\"entry\": %z, \"action\": ", i ? ",\n" : "\n", row->entry);
		sv_out_json_str(o, row->action);
		sv_out_str(o, ", \"resource\": ");
		sv_out_json_str(o, cr->e[row->entry].resource);
		sv_out_fmt(o, ", \"verdict\": \"%s\", ", json_verdicts[row->verdict]);
		if (p)
			sv_out_fmt(o, "\"policy\": %d, \"statement\": %d, \"sid\": ", row->policy, row->stmt);
		else
			sv_out_str(o, "\"policy\": null, \"statement\": null, \"sid\": ");
		if (sid >= 0 && sv_json_type(p->doc, sid) == JSMN_STRING)
			sv_out_json_str(o, text(p->doc, sid));
		else
			sv_out_str(o, "null");
		sv_out_fmt(o, ", \"partial\": %s, \"deny_condition\": %s, \"conditions\": ", row->part ? "true" : "false",
		           row->by_deny ? "true" : "false");
		json_conds(o, p ? p->doc : NULL, row->notes, p ? row->nnotes : 0);
		sv_out_str(o, "}");
	}
	sv_out_str(o, "\n  ],\n  \"trust\": ");
	if (!S.has_role || !S.trust_done) {
		sv_out_str(o, "null");
	} else {
		sv_out_str(o, "[");
		for (i = 0; i < S.trust.n; i++) {
			const sv_trust_row *row = &S.trust.rows[i];
			sv_arena_init(&S.rend, S.rbuf2, sizeof S.rbuf2);
			sv_out_str(o, i ? ",\n    {\"service_account\": " : "\n    {\"service_account\": ");
			sv_out_json_str(o, row->sa);
			sv_out_str(o, ", \"sub\": ");
			sv_out_json_str(o, row->sub);
			sv_out_fmt(o, ", \"verdict\": \"%s\", \"provider\": ", json_trust[row->verdict]);
			json_sv_or_null(o, row->provider);
			if (row->stmt >= 0)
				sv_out_fmt(o, ", \"statement\": %d, \"conditions\": ", row->stmt);
			else
				sv_out_str(o, ", \"statement\": null, \"conditions\": ");
			json_conds(o, S.trustpol.doc, row->notes, row->nnotes);
			sv_out_str(o, "}");
		}
		sv_out_str(o, S.trust.n ? "\n  ]" : "]");
	}
	sv_out_str(o, ",\n  \"missing\": ");
	if (S.pm.count[SV_PERM_NOT_GRANTED])
		render_missing(o, 2);
	else
		sv_out_str(o, "null");
	sv_out_str(o, "\n}\n");
}

/* ---- the command ---------------------------------------------------------------- */

int sv_cmd_permissions(sv_cli *c, int argc, const char *const *argv)
{
	sv_args a;
	const char *crpath = NULL, *rpath = NULL, *name = NULL;
	const char *ppaths[SV_MAX_POLICY_FILES];
	size_t np = 0, i;
	int id, json = 0;
	sv_err e;

	S.npol = 0;
	S.ptext_used = S.pdec_used = S.ptok_used = S.pdtok_used = 0;
	S.has_role = S.trust_done = S.ccoctl_name = 0;
	sv_arena_init(&S.keep, S.kbuf, sizeof S.kbuf);
	sv_arena_init(&S.scratch, S.sbuf, sizeof S.sbuf);
	sv_arena_init(&S.rend, S.rbuf2, sizeof S.rbuf2);

	sv_args_init(&a, argc, argv);
	while ((id = sv_args_next(c, &a, opts)) > 0) {
		switch (id) {
		case O_CR: crpath = a.optarg; break;
		case O_POLICY:
			if (np == SV_MAX_POLICY_FILES) {
				sv_cli_fail(c, "permissions: more than %d --policy files (SV_MAX_POLICY_FILES)",
				            SV_MAX_POLICY_FILES);
				return sv_cli_hint(c, "rebuild with a larger SV_MAX_POLICY_FILES (include/stsverify/sv_config.h); "
				                      "a role has at most 10 managed policies by default");
			}
			ppaths[np++] = a.optarg;
			break;
		case O_ROLE: rpath = a.optarg; break;
		case O_NAME: name = a.optarg; break;
		case O_JSON: json = 1; break;
		case O_HELP: sv_out_str(&c->out, help); return SV_EXIT_OK;
		default: break;
		}
	}
	if (id < 0)
		return SV_EXIT_USAGE;
	if (a.npos > 0)
		return sv_cli_usage(c, "permissions: unexpected argument %q (files go in --credentials-request and --policy)",
		                    sv_from_cstr(a.positional[0]));
	if (!crpath)
		return sv_cli_usage(c, "permissions: --credentials-request FILE is required");
	if (np == 0)
		return sv_cli_usage(c, "permissions: at least one --policy FILE is required (the role's permission policies)");

	if (load_credreq(c, crpath, name) != 0)
		return SV_EXIT_USAGE;
	for (i = 0; i < np; i++)
		if (load_policy(c, ppaths[i]) != 0)
			return SV_EXIT_USAGE;
	if (rpath && load_role(c, rpath) != 0)
		return SV_EXIT_USAGE;

	if (sv_perms_check(&S.pm, &S.cr, S.pp, S.npol, &S.keep, &S.scratch, &e) != SV_OK) {
		sv_cli_fail(c, "permissions: %s", e.msg);
		return sv_cli_hint(c, "%s", LIMIT_HINT);
	}
	if (S.has_role) {
		int rc = sv_perms_trust(&S.trust, &S.cr, &S.trustpol, &S.keep, &S.scratch, &e);
		if (rc == SV_OK) {
			S.trust_done = 1;
		} else if (rc == SV_E_PARAM) {
			memcpy(S.trust_problem, e.msg, sizeof S.trust_problem);
		} else {
			sv_cli_fail(c, "permissions: %s", e.msg);
			return sv_cli_hint(c, "%s", LIMIT_HINT);
		}
		if (S.role.name.p && S.cr.secret_ns.p && S.cr.secret_name.p)
			S.ccoctl_name = sv_perms_ccoctl_role_name(S.role.name, S.cr.secret_ns, S.cr.secret_name, &S.infra);
	}
	if (json)
		render_json(c, crpath);
	else
		render_text(c, crpath);
	return sv_perms_ok(&S.pm) && (!S.has_role || !S.trust_done || sv_trust_ok(&S.trust)) ? SV_EXIT_OK
	                                                                                     : SV_EXIT_REJECT;
}
