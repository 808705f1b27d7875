#!/bin/sh
# tests/fuzz/afl.sh BUILD SECS TARGET... -- AFL++ as a second engine on the
# same harnesses (`make fuzz-afl` builds them with afl-clang-fast and
# libFuzzer's entry point). Runs afl-fuzz on each target for SECS seconds
# from fixtures/fuzz/<target>/, under nice -n 19, without pinning a core
# (the machine is shared), and prints executions, paths and crashes from
# fuzzer_stats. Output: BUILD/out/<target>/default/ (crashes/ and queue/).
set -u
build=$1 secs=$2
shift 2
nicelvl=${FUZZ_NICE:-19}
export AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_NO_AFFINITY=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1
export AFL_SKIP_CRASHES=1
status=0
for t in "$@"; do
	out=$build/out/$t
	mkdir -p "$out"
	case $t in
	json) dict="-x tests/fuzz/json.dict" ;;
	token|jwks|verify) dict="-x tests/fuzz/json.dict -x tests/fuzz/jose.dict" ;;
	*) dict= ;;
	esac
	start=$(date +%s)
	# shellcheck disable=SC2086
	nice -n "$nicelvl" afl-fuzz -i fixtures/fuzz/$t -o "$out" -V "$secs" -m none -t 10000 $dict \
		-- "$build/fuzz_$t" >"$build/$t.log" 2>&1
	rc=$?
	end=$(date +%s)
	st=$out/default/fuzzer_stats
	get() { sed -n "s/^$1 *: *//p" "$st" 2>/dev/null | head -n 1; }
	crashes=$(get saved_crashes)
	[ -n "$crashes" ] || crashes=$(get unique_crashes)
	printf 'afl  %-8s %4ss  %10s execs  paths %-6s cvg %-7s crashes %s%s\n' "$t" "$((end - start))" \
		"$(get execs_done)" "$(get corpus_count)" "$(get bitmap_cvg)" "${crashes:-?}" \
		"$([ $rc -ne 0 ] && echo "  (afl-fuzz exit $rc; see $build/$t.log)")"
	if [ "${crashes:-0}" != "0" ]; then
		status=1
	fi
done
exit $status
