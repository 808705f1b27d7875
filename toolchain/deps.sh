#!/bin/bash
# toolchain/deps.sh GROUP... -- install what stsverify needs, from Debian's
# apt repositories only. Run as root on Debian 12. Idempotent: packages that
# are installed already (dpkg-query) are skipped, and `apt-get update` runs
# only when something has to be installed (or a deb-src entry was added).
# Recommends are not installed: every package needed is listed here.
#
# Groups (several may be given; `all` is every group):
#   host           build-essential libbearssl-dev libjsmn-dev
#   test           host + libcmocka-dev python3 python3-yaml clang
#                  libclang-rt-14-dev valgrind openssl
#   static         musl-tools (+ gcc, make, dpkg-dev/xz-utils for apt-get
#                  source, libjsmn-dev), a deb-src entry, then BearSSL and
#                  cmocka for musl
#   cross-aarch64  gcc-aarch64-linux-gnu libc6-dev-arm64-cross qemu-user
#                  (+ make dpkg-dev xz-utils libjsmn-dev), then BearSSL and
#                  cmocka for aarch64-linux-gnu
#   cross-armhf    gcc-arm-linux-gnueabihf libc6-dev-armhf-cross qemu-user
#                  (+ the same), then BearSSL and cmocka for arm-linux-gnueabihf
#   fuzz           clang libclang-rt-14-dev, and afl++ if the archive has it
#   bare           gcc-arm-none-eabi libnewlib-dev (newlib's headers, for
#                  string.h) (+ the same), then BearSSL for arm-none-eabi
#
# The BearSSL/cmocka builds are the same idempotent scripts the Makefile
# runs (toolchain/bearssl.sh, toolchain/cmocka.sh); doing them here makes a
# group mean "ready to build that target". Set DEPS_NO_BUILD=1 to install
# packages only.
#
# Prints one line per group saying what it did.
set -euo pipefail

. "$(dirname "$0")/common.sh"

usage() {
    echo "usage: $0 {host|test|static|cross-aarch64|cross-armhf|fuzz|bare|all}..." >&2
    exit 2
}

[ $# -ge 1 ] || usage

groups=()
for g in "$@"; do
    case "$g" in
    all) groups+=(host test static cross-aarch64 cross-armhf fuzz bare) ;;
    host|test|static|cross-aarch64|cross-armhf|fuzz|bare) groups+=("$g") ;;
    -h|--help) usage ;;
    *) echo "$0: unknown group '$g'" >&2; usage ;;
    esac
done

# Packages of a group; "?name" marks a package installed only if the
# archive has it.
pkgs_of() {
    case "$1" in
    host)          echo build-essential libbearssl-dev libjsmn-dev ;;
    test)          echo build-essential libbearssl-dev libjsmn-dev \
                        libcmocka-dev python3 python3-yaml clang \
                        libclang-rt-14-dev valgrind openssl ;;
    # libjsmn-dev: bearssl.sh links /usr/include/jsmn.h into the target's
    # include dir (musl-gcc and cross compilers do not search /usr/include).
    static)        echo gcc make musl-tools dpkg-dev xz-utils libjsmn-dev ;;
    # gcc-<triplet> only Recommends the target libc; we install none of
    # the Recommends, so the libc6-dev-*-cross packages are named here.
    cross-aarch64) echo gcc-aarch64-linux-gnu libc6-dev-arm64-cross \
                        qemu-user make dpkg-dev xz-utils libjsmn-dev ;;
    cross-armhf)   echo gcc-arm-linux-gnueabihf libc6-dev-armhf-cross \
                        qemu-user make dpkg-dev xz-utils libjsmn-dev ;;
    fuzz)          echo clang libclang-rt-14-dev ?afl++ ;;
    # libnewlib-dev is only newlib's headers (~1 MB); the full
    # libnewlib-arm-none-eabi (~370 MB of multilib archives) is not needed
    # to compile and archive a library.
    bare)          echo gcc-arm-none-eabi libnewlib-dev make dpkg-dev xz-utils \
                        libjsmn-dev ;;
    esac
}

# Source builds (bearssl.sh / cmocka.sh targets) a group asks for.
builds_of() {
    case "$1" in
    static)        echo bearssl:musl cmocka:musl ;;
    cross-aarch64) echo bearssl:aarch64-linux-gnu cmocka:aarch64-linux-gnu ;;
    cross-armhf)   echo bearssl:arm-linux-gnueabihf cmocka:arm-linux-gnueabihf ;;
    bare)          echo bearssl:arm-none-eabi ;;
    esac
}

updated=0
apt_update_once() {
    if [ "$updated" -eq 0 ]; then
        tc_apt update >/dev/null || tc_die "apt-get update failed"
        updated=1
    fi
}

# A deb-src entry is needed by every group with source builds. Add it
# before the first `apt-get update` so one update covers both.
need_src=0
for g in "${groups[@]}"; do
    [ -n "$(builds_of "$g")" ] && need_src=1
done
if [ "$need_src" -eq 1 ] && ! tc_have_deb_src; then
    [ "$(id -u)" -eq 0 ] || tc_die "need root to add a deb-src entry to /etc/apt"
    tc_add_deb_src >/dev/null
    apt_update_once
    echo "deps.sh: deb-src: added entries for apt-get source ($TC_SRC_LIST)"
fi

declare -A done_group=()
for g in "${groups[@]}"; do
    [ -z "${done_group[$g]:-}" ] || continue
    done_group[$g]=1
    start=$(date +%s)

    missing=() skipped=() total=0
    for p in $(pkgs_of "$g"); do
        total=$((total + 1))
        opt=0
        case "$p" in \?*) opt=1; p=${p#\?} ;; esac
        tc_installed "$p" && continue
        if [ "$opt" -eq 1 ]; then
            apt_update_once
            # (not `apt-cache ... | grep -q`: with pipefail, grep's early
            # exit makes apt-cache die of SIGPIPE and the test fail)
            policy=$(apt-cache policy "$p" 2>/dev/null || true)
            if [[ $policy != *"Candidate: "[!\(]* ]]; then
                skipped+=("$p")
                continue
            fi
        fi
        missing+=("$p")
    done

    msg=""
    if [ ${#missing[@]} -gt 0 ]; then
        [ "$(id -u)" -eq 0 ] || tc_die "$g: need root to install: ${missing[*]}"
        apt_update_once
        tc_apt install --no-install-recommends "${missing[@]}" >"/tmp/deps-$g.$$.log" 2>&1 ||
            { cat "/tmp/deps-$g.$$.log" >&2; tc_die "$g: apt-get install failed"; }
        rm -f "/tmp/deps-$g.$$.log"
        msg="installed ${missing[*]}"
    else
        msg="all $total packages already installed"
    fi
    [ ${#skipped[@]} -eq 0 ] || msg="$msg; not in the archive, skipped: ${skipped[*]}"

    if [ "${DEPS_NO_BUILD:-0}" != 1 ]; then
        for b in $(builds_of "$g"); do
            lib=${b%%:*} target=${b#*:}
            if out=$("$(dirname "$0")/$lib.sh" "$target" 2>&1); then
                case "$out" in
                *"up to date"*) msg="$msg; $lib $target up to date" ;;
                *) msg="$msg; built $lib for $target" ;;
                esac
            else
                printf '%s\n' "$out" >&2
                tc_die "$g: toolchain/$lib.sh $target failed"
            fi
        done
    fi
    echo "deps.sh: $g: $msg ($(( $(date +%s) - start ))s)"
done
