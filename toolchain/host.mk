# toolchain/host.mk -- native build against Debian's packages (dynamic).
# Needs: toolchain/deps.sh host (program) / test (unit tests).
# Only variables; the Makefile includes this for CONF=host (the default).

# CC/AR: make's built-in defaults (cc, ar) or whatever the user/environment
# gives (CC=clang for the sanitizer and fuzz builds).
CC ?= cc
AR ?= ar

CFLAGS_TARGET ?=
LDFLAGS_TARGET ?=

# libbearssl-dev: /usr/include/bearssl.h, libbearssl.so/.a in the multiarch
# lib dir; the linker prefers the .so.
BEARSSL_CFLAGS ?=
BEARSSL_LIBS ?= -lbearssl
# libjsmn-dev: header-only, /usr/include/jsmn.h.
JSMN_CFLAGS ?=

# libcmocka-dev: /usr/include/cmocka.h, libcmocka.so only (Debian ships no .a).
CMOCKA_CFLAGS ?=
CMOCKA_LIBS ?= -lcmocka

RUN ?=
# The compiler's own triplet (x86_64-linux-gnu with gcc), asked once.
ifeq ($(origin TARGET_NAME),undefined)
TARGET_NAME := $(shell $(CC) -dumpmachine)
endif
DEPS_TARGET ?=
