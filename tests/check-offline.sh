#!/bin/sh
# check-offline.sh BIN -- the PORT=none build has no networking at all:
# the online commands (fetch, thumbprint, assume, check --online) say so with a hint (exit 2) and the binary references no socket,
# resolver or TLS engine symbol.
set -u
bin=$1
# RUN: how the target's binaries run here (qemu-aarch64 for a cross build; empty natively).
RUN=${RUN:-}
# NM: the target's nm when installed (make passes it), else the host's (it reads other ELF machines' symbols).
NM=${NM:-nm}
if ! command -v "$NM" >/dev/null 2>&1; then NM="nm"; fi
status=0
# every error is its line and a hint line
hint="build with the default PORT=posix (make); PORT=none leaves networking out"
for cmd in fetch thumbprint; do
	# a loopback URL: should this ever run a networked binary, it stays on this host
	out=$($RUN "$bin" "$cmd" https://127.0.0.1:9/ 2>&1)
	rc=$?
	want="stsverify: $cmd: not built in (offline build, PORT=none)
hint: $hint"
	if [ "$rc" != 2 ] || [ "$out" != "$want" ]; then
		echo "check-offline: '$cmd' exited $rc saying: $out"
		status=1
	fi
done
for cmd in assume "check --online"; do
	# shellcheck disable=SC2086
	out=$($RUN "$bin" $cmd --token /dev/null --role-arn arn:aws:iam::111122223333:role/x 2>&1)
	rc=$?
	name=${cmd%% *}
	want="stsverify: $name: not built in (offline build, PORT=none)
hint: $hint"
	[ "$name" = check ] && want="stsverify: check: --online is not built in (offline build, PORT=none)
hint: build with the default PORT=posix, or fetch the documents with a networked build (stsverify fetch ISSUER --out DIR) and give that DIR to --dir"
	if [ "$rc" != 2 ] || [ "$out" != "$want" ]; then
		echo "check-offline: '$cmd' exited $rc saying: $out"
		status=1
	fi
done
if ! $RUN "$bin" --version | grep -q '^build: .*port none, features: offline checks only'; then
	echo "check-offline: --version does not say port none, features: offline checks only"
	status=1
fi
# libc calls: as undefined references (a sanitizer runtime defines its own
# interceptors for them), and in a static binary (no NEEDED entry) as the
# linked-in functions themselves; BearSSL's TLS client: defined or not, never there.
if readelf -d "$bin" 2>/dev/null | grep -q '(NEEDED)'; then
	libc=$( { $NM -u "$bin" 2>/dev/null; $NM -D -u "$bin" 2>/dev/null; } | awk '{print $NF}')
else
	libc=$($NM "$bin" 2>/dev/null | awk '{print $NF}')
fi
syms=$(echo "$libc" | sed 's/@.*//' | grep -Ex 'socket|connect|getaddrinfo|poll|send|recv' | sort -u)
syms="$syms$( { $NM "$bin" 2>/dev/null; $NM -D "$bin" 2>/dev/null; } | awk '{print $NF}' | sed 's/@.*//' |
	grep -Ex 'br_ssl_client_init_full|br_sslio_init|br_ssl_engine_set_buffer' | sort -u)"
if [ -n "$syms" ]; then
	echo "check-offline: $bin references networking:" $syms
	status=1
fi
[ $status = 0 ] && echo "check-offline: $bin has no networking and says so"
exit $status
