#!/bin/sh
# tests/deploy/record/check-debug-recipe.sh -- run the ephemeral-container
# recipe of docs/in-cluster.md with the real kubectl against fakecloud.py's
# running IRSA pod, and print the ephemeral container kubectl asks the API
# server to add (the PATCH of pods/ephemeralcontainers). By hand, like
# record.sh; needs kubectl and python3-cryptography. Without -it, because
# the fake API server cannot run a container to attach to.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
FAKE_PATCH_LOG=$work/patch python3 "$here/fakecloud.py" debug "$work/port" &
pid=$!
while [ ! -f "$work/port" ]; do sleep 0.1; done
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

# ---- the recipe, as in docs/in-cluster.md ------------------------------------
NS=payments POD=api-7d9c6b5f4-x2x9q C=api IMAGE=registry.example.com/stsverify:latest
jp() { kubectl get pod -n "$NS" "$POD" -o jsonpath="{.spec.containers[?(@.name==\"$C\")]$1}"; }
ROLE=$(jp '.env[?(@.name=="AWS_ROLE_ARN")].value')
TOKEN=$(jp '.env[?(@.name=="AWS_WEB_IDENTITY_TOKEN_FILE")].value')
REGION=$(jp '.env[?(@.name=="AWS_REGION")].value')
VOL=$(jp ".volumeMounts[?(@.mountPath==\"${TOKEN%/*}\")].name")
printf '{"volumeMounts":[{"name":"%s","mountPath":"%s","readOnly":true}]}\n' \
    "$VOL" "${TOKEN%/*}" >stsverify-debug.json
kubectl debug -n "$NS" "$POD" --image="$IMAGE" --target="$C" --profile=restricted \
    --custom=stsverify-debug.json --env="AWS_ROLE_ARN=$ROLE" \
    --env="AWS_WEB_IDENTITY_TOKEN_FILE=$TOKEN" --env="AWS_REGION=$REGION" \
    -- /stsverify check
# -------------------------------------------------------------------------------

echo "ROLE=$ROLE TOKEN=$TOKEN REGION=$REGION VOL=$VOL"
echo "kubectl sent:"
sed -n 1p "$work/patch"
sed -n 2p "$work/patch" | python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)["spec"]["ephemeralContainers"][-1], indent=2))'
