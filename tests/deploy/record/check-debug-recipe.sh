#!/bin/sh
# tests/deploy/record/check-debug-recipe.sh -- run the ephemeral-container
# recipe of docs/in-cluster.md, as written there (its first two sh blocks
# under "An ephemeral container in the running pod"), with the real kubectl
# against fakecloud.py's running IRSA pod; print the ephemeral container
# kubectl asks the API server to add (the PATCH of pods/ephemeralcontainers)
# and check it: the command, the pod's role, token path and region in env,
# the pod's token volume mounted read-only at the token's directory, the
# target container and the restricted profile. Exit 1 naming what differs.
#
# Needs kubectl (1.31+, for --custom) and python3-cryptography; test_deploy
# runs it when both are there. Without -it, because the fake API server
# cannot run a container to attach to.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
work=$(mktemp -d)
pid=
trap 'if [ -n "$pid" ]; then kill "$pid" 2>/dev/null; fi; rm -rf "$work"' EXIT

# ---- the recipe, taken from docs/in-cluster.md -----------------------------------
awk '/^## An ephemeral container/ { s = 1; next }
     s && /^## / { exit }
     s && /^```sh$/ { b = 1; n++; next }
     b && /^```$/ { b = 0; if (n == 2) exit; next }
     b { print }' "$top/docs/in-cluster.md" | sed 's/ -it / /' >"$work/recipe.sh"
if ! grep -q 'kubectl debug' "$work/recipe.sh"; then
	echo "check-debug-recipe: no kubectl debug recipe found in docs/in-cluster.md" >&2
	exit 1
fi

FAKE_PATCH_LOG=$work/patch python3 "$here/fakecloud.py" debug "$work/port" &
pid=$!
i=0
while [ ! -f "$work/port" ]; do
	i=$((i + 1))
	if [ $i -gt 100 ]; then echo "check-debug-recipe: fakecloud.py did not start" >&2; exit 1; fi
	sleep 0.1
done
cat >"$work/kubeconfig" <<EOK
apiVersion: v1
kind: Config
clusters: [{name: fake, cluster: {server: "http://127.0.0.1:$(cat "$work/port")"}}]
contexts: [{name: fake, context: {cluster: fake, user: fake}}]
current-context: fake
users: [{name: fake, user: {token: fake}}]
EOK
export KUBECONFIG="$work/kubeconfig" HOME="$work"
cd "$work"
# shellcheck disable=SC1091
. ./recipe.sh
cd "$top"

echo "kubectl sent:"
sed -n 1p "$work/patch"
sed -n 2p "$work/patch" | python3 -c '
import json, sys
c = json.load(sys.stdin)["spec"]["ephemeralContainers"][-1]
c["name"] = "debugger-XXXXX" if c.get("name", "").startswith("debugger-") else c.get("name")
print(json.dumps(c, indent=2, sort_keys=True))
token = "/var/run/secrets/eks.amazonaws.com/serviceaccount/token"
want = {
    "command": ["/stsverify", "check"],
    "image": "registry.example.com/stsverify:latest",
    "targetContainerName": "api",
    "volumeMounts": [{"mountPath": token.rsplit("/", 1)[0], "name": "aws-iam-token", "readOnly": True}],
}
env = {e["name"]: e.get("value") for e in c.get("env", [])}
want_env = {"AWS_ROLE_ARN": "arn:aws:iam::111122223333:role/payments-api",
            "AWS_WEB_IDENTITY_TOKEN_FILE": token, "AWS_REGION": "us-west-2"}
sc = c.get("securityContext") or {}
bad = ["%s is %r, not %r" % (k, c.get(k), v) for k, v in want.items() if c.get(k) != v]
bad += ["env %s is %r, not %r" % (k, env.get(k), v) for k, v in want_env.items() if env.get(k) != v]
if sc.get("allowPrivilegeEscalation") is not False or sc.get("runAsNonRoot") is not True or \
        (sc.get("capabilities") or {}).get("drop") != ["ALL"]:
    bad.append("securityContext is not the restricted profile: %r" % sc)
for b in bad:
    print("check-debug-recipe: FAIL: " + b)
print("check-debug-recipe: %s" % ("ok" if not bad else "%d problems" % len(bad)))
sys.exit(1 if bad else 0)
'
