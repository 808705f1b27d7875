# toolchain/arm-linux-gnueabihf.mk -- static arm-linux-gnueabihf binaries (cross glibc), run under
# qemu-arm (qemu-user) for the tests.
# Needs: toolchain/deps.sh cross-armhf. Before linking, the Makefile runs
#   toolchain/bearssl.sh arm-linux-gnueabihf    (program and tests)
#   toolchain/cmocka.sh arm-linux-gnueabihf     (unit tests)
# which build build/deps/arm-linux-gnueabihf/{include,lib} from Debian's source packages.
# Everything links statically, the cmocka test binaries too (cmocka.sh makes
# a libcmocka.a), so they need no target libraries at run time:
# `qemu-arm ./prog` runs them without -L and without binfmt_misc.
# Only variables; the Makefile includes this for CONF=arm-linux-gnueabihf.

# Directory bearssl.sh/cmocka.sh install into (they read DEPS_DIR from the
# environment too; export it if you change it).
DEPS_DIR ?= build/deps

# The cross compiler unless CC is given on the make command line: an
# environment CC (often the host compiler) must not silently replace it.
ifneq ($(origin CC),command line)
CC = arm-linux-gnueabihf-gcc
endif
ifneq ($(origin AR),command line)
AR = arm-linux-gnueabihf-ar
endif

# 64-bit off_t/ino_t and time_t on this 32-bit glibc target: without them
# stat()/readdir() fail with EOVERFLOW on 64-bit inode numbers (seen under
# qemu-arm on this machine: the CLI test found no fixture bundles), and
# time() breaks in 2038. glibc >= 2.34 needs both macros together.
CFLAGS_TARGET ?= -ffunction-sections -fdata-sections -D_FILE_OFFSET_BITS=64 -D_TIME_BITS=64
LDFLAGS_TARGET ?= -static -Wl,--gc-sections

# -isystem, not -I: like /usr/include on the host, these are system headers
# to the warning flags (BearSSL's headers trip -Wundef -Werror otherwise).
BEARSSL_CFLAGS ?= -isystem $(DEPS_DIR)/arm-linux-gnueabihf/include
# jsmn.h: bearssl.sh links Debian's /usr/include/jsmn.h into the same dir
# (this compiler does not search /usr/include), so this equals BEARSSL_CFLAGS.
JSMN_CFLAGS ?= -isystem $(DEPS_DIR)/arm-linux-gnueabihf/include
BEARSSL_LIBS ?= $(DEPS_DIR)/arm-linux-gnueabihf/lib/libbearssl.a

CMOCKA_CFLAGS ?= -isystem $(DEPS_DIR)/arm-linux-gnueabihf/include
CMOCKA_LIBS ?= $(DEPS_DIR)/arm-linux-gnueabihf/lib/libcmocka.a

RUN ?= qemu-arm
TARGET_NAME ?= arm-linux-gnueabihf
DEPS_TARGET ?= arm-linux-gnueabihf
