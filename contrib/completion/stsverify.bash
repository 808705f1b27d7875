# bash completion for stsverify
_stsverify()
{
	local cur prev cmd
	cur=${COMP_WORDS[COMP_CWORD]}
	prev=${COMP_WORDS[COMP_CWORD-1]}
	cmd=${COMP_WORDS[1]}
	local commands="decode verify help --version --help"
	if [ "$COMP_CWORD" -eq 1 ]; then
		COMPREPLY=($(compgen -W "$commands" -- "$cur"))
		return
	fi
	case "$prev" in
	--token|--tokens|--jwks) COMPREPLY=($(compgen -f -- "$cur")); return ;;
	--alg) COMPREPLY=($(compgen -W "RS256 RS384 RS512 ES256 ES384 ES512" -- "$cur")); return ;;
	--now|--aud|--iss|--leeway) return ;;
	esac
	local opts
	case "$cmd" in
	decode) opts="--token --now --help" ;;
	verify) opts="--token --tokens --jwks --now --aud --iss --alg --leeway --json --help" ;;
	help) opts="decode verify" ;;
	esac
	COMPREPLY=($(compgen -W "$opts" -- "$cur"))
}
complete -F _stsverify stsverify
