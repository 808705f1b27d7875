# toolchain/musl-static.mk -- fully static x86_64 binaries with musl.
# Needs: toolchain/deps.sh static. Before linking, the Makefile runs
#   toolchain/bearssl.sh musl    (program and tests)
#   toolchain/cmocka.sh musl     (unit tests)
# which build build/deps/musl/{include,lib} from Debian's source packages
# (Debian's libbearssl.a uses glibc's __memcpy_chk & co., which musl lacks).
# Only variables; the Makefile includes this for CONF=musl-static.

# Directory bearssl.sh/cmocka.sh install into (they read DEPS_DIR from the
# environment too; export it if you change it).
DEPS_DIR ?= build/deps

# musl-gcc unless CC is given on the make command line: an environment CC
# (often set to the host compiler) must not silently replace it.
ifneq ($(origin CC),command line)
CC = musl-gcc
endif
ifneq ($(origin AR),command line)
AR = ar
endif

CFLAGS_TARGET ?= -ffunction-sections -fdata-sections
LDFLAGS_TARGET ?= -static -Wl,--gc-sections

# -isystem, not -I: like /usr/include on the host, these are system headers
# to the warning flags (BearSSL's headers trip -Wundef -Werror otherwise).
BEARSSL_CFLAGS ?= -isystem $(DEPS_DIR)/musl/include
# jsmn.h: bearssl.sh links Debian's /usr/include/jsmn.h into the same dir
# (this compiler does not search /usr/include), so this equals BEARSSL_CFLAGS.
JSMN_CFLAGS ?= -isystem $(DEPS_DIR)/musl/include
BEARSSL_LIBS ?= $(DEPS_DIR)/musl/lib/libbearssl.a

CMOCKA_CFLAGS ?= -isystem $(DEPS_DIR)/musl/include
CMOCKA_LIBS ?= $(DEPS_DIR)/musl/lib/libcmocka.a

# Static x86_64 binaries run natively.
RUN ?=
TARGET_NAME ?= x86_64-linux-musl
DEPS_TARGET ?= musl
