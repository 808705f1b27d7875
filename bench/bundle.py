#!/usr/bin/python3
"""bench/bundle.py INDIR BITS... -- a `stsverify check --dir` bundle per key size,
INDIR/<bits>/check/: the bench token (the first of tokens.txt), its JWKS as
keys.json, and a discovery document, IAM OIDC provider and role whose trust
policy admit that token (the EKS issuer of bench/gen.py, audience
sts.amazonaws.com, sub system:serviceaccount:team-0:app-0). No chain.pem:
the thumbprint row is SKIP, as on a machine that did not fetch the chain.
STS would accept: `check` exits 0. Cheap; bench/run.sh writes it every run."""
import json
import os
import shutil
import sys

ISS = "https://oidc.eks.us-east-1.amazonaws.com/id/5C1D8E0B2F6A4E7D9C3B1A0F8E7D6C5B"
HOST = ISS[len("https://"):]
ACCOUNT = "111122223333"
ROLE = "arn:aws:iam::%s:role/bench" % ACCOUNT


def dump(path, obj):
    with open(path, "w") as f:
        json.dump(obj, f, indent=2)
        f.write("\n")


def main():
    indir = sys.argv[1]
    for bits in sys.argv[2:]:
        d = os.path.join(indir, bits, "check")
        os.makedirs(d, exist_ok=True)
        shutil.copyfile(os.path.join(indir, bits, "token.jwt"), os.path.join(d, "token"))
        shutil.copyfile(os.path.join(indir, bits, "jwks.json"), os.path.join(d, "keys.json"))
        dump(os.path.join(d, "openid-configuration.json"), {
            "issuer": ISS, "jwks_uri": ISS + "/keys", "response_types_supported": ["id_token"],
            "subject_types_supported": ["public"], "id_token_signing_alg_values_supported": ["RS256"],
            "claims_supported": ["sub", "iss"]})
        dump(os.path.join(d, "provider.json"), {
            "Url": HOST, "ClientIDList": ["sts.amazonaws.com"],
            "ThumbprintList": ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"],
            "CreateDate": "2026-03-02T09:15:27+00:00"})
        dump(os.path.join(d, "role.json"), {"Role": {
            "Path": "/", "RoleName": "bench", "RoleId": "AROAEXAMPLEBENCH0000", "Arn": ROLE,
            "CreateDate": "2026-03-02T09:20:11+00:00", "MaxSessionDuration": 3600,
            "AssumeRolePolicyDocument": {"Version": "2012-10-17", "Statement": [{
                "Effect": "Allow",
                "Principal": {"Federated": "arn:aws:iam::%s:oidc-provider/%s" % (ACCOUNT, HOST)},
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": {"StringEquals": {
                    HOST + ":aud": "sts.amazonaws.com",
                    HOST + ":sub": "system:serviceaccount:team-0:app-0"}}}]}}})


main()
