/*
 * sv_arn.c -- role and provider ARNs, and the AssumeRoleWithWebIdentity
 * request-parameter rules with the ValidationError texts STS sends.
 *
 * Lengths follow the model, which counts characters the way Java does
 * (UTF-16 code units): an invalid UTF-8 byte counts as one.
 */
#include "sv_internal.h"
#include "stsverify/sv_arn.h"

static const char *const partitions[] = {
	"aws", "aws-cn", "aws-us-gov", "aws-iso", "aws-iso-b", "aws-iso-e", "aws-iso-f"
};

int sv_partition_known(sv_sv p)
{
	size_t i;
	for (i = 0; i < sizeof partitions / sizeof partitions[0]; i++)
		if (sv_eq(p, sv_from_cstr(partitions[i])))
			return 1;
	return 0;
}

sv_sv sv_region_partition(sv_sv r)
{
	if (sv_has_prefix(r, SV_LIT("cn-")))
		return SV_LIT("aws-cn");
	if (sv_has_prefix(r, SV_LIT("us-gov-")))
		return SV_LIT("aws-us-gov");
	if (sv_has_prefix(r, SV_LIT("us-isob-")))
		return SV_LIT("aws-iso-b");
	if (sv_has_prefix(r, SV_LIT("us-isof-")) || sv_has_prefix(r, SV_LIT("eu-isof-")))
		return SV_LIT("aws-iso-f");
	if (sv_has_prefix(r, SV_LIT("us-iso-")))
		return SV_LIT("aws-iso");
	if (sv_has_prefix(r, SV_LIT("eu-isoe-")))
		return SV_LIT("aws-iso-e");
	return SV_LIT("aws");
}

int sv_sts_session_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || c == '+' || c == '=' || c == ',' || c == '.' || c == '@' || c == '-';
}

/* Decodes one UTF-8 sequence at s[*i]; -1 (and one byte consumed) when invalid. */
static int32_t next_cp(sv_sv s, size_t *i)
{
	const unsigned char *p = (const unsigned char *)s.p + *i;
	size_t n = s.n - *i, l, k;
	uint32_t c;

	if (p[0] < 0x80) {
		*i += 1;
		return p[0];
	}
	if (p[0] >= 0xC2 && p[0] <= 0xDF) { l = 2; c = p[0] & 0x1Fu; }
	else if (p[0] >= 0xE0 && p[0] <= 0xEF) { l = 3; c = p[0] & 0x0Fu; }
	else if (p[0] >= 0xF0 && p[0] <= 0xF4) { l = 4; c = p[0] & 0x07u; }
	else goto bad;
	if (l > n)
		goto bad;
	for (k = 1; k < l; k++) {
		if ((p[k] & 0xC0) != 0x80)
			goto bad;
		c = (c << 6) | (p[k] & 0x3Fu);
	}
	if ((l == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) ||
	    (l == 4 && (c < 0x10000 || c > 0x10FFFF)))
		goto bad;
	*i += l;
	return (int32_t)c;
bad:
	*i += 1;
	return -1;
}

/* Characters as Java's String.length() counts them. */
static size_t jlen(sv_sv s)
{
	size_t i = 0, n = 0;
	while (i < s.n) {
		int32_t c = next_cp(s, &i);
		n += c >= 0x10000 ? 2 : 1;
	}
	return n;
}

/* The roleArn pattern: [\u0009\u000A\u000D\u0020-\u007E\u0085\u00A0-\uD7FF\uE000-\uFFFD\u10000-\u10FFFF]+ */
static int arn_pattern_ok(sv_sv s)
{
	size_t i = 0;
	if (s.n == 0)
		return 0;
	while (i < s.n) {
		int32_t c = next_cp(s, &i);
		if (!(c == 0x09 || c == 0x0A || c == 0x0D || (c >= 0x20 && c <= 0x7E) || c == 0x85 ||
		      (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) ||
		      (c >= 0x10000 && c <= 0x10FFFF)))
			return 0;
	}
	return 1;
}

static int session_pattern_ok(sv_sv s)
{
	size_t i;
	for (i = 0; i < s.n; i++)
		if (!sv_sts_session_char((unsigned char)s.p[i]))
			return 0;
	return 1;
}

/* ---- ARN structure ------------------------------------------------------- */

/* Names the byte at i for a message: "a space", "a newline", "'\\'". */
static void name_byte(sv_buf *b, sv_sv s, size_t i)
{
	unsigned char c = (unsigned char)s.p[i];
	if (c == ' ')
		sv_buf_str(b, "a space");
	else if (c == '\n')
		sv_buf_str(b, "a newline");
	else if (c == '\r')
		sv_buf_str(b, "a carriage return");
	else if (c == '\t')
		sv_buf_str(b, "a tab");
	else if (c < 0x20 || c >= 0x7F)
		sv_buf_fmt(b, "byte %v", sv_slice(s, i, i + 1));
	else
		sv_buf_fmt(b, "'%v'", sv_slice(s, i, i + 1));
}

static int fail_at(sv_err *err, sv_sv s, size_t pos, const char *what)
{
	sv_buf b;
	if (!err)
		return SV_E_FORMAT;
	err->code = SV_E_FORMAT;
	err->pos = pos;
	sv_buf_init(&b, err->msg, sizeof err->msg);
	sv_buf_fmt(&b, "offset %z: %s", pos, what);
	if (pos < s.n) {
		sv_buf_str(&b, ", found ");
		name_byte(&b, s, pos);
	}
	return SV_E_FORMAT;
}

/* Splits "arn:P:S:R:A:rest" into its six fields; the last keeps any ':'. */
static int split6(sv_sv s, sv_sv f[6], size_t off[6], sv_err *err)
{
	size_t i, start = 0, k = 0;
	if (!sv_has_prefix(s, SV_LIT("arn:"))) {
		size_t p = 0;
		while (p < s.n && p < 4 && s.p[p] == "arn:"[p])
			p++;
		return fail_at(err, s, p, "an ARN starts with \"arn:\"");
	}
	for (i = 0; i < s.n && k < 5; i++) {
		if (s.p[i] == ':') {
			off[k] = start;
			f[k++] = sv_slice(s, start, i);
			start = i + 1;
		}
	}
	if (k < 5)
		return fail_at(err, s, s.n, "an ARN has six ':'-separated fields (arn:partition:service:region:account:resource)");
	off[5] = start;
	f[5] = sv_slice(s, start, s.n);
	return SV_OK;
}

static int check_partition(sv_sv p, size_t off, sv_err *err)
{
	if (sv_partition_known(p))
		return SV_OK;
	sv_err_set(err, SV_E_FORMAT, off,
	           "offset %z: unknown partition %q (expected aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e or aws-iso-f)",
	           off, p);
	return SV_E_FORMAT;
}

static int check_account(sv_sv s, sv_sv a, size_t off, sv_err *err)
{
	size_t i;
	for (i = 0; i < a.n && i < 12; i++)
		if (a.p[i] < '0' || a.p[i] > '9')
			return fail_at(err, s, off + i, "the account ID is 12 digits");
	if (a.n != 12) {
		sv_err_set(err, SV_E_FORMAT, off, "offset %z: the account ID is 12 digits, found %z: %q",
		           off, a.n, a);
		return SV_E_FORMAT;
	}
	return SV_OK;
}

int sv_role_arn_parse(sv_sv s, sv_role_arn *r, sv_err *err)
{
	sv_sv f[6];
	size_t off[6], i, last;
	sv_sv res, path, name;
	int rc;

	memset(r, 0, sizeof *r);
	r->arn = s;
	if ((rc = split6(s, f, off, err)) != SV_OK)
		return rc;
	if ((rc = check_partition(f[1], off[1], err)) != SV_OK)
		return rc;
	if (!sv_eq(f[2], SV_LIT("iam"))) {
		if (sv_eq(f[2], SV_LIT("sts")) && sv_has_prefix(f[5], SV_LIT("assumed-role/"))) {
			sv_sv rest = sv_slice(f[5], 13, f[5].n);
			size_t sl = sv_find(rest, '/', 0);
			sv_err_set(err, SV_E_FORMAT, off[2],
			           "offset %z: this is an assumed-role (session) ARN, not a role ARN; the role is arn:%v:iam::%v:role/%v",
			           off[2], f[1], f[4], sv_slice(rest, 0, sl == (size_t)-1 ? rest.n : sl));
			return SV_E_FORMAT;
		}
		sv_err_set(err, SV_E_FORMAT, off[2], "offset %z: the service of a role ARN is \"iam\", found %q",
		           off[2], f[2]);
		return SV_E_FORMAT;
	}
	if (f[3].n != 0)
		return fail_at(err, s, off[3], "IAM ARNs have no region (\"iam::\")");
	if ((rc = check_account(s, f[4], off[4], err)) != SV_OK)
		return rc;
	res = f[5];
	if (!sv_has_prefix(res, SV_LIT("role/"))) {
		sv_err_set(err, SV_E_FORMAT, off[5], "offset %z: the resource of a role ARN starts with \"role/\", found %q",
		           off[5], res);
		return SV_E_FORMAT;
	}
	/* role{path}{name}: path is "/" or "/.../"; the name follows the last '/' */
	last = 4;
	for (i = 4; i < res.n; i++)
		if (res.p[i] == '/')
			last = i;
	path = sv_slice(res, 4, last + 1);
	name = sv_slice(res, last + 1, res.n);
	if (path.n > SV_IAM_PATH_MAX) {
		sv_err_set(err, SV_E_FORMAT, off[5] + 4, "offset %z: the role path is %z characters; IAM allows at most %d",
		           off[5] + 4, path.n, SV_IAM_PATH_MAX);
		return SV_E_FORMAT;
	}
	if (path.n == 2)
		return fail_at(err, s, off[5] + 5, "an empty path segment (\"//\") is not a role path");
	for (i = 0; i < path.n; i++)
		if ((unsigned char)path.p[i] < 0x21 || (unsigned char)path.p[i] > 0x7E)
			return fail_at(err, s, off[5] + 4 + i, "a role path holds printable ASCII without spaces");
	if (name.n == 0)
		return fail_at(err, s, s.n, "the role name is missing after the last '/'");
	for (i = 0; i < name.n; i++)
		if (!sv_sts_session_char((unsigned char)name.p[i]))
			return fail_at(err, s, off[5] + last + 1 + i, "a role name holds only letters, digits and + = , . @ _ -");
	if (name.n > SV_IAM_ROLE_NAME_MAX) {
		sv_err_set(err, SV_E_FORMAT, off[5] + last + 1,
		           "offset %z: the role name is %z characters; IAM allows at most %d",
		           off[5] + last + 1, name.n, SV_IAM_ROLE_NAME_MAX);
		return SV_E_FORMAT;
	}
	r->partition = f[1];
	r->account = f[4];
	r->path = path;
	r->name = name;
	return SV_OK;
}

int sv_provider_arn_parse(sv_sv s, sv_sv *partition, sv_sv *account, sv_sv *url, sv_err *err)
{
	sv_sv f[6];
	size_t off[6], i;
	int rc;

	if ((rc = split6(s, f, off, err)) != SV_OK)
		return rc;
	if ((rc = check_partition(f[1], off[1], err)) != SV_OK)
		return rc;
	if (!sv_eq(f[2], SV_LIT("iam"))) {
		sv_err_set(err, SV_E_FORMAT, off[2], "offset %z: the service of a provider ARN is \"iam\", found %q",
		           off[2], f[2]);
		return SV_E_FORMAT;
	}
	if (f[3].n != 0)
		return fail_at(err, s, off[3], "IAM ARNs have no region (\"iam::\")");
	if ((rc = check_account(s, f[4], off[4], err)) != SV_OK)
		return rc;
	if (!sv_has_prefix(f[5], SV_LIT("oidc-provider/"))) {
		sv_err_set(err, SV_E_FORMAT, off[5],
		           "offset %z: the resource of an OIDC provider ARN starts with \"oidc-provider/\", found %q",
		           off[5], f[5]);
		return SV_E_FORMAT;
	}
	if (sv_has_prefix(sv_slice(f[5], 14, f[5].n), SV_LIT("https://")))
		return fail_at(err, s, off[5] + 14, "the provider name is its URL without \"https://\"");
	if (f[5].n == 14)
		return fail_at(err, s, s.n, "the provider URL is missing after \"oidc-provider/\"");
	for (i = 14; i < f[5].n; i++)
		if ((unsigned char)f[5].p[i] <= 0x20 || (unsigned char)f[5].p[i] >= 0x7F)
			return fail_at(err, s, off[5] + i, "a provider URL holds printable ASCII without spaces");
	*partition = f[1];
	*account = f[4];
	*url = sv_slice(f[5], 14, f[5].n);
	return SV_OK;
}

static int finish(sv_buf *b, char *out, size_t *len)
{
	if (b->overflow) {
		if (b->cap)
			out[0] = '\0';
		if (len)
			*len = 0;
		return SV_E_LIMIT;
	}
	if (len)
		*len = b->len;
	return SV_OK;
}

int sv_provider_arn(sv_sv partition, sv_sv account, sv_sv url, char *out, size_t cap, size_t *len)
{
	sv_buf b;
	sv_buf_init(&b, out, cap);
	sv_buf_str(&b, "arn:");
	sv_buf_sv(&b, partition);
	sv_buf_str(&b, ":iam::");
	sv_buf_sv(&b, account);
	sv_buf_str(&b, ":oidc-provider/");
	sv_buf_sv(&b, url);
	return finish(&b, out, len);
}

int sv_assumed_role_arn(const sv_role_arn *r, sv_sv session, char *out, size_t cap, size_t *len)
{
	sv_buf b;
	sv_buf_init(&b, out, cap);
	sv_buf_str(&b, "arn:");
	sv_buf_sv(&b, r->partition);
	sv_buf_str(&b, ":sts::");
	sv_buf_sv(&b, r->account);
	sv_buf_str(&b, ":assumed-role/");
	sv_buf_sv(&b, r->name);
	sv_buf_char(&b, '/');
	sv_buf_sv(&b, session);
	return finish(&b, out, len);
}

/* ---- ValidationError texts --------------------------------------------- */

#define MAX_CLAUSES 8

typedef struct clause {
	const char *member;      /* "roleArn" */
	sv_sv       value;       /* echoed; p == NULL: sensitive, not echoed */
	char        num[24];     /* a number value, when value.p == num */
	const char *rule;        /* "have length greater than or equal to" */
	const char *arg;         /* "20" */
} clause;

typedef struct clauses {
	clause c[MAX_CLAUSES];
	size_t n;
} clauses;

static void add(clauses *cs, const char *member, sv_sv value, const char *rule, const char *arg)
{
	clause *c;
	if (cs->n == MAX_CLAUSES)
		return;
	c = &cs->c[cs->n++];
	c->member = member;
	c->value = value;
	c->rule = rule;
	c->arg = arg;
}

static void write_clauses(const clauses *cs, sv_buf *b)
{
	size_t i;
	sv_buf_u64(b, cs->n);
	sv_buf_str(b, cs->n == 1 ? " validation error detected: " : " validation errors detected: ");
	for (i = 0; i < cs->n; i++) {
		const clause *c = &cs->c[i];
		if (i)
			sv_buf_str(b, "; ");
		if (c->value.p) {
			sv_buf_str(b, "Value '");
			sv_buf_clip(b, c->value, SV_STS_ECHO_MAX);
			sv_buf_str(b, "' at '");
		} else {
			sv_buf_str(b, "Value at '");
		}
		sv_buf_str(b, c->member);
		sv_buf_str(b, "' failed to satisfy constraint: Member must ");
		sv_buf_str(b, c->rule);
		sv_buf_char(b, ' ');
		sv_buf_str(b, c->arg);
	}
}

static const char GE[] = "have length greater than or equal to";
static const char LE[] = "have length less than or equal to";
static const char RX[] = "satisfy regular expression pattern:";
static const char ARN_RX[] =
    "[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u0085\\u00A0-\\uD7FF\\uE000-\\uFFFD\\u10000-\\u10FFFF]+";
static const char SESSION_RX[] = "[\\w+=,.@-]*";

static void role_arn_clauses(sv_sv arn, clauses *cs)
{
	size_t n = jlen(arn);
	if (n < SV_STS_ROLE_ARN_MIN)
		add(cs, "roleArn", arn, GE, "20");
	if (n > SV_STS_ROLE_ARN_MAX)
		add(cs, "roleArn", arn, LE, "2048");
	if (n > 0 && !arn_pattern_ok(arn))
		add(cs, "roleArn", arn, RX, ARN_RX);
}

static void session_clauses(sv_sv s, clauses *cs)
{
	size_t n = jlen(s);
	if (n < SV_STS_SESSION_MIN)
		add(cs, "roleSessionName", s, GE, "2");
	if (n > SV_STS_SESSION_MAX)
		add(cs, "roleSessionName", s, LE, "64");
	if (!session_pattern_ok(s))
		add(cs, "roleSessionName", s, RX, SESSION_RX);
}

static void token_clauses(sv_sv t, clauses *cs)
{
	size_t n = jlen(t);
	if (n < SV_STS_TOKEN_MIN)
		add(cs, "webIdentityToken", SV_NULL, GE, "4");
	if (n > SV_STS_TOKEN_MAX)
		add(cs, "webIdentityToken", SV_NULL, LE, "20000");
}

static void duration_clauses(int64_t d, clauses *cs)
{
	clause *c;
	sv_buf b;
	if (d >= SV_STS_DURATION_MIN && d <= SV_STS_DURATION_MAX)
		return;
	add(cs, "durationSeconds", SV_NULL, d < SV_STS_DURATION_MIN ?
	    "have value greater than or equal to" : "have value less than or equal to",
	    d < SV_STS_DURATION_MIN ? "900" : "43200");
	c = &cs->c[cs->n - 1];
	sv_buf_init(&b, c->num, sizeof c->num);
	sv_buf_i64(&b, d);
	c->value.p = c->num;
	c->value.n = b.len;
}

static const char MSG_DURATION_MAX[] =
    "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.";

static int emit(const clauses *cs, char *msg, size_t cap)
{
	sv_buf b;
	sv_buf_init(&b, msg, cap);
	if (cs->n == 0)
		return SV_OK;
	write_clauses(cs, &b);
	return SV_E_FORMAT;
}

static int arn_invalid(sv_sv arn, char *msg, size_t cap)
{
	sv_buf b;
	sv_buf_init(&b, msg, cap);
	sv_buf_clip(&b, arn, SV_STS_ECHO_MAX);
	sv_buf_str(&b, " is invalid");
	return SV_E_FORMAT;
}

int sv_sts_check_role_arn(sv_sv arn, char *msg, size_t cap)
{
	clauses cs;
	sv_role_arn r;
	cs.n = 0;
	role_arn_clauses(arn, &cs);
	if (emit(&cs, msg, cap) != SV_OK)
		return SV_E_FORMAT;
	if (sv_role_arn_parse(arn, &r, NULL) != SV_OK)
		return arn_invalid(arn, msg, cap);
	return SV_OK;
}

int sv_sts_check_session_name(sv_sv name, char *msg, size_t cap)
{
	clauses cs;
	cs.n = 0;
	session_clauses(name, &cs);
	return emit(&cs, msg, cap);
}

int sv_sts_check_token(sv_sv token, char *msg, size_t cap)
{
	clauses cs;
	cs.n = 0;
	token_clauses(token, &cs);
	return emit(&cs, msg, cap);
}

int sv_sts_check_duration(int64_t seconds, int64_t max_session, char *msg, size_t cap)
{
	clauses cs;
	sv_buf b;
	cs.n = 0;
	duration_clauses(seconds, &cs);
	if (emit(&cs, msg, cap) != SV_OK)
		return SV_E_FORMAT;
	if (max_session > 0 && seconds > max_session) {
		sv_buf_init(&b, msg, cap);
		sv_buf_str(&b, MSG_DURATION_MAX);
		return SV_E_FORMAT;
	}
	return SV_OK;
}

int sv_sts_validate(const sv_sts_params *p, char *msg, size_t cap, unsigned *bad)
{
	clauses cs;
	unsigned m = 0;
	size_t before;
	sv_role_arn r;
	sv_buf b;

	cs.n = 0;
	if (p->role_arn.p) {
		before = cs.n;
		role_arn_clauses(p->role_arn, &cs);
		if (cs.n != before)
			m |= SV_STS_BAD_ROLE_ARN;
	}
	if (p->session_name.p) {
		before = cs.n;
		session_clauses(p->session_name, &cs);
		if (cs.n != before)
			m |= SV_STS_BAD_SESSION;
	}
	if (p->token.p) {
		before = cs.n;
		token_clauses(p->token, &cs);
		if (cs.n != before)
			m |= SV_STS_BAD_TOKEN;
	}
	if (p->has_duration) {
		before = cs.n;
		duration_clauses(p->duration, &cs);
		if (cs.n != before)
			m |= SV_STS_BAD_DURATION;
	}
	if (bad)
		*bad = m;
	if (emit(&cs, msg, cap) != SV_OK)
		return SV_E_FORMAT;
	if (p->role_arn.p && sv_role_arn_parse(p->role_arn, &r, NULL) != SV_OK) {
		if (bad)
			*bad = SV_STS_BAD_ROLE_ARN;
		return arn_invalid(p->role_arn, msg, cap);
	}
	if (p->has_duration && p->max_session > 0 && p->duration > p->max_session) {
		if (bad)
			*bad = SV_STS_BAD_DURATION;
		sv_buf_init(&b, msg, cap);
		sv_buf_str(&b, MSG_DURATION_MAX);
		return SV_E_FORMAT;
	}
	return SV_OK;
}

void sv_sts_session_fix(sv_sv name, char *out, size_t cap)
{
	size_t i, w = 0;
	if (cap == 0)
		return;
	for (i = 0; i < name.n && w < SV_STS_SESSION_MAX && w + 1 < cap; i++) {
		unsigned char c = (unsigned char)name.p[i];
		if (c >= 0x80 && (c & 0xC0) == 0x80)
			continue;   /* one '-' per non-ASCII character */
		out[w++] = sv_sts_session_char(c) ? (char)c : '-';
	}
	while (w < SV_STS_SESSION_MIN && w + 1 < cap)
		out[w++] = '-';
	out[w] = '\0';
}
