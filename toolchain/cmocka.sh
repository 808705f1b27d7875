#!/bin/bash
# toolchain/cmocka.sh TARGET -- build cmocka's static library for TARGET from
# Debian's source package and install it into build/deps/TARGET:
#
#   build/deps/TARGET/include/cmocka.h, cmocka_pbc.h
#   build/deps/TARGET/lib/libcmocka.a
#
# TARGET is one of musl, aarch64-linux-gnu, arm-linux-gnueabihf (cmocka needs
# a hosted libc: stdio, setjmp, signal; there are no tests on arm-none-eabi).
#
# Why a source build? Debian's libcmocka-dev ships only libcmocka.so (no
# libcmocka.a, on any architecture), and a glibc .so is of no use to musl.
# For aarch64/armhf, multiarch libcmocka-dev:arm64/:armhf would give dynamic
# test binaries that need the target's ld.so and libc at run time
# (qemu-aarch64 -L ..., libc6:arm64 installed by multiarch); building this one
# file (src/cmocka.c) with the target compiler instead makes the unit-test
# binaries static like the program itself, so `qemu-aarch64 ./test_x` runs
# them with no -L and no foreign-architecture packages on the machine.
#
# Upstream configures with CMake; for one C file the configure results for a
# Linux libc (glibc and musl alike) are written out below instead.
# Idempotent like bearssl.sh: skipped if libcmocka.a is newer than this script
# and toolchain/common.sh.
set -euo pipefail

. "$(dirname "$0")/common.sh"

[ $# -eq 1 ] || { echo "usage: $0 {musl|aarch64-linux-gnu|arm-linux-gnueabihf}" >&2; exit 2; }
target=$1
case "$target" in
arm-none-eabi) tc_die "cmocka needs a hosted libc; no cmocka for $target" ;;
esac
tc_target "$target"

out=$TC_DEPS/$target
lib=$out/lib/libcmocka.a
if tc_up_to_date "$lib" "$0" "$(dirname "$0")/common.sh"; then
    tc_note "cmocka $target: up to date ($lib)"
    exit 0
fi

mkdir -p "$TC_DEPS"
exec 8>"$TC_DEPS/.cmocka-$target.lock"
flock 8
if tc_up_to_date "$lib" "$0" "$(dirname "$0")/common.sh"; then
    tc_note "cmocka $target: up to date ($lib)"
    exit 0
fi

tc_source cmocka
src=$TC_SRCDIR
obj=$TC_DEPS/obj/cmocka-$target
start=$(date +%s)
rm -rf "$obj"
mkdir -p "$obj"

# What cmocka's ConfigureChecks.cmake finds on Linux (checked against the
# config.h that CMake writes for musl-gcc), restricted to the macros
# src/cmocka.c and include/*.h actually test.
defs="-DHAVE_SIGNAL_H -DHAVE_STRINGS_H -DHAVE_INTTYPES_H -DHAVE_MALLOC_H
      -DHAVE_SIGLONGJMP -DHAVE_STRSIGNAL -DHAVE_SNPRINTF -DHAVE_VSNPRINTF
      -DHAVE_CLOCK_REALTIME -DHAVE_STRUCT_TIMESPEC
      -DHAVE_GCC_THREAD_LOCAL_STORAGE"
# shellcheck disable=SC2086 # word splitting of the flag lists is intended
$TC_CC $TC_CFLAGS $defs -I"$src/include" -c "$src/src/cmocka.c" -o "$obj/cmocka.o" 2> "$obj/build.log" ||
    { cat "$obj/build.log" >&2; tc_die "cmocka $target: compilation failed"; }
"$TC_AR" rcs "$obj/libcmocka.a.tmp" "$obj/cmocka.o"

mkdir -p "$out/include" "$out/lib"
cp "$src/include/cmocka.h" "$src/include/cmocka_pbc.h" "$out/include/"
mv "$obj/libcmocka.a.tmp" "$lib"

size=$(du -k "$lib" | cut -f1)
tc_note "cmocka $target: built with $TC_CC in $(( $(date +%s) - start ))s -> $lib (${size} KiB)"
