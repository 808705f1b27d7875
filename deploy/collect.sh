#!/bin/sh
# deploy/collect.sh -- write stsverify bundles (the `stsverify check --dir`
# layout) for one service account or for every service account that assumes
# an IAM role through AssumeRoleWithWebIdentity. See docs/in-cluster.md.
#
# It only reads. The one cluster request that is not a GET is
# `kubectl create token` (a TokenRequest: nothing is stored in the cluster,
# the API server signs a token and returns it). AWS calls are
# iam list-open-id-connect-providers, iam get-open-id-connect-provider,
# iam get-role and, for issuers hosted on S3, s3 cp s3://... - (to stdout).
#
# Uses kubectl (or oc), aws, POSIX sh and utilities, and jq when present
# (only to read JSON fields; without it a sed expression does the same).
#
# Environment: KUBECTL (default kubectl, else oc), AWS (default aws),
# JQ (default: jq if in PATH; set it empty to not use jq). KUBECONFIG,
# AWS_PROFILE and the other usual variables work as for those tools.
#
# Exit status: 0 every bundle complete, 1 something could not be collected
# (each reason on stderr), 2 usage error or the cluster cannot be read.

set -u
umask 077       # a bundle holds a live token: keep it to this user

prog=collect.sh
export AWS_PAGER=""

usage() {
	cat <<'EOF'
usage: collect.sh [-n NAMESPACE -s SERVICEACCOUNT] [-o DIR] [--secret NAME]
                  [--audience AUD] [--cluster-keys]

Writes one bundle directory per service account, DIR/<namespace>_<name>/,
holding token, credentials, openid-configuration.json, keys.json,
provider.json and role.json, for `stsverify check --dir`.

  -n NS -s SA       one service account (default: every service account with
                    an eks.amazonaws.com/role-arn annotation, and on OpenShift
                    every service account named by an AWS CredentialsRequest)
  -o DIR            where to write (default ./stsverify-bundles)
  --secret NAME     with -n/-s: read the OpenShift credentials secret NAME
                    (default cloud-credentials when the service account has
                    no role-arn annotation)
  --audience AUD    token audience (default: the eks.amazonaws.com/audience
                    annotation, else sts.amazonaws.com; openshift for
                    OpenShift credentials secrets)
  --cluster-keys    take the discovery document and JWKS from the API server
                    even when the issuer is an S3 bucket (by default they are
                    read from the bucket, where STS reads them)

Tokens are requested with --duration 10m. Only reads: see the header of
this script for the exact commands.
EOF
	exit "$1"
}

die() { echo "$prog: $*" >&2; exit 2; }
warn() { echo "$prog: $*" >&2; }

ns='' sa='' out=stsverify-bundles secret='' audience='' keysrc=auto
while [ $# -gt 0 ]; do
	case $1 in
	-n|--namespace|-s|--serviceaccount|-o|--out|--secret|--audience)
		[ $# -ge 2 ] || die "option $1 needs a value"
		case $1 in
		-n|--namespace) ns=$2 ;;
		-s|--serviceaccount) sa=$2 ;;
		-o|--out) out=$2 ;;
		--secret) secret=$2 ;;
		--audience) audience=$2 ;;
		esac
		shift 2 ;;
	--cluster-keys) keysrc=cluster; shift ;;
	-h|--help) usage 0 ;;
	*) echo "$prog: unknown argument '$1'" >&2; usage 2 >&2 ;;
	esac
done
if [ -n "$ns$sa" ] && { [ -z "$ns" ] || [ -z "$sa" ]; }; then
	die "-n and -s go together (one service account)"
fi
[ -z "$secret" ] || [ -n "$sa" ] || die "--secret needs -n and -s"
[ -n "$out" ] || die "-o needs a directory"

if [ -z "${KUBECTL:-}" ]; then
	if command -v kubectl >/dev/null 2>&1; then KUBECTL=kubectl
	elif command -v oc >/dev/null 2>&1; then KUBECTL=oc
	else die "neither kubectl nor oc is in PATH"
	fi
fi
AWS=${AWS:-aws}
if ! command -v "$AWS" >/dev/null 2>&1; then
	warn "$AWS is not in PATH: provider.json and role.json will not be collected"
	AWS=
fi
if [ -z "${JQ+set}" ]; then
	JQ=$(command -v jq 2>/dev/null) || JQ=
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/stsverify-collect.XXXXXX") || die "cannot create a temporary directory"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 2' HUP INT TERM

status=0
# A problem that leaves a bundle incomplete: say it, exit 1 at the end.
fail() { warn "$*"; status=1; }

# cap FILE CMD...: run CMD with stdout in FILE, stderr in $tmp/err, no stdin.
cap() {
	_f=$1; shift
	"$@" >"$_f" 2>"$tmp/err" </dev/null
}
# The first non-blank line of the last command's stderr (the error text).
errline() {
	sed -n '/[^[:space:]]/{s/^[[:space:]]*//;p;q;}' "$tmp/err"
}

# json_get FILE JQPATH KEY: a string member. jq reads JQPATH; without jq,
# the first "KEY": "value" in the document (values without escapes).
json_get() {
	if [ -n "$JQ" ]; then
		"$JQ" -r "$2 // empty | strings" "$1" 2>/dev/null
	else
		tr -d '\r\n' <"$1" |
		sed -n 's/^[^"]*\("[^"]*"[^"]*\)*"'"$3"'"[[:space:]]*:[[:space:]]*"\([^"\\]*\)".*/\2/p'
	fi
}

# ---- cluster-wide facts, fetched once, on the first bundle --------------------
# Discovery document and JWKS, then the IAM OIDC provider for the issuer.

issuer='' have_docs=0 docs_note='' prov_arn='' prov_note='' cluster_done=0

# An issuer on S3 (ccoctl, kops, self-hosted): STS reads the documents from
# the bucket, which can differ from what the API server holds (a key rotated
# in the cluster but not published is the classic InvalidIdentityToken).
s3_bucket='' s3_prefix='' s3_region=''
s3_locate() {
	_u=${1#https://}
	_h=${_u%%/*}
	_p=
	case $_u in */*) _p=${_u#*/} ;; esac
	_p=${_p%/}
	case $_h in
	*.s3.*.amazonaws.com|*.s3.*.amazonaws.com.cn)
		s3_bucket=${_h%%.s3.*}; s3_region=${_h#*.s3.}; s3_region=${s3_region%%.*} ;;
	*.s3-*.amazonaws.com)
		s3_bucket=${_h%%.s3-*}; s3_region=${_h#*.s3-}; s3_region=${s3_region%%.*} ;;
	*.s3.amazonaws.com)
		s3_bucket=${_h%.s3.amazonaws.com}; s3_region=us-east-1 ;;
	s3.*.amazonaws.com|s3.*.amazonaws.com.cn)
		s3_region=${_h#s3.}; s3_region=${s3_region%%.*}
		s3_bucket=${_p%%/*}; _p=${_p#"$s3_bucket"}; _p=${_p#/} ;;
	*) return 1 ;;
	esac
	[ -n "$s3_bucket" ] || return 1
	s3_prefix=${_p:+$_p/}
}

cluster_init() {
	[ "$cluster_done" = 0 ] || return 0
	cluster_done=1

	if cap "$tmp/openid-configuration.json" "$KUBECTL" get --raw /.well-known/openid-configuration; then
		issuer=$(json_get "$tmp/openid-configuration.json" .issuer issuer)
		[ -n "$issuer" ] || warn "the API server's /.well-known/openid-configuration has no issuer"
		if cap "$tmp/keys.json" "$KUBECTL" get --raw /openid/v1/jwks; then
			have_docs=1
		else
			docs_note="kubectl get --raw /openid/v1/jwks: $(errline)"
		fi
	else
		docs_note="kubectl get --raw /.well-known/openid-configuration: $(errline)"
	fi

	if [ "$keysrc" = auto ] && [ "$have_docs" = 1 ] && [ -n "$AWS" ] && s3_locate "$issuer"; then
		pub_disc=s3://$s3_bucket/$s3_prefix.well-known/openid-configuration
		if cap "$tmp/pub-disc" "$AWS" s3 cp "$pub_disc" - --region "$s3_region"; then
			jwks_uri=$(json_get "$tmp/pub-disc" .jwks_uri jwks_uri)
			case $jwks_uri in
			"$issuer"/?*)
				pub_keys=s3://$s3_bucket/$s3_prefix${jwks_uri#"$issuer"/}
				if cap "$tmp/pub-keys" "$AWS" s3 cp "$pub_keys" - --region "$s3_region"; then
					mv "$tmp/pub-disc" "$tmp/openid-configuration.json"
					mv "$tmp/pub-keys" "$tmp/keys.json"
					warn "issuer $issuer is the S3 bucket $s3_bucket: openid-configuration.json and keys.json are the published copies STS reads ($pub_disc, $pub_keys)"
				else
					fail "$pub_keys: $(errline); using the API server's documents instead, which may differ from what STS reads"
				fi ;;
			*)
				fail "$pub_disc names jwks_uri '$jwks_uri', outside the bucket; using the API server's documents instead, which may differ from what STS reads" ;;
			esac
		else
			fail "$pub_disc: $(errline); using the API server's documents instead, which may differ from what STS reads"
		fi
	fi

	# The IAM OIDC provider whose Url is the issuer without https://

	if [ -z "$AWS" ]; then
		prov_note="no aws CLI"
	elif [ -z "$issuer" ]; then
		prov_note="the issuer is unknown (no discovery document)"
	elif cap "$tmp/provlist" "$AWS" iam list-open-id-connect-providers \
			--query 'OpenIDConnectProviderList[].Arn' --output text; then
		want=${issuer#https://}
		near=
		# shellcheck disable=SC2013 # ARNs are words (tab-separated on one line)
		for a in $(cat "$tmp/provlist"); do
			name=${a#*:oidc-provider/}
			if [ "$name" = "$want" ]; then
				prov_arn=$a
				break
			fi
			[ "${name%/}" != "${want%/}" ] || near=$a
		done
		if [ -z "$prov_arn" ] && [ -n "$near" ]; then
			prov_arn=$near
			warn "no IAM OIDC provider is named exactly $want; taking $near, which differs in a trailing slash"
		fi
		if [ -z "$prov_arn" ]; then
			prov_note="no IAM OIDC provider for $want in this AWS account (aws iam list-open-id-connect-providers lists $(wc -w <"$tmp/provlist" | tr -d ' '))"
		elif ! cap "$tmp/provider.json" "$AWS" iam get-open-id-connect-provider \
				--open-id-connect-provider-arn "$prov_arn" --output json; then
			prov_note="aws iam get-open-id-connect-provider $prov_arn: $(errline)"
			prov_arn=
		fi
	else
		prov_note="aws iam list-open-id-connect-providers: $(errline)"
	fi
}

# ---- one bundle --------------------------------------------------------------

nbundles=0 nincomplete=0
seen=" "
roles=0

# role_file ARN: sets role_path to role.json for ARN (cached per ARN), or
# role_why to why there is none and returns 1.
role_file() {
	_i=0
	while [ "$_i" -lt "$roles" ]; do
		_i=$((_i + 1))
		if [ "$(cat "$tmp/role.$_i.arn")" = "$1" ]; then
			role_path=$tmp/role.$_i
			role_why=$(cat "$tmp/role.$_i.why")
			[ -z "$role_why" ]
			return
		fi
	done
	roles=$((roles + 1))
	role_path=$tmp/role.$roles
	printf '%s\n' "$1" >"$role_path.arn"
	role_why=
	case $1 in
	arn:*:iam::*:role/*)
		_n=${1##*/}
		if [ -z "$AWS" ]; then
			role_why="no aws CLI"
		elif ! cap "$role_path" "$AWS" iam get-role --role-name "$_n" --output json; then
			role_why="aws iam get-role --role-name $_n: $(errline)"
		else
			_got=$(json_get "$role_path" .Role.Arn Arn)
			[ "${_got%%:role/*}" = "${1%%:role/*}" ] ||
				role_why="aws iam get-role --role-name $_n answered with $_got, not a role in account $(_a=${1%%:role/*}; echo "${_a##*:}"): run with credentials for the role's account"
		fi ;;
	*)	role_why="'$1' is not an IAM role ARN (stsverify check says what STS answers)" ;;
	esac
	printf '%s' "$role_why" >"$role_path.why"
	[ -z "$role_why" ]
}

# bundle NS SA AUDIENCE CREDENTIALS-FILE ROLE-ARN
bundle() {
	_ns=$1 _sa=$2 _aud=$3 _cred=$4 _role=$5
	case $seen in *" $_ns/$_sa "*) return 0 ;; esac
	seen="$seen$_ns/$_sa "
	cluster_init
	_d=$out/${_ns}_$_sa
	mkdir -p "$_d" || { fail "$_ns/$_sa: cannot create $_d"; return 0; }
	for _f in token credentials openid-configuration.json keys.json provider.json role.json; do
		rm -f "$_d/$_f"
	done
	_have='' _miss=''

	if cap "$tmp/token" "$KUBECTL" create token "$_sa" -n "$_ns" --audience "$_aud" --duration 10m; then
		printf '%s' "$(cat "$tmp/token")" >"$_d/token"
		_have="$_have token"
	else
		warn "$_ns/$_sa: token not written: kubectl create token: $(errline)"
		_miss="$_miss token"
	fi
	cp "$_cred" "$_d/credentials"
	_have="$_have credentials"
	if [ "$have_docs" = 1 ]; then
		cp "$tmp/openid-configuration.json" "$tmp/keys.json" "$_d/"
		_have="$_have openid-configuration.json keys.json"
	else
		warn "$_ns/$_sa: openid-configuration.json and keys.json not written: $docs_note"
		_miss="$_miss openid-configuration.json keys.json"
	fi
	if [ -z "$prov_arn" ]; then
		warn "$_ns/$_sa: provider.json not written: $prov_note"
		_miss="$_miss provider.json"
	else
		case $_role in
		arn:*:iam::*:role/*) _racct=${_role%%:role/*} ;;
		*) _racct=${prov_arn%%:oidc-provider/*} ;;
		esac
		if [ "${prov_arn%%:oidc-provider/*}" = "$_racct" ]; then
			cp "$tmp/provider.json" "$_d/provider.json"
			_have="$_have provider.json"
		else
			warn "$_ns/$_sa: provider.json not written: the role is in account ${_racct##*:}, the provider found ($prov_arn) is not; STS looks for the provider in the role's account: run with credentials for it"
			_miss="$_miss provider.json"
		fi
	fi
	if role_file "$_role"; then
		cp "$role_path" "$_d/role.json"
		_have="$_have role.json"
	else
		warn "$_ns/$_sa: role.json not written: $role_why"
		_miss="$_miss role.json"
	fi

	nbundles=$((nbundles + 1))
	if [ -n "$_miss" ]; then
		nincomplete=$((nincomplete + 1))
		status=1
		echo "$_d:$_have (missing:$_miss)"
	else
		echo "$_d:$_have"
	fi
}

# eks_bundle NS SA AUDIENCE-ANNOTATION REGIONAL-ANNOTATION ROLE-ARN
# The credentials file says what the EKS webhook puts in the pod's
# environment, as the shared config file `stsverify check` also reads.
eks_bundle() {
	{
		echo "[default]"
		echo "role_arn = $5"
		echo "web_identity_token_file = /var/run/secrets/eks.amazonaws.com/serviceaccount/token"
		[ "$4" != true ] || echo "sts_regional_endpoints = regional"
	} >"$tmp/cred"
	_a=${audience:-${3:-sts.amazonaws.com}}
	bundle "$1" "$2" "$_a" "$tmp/cred" "$5"
}

# openshift_bundle NS SA SECRET-NAMESPACE SECRET-NAME: 0 when a bundle was
# written, 1 when the secret is missing or not an STS one (said on stderr).
openshift_bundle() {
	# Read once per secret (names are DNS labels/subdomains: safe file names).
	_sf=$tmp/secret.$3.$4
	if [ ! -f "$_sf" ] && ! cap "$_sf" "$KUBECTL" get secret "$4" -n "$3" \
			-o 'go-template={{with .data.credentials}}{{base64decode .}}{{end}}'; then
		errline >"$_sf.err"
	fi
	if [ -s "$_sf.err" ]; then
		warn "$1/$2: secret $3/$4: $(cat "$_sf.err")"
		return 1
	fi
	cp "$_sf" "$tmp/cred"
	if [ ! -s "$tmp/cred" ]; then
		warn "$1/$2: secret $3/$4 has no credentials key"
		return 1
	fi
	if grep -qi 'aws_secret_access_key' "$tmp/cred"; then
		# Mint or passthrough mode: long-lived keys, not web identity. Never copied.
		warn "$1/$2: secret $3/$4 holds static access keys (not STS mode): no AssumeRoleWithWebIdentity to diagnose; not copied"
		return 1
	fi
	_role=$(sed -n 's/^[[:space:]]*role_arn[[:space:]]*=[[:space:]]*//p' "$tmp/cred" | sed -n '1p')
	if [ -z "$_role" ]; then
		warn "$1/$2: secret $3/$4 has no role_arn (not STS mode)"
		return 1
	fi
	bundle "$1" "$2" "${audience:-openshift}" "$tmp/cred" "$_role"
}

mkdir -p "$out" || die "cannot create $out"

# namespace|name|audience|sts-regional-endpoints|role-arn (role-arn last: it
# keeps any '|' a broken annotation may hold)
F='{.metadata.namespace}{"|"}{.metadata.name}{"|"}{.metadata.annotations.eks\.amazonaws\.com/audience}{"|"}{.metadata.annotations.eks\.amazonaws\.com/sts-regional-endpoints}{"|"}{.metadata.annotations.eks\.amazonaws\.com/role-arn}{"\n"}'

if [ -n "$sa" ]; then
	if ! cap "$tmp/sa" "$KUBECTL" get serviceaccount "$sa" -n "$ns" -o "jsonpath=$F"; then
		warn "$ns/$sa: $(errline)"
		exit 1
	fi
	IFS='|' read -r _n _s aud reg role <"$tmp/sa"
	if [ -n "$role" ] && [ -z "$secret" ]; then
		eks_bundle "$ns" "$sa" "$aud" "$reg" "$role"
	elif ! openshift_bundle "$ns" "$sa" "$ns" "${secret:-cloud-credentials}"; then
		[ -n "$secret" ] ||
			warn "$ns/$sa: nothing to collect: no eks.amazonaws.com/role-arn annotation (the EKS pod identity webhook leaves its pods alone) and no STS credentials secret"
		exit 1
	fi
else
	if ! cap "$tmp/sas" "$KUBECTL" get serviceaccounts -A -o "jsonpath={range .items[*]}$F{end}"; then
		die "cannot list service accounts: $(errline)"
	fi
	while IFS='|' read -r n s aud reg role; do
		[ -z "$role" ] || eks_bundle "$n" "$s" "$aud" "$reg" "$role"
	done <"$tmp/sas"

	# OpenShift: CredentialsRequests say which secret each operator's
	# service accounts use.
	CR='{range .items[*]}{.spec.providerSpec.kind}{"|"}{.spec.secretRef.namespace}{"|"}{.spec.secretRef.name}{"|"}{.spec.serviceAccountNames[*]}{"\n"}{end}'
	if cap "$tmp/crs" "$KUBECTL" get credentialsrequests.cloudcredential.openshift.io -A -o "jsonpath=$CR"; then
		while IFS='|' read -r kind sns sname sas; do
			[ "$kind" = AWSProviderSpec ] || continue
			for s in $sas; do
				openshift_bundle "$sns" "$s" "$sns" "$sname" || true
			done
		done <"$tmp/crs"
	elif ! grep -q "doesn't have a resource type" "$tmp/err"; then
		fail "cannot list CredentialsRequests: $(errline)"
	fi
fi

if [ "$nbundles" = 0 ]; then
	echo "no bundles: no service account carries eks.amazonaws.com/role-arn or an STS-mode OpenShift credentials secret"
else
	[ "$nbundles" = 1 ] && _b=bundle || _b=bundles
	echo "$nbundles $_b in $out, $nincomplete incomplete"
fi
exit "$status"
