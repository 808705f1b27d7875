/*
 * test_check.c -- src/sv_check.c: every gate, the predicted STS answer and
 * the fixes, on a real EKS token (../shared/vectors/real-tokens, read in
 * place) with IAM and discovery documents written here. Table-driven: each
 * case changes one input of an otherwise accepted request.
 */
#include "helpers.h"
#include "sv_internal.h"
#include "stsverify/sv_check.h"

#define CASES SV_SHARED_DIR "/vectors/real-tokens/cases/"
#define NOW   1764013078       /* the vector's now: iat + 12 h */
#define EXP   1764056278
#define ISS   "https://oidc.eks.eu-west-1.amazonaws.com/id/B88E7287E54DB073AC9CDC2FD1BE0969"
#define URL   "oidc.eks.eu-west-1.amazonaws.com/id/B88E7287E54DB073AC9CDC2FD1BE0969"
#define SUB   "system:serviceaccount:hakawai:hakawai-litellm-proxy"
#define ROLE  "arn:aws:iam::111122223333:role/litellm"
#define PARN  "arn:aws:iam::111122223333:oidc-provider/" URL

#define DISC(iss, jwks, algs) \
	"{\"issuer\":\"" iss "\",\"jwks_uri\":\"" jwks "\",\"id_token_signing_alg_values_supported\":" algs "}"
#define DISC_OK DISC(ISS, ISS "/keys", "[\"RS256\"]")
#define PROV(url, clients, thumbs) \
	"{\"Url\":\"" url "\",\"ClientIDList\":" clients ",\"ThumbprintList\":" thumbs "}"
#define PROV_OK PROV(URL, "[\"sts.amazonaws.com\"]", "[\"9e99a48a9960b14926bb7f3b02e22da2b0ab7280\"]")
#define STMT(fed, cond) \
	"{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" fed "\"},\"Action\":\"sts:AssumeRoleWithWebIdentity\"," \
	"\"Condition\":" cond "}"
#define EKSCTL(sub) "{\"StringEquals\":{\"" URL ":aud\":\"sts.amazonaws.com\",\"" URL ":sub\":\"" sub "\"}}"
#define ROLEDOC(stmts) \
	"{\"Role\":{\"RoleName\":\"litellm\",\"Arn\":\"" ROLE "\",\"MaxSessionDuration\":3600," \
	"\"AssumeRolePolicyDocument\":{\"Version\":\"2012-10-17\",\"Statement\":[" stmts "]}}}"
#define ROLE_OK ROLEDOC(STMT(PARN, EKSCTL(SUB)))

static const char chain_pem[] =
	"-----BEGIN CERTIFICATE-----\n"
	"MIIBkTCCATegAwIBAgIUUZmlSPerDebxm0RbPlrZ5Pi9Et4wCgYIKoZIzj0EAwIw\n"
	"HjEcMBoGA1UEAwwTc3RzdmVyaWZ5LXRlc3QtbGVhZjAeFw0yNjExMjgxMTM1MTda\n"
	"Fw0zNjExMjUxMTM1MTdaMB4xHDAaBgNVBAMME3N0c3ZlcmlmeS10ZXN0LWxlYWYw\n"
	"WTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAARUxWM+W7No4KnP4JpimrnNv0O0WFSU\n"
	"bIV6QKz/8x64vskxudxDSZCxI/te3pMniAVWZIXRfRCRmh9Dv+ZP/59no1MwUTAd\n"
	"BgNVHQ4EFgQUsubnDtH5ge8ahQYtZayiyAlGmDowHwYDVR0jBBgwFoAUsubnDtH5\n"
	"ge8ahQYtZayiyAlGmDowDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNIADBF\n"
	"AiAdc457TbfGXw8aNmhLnoYEMO/yulMPZATWBX8tq4jJ1AIhAPQKw60pAALxYl05\n"
	"TtkpIOKnNwulV3pj6voGv7JRZyff\n"
	"-----END CERTIFICATE-----\n"
	"-----BEGIN CERTIFICATE-----\n"
	"MIIBjTCCATOgAwIBAgIUP0J8/FWkyNul2lNsh8HbuWFUFBswCgYIKoZIzj0EAwIw\n"
	"HDEaMBgGA1UEAwwRc3RzdmVyaWZ5LXRlc3QtY2EwHhcNMjYxMTI4MTEzNTE3WhcN\n"
	"MzYxMTI1MTEzNTE3WjAcMRowGAYDVQQDDBFzdHN2ZXJpZnktdGVzdC1jYTBZMBMG\n"
	"ByqGSM49AgEGCCqGSM49AwEHA0IABKwnE99FOpepX47OUdbkQIy2lKlWAxdzUVPC\n"
	"Tz/0XbduF4aoapDmTT5mDqdZ8TL5jxc3wawGy9srUsg5ng/FPkOjUzBRMB0GA1Ud\n"
	"DgQWBBRLFJIWYNy67QxPE5C3oGgl6cdRczAfBgNVHSMEGDAWgBRLFJIWYNy67QxP\n"
	"E5C3oGgl6cdRczAPBgNVHRMBAf8EBTADAQH/MAoGCCqGSM49BAMCA0gAMEUCIBG0\n"
	"KLsZ7u+gQU1F9fMQJ3L69aUDj09QH9odDW57I+SgAiEAh7lsWZXORx5rmBMBJv/e\n"
	"HUsbXcaMiX3E/xAIPK6zGG0=\n"
	"-----END CERTIFICATE-----\n";
#define CHAIN_SHA1 "213b7078fee53247ba27ac4f6b053afca015c278"

static sv_check_ws ws;
static sv_report rep;
static sv_sts_answer ans;
static char *token_file, *jwks_valid, *jwks_removed;
static size_t token_len, jwks_valid_len, jwks_removed_len;

typedef struct tcase {
	const char *name;
	/* inputs; NULL means the accepted default, "" means absent */
	const char *disc, *prov, *role, *role_arn, *session, *provider_arn, *region, *chain;
	int64_t now, duration;        /* 0: NOW / not sent */
	int     no_jwks_key;          /* the JWKS without the signing key */
	/* expectations */
	const char *fail;             /* exact FAIL set, space-separated in report order */
	const char *gate, *code, *message;
	int verbatim;
	const char *detail_has;       /* substring of the gate row's detail */
	const char *hint_has;         /* substring of the gate row's hint */
} tcase;

static const tcase cases[] = {
	{ .name = "accepted", .fail = "" },
	{ .name = "session-name-slash", .session = "ci/deploy", .fail = "req.session-name", .gate = "req.session-name",
	  .code = "ValidationError", .verbatim = 1,
	  .message = "1 validation error detected: Value 'ci/deploy' at 'roleSessionName' failed to satisfy constraint: "
	             "Member must satisfy regular expression pattern: [\\w+=,.@-]*",
	  .hint_has = "A valid session name: ci-deploy" },
	{ .name = "duration-900", .duration = 900, .fail = "" },
	/* [U]: the DurationSeconds texts were not seen from AssumeRoleWithWebIdentity (STS-FACTS b) */
	{ .name = "duration-899", .duration = 899, .fail = "req.duration", .gate = "req.duration", .code = "ValidationError",
	  .verbatim = 0,
	  .message = "1 validation error detected: Value '899' at 'durationSeconds' failed to satisfy constraint: "
	             "Member must have value greater than or equal to 900" },
	{ .name = "duration-3600-max", .duration = 3600, .fail = "" },
	{ .name = "duration-over-max", .duration = 3601, .fail = "req.duration", .gate = "req.duration",
	  .code = "ValidationError", .verbatim = 0,
	  .message = "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
	  .hint_has = "aws iam update-role --role-name litellm --max-session-duration 3601" },
	/* the RoleArn and RoleSessionName constraint texts were seen from STS: verbatim */
	{ .name = "session-name-65", .session = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
	  .fail = "req.session-name", .gate = "req.session-name", .code = "ValidationError", .verbatim = 1,
	  .message = "1 validation error detected: Value 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa' "
	             "at 'roleSessionName' failed to satisfy constraint: Member must have length less than or equal to 64" },
	/* one [U] clause makes the whole text [U] */
	{ .name = "session-and-duration", .session = "ci/deploy", .duration = 60, .fail = "req.session-name req.duration",
	  .gate = "req.session-name", .code = "ValidationError", .verbatim = 0,
	  .message = "2 validation errors detected: Value 'ci/deploy' at 'roleSessionName' failed to satisfy constraint: "
	             "Member must satisfy regular expression pattern: [\\w+=,.@-]*; Value '60' at 'durationSeconds' failed "
	             "to satisfy constraint: Member must have value greater than or equal to 900" },
	{ .name = "role-arn-short", .role_arn = "arn:aws:iam::1:r/x", .fail = "req.role-arn", .gate = "req.role-arn",
	  .code = "ValidationError", .verbatim = 1,
	  .message = "1 validation error detected: Value 'arn:aws:iam::1:r/x' at 'roleArn' failed to satisfy constraint: "
	             "Member must have length greater than or equal to 20" },
	/* [U]: "<arn> is invalid" is AssumeRole's text (STS-FACTS b) */
	{ .name = "role-arn-extra-colon", .role_arn = "arn:aws:iam:::111122223333:role/litellm",
	  .fail = "req.role-arn", .gate = "req.role-arn", .code = "ValidationError", .verbatim = 0,
	  .message = "arn:aws:iam:::111122223333:role/litellm is invalid",
	  .detail_has = "offset 13: the account ID is 12 digits, found 0" },
	{ .name = "region-other-partition", .region = "cn-north-1", .fail = "" },
	{ .name = "prov-url-slash", .prov = PROV(URL "/", "[\"sts.amazonaws.com\"]", "[]"),
	  .fail = "prov.url", .gate = "prov.url", .code = "InvalidIdentityToken", .verbatim = 1,
	  .message = "No OpenIDConnect provider found in your account for " ISS,
	  .detail_has = "differ only in a trailing slash",
	  .hint_has = "aws iam create-open-id-connect-provider --url " ISS " --client-id-list sts.amazonaws.com" },
	{ .name = "prov-other-cluster", .prov = PROV("oidc.eks.eu-west-1.amazonaws.com/id/00000000000000000000000000000000",
	                                              "[\"sts.amazonaws.com\"]", "[]"),
	  .fail = "prov.url", .gate = "prov.url", .code = "InvalidIdentityToken", .verbatim = 1,
	  .message = "No OpenIDConnect provider found in your account for " ISS },
	{ .name = "prov-arn-other-account", .provider_arn = "arn:aws:iam::444455556666:oidc-provider/" URL,
	  .fail = "prov.account", .gate = "prov.account", .code = "InvalidIdentityToken", .verbatim = 1,
	  .message = "No OpenIDConnect provider found in your account for " ISS,
	  .detail_has = "the provider is in aws account 444455556666, the role in aws account 111122223333" },
	/* same account number, another partition: STS looks in the role's partition only */
	{ .name = "prov-arn-other-partition", .provider_arn = "arn:aws-cn:iam::111122223333:oidc-provider/" URL,
	  .fail = "prov.account", .gate = "prov.account", .code = "InvalidIdentityToken", .verbatim = 1,
	  .message = "No OpenIDConnect provider found in your account for " ISS,
	  .detail_has = "the provider is in aws-cn account 111122223333, the role in aws account 111122223333" },
	{ .name = "trust-names-other-account", .role = ROLEDOC(STMT("arn:aws:iam::444455556666:oidc-provider/" URL, EKSCTL(SUB))),
	  .fail = "prov.account", .gate = "prov.account", .code = "InvalidIdentityToken", .verbatim = 1,
	  .message = "No OpenIDConnect provider found in your account for " ISS },
	{ .name = "aud-openshift-only", .prov = PROV(URL, "[\"openshift\"]", "[]"),
	  .fail = "prov.aud", .gate = "prov.aud", .code = "InvalidIdentityToken", .verbatim = 1,
	  .message = "Incorrect token audience",
	  .hint_has = "only knows OpenShift's \"openshift\"; add the client ID: aws iam add-client-id-to-open-id-connect-provider "
	              "--open-id-connect-provider-arn " PARN " --client-id sts.amazonaws.com" },
	{ .name = "disc-issuer-slash", .disc = DISC(ISS "/", ISS "/keys", "[\"RS256\"]"),
	  .fail = "disc.issuer", .gate = "disc.issuer", .code = "InvalidIdentityToken", .verbatim = 1,
	  .message = "Your request has a problem. Please see the following details. Please check "
	             ".well-known/openid-configuration of provider: " ISS " is valid",
	  .detail_has = "(a trailing slash)" },
	{ .name = "disc-jwks-http", .disc = DISC(ISS, "http://oidc.example/keys", "[\"RS256\"]"),
	  .fail = "disc.jwks-uri", .gate = "disc.jwks-uri", .code = "InvalidIdentityToken", .verbatim = 1,
	  .message = "Couldn't retrieve verification key from your identity provider,  please reference "
	             "AssumeRoleWithWebIdentity documentation for requirements" },
	{ .name = "disc-alg-unlisted", .disc = DISC(ISS, ISS "/keys", "[\"ES256\"]"),
	  .fail = "disc.alg", .gate = "disc.alg", .code = "InvalidIdentityToken", .verbatim = 0,
	  .message = "Couldn't retrieve verification key from your identity provider,  please reference "
	             "AssumeRoleWithWebIdentity documentation for requirements" },
	{ .name = "kid-not-published", .no_jwks_key = 1,
	  .fail = "key.select", .gate = "key.select", .code = "InvalidIdentityToken", .verbatim = 1,
	  .message = "Couldn't retrieve verification key from your identity provider,  please reference "
	             "AssumeRoleWithWebIdentity documentation for requirements",
	  .hint_has = "is not published at " ISS "/keys" },
	{ .name = "exp-inside-leeway", .now = EXP + 299, .fail = "" },
	{ .name = "exp-past-leeway", .now = EXP + 300, .fail = "clm.exp", .gate = "clm.exp",
	  .code = "ExpiredTokenException", .verbatim = 1,
	  .message = "Token expired: current date/time 1764056578 must be before the expiration date/time 1764056278" },
	{ .name = "wildcard-under-stringequals",
	  .role = ROLEDOC(STMT(PARN, EKSCTL("system:serviceaccount:hakawai:hakawai-*"))),
	  .fail = "pol.allow", .gate = "pol.allow", .code = "AccessDenied", .verbatim = 1,
	  .message = "Not authorized to perform sts:AssumeRoleWithWebIdentity",
	  .detail_has = "'*' and '?' are literal under StringEquals; StringLike would match",
	  .hint_has = "{\"StringLike\": {\"" URL ":sub\": \"system:serviceaccount:hakawai:hakawai-*\"}}" },
	{ .name = "wrong-namespace", .role = ROLEDOC(STMT(PARN, EKSCTL("system:serviceaccount:default:hakawai-litellm-proxy"))),
	  .fail = "pol.allow", .gate = "pol.allow", .code = "AccessDenied", .verbatim = 1,
	  .message = "Not authorized to perform sts:AssumeRoleWithWebIdentity",
	  .detail_has = "namespace \"default\", the pod runs in \"hakawai\"",
	  .hint_has = "{\"StringEquals\": {\"" URL ":sub\": \"" SUB "\"}}" },
	{ .name = "stringlike-matches", .role = ROLEDOC(STMT(PARN, "{\"StringLike\":{\"" URL ":sub\":\"system:serviceaccount:hakawai:*\"}}")),
	  .fail = "" },
	{ .name = "keys-of-other-provider",
	  .role = ROLEDOC(STMT(PARN, "{\"StringEquals\":{\"oidc.eks.eu-west-1.amazonaws.com/id/0000:sub\":\"" SUB "\"}}")),
	  .fail = "pol.allow", .gate = "pol.allow", .code = "AccessDenied", .verbatim = 1,
	  .message = "Not authorized to perform sts:AssumeRoleWithWebIdentity",
	  .detail_has = "the key names provider \"oidc.eks.eu-west-1.amazonaws.com/id/0000\"",
	  .hint_has = "{\"StringEquals\": {\"" URL ":sub\": \"" SUB "\"}}" },
	{ .name = "explicit-deny",
	  .role = ROLEDOC(STMT(PARN, EKSCTL(SUB)) ",{\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":\"sts:*\"}"),
	  .fail = "pol.deny", .gate = "pol.deny", .code = "AccessDenied", .verbatim = 1,
	  .message = "Not authorized to perform sts:AssumeRoleWithWebIdentity", .detail_has = "statement 2 denies" },
	{ .name = "no-action", .role_arn = ROLE, .role = "{\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"Federated\":\"" PARN "\"},"
	                                "\"Action\":\"sts:AssumeRole\"}]}",
	  .fail = "pol.allow", .gate = "pol.allow", .code = "AccessDenied", .verbatim = 1,
	  .message = "Not authorized to perform sts:AssumeRoleWithWebIdentity",
	  .detail_has = "no statement allows sts:AssumeRoleWithWebIdentity" },
	{ .name = "url-encoded-policy",
	  .role = "{\"Role\":{\"Arn\":\"" ROLE "\",\"AssumeRolePolicyDocument\":\"%7B%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C"
	          "%22Principal%22%3A%7B%22Federated%22%3A%22arn%3Aaws%3Aiam%3A%3A111122223333%3Aoidc-provider%2F" URL "%22%7D%2C"
	          "%22Action%22%3A%22sts%3AAssumeRoleWithWebIdentity%22%7D%5D%7D\"}}",
	  .fail = "" },
	{ .name = "thumbprint-mismatch", .chain = "y",
	  .fail = "prov.thumbprint", .gate = "prov.thumbprint", .code = "InvalidIdentityToken", .verbatim = 1,
	  .message = "OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint",
	  .hint_has = "--thumbprint-list 9e99a48a9960b14926bb7f3b02e22da2b0ab7280 " CHAIN_SHA1 },
	{ .name = "thumbprint-match", .chain = "y",
	  .prov = PROV(URL, "[\"sts.amazonaws.com\"]", "[\"" CHAIN_SHA1 "\"]"), .fail = "" },
	{ .name = "thumbprint-s3-unused", .chain = "y",
	  .disc = DISC(ISS, "https://my-oidc.s3.eu-west-1.amazonaws.com/keys.json", "[\"RS256\"]"), .fail = "" },
	{ .name = "only-the-token", .disc = "", .prov = "", .role = "", .fail = "" },
};

static const char *pick(const char *v, const char *def)
{
	return v == NULL ? def : v;
}

static sv_sv doc(const char *v)
{
	return v[0] ? sv_from_cstr(v) : SV_NULL;
}

static void run_case(const tcase *t, int *bad)
{
	sv_check_in in;
	sv_check_input which;
	sv_err e;
	char fails[512];
	const sv_item *it;
	int rc;

	sv_check_in_init(&in, t->now ? t->now : NOW);
	in.jwt = (sv_sv){ token_file, token_len - 1 };         /* the file ends in one \n */
	in.jwks = t->no_jwks_key ? (sv_sv){ jwks_removed, jwks_removed_len } : (sv_sv){ jwks_valid, jwks_valid_len };
	in.discovery = doc(pick(t->disc, DISC_OK));
	in.provider = doc(pick(t->prov, PROV_OK));
	in.role = doc(pick(t->role, ROLE_OK));
	if (t->role_arn)
		in.role_arn = sv_from_cstr(t->role_arn);
	if (t->session)
		in.session_name = sv_from_cstr(t->session);
	if (t->provider_arn)
		in.provider_arn = sv_from_cstr(t->provider_arn);
	if (t->region)
		in.region = sv_from_cstr(t->region);
	if (t->chain)
		in.chain = sv_from_cstr(chain_pem);
	if (t->duration) {
		in.has_duration = 1;
		in.duration = t->duration;
	}
	sv_report_init(&rep);
	rc = sv_check_run(&ws, &in, &rep, &ans, &which, &e);
	if (rc != SV_OK) {
		print_error("case %s: rc %d (%s: %s)\n", t->name, rc, sv_check_input_name(which), e.msg);
		*bad = 1;
		return;
	}
	th_fails(&rep, fails, sizeof fails);
	if (strcmp(fails, t->fail) != 0) {
		print_error("case %s: FAIL rows \"%s\", expected \"%s\"\n", t->name, fails, t->fail);
		*bad = 1;
	}
	if (!t->fail[0]) {
		if (!ans.success) {
			print_error("case %s: predicted %s: %s\n", t->name, ans.code, ans.message);
			*bad = 1;
		}
		return;
	}
	if (ans.success || strcmp(sv_check_slug(ans.gate), t->gate) != 0 || strcmp(ans.code ? ans.code : "", t->code) != 0 ||
	    strcmp(ans.message, t->message) != 0 || ans.verbatim != t->verbatim) {
		print_error("case %s: answer %s %s \"%s\" verbatim %d\n  expected %s %s \"%s\" verbatim %d\n", t->name,
		            sv_check_slug(ans.gate), ans.code, ans.message, ans.verbatim, t->gate, t->code, t->message,
		            t->verbatim);
		*bad = 1;
	}
	it = sv_report_get(&rep, sv_check_by_slug(sv_from_cstr(t->gate)));
	if (t->detail_has && (!it || !strstr(it->detail, t->detail_has))) {
		print_error("case %s: detail \"%s\" lacks \"%s\"\n", t->name, it ? it->detail : "", t->detail_has);
		*bad = 1;
	}
	if (t->hint_has && (!it || !strstr(it->hint, t->hint_has))) {
		print_error("case %s: hint \"%s\" lacks \"%s\"\n", t->name, it ? it->hint : "", t->hint_has);
		*bad = 1;
	}
	if (it && !it->hint[0]) {
		print_error("case %s: the failing row has no fix\n", t->name);
		*bad = 1;
	}
}

static int setup(void **state)
{
	(void)state;
	token_file = th_read(CASES "real-eks-irsa-token-valid/token", &token_len);
	jwks_valid = th_read(CASES "real-eks-irsa-token-valid/jwks.json", &jwks_valid_len);
	jwks_removed = th_read(CASES "real-eks-irsa-token-signing-key-removed/jwks.json", &jwks_removed_len);
	return token_file && jwks_valid && jwks_removed ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	free(token_file);
	free(jwks_valid);
	free(jwks_removed);
	return 0;
}

static const tcase *case_named(const char *name)
{
	size_t i;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (strcmp(cases[i].name, name) == 0)
			return &cases[i];
	fail_msg("no case %s", name);
	return NULL;
}

static void test_check_gates_table(void **state)
{
	size_t i;
	int bad = 0;
	(void)state;
	for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
		run_case(&cases[i], &bad);
	assert_int_equal(bad, 0);
}

static void test_check_success_names_the_assumed_role(void **state)
{
	int bad = 0;
	(void)state;
	run_case(&cases[0], &bad);
	assert_int_equal(bad, 0);
	assert_string_equal(ans.assumed_role, "arn:aws:sts::111122223333:assumed-role/litellm/botocore-session-1764013078");
	assert_string_equal(ans.provider_arn, PARN);
	assert_string_equal(ans.convention, "EKS");
	assert_int_equal(th_status(&rep, "prov.account"), SV_PASS);      /* from the trust policy's Federated ARN */
	assert_int_equal(th_status(&rep, "prov.thumbprint"), SV_SKIP);   /* needs --chain */
	assert_int_equal(th_status(&rep, "pol.role"), SV_PASS);
}

static void test_check_region_partition_is_a_warning(void **state)
{
	int bad = 0;
	(void)state;
	run_case(case_named("region-other-partition"), &bad);
	assert_int_equal(bad, 0);
	assert_int_equal(th_status(&rep, "req.role-arn"), SV_WARN);
	assert_non_null(strstr(sv_report_get(&rep, SV_CHK_REQ_ROLE_ARN)->detail, "region cn-north-1 is in aws-cn"));
}

static void test_check_provider_failure_skips_what_needs_it(void **state)
{
	int bad = 0;
	(void)state;
	run_case(case_named("prov-url-slash"), &bad);
	assert_int_equal(bad, 0);
	assert_int_equal(th_status(&rep, "prov.aud"), SV_SKIP);
	assert_int_equal(th_status(&rep, "pol.allow"), SV_SKIP);
	assert_string_equal(sv_report_get(&rep, SV_CHK_POL_ALLOW)->detail, "needs prov.url");
}

static void test_check_missing_inputs_are_skips(void **state)
{
	sv_check_in in;
	sv_check_input which;
	sv_err e;
	(void)state;
	sv_check_in_init(&in, NOW);
	sv_report_init(&rep);
	assert_int_equal(sv_check_run(&ws, &in, &rep, &ans, &which, &e), SV_OK);
	assert_int_equal(th_status(&rep, "tok.format"), SV_SKIP);
	assert_int_equal(th_status(&rep, "req.role-arn"), SV_SKIP);
	assert_int_equal(th_status(&rep, "req.session-name"), SV_PASS);
	assert_int_equal(th_status(&rep, "prov.url"), SV_SKIP);
	assert_int_equal(th_status(&rep, "pol.allow"), SV_SKIP);
	assert_non_null(strstr(sv_report_get(&rep, SV_CHK_PROV_URL)->detail, "needs --provider"));
	assert_true(ans.success);
	assert_string_equal(ans.assumed_role, "");
}

static void test_check_token_file_problem_is_tok_format(void **state)
{
	sv_check_in in;
	sv_check_input which;
	sv_err e;
	(void)state;
	sv_check_in_init(&in, NOW);
	in.token_problem = "the token file t: a second line";
	sv_report_init(&rep);
	assert_int_equal(sv_check_run(&ws, &in, &rep, &ans, &which, &e), SV_OK);
	assert_int_equal(th_status(&rep, "tok.format"), SV_FAIL);
	assert_int_equal(th_status(&rep, "clm.aud"), SV_SKIP);
	assert_false(ans.success);
	assert_string_equal(ans.code, "InvalidIdentityToken");
	assert_int_equal(ans.verbatim, 0);
}

static const struct {
	const char *name;
	sv_check_input which;
	const char *disc, *prov, *role, *parn;
	int rc;
	const char *msg;
} input_errors[] = {
	{ "discovery-xml", SV_IN_DISCOVERY, "<Error><Code>PermanentRedirect</Code></Error>", NULL, NULL, NULL, SV_E_JSON,
	  "offset 0: invalid JSON" },
	{ "provider-list", SV_IN_PROVIDER, NULL, "{\"OpenIDConnectProviderList\":[]}", NULL, NULL, SV_E_FORMAT,
	  "offset 0: expected the output of aws iam get-open-id-connect-provider: an object with \"Url\"" },
	{ "role-bad-effect", SV_IN_ROLE, NULL, NULL, "{\"Statement\":{\"Effect\":\"allow\",\"Action\":\"x\"}}", NULL,
	  SV_E_FORMAT, "offset 23: Effect must be \"Allow\" or \"Deny\"" },
	{ "provider-arn", SV_IN_PROVIDER_ARN, NULL, NULL, NULL, "arn:aws:iam::111122223333:role/x", SV_E_FORMAT,
	  "offset 26: the resource of an OIDC provider ARN starts with \"oidc-provider/\", found \"role/x\"" },
};

static void test_check_input_errors_name_the_input(void **state)
{
	size_t i;
	(void)state;
	for (i = 0; i < sizeof input_errors / sizeof input_errors[0]; i++) {
		sv_check_in in;
		sv_check_input which;
		sv_err e;
		int rc;
		sv_check_in_init(&in, NOW);
		if (input_errors[i].disc)
			in.discovery = sv_from_cstr(input_errors[i].disc);
		if (input_errors[i].prov)
			in.provider = sv_from_cstr(input_errors[i].prov);
		if (input_errors[i].role)
			in.role = sv_from_cstr(input_errors[i].role);
		if (input_errors[i].parn)
			in.provider_arn = sv_from_cstr(input_errors[i].parn);
		sv_report_init(&rep);
		rc = sv_check_run(&ws, &in, &rep, &ans, &which, &e);
		if (rc != input_errors[i].rc || which != input_errors[i].which || strcmp(e.msg, input_errors[i].msg) != 0)
			fail_msg("case %s: rc %d which %s msg \"%s\"", input_errors[i].name, rc, sv_check_input_name(which), e.msg);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_check_gates_table),
		cmocka_unit_test(test_check_success_names_the_assumed_role),
		cmocka_unit_test(test_check_region_partition_is_a_warning),
		cmocka_unit_test(test_check_provider_failure_skips_what_needs_it),
		cmocka_unit_test(test_check_missing_inputs_are_skips),
		cmocka_unit_test(test_check_token_file_problem_is_tok_format),
		cmocka_unit_test(test_check_input_errors_name_the_input),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
