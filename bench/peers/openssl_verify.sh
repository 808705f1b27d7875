#!/bin/sh
# The OpenSSL CLI as a JWS verifier: openssl_verify.sh PUB.pem TOKENFILE
# Splits the compact JWS, decodes the base64url signature and runs
# `openssl dgst -sha256 -verify` on the signing input: signature only, no claims.
set -eu
t=$(cat "$2")
d=$(mktemp -d)
trap 'rm -rf "$d"' EXIT
printf '%s' "${t%.*}" > "$d/in"
s=$(printf '%s' "${t##*.}" | tr '_-' '/+')
case $(( ${#s} % 4 )) in 2) s="$s==" ;; 3) s="$s=" ;; esac
printf '%s' "$s" | openssl base64 -d -A > "$d/sig"
openssl dgst -sha256 -verify "$1" -signature "$d/sig" "$d/in" > /dev/null
