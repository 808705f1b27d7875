# toolchain/aarch64-linux-gnu.mk -- static aarch64-linux-gnu binaries (cross glibc), run under
# qemu-aarch64 (qemu-user) for the tests.
# Needs: toolchain/deps.sh cross-aarch64. Before linking, the Makefile runs
#   toolchain/bearssl.sh aarch64-linux-gnu    (program and tests)
#   toolchain/cmocka.sh aarch64-linux-gnu     (unit tests)
# which build build/deps/aarch64-linux-gnu/{include,lib} from Debian's source packages.
# Everything links statically, the cmocka test binaries too (cmocka.sh makes
# a libcmocka.a), so they need no target libraries at run time:
# `qemu-aarch64 ./prog` runs them without -L and without binfmt_misc.
# Only variables; the Makefile includes this for CONF=aarch64-linux-gnu.

# Directory bearssl.sh/cmocka.sh install into (they read DEPS_DIR from the
# environment too; export it if you change it).
DEPS_DIR ?= build/deps

# The cross compiler unless CC is given on the make command line: an
# environment CC (often the host compiler) must not silently replace it.
ifneq ($(origin CC),command line)
CC = aarch64-linux-gnu-gcc
endif
ifneq ($(origin AR),command line)
AR = aarch64-linux-gnu-ar
endif

CFLAGS_TARGET ?= -ffunction-sections -fdata-sections
LDFLAGS_TARGET ?= -static -Wl,--gc-sections

# -isystem, not -I: like /usr/include on the host, these are system headers
# to the warning flags (BearSSL's headers trip -Wundef -Werror otherwise).
BEARSSL_CFLAGS ?= -isystem $(DEPS_DIR)/aarch64-linux-gnu/include
# jsmn.h: bearssl.sh links Debian's /usr/include/jsmn.h into the same dir
# (this compiler does not search /usr/include), so this equals BEARSSL_CFLAGS.
JSMN_CFLAGS ?= -isystem $(DEPS_DIR)/aarch64-linux-gnu/include
BEARSSL_LIBS ?= $(DEPS_DIR)/aarch64-linux-gnu/lib/libbearssl.a

CMOCKA_CFLAGS ?= -isystem $(DEPS_DIR)/aarch64-linux-gnu/include
CMOCKA_LIBS ?= $(DEPS_DIR)/aarch64-linux-gnu/lib/libcmocka.a

RUN ?= qemu-aarch64
TARGET_NAME ?= aarch64-linux-gnu
DEPS_TARGET ?= aarch64-linux-gnu
