#!/bin/sh
# mktls.sh -- the test PKI for the online tests, made with openssl(1).
#
#   sh tests/gen/mktls.sh [DIR]          (re)generate certificates into DIR (default fixtures/tls)
#   sh tests/gen/mktls.sh --check [DIR]  regenerate into a temporary directory and compare
#
# Keys are made once (openssl genpkey, RSA-2048) and committed; everything
# else is derived from them deterministically: `openssl ca` with fixed
# serial numbers, fixed -startdate/-enddate and RSA PKCS#1 v1.5 signatures
# (which have no randomness), so running this again changes no byte.
# Test-only material: never trust these anywhere else.
#
#   root-ca      CN=stsverify test root CA          self-signed, the trust anchor (--ca-file root-ca.pem)
#   int-ca       CN=stsverify test intermediate CA  signed by root-ca
#   localhost    CN=localhost, DNS:localhost         signed by int-ca, valid 2025-2049
#   expired      CN=localhost, DNS:localhost         signed by int-ca, valid 2020-01-01 .. 2021-01-01
#   wronghost    CN=wrong.example, DNS:wrong.example signed by int-ca
#   other-ca     CN=stsverify untrusted CA           self-signed, not in any bundle we pass
#   untrusted    CN=localhost, DNS:localhost         signed by other-ca
#   *-chain.pem  what a server sends: the leaf, then its issuer (the last = the IAM thumbprint)
#   keys.json    a JWK Set holding the leaf key's public half (kid stsverify-test)
set -eu

check=0
if [ "${1:-}" = "--check" ]; then
	check=1
	shift
fi
dir=${1:-fixtures/tls}
OPENSSL=${OPENSSL:-openssl}

if [ $check = 1 ]; then
	tmp=$(mktemp -d)
	trap 'rm -rf "$tmp"' EXIT
	cp "$dir"/*.key "$tmp"/
	sh "$0" "$tmp" >/dev/null
	status=0
	for f in "$dir"/*.pem "$dir"/keys.json; do
		if ! cmp -s "$f" "$tmp/$(basename "$f")"; then
			echo "mktls: $f differs from what tests/gen/mktls.sh makes"
			status=1
		fi
	done
	[ $status = 0 ] && echo "mktls: fixtures/tls is what tests/gen/mktls.sh makes"
	exit $status
fi

mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

for k in root-ca int-ca other-ca leaf; do
	if [ ! -f "$dir/$k.key" ]; then
		"$OPENSSL" genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$dir/$k.key" 2>/dev/null
	fi
done

cat >"$work/ca.cnf" <<'EOF'
[ca]
default_ca = test
[test]
dir = .
database = $dir/index.txt
new_certs_dir = $dir/new
serial = $dir/serial
default_md = sha256
policy = anything
unique_subject = no
copy_extensions = none
email_in_dn = no
[anything]
commonName = supplied
organizationName = optional
[root]
basicConstraints = critical, CA:true
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[int]
basicConstraints = critical, CA:true, pathlen:0
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[localhost]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost
[wronghost]
basicConstraints = critical, CA:false
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:wrong.example
EOF

# sign NAME KEY SUBJECT SERIAL START END EXT ISSUER (ISSUER "self" for a self-signed CA)
sign() {
	name=$1 key=$2 subj=$3 serial=$4 start=$5 end=$6 ext=$7 issuer=$8
	(
		cd "$work"
		rm -rf new index.txt index.txt.* serial serial.*
		mkdir new
		: >index.txt
		echo "$serial" >serial
		"$OPENSSL" req -new -key "$dir/$key.key" -subj "$subj" -out "$name.csr"
		if [ "$issuer" = self ]; then
			"$OPENSSL" ca -config ca.cnf -batch -notext -selfsign -keyfile "$dir/$key.key" \
				-in "$name.csr" -out "$name.pem" -startdate "$start" -enddate "$end" \
				-extensions "$ext" -extfile ca.cnf 2>/dev/null
		else
			"$OPENSSL" ca -config ca.cnf -batch -notext -cert "$dir/$issuer.pem" \
				-keyfile "$dir/$issuer.key" -in "$name.csr" -out "$name.pem" \
				-startdate "$start" -enddate "$end" -extensions "$ext" -extfile ca.cnf 2>/dev/null
		fi
	)
	cp "$work/$name.pem" "$dir/$name.pem"
}

sign root-ca   root-ca  "/O=stsverify tests/CN=stsverify test root CA"         1001 20240101000000Z 20991231235959Z root      self
sign int-ca    int-ca   "/O=stsverify tests/CN=stsverify test intermediate CA" 1002 20240101000000Z 20491231235959Z int       root-ca
sign localhost leaf     "/O=stsverify tests/CN=localhost"                       2001 20250101000000Z 20491231235959Z localhost int-ca
sign expired   leaf     "/O=stsverify tests/CN=localhost"                       2002 20200101000000Z 20210101000000Z localhost int-ca
sign wronghost leaf     "/O=stsverify tests/CN=wrong.example"                   2003 20250101000000Z 20491231235959Z wronghost int-ca
sign other-ca  other-ca "/O=stsverify tests/CN=stsverify untrusted CA"          3001 20240101000000Z 20991231235959Z root      self
sign untrusted leaf     "/O=stsverify tests/CN=localhost"                       3002 20250101000000Z 20491231235959Z localhost other-ca

for c in localhost expired wronghost; do
	cat "$dir/$c.pem" "$dir/int-ca.pem" >"$dir/$c-chain.pem"
done
cat "$dir/untrusted.pem" "$dir/other-ca.pem" >"$dir/untrusted-chain.pem"

# keys.json: a JWK Set with the leaf's public key, for the loopback servers to serve
mod=$("$OPENSSL" rsa -in "$dir/leaf.key" -noout -modulus | sed 's/^Modulus=//')
${PYTHON:-python3} - "$mod" >"$dir/keys.json" <<'EOF'
import base64, json, sys
n = bytes.fromhex(sys.argv[1])
b64 = lambda b: base64.urlsafe_b64encode(b).rstrip(b"=").decode()
print(json.dumps({"keys": [{"kty": "RSA", "kid": "stsverify-test", "use": "sig", "alg": "RS256",
                            "n": b64(n), "e": "AQAB"}]}, indent=2))
EOF
echo "mktls: wrote $dir"
