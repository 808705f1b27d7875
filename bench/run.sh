#!/bin/bash
# bench/run.sh -- `make bench`: stsverify side by side with the tools people
# use today, on the same machine, in one run. Prints figures; never fails on
# a figure (only on a broken set-up). docs/bench.md says how to read them.
#
#   BENCH_RUNS=N     hyperfine runs for one-process timings (default: hyperfine's
#                    own, at least 10 runs and 3 s per command)
#   BENCH_SIZES="2048 3072 4096"   key sizes
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

bash bench/peers.sh "$OUT"

# ---- builds: stsverify (fast RSA path), the BearSSL-reference build, the libjwt driver
make -s build/host/stsverify
make -s BUILD="$OUT/bearssl" CPPFLAGS=-DSV_RSA_BEARSSL "$OUT/bearssl/stsverify"
cc -O2 -o "$OUT/libjwt_verify" bench/peers/libjwt_verify.c -ljwt
cp bench/peers/node_jsonwebtoken.js bench/peers/node_jose.mjs "$OUT/"   # resolve node_modules there
SV=build/host/stsverify
SVB=$OUT/bearssl/stsverify

# ---- inputs: deterministic; remade only when bench/gen.py changes
stamp=$(sha256sum bench/gen.py | cut -c1-16)
if [ "$(cat "$IN/.stamp" 2>/dev/null)" != "$stamp" ]; then
	rm -rf "$IN"
	$PY bench/gen.py "$IN"
	echo "$stamp" > "$IN/.stamp"
fi

# ---- the peers: name, can-batch, command (with @B@ for the key size)
# one token: @T@ token file, batch: @T@ tokens.txt and a trailing "batch"
peer_cmd() {  # peer bits tokenfile -> command line
	local p=$1 b=$2 t=$3 d=$IN/$2
	case $p in
	stsverify)         echo "$SV verify --token $t --jwks $d/jwks.json --now $NOW --aud sts.amazonaws.com" ;;
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
PEERS="stsverify stsverify-bearssl openssl jose libjwt pyjwt jwcrypto node-jsonwebtoken node-jose"
BATCHERS="stsverify stsverify-bearssl libjwt pyjwt jwcrypto node-jsonwebtoken node-jose"

# jose wants the compact token without a line end
for b in $SIZES; do tr -d '\n' < "$IN/$b/token.jwt" > "$IN/$b/token.nonl"; done

# every peer must accept the token before it is timed
for b in $SIZES; do
	for p in $PEERS; do
		t=$IN/$b/token.jwt
		[ "$p" = jose ] && t=$IN/$b/token.nonl
		if ! $(peer_cmd "$p" "$b" "$t") > /dev/null 2>&1; then
			echo "bench: $p does not accept the $b-bit token: $(peer_cmd "$p" "$b" "$t")" >&2
			exit 1
		fi
	done
done

# and every batch peer must accept all 10,000 (stsverify: exit 0 means every line ACCEPTED)
for b in $SIZES; do
	if ! $(batch_cmd stsverify "$b") > /dev/null 2>&1; then
		echo "bench: stsverify rejects some of the $b-bit batch: $(batch_cmd stsverify "$b")" >&2
		exit 1
	fi
done

hf() {  # name command... -> median seconds on stdout
	local name=$1; shift
	hyperfine -N --style none ${BENCH_RUNS:+--runs $BENCH_RUNS} --warmup 2 \
		--export-json "$RAW/$name.json" "$*" > /dev/null 2>&1
	$PY -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][0]['median'])" "$RAW/$name.json"
}
rss() {  # command... -> peak RSS in KiB (GNU time: a small parent, so its pre-exec copy does not count)
	/usr/bin/time -f %M -o "$RAW/rss.tmp" "$@" > /dev/null 2>&1 || true
	tail -n 1 "$RAW/rss.tmp"
}
rec() { printf '%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" >> "$RAW/results.tsv"; }

# ---- 1. one verification as a whole process: median wall time, peak RSS
echo "bench: one verification per process (hyperfine medians)..."
for b in $SIZES; do
	for p in $PEERS; do
		t=$IN/$b/token.jwt
		[ "$p" = jose ] && t=$IN/$b/token.nonl
		rec single "$p" "$b" "$(hf "single-$p-$b" $(peer_cmd "$p" "$b" "$t"))"
		rec rss "$p" "$b" "$(rss $(peer_cmd "$p" "$b" "$t"))"
	done
done

# ---- 2. the AWS CLI against a local mock STS: what asking STS costs today
if command -v aws > /dev/null; then
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
		rec rss aws-cli 2048 "$(rss $awscmd)"
	else
		echo "bench: the AWS CLI failed against the mock STS; left out" >&2
	fi
	kill $mock 2>/dev/null || true
	trap - EXIT
fi

# ---- 3. batch: 10,000 tokens, keys parsed once (median of 3 runs)
echo "bench: batches of 10,000 tokens..."
for b in $SIZES; do
	for p in $BATCHERS; do
		rec batch "$p" "$b" "$(BENCH_RUNS=3 hf "batch-$p-$b" $(batch_cmd "$p" "$b"))"
	done
done

# ---- 4. the ceiling: openssl speed, RSA verify/s
echo "bench: openssl speed..."
for b in $SIZES; do
	v=$(openssl speed -seconds 2 "rsa$b" 2>/dev/null | awk -v b="$b" '$1 == "rsa" && $2 == b { print $NF }')
	rec speed openssl "$b" "$v"
done

# ---- 5. instructions (callgrind: repeatable on a noisy machine)
cg() {  # command... -> total instructions
	valgrind --tool=callgrind --callgrind-out-file=/dev/null "$@" 2>&1 >/dev/null |
		awk '/refs:/ { gsub(",", "", $NF); print $NF }'
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
		rec instr-token "$p" "$b" "$(( (many - one) / 100 ))"
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
	len=$(tr -d '\n' < "$f" | wc -c)
	rec lin-size stsverify "$len" "$(cg $SV verify --token "$f" --jwks "$IN/2048/jwks.json" --now $NOW --aud sts.amazonaws.com)"
	rec lin-size-time stsverify "$len" "$(hf "size$s" $SV verify --token "$f" --jwks "$IN/2048/jwks.json" --now $NOW --aud sts.amazonaws.com)"
done

# ---- 7. installed footprint: the binary and its shared-library closure (+ interpreter and packages)
$PY bench/footprint.py "$OUT" "$SV" "$SVB" "$OUT/libjwt_verify" >> "$RAW/results.tsv"

$PY bench/report.py "$RAW/results.tsv" "$IN" "$(( $(date +%s) - t0 ))" > "$OUT/results.md"
cat "$OUT/results.md"
echo "bench: written to $OUT/results.md"
