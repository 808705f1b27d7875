#!/bin/sh
# tests/fuzz/smoke.sh BUILD SECS TARGET... -- runs each libFuzzer binary
# BUILD/fuzz_<target> for SECS seconds, one after another, and prints one
# line per target: seconds, executions, coverage, corpus size, result.
#
# The working corpus is BUILD/corpus/<target> (kept between runs, so longer
# sessions build on shorter ones); fixtures/fuzz/<target> and
# fixtures/fuzz/crashes/<target> are read as extra seeds and never written.
# A crash or broken invariant leaves its input in BUILD/artifacts/ and
# fails the run; copy it to fixtures/fuzz/crashes/<target>/ once fixed so
# the replayer keeps it as a regression test. Logs: BUILD/logs/<target>.log.
#
# FUZZ_NICE (default 19) is the nice level: the machine is shared.
# FUZZ_ARGS adds libFuzzer options (e.g. -jobs=2 for a long session).
set -u
build=$1 secs=$2
shift 2
nicelvl=${FUZZ_NICE:-19}
mkdir -p "$build/corpus" "$build/artifacts" "$build/logs"
cat tests/fuzz/json.dict tests/fuzz/jose.dict > "$build/jose-json.dict"
status=0
for t in "$@"; do
	case $t in
	json) dict=tests/fuzz/json.dict ;;
	token|jwks|verify) dict=$build/jose-json.dict ;;
	*) dict= ;;
	esac
	mkdir -p "$build/corpus/$t"
	seeds=fixtures/fuzz/$t
	crashes=
	[ -d "fixtures/fuzz/crashes/$t" ] && crashes=fixtures/fuzz/crashes/$t
	log=$build/logs/$t.log
	start=$(date +%s)
	# shellcheck disable=SC2086
	nice -n "$nicelvl" "$build/fuzz_$t" -max_total_time="$secs" -seed="${FUZZ_SEED:-1}" -timeout=10 -rss_limit_mb=2048 \
		-print_final_stats=1 -artifact_prefix="$build/artifacts/$t-" \
		${dict:+-dict=$dict} ${FUZZ_ARGS:-} \
		"$build/corpus/$t" "$seeds" $crashes >"$log" 2>&1
	rc=$?
	end=$(date +%s)
	execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)
	cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | sed 's/cov: //')
	ft=$(grep -o 'ft: [0-9]*' "$log" | tail -n 1 | sed 's/ft: //')
	corp=$(ls "$build/corpus/$t" | wc -l | tr -d ' ')
	if [ $rc -eq 0 ]; then
		res=ok
	else
		res="FAILED (exit $rc; see $log)"
		status=1
		grep -E 'ERROR|invariant failed|SUMMARY|Test unit written' "$log" | head -n 8 | sed 's/^/    /'
	fi
	printf 'fuzz %-8s %4ss  %10s execs  cov %-5s ft %-6s corpus %-5s %s\n' \
		"$t" "$((end - start))" "${execs:-?}" "${cov:-?}" "${ft:-?}" "$corp" "$res"
done
exit $status
