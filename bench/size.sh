#!/bin/sh
# bench/size.sh CONF... -- `make size`: text/data/bss (size(1), Berkeley format)
# and file size of build/<CONF>/stsverify for each build configuration given.
# The Makefile passes SIZE_CONFS; a configuration whose binary is missing is
# reported as such, not an error. SIZE (default: size) may name a cross size.
set -eu
SIZE=${SIZE:-size}
# The target's own binutil (aarch64-linux-gnu-strip for build/aarch64-linux-gnu*)
# when installed: the host's strip does not know other machines' ELF files.
tool() {
	t=${1%-none}
	if command -v "$t-$2" >/dev/null 2>&1; then echo "$t-$2"; else echo "$2"; fi
}
printf '| build | text | data | bss | file bytes | stripped bytes | dynamic libraries |\n'
printf '|---|---|---|---|---|---|---|\n'
for conf in "$@"; do
	bin=build/$conf/stsverify
	if [ ! -f "$bin" ]; then
		printf '| %s | (not built) | | | | | |\n' "$conf"
		continue
	fi
	set -- $($SIZE "$bin" | awk 'NR == 2 { print $1, $2, $3 }')
	file=$(wc -c < "$bin")
	"$(tool "$conf" strip)" -o "$bin.stripped" "$bin" 2>/dev/null && stripped=$(wc -c < "$bin.stripped") || stripped=-
	rm -f "$bin.stripped"
	libs=$(readelf -d "$bin" 2>/dev/null | awk -F'[][]' '/NEEDED/ { printf "%s%s", sep, $2; sep=" " }')
	printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$conf" "$1" "$2" "$3" "$file" "$stripped" "${libs:-none (static)}"
done
