#!/usr/bin/python3
"""PyJWT peer (Debian python3-jwt): verify.py JWKS TOKENFILE [batch]."""
import json
import sys

import jwt

keys = jwt.PyJWKSet.from_json(open(sys.argv[1]).read())
by_kid = {k.key_id: k.key for k in keys.keys}


def one(t):
    kid = jwt.get_unverified_header(t)["kid"]
    jwt.decode(t, by_kid[kid], algorithms=["RS256"], audience="sts.amazonaws.com")
    return 1


if len(sys.argv) == 3:
    one(open(sys.argv[2]).read().strip())
else:
    good = 0
    for line in open(sys.argv[2]):
        good += one(line.strip())
    print(good)
