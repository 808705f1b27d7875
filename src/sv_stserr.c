/*
 * sv_stserr.c -- the catalogue of STS's answers to AssumeRoleWithWebIdentity:
 * code, verbatim message, every known cause (the misleading ones too),
 * whether a retry can help, and what tells the causes apart.
 * Sources: ../shared/spec/STS-FACTS.md section d, FAILURE-MODES.md.
 * One table, so `explain` and `check` print the same words.
 */
#include "sv_internal.h"
#include "stsverify/sv_sts.h"

#define IIT "InvalidIdentityToken"

static const sv_sts_error table[] = {
	{ "iit.no-provider", IIT, 400,
	  "No OpenIDConnect provider found in your account for %v",
	  "No OpenIDConnect provider found in your account for *",
	  "[R] configure-aws-credentials#721, treeverse/dvc.org#5273, re:Post eks-troubleshoot-oidc-and-irsa",
	  "STS looked for an IAM OIDC provider, in the role's account, whose URL is the token's iss "
	  "without https:// (an exact string compare), and found none.",
	  { { "No IAM OIDC provider was created for this issuer in the role's account.",
	      "check --token FILE --provider FILE (prov.url); aws iam list-open-id-connect-providers" },
	    { "The provider is in another account or partition: the role and its provider must share "
	      "the account (cross-account use needs a provider in the role's account).",
	      "check --role-arn ARN --provider-arn ARN (prov.account)" },
	    { "The provider URL and iss differ by a trailing slash, letter case, path or port; IAM "
	      "compares the exact string (aws-sam-cli#7432: provider own-gitlab.com/ vs iss without the slash).",
	      "check --token FILE --provider FILE (prov.url prints both strings)" },
	    { "The issuer changed (GitHub vstoken. -> token., a rebuilt cluster, a new issuer bucket) and "
	      "the provider still has the old URL.",
	      "check --token FILE --discovery FILE --provider FILE (disc.issuer, prov.url)" },
	    { "Misleading: the regional STS endpoint the SDK called is not activated for this account; "
	      "STS answers with this same text (fluxcd/source-controller#1552).",
	      "stsverify request (shows the endpoint); call the global or another active region, or "
	      "activate the region in IAM account settings" },
	    { "Wrong partition: a China or GovCloud role sent to another partition's endpoint, e.g. an "
	      "SDK regression or a missing region (aws-sdk-js-v3#5083, #5749).",
	      "stsverify request --region R shows the partition and host; check --role-arn ARN" } },
	  SV_RETRY_NO, "the provider lookup gives the same answer every time; fix the provider, the "
	  "issuer or the endpoint",
	  "stsverify check --token FILE --role-arn ARN --provider FILE --discovery FILE" },

	{ "iit.audience", IIT, 400,
	  "Incorrect token audience",
	  "Incorrect token audience",
	  "[R] awslabs/amazon-eks-irsa-cfn#18, configure-aws-credentials#775",
	  "No aud value of the token is in the IAM OIDC provider's ClientIDList.",
	  { { "The provider lacks the audience the token carries: EKS tokens carry sts.amazonaws.com, "
	      "OpenShift STS-mode tokens carry openshift (OCPBUGS-18711).",
	      "check --token FILE --provider FILE (prov.aud names the token's convention)" },
	    { "A typo in the client ID (sts.amazon.com) or a regional STS host used as client ID.",
	      "check --token FILE --provider FILE (prov.aud)" },
	    { "China partition: sts.amazonaws.com versus sts.amazonaws.com.cn as the audience.",
	      "check --token FILE --provider FILE --role-arn ARN" },
	    { "The token file is corrupted (a log line appended after the JWT, "
	      "amazon-eks-pod-identity-webhook#232), so the aud STS reads is not the one expected.",
	      "stsverify decode --token FILE; check --token FILE (tok.format)" } },
	  SV_RETRY_NO, "the audience does not change between attempts",
	  "stsverify check --token FILE --provider FILE" },

	{ "iit.missing-aud", IIT, 400,
	  "Missing a required claim: aud",
	  "Missing a required claim: aud",
	  "[R] aws/aws-sdk-ruby#2698",
	  "The token has no aud claim at all.",
	  { { "The token was requested without an audience (a service-account token not projected for "
	      "STS, or an IdP id token without aud).",
	      "stsverify decode --token FILE (clm.aud)" } },
	  SV_RETRY_NO, "the token itself lacks the claim; request one with an audience",
	  "stsverify check --token FILE --provider FILE" },

	{ "iit.verification-key", IIT, 400,
	  "Couldn't retrieve verification key from your identity provider,  please reference "
	  "AssumeRoleWithWebIdentity documentation for requirements",
	  "Couldn't retrieve verification key from your identity provider,*please reference "
	  "AssumeRoleWithWebIdentity documentation for requirements",
	  "[R] aws-sdk-rust#827, aws-sdk-php#1725 (two spaces after the comma)",
	  "STS could not get a key that verifies the token from the issuer's discovery document and "
	  "JWKS.",
	  { { "The token's kid is not in the JWKS served at jwks_uri: the signing key was rotated "
	      "without overlap (the OpenShift ingress-operator case, kamaji#1325).",
	      "check --token FILE --jwks FILE (key.select), with the JWKS fetched anonymously from jwks_uri" },
	    { "Misleading: the discovery document or JWKS is not publicly readable, e.g. an S3 issuer "
	      "bucket answering 403 (the April 2023 S3 default change broke ccoctl issuers, "
	      "cloud-credential-operator#526; org policies forbidding public-read, kops#12628).",
	      "curl -sS https://ISSUER/.well-known/openid-configuration and the jwks_uri, anonymously" },
	    { "jwks_uri points somewhere other than where the JWKS was published, is not https, or a "
	      "CloudFront front end returns S3's PermanentRedirect XML instead of JSON.",
	      "check --discovery FILE --jwks FILE (disc.jwks-uri, jwks.keys)" },
	    { "The JWKS holds no key, or more than 100 RSA or 100 EC keys.",
	      "check --jwks FILE (jwks.keys)" },
	    { "The IdP was slow or unreachable from AWS, or AWS had a transient failure (seen with "
	      "GitHub Actions, aws-cli#7194).",
	      "a retry a minute later succeeds; the offline checks all pass" },
	    { "The SDK added an X-Amz-Security-Token header to the unsigned call (aws-sdk-php#1725).",
	      "stsverify request shows the headers a correct call carries" } },
	  SV_RETRY_MAYBE, "only the transient cause goes away (Go SDK v2, PHP and Ruby retry this; "
	  "botocore does not); a missing kid or a private bucket fails every time",
	  "stsverify check --token FILE --discovery FILE --jwks FILE" },

	{ "iit.thumbprint", IIT, 400,
	  "OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint",
	  "OpenIDConnect provider's HTTPS certificate doesn't match configured thumbprint",
	  "[R] configure-aws-credentials#357/#762, re:Post eks-error-invalid-identity-token",
	  "The SHA-1 of the top certificate served by the jwks_uri host is not in the provider's "
	  "ThumbprintList. AWS only uses thumbprints when that certificate is not publicly trusted.",
	  { { "The jwks_uri host's certificate chain changed (GitHub in 2022 and 2023) and the provider "
	      "lists only the old thumbprint.",
	      "check --provider FILE --chain FILE (prov.thumbprint), chain from openssl s_client -showcerts" },
	    { "The thumbprint was computed on the wrong certificate (the leaf instead of the last one) "
	      "or on the issuer host instead of the jwks_uri host (terraform-provider-aws#10217).",
	      "check --provider FILE --chain FILE (prov.thumbprint)" },
	    { "A private CA: its certificate is not publicly trusted, so the thumbprint must be right.",
	      "check --provider FILE --chain FILE" } },
	  SV_RETRY_MAYBE, "when only some servers behind the host rolled their certificate the "
	  "failure is intermittent (configure-aws-credentials#757); otherwise fix ThumbprintList",
	  "stsverify check --provider FILE --chain FILE" },

	{ "iit.discovery", IIT, 400,
	  "Your request has a problem. Please see the following details. Please check "
	  ".well-known/openid-configuration of provider: %v is valid",
	  "Your request has a problem.*openid-configuration*",
	  "[R] re:Post iam-oidc-idp-federation",
	  "STS fetched the issuer's discovery document and could not use it.",
	  { { "The discovery document is missing, not JSON, or served with an error page.",
	      "curl https://ISSUER/.well-known/openid-configuration; check --discovery FILE" },
	    { "Its issuer is not exactly the token's iss.",
	      "check --token FILE --discovery FILE (disc.issuer)" },
	    { "jwks_uri is missing or not https.",
	      "check --discovery FILE (disc.jwks-uri)" } },
	  SV_RETRY_NO, "the document is the same on the next attempt",
	  "stsverify check --token FILE --discovery FILE" },

	{ "iit.not-validated", IIT, 400,
	  "The web identity token provided could not be validated",
	  "*token provided could not be validated*",
	  "[R] external-secrets#6648",
	  "The token or its provider could not be validated (as opposed to AccessDenied, which means "
	  "the token was valid but the trust policy said no).",
	  { { "The signature does not verify under the key the kid names.",
	      "check --token FILE --jwks FILE (sig.valid)" },
	    { "An algorithm STS does not accept (HS*, PS*, none) or a malformed JWT.",
	      "check --token FILE (hdr.alg, tok.format)" },
	    { "The provider is not trusted for this role.",
	      "check --role-arn ARN --provider FILE --role FILE" } },
	  SV_RETRY_NO, "the token fails the same way every time",
	  "stsverify check --token FILE --jwks FILE --provider FILE" },

	{ "iit.generic", IIT, 400,
	  "The web identity token that was passed could not be validated by Amazon Web Services. Get "
	  "a new identity token from the identity provider and then retry the request.",
	  NULL,
	  "[D] the STS model's description of InvalidIdentityToken",
	  "STS rejected the token itself or could not validate it with the issuer.",
	  { { "A bad signature, an unsupported alg, a malformed JWT (exact texts unknown).",
	      "check --token FILE --jwks FILE (tok.format, hdr.alg, sig.valid)" },
	    { "Timestamps that are not integers (exp or iat with a fraction).",
	      "stsverify decode --token FILE (clm.exp, clm.iat)" },
	    { "Any of the provider, audience, key or discovery causes above with a message this "
	      "catalogue does not know yet.",
	      "check with every input: --token --discovery --jwks --provider --role" } },
	  SV_RETRY_NO, "botocore does not retry it; the Go SDK v2 does, which only helps for a "
	  "transient key fetch",
	  "stsverify check --token FILE --discovery FILE --jwks FILE --provider FILE --role FILE" },

	{ "expired.exp", "ExpiredTokenException", 400,
	  "Token expired: current date/time %v must be before the expiration date/time%v",
	  "Token expired: current date/time * must be before the expiration date/time*",
	  "[R] aws-orbit-workbench#707/#771 (no space before the 2nd number), aws-sdk-java-v2#5709 (a space)",
	  "The token's exp is in the past, beyond AWS's five-minute allowance.",
	  { { "A long-running process keeps the token it read once instead of reading the file again "
	      "(the kubelet rewrites it), e.g. parseable#604, aws-sdk-js-v3#5270.",
	      "stsverify decode --token FILE --now T (clm.exp) on the file now versus what was sent" },
	    { "Retries went on longer than the token lived (configure-aws-credentials#1848).",
	      "the first error in the log is not this one" },
	    { "A clock is wrong: the issuer's (exp already past when minted) or, for STS-compatible "
	      "servers, the server's.",
	      "stsverify decode --token FILE (iat, exp against --now)" } },
	  SV_RETRY_NO, "not with this token: read the token file again and call with the fresh one",
	  "stsverify check --token FILE --now T" },

	{ "expired.too-old", "ExpiredTokenException", 400,
	  "Token too old: %v",
	  "Token too old: *",
	  "[R] mozilla-iam/mozilla-aws-cli#146",
	  "The token's iat is too far in the past, even though exp is still ahead (the limit is not "
	  "documented; 441398 s, about 5.1 days, was rejected).",
	  { { "A token with a very long lifetime (e.g. a default kube-api-access token with its one-year "
	      "extension, or an IdP token minted days ago) used for STS.",
	      "stsverify decode --token FILE (clm.iat shows the age)" } },
	  SV_RETRY_NO, "the token only gets older; mint a fresh one (IRSA tokens live 1 h to 24 h)",
	  "stsverify check --token FILE --now T" },

	{ "expired.generic", "ExpiredTokenException", 400,
	  "The web identity token that was passed is expired or is not valid. Get a new identity "
	  "token from the identity provider and then retry the request.",
	  NULL,
	  "[D] the STS model's description of ExpiredTokenException",
	  "The token is expired (or, per the model, not valid).",
	  { { "exp or iat out of range for STS.",
	      "stsverify decode --token FILE --now T (clm.exp, clm.iat)" } },
	  SV_RETRY_NO, "not with this token",
	  "stsverify check --token FILE --now T" },

	{ "denied.trust", "AccessDenied", 403,
	  "Not authorized to perform sts:AssumeRoleWithWebIdentity",
	  "*Not authorized to perform sts:AssumeRoleWithWebIdentity*",
	  "[R] aws-sdk-java-v2#1470, aws-sdk-net#1522, sentry-kubernetes/charts#514",
	  "The token is valid, but the role's trust policy did not allow this token to assume the "
	  "role (STS never says which condition failed; CloudTrail does not either).",
	  { { "A :sub condition does not match: the wrong namespace or service account, a chart "
	      "installed elsewhere, or a wildcard under StringEquals (crossplane#5578).",
	      "check --token FILE --role FILE (pol.allow prints the condition and the token's value)" },
	    { "An :aud condition does not match the token's aud.",
	      "check --token FILE --role FILE (pol.allow)" },
	    { "Principal.Federated is not this provider's ARN: another account, the old issuer, or a "
	      "typo.",
	      "check --token FILE --role FILE --provider-arn ARN (pol.allow)" },
	    { "The trust policy's Action lacks sts:AssumeRoleWithWebIdentity, or an explicit Deny "
	      "matches.",
	      "check --role FILE (pol.allow, pol.deny)" },
	    { "The token carries session tags (https://aws.amazon.com/tags) and the trust policy does "
	      "not allow sts:TagSession.",
	      "check --token FILE --role FILE (pol.tag-session)" },
	    { "GitHub Actions: the sub changes with environment: jobs and pull_request events "
	      "(configure-aws-credentials#511, #443).",
	      "stsverify decode --token FILE shows the exact sub" },
	    { "The role ARN names a role that does not exist or another role [U].",
	      "aws iam get-role --role-name NAME; check --role-arn ARN --role FILE" } },
	  SV_RETRY_NO, "the trust policy answers the same way every time",
	  "stsverify check --token FILE --role FILE --provider FILE" },

	{ "denied.other-principal", "AccessDenied", 403,
	  "User: %v is not authorized to perform: sts:AssumeRole on resource: %v",
	  "User: * is not authorized to perform: sts:AssumeRole*",
	  "FAILURE-MODES 2, 3 (kubernetes-sigs/aws-load-balancer-controller#2627)",
	  "Not a web-identity failure: the caller used other credentials (often the node instance "
	  "role) and called sts:AssumeRole.",
	  { { "The pod was never mutated: no AWS_ROLE_ARN / AWS_WEB_IDENTITY_TOKEN_FILE (created before "
	      "the service-account annotation, webhook missing or misspelled annotation).",
	      "stsverify check with no arguments inside the pod (pod.env)" },
	    { "Another credential source wins over web identity: static AWS_ACCESS_KEY_ID, an explicit "
	      "profile, or an SDK too old for web identity.",
	      "stsverify check inside the pod (pod.cred-chain)" },
	    { "The application chains a second sts:AssumeRole (cert-manager route53.role) that the IRSA "
	      "role may not perform.",
	      "the User: in the message is the IRSA role's assumed-role ARN" } },
	  SV_RETRY_NO, "the same credentials are used on every attempt",
	  "stsverify check (inside the pod)" },

	{ "idp.communication", "IDPCommunicationError", 400,
	  NULL,
	  NULL,
	  "[D] modelled; text unknown; botocore retries it (_retry.json idp_unreachable_error)",
	  "STS could not talk to the identity provider.",
	  { { "The IdP's discovery or JWKS endpoint was unreachable or too slow from AWS.",
	      "curl the discovery document and jwks_uri from outside your network" } },
	  SV_RETRY_YES, "botocore retries it itself (5 attempts in legacy mode, 3 in standard); "
	  "persistent failure means the endpoint is not reachable from the internet",
	  "stsverify check --discovery FILE --jwks FILE" },

	{ "idp.rejected", "IDPRejectedClaim", 403,
	  NULL,
	  NULL,
	  "[D] modelled; [R] aws-sdk-js#198 (graph.facebook.com: ... responded with HTTP/1.1 400)",
	  "The identity provider rejected the claim (OAuth 2.0 providers with ProviderId).",
	  { { "The token is invalid, expired or revoked at the IdP; ProviderId is sent, which must "
	      "never happen for OIDC.",
	      "stsverify request shows whether ProviderId is in the body" } },
	  SV_RETRY_NO, "the IdP answers the same",
	  "stsverify request --token FILE --role-arn ARN" },

	{ "val.session-pattern", "ValidationError", 400,
	  "1 validation error detected: Value '%v' at 'roleSessionName' failed to satisfy "
	  "constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
	  "*at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern*",
	  "[R] LocalStack snapshot recorded against AWS; suzuki-shunsuke/tfaction#1934",
	  "RoleSessionName has a character outside [A-Za-z0-9_+=,.@-].",
	  { { "A generated name with '/', ':' or a space (a CI job or branch name).",
	      "check --session-name NAME (req.session-name prints a valid one)" } },
	  SV_RETRY_NO, "the same name fails again",
	  "stsverify check --session-name NAME" },

	{ "val.session-length", "ValidationError", 400,
	  "1 validation error detected: Value '%v' at 'roleSessionName' failed to satisfy "
	  "constraint: Member must have length less than or equal to 64",
	  "*at 'roleSessionName' failed to satisfy constraint: Member must have length*",
	  "[R] LocalStack snapshot; zalando-incubator/kube-aws-iam-controller#16",
	  "RoleSessionName is longer than 64 characters (or shorter than 2).",
	  { { "A name built from long parts (namespace, pod, branch).",
	      "check --session-name NAME (req.session-name)" } },
	  SV_RETRY_NO, "the same name fails again",
	  "stsverify check --session-name NAME" },

	{ "val.role-arn-length", "ValidationError", 400,
	  "1 validation error detected: Value '' at 'roleArn' failed to satisfy constraint: Member "
	  "must have length greater than or equal to 20",
	  "*at 'roleArn' failed to satisfy constraint*",
	  "[R] mmmorris1975/aws-runas#80",
	  "RoleArn is empty or shorter than 20 characters.",
	  { { "An empty AWS_ROLE_ARN or role_arn (e.g. an unset awsSTSIAMRoleARN, "
	      "cloud-credential-operator#703).",
	      "check --role-arn ARN or --credentials FILE (req.role-arn)" } },
	  SV_RETRY_NO, "the same value fails again",
	  "stsverify check --credentials FILE" },

	{ "val.duration-max", "ValidationError", 400,
	  "The requested DurationSeconds exceeds the MaxSessionDuration set for this role.",
	  "The requested DurationSeconds exceeds the MaxSessionDuration set for this role*",
	  "[R] AssumeRole / SAML reports (kreuzwerker/awsu#27); for this operation [U]",
	  "DurationSeconds is larger than the role's MaxSessionDuration.",
	  { { "A client asks for more than the role allows (the role's default is 3600 s).",
	      "check --duration N --role FILE (req.duration)" } },
	  SV_RETRY_NO, "the same duration fails again",
	  "stsverify check --duration N --role FILE" },

	{ "val.duration-min", "ValidationError", 400,
	  "1 validation error detected: Value '%v' at 'durationSeconds' failed to satisfy "
	  "constraint: Member must have value greater than or equal to 900",
	  "*at 'durationSeconds' failed to satisfy constraint*",
	  "[U] the standard form, not seen verbatim",
	  "DurationSeconds is outside 900-43200.",
	  { { "A duration below 15 minutes or above 12 hours.",
	      "check --duration N (req.duration)" } },
	  SV_RETRY_NO, "the same duration fails again",
	  "stsverify check --duration N" },

	{ "val.tags", "ValidationError", 400,
	  "Unable to validate tags",
	  "*Unable to validate tags*",
	  "[R] hashicorp/terraform-provider-aws#44712",
	  "The session tags in the token (https://aws.amazon.com/tags) are not acceptable.",
	  { { "More than 50 tags, a key over 128 or a value over 256 characters, or a malformed tags "
	      "claim.",
	      "stsverify decode --token FILE (the tags claim)" } },
	  SV_RETRY_NO, "the token carries the same tags",
	  "stsverify check --token FILE --role FILE" },

	{ "val.arn", "ValidationError", 400,
	  "%v is invalid",
	  "* is invalid",
	  "[R] LocalStack snapshot (AssumeRole); \"Request ARN is invalid\" seen for AssumeRoleWithSAML "
	  "and the EKS KB [U for this operation]",
	  "RoleArn is not a role ARN STS can parse.",
	  { { "An extra colon, a stray backslash or quote from a YAML annotation, the wrong "
	      "partition or a non-role ARN.",
	      "check --role-arn ARN (req.role-arn names the offending character)" } },
	  SV_RETRY_NO, "the same ARN fails again",
	  "stsverify check --role-arn ARN" },

	{ "val.generic", "ValidationError", 400,
	  NULL,
	  NULL,
	  "not modelled; seen in practice",
	  "A request parameter breaks a constraint (RoleArn, RoleSessionName, DurationSeconds, "
	  "Policy, PolicyArns, tags).",
	  { { "See the message; each parameter rule is checked offline.",
	      "check --role-arn ARN --session-name NAME --duration N" } },
	  SV_RETRY_NO, "the same parameters fail again",
	  "stsverify check --role-arn ARN --session-name NAME --duration N" },

	{ "packed-policy", "PackedPolicyTooLarge", 400,
	  "Serialized token too large for session",
	  "*too large*",
	  "[R] mozilla-aws-cli README; [D] modelled",
	  "The session's packed size (policies, tags, claims such as amr) is over STS's limit.",
	  { { "Large amr or session tags in the token, or a large Policy / many PolicyArns.",
	      "stsverify decode --token FILE; stsverify request shows Policy and PolicyArns" } },
	  SV_RETRY_NO, "the same inputs pack the same",
	  "stsverify check --token FILE" },

	{ "malformed-policy", "MalformedPolicyDocument", 400,
	  NULL,
	  NULL,
	  "[D] modelled",
	  "The Policy parameter is not a valid policy document.",
	  { { "Invalid JSON or grammar in the session policy given with --policy.",
	      "stsverify request --policy FILE shows exactly what was sent" } },
	  SV_RETRY_NO, "the same policy fails again",
	  "stsverify request --policy FILE" },

	{ "region-disabled", "RegionDisabledException", 403,
	  "STS is not activated in this region for account:%v. Your account administrator can "
	  "activate STS in this region using the IAM Console.",
	  "STS is not activated in this region for account:*",
	  "[R] turbot/steampipe-plugin-aws#1510, spinnaker/swabbie#666",
	  "The regional STS endpoint that was called is deactivated for this account.",
	  { { "The region is deactivated in IAM account settings (us-east-1 cannot be).",
	      "stsverify request shows which endpoint an SDK picks; --sts-endpoint legacy or "
	      "another --region to compare" } },
	  SV_RETRY_NO, "not until the region is activated or another endpoint is used",
	  "stsverify request --region R" },

	{ "invalid-parameter", "InvalidParameterValue", 400,
	  NULL,
	  NULL,
	  "not modelled; common",
	  "A parameter value is not acceptable.",
	  { { "See the message.",
	      "stsverify request shows every parameter sent" } },
	  SV_RETRY_NO, "the same value fails again",
	  "stsverify request" },
};

/* see sv_sts.h */
const sv_sts_error *sv_sts_errors(size_t *n)
{
	*n = sizeof table / sizeof table[0];
	return table;
}

/* see sv_sts.h */
const sv_sts_error *sv_sts_error_by_id(const char *id)
{
	size_t i;
	for (i = 0; i < sizeof table / sizeof table[0]; i++)
		if (strcmp(table[i].id, id) == 0)
			return &table[i];
	return NULL;
}

static sv_sv strip(sv_sv s)
{
	while (s.n && (s.p[0] == ' ' || s.p[0] == '\t' || s.p[0] == '\n' || s.p[0] == '\r')) {
		s.p++;
		s.n--;
	}
	while (s.n && (s.p[s.n - 1] == ' ' || s.p[s.n - 1] == '\t' || s.p[s.n - 1] == '\n' ||
	               s.p[s.n - 1] == '\r'))
		s.n--;
	return s;
}

/* see sv_sts.h */
const sv_sts_error *sv_sts_error_match(sv_sv code, sv_sv message)
{
	size_t i;
	const sv_sts_error *generic = NULL;
	code = strip(code);
	message = strip(message);
	for (i = 0; i < sizeof table / sizeof table[0]; i++) {
		if (!sv_eq(code, sv_from_cstr(table[i].code)))
			continue;
		if (!table[i].pattern) {
			if (!generic)
				generic = &table[i];
			continue;
		}
		if (sv_like(sv_from_cstr(table[i].pattern), message, 0))
			return &table[i];
	}
	return generic;
}

/* see sv_sts.h */
int sv_sts_code_known(sv_sv code)
{
	size_t i;
	code = strip(code);
	for (i = 0; i < sizeof table / sizeof table[0]; i++)
		if (sv_eq(code, sv_from_cstr(table[i].code)))
			return 1;
	return 0;
}
