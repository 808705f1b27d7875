#!/bin/sh
# make install into a temporary DESTDIR, then compile and run a cmocka test
# against the installed header, library and pkg-config file; then uninstall
# and check that nothing is left behind.
set -eu
MAKE=${MAKE:-make}
CC=${CC:-cc}
dest=$(mktemp -d)
trap 'rm -rf "$dest"' EXIT
prefix=/usr/local
$MAKE -s install DESTDIR="$dest" PREFIX="$prefix" >/dev/null
for f in bin/stsverify include/stsverify/sv.h include/stsverify/sv_config.h \
         include/stsverify/sv_checks.def include/stsverify/sv_workspace.h lib/libstsverify.a \
         lib/pkgconfig/stsverify.pc share/man/man1/stsverify.1; do
	[ -f "$dest$prefix/$f" ] || { echo "check-install: $f was not installed"; exit 1; }
done
export PKG_CONFIG_PATH="$dest$prefix/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$dest"
flags=$(pkg-config --cflags --libs stsverify)
$CC -std=c11 -Wall -Wextra -Werror -o "$dest/test_installed" tests/install/test_installed.c $flags -lcmocka
SV_CASE_DIR=../shared/vectors/real-tokens/cases/real-eks-irsa-token-valid "$dest/test_installed"
"$dest$prefix/bin/stsverify" --version | head -1
$MAKE -s uninstall DESTDIR="$dest" PREFIX="$prefix" >/dev/null
left=$(find "$dest$prefix" -type f | wc -l)
[ "$left" -eq 0 ] || { echo "check-install: uninstall left files:"; find "$dest$prefix" -type f; exit 1; }
echo "check-install: installed, compiled against with pkg-config, ran, uninstalled cleanly"
