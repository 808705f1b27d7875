#!/bin/sh
# latchset jose CLI: jose_verify.sh JWKS TOKENFILE -- `jose jws ver` over the
# compact token with the JWKS (signature only: jose does not check claims).
exec jose jws ver -i "$2" -k "$1"
