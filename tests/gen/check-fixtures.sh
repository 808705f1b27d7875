#!/bin/sh
# check-fixtures.sh -- is fixtures/ exactly what tests/gen/mkfixtures.py writes?
#
# Regenerates every fixture into a temporary directory and diffs it against
# the committed fixtures/ (exit 1 with the diff on any difference), then lets
# refcheck.py re-derive the verify manifest's expectations (exit 1 on any
# disagreement). Meant for `make test`; needs only python3 and diff.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
py=${PYTHON:-python3}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/check-fixtures.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 1' HUP INT TERM

"$py" "$here/mkfixtures.py" "$tmp/fixtures" >/dev/null

# fixtures/fuzz/ is not the generator's (seed corpora and past crashes, tests/fuzz/seed.sh);
# fixtures/tls is the online tests' PKI, made and checked by tests/gen/mktls.sh
# (make check-tls-fixtures)
if ! diff -r -x fuzz -x tls "$repo/fixtures" "$tmp/fixtures"; then
	echo "check-fixtures: fixtures/ differs from the generator's output;" >&2
	echo "check-fixtures: run 'python3 tests/gen/mkfixtures.py' and commit the result" >&2
	exit 1
fi

"$py" "$here/refcheck.py" "$repo/fixtures"
echo "check-fixtures: fixtures/ is reproducible"
