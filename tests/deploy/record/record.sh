#!/bin/sh
# tests/deploy/record/record.sh -- remake tests/deploy/recorded/ by running
# deploy/collect.sh for every scenario in tests/deploy/scenarios with the
# real kubectl and aws CLIs pointed at fakecloud.py (a fake API server and
# a fake IAM/S3 on one loopback port). Needs kubectl, aws, python3 and
# python3-cryptography; run by hand when the collector's commands change,
# then review `git diff tests/deploy/recorded`. oc is not needed: kubectl
# stands in for it (oc's get, get --raw and create token are kubectl's code).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../../.." && pwd)
REC_KUBECTL=$(command -v kubectl) REC_AWS=$(command -v aws)
export REC_KUBECTL REC_AWS
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
printf '[default]\ns3 =\n    addressing_style = path\n' >"$work/awsconfig"

grep -v '^#' "$top/tests/deploy/scenarios" | while IFS='	' read -r name tool args; do
	rec=$top/tests/deploy/recorded/$name
	rm -rf "$rec"
	mkdir -p "$rec" "$work/home"
	rm -f "$work/port"
	python3 "$here/fakecloud.py" "$name" "$work/port" &
	pid=$!
	i=0
	while [ ! -f "$work/port" ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
	port=$(cat "$work/port")
	cat >"$work/kubeconfig" <<EOK
apiVersion: v1
kind: Config
clusters:
- name: fake
  cluster:
    server: http://127.0.0.1:$port
contexts:
- name: fake
  context:
    cluster: fake
    user: fake
current-context: fake
users:
- name: fake
  user:
    token: fake
EOK
	# shellcheck disable=SC2086 # args are words
	env -i PATH="$here/wrap:$PATH" HOME="$work/home" KUBECONFIG="$work/kubeconfig" \
		AWS_ENDPOINT_URL="http://127.0.0.1:$port" AWS_ACCESS_KEY_ID=AKIDEXAMPLE \
		AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMIK7MDENGbPxRfiCYEXAMPLEKEY AWS_DEFAULT_REGION=us-east-1 \
		AWS_CONFIG_FILE="$work/awsconfig" AWS_SHARED_CREDENTIALS_FILE=/dev/null \
		REC_DIR="$rec" REC_KUBECTL="$REC_KUBECTL" REC_AWS="$REC_AWS" KUBECTL="$tool" JQ= \
		sh "$top/deploy/collect.sh" -o "$work/out/$name" $args \
		>"$work/$name.stdout" 2>"$work/$name.stderr" || true
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	rm -f "$rec/.n"
	echo "recorded $name: $(wc -l <"$rec/commands") commands"
	sed 's/^/  | /' "$work/$name.stderr"
done
