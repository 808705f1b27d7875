#!/usr/bin/python3
"""jwcrypto peer (Debian python3-jwcrypto): verify.py JWKS TOKENFILE [batch]."""
import sys

from jwcrypto import jwk, jwt

keys = jwk.JWKSet.from_json(open(sys.argv[1]).read())


def one(t):
    # key=JWKSet: kid lookup; exp/nbf checked by default, aud given here
    jwt.JWT(jwt=t, key=keys, algs=["RS256"], check_claims={"aud": "sts.amazonaws.com", "exp": None})
    return 1


if len(sys.argv) == 3:
    one(open(sys.argv[2]).read().strip())
else:
    good = 0
    for line in open(sys.argv[2]):
        good += one(line.strip())
    print(good)
