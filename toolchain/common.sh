# shellcheck shell=bash
# toolchain/common.sh -- helpers shared by deps.sh, bearssl.sh and cmocka.sh.
# Sourced, never run (bash). No network except through apt.

# Fail with a message on stderr.
tc_die() {
    printf '%s: error: %s\n' "${0##*/}" "$*" >&2
    exit 1
}

tc_note() {
    printf '%s: %s\n' "${0##*/}" "$*"
}

# apt-get with the options every call here wants: no questions, and wait for
# the dpkg lock instead of failing when another apt run holds it.
tc_apt() {
    DEBIAN_FRONTEND=noninteractive apt-get -q -y \
        -o DPkg::Lock::Timeout=600 \
        -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
        "$@"
}

# True if every package named is installed ("install ok installed").
tc_installed() {
    local p
    for p in "$@"; do
        [ "$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null)" = "install ok installed" ] || return 1
    done
}

# True if apt has a deb-src entry active for this machine's Debian release.
tc_have_deb_src() {
    local f
    for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
        [ -r "$f" ] || continue
        grep -Eq '^[[:space:]]*deb-src[[:space:]]' "$f" && return 0
    done
    for f in /etc/apt/sources.list.d/*.sources; do
        [ -r "$f" ] || continue
        awk '
            BEGIN { RS = ""; FS = "\n"; found = 0 }
            {
                types = 0; enabled = 1
                for (i = 1; i <= NF; i++) {
                    if ($i ~ /^[Tt]ypes:/ && $i ~ /deb-src/) types = 1
                    if ($i ~ /^[Ee]nabled:[[:space:]]*[Nn]o/) enabled = 0
                }
                if (types && enabled) found = 1
            }
            END { exit found ? 0 : 1 }' "$f" && return 0
    done
    return 1
}

TC_SRC_LIST=/etc/apt/sources.list.d/stsverify-deb-src.sources

# Add deb-src entries mirroring the machine's own Debian deb entries, i.e.
# those whose suite is the release codename or codename-* (bookworm,
# bookworm-updates, bookworm-security). Third-party repositories (other suite
# names) are left alone: most publish no source indexes and would make
# `apt-get update` fail. Both the one-line format and deb822 are read.
# Needs root. Does not run `apt-get update` (tc_ensure_deb_src does).
# Does nothing and returns 1 if a deb-src entry already exists.
tc_add_deb_src() {
    tc_have_deb_src && return 1
    [ "$(id -u)" -eq 0 ] || tc_die "no deb-src entry in /etc/apt and not root; run 'toolchain/deps.sh static' as root once"
    local codename out f
    codename=$(. /etc/os-release && printf '%s' "${VERSION_CODENAME:-}")
    [ -n "$codename" ] || tc_die "cannot read VERSION_CODENAME from /etc/os-release"
    out=$(
        for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
            [ -r "$f" ] || continue
            # deb [opts] URI SUITE COMPONENTS...
            awk -v cn="$codename" '
                /^[[:space:]]*deb[[:space:]]/ {
                    line = $0; sub(/^[[:space:]]*deb/, "deb-src", line)
                    rest = $0; sub(/^[[:space:]]*deb[[:space:]]+/, "", rest)
                    if (rest ~ /^\[/) sub(/^\[[^]]*\][[:space:]]*/, "", rest)
                    split(rest, w, /[[:space:]]+/)
                    if (w[2] == cn || index(w[2], cn "-") == 1) print "ONELINE\t" line
                }' "$f"
        done
        for f in /etc/apt/sources.list.d/*.sources; do
            [ -r "$f" ] || continue
            [ "$f" = "$TC_SRC_LIST" ] && continue
            awk -v cn="$codename" '
                BEGIN { RS = ""; FS = "\n" }
                {
                    isdeb = 0; ok = 0; enabled = 1; body = ""
                    for (i = 1; i <= NF; i++) {
                        l = $i
                        if (l ~ /^#/) continue
                        if (l ~ /^[Tt]ypes:/) { if (l ~ /(^|[: ])deb([ ]|$)/) isdeb = 1; continue }
                        if (l ~ /^[Ee]nabled:[[:space:]]*[Nn]o/) enabled = 0
                        if (l ~ /^[Ss]uites:/) {
                            n = split(substr(l, 8), s, /[[:space:]]+/)
                            for (j = 1; j <= n; j++)
                                if (s[j] == cn || index(s[j], cn "-") == 1) ok = 1
                        }
                        if (l ~ /^[Aa]rchitectures:/) continue
                        body = body l "\n"
                    }
                    if (isdeb && ok && enabled)
                        printf "# from %s\nTypes: deb-src\n%s\n", FILENAME, body
                }' "$f"
        done
    )
    # One-line entries become a .list next to the .sources file.
    local oneline deb822
    oneline=$(printf '%s\n' "$out" | sed -n 's/^ONELINE\t//p')
    deb822=$(printf '%s\n' "$out" | grep -v '^ONELINE' || true)
    if [ -z "$oneline" ] && ! printf '%s\n' "$deb822" | grep -q '^Types: deb-src'; then
        tc_die "found no Debian '$codename' deb entry in /etc/apt to derive a deb-src entry from"
    fi
    if printf '%s\n' "$deb822" | grep -q '^Types: deb-src'; then
        printf '# Added by stsverify toolchain/common.sh: source packages for bearssl/cmocka.\n%s\n' "$deb822" > "$TC_SRC_LIST"
        tc_note "added deb-src entries in $TC_SRC_LIST"
    fi
    if [ -n "$oneline" ]; then
        printf '# Added by stsverify toolchain/common.sh: source packages for bearssl/cmocka.\n%s\n' "$oneline" \
            > "${TC_SRC_LIST%.sources}.list"
        tc_note "added deb-src entries in ${TC_SRC_LIST%.sources}.list"
    fi
    return 0
}

# Make sure `apt-get source` works: add deb-src entries if there are none and
# refresh the package lists (only then).
tc_ensure_deb_src() {
    if tc_add_deb_src; then
        tc_apt update >/dev/null || tc_die "apt-get update failed after adding deb-src entries"
    fi
}

# ---------------------------------------------------------------------------
# Source builds of BearSSL and cmocka for targets that cannot use Debian's
# amd64 archives.

TC_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# Everything built here lives under build/deps (gitignored /build/).
TC_DEPS=${DEPS_DIR:-$TC_ROOT/build/deps}

TC_TARGETS="musl aarch64-linux-gnu arm-linux-gnueabihf arm-none-eabi"

# Set TC_CC, TC_AR, TC_CFLAGS and TC_PKG (the deps.sh group that provides
# the compiler) for a target. TC_CFLAGS never enables _FORTIFY_SOURCE:
# musl has no __*_chk functions and newlib's are not wanted either.
tc_target() {
    TC_CFLAGS="-O2 -U_FORTIFY_SOURCE -ffunction-sections -fdata-sections"
    case "$1" in
    musl)
        TC_CC=musl-gcc TC_AR=ar TC_PKG=static ;;
    aarch64-linux-gnu)
        TC_CC=aarch64-linux-gnu-gcc TC_AR=aarch64-linux-gnu-ar TC_PKG=cross-aarch64 ;;
    arm-linux-gnueabihf)
        # Same 64-bit off_t/time_t as arm-linux-gnueabihf.mk (BearSSL calls
        # time() for X.509 dates).
        TC_CC=arm-linux-gnueabihf-gcc TC_AR=arm-linux-gnueabihf-ar TC_PKG=cross-armhf
        TC_CFLAGS="$TC_CFLAGS -D_FILE_OFFSET_BITS=64 -D_TIME_BITS=64" ;;
    arm-none-eabi)
        # Cortex-M4, Thumb-2, default (soft-float) ABI; no OS, no libc beyond the
        # headers (newlib's string.h for memcpy & co).
        TC_CC=arm-none-eabi-gcc TC_AR=arm-none-eabi-ar TC_PKG=bare
        # newlib's headers define _POSIX_SOURCE, which makes BearSSL's
        # inner.h assume a Unix time() for X.509 validity checks: turn that
        # (and /dev/urandom seeding) off explicitly.
        TC_CFLAGS="$TC_CFLAGS -mthumb -mcpu=cortex-m4 -ffreestanding -DBR_USE_UNIX_TIME=0 -DBR_USE_URANDOM=0" ;;
    *)
        tc_die "unknown target '$1' (one of: $TC_TARGETS)" ;;
    esac
    command -v "$TC_CC" >/dev/null 2>&1 || tc_die "$TC_CC not found; run 'toolchain/deps.sh $TC_PKG' as root"
    command -v "$TC_AR" >/dev/null 2>&1 || tc_die "$TC_AR not found; run 'toolchain/deps.sh $TC_PKG' as root"
}

# True if $1 exists and is newer than every other file named.
tc_up_to_date() {
    local out=$1 f
    shift
    [ -f "$out" ] || return 1
    for f in "$@"; do
        [ "$out" -nt "$f" ] || return 1
    done
}

# Unpack Debian's source package $1 under $TC_DEPS/src (once; concurrent
# callers wait on a lock) and set TC_SRCDIR to the unpacked tree.
tc_source() {
    local pkg=$1 d
    mkdir -p "$TC_DEPS/src"
    exec 9>"$TC_DEPS/src/.$pkg.lock"
    flock 9
    for d in "$TC_DEPS/src/$pkg"-*/; do
        if [ -f "$d/.stsverify-unpacked" ]; then
            TC_SRCDIR=${d%/}
            exec 9>&-
            return 0
        fi
    done
    command -v dpkg-source >/dev/null 2>&1 || tc_die "dpkg-source not found; run 'toolchain/deps.sh static' as root"
    tc_ensure_deb_src
    tc_note "fetching Debian source package $pkg"
    # Remove a half-unpacked tree from an interrupted run.
    rm -rf "$TC_DEPS/src/$pkg"-*/ "$TC_DEPS/src/$pkg"_*
    # The sandbox user _apt cannot write into a root-owned build dir; the
    # download is checked against the signed Sources index either way.
    (cd "$TC_DEPS/src" && apt-get -q -o APT::Sandbox::User=root source "$pkg" >"$pkg.log" 2>&1) ||
        { cat "$TC_DEPS/src/$pkg.log" >&2; tc_die "apt-get source $pkg failed"; }
    for d in "$TC_DEPS/src/$pkg"-*/; do
        [ -d "$d" ] || continue
        touch "$d/.stsverify-unpacked"
        TC_SRCDIR=${d%/}
    done
    [ -n "${TC_SRCDIR:-}" ] || tc_die "apt-get source $pkg unpacked nothing"
    exec 9>&-
}
