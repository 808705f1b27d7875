#!/bin/bash
# toolchain/bearssl.sh TARGET -- build BearSSL's static library for TARGET
# from Debian's source package and install it into build/deps/TARGET:
#
#   build/deps/TARGET/include/bearssl.h          (Debian's wrapper header)
#   build/deps/TARGET/include/bearssl/*.h        (upstream headers)
#   build/deps/TARGET/lib/libbearssl.a
#   build/deps/TARGET/include/jsmn.h             (symlink to libjsmn-dev's)
#
# so that `-Ibuild/deps/TARGET/include` + `#include <bearssl.h>` works exactly
# like Debian's libbearssl-dev on the host. TARGET is one of
#   musl                  musl-gcc (static x86_64 binaries)
#   aarch64-linux-gnu     aarch64-linux-gnu-gcc (static glibc binaries)
#   arm-linux-gnueabihf   arm-linux-gnueabihf-gcc (static glibc binaries)
#   arm-none-eabi         arm-none-eabi-gcc -mthumb -mcpu=cortex-m4 -ffreestanding
#
# Idempotent: does nothing if libbearssl.a exists and is newer than this
# script and toolchain/common.sh. Works from any directory (paths are taken
# relative to the repository root, found from this script's location).
# The source is fetched with `apt-get source bearssl` into build/deps/src
# (a deb-src entry is added first if the machine has none, which needs root).
#
# Why not Debian's own archives for the cross targets? Debian's amd64
# libbearssl.a references __memcpy_chk/__memset_chk/__memmove_chk
# (built with -D_FORTIFY_SOURCE=2), which musl lacks. For aarch64/armhf,
# multiarch libbearssl-dev:arm64/:armhf *would* link statically with the
# cross glibc (its libc.a has the __*_chk functions), but it needs
# `dpkg --add-architecture` (a machine-wide change: every later apt-get update
# fetches two more architectures' indexes), pulls libc6:arm64 and friends
# next to the cross toolchain's own copy, must stay version-locked with the
# amd64 package (Multi-Arch: same), and still leaves musl and arm-none-eabi
# needing this source build. One recipe for all four targets, built with the
# same flags (-O2, no FORTIFY), is the simpler and more uniform choice; it
# takes well under a minute per target on 2 cores.
#
# The library is built by compiling every file of BearSSL's src/ with the
# target compiler (that is all upstream's own `make lib` does, see
# mk/Rules.mk); BearSSL's conf/*.mk only describe Unix/Windows hosts. For
# arm-none-eabi the auto-configuration in src/config.h/inner.h turns off
# /dev/urandom, Unix time and the x86/POWER intrinsics by itself, so all of
# src/ builds freestanding; only <string.h> (newlib's headers) is needed.
set -euo pipefail

. "$(dirname "$0")/common.sh"

[ $# -eq 1 ] || { echo "usage: $0 {${TC_TARGETS// /|}}" >&2; exit 2; }
target=$1
tc_target "$target"

out=$TC_DEPS/$target
lib=$out/lib/libbearssl.a
if tc_up_to_date "$lib" "$0" "$(dirname "$0")/common.sh"; then
    tc_note "bearssl $target: up to date ($lib)"
    exit 0
fi

# One build per target at a time (make -j may start two).
mkdir -p "$TC_DEPS"
exec 8>"$TC_DEPS/.bearssl-$target.lock"
flock 8
if tc_up_to_date "$lib" "$0" "$(dirname "$0")/common.sh"; then
    tc_note "bearssl $target: up to date ($lib)"
    exit 0
fi

tc_source bearssl
src=$TC_SRCDIR
obj=$TC_DEPS/obj/bearssl-$target
start=$(date +%s)
rm -rf "$obj"
mkdir -p "$obj"

# Compile src/**/*.c in parallel; objects mirror the source tree.
(cd "$src/src" && find . -name '*.c' | sort) > "$obj/sources"
export TC_CC TC_CFLAGS src obj
jobs=$(nproc 2>/dev/null || echo 2)
# shellcheck disable=SC2016 # expanded by the inner sh, from the environment
if ! xargs -P "$jobs" -n 8 sh -c '
        for f; do
            o="$obj/${f%.c}.o"
            mkdir -p "${o%/*}"
            $TC_CC $TC_CFLAGS -I"$src/inc" -I"$src/src" -c "$src/src/$f" -o "$o" || exit 255
        done' sh < "$obj/sources" 2> "$obj/build.log"; then
    cat "$obj/build.log" >&2
    tc_die "bearssl $target: compilation failed (log: $obj/build.log)"
fi

(cd "$obj" && find . -name '*.o' | sort > objects && xargs "$TC_AR" rcs libbearssl.a.tmp < objects)

# Install: headers first, then the library (its mtime marks completion).
rm -rf "$out/include/bearssl"
mkdir -p "$out/include/bearssl" "$out/lib"
cp "$src"/inc/*.h "$out/include/bearssl/"
cp "$src/debian/bearssl.h" "$out/include/bearssl.h"
# jsmn is header-only and Debian ships it arch-independent in /usr/include,
# but musl-gcc and the cross compilers do not search /usr/include (and must
# not: it holds glibc's headers). Link just jsmn.h into the target's include
# dir, which every non-host build already has on its -I path.
if [ -f /usr/include/jsmn.h ]; then
    ln -sfn /usr/include/jsmn.h "$out/include/jsmn.h"
else
    tc_note "warning: /usr/include/jsmn.h missing (libjsmn-dev); run 'toolchain/deps.sh $TC_PKG'" >&2
fi
mv "$obj/libbearssl.a.tmp" "$lib"

n=$(wc -l < "$obj/objects")
size=$(du -k "$lib" | cut -f1)
tc_note "bearssl $target: built $n objects with $TC_CC in $(( $(date +%s) - start ))s -> $lib (${size} KiB)"
