/*
 * sv_check.c -- `check`: the gates of AssumeRoleWithWebIdentity, in the
 * order STS applies them, and the answer STS would give.
 *
 * The only place that decides check verdicts. Each gate writes one report
 * row (PASS/WARN/FAIL, or SKIP naming the missing input), a FAIL carries
 * its fix, and the first failing gate in sv_check_gates order becomes the
 * predicted STS error with the text STS sends (STS-FACTS section d).
 *
 * Gate order (why): STS validates the request parameters before reading
 * the token (ValidationError); it must parse the token to learn iss; it
 * looks the issuer up among the account's IAM OIDC providers before it
 * can trust any URL in it ("No OpenIDConnect provider found"); only then
 * does it fetch the discovery document and, over TLS (the thumbprint),
 * the JWKS; the key must be found before the signature can be checked;
 * aud and the times are claims of a verified token; the trust policy is
 * evaluated last, on the verified claims (AccessDenied). Where real
 * reports do not settle the order it is [U] and noted in docs/check.md.
 */
#include "sv_internal.h"
#include "stsverify/sv_check.h"
#include "stsverify/sv_sts.h"
#include "stsverify/sv_awsconf.h"

/* STS's words come from the one catalogue explain uses too (sv_stserr.c). */
static const char *cat(const char *id)
{
	const sv_sts_error *e = sv_sts_error_by_id(id);
	return e ? e->message : "";
}

#define MSG_FALLBACK   cat("iit.generic")
#define MSG_KEY        cat("iit.verification-key")
#define MSG_THUMB      cat("iit.thumbprint")
#define MSG_AUDIENCE   cat("iit.audience")
#define MSG_NO_AUD     cat("iit.missing-aud")
#define MSG_DENIED     cat("denied.trust")

/* Writes a catalogue message whose %v takes one value. */
static void cat_fmt(sv_buf *b, const char *id, sv_sv v)
{
	sv_buf_fmt(b, cat(id), v);
}

static const char ACTION[] = "sts:AssumeRoleWithWebIdentity";

const sv_check_id sv_check_gates[] = {
	SV_CHK_POD_ENV, SV_CHK_POD_TOKEN_FILE, SV_CHK_POD_CRED_CHAIN,
	SV_CHK_REQ_ROLE_ARN, SV_CHK_REQ_SESSION_NAME, SV_CHK_REQ_DURATION, SV_CHK_REQ_TOKEN_SIZE,
	SV_CHK_TOK_FORMAT, SV_CHK_HDR_ALG, SV_CHK_HDR_CRIT, SV_CHK_CLM_ISS, SV_CHK_ISS_URL,
	SV_CHK_PROV_URL, SV_CHK_PROV_ACCOUNT,
	SV_CHK_DISC_ISSUER, SV_CHK_DISC_JWKS_URI, SV_CHK_DISC_ALG,
	SV_CHK_PROV_THUMBPRINT,
	SV_CHK_JWKS_KEYS, SV_CHK_KEY_SELECT, SV_CHK_KEY_PARAMS, SV_CHK_SIG_VALID,
	SV_CHK_CLM_AUD, SV_CHK_PROV_AUD,
	SV_CHK_CLM_EXP, SV_CHK_CLM_NBF, SV_CHK_CLM_IAT, SV_CHK_CLM_SUB,
	SV_CHK_POL_ROLE, SV_CHK_POL_DENY, SV_CHK_POL_ALLOW, SV_CHK_POL_TAG_SESSION,
	SV_CHK__COUNT
};

void sv_check_in_init(sv_check_in *in, int64_t now)
{
	memset(in, 0, sizeof *in);
	in->now = now;
	in->leeway = SV_DEFAULT_LEEWAY;
}

const char *sv_check_input_name(sv_check_input in)
{
	switch (in) {
	case SV_IN_DISCOVERY: return "discovery";
	case SV_IN_JWKS: return "jwks";
	case SV_IN_PROVIDER: return "provider";
	case SV_IN_ROLE: return "role";
	case SV_IN_CHAIN: return "chain";
	case SV_IN_PROVIDER_ARN: return "provider-arn";
	default: return "input";
	}
}

/* ---- helpers ------------------------------------------------------------ */

static void skip(sv_report *rep, sv_check_id id, const char *why)
{
	if (!sv_report_find(rep, id))
		sv_report_set(rep, id, SV_SKIP, "needs %s", why);
}

static int row_is(const sv_report *rep, sv_check_id id, sv_status st)
{
	const sv_item *it = sv_report_get(rep, id);
	return it && it->status == st;
}

static sv_item *hintf(sv_item *it, const char *fmt, ...)
{
	va_list ap;
	sv_buf b;
	if (!it)
		return NULL;
	sv_buf_init(&b, it->hint, sizeof it->hint);
	va_start(ap, fmt);
	sv_buf_vfmt(&b, fmt, ap);
	va_end(ap);
	return it;
}

/* "EKS" / "OpenShift" / NULL: which convention the token follows. */
static const char *convention(const sv_check_ws *ws)
{
	const sv_claims *c = &ws->v.tok.clm;
	size_t i;
	if (!ws->v.tok.decoded || c->aud_state != SV_F_OK)
		return NULL;
	for (i = 0; i < c->naud; i++)
		if (sv_eq(c->aud[i], SV_LIT("openshift")))
			return "OpenShift";
	for (i = 0; i < c->naud; i++)
		if (sv_eq(c->aud[i], SV_LIT("sts.amazonaws.com")))
			return "EKS";
	return NULL;
}

static void aud_list(sv_buf *b, const sv_claims *c)
{
	size_t i;
	sv_buf_char(b, '[');
	for (i = 0; i < c->naud; i++)
		sv_buf_fmt(b, "%s\"%v\"", i ? ", " : "", c->aud[i]);
	sv_buf_char(b, ']');
}

static void json_list(sv_buf *b, const sv_json *d, int arr)
{
	int e, k, n = arr >= 0 ? sv_json_count(d, arr) : 0;
	sv_buf_char(b, '[');
	for (k = 0, e = arr + 1; k < n; k++, e = sv_json_next(d, e))
		sv_buf_fmt(b, "%s\"%v\"", k ? ", " : "", sv_json_raw(d, e));
	sv_buf_char(b, ']');
}

/* The host of an https URL ("" when not one). */
static sv_sv url_host(sv_sv url)
{
	size_t i, end;
	if (!sv_has_prefix(url, SV_LIT("https://")))
		return SV_LIT("");
	url = sv_slice(url, 8, url.n);
	end = url.n;
	for (i = 0; i < url.n; i++)
		if (url.p[i] == '/' || url.p[i] == '?' || url.p[i] == '#') {
			end = i;
			break;
		}
	return sv_slice(url, 0, end);
}

/* ---- gate 1: request parameters -------------------------------------- */

static void gate_request(sv_check_ws *ws, const sv_check_in *in, sv_report *rep)
{
	char msg[SV_STS_MSG_BYTES];
	sv_item *it;
	sv_err e;

	/* RoleArn */
	if (in->role_arn_problem) {
		it = sv_report_set(rep, SV_CHK_REQ_ROLE_ARN, SV_FAIL, "%s (%s)", in->role_arn_problem,
		                   in->role_arn_source ? in->role_arn_source : "configuration");
		hintf(it, "botocore raises InvalidConfigError and never calls STS: \"%s\" Set role_arn (or AWS_ROLE_ARN) to the role's ARN; "
		          "on OpenShift fill spec.providerSpec.stsIAMRoleARN of the CredentialsRequest (ccoctl writes it)",
		      SV_AWSCONF_NO_ROLE_MSG);
	} else if (!ws->role_arn.p) {
		skip(rep, SV_CHK_REQ_ROLE_ARN, "the role ARN (--role-arn, $AWS_ROLE_ARN, --credentials, or Role.Arn in --role)");
	} else if (sv_sts_check_role_arn(ws->role_arn, msg, sizeof msg) != SV_OK) {
		if (sv_role_arn_parse(ws->role_arn, &ws->rarn, &e) == SV_OK)
			e.msg[0] = '\0';
		it = sv_report_set(rep, SV_CHK_REQ_ROLE_ARN, SV_FAIL, "%v (%s): %s", ws->role_arn,
		                   ws->role_arn_source, e.msg[0] ? e.msg : "fails the model's length or pattern");
		hintf(it, "STS answers ValidationError: %s. A role ARN reads arn:aws:iam::<12-digit account>:role/<name>; "
		          "check the annotation or secret for a stray character, colon or line end", msg);
	} else {
		sv_role_arn_parse(ws->role_arn, &ws->rarn, &e);
		ws->rarn_ok = 1;
		if (in->region.p) {
			sv_sv rp = sv_region_partition(in->region);
			if (!sv_eq(rp, ws->rarn.partition)) {
				it = sv_report_set(rep, SV_CHK_REQ_ROLE_ARN, SV_WARN,
				                   "%v (%s) is in partition %v, but region %v is in %v", ws->role_arn,
				                   ws->role_arn_source, ws->rarn.partition, in->region, rp);
				hintf(it, "the SDK sends the request to the STS endpoint of region %v, which does not know roles of partition %v; set the region (AWS_REGION / AWS_DEFAULT_REGION) to one of the role's partition",
				      in->region, ws->rarn.partition);
			}
		}
		if (!sv_report_find(rep, SV_CHK_REQ_ROLE_ARN))
			sv_report_set(rep, SV_CHK_REQ_ROLE_ARN, SV_PASS, "%v (%s)", ws->role_arn, ws->role_arn_source);
	}

	/* RoleSessionName */
	if (sv_sts_check_session_name(ws->session, msg, sizeof msg) != SV_OK) {
		char fix[SV_STS_SESSION_MAX + 1];
		sv_sts_session_fix(ws->session, fix, sizeof fix);
		it = sv_report_set(rep, SV_CHK_REQ_SESSION_NAME, SV_FAIL, "\"%v\" (%s) is not 2-64 characters of [\\w+=,.@-]",
		                   ws->session, in->session_source ? in->session_source : "generated");
		hintf(it, "STS answers ValidationError: %s. A valid session name: %s (set AWS_ROLE_SESSION_NAME or role_session_name)",
		      msg, fix);
	} else if (in->session_name.p) {
		sv_report_set(rep, SV_CHK_REQ_SESSION_NAME, SV_PASS, "\"%v\" (%s)", ws->session,
		              in->session_source ? in->session_source : "--session-name");
	} else {
		sv_report_set(rep, SV_CHK_REQ_SESSION_NAME, SV_PASS,
		              "not set: botocore generates \"%v\" (Go: nanoseconds, JS/Java: aws-sdk-...-<ms>), all valid",
		              ws->session);
	}

	/* DurationSeconds */
	if (!in->has_duration) {
		if (ws->has_role && ws->role.max_session)
			sv_report_set(rep, SV_CHK_REQ_DURATION, SV_PASS,
			              "not sent (the SDKs' web-identity providers never send it): STS uses 3600, within MaxSessionDuration %l",
			              ws->role.max_session);
		else
			sv_report_set(rep, SV_CHK_REQ_DURATION, SV_PASS,
			              "not sent (the SDKs' web-identity providers never send it): STS uses 3600");
	} else if (sv_sts_check_duration(in->duration, ws->has_role ? ws->role.max_session : 0, msg,
	                                 sizeof msg) != SV_OK) {
		if (ws->has_role && ws->role.max_session && in->duration >= SV_STS_DURATION_MIN &&
		    in->duration <= SV_STS_DURATION_MAX) {
			it = sv_report_set(rep, SV_CHK_REQ_DURATION, SV_FAIL, "%l s is more than the role's MaxSessionDuration %l s",
			                   in->duration, ws->role.max_session);
			hintf(it, "STS answers ValidationError: %s Ask for at most %l s, or raise the limit: aws iam update-role --role-name %v --max-session-duration %l",
			      msg, ws->role.max_session, ws->rarn_ok ? ws->rarn.name : SV_LIT("<role>"), in->duration);
		} else {
			it = sv_report_set(rep, SV_CHK_REQ_DURATION, SV_FAIL, "%l s is outside 900-43200", in->duration);
			hintf(it, "STS answers ValidationError: %s", msg);
		}
	} else if (ws->has_role && ws->role.max_session) {
		sv_report_set(rep, SV_CHK_REQ_DURATION, SV_PASS, "%l s, within 900-43200 and MaxSessionDuration %l",
		              in->duration, ws->role.max_session);
	} else {
		sv_report_set(rep, SV_CHK_REQ_DURATION, SV_PASS,
		              "%l s, within 900-43200 (MaxSessionDuration not known: give --role)", in->duration);
	}

	/* WebIdentityToken */
	if (!in->jwt.p) {
		skip(rep, SV_CHK_REQ_TOKEN_SIZE, in->token_problem ? "tok.format" : "a token");
	} else if (sv_sts_check_token(in->jwt, msg, sizeof msg) != SV_OK) {
		it = sv_report_set(rep, SV_CHK_REQ_TOKEN_SIZE, SV_FAIL, "%z characters; STS accepts 4-20000", in->jwt.n);
		hintf(it, "STS answers ValidationError: %s", msg);
	} else {
		sv_report_set(rep, SV_CHK_REQ_TOKEN_SIZE, SV_PASS, "%z characters", in->jwt.n);
	}
}

/* ---- gate 3: issuer ------------------------------------------------------ */

static void gate_issuer(sv_check_ws *ws, sv_report *rep)
{
	sv_sv iss = ws->iss, rest;
	size_t i;
	sv_item *it = NULL;

	if (!iss.p) {
		skip(rep, SV_CHK_ISS_URL, ws->v.tok.decoded ? "clm.iss" : "tok.format");
		return;
	}
	if (!sv_has_prefix(iss, SV_LIT("https://"))) {
		it = sv_report_set(rep, SV_CHK_ISS_URL, SV_FAIL, "iss \"%v\" is not an https:// URL", iss);
	} else {
		sv_sv host = url_host(iss);
		rest = sv_slice(iss, 8, iss.n);
		if (host.n == 0)
			it = sv_report_set(rep, SV_CHK_ISS_URL, SV_FAIL, "iss \"%v\" has no host", iss);
		else if (sv_find(rest, '?', 0) != (size_t)-1)
			it = sv_report_set(rep, SV_CHK_ISS_URL, SV_FAIL, "iss \"%v\" has a query; IAM provider URLs cannot", iss);
		else if (sv_find(rest, '#', 0) != (size_t)-1)
			it = sv_report_set(rep, SV_CHK_ISS_URL, SV_FAIL, "iss \"%v\" has a fragment; IAM provider URLs cannot", iss);
		else if (sv_find(host, ':', 0) != (size_t)-1)
			it = sv_report_set(rep, SV_CHK_ISS_URL, SV_FAIL, "iss \"%v\" names a port; IAM provider URLs must not", iss);
		else if (sv_find(host, '@', 0) != (size_t)-1)
			it = sv_report_set(rep, SV_CHK_ISS_URL, SV_FAIL, "iss \"%v\" carries user information", iss);
		for (i = 0; !it && i < iss.n; i++)
			if ((unsigned char)iss.p[i] <= 0x20 || (unsigned char)iss.p[i] >= 0x7F)
				it = sv_report_set(rep, SV_CHK_ISS_URL, SV_FAIL, "iss \"%v\" holds a space, control or non-ASCII byte", iss);
	}
	if (it) {
		hintf(it, "STS looks the issuer up among the account's IAM OIDC providers, whose URLs are https:// without port, query or fragment; "
		          "serve the issuer from such a URL (kube-apiserver --service-account-issuer) and re-issue the tokens");
		return;
	}
	if (iss.p[iss.n - 1] == '/')
		sv_report_set(rep, SV_CHK_ISS_URL, SV_PASS, "\"%v\" (the trailing slash is part of it: the provider URL must end in '/' too)", iss);
	else
		sv_report_set(rep, SV_CHK_ISS_URL, SV_PASS, "\"%v\"", iss);
}

/* ---- gate 4: provider ---------------------------------------------------- */

static void create_provider_hint(sv_check_ws *ws, sv_item *it, const char *why)
{
	const sv_claims *c = &ws->v.tok.clm;
	sv_sv aud = c->aud_state == SV_F_OK && c->naud ? c->aud[0] : SV_LIT("sts.amazonaws.com");
	char msg[SV_STS_MSG_BYTES];
	sv_buf b;
	sv_buf_init(&b, msg, sizeof msg);
	cat_fmt(&b, "iit.no-provider", ws->iss);
	hintf(it, "%sSTS answers \"%s\". Create the provider in the role's account: aws iam create-open-id-connect-provider --url %v --client-id-list %v",
	      why, msg, ws->iss, aud);
}

/*
 * The account of the provider for this issuer, as the trust policy's
 * Federated ARNs name it (get-open-id-connect-provider output carries no
 * ARN). 1 with the first such ARN's partition/account, preferring one in
 * the role's account; 0 when no statement names this provider URL.
 */
static int federated_account(sv_check_ws *ws, sv_sv *part, sv_sv *acct)
{
	const sv_json *d = ws->pol.doc;
	size_t i;
	int found = 0;

	if (!ws->has_pol)
		return 0;
	for (i = 0; i < ws->pol.nstmt; i++) {
		int p = sv_json_get(d, ws->pol.stmt[i], SV_LIT("Principal")), f, e, k, n;
		if (p < 0 || sv_json_type(d, p) != JSMN_OBJECT || (f = sv_json_get(d, p, SV_LIT("Federated"))) < 0)
			continue;
		n = sv_json_type(d, f) == JSMN_ARRAY ? sv_json_count(d, f) : 1;
		for (k = 0, e = sv_json_type(d, f) == JSMN_ARRAY ? f + 1 : f; k < n; k++, e = sv_json_next(d, e)) {
			sv_sv arn, pp, aa, uu;
			sv_err err;
			if (sv_json_str(d, e, &ws->darena, &arn) != SV_OK ||
			    sv_provider_arn_parse(arn, &pp, &aa, &uu, &err) != SV_OK || !sv_eq(uu, ws->prov_url))
				continue;
			if (!found || (sv_eq(aa, ws->rarn.account) && sv_eq(pp, ws->rarn.partition))) {
				*part = pp;
				*acct = aa;
			}
			found = 1;
		}
	}
	return found;
}

static void gate_provider(sv_check_ws *ws, const sv_check_in *in, sv_report *rep)
{
	sv_item *it;
	sv_sv want;

	/* prov.url */
	if (!ws->has_prov) {
		skip(rep, SV_CHK_PROV_URL, "--provider (aws iam get-open-id-connect-provider output)");
	} else if (!ws->iss.p) {
		skip(rep, SV_CHK_PROV_URL, ws->v.tok.decoded ? "clm.iss" : "a token");
	} else {
		want = sv_has_prefix(ws->iss, SV_LIT("https://")) ? sv_slice(ws->iss, 8, ws->iss.n) : ws->iss;
		if (sv_eq(ws->prov.url, want) && sv_has_prefix(ws->iss, SV_LIT("https://"))) {
			sv_report_set(rep, SV_CHK_PROV_URL, SV_PASS, "Url \"%v\" is iss without https://", ws->prov.url);
		} else if (sv_has_prefix(ws->prov.url, SV_LIT("https://"))) {
			it = sv_report_set(rep, SV_CHK_PROV_URL, SV_FAIL, "Url \"%v\" starts with https://; IAM stores provider URLs without it",
			                   ws->prov.url);
			create_provider_hint(ws, it, "this is not a provider as IAM stores it. ");
		} else if ((want.n == ws->prov.url.n + 1 && sv_has_prefix(want, ws->prov.url) && want.p[want.n - 1] == '/') ||
		           (ws->prov.url.n == want.n + 1 && sv_has_prefix(ws->prov.url, want) &&
		            ws->prov.url.p[ws->prov.url.n - 1] == '/')) {
			it = sv_report_set(rep, SV_CHK_PROV_URL, SV_FAIL, "Url \"%v\" and iss \"%v\" differ only in a trailing slash; they must match exactly",
			                   ws->prov.url, ws->iss);
			create_provider_hint(ws, it, "the trailing slash counts. ");
		} else if (sv_eq_nocase(ws->prov.url, want)) {
			it = sv_report_set(rep, SV_CHK_PROV_URL, SV_FAIL, "Url \"%v\" and iss \"%v\" differ in letter case; they must match exactly",
			                   ws->prov.url, ws->iss);
			create_provider_hint(ws, it, "");
		} else {
			it = sv_report_set(rep, SV_CHK_PROV_URL, SV_FAIL, "Url \"%v\" is not this token's issuer \"%v\"", ws->prov.url, ws->iss);
			create_provider_hint(ws, it, "the provider given is for another issuer (another cluster, or the issuer changed). ");
		}
	}

	/* prov.account */
	if (!in->provider_arn.p) {
		sv_sv acct, part;
		int n;
		if (!ws->rarn_ok) {
			skip(rep, SV_CHK_PROV_ACCOUNT, ws->role_arn.p ? "req.role-arn" : "the role ARN");
		} else if (!ws->prov_url.p) {
			skip(rep, SV_CHK_PROV_ACCOUNT, "the provider URL (--provider, or a token with an https iss)");
		} else if ((n = federated_account(ws, &part, &acct)) == 0) {
			skip(rep, SV_CHK_PROV_ACCOUNT, "--provider-arn (get-open-id-connect-provider output does not name its account, "
			                              "and no trust-policy statement names this provider)");
		} else if (n < 0 || !sv_eq(acct, ws->rarn.account) || !sv_eq(part, ws->rarn.partition)) {
			it = sv_report_set(rep, SV_CHK_PROV_ACCOUNT, SV_FAIL,
			                   "the trust policy trusts this provider in %v account %v, the role is in %v account %v",
			                   part, acct, ws->rarn.partition, ws->rarn.account);
			if (ws->iss.p)
				create_provider_hint(ws, it, "STS looks for the provider in the role's own account only (the account is taken "
				                             "from the trust policy's Federated ARN; pass --provider-arn to state it). ");
		} else {
			sv_report_set(rep, SV_CHK_PROV_ACCOUNT, SV_PASS,
			              "in the role's account %v (%v), as the trust policy's Federated ARN says", acct, part);
		}
	} else if (!ws->rarn_ok) {
		skip(rep, SV_CHK_PROV_ACCOUNT, "req.role-arn");
	} else {
		sv_sv p, a, u;
		sv_err e;
		(void)sv_provider_arn_parse(in->provider_arn, &p, &a, &u, &e);    /* checked in sv_check_run */
		if (!sv_eq(a, ws->rarn.account) || !sv_eq(p, ws->rarn.partition)) {
			it = sv_report_set(rep, SV_CHK_PROV_ACCOUNT, SV_FAIL,
			                   "the provider is in %v account %v, the role in %v account %v",
			                   p, a, ws->rarn.partition, ws->rarn.account);
			if (ws->iss.p)
				create_provider_hint(ws, it, "STS looks for the provider in the role's own account only. ");
		} else if (ws->iss.p && sv_has_prefix(ws->iss, SV_LIT("https://")) &&
		           !sv_eq(u, sv_slice(ws->iss, 8, ws->iss.n))) {
			it = sv_report_set(rep, SV_CHK_PROV_ACCOUNT, SV_FAIL, "--provider-arn names provider \"%v\", not this token's issuer \"%v\"",
			                   u, ws->iss);
			create_provider_hint(ws, it, "");
		} else {
			sv_report_set(rep, SV_CHK_PROV_ACCOUNT, SV_PASS, "in the role's account %v (%v)", a, p);
		}
	}
}

/* ---- discovery ----------------------------------------------------------- */

static void gate_discovery(sv_check_ws *ws, const sv_token *t, sv_report *rep)
{
	const sv_discovery *d = &ws->disc;
	sv_item *it;

	if (!ws->has_disc) {
		skip(rep, SV_CHK_DISC_ISSUER, "--discovery (the issuer's .well-known/openid-configuration)");
		skip(rep, SV_CHK_DISC_JWKS_URI, "--discovery");
		skip(rep, SV_CHK_DISC_ALG, "--discovery");
		return;
	}
	/* disc.issuer */
	if (d->issuer_state == SV_F_ABSENT) {
		it = sv_report_set(rep, SV_CHK_DISC_ISSUER, SV_FAIL, "the discovery document has no \"issuer\"");
		hintf(it, "publish {\"issuer\": \"<iss>\", \"jwks_uri\": \"https://...\", ...} at <iss>/.well-known/openid-configuration");
	} else if (d->issuer_state == SV_F_BADTYPE) {
		it = sv_report_set(rep, SV_CHK_DISC_ISSUER, SV_FAIL, "\"issuer\" is not a string: %v", d->issuer);
	} else if (!ws->iss.p) {
		skip(rep, SV_CHK_DISC_ISSUER, t->decoded ? "clm.iss" : "a token");
	} else if (!sv_eq(d->issuer, ws->iss)) {
		it = sv_report_set(rep, SV_CHK_DISC_ISSUER, SV_FAIL, "issuer \"%v\" is not the token's iss \"%v\"%s", d->issuer, ws->iss,
		                   (d->issuer.n + 1 == ws->iss.n || ws->iss.n + 1 == d->issuer.n) &&
		                   (sv_has_prefix(d->issuer, ws->iss) || sv_has_prefix(ws->iss, d->issuer)) ?
		                   " (a trailing slash)" : "");
		hintf(it, "the discovery document must name exactly the issuer the tokens carry; republish it with \"issuer\": \"%v\" (or fix --service-account-issuer)",
		      ws->iss);
	} else {
		sv_report_set(rep, SV_CHK_DISC_ISSUER, SV_PASS, "issuer equals iss");
	}

	/* disc.jwks-uri */
	if (d->jwks_uri_state == SV_F_ABSENT) {
		it = sv_report_set(rep, SV_CHK_DISC_JWKS_URI, SV_FAIL, "the discovery document has no \"jwks_uri\"");
		hintf(it, "add \"jwks_uri\": \"https://.../keys.json\" pointing at the published JWKS");
	} else if (d->jwks_uri_state == SV_F_BADTYPE) {
		sv_report_set(rep, SV_CHK_DISC_JWKS_URI, SV_FAIL, "\"jwks_uri\" is not a string: %v", d->jwks_uri);
	} else if (!sv_has_prefix(d->jwks_uri, SV_LIT("https://")) || url_host(d->jwks_uri).n == 0) {
		it = sv_report_set(rep, SV_CHK_DISC_JWKS_URI, SV_FAIL, "jwks_uri \"%v\" is not an https:// URL", d->jwks_uri);
		hintf(it, "STS fetches the keys over HTTPS only and answers \"%s\"; publish the JWKS at an https URL", MSG_KEY);
	} else {
		sv_report_set(rep, SV_CHK_DISC_JWKS_URI, SV_PASS, "\"%v\"", d->jwks_uri);
	}

	/* disc.alg */
	if (d->algs_bad) {
		it = sv_report_set(rep, SV_CHK_DISC_ALG, SV_FAIL, "id_token_signing_alg_values_supported is not a list of strings");
		hintf(it, "publish it as a list, e.g. [\"RS256\"]");
	} else if (!t->decoded || t->hdr.alg_state != SV_F_OK) {
		skip(rep, SV_CHK_DISC_ALG, t->decoded ? "hdr.alg" : "a token");
	} else if (d->algs_tok < 0) {
		it = sv_report_set(rep, SV_CHK_DISC_ALG, SV_WARN, "the discovery document does not list id_token_signing_alg_values_supported");
		hintf(it, "AWS lists it among the fields an OIDC discovery document should carry; add [\"%v\"]", t->hdr.alg_name);
	} else if (!sv_discovery_lists_alg(d, t->hdr.alg_name)) {
		char list[160];
		sv_buf b;
		sv_buf_init(&b, list, sizeof list);
		json_list(&b, &d->doc, d->algs_tok);
		it = sv_report_set(rep, SV_CHK_DISC_ALG, SV_FAIL, "the token is signed %v but the issuer lists %s", t->hdr.alg_name, list);
		hintf(it, "the issuer says it signs only with %s; either the token comes from elsewhere or the document is stale: add \"%v\"",
		      list, t->hdr.alg_name);
	} else {
		sv_report_set(rep, SV_CHK_DISC_ALG, SV_PASS, "%v is listed", t->hdr.alg_name);
	}
}

/* ---- thumbprint ------------------------------------------------------- */

/* Hosts for which AWS uses its trusted-CA library, never the thumbprint (IAM user guide). */
static const char *ca_library_host(sv_sv host)
{
	size_t i = 0;
	if (sv_has_suffix(host, SV_LIT(".amazonaws.com")) || sv_has_suffix(host, SV_LIT(".amazonaws.com.cn"))) {
		/* any label "s3" or "s3-<region>": bucket.s3.amazonaws.com, bucket.s3.us-east-1.amazonaws.com, s3-eu-west-1... */
		while (i < host.n) {
			size_t end = sv_find(host, '.', i);
			sv_sv label;
			if (end == (size_t)-1)
				end = host.n;
			label = sv_slice(host, i, end);
			if (sv_eq(label, SV_LIT("s3")) || sv_has_prefix(label, SV_LIT("s3-")))
				return "an Amazon S3 bucket";
			i = end + 1;
		}
	}
	if (sv_eq(host, SV_LIT("www.googleapis.com")) || sv_eq(host, SV_LIT("accounts.google.com")))
		return "Google";
	if (sv_has_suffix(host, SV_LIT(".auth0.com")))
		return "Auth0";
	return NULL;
}

static void gate_thumbprint(sv_check_ws *ws, sv_report *rep)
{
	const sv_provider *p = &ws->prov;
	char hex[41], list[320];
	sv_buf b;
	sv_item *it;
	sv_sv host, thumb;
	const char *ca;
	int e, k, n, hit = 0, case_only = 0;

	if (!ws->has_prov) {
		skip(rep, SV_CHK_PROV_THUMBPRINT, "--provider");
		return;
	}
	if (p->thumbs < 0 || p->nthumbs == 0) {
		sv_report_set(rep, SV_CHK_PROV_THUMBPRINT, SV_PASS,
		              "the provider lists no thumbprints: AWS verifies the jwks_uri host with its trusted CA library");
		return;
	}
	host = ws->has_disc && ws->disc.jwks_uri_state == SV_F_OK ? url_host(ws->disc.jwks_uri) : url_host(ws->iss);
	ca = ca_library_host(host);
	if (!ws->has_chain) {
		if (ca)
			sv_report_set(rep, SV_CHK_PROV_THUMBPRINT, SV_PASS,
			              "not used: the JWKS is on %v (%s), which AWS verifies with its trusted CA library", host, ca);
		else
			skip(rep, SV_CHK_PROV_THUMBPRINT, "--chain (the PEM chain the jwks_uri host serves: openssl s_client -showcerts -connect HOST:443)");
		return;
	}
	sv_buf_init(&b, hex, sizeof hex);
	sv_buf_hex(&b, ws->thumb, 20);
	thumb = sv_from_cstr(hex);
	n = sv_json_count(&p->doc, p->thumbs);
	for (k = 0, e = p->thumbs + 1; k < n; k++, e = sv_json_next(&p->doc, e)) {
		sv_sv t = sv_json_raw(&p->doc, e);
		if (sv_eq(t, thumb))
			hit = 1;
		else if (sv_eq_nocase(t, thumb))
			hit = case_only = 1;
	}
	if (hit) {
		sv_report_set(rep, SV_CHK_PROV_THUMBPRINT, SV_PASS, "the last of %z certificates has SHA-1 %s, listed%s", ws->ncerts, hex,
		              case_only ? " (in other letter case)" : "");
		return;
	}
	sv_buf_init(&b, list, sizeof list);
	json_list(&b, &p->doc, p->thumbs);
	if (ca) {
		it = sv_report_set(rep, SV_CHK_PROV_THUMBPRINT, SV_WARN,
		                   "the last of %z certificates has SHA-1 %s, not in %s; AWS does not use it for %v (%s)", ws->ncerts,
		                   hex, list, host, ca);
		hintf(it, "for Google, Auth0 and S3-hosted JWKS AWS trusts its CA library; the thumbprint list is kept only for other hosts");
		return;
	}
	it = sv_report_set(rep, SV_CHK_PROV_THUMBPRINT, SV_FAIL,
	                   "the last of %z certificates %s%v has SHA-1 %s, not in ThumbprintList %s", ws->ncerts,
	                   host.n ? "served by " : "", host, hex, list);
	sv_buf_init(&b, list, sizeof list);
	for (k = 0, e = p->thumbs + 1; k < n; k++, e = sv_json_next(&p->doc, e))
		sv_buf_fmt(&b, "%v ", sv_json_raw(&p->doc, e));
	hintf(it, "STS answers \"%s\" when it falls back to the thumbprint (a certificate not publicly trusted). Add it: "
	          "aws iam update-open-id-connect-provider-thumbprint --open-id-connect-provider-arn %v --thumbprint-list %s%s "
	          "(take the chain from the jwks_uri host, not the issuer host)",
	      MSG_THUMB, ws->parn.p ? ws->parn : SV_LIT("<provider-arn>"), list, hex);
}

/* ---- keys --------------------------------------------------------------- */

static void gate_keys(sv_check_ws *ws, const sv_verify_opts *vo, sv_report *rep)
{
	sv_item *it;
	if (!ws->v.tok.decoded) {
		skip(rep, SV_CHK_JWKS_KEYS, "a token");
		skip(rep, SV_CHK_KEY_SELECT, "a token");
		skip(rep, SV_CHK_KEY_PARAMS, "a token");
		skip(rep, SV_CHK_SIG_VALID, "a token");
		return;
	}
	if (!ws->has_jwks) {
		skip(rep, SV_CHK_JWKS_KEYS, "--jwks (the document at jwks_uri)");
		skip(rep, SV_CHK_KEY_SELECT, "--jwks");
		skip(rep, SV_CHK_KEY_PARAMS, "--jwks");
		skip(rep, SV_CHK_SIG_VALID, "--jwks");
		return;
	}
	sv_verify_keys(&ws->v, vo, rep);
	it = sv_report_find(rep, SV_CHK_KEY_SELECT);
	if (it && it->status == SV_FAIL && ws->v.tok.hdr.kid_state == SV_F_OK) {
		const char *conv = convention(ws);
		sv_sv where = ws->has_disc && ws->disc.jwks_uri_state == SV_F_OK ? ws->disc.jwks_uri : SV_LIT("jwks_uri");
		if (conv && conv[0] == 'O')
			hintf(it, "STS answers \"%s\": the key that signed this token (kid \"%v\") is not published at %v. "
			          "On OpenShift the bound service-account signing key was rotated without updating keys.json in the OIDC bucket: "
			          "add the new public key to keys.json (keep the old one until every token signed by it has expired), "
			          "e.g. ccoctl aws rotate-signing-key, then retry; restarting the pod only helps once the key is published",
			      MSG_KEY, ws->v.tok.hdr.kid, where);
		else
			hintf(it, "STS answers \"%s\": the key that signed this token (kid \"%v\") is not published at %v. "
			          "Publish the current signing key there, keeping old and new keys side by side while rotating",
			      MSG_KEY, ws->v.tok.hdr.kid, where);
	}
}

/* ---- audience -------------------------------------------------------- */

static void gate_audience(sv_check_ws *ws, sv_report *rep)
{
	const sv_claims *c = &ws->v.tok.clm;
	char aud[200], cl[200];
	sv_buf b;
	sv_item *it;
	size_t i;
	const char *conv = convention(ws);

	if (!ws->has_prov) {
		skip(rep, SV_CHK_PROV_AUD, "--provider");
		return;
	}
	if (!ws->v.tok.decoded || c->aud_state != SV_F_OK) {
		skip(rep, SV_CHK_PROV_AUD, ws->v.tok.decoded ? "clm.aud" : "a token");
		return;
	}
	sv_buf_init(&b, aud, sizeof aud);
	aud_list(&b, c);
	sv_buf_init(&b, cl, sizeof cl);
	json_list(&b, &ws->prov.doc, ws->prov.clients);
	for (i = 0; i < c->naud; i++) {
		if (sv_provider_has_client(&ws->prov, c->aud[i])) {
			sv_report_set(rep, SV_CHK_PROV_AUD, SV_PASS, "\"%v\" is in ClientIDList %s%s%s%s", c->aud[i], cl,
			              conv ? " (" : "", conv ? conv : "", conv ? " convention)" : "");
			return;
		}
	}
	it = sv_report_set(rep, SV_CHK_PROV_AUD, SV_FAIL, "aud %s: none is in ClientIDList %s", aud, cl);
	if (conv && conv[0] == 'O' && sv_provider_has_client(&ws->prov, SV_LIT("sts.amazonaws.com")))
		hintf(it, "STS answers \"%s\". This is an OpenShift token (aud \"openshift\") and the provider was set up for EKS (sts.amazonaws.com); add the client ID: "
		          "aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn %v --client-id openshift",
		      MSG_AUDIENCE, ws->parn.p ? ws->parn : SV_LIT("<provider-arn>"));
	else if (conv && conv[0] == 'E' && sv_provider_has_client(&ws->prov, SV_LIT("openshift")))
		hintf(it, "STS answers \"%s\". This is an EKS-style token (aud \"sts.amazonaws.com\") and the provider only knows OpenShift's \"openshift\"; add the client ID: "
		          "aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn %v --client-id sts.amazonaws.com",
		      MSG_AUDIENCE, ws->parn.p ? ws->parn : SV_LIT("<provider-arn>"));
	else
		hintf(it, "STS answers \"%s\". Add the token's audience to the provider: "
		          "aws iam add-client-id-to-open-id-connect-provider --open-id-connect-provider-arn %v --client-id %v "
		          "(or request the token with an audience the provider lists)",
		      MSG_AUDIENCE, ws->parn.p ? ws->parn : SV_LIT("<provider-arn>"), c->aud[0]);
}

/* ---- trust policy --------------------------------------------------------- */

static sv_sv name_in(sv_check_ws *ws, sv_sv a, sv_sv b)
{
	sv_sv r;
	if (ws->names_used + a.n + b.n > sizeof ws->names)
		return SV_NULL;
	r.p = ws->names + ws->names_used;
	memcpy(ws->names + ws->names_used, a.p, a.n);
	if (b.n)
		memcpy(ws->names + ws->names_used + a.n, b.p, b.n);
	r.n = a.n + b.n;
	ws->names_used += r.n;
	return r;
}

static int add_key(sv_check_ws *ws, sv_sv name, const sv_sv *vals, size_t n, int multi)
{
	size_t i;
	sv_pol_key *k;
	if (!name.p || ws->nkeys == SV_MAX_CONTEXT_KEYS || ws->nvals + n > SV_MAX_CONTEXT_VALUES) {
		ws->keys_over = 1;
		return -1;
	}
	k = &ws->keys[ws->nkeys++];
	k->name = name;
	k->vals = ws->vals + ws->nvals;
	for (i = 0; i < n; i++)
		ws->vals[ws->nvals++] = vals[i];
	k->n = n;
	k->multi = multi;
	return 0;
}

/* Values of a claim that is a string or an array of strings. */
static size_t claim_strings(sv_check_ws *ws, int tok, sv_sv *out, size_t cap)
{
	const sv_json *d = &ws->v.tok.cdoc;
	int e, k, n;
	size_t w = 0;
	if (tok < 0)
		return 0;
	if (sv_json_type(d, tok) == JSMN_STRING) {
		if (cap && sv_json_str(d, tok, &ws->darena, &out[0]) == SV_OK)
			return 1;
		return 0;
	}
	if (sv_json_type(d, tok) != JSMN_ARRAY)
		return 0;
	n = sv_json_count(d, tok);
	for (k = 0, e = tok + 1; k < n; k++, e = sv_json_next(d, e)) {
		if (w == cap) {
			ws->keys_over = 1;
			break;
		}
		if (sv_json_type(d, e) == JSMN_STRING && sv_json_str(d, e, &ws->darena, &out[w]) == SV_OK)
			w++;
	}
	return w;
}

static void build_context(sv_check_ws *ws)
{
	const sv_token *t = &ws->v.tok;
	const sv_claims *c = &t->clm;
	sv_sv pre = ws->prov_url, tmp[SV_MAX_AUDIENCES];
	size_t i, n;

	ws->nkeys = ws->nvals = ws->names_used = 0;
	ws->keys_over = 0;
	if (c->sub_state == SV_F_OK)
		add_key(ws, name_in(ws, pre, SV_LIT(":sub")), &c->sub, 1, 0);
	if (c->aud_state == SV_F_OK) {
		/* the audience STS matched against ClientIDList is the key's value; unknown: all of them */
		n = 0;
		if (ws->has_prov)
			for (i = 0; i < c->naud; i++)
				if (sv_provider_has_client(&ws->prov, c->aud[i]))
					tmp[n++] = c->aud[i];
		if (n == 0)
			for (i = 0; i < c->naud; i++)
				tmp[n++] = c->aud[i];
		add_key(ws, name_in(ws, pre, SV_LIT(":aud")), tmp, n, n > 1);
	}
	if (c->azp_state == SV_F_OK)
		add_key(ws, name_in(ws, pre, SV_LIT(":azp")), &c->azp, 1, 0);
	if (c->amr_tok >= 0) {
		sv_sv amr[32];
		n = claim_strings(ws, c->amr_tok, amr, 32);
		add_key(ws, name_in(ws, pre, SV_LIT(":amr")), amr, n, 1);
	}
	if (ws->session.p)
		add_key(ws, SV_LIT("sts:RoleSessionName"), &ws->session, 1, 0);
	if (c->tags_tok >= 0 && sv_json_type(&t->cdoc, c->tags_tok) == JSMN_OBJECT) {
		const sv_json *d = &t->cdoc;
		int pt = sv_json_get(d, c->tags_tok, SV_LIT("principal_tags")), j, k, m;
		sv_sv tagkeys[64];
		size_t nk = 0;
		if (pt >= 0 && sv_json_type(d, pt) == JSMN_OBJECT) {
			m = sv_json_count(d, pt);
			for (k = 0, j = pt + 1; k < m; k++, j = sv_json_next(d, j + 1)) {
				sv_sv kn, vals[16];
				size_t nv;
				if (sv_json_str(d, j, &ws->darena, &kn) != SV_OK)
					continue;
				if (nk < 64)
					tagkeys[nk++] = kn;
				else
					ws->keys_over = 1;
				nv = claim_strings(ws, j + 1, vals, 16);
				add_key(ws, name_in(ws, SV_LIT("aws:RequestTag/"), kn), vals, nv, 0);
			}
		}
		add_key(ws, SV_LIT("aws:TagKeys"), tagkeys, nk, 1);
	}
}

/* The claim a condition key names: the text after its last ':'. */
static sv_sv key_claim(sv_sv key)
{
	size_t i = key.n;
	while (i > 0 && key.p[i - 1] != ':')
		i--;
	return sv_slice(key, i, key.n);
}

static sv_sv key_prefix(sv_sv key)
{
	size_t i = key.n;
	while (i > 0 && key.p[i - 1] != ':')
		i--;
	return sv_slice(key, 0, i ? i - 1 : 0);
}

/* Splits system:serviceaccount:NS:SA. */
static int sa_split(sv_sv s, sv_sv *ns, sv_sv *sa)
{
	size_t c;
	if (!sv_has_prefix(s, SV_LIT("system:serviceaccount:")))
		return 0;
	s = sv_slice(s, 22, s.n);
	c = sv_find(s, ':', 0);
	if (c == (size_t)-1)
		return 0;
	*ns = sv_slice(s, 0, c);
	*sa = sv_slice(s, c + 1, s.n);
	return 1;
}

static sv_sv str_tok(sv_check_ws *ws, const sv_json *d, int i)
{
	sv_sv s;
	if (i < 0)
		return SV_LIT("");
	if (sv_json_type(d, i) == JSMN_STRING && sv_json_str(d, i, &ws->darena, &s) == SV_OK)
		return s;
	return sv_json_raw(d, i);
}

/* One failing condition, in words. */
static void describe_cond(sv_check_ws *ws, const sv_json *d, const sv_pol_cond *c, sv_buf *b)
{
	sv_sv op = str_tok(ws, d, c->op_tok), key = str_tok(ws, d, c->key_tok);
	sv_sv claim = key_claim(key), near = c->near_tok >= 0 ? str_tok(ws, d, c->near_tok) : SV_LIT("");
	sv_sv ns1, sa1, ns2, sa2;

	sv_buf_fmt(b, "%v %v", op, key);
	switch (c->why) {
	case SV_WHY_WILDCARD_EXACT:
		sv_buf_fmt(b, " \"%v\" vs the token's \"%v\": '*' and '?' are literal under %v; StringLike would match", near, c->actual, op);
		break;
	case SV_WHY_CASE:
		sv_buf_fmt(b, " \"%v\" vs the token's \"%v\": they differ only in letter case (%v is case-sensitive)", near, c->actual, op);
		break;
	case SV_WHY_NO_MATCH:
		if (sa_split(near, &ns1, &sa1) && sa_split(c->actual, &ns2, &sa2)) {
			if (!sv_eq(ns1, ns2) && !sv_eq(sa1, sa2))
				sv_buf_fmt(b, " \"%v\" vs the token's \"%v\": both the namespace and the service account differ", near, c->actual);
			else if (!sv_eq(ns1, ns2))
				sv_buf_fmt(b, " \"%v\" vs the token's \"%v\": namespace \"%v\", the pod runs in \"%v\"", near, c->actual, ns1, ns2);
			else
				sv_buf_fmt(b, " \"%v\" vs the token's \"%v\": service account \"%v\", the pod uses \"%v\"", near, c->actual, sa1, sa2);
		} else {
			sv_buf_fmt(b, " \"%v\" vs the token's %v \"%v\": no listed value matches", near, claim, c->actual);
		}
		break;
	case SV_WHY_KEY_ABSENT:
		if (!sv_eq_nocase(key_prefix(key), ws->prov_url) && sv_find(key, '/', 0) != (size_t)-1)
			sv_buf_fmt(b, ": the key names provider \"%v\", not this token's \"%v\", so the request has no such key", key_prefix(key),
			           ws->prov_url);
		else
			sv_buf_fmt(b, ": the request has no %v value (the token has no such claim)", claim);
		break;
	case SV_WHY_NEGATED_MATCH:
		sv_buf_fmt(b, " excludes \"%v\" and the token's %v is \"%v\"", near, claim, c->actual);
		break;
	case SV_WHY_NULL:
		sv_buf_fmt(b, " \"%v\": the key is %s", near, c->key && c->key->n ? "present" : "absent");
		break;
	case SV_WHY_FORALL:
		sv_buf_fmt(b, ": the token's value \"%v\" is not in the list", c->actual);
		break;
	case SV_WHY_BAD_VALUE:
		sv_buf_fmt(b, " \"%v\": Null takes \"true\" or \"false\"", near);
		break;
	case SV_WHY_UNSUPPORTED:
		sv_buf_str(b, ": an operator stsverify does not evaluate");
		break;
	default:
		break;
	}
}

/* The corrected condition, as JSON, when there is an obvious one; 0 when not. */
static int fix_cond(sv_check_ws *ws, const sv_json *d, const sv_pol_cond *c, sv_buf *b)
{
	sv_sv op = str_tok(ws, d, c->op_tok), key = str_tok(ws, d, c->key_tok);
	sv_sv near = c->near_tok >= 0 ? str_tok(ws, d, c->near_tok) : SV_LIT("");
	sv_sv claim = key_claim(key);
	char k2[300];
	sv_buf kb;

	switch (c->why) {
	case SV_WHY_WILDCARD_EXACT:
		sv_buf_str(b, "{\"StringLike\": {");
		sv_buf_json(b, key);
		sv_buf_str(b, ": ");
		sv_buf_json(b, near);
		sv_buf_str(b, "}}");
		return 1;
	case SV_WHY_CASE:
	case SV_WHY_NO_MATCH:
		if (!c->actual.p)
			return 0;
		sv_buf_str(b, "{");
		sv_buf_json(b, op);
		sv_buf_str(b, ": {");
		sv_buf_json(b, key);
		sv_buf_str(b, ": ");
		sv_buf_json(b, c->actual);
		sv_buf_str(b, "}}");
		return 1;
	case SV_WHY_KEY_ABSENT:
		if (sv_eq_nocase(key_prefix(key), ws->prov_url) || !ws->prov_url.p)
			return 0;
		sv_buf_init(&kb, k2, sizeof k2);
		sv_buf_fmt(&kb, "%v:%v", ws->prov_url, claim);
		sv_buf_str(b, "{");
		sv_buf_json(b, op);
		sv_buf_str(b, ": {");
		sv_buf_json(b, sv_from_cstr(k2));
		sv_buf_str(b, ": ");
		if (c->val_tok >= 0 && sv_json_type(d, c->val_tok) == JSMN_STRING)
			sv_buf_json(b, str_tok(ws, d, c->val_tok));
		else
			sv_buf_sv(b, sv_json_raw(d, c->val_tok));
		sv_buf_str(b, "}}");
		return 1;
	default:
		return 0;
	}
}

static void stmt_name(sv_check_ws *ws, const sv_json *d, int obj, size_t idx, sv_buf *b)
{
	int sid = sv_json_get(d, obj, SV_LIT("Sid"));
	if (sid >= 0 && sv_json_raw(d, sid).n)
		sv_buf_fmt(b, "statement %z (Sid \"%v\")", idx + 1, str_tok(ws, d, sid));
	else
		sv_buf_fmt(b, "statement %z", idx + 1);
}

static void canonical_statement(sv_check_ws *ws, sv_buf *b)
{
	const sv_claims *c = &ws->v.tok.clm;
	char k[300];
	sv_buf kb;
	sv_buf_str(b, "{\"Effect\": \"Allow\", \"Principal\": {\"Federated\": ");
	sv_buf_json(b, ws->parn);
	sv_buf_str(b, "}, \"Action\": \"sts:AssumeRoleWithWebIdentity\", \"Condition\": {\"StringEquals\": {");
	sv_buf_init(&kb, k, sizeof k);
	sv_buf_fmt(&kb, "%v:sub", ws->prov_url);
	sv_buf_json(b, sv_from_cstr(k));
	sv_buf_str(b, ": ");
	sv_buf_json(b, c->sub_state == SV_F_OK ? c->sub : SV_LIT("system:serviceaccount:<ns>:<sa>"));
	if (c->aud_state == SV_F_OK && c->naud) {
		size_t i;
		sv_sv a = c->aud[0];
		for (i = 0; i < c->naud; i++)
			if (ws->has_prov && sv_provider_has_client(&ws->prov, c->aud[i]))
				a = c->aud[i];
		sv_buf_init(&kb, k, sizeof k);
		sv_buf_fmt(&kb, "%v:aud", ws->prov_url);
		sv_buf_str(b, ", ");
		sv_buf_json(b, sv_from_cstr(k));
		sv_buf_str(b, ": ");
		sv_buf_json(b, a);
	}
	sv_buf_str(b, "}}}");
}

/* The Federated principal(s) a statement names, for a message. */
static void federated_of(sv_check_ws *ws, const sv_json *d, int obj, sv_buf *b)
{
	int p = sv_json_get(d, obj, SV_LIT("Principal")), f;
	if (p < 0) {
		p = sv_json_get(d, obj, SV_LIT("NotPrincipal"));
		sv_buf_str(b, p < 0 ? "no Principal" : "a NotPrincipal");
		return;
	}
	if (sv_json_type(d, p) != JSMN_OBJECT) {
		sv_buf_fmt(b, "Principal %v", sv_json_raw(d, p));
		return;
	}
	f = sv_json_get(d, p, SV_LIT("Federated"));
	if (f < 0) {
		sv_buf_str(b, "no Federated principal");
		return;
	}
	if (sv_json_type(d, f) == JSMN_STRING)
		sv_buf_fmt(b, "Federated \"%v\"", str_tok(ws, d, f));
	else
		sv_buf_fmt(b, "Federated %v", sv_json_raw(d, f));
}

static void explain_implicit_deny(sv_check_ws *ws, sv_report *rep)
{
	const sv_json *d = ws->pol.doc;
	const sv_pol_result *r = &ws->assume;
	char det[SV_MAX_DETAIL_BYTES], hint[SV_MAX_HINT_BYTES], sn[120];
	sv_buf b, h, s;
	sv_item *it;
	const sv_pol_stmt *st;
	size_t i;

	sv_buf_init(&b, det, sizeof det);
	sv_buf_init(&h, hint, sizeof hint);
	sv_buf_fmt(&h, "STS answers AccessDenied: \"%s\". ", MSG_DENIED);
	if (r->closest < 0) {
		sv_buf_str(&b, "the trust policy has no Allow statement");
		sv_buf_str(&h, "Add this statement: ");
		canonical_statement(ws, &h);
		goto out;
	}
	st = &r->st[r->closest];
	sv_buf_init(&s, sn, sizeof sn);
	stmt_name(ws, d, st->obj, (size_t)r->closest, &s);
	if (!st->action) {
		int a = sv_json_get(d, st->obj, SV_LIT("Action"));
		sv_buf_fmt(&b, "no statement allows %s; the nearest, %s, allows %v", ACTION, sn,
		           a >= 0 ? sv_json_raw(d, a) : SV_LIT("(NotAction)"));
		sv_buf_fmt(&h, "Allow the action in %s: \"Action\": \"%s\"", sn, ACTION);
		goto out;
	}
	if (!st->principal) {
		char fed[200];
		sv_buf fb;
		sv_buf_init(&fb, fed, sizeof fed);
		federated_of(ws, d, st->obj, &fb);
		sv_buf_fmt(&b, "%s names %s, not this provider \"%v\"", sn, fed, ws->parn);
		sv_buf_str(&h, "The statement must name the provider the token comes from (in the role's account): \"Principal\": {\"Federated\": ");
		sv_buf_json(&h, ws->parn);
		sv_buf_fmt(&h, "}, and its condition keys start with \"%v:\" (e.g. \"%v:sub\")", ws->prov_url, ws->prov_url);
		goto out;
	}
	if (!st->resource) {
		sv_buf_fmt(&b, "%s has a Resource that does not match", sn);
		goto out;
	}
	/* the conditions */
	sv_buf_fmt(&b, "%s: ", sn);
	for (i = 0; i < st->nfail; i++) {
		if (i)
			sv_buf_str(&b, "; ");
		describe_cond(ws, d, &st->fail[i], &b);
	}
	{
		int any = 0;
		char fx[SV_MAX_HINT_BYTES];
		sv_buf f;
		sv_buf_init(&f, fx, sizeof fx);
		for (i = 0; i < st->nfail; i++) {
			char one[400];
			sv_buf o;
			sv_buf_init(&o, one, sizeof one);
			if (fix_cond(ws, d, &st->fail[i], &o)) {
				sv_buf_str(&f, any ? ", and " : "");
				sv_buf_str(&f, one);
				any = 1;
			}
		}
		if (any)
			sv_buf_fmt(&h, "In %s use %s (conditions under one operator are ANDed; list several values to allow several subjects)",
			           sn, fx);
		else
			sv_buf_fmt(&h, "Make every condition of %s hold for this token, or add a statement for it", sn);
	}
out:
	it = sv_report_set(rep, SV_CHK_POL_ALLOW, SV_FAIL, "%s", det);
	hintf(it, "%s", hint);
}

/* pol.role: is the trust policy read the requested role's? */
static void gate_role(sv_check_ws *ws, sv_report *rep)
{
	sv_item *it;
	if (!ws->has_role) {
		skip(rep, SV_CHK_POL_ROLE, "--role (aws iam get-role output)");
	} else if (!ws->role.arn.p) {
		skip(rep, SV_CHK_POL_ROLE, "Role.Arn in --role (a bare policy document names no role)");
	} else if (!ws->role_arn.p) {
		skip(rep, SV_CHK_POL_ROLE, "the request's role ARN");
	} else if (ws->role_arn.p == ws->role.arn.p || sv_eq(ws->role_arn, ws->role.arn)) {
		sv_report_set(rep, SV_CHK_POL_ROLE, SV_PASS, "%v", ws->role.arn);
	} else {
		it = sv_report_set(rep, SV_CHK_POL_ROLE, SV_WARN, "--role describes %v but the request names %v", ws->role.arn, ws->role_arn);
		hintf(it, "the trust policy evaluated below is not the requested role's; run aws iam get-role --role-name %v",
		      ws->rarn_ok ? ws->rarn.name : SV_LIT("<name>"));
	}
}

static void gate_policy(sv_check_ws *ws, sv_report *rep)
{
	const sv_token *t = &ws->v.tok;
	const sv_json *d;
	sv_pol_ctx ctx;
	sv_item *it;
	char sn[120];
	sv_buf s;

	if (!t->decoded) {
		skip(rep, SV_CHK_POL_DENY, "a token");
		skip(rep, SV_CHK_POL_ALLOW, "a token");
		skip(rep, SV_CHK_POL_TAG_SESSION, "a token");
		return;
	}
	if (!ws->has_role) {
		/* no trust policy to evaluate: say so, never predict AccessDenied from nothing */
		const char *why = "the role's trust policy (--role: aws iam get-role output)";
		skip(rep, SV_CHK_POL_DENY, why);
		skip(rep, SV_CHK_POL_ALLOW, why);
		skip(rep, SV_CHK_POL_TAG_SESSION, why);
		return;
	}
	if (!ws->parn.p || !ws->prov_url.p) {
		const char *why = "the provider ARN (--provider-arn, or a role ARN and the token's iss)";
		skip(rep, SV_CHK_POL_DENY, why);
		skip(rep, SV_CHK_POL_ALLOW, why);
		skip(rep, SV_CHK_POL_TAG_SESSION, why);
		return;
	}
	build_context(ws);
	if (ws->keys_over) {
		const char *why = "fewer claims: the token's amr/session tags exceed SV_MAX_CONTEXT_KEYS/SV_MAX_CONTEXT_VALUES";
		skip(rep, SV_CHK_POL_DENY, why);
		skip(rep, SV_CHK_POL_ALLOW, why);
		skip(rep, SV_CHK_POL_TAG_SESSION, why);
		return;
	}
	memset(&ctx, 0, sizeof ctx);
	ctx.action = sv_from_cstr(ACTION);
	ctx.principal_type = SV_LIT("Federated");
	ctx.principal = ws->parn;
	ctx.keys = ws->keys;
	ctx.nkeys = ws->nkeys;
	sv_arena_init(&ws->sarena, ws->sabuf, sizeof ws->sabuf);
	d = ws->pol.doc;
	if (sv_policy_eval(&ws->pol, &ctx, &ws->sarena, &ws->assume) != SV_OK) {
		skip(rep, SV_CHK_POL_DENY, "policy strings that fit SV_MAX_STRING_ARENA");
		skip(rep, SV_CHK_POL_ALLOW, "policy strings that fit SV_MAX_STRING_ARENA");
		skip(rep, SV_CHK_POL_TAG_SESSION, "policy strings that fit SV_MAX_STRING_ARENA");
		return;
	}

	/* pol.deny */
	if (ws->assume.decision == SV_POL_EXPLICIT_DENY) {
		sv_buf_init(&s, sn, sizeof sn);
		stmt_name(ws, d, ws->assume.st[ws->assume.deny].obj, (size_t)ws->assume.deny, &s);
		it = sv_report_set(rep, SV_CHK_POL_DENY, SV_FAIL, "%s denies this token (an explicit Deny wins over any Allow)", sn);
		hintf(it, "STS answers AccessDenied: \"%s\". Narrow or remove the Deny in %s if this workload should get the role", MSG_DENIED, sn);
	} else {
		sv_report_set(rep, SV_CHK_POL_DENY, SV_PASS, "no Deny statement applies");
	}

	/* pol.allow */
	if (ws->assume.allow >= 0) {
		const sv_pol_stmt *st = &ws->assume.st[ws->assume.allow];
		sv_buf_init(&s, sn, sizeof sn);
		stmt_name(ws, d, st->obj, (size_t)ws->assume.allow, &s);
		sv_report_set(rep, SV_CHK_POL_ALLOW, SV_PASS, "%s allows it (Federated \"%v\", %z condition%s)", sn, ws->parn,
		              st->nconds, st->nconds == 1 ? " holds" : "s hold");
	} else if (ws->assume.decision == SV_POL_UNDECIDED) {
		const sv_pol_stmt *st = ws->assume.closest >= 0 ? &ws->assume.st[ws->assume.closest] : NULL;
		char det[SV_MAX_DETAIL_BYTES];
		sv_buf b;
		sv_buf_init(&b, det, sizeof det);
		sv_buf_str(&b, "undecided: ");
		if (st && st->nfail)
			describe_cond(ws, d, &st->fail[0], &b);
		it = sv_report_set(rep, SV_CHK_POL_ALLOW, SV_WARN, "%s", det);
		hintf(it, "check that condition by hand; everything else in the statement holds");
	} else {
		explain_implicit_deny(ws, rep);
	}

	/* pol.tag-session */
	if (t->clm.tags_tok < 0) {
		sv_report_set(rep, SV_CHK_POL_TAG_SESSION, SV_PASS, "the token carries no session tags");
		return;
	}
	ctx.action = SV_LIT("sts:TagSession");
	if (sv_policy_eval(&ws->pol, &ctx, &ws->sarena, &ws->tag) != SV_OK) {
		skip(rep, SV_CHK_POL_TAG_SESSION, "policy strings that fit SV_MAX_STRING_ARENA");
		return;
	}
	if (ws->tag.decision == SV_POL_ALLOW) {
		sv_buf_init(&s, sn, sizeof sn);
		stmt_name(ws, d, ws->tag.st[ws->tag.allow].obj, (size_t)ws->tag.allow, &s);
		sv_report_set(rep, SV_CHK_POL_TAG_SESSION, SV_PASS, "the token carries session tags and %s allows sts:TagSession", sn);
	} else if (ws->tag.decision == SV_POL_UNDECIDED) {
		sv_report_set(rep, SV_CHK_POL_TAG_SESSION, SV_WARN, "undecided: a condition on sts:TagSession uses an operator stsverify does not evaluate");
	} else {
		it = sv_report_set(rep, SV_CHK_POL_TAG_SESSION, SV_FAIL,
		                   "the token carries session tags (https://aws.amazon.com/tags) and %s sts:TagSession",
		                   ws->tag.decision == SV_POL_EXPLICIT_DENY ? "a statement denies" : "no statement allows");
		hintf(it, "STS answers AccessDenied: \"%s\" for every role when tags are present but not allowed. "
		          "Add the action to the statement that admits the token: \"Action\": [\"%s\", \"sts:TagSession\"]",
		      MSG_DENIED, ACTION);
	}
}

/* ---- the answer --------------------------------------------------------- */

static void answer_for(sv_check_ws *ws, const sv_check_in *in, const sv_report *rep, sv_check_id g,
                       sv_sts_answer *ans)
{
	sv_buf b;
	const sv_claims *c = &ws->v.tok.clm;
	sv_buf_init(&b, ans->message, sizeof ans->message);
	ans->gate = g;
	ans->verbatim = 1;
	switch (g) {
	case SV_CHK_POD_ENV:
	case SV_CHK_POD_TOKEN_FILE:
	case SV_CHK_POD_CRED_CHAIN: {
		const sv_item *it = sv_report_get(rep, g);
		ans->code = NULL;
		ans->verbatim = 0;
		sv_buf_str(&b, it ? it->detail : "");
		return;
	}
	case SV_CHK_REQ_ROLE_ARN:
		if (in->role_arn_problem) {
			ans->code = NULL;
			ans->verbatim = 0;
			sv_buf_str(&b, in->role_arn_problem);
			return;
		}
		/* fall through */
	case SV_CHK_REQ_SESSION_NAME:
	case SV_CHK_REQ_DURATION:
	case SV_CHK_REQ_TOKEN_SIZE: {
		sv_sts_params p;
		unsigned bad;
		memset(&p, 0, sizeof p);
		p.role_arn = ws->role_arn;
		p.session_name = ws->session;
		p.token = in->jwt;
		p.has_duration = in->has_duration;
		p.duration = in->duration;
		p.max_session = ws->has_role ? ws->role.max_session : 0;
		ans->code = "ValidationError";
		if (sv_sts_validate(&p, ans->message, sizeof ans->message, &bad) == SV_OK)
			sv_buf_str(&b, MSG_FALLBACK);      /* cannot happen: a req row failed */
		/* Texts not seen from this operation ([U], docs/check.md "Decisions where the
		   sources are silent"): the WebIdentityToken and DurationSeconds constraint
		   texts, the MaxSessionDuration text (AssumeRole/SAML reports) and "<arn> is
		   invalid" (AssumeRole's). Only the RoleArn and RoleSessionName constraint
		   texts were seen from STS. */
		if ((bad & (SV_STS_BAD_TOKEN | SV_STS_BAD_DURATION)) ||
		    ((bad & SV_STS_BAD_ROLE_ARN) && !strstr(ans->message, " validation error")))
			ans->verbatim = 0;
		return;
	}
	case SV_CHK_ISS_URL:
	case SV_CHK_PROV_URL:
	case SV_CHK_PROV_ACCOUNT:
		ans->code = "InvalidIdentityToken";
		cat_fmt(&b, "iit.no-provider", ws->iss);
		return;
	case SV_CHK_DISC_ISSUER:
		ans->code = "InvalidIdentityToken";
		cat_fmt(&b, "iit.discovery", ws->iss.p ? ws->iss : SV_LIT(""));
		return;
	case SV_CHK_DISC_JWKS_URI:
	case SV_CHK_JWKS_KEYS:
	case SV_CHK_KEY_SELECT:
		ans->code = "InvalidIdentityToken";
		sv_buf_str(&b, MSG_KEY);
		return;
	case SV_CHK_KEY_PARAMS:
	case SV_CHK_DISC_ALG:
		ans->code = "InvalidIdentityToken";
		ans->verbatim = 0;
		sv_buf_str(&b, MSG_KEY);
		return;
	case SV_CHK_PROV_THUMBPRINT:
		ans->code = "InvalidIdentityToken";
		sv_buf_str(&b, MSG_THUMB);
		return;
	case SV_CHK_CLM_AUD:
		ans->code = "InvalidIdentityToken";
		if (c->aud_state == SV_F_ABSENT) {
			sv_buf_str(&b, MSG_NO_AUD);
		} else {
			ans->verbatim = 0;
			sv_buf_str(&b, MSG_FALLBACK);
		}
		return;
	case SV_CHK_PROV_AUD:
		ans->code = "InvalidIdentityToken";
		sv_buf_str(&b, MSG_AUDIENCE);
		return;
	case SV_CHK_CLM_EXP:
		if (c->exp.state == SV_ND_OK) {
			/* both spacings were seen; this is the newer report's (aws-sdk-java-v2#5709) */
			ans->code = "ExpiredTokenException";
			sv_buf_fmt(&b, "Token expired: current date/time %l must be before the expiration date/time %l", in->now,
			           c->exp.v);
		} else {
			ans->code = "InvalidIdentityToken";
			ans->verbatim = 0;
			sv_buf_str(&b, MSG_FALLBACK);
		}
		return;
	case SV_CHK_TOK_FORMAT:
		ans->code = "InvalidIdentityToken";
		if (in->token_problem && in->token_appended) {
			/* a JWT with a log line after it: STS answered with the audience error (webhook#232) */
			sv_buf_str(&b, MSG_AUDIENCE);
		} else {
			ans->verbatim = 0;
			sv_buf_str(&b, MSG_FALLBACK);
		}
		return;
	case SV_CHK_POL_ROLE:
	case SV_CHK_POL_DENY:
	case SV_CHK_POL_ALLOW:
	case SV_CHK_POL_TAG_SESSION:
		ans->code = "AccessDenied";
		sv_buf_str(&b, MSG_DENIED);
		return;
	default:
		/* tok.format, hdr.*, clm.iss/sub/nbf/iat, disc.alg, sig.valid: STS's words unknown */
		ans->code = "InvalidIdentityToken";
		ans->verbatim = 0;
		sv_buf_str(&b, MSG_FALLBACK);
		return;
	}
}

static void predict(sv_check_ws *ws, const sv_check_in *in, const sv_report *rep, sv_sts_answer *ans)
{
	size_t i;
	for (i = 0; sv_check_gates[i] != SV_CHK__COUNT; i++) {
		if (row_is(rep, sv_check_gates[i], SV_FAIL)) {
			ans->success = 0;
			answer_for(ws, in, rep, sv_check_gates[i], ans);
			return;
		}
	}
	/* a FAIL row outside the gate list still rejects */
	for (i = 0; i < rep->count; i++) {
		if (rep->items[i].status == SV_FAIL) {
			ans->success = 0;
			answer_for(ws, in, rep, rep->items[i].id, ans);
			return;
		}
	}
	ans->success = 1;
	ans->gate = SV_CHK__COUNT;
	ans->code = NULL;
	ans->message[0] = '\0';
	if (ws->rarn_ok)
		(void)sv_assumed_role_arn(&ws->rarn, ws->session, ans->assumed_role, sizeof ans->assumed_role, NULL);
}

/* ---- the whole check ----------------------------------------------------- */

static int load_docs(sv_check_ws *ws, const sv_check_in *in, sv_check_input *bad, sv_err *err)
{
	int rc;
	sv_arena_init(&ws->darena, ws->dabuf, sizeof ws->dabuf);
	if (in->discovery.p) {
		*bad = SV_IN_DISCOVERY;
		if ((rc = sv_discovery_parse(&ws->disc, in->discovery.p, in->discovery.n, ws->dtok, SV_MAX_DOC_TOKENS,
		                             &ws->darena, err)) != SV_OK)
			return rc;
		ws->has_disc = 1;
	}
	if (in->provider.p) {
		*bad = SV_IN_PROVIDER;
		if ((rc = sv_provider_parse(&ws->prov, in->provider.p, in->provider.n, ws->ptok, SV_MAX_DOC_TOKENS,
		                            &ws->darena, err)) != SV_OK)
			return rc;
		ws->has_prov = 1;
	}
	if (in->role.p) {
		*bad = SV_IN_ROLE;
		if ((rc = sv_role_parse(&ws->role, in->role.p, in->role.n, ws->rtok, SV_MAX_DOC_TOKENS, ws->qbuf,
		                        sizeof ws->qbuf, ws->qtok, SV_MAX_DOC_TOKENS, &ws->darena, err)) != SV_OK)
			return rc;
		ws->has_role = 1;
		if ((rc = sv_policy_parse(&ws->pol, &ws->role.pdoc, ws->role.proot, err)) != SV_OK) {
			if (ws->role.encoded) {
				char tmp[sizeof err->msg];
				memcpy(tmp, err->msg, sizeof tmp);
				sv_err_set(err, rc, err->pos, "AssumeRolePolicyDocument (decoded): %s", tmp);
			}
			return rc;
		}
		ws->has_pol = 1;
	}
	if (in->chain.p) {
		*bad = SV_IN_CHAIN;
		if ((rc = sv_thumb_chain(in->chain.p, in->chain.n, ws->thumb, &ws->ncerts, err)) != SV_OK)
			return rc;
		ws->has_chain = 1;
	}
	if (in->provider_arn.p) {
		sv_sv p, a, u;
		*bad = SV_IN_PROVIDER_ARN;
		if ((rc = sv_provider_arn_parse(in->provider_arn, &p, &a, &u, err)) != SV_OK)
			return rc;
	}
	*bad = SV_IN_NONE;
	return SV_OK;
}

int sv_check_run(sv_check_ws *ws, const sv_check_in *in, sv_report *rep, sv_sts_answer *ans,
                 sv_check_input *bad, sv_err *err)
{
	sv_verify_opts vo;
	sv_token *t = &ws->v.tok;
	const char *prov_failed;
	int rc;

	memset(ans, 0, sizeof *ans);
	ans->gate = SV_CHK__COUNT;
	ws->has_disc = ws->has_prov = ws->has_role = ws->has_pol = ws->has_jwks = ws->has_chain = 0;
	ws->rarn_ok = 0;
	ws->iss = ws->prov_url = ws->parn = SV_NULL;
	memset(t, 0, sizeof *t);
	*bad = SV_IN_NONE;
	if ((rc = load_docs(ws, in, bad, err)) != SV_OK)
		return rc;

	sv_verify_opts_init(&vo, in->now);
	vo.leeway = in->leeway;

	/* the token */
	if (in->token_problem) {
		sv_item *it = sv_report_set(rep, SV_CHK_TOK_FORMAT, SV_FAIL, "%s", in->token_problem);
		hintf(it, "the SDKs send the file verbatim: it must hold exactly one JWT (at most one trailing newline); "
		          "something else wrote into it, or it is not a token file");
	} else if (in->jwt.p) {
		(void)sv_token_decode(&ws->v, in->jwt.p, in->jwt.n, rep);
		sv_verify_token_format_hint(rep);
	} else {
		skip(rep, SV_CHK_TOK_FORMAT, "a token (--token, $AWS_WEB_IDENTITY_TOKEN_FILE, --credentials or --dir)");
	}
	if (in->jwks.p) {
		*bad = SV_IN_JWKS;
		/* after the token: its strings come first in the arena */
		if (!t->decoded)
			sv_arena_init(&ws->v.arena, ws->v.abuf, sizeof ws->v.abuf);
		if ((rc = sv_jwks_parse(&ws->v.jwks, in->jwks.p, in->jwks.n, ws->v.ktok, SV_MAX_JWKS_TOKENS,
		                        &ws->v.arena, err)) != SV_OK)
			return rc;
		ws->has_jwks = 1;
		*bad = SV_IN_NONE;
	}

	/* what the gates share */
	if (t->decoded && t->clm.iss_state == SV_F_OK)
		ws->iss = t->clm.iss;
	ws->role_arn = in->role_arn;
	ws->role_arn_source = in->role_arn_source ? in->role_arn_source : "--role-arn";
	if (!ws->role_arn.p && ws->has_role && ws->role.arn.p) {
		ws->role_arn = ws->role.arn;
		ws->role_arn_source = "Role.Arn in --role";
	}
	if (in->session_name.p) {
		ws->session = in->session_name;
	} else {
		sv_buf b;
		sv_buf_init(&b, ws->session_buf, sizeof ws->session_buf);
		sv_buf_fmt(&b, "botocore-session-%l", in->now);
		ws->session = sv_from_cstr(ws->session_buf);
	}
	if (ws->has_prov)
		ws->prov_url = ws->prov.url;
	else if (ws->iss.p && sv_has_prefix(ws->iss, SV_LIT("https://")))
		ws->prov_url = sv_slice(ws->iss, 8, ws->iss.n);

	gate_request(ws, in, rep);
	if (ws->rarn_ok || in->provider_arn.p) {
		if (in->provider_arn.p) {
			if (in->provider_arn.n < sizeof ws->parn_buf) {
				memcpy(ws->parn_buf, in->provider_arn.p, in->provider_arn.n);
				ws->parn = (sv_sv){ ws->parn_buf, in->provider_arn.n };
			}
		} else if (ws->prov_url.p) {
			size_t n;
			if (sv_provider_arn(ws->rarn.partition, ws->rarn.account, ws->prov_url, ws->parn_buf,
			                    sizeof ws->parn_buf, &n) == SV_OK)
				ws->parn = (sv_sv){ ws->parn_buf, n };
		}
	}
	if (t->decoded)
		sv_verify_header(t, &vo, rep);
	else {
		skip(rep, SV_CHK_HDR_ALG, in->jwt.p || in->token_problem ? "tok.format" : "a token");
		skip(rep, SV_CHK_HDR_CRIT, in->jwt.p || in->token_problem ? "tok.format" : "a token");
		skip(rep, SV_CHK_HDR_KEYREF, in->jwt.p || in->token_problem ? "tok.format" : "a token");
	}
	gate_issuer(ws, rep);
	gate_provider(ws, in, rep);
	gate_discovery(ws, t, rep);
	if (in->fetch_error && !ws->has_disc) {
		skip(rep, SV_CHK_DISC_ISSUER, "the discovery document (the live fetch failed: jwks.keys)");
		skip(rep, SV_CHK_DISC_JWKS_URI, "the discovery document (the live fetch failed: jwks.keys)");
		skip(rep, SV_CHK_DISC_ALG, "the discovery document (the live fetch failed: jwks.keys)");
	}
	prov_failed = row_is(rep, SV_CHK_PROV_URL, SV_FAIL) ? "prov.url" :
	              row_is(rep, SV_CHK_PROV_ACCOUNT, SV_FAIL) ? "prov.account" : NULL;
	if (prov_failed)
		skip(rep, SV_CHK_PROV_THUMBPRINT, prov_failed);
	else
		gate_thumbprint(ws, rep);
	gate_keys(ws, &vo, rep);
	if (in->fetch_error && !ws->has_jwks && t->decoded) {
		/* check --online: STS could not have fetched what we could not */
		sv_item *it = sv_report_set(rep, SV_CHK_JWKS_KEYS, SV_FAIL, "%s", in->fetch_error);
		hintf(it, "STS fetches %v/.well-known/openid-configuration and then jwks_uri anonymously over HTTPS, and "
		          "answers \"%s\" when it cannot; 'stsverify fetch %v' shows each step (run it from outside the "
		          "issuer's network too)", ws->iss, MSG_KEY, ws->iss);
		skip(rep, SV_CHK_KEY_SELECT, "jwks.keys");
		skip(rep, SV_CHK_KEY_PARAMS, "jwks.keys");
		skip(rep, SV_CHK_SIG_VALID, "jwks.keys");
	}
	if (t->decoded) {
		sv_verify_claims(t, &vo, rep);
	} else {
		static const sv_check_id claims[] = { SV_CHK_CLM_ISS, SV_CHK_CLM_SUB, SV_CHK_CLM_AUD, SV_CHK_CLM_EXP,
		                                      SV_CHK_CLM_NBF, SV_CHK_CLM_IAT };
		size_t i;
		for (i = 0; i < sizeof claims / sizeof claims[0]; i++)
			skip(rep, claims[i], in->jwt.p || in->token_problem ? "tok.format" : "a token");
	}
	gate_role(ws, rep);
	if (prov_failed) {
		/* STS stops at the provider: it has no client IDs and no condition keys to offer */
		skip(rep, SV_CHK_PROV_AUD, prov_failed);
		skip(rep, SV_CHK_POL_DENY, prov_failed);
		skip(rep, SV_CHK_POL_ALLOW, prov_failed);
		skip(rep, SV_CHK_POL_TAG_SESSION, prov_failed);
	} else {
		gate_audience(ws, rep);
		gate_policy(ws, rep);
	}
	sv_report_sort(rep);

	if (ws->parn.p && ws->parn.n < sizeof ans->provider_arn) {
		memcpy(ans->provider_arn, ws->parn.p, ws->parn.n);
		ans->provider_arn[ws->parn.n] = '\0';
	}
	ans->convention = convention(ws);
	predict(ws, in, rep, ans);
	return SV_OK;
}
