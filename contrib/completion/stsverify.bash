# bash completion for stsverify
_stsverify()
{
	local cur prev cmd
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	cmd=${COMP_WORDS[1]}
	local commands="decode verify check request explain permissions fetch assume thumbprint help --version --help"
	if [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W "$commands" -- "$cur"))
		return
	fi
	case "$prev" in
	--token|--tokens|--jwks|--policy|--credentials|--config|--discovery|--provider|--role|--chain|--credentials-request|--ca-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--dir|--out) COMPREPLY=($(compgen -d -- "$cur")); return ;;
	--connect-timeout|--timeout|--max-time|--proxy|--resolve|--connect-to|--max-body) return ;;
	--sts-endpoint) COMPREPLY=($(compgen -W "regional legacy" -- "$cur")); return ;;
	--sdk) COMPREPLY=($(compgen -W "botocore botocore-old cli-v2" -- "$cur")); return ;;
	--order) COMPREPLY=($(compgen -W "call provider sorted" -- "$cur")); return ;;
	--format)
		case "$cmd" in
		request) COMPREPLY=($(compgen -W "http curl awscli json" -- "$cur")) ;;
		explain) COMPREPLY=($(compgen -W "text json env credential-process" -- "$cur")) ;;
		esac
		return ;;
	--role-arn|--session-name|--duration|--region|--endpoint-url|--policy-arn|--profile|--provider-arn|--name) return ;;
	--alg) COMPREPLY=($(compgen -W "RS256 RS384 RS512 ES256 ES384 ES512" -- "$cur")); return ;;
	--now|--aud|--iss|--leeway) return ;;
	esac
	local opts net="--ca-file --connect-timeout --timeout --max-time --proxy --no-proxy --resolve --connect-to --max-body"
	case "$cmd" in
	decode) opts="--token --now --help" ;;
	verify) opts="--token --tokens --jwks --now --aud --iss --alg --leeway --json --help" ;;
	check) opts="--dir --token --role-arn --credentials --discovery --jwks --provider --provider-arn --role
		--chain --session-name --duration --region --now --leeway --json -q --quiet -v --verbose --no-color --online $net --help" ;;
	request) opts="--token --role-arn --session-name --duration --region --sts-endpoint --fips --dualstack
		--endpoint-url --policy --policy-arn --format --redact --strip-newline --force --credentials --config
		--profile --sdk --order --now --help" ;;
	explain) opts="--format --show-credentials --now --help"; COMPREPLY=($(compgen -f -- "$cur")) ;;
	permissions) opts="--credentials-request --policy --role --name --json --help" ;;
	fetch) opts="--out $net --help" ;;
	thumbprint) opts="$net --help" ;;
	assume) opts="--token --role-arn --session-name --duration --region --sts-endpoint --fips --dualstack
		--endpoint-url --policy --policy-arn --strip-newline --force --credentials --config --profile --sdk
		--order --now $net --help" ;;
	help) opts="decode verify check request explain permissions fetch assume thumbprint" ;;
	esac
	COMPREPLY+=($(compgen -W "$opts" -- "$cur"))
}
complete -F _stsverify stsverify
