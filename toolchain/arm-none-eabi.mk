# toolchain/arm-none-eabi.mk -- bare-metal Cortex-M4 (Thumb-2, soft-float
# ABI), freestanding. Only the core library is built for this target: no
# program, no tests (no OS, no libc beyond newlib's headers; the caller's
# firmware provides memcpy/memset/memmove/memcmp/strlen, as newlib does).
# Needs: toolchain/deps.sh bare. Before archiving, the Makefile runs
#   toolchain/bearssl.sh arm-none-eabi
# Only variables; the Makefile includes this for CONF=arm-none-eabi.

DEPS_DIR ?= build/deps

ifneq ($(origin CC),command line)
CC = arm-none-eabi-gcc
endif
ifneq ($(origin AR),command line)
AR = arm-none-eabi-ar
endif

# Keep in step with tc_target() in toolchain/common.sh (BearSSL is built
# with the same -mcpu/-mthumb).
CFLAGS_TARGET ?= -mthumb -mcpu=cortex-m4 -ffreestanding -ffunction-sections -fdata-sections
# Nothing is linked for this target; a firmware link would add its own
# linker script, startup code and --specs=nano.specs (libnewlib-arm-none-eabi).
LDFLAGS_TARGET ?=

# -isystem, not -I: like /usr/include on the host, these are system headers
# to the warning flags (BearSSL's headers trip -Wundef -Werror otherwise).
BEARSSL_CFLAGS ?= -isystem $(DEPS_DIR)/arm-none-eabi/include
# jsmn.h: bearssl.sh links Debian's /usr/include/jsmn.h into the same dir
# (this compiler does not search /usr/include), so this equals BEARSSL_CFLAGS.
JSMN_CFLAGS ?= -isystem $(DEPS_DIR)/arm-none-eabi/include
BEARSSL_LIBS ?= $(DEPS_DIR)/arm-none-eabi/lib/libbearssl.a

# No cmocka and no test runner: tests are not built for this target.
CMOCKA_CFLAGS ?=
CMOCKA_LIBS ?=
RUN ?=
TARGET_NAME ?= arm-none-eabi
DEPS_TARGET ?= arm-none-eabi
