#!/usr/bin/env python3
"""fakecloud.py SCENARIO PORTFILE -- a fake kube-apiserver and a fake AWS
(IAM Query API, S3 REST) on one loopback port, for recording what the real
kubectl and aws CLIs print (tests/deploy/record/record.sh).

Only used to (re)make tests/deploy/recorded/; the test suite replays those
recordings and never runs this. Needs python3-cryptography (to sign the
tokens the fake API server issues).

Wire shapes follow the public APIs: Kubernetes core/v1 and
authentication.k8s.io/v1 TokenRequest JSON, metav1.Status errors, discovery
(APIVersions, APIGroupList, APIResourceList); IAM 2010-05-08 XML responses
and ErrorResponse; S3 GetObject/HeadObject. The scenarios are invented;
the keys in keys/ are test keys made for this and nothing else.
"""
import base64
import hashlib
import json
import os
import sys
import urllib.parse
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

HERE = os.path.dirname(os.path.abspath(__file__))
NOW = 1790000000                       # the fake API server's clock
ACCOUNT = "111122223333"
NS_UUID = uuid.UUID("6f1c2a4e-0000-4000-8000-000000000000")


def b64u(b):
    return base64.urlsafe_b64encode(b).rstrip(b"=").decode()


def load_key(name):
    with open(os.path.join(HERE, "keys", name + ".pem"), "rb") as f:
        return serialization.load_pem_private_key(f.read(), None)


def jwk(priv):
    pub = priv.public_key()
    der = pub.public_bytes(serialization.Encoding.DER,
                           serialization.PublicFormat.SubjectPublicKeyInfo)
    nums = pub.public_numbers()
    n = nums.n.to_bytes((nums.n.bit_length() + 7) // 8, "big")
    e = nums.e.to_bytes((nums.e.bit_length() + 7) // 8, "big")
    # kube-apiserver: kid = base64url(SHA-256(DER SubjectPublicKeyInfo));
    # go-jose member order: use, kty, kid, alg, n, e
    return {"use": "sig", "kty": "RSA", "kid": b64u(hashlib.sha256(der).digest()),
            "alg": "RS256", "n": b64u(n), "e": b64u(e)}


def sign(priv, claims):
    head = {"alg": "RS256", "kid": jwk(priv)["kid"]}
    enc = lambda o: b64u(json.dumps(o, separators=(",", ":"), sort_keys=True).encode())
    msg = (b64u(json.dumps(head, separators=(",", ":")).encode()) + "." + enc(claims)).encode()
    sig = priv.sign(msg, padding.PKCS1v15(), hashes.SHA256())
    return msg.decode() + "." + b64u(sig)


def compact(o):
    return json.dumps(o, separators=(",", ":"))


def sa(ns, name, annotations=None):
    md = {"name": name, "namespace": ns,
          "uid": str(uuid.uuid5(NS_UUID, "sa/%s/%s" % (ns, name))),
          "resourceVersion": "4%03d" % (len(ns) * 7 + len(name)),
          "creationTimestamp": "2026-05-01T12:00:00Z"}
    if annotations:
        md["annotations"] = annotations
    return {"metadata": md}


def trust(provider_url, subs, aud, op="StringEquals"):
    cond = {op: {provider_url + ":sub": subs if len(subs) > 1 else subs[0]}}
    if aud:
        cond[op][provider_url + ":aud"] = aud
    return {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow",
        "Principal": {"Federated": "arn:aws:iam::%s:oidc-provider/%s" % (ACCOUNT, provider_url)},
        "Action": "sts:AssumeRoleWithWebIdentity",
        "Condition": cond}]}


def role(name, doc, account=ACCOUNT, max_session=3600):
    return {"Path": "/", "RoleName": name,
            "RoleId": "AROA" + hashlib.sha1(name.encode()).hexdigest()[:17].upper(),
            "Arn": "arn:aws:iam::%s:role/%s" % (account, name),
            "CreateDate": "2026-05-01T12:00:00Z", "AssumeRolePolicyDocument": doc,
            "MaxSessionDuration": max_session}


def provider(url, client_ids, thumbprints):
    return {"Url": url, "ClientIDList": client_ids, "ThumbprintList": thumbprints,
            "CreateDate": "2026-05-01T12:00:00Z"}


def eks_discovery(iss):
    return {"issuer": iss,
            "jwks_uri": "https://ip-172-16-47-12.us-west-2.compute.internal:443/openid/v1/jwks",
            "response_types_supported": ["id_token"], "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"]}


# ---- scenarios ----------------------------------------------------------------

EKS_ISS = "https://oidc.eks.us-west-2.amazonaws.com/id/EXAMPLED539D4633E53DE1B716D3041E"
EKS_URL = EKS_ISS[len("https://"):]
RA = "eks.amazonaws.com/role-arn"


def scenario_eks():
    key = load_key("eks-usw2")
    return {
        "key": key, "issuer": EKS_ISS,
        "discovery": compact(eks_discovery(EKS_ISS)),
        "jwks": compact({"keys": [jwk(key)]}),
        "groups": [],
        "serviceaccounts": [
            sa("default", "default"),
            sa("ext", "crossacct", {RA: "arn:aws:iam::444455556666:role/ext-reader"}),
            sa("kube-system", "aws-node", {RA: "arn:aws:iam::%s:role/eks-aws-node" % ACCOUNT}),
            sa("kube-system", "coredns"),
            sa("monitoring", "exporter", {RA: "arn:aws:iam::%s:role/exporter\\" % ACCOUNT,
                                          "eks.amazonaws.com/audience": "sts.amazonaws.com"}),
            sa("payments", "api", {RA: "arn:aws:iam::%s:role/payments-api" % ACCOUNT,
                                   "eks.amazonaws.com/sts-regional-endpoints": "true"}),
            sa("team-a", "reporter", {RA: "arn:aws:iam::%s:role/reporter-role" % ACCOUNT}),
        ],
        "secrets": {},
        "providers": {
            "arn:aws:iam::%s:oidc-provider/%s" % (ACCOUNT, EKS_URL):
                provider(EKS_URL, ["sts.amazonaws.com"], ["9e99a48a9960b14926bb7f3b02e22da2b0ab7280"]),
            "arn:aws:iam::%s:oidc-provider/token.actions.githubusercontent.com" % ACCOUNT:
                provider("token.actions.githubusercontent.com", ["sts.amazonaws.com"],
                         ["6938fd4d98bab03faadb97b34396831e3780aea1"]),
        },
        "roles": {
            "eks-aws-node": role("eks-aws-node", trust(
                EKS_URL, ["system:serviceaccount:kube-system:aws-node"], "sts.amazonaws.com")),
            # a pattern under StringEquals (FAILURE-MODES #1)
            "payments-api": role("payments-api", trust(
                EKS_URL, ["system:serviceaccount:payments:*"], "sts.amazonaws.com"), max_session=43200),
            # same name as the annotation's role, but in the caller's account
            "ext-reader": role("ext-reader", trust(
                EKS_URL, ["system:serviceaccount:ext:crossacct"], "sts.amazonaws.com")),
        },
        "s3": {},
    }


EUW1_ISS = "https://oidc.eks.eu-west-1.amazonaws.com/id/0123456789ABCDEF0123456789ABCDEF"
EUW1_URL = EUW1_ISS[len("https://"):]


def scenario_eks_one():
    key = load_key("eks-euw1")
    return {
        "key": key, "issuer": EUW1_ISS,
        "discovery": compact(eks_discovery(EUW1_ISS)),
        "jwks": compact({"keys": [jwk(key)]}),
        "groups": [],
        "serviceaccounts": [
            sa("default", "app", {RA: "arn:aws:iam::%s:role/app" % ACCOUNT,
                                  "eks.amazonaws.com/audience": "sts.amazonaws.com"}),
        ],
        "secrets": {},
        # registered with a trailing slash (FAILURE-MODES #4)
        "providers": {
            "arn:aws:iam::%s:oidc-provider/%s/" % (ACCOUNT, EUW1_URL):
                provider(EUW1_URL + "/", ["sts.amazonaws.com"], []),
        },
        "roles": {
            "app": role("app", trust(EUW1_URL + "/", ["system:serviceaccount:default:app"],
                                     "sts.amazonaws.com")),
        },
        "s3": {},
    }


OCP_ISS = "https://mycluster-oidc.s3.us-east-1.amazonaws.com"
OCP_URL = OCP_ISS[len("https://"):]
# ccoctl's discovery document (create_identity_provider.go template)
OCP_PUBLISHED_DISCOVERY = """{
	"issuer": "%s",
	"jwks_uri": "%s/keys.json",
	"response_types_supported": [
		"id_token"
	],
	"subject_types_supported": [
		"public"
	],
	"id_token_signing_alg_values_supported": [
		"RS256"
	],
	"claims_supported": [
		"aud",
		"exp",
		"sub",
		"iat",
		"iss",
		"sub"
	]
}""" % (OCP_ISS, OCP_ISS)


def sts_ini(role_arn):
    return ("[default]\nsts_regional_endpoints = regional\nrole_arn = %s\n"
            "web_identity_token_file = /var/run/secrets/openshift/serviceaccount/token" % role_arn)


def secret(ns, name, text):
    return {"kind": "Secret", "apiVersion": "v1",
            "metadata": {"name": name, "namespace": ns,
                         "uid": str(uuid.uuid5(NS_UUID, "secret/%s/%s" % (ns, name))),
                         "resourceVersion": "5120", "creationTimestamp": "2026-05-01T12:00:00Z"},
            "data": {"credentials": base64.b64encode(text.encode()).decode()},
            "type": "Opaque"}


def credreq(name, kind, sns, sname, sas):
    return {"apiVersion": "cloudcredential.openshift.io/v1", "kind": "CredentialsRequest",
            "metadata": {"name": name, "namespace": "openshift-cloud-credential-operator",
                         "uid": str(uuid.uuid5(NS_UUID, "cr/" + name)),
                         "resourceVersion": "6001", "creationTimestamp": "2026-05-01T12:00:00Z"},
            "spec": {"providerSpec": {"apiVersion": "cloudcredential.openshift.io/v1", "kind": kind},
                     "secretRef": {"name": sname, "namespace": sns},
                     "serviceAccountNames": sas}}


def scenario_openshift(s3_denied=False):
    cur, old = load_key("ocp-current"), load_key("ocp-retired")
    ing = "mycluster-openshift-ingress-operator-cloud-credentials"
    ebs = "mycluster-openshift-cluster-csi-drivers-ebs-cloud-credentials"
    s3 = {}
    if not s3_denied:
        s3 = {"mycluster-oidc/.well-known/openid-configuration": OCP_PUBLISHED_DISCOVERY,
              # the published JWKS still has only the retired key: the key that
              # signs today's tokens was never uploaded (the motivating case)
              "mycluster-oidc/keys.json": json.dumps({"keys": [jwk(old)]}, indent=2)}
    return {
        "key": cur, "issuer": OCP_ISS,
        "discovery": compact({"issuer": OCP_ISS,
                              "jwks_uri": "https://api-int.mycluster.example.com:6443/openid/v1/jwks",
                              "response_types_supported": ["id_token"],
                              "subject_types_supported": ["public"],
                              "id_token_signing_alg_values_supported": ["RS256"]}),
        "jwks": compact({"keys": [jwk(cur), jwk(old)]}),
        "groups": [("cloudcredential.openshift.io", "v1", "credentialsrequests", "CredentialsRequest")],
        "serviceaccounts": [
            sa("openshift-ingress-operator", "ingress-operator"),
            sa("openshift-image-registry", "cluster-image-registry-operator"),
            sa("openshift-image-registry", "registry"),
            sa("openshift-cluster-csi-drivers", "aws-ebs-csi-driver-operator"),
            sa("openshift-cluster-csi-drivers", "aws-ebs-csi-driver-controller-sa"),
        ],
        "secrets": {
            ("openshift-ingress-operator", "cloud-credentials"):
                secret("openshift-ingress-operator", "cloud-credentials",
                       sts_ini("arn:aws:iam::%s:role/%s" % (ACCOUNT, ing))),
            ("openshift-image-registry", "installer-cloud-credentials"):
                secret("openshift-image-registry", "installer-cloud-credentials",
                       "[default]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\n"
                       "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
            ("openshift-cluster-csi-drivers", "ebs-cloud-credentials"):
                secret("openshift-cluster-csi-drivers", "ebs-cloud-credentials",
                       sts_ini("arn:aws:iam::%s:role/%s" % (ACCOUNT, ebs))),
        },
        "credentialsrequests": [
            credreq("openshift-ingress", "AWSProviderSpec", "openshift-ingress-operator",
                    "cloud-credentials", ["ingress-operator"]),
            credreq("openshift-image-registry", "AWSProviderSpec", "openshift-image-registry",
                    "installer-cloud-credentials", ["cluster-image-registry-operator", "registry"]),
            credreq("openshift-cluster-csi-drivers", "AWSProviderSpec", "openshift-cluster-csi-drivers",
                    "ebs-cloud-credentials",
                    ["aws-ebs-csi-driver-operator", "aws-ebs-csi-driver-controller-sa"]),
            credreq("openshift-gcp-pd-csi-driver-operator", "GCPProviderSpec",
                    "openshift-cluster-csi-drivers", "gcp-pd-cloud-credentials", ["gcp-pd-csi-driver-operator"]),
        ],
        "providers": {
            "arn:aws:iam::%s:oidc-provider/%s" % (ACCOUNT, OCP_URL):
                provider(OCP_URL, ["openshift", "sts.amazonaws.com"],
                         ["a9d53002e97e00e043244f3d170d6f4c414104fd"]),
        },
        "roles": {
            ing: role(ing, trust(OCP_URL, ["system:serviceaccount:openshift-ingress-operator:ingress-operator"], None)),
            ebs: role(ebs, trust(OCP_URL, ["system:serviceaccount:openshift-cluster-csi-drivers:aws-ebs-csi-driver-operator",
                                           "system:serviceaccount:openshift-cluster-csi-drivers:aws-ebs-csi-driver-controller-sa"], None)),
        },
        "s3": s3,
    }


def scenario_debug():
    """A running IRSA pod (as the webhook mutated it), for the kubectl debug
    recipe in docs/in-cluster.md (record/check-debug-recipe.sh)."""
    sc = scenario_eks()
    sc["pods"] = {("payments", "api-7d9c6b5f4-x2x9q"): {
        "kind": "Pod", "apiVersion": "v1",
        "metadata": {"name": "api-7d9c6b5f4-x2x9q", "namespace": "payments",
                     "uid": str(uuid.uuid5(NS_UUID, "pod/api")), "resourceVersion": "9001",
                     "creationTimestamp": "2026-05-01T12:00:00Z"},
        "spec": {
            "serviceAccountName": "api",
            "securityContext": {"runAsNonRoot": True, "runAsUser": 10001, "fsGroup": 10001},
            "containers": [{
                "name": "api", "image": "registry.example.com/payments-api:1.4.2",
                "env": [{"name": "AWS_STS_REGIONAL_ENDPOINTS", "value": "regional"},
                        {"name": "AWS_DEFAULT_REGION", "value": "us-west-2"},
                        {"name": "AWS_REGION", "value": "us-west-2"},
                        {"name": "AWS_ROLE_ARN", "value": "arn:aws:iam::%s:role/payments-api" % ACCOUNT},
                        {"name": "AWS_WEB_IDENTITY_TOKEN_FILE",
                         "value": "/var/run/secrets/eks.amazonaws.com/serviceaccount/token"}],
                "volumeMounts": [
                    {"name": "kube-api-access-9xk2p", "readOnly": True,
                     "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount"},
                    {"name": "aws-iam-token", "readOnly": True,
                     "mountPath": "/var/run/secrets/eks.amazonaws.com/serviceaccount"}]}],
            "volumes": [
                {"name": "aws-iam-token", "projected": {"defaultMode": 420, "sources": [
                    {"serviceAccountToken": {"audience": "sts.amazonaws.com",
                                             "expirationSeconds": 86400, "path": "token"}}]}},
                {"name": "kube-api-access-9xk2p", "projected": {"defaultMode": 420, "sources": [
                    {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}}]}}]},
        "status": {"phase": "Running"}}}
    return sc


SCENARIOS = {
    "debug": scenario_debug,
    "eks": scenario_eks,
    "eks-one": scenario_eks_one,
    "notfound": scenario_eks,
    "unannotated": scenario_eks,
    "openshift": scenario_openshift,
    "openshift-one": lambda: scenario_openshift(s3_denied=True),
}

# ---- the server ---------------------------------------------------------------


def iam_xml(action, inner):
    ns = "https://iam.amazonaws.com/doc/2010-05-08/"
    return ('<%sResponse xmlns="%s">\n  <%sResult>\n%s  </%sResult>\n'
            '  <ResponseMetadata>\n    <RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId>\n'
            '  </ResponseMetadata>\n</%sResponse>\n' % (action, ns, action, inner, action, action))


def iam_error(code, message, typ="Sender"):
    return ('<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">\n  <Error>\n'
            '    <Type>%s</Type>\n    <Code>%s</Code>\n    <Message>%s</Message>\n  </Error>\n'
            '  <RequestId>7a62c49f-347e-4fc4-9331-6e8eEXAMPLE</RequestId>\n</ErrorResponse>\n'
            % (typ, code, message.replace("&", "&amp;").replace("<", "&lt;")))


def members(tag, values, ind):
    s = "%s<%s>\n" % (ind, tag)
    for v in values:
        s += "%s  <member>%s</member>\n" % (ind, v)
    return s + "%s</%s>\n" % (ind, tag)


def status(code, reason, message, kind=None, name=None):
    st = {"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
          "message": message, "reason": reason, "code": code}
    if name is not None:
        st["details"] = {"name": name, "kind": kind}
    return st


def pb_fields(b):
    """(field number, wire type, value) of one protobuf message."""
    i = 0
    while i < len(b):
        key, i = pb_varint(b, i)
        num, wt = key >> 3, key & 7
        if wt == 0:
            v, i = pb_varint(b, i)
        elif wt == 2:
            n, i = pb_varint(b, i)
            v, i = b[i:i + n], i + n
        else:
            raise ValueError("wire type %d" % wt)
        yield num, wt, v


def pb_varint(b, i):
    v = shift = 0
    while True:
        c = b[i]
        i += 1
        v |= (c & 0x7F) << shift
        shift += 7
        if not c & 0x80:
            return v, i


def token_request_spec(body, ctype):
    """audiences and expirationSeconds of a TokenRequest, JSON or the API
    server's protobuf envelope ("k8s\\0" + runtime.Unknown{raw: TokenRequest})."""
    if "protobuf" not in ctype:
        spec = json.loads(body)["spec"]
        return spec.get("audiences") or [], spec.get("expirationSeconds")
    assert body[:4] == b"k8s\0"
    raw = [v for n, _, v in pb_fields(body[4:]) if n == 2][0]
    spec = [v for n, _, v in pb_fields(raw) if n == 2][0]
    aud, exp_s = [], None
    for n, _, v in pb_fields(spec):
        if n == 1:
            aud.append(v.decode())
        elif n == 4:
            exp_s = v
    return aud, exp_s


class Handler(BaseHTTPRequestHandler):
    sc = None
    log = None

    def log_message(self, fmt, *args):
        print("fakecloud: " + fmt % args, file=self.log, flush=True)

    def send(self, code, body, ctype="application/json"):
        if not isinstance(body, (str, bytes)):
            body = compact(body)
        if isinstance(body, str):
            body = body.encode()
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    # -- Kubernetes
    def kube_get(self, path, query):
        sc = self.sc
        if path == "/.well-known/openid-configuration":
            return self.send(200, sc["discovery"])
        if path == "/openid/v1/jwks":
            return self.send(200, sc["jwks"], "application/jwk-set+json")
        if path == "/api":
            return self.send(200, {"kind": "APIVersions", "versions": ["v1"],
                                   "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0",
                                                                   "serverAddress": "127.0.0.1:6443"}]})
        if path == "/apis":
            groups = [{"name": g, "versions": [{"groupVersion": g + "/" + v, "version": v}],
                       "preferredVersion": {"groupVersion": g + "/" + v, "version": v}}
                      for g, v, _, _ in sc["groups"]]
            return self.send(200, {"kind": "APIGroupList", "apiVersion": "v1", "groups": groups})
        if path == "/api/v1":
            verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]
            return self.send(200, {"kind": "APIResourceList", "groupVersion": "v1", "resources": [
                {"name": "secrets", "singularName": "secret", "namespaced": True, "kind": "Secret",
                 "verbs": verbs},
                {"name": "pods", "singularName": "pod", "namespaced": True, "kind": "Pod",
                 "verbs": verbs, "shortNames": ["po"]},
                {"name": "pods/ephemeralcontainers", "singularName": "", "namespaced": True,
                 "kind": "Pod", "verbs": ["get", "patch", "update"]},
                {"name": "serviceaccounts", "singularName": "serviceaccount", "namespaced": True,
                 "kind": "ServiceAccount", "verbs": verbs, "shortNames": ["sa"]},
                {"name": "serviceaccounts/token", "singularName": "", "namespaced": True,
                 "group": "authentication.k8s.io", "version": "v1", "kind": "TokenRequest",
                 "verbs": ["create"]}]})
        for g, v, res, kind in sc["groups"]:
            if path == "/apis/%s/%s" % (g, v):
                return self.send(200, {"kind": "APIResourceList", "apiVersion": "v1",
                                       "groupVersion": g + "/" + v, "resources": [
                                           {"name": res, "singularName": kind.lower(), "namespaced": True,
                                            "kind": kind, "verbs": ["get", "list", "watch"]}]})
            if path == "/apis/%s/%s/%s" % (g, v, res):
                return self.send(200, {"apiVersion": g + "/" + v, "kind": kind + "List",
                                       "metadata": {"resourceVersion": "7000"},
                                       "items": sc["credentialsrequests"]})
        if path == "/api/v1/serviceaccounts":
            return self.send(200, {"kind": "ServiceAccountList", "apiVersion": "v1",
                                   "metadata": {"resourceVersion": "7000"},
                                   "items": sc["serviceaccounts"]})
        p = path.split("/")
        # /api/v1/namespaces/NS/{serviceaccounts,secrets}/NAME
        if len(p) == 7 and p[1:4] == ["api", "v1", "namespaces"]:
            ns, res, name = p[4], p[5], p[6]
            if res == "serviceaccounts":
                for s in sc["serviceaccounts"]:
                    if s["metadata"]["namespace"] == ns and s["metadata"]["name"] == name:
                        return self.send(200, dict({"kind": "ServiceAccount", "apiVersion": "v1"}, **s))
                return self.send(404, status(404, "NotFound", 'serviceaccounts "%s" not found' % name,
                                             "serviceaccounts", name))
            if res == "pods" and (ns, name) in sc.get("pods", {}):
                return self.send(200, sc["pods"][(ns, name)])
            if res == "secrets":
                if (ns, name) in sc["secrets"]:
                    return self.send(200, sc["secrets"][(ns, name)])
                return self.send(404, status(404, "NotFound", 'secrets "%s" not found' % name,
                                             "secrets", name))
        return self.send(404, status(404, "NotFound", "the server could not find the requested resource"))

    def kube_token(self, path, body):
        p = path.split("/")
        ns, name = p[4], p[6]
        sc = self.sc
        acct = [s for s in sc["serviceaccounts"]
                if s["metadata"]["namespace"] == ns and s["metadata"]["name"] == name]
        if not acct:
            return self.send(404, status(404, "NotFound", 'serviceaccounts "%s" not found' % name,
                                         "serviceaccounts", name))
        aud, exp_s = token_request_spec(body, self.headers.get("Content-Type", ""))
        aud = aud or ["https://kubernetes.default.svc"]
        exp_s = exp_s or 3600
        claims = {"aud": aud, "exp": NOW + exp_s, "iat": NOW, "iss": sc["issuer"],
                  "jti": str(uuid.uuid5(NS_UUID, "jti/%s/%s/%s" % (ns, name, ",".join(aud)))),
                  "kubernetes.io": {"namespace": ns, "serviceaccount": {
                      "name": name, "uid": acct[0]["metadata"]["uid"]}},
                  "nbf": NOW, "sub": "system:serviceaccount:%s:%s" % (ns, name)}
        tok = sign(sc["key"], claims)
        import datetime
        expts = datetime.datetime.fromtimestamp(NOW + exp_s, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        return self.send(201, {"kind": "TokenRequest", "apiVersion": "authentication.k8s.io/v1",
                               "metadata": {"name": name, "namespace": ns, "creationTimestamp": None},
                               "spec": {"audiences": aud, "expirationSeconds": exp_s, "boundObjectRef": None},
                               "status": {"token": tok, "expirationTimestamp": expts}})

    # -- AWS
    def iam(self, form):
        sc = self.sc
        action = form.get("Action", [""])[0]
        if action == "ListOpenIDConnectProviders":
            inner = "    <OpenIDConnectProviderList>\n"
            for arn in sc["providers"]:
                inner += "      <member>\n        <Arn>%s</Arn>\n      </member>\n" % arn
            inner += "    </OpenIDConnectProviderList>\n"
            return self.send(200, iam_xml(action, inner), "text/xml")
        if action == "GetOpenIDConnectProvider":
            arn = form["OpenIDConnectProviderArn"][0]
            if arn not in sc["providers"]:
                return self.send(404, iam_error("NoSuchEntity", "OpenIDConnect Provider not found for arn %s" % arn),
                                 "text/xml")
            p = sc["providers"][arn]
            inner = (members("ThumbprintList", p["ThumbprintList"], "    ") +
                     "    <CreateDate>%s</CreateDate>\n" % p["CreateDate"] +
                     members("ClientIDList", p["ClientIDList"], "    ") +
                     "    <Url>%s</Url>\n" % p["Url"])
            return self.send(200, iam_xml(action, inner), "text/xml")
        if action == "GetRole":
            name = form["RoleName"][0]
            import re
            if not re.fullmatch(r"[\w+=,.@-]+", name):
                return self.send(400, iam_error(
                    "ValidationError", "1 validation error detected: Value '%s' at 'roleName' failed to "
                    "satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+" % name),
                    "text/xml")
            if name not in sc["roles"]:
                return self.send(404, iam_error("NoSuchEntity", "The role with name %s cannot be found." % name),
                                 "text/xml")
            r = sc["roles"][name]
            doc = urllib.parse.quote(compact(r["AssumeRolePolicyDocument"]), safe="")
            inner = ("    <Role>\n      <Path>%s</Path>\n"
                     "      <AssumeRolePolicyDocument>%s</AssumeRolePolicyDocument>\n"
                     "      <MaxSessionDuration>%d</MaxSessionDuration>\n"
                     "      <RoleId>%s</RoleId>\n      <RoleLastUsed/>\n"
                     "      <RoleName>%s</RoleName>\n      <Arn>%s</Arn>\n"
                     "      <CreateDate>%s</CreateDate>\n    </Role>\n"
                     % (r["Path"], doc, r["MaxSessionDuration"], r["RoleId"], r["RoleName"],
                        r["Arn"], r["CreateDate"]))
            return self.send(200, iam_xml(action, inner), "text/xml")
        return self.send(400, iam_error("InvalidAction", "Could not find operation " + action), "text/xml")

    def s3(self, path):
        key = urllib.parse.unquote(path.lstrip("/"))
        if not self.sc["s3"]:
            body = ('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code>'
                    '<Message>Access Denied</Message><RequestId>EXAMPLE</RequestId></Error>')
            return self.send(403, body, "application/xml")
        if key not in self.sc["s3"]:
            body = ('<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>NoSuchKey</Code>'
                    '<Message>The specified key does not exist.</Message></Error>')
            return self.send(404, body, "application/xml")
        data = self.sc["s3"][key].encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("ETag", '"%s"' % hashlib.md5(data).hexdigest())
        self.send_header("Last-Modified", "Fri, 01 May 2026 12:00:00 GMT")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def route(self):
        u = urllib.parse.urlsplit(self.path)
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        print("fakecloud: %s %s %s" % (self.command, self.path, body[:300]), file=self.log, flush=True)
        kube = (u.path.startswith("/api") or u.path.startswith("/.well-known") or
                u.path.startswith("/openid"))
        if self.command == "POST" and not kube:
            return self.iam(urllib.parse.parse_qs(body.decode()))
        if kube and self.command == "GET":
            return self.kube_get(u.path, u.query)
        if kube and self.command == "POST" and u.path.endswith("/token"):
            return self.kube_token(u.path, body)
        if kube and self.command == "PATCH" and u.path.endswith("/ephemeralcontainers"):
            # what kubectl debug asks for; answer with the pod unchanged
            with open(os.environ.get("FAKE_PATCH_LOG", "/dev/null"), "ab") as f:
                f.write(self.headers.get("Content-Type", "").encode() + b"\n" + body + b"\n")
            p = u.path.split("/")
            return self.send(200, self.sc["pods"][(p[4], p[6])])
        if not kube and self.command in ("GET", "HEAD"):
            return self.s3(u.path)
        return self.send(405, status(405, "MethodNotAllowed", "the fake does not do " + self.command))

    do_GET = do_POST = do_HEAD = do_PUT = do_PATCH = do_DELETE = route


def main():
    name, portfile = sys.argv[1], sys.argv[2]
    Handler.sc = SCENARIOS[name]()
    Handler.log = open(portfile + ".log", "a")
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    with open(portfile + ".tmp", "w") as f:
        f.write(str(srv.server_address[1]))
    os.rename(portfile + ".tmp", portfile)
    srv.serve_forever()


if __name__ == "__main__":
    main()
