#!/bin/bash
# bench/run.sh -- `make bench`: stsverify side by side with the tools people
# use today, on the same machine, in one run. Prints figures; never fails on
# a figure (only on a broken set-up). docs/bench.md says how to read them.
#
#   BENCH_RUNS=N     hyperfine runs for one-process timings (default: hyperfine's
#                    own, at least 10 runs and 3 s per command)
#   BENCH_BATCH_RUNS=N   runs of each 10,000-token batch (default 3, no warm-up)
#   BENCH_SIZES="2048 3072 4096"   key sizes
#   BENCH_PEERS="stsverify ..."    only these rows (default: all; names in $ALL below);
#                    stsverify itself is needed for the ratios
#
# A peer that cannot run (not installed, does not build, refuses the token)
# gets "n/a (reason)" cells; only stsverify itself refusing stops the run.
#
# Output: build/bench/results.md (the table), build/bench/raw/ (hyperfine
# JSON, callgrind totals), build/bench/in/ (inputs, made by bench/gen.py).
set -euo pipefail
cd "$(dirname "$0")/.."
OUT=build/bench
IN=$OUT/in
RAW=$OUT/raw
PY=/usr/bin/python3          # Debian's python, where python3-jwt & co. live
SIZES=${BENCH_SIZES:-"2048 3072 4096"}
NOW=1790003700           # after every token's iat and nbf (bench/gen.py: IAT + 0..3599)
t0=$(date +%s)
mkdir -p "$RAW"
rm -f "$RAW"/*.tsv

bash bench/peers.sh "$OUT" || echo "bench: bench/peers.sh failed; peers it did not install show as n/a" >&2

# ---- builds: stsverify (fast RSA path), the BearSSL-reference build, the static
# (musl) build, the libjwt driver, the RSS probe
declare -A NA   # peer -> why it has no figures
make -s build/host/stsverify
make -s BUILD="$OUT/bearssl" CPPFLAGS=-DSV_RSA_BEARSSL "$OUT/bearssl/stsverify"
if ! make -s static > "$RAW/static.log" 2>&1; then
	NA[stsverify-static]="make static failed: $(tail -n 1 "$RAW/static.log" | cut -c1-80)"
	NA[stsverify-static-check]=${NA[stsverify-static]}
fi
if ! cc -O2 -o "$OUT/libjwt_verify" bench/peers/libjwt_verify.c -ljwt 2> "$RAW/libjwt.log"; then
	NA[libjwt]="driver does not build against libjwt-dev"
fi
cp bench/peers/node_jsonwebtoken.js bench/peers/node_jose.mjs "$OUT/"   # resolve node_modules there
# peak RSS probe: static and small, since Linux counts the parent's pre-exec copy
RSSP=$OUT/maxrss
musl-gcc -O2 -static -o "$RSSP" bench/peers/maxrss.c 2> /dev/null ||
	cc -O2 -static -o "$RSSP" bench/peers/maxrss.c 2> /dev/null || RSSP=""
SV=build/host/stsverify
SVB=$OUT/bearssl/stsverify
SVS=build/musl-static/stsverify

# ---- inputs: deterministic; remade only when bench/gen.py changes
stamp=$(sha256sum bench/gen.py | cut -c1-16)
if [ "$(cat "$IN/.stamp" 2>/dev/null)" != "$stamp" ]; then
	rm -rf "$IN"
	$PY bench/gen.py "$IN"
	echo "$stamp" > "$IN/.stamp"
fi
# the `check` bundles (token, JWKS, discovery, provider, role): cheap, written every run
# shellcheck disable=SC2086
$PY bench/bundle.py "$IN" $SIZES

# ---- the peers: name, can-batch, command (with @B@ for the key size)
# one token: @T@ token file, batch: @T@ tokens.txt and a trailing "batch"
peer_cmd() {  # peer bits tokenfile -> command line
	local p=$1 b=$2 t=$3 d=$IN/$2
	case $p in
	stsverify)         echo "$SV verify --token $t --jwks $d/jwks.json --now $NOW --aud sts.amazonaws.com" ;;
	stsverify-check)   echo "$SV check --dir $d/check --now $NOW -q" ;;
	stsverify-static)  echo "$SVS verify --token $t --jwks $d/jwks.json --now $NOW --aud sts.amazonaws.com" ;;
	stsverify-static-check) echo "$SVS check --dir $d/check --now $NOW -q" ;;
	stsverify-bearssl) echo "$SVB verify --token $t --jwks $d/jwks.json --now $NOW --aud sts.amazonaws.com" ;;
	openssl)           echo "sh bench/peers/openssl_verify.sh $d/pub.pem $t" ;;
	jose)              echo "jose jws ver -i $t -k $d/jwks.json" ;;
	libjwt)            echo "$OUT/libjwt_verify $d/pub.pem $t" ;;
	pyjwt)             echo "$PY bench/peers/pyjwt_verify.py $d/jwks.json $t" ;;
	jwcrypto)          echo "$PY bench/peers/jwcrypto_verify.py $d/jwks.json $t" ;;
	node-jsonwebtoken) echo "node $OUT/node_jsonwebtoken.js $d/pub.pem $t" ;;
	node-jose)         echo "node $OUT/node_jose.mjs $d/jwks.json $t" ;;
	esac
}
batch_cmd() {
	local p=$1 d=$IN/$2
	case $p in
	stsverify)         echo "$SV verify --tokens $d/tokens.txt --jwks $d/jwks.json --now $NOW --aud sts.amazonaws.com" ;;
	stsverify-bearssl) echo "$SVB verify --tokens $d/tokens.txt --jwks $d/jwks.json --now $NOW --aud sts.amazonaws.com" ;;
	*)                 local c; c=$(peer_cmd "$p" "$2" "$d/tokens.txt"); echo "$c batch" ;;
	esac
}
ALL="stsverify stsverify-check stsverify-static stsverify-static-check stsverify-bearssl openssl jose libjwt pyjwt jwcrypto node-jsonwebtoken node-jose aws-cli"
SEL=" ${BENCH_PEERS:-$ALL} "
sel() { for p in "$@"; do if [[ $SEL == *" $p "* ]]; then printf '%s ' "$p"; fi; done; }
PEERS=$(sel stsverify stsverify-check stsverify-static stsverify-static-check stsverify-bearssl openssl jose libjwt pyjwt jwcrypto node-jsonwebtoken node-jose)
BATCHERS=$(sel stsverify stsverify-bearssl libjwt pyjwt jwcrypto node-jsonwebtoken node-jose)

# jose wants the compact token without a line end
for b in $SIZES; do tr -d '\n' < "$IN/$b/token.jwt" > "$IN/$b/token.nonl"; done

# every peer must accept the token before it is timed; one that is missing or
# refuses gets n/a (stsverify refusing is a broken set-up: stop)
need() {  # peer -> the program it needs
	case $1 in
	openssl) echo openssl ;; jose) echo jose ;; node-*) echo node ;;
	pyjwt|jwcrypto) echo "$PY" ;; *) echo true ;;
	esac
}
for b in $SIZES; do
	for p in $PEERS; do
		[ -n "${NA[$p]:-}" ] && continue
		if ! command -v "$(need "$p")" > /dev/null; then
			NA[$p]="$(need "$p") not installed"
			continue
		fi
		t=$IN/$b/token.jwt
		[ "$p" = jose ] && t=$IN/$b/token.nonl
		if ! $(peer_cmd "$p" "$b" "$t") > "$RAW/accept.out" 2>&1; then
			case $p in
			stsverify|stsverify-check|stsverify-bearssl)
				echo "bench: $p does not accept the $b-bit token: $(peer_cmd "$p" "$b" "$t")" >&2
				cat "$RAW/accept.out" >&2
				exit 1 ;;
			esac
			NA[$p]="refuses the $b-bit token: $(head -n 1 "$RAW/accept.out" | tr '\t|' '  ' | cut -c1-60)"
			echo "bench: $p: ${NA[$p]}" >&2
		fi
	done
done
for p in "${!NA[@]}"; do
	for b in $SIZES; do printf 'na\t%s\t%s\t%s\n' "$p" "$b" "${NA[$p]}" >> "$RAW/results.tsv"; done
done

# and every batch peer must accept all 10,000 (stsverify: exit 0 means every line ACCEPTED)
for b in $SIZES; do
	if ! $(batch_cmd stsverify "$b") > /dev/null 2>&1; then
		echo "bench: stsverify rejects some of the $b-bit batch: $(batch_cmd stsverify "$b")" >&2
		exit 1
	fi
done

hf() {  # name command... -> median seconds on stdout, or "n/a (why)"
	local name=$1; shift
	rm -f "$RAW/$name.json"
	if ! hyperfine -N --style none ${BENCH_RUNS:+--runs $BENCH_RUNS} --warmup "${HF_WARMUP:-2}" \
		--export-json "$RAW/$name.json" "$*" > "$RAW/$name.log" 2>&1; then
		echo "n/a (hyperfine: $(grep -m1 -i error "$RAW/$name.log" | tr '\t|' '  ' | cut -c1-60))"
		return 0
	fi
	$PY -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['median'])" "$RAW/$name.json" 2>/dev/null ||
		echo "n/a (no hyperfine figure)"
}
# peak RSS in KiB: VmHWM when the command exits (bench/peers/maxrss.c: exact, unlike
# ru_maxrss on Linux >= 6.2), else GNU time's %M. Also records Rss at exit and ru_maxrss.
rss() {  # peer size command...
	local p=$1 b=$2; shift 2
	rm -f "$RAW/rss.tmp"
	if [ -n "$RSSP" ] && "$RSSP" "$RAW/rss.tmp" "$@" > /dev/null 2>&1 && [ -s "$RAW/rss.tmp" ]; then
		read -r ru hwm ex < "$RAW/rss.tmp"
		rec rss-ru "$p" "$b" "$ru"
		rec rss-exit "$p" "$b" "$ex"
		# VmHWM is the traced process only; ru_maxrss also covers the children it
		# waited for (openssl's shell script): the peak is the larger
		if [ "$hwm" = - ] || [ "$ru" -gt "$hwm" ]; then hwm=$ru; fi
		rec rss "$p" "$b" "$hwm"
	else
		/usr/bin/time -f %M -o "$RAW/rss.tmp" "$@" > /dev/null 2>&1 || true
		rec rss "$p" "$b" "$(tail -n 1 "$RAW/rss.tmp" 2>/dev/null || echo "n/a (no figure)")"
	fi
}
rec() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "$RAW/results.tsv"; }

# ---- 1. one verification as a whole process: median wall time, peak RSS
echo "bench: one verification per process (hyperfine medians)..."
for b in $SIZES; do
	for p in $PEERS; do
		[ -n "${NA[$p]:-}" ] && continue
		t=$IN/$b/token.jwt
		[ "$p" = jose ] && t=$IN/$b/token.nonl
		rec single "$p" "$b" "$(hf "single-$p-$b" $(peer_cmd "$p" "$b" "$t"))"
		rss "$p" "$b" $(peer_cmd "$p" "$b" "$t")
	done
done

# ---- 2. the AWS CLI against a local mock STS: what asking STS costs today
if [ -z "$(sel aws-cli)" ]; then
	:
elif [ -x /usr/bin/aws ]; then
	echo "bench: aws sts assume-role-with-web-identity against a mock STS on 127.0.0.1..."
	rm -f "$RAW/sts.port"
	$PY bench/mock_sts.py "$RAW/sts.port" &
	mock=$!
	trap 'kill $mock 2>/dev/null || true' EXIT
	for i in $(seq 50); do [ -s "$RAW/sts.port" ] && break; sleep 0.1; done
	awscmd="env AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null AWS_EC2_METADATA_DISABLED=true \
/usr/bin/aws sts assume-role-with-web-identity --region us-east-1 \
--endpoint-url http://127.0.0.1:$(cat "$RAW/sts.port") --role-arn arn:aws:iam::111122223333:role/bench \
--role-session-name bench --web-identity-token file://$IN/2048/token.nonl --output json"
	if $awscmd > /dev/null 2>&1; then
		rec single aws-cli 2048 "$(BENCH_RUNS=${BENCH_RUNS:-10} hf single-aws-cli-2048 $awscmd)"
		rss aws-cli 2048 $awscmd
	else
		echo "bench: the AWS CLI failed against the mock STS" >&2
		rec na aws-cli 2048 "fails against the mock STS: $($awscmd 2>&1 | tail -n 1 | tr '\t|' '  ' | cut -c1-60)"
	fi
	kill $mock 2>/dev/null || true
	trap - EXIT
else
	rec na aws-cli 2048 "/usr/bin/aws not installed (Debian awscli)"
fi

# ---- 3. batch: 10,000 tokens, keys parsed once (median of 3 runs)
# no warm-up: the acceptance checks above already read every file once
echo "bench: batches of 10,000 tokens..."
for b in $SIZES; do
	for p in $BATCHERS; do
		[ -n "${NA[$p]:-}" ] && continue
		rec batch "$p" "$b" "$(BENCH_RUNS=${BENCH_BATCH_RUNS:-3} HF_WARMUP=0 hf "batch-$p-$b" $(batch_cmd "$p" "$b"))"
	done
done

# ---- 4. the ceiling: openssl speed, RSA verify/s
echo "bench: openssl speed..."
for b in $SIZES; do
	v=$(openssl speed -seconds 2 "rsa$b" 2>/dev/null | awk -v b="$b" '$1 == "rsa" && $2 == b { print $NF }')
	rec speed openssl "$b" "${v:-n/a (openssl speed printed no rsa$b line)}"
done

# ---- 5. instructions (callgrind: repeatable on a noisy machine)
cg() {  # command... -> total instructions, or n/a
	local v
	v=$(valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
		awk '/refs:/ { gsub(",", "", $NF); print $NF }') || true
	echo "${v:-n/a (valgrind gave no count)}"
}
echo "bench: callgrind..."
for b in $SIZES; do
	head -n 1 "$IN/$b/tokens.txt" > "$RAW/one-$b.txt"
	head -n 101 "$IN/$b/tokens.txt" > "$RAW/101-$b.txt"
	for p in stsverify stsverify-bearssl; do
		bin=$SV
		[ "$p" = stsverify-bearssl ] && bin=$SVB
		one=$(cg "$bin" verify --tokens "$RAW/one-$b.txt" --jwks "$IN/$b/jwks.json" --now $NOW --aud sts.amazonaws.com)
		many=$(cg "$bin" verify --tokens "$RAW/101-$b.txt" --jwks "$IN/$b/jwks.json" --now $NOW --aud sts.amazonaws.com)
		rec instr-process "$p" "$b" "$one"
		[ "$p" = stsverify ] && rec instr-check stsverify "$b" "$(cg $(peer_cmd stsverify-check "$b" -))"
		if [[ $one =~ ^[0-9]+$ && $many =~ ^[0-9]+$ ]]; then
			rec instr-token "$p" "$b" "$(( (many - one) / 100 ))"
		else
			rec instr-token "$p" "$b" "n/a (valgrind gave no count)"
		fi
	done
done

# ---- 6. linearity: JWKS of 1, 10, 100 keys; tokens of 1 KB to 20000 bytes
echo "bench: linearity..."
for k in "" 10 100; do
	n=${k:-1}
	rec lin-jwks stsverify "$n" "$(cg $SV verify --token "$IN/2048/token.jwt" --jwks "$IN/2048/jwks$k.json" --now $NOW --aud sts.amazonaws.com)"
	rec lin-jwks-time stsverify "$n" "$(hf "jwks$n" $SV verify --token "$IN/2048/token.jwt" --jwks "$IN/2048/jwks$k.json" --now $NOW --aud sts.amazonaws.com)"
done
for s in 1024 5120 10240 20000; do
	f=$IN/2048/size-$s.jwt
	[ -f "$f" ] || { rec lin-size stsverify "$s" "n/a (bench/gen.py made no $f)"; continue; }
	len=$(tr -d '\n' < "$f" | wc -c)
	rec lin-size stsverify "$len" "$(cg $SV verify --token "$f" --jwks "$IN/2048/jwks.json" --now $NOW --aud sts.amazonaws.com)"
	rec lin-size-time stsverify "$len" "$(hf "size$s" $SV verify --token "$f" --jwks "$IN/2048/jwks.json" --now $NOW --aud sts.amazonaws.com)"
done

# ---- 7. installed footprint: the binary and its shared-library closure (+ interpreter and packages)
$PY bench/footprint.py "$OUT" "$SV" "$SVB" "$OUT/libjwt_verify" "$SVS" >> "$RAW/results.tsv"

rec load - - "$(cut -d' ' -f1-3 /proc/loadavg)"
$PY bench/report.py "$RAW/results.tsv" "$IN" "$(( $(date +%s) - t0 ))" > "$OUT/results.md"
cat "$OUT/results.md"
echo "bench: written to $OUT/results.md"
