# stsverify -- Makefile (the only build system). GNU make.
#
#   make                 host build: build/host/stsverify, build/host/libstsverify.a
#   make test            every unit, CLI and fixture test (installs test deps first)
#   make run             the main job on a bundled example (check --dir on the OpenShift
#                        ingress-operator key-rotation scenario)
#   make test-asan       the whole suite under clang ASan + UBSan, no recovery
#   make clean
#
# Targets and cross builds: CONF=<name> picks toolchain/<name>.mk; objects go
# to build/$(CONF)/ so builds never mix. Every variable can be overridden.

CONF    ?= host
# CROSS=aarch64-linux-gnu- (the usual prefix form) picks toolchain/aarch64-linux-gnu.mk.
CROSS   ?=
ifneq ($(CROSS),)
override CONF := $(patsubst %-,%,$(CROSS))
endif
PORT    ?= posix
-include toolchain/$(CONF).mk
ifeq ($(wildcard toolchain/$(CONF).mk),)
$(error CONF=$(CONF): no toolchain/$(CONF).mk (have: $(notdir $(basename $(wildcard toolchain/*.mk)))))
endif

# BearSSL and cmocka for targets Debian's x86_64 packages cannot serve are
# built from Debian's source packages into $(DEPS_DIR) (toolchain/README.md).
DEPS_DIR ?= build/deps
export DEPS_DIR
DEPS_GROUP_host = test
DEPS_GROUP_asan = test
DEPS_GROUP_musl-static = static
DEPS_GROUP_aarch64-linux-gnu = cross-aarch64
DEPS_GROUP_arm-linux-gnueabihf = cross-armhf
DEPS_GROUP_arm-none-eabi = bare
DEPS_LIBS = $(filter %.a,$(BEARSSL_LIBS) $(CMOCKA_LIBS))

# Ports are chosen at link time. posix: files, environment, clock, entropy
# and TCP. none: the same without networking (-DSV_NET=0): the online
# commands say they are not built in, and no socket, resolver or TLS code
# is linked. Objects of a non-default port go to their own build directory.
PORT_SRC_posix = port/posix.c port/posix_net.c
PORT_SRC_none  = port/posix.c port/none.c
NET_posix = 1
NET_none  = 0
PORT_SRC ?= $(PORT_SRC_$(PORT))
NET      ?= $(NET_$(PORT))

CC      ?= cc
AR      ?= ar
PYTHON  ?= python3
CROSS_NM ?= $(patsubst %gcc,%nm,$(filter %gcc,$(CC)))
ifeq ($(CROSS_NM),)
CROSS_NM = nm
endif
BUILD   ?= build/$(CONF)$(if $(filter posix,$(PORT)),,-$(PORT))
TARGET_NAME ?= $(CONF)
VERSION := $(shell sed -n 's/^#define SV_VERSION "\(.*\)"/\1/p' include/stsverify/sv.h)

WARN    = -Wall -Wextra -Werror -Wpedantic -Wshadow -Wstrict-prototypes \
          -Wmissing-prototypes -Wcast-qual -Wwrite-strings -Wundef
OPT     ?= -O2
CSTD    = -std=c11
CPPFLAGS_ALL = -Iinclude $(BEARSSL_CFLAGS) \
          -DSV_TARGET='"$(TARGET_NAME)"' -DSV_PORT_NAME='"$(PORT)"' -DSV_NET=$(NET) $(CPPFLAGS)
CFLAGS_ALL = $(CSTD) $(OPT) $(WARN) $(CFLAGS_TARGET) $(CFLAGS) -fstack-usage
LDFLAGS_ALL = $(LDFLAGS_TARGET) $(LDFLAGS)
BEARSSL_LIBS ?= -lbearssl
CMOCKA_LIBS  ?= -lcmocka
RUN     ?=

# The core: pure, allocation-free, no I/O. One responsibility per file.
CORE_SRC = \
	src/sv_str.c \
	src/sv_buf.c \
	src/sv_time.c \
	src/sv_b64.c \
	src/sv_json.c \
	src/sv_jose.c \
	src/sv_claims.c \
	src/sv_jwks.c \
	src/sv_rsa.c \
	src/sv_sig.c \
	src/sv_report.c \
	src/sv_verify.c \
	src/sv_arn.c \
	src/sv_awsconf.c \
	src/sv_policy.c \
	src/sv_discovery.c \
	src/sv_provider.c \
	src/sv_role.c \
	src/sv_thumb.c \
	src/sv_form.c \
	src/sv_endpoint.c \
	src/sv_request.c \
	src/sv_xml.c \
	src/sv_stsresp.c \
	src/sv_stserr.c \
	src/sv_check.c \
	src/sv_yaml.c \
	src/sv_credreq.c \
	src/sv_perms.c \
	src/sv_http.c \
	src/sv_tls.c

# The program, as a library the CLI tests drive (no main()).
CLI_SRC = \
	src/cli/main.c \
	src/cli/args.c \
	src/cli/out.c \
	src/cli/hints.c \
	src/cli/cmd_decode.c \
	src/cli/cmd_verify.c \
	src/cli/cmd_check.c \
	src/cli/awsinputs.c \
	src/cli/cmd_request.c \
	src/cli/cmd_explain.c \
	src/cli/cmd_permissions.c \
	src/cli/net.c \
	src/cli/cmd_fetch.c \
	src/cli/cmd_thumbprint.c \
	src/cli/cmd_assume.c \
	src/cli/check_online.c

UNIT_TESTS = \
	test_attacks \
	test_str \
	test_b64 \
	test_time \
	test_json \
	test_arn \
	test_policy \
	test_discovery \
	test_provider \
	test_role \
	test_thumb \
	test_check \
	test_verify \
	test_vectors \
	test_awsconf \
	test_request \
	test_stsresp \
	test_rsa \
	test_yaml \
	test_credreq \
	test_perms \
	test_http \
	test_tls

CLI_TESTS = \
	test_cli \
	test_batch \
	test_noalloc \
	test_permissions \
	test_check_cli \
	test_cli_request \
	test_cli_explain \
	test_fleet \
	test_hints \
	test_schema \
	test_secrets \
	test_online \
	test_stack

# What runs next to the pod: deploy/collect.sh against recorded CLI output,
# the manifests' YAML (tests/deploy/).
DEPLOY_TESTS = \
	test_deploy

# Fuzz targets: tests/fuzz/fuzz_<name>.c. `make fuzz` builds each as a
# libFuzzer binary in build/fuzz/; every one is also linked with
# tests/fuzz/replay.c into a regular test (replay_<name>) that runs its seed
# corpus fixtures/fuzz/<name>/ and past crashes fixtures/fuzz/crashes/<name>/.
FUZZ_TARGETS = \
	json \
	token \
	jwks \
	verify \
	sigflip \
	b64 \
	time \
	like \
	docs \
	pem \
	stsresp \
	awsconf \
	arn \
	check \
	rsa_diff \
	yaml \
	http \
	x509

CORE_OBJ = $(CORE_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  = $(CLI_SRC:%.c=$(BUILD)/%.o)
PORT_OBJ = $(PORT_SRC:%.c=$(BUILD)/%.o)
LIB      = $(BUILD)/libstsverify.a
CLILIB   = $(BUILD)/libsvcli.a
BIN      = $(BUILD)/stsverify
# test_rsa again with 32-bit limbs (what 32-bit targets run) and, where sv_rsa.c has
# assembly (x86-64), with its portable C: sv_rsa.c linked ahead of the archive.
VARIANT_TESTS = test_rsa32 test_rsa_portable
REPLAY_BINS = $(FUZZ_TARGETS:%=$(BUILD)/tests/replay_%)
TEST_BINS = $(UNIT_TESTS:%=$(BUILD)/tests/%) $(CLI_TESTS:%=$(BUILD)/tests/%) \
	$(DEPLOY_TESTS:%=$(BUILD)/tests/%) $(VARIANT_TESTS:%=$(BUILD)/tests/%) $(REPLAY_BINS)

.PHONY: bench size all lib test check-test run clean test-asan deps-test deps-host fixtures \
	check-purity check-fixtures install uninstall check-install check-bare static check-static \
	fuzz fuzz-fast fuzz-smoke fuzz-seeds fuzz-afl fuzz-afl-run stack valgrind \
	tls-fixtures check-tls-fixtures check-offline

# Bare-metal targets get the core library only: no OS, so no program or tests.
ifeq ($(CONF),arm-none-eabi)
all: $(LIB) check-bare
else
all: $(BIN)
endif
lib: $(LIB)

# The core needs nothing from a libc beyond <string.h>: every symbol the
# bare-metal library uses and does not define must be BearSSL's, the compiler
# runtime's (__aeabi_*, libgcc) or a <string.h> function.
BARE_LIBC = memchr memcmp memcpy memmove memset strchr strcmp strlen strncmp strstr
check-bare: $(LIB)
	@$(CROSS_NM) --defined-only $(LIB) | awk 'NF == 3 { print $$3 }' | sort -u > $(BUILD)/defined.txt
	@undef=$$($(CROSS_NM) -u $(LIB) | awk 'NF == 2 { print $$2 }' | sort -u | \
		grep -v -x -F -f $(BUILD)/defined.txt | grep -v -x -F "$$(printf '%s\n' $(BARE_LIBC))" | \
		grep -v -e '^br_' -e '^__aeabi_' -e '^__gnu_' || true); \
	if [ -n "$$undef" ]; then echo "check-bare: the core needs more than <string.h>:" $$undef; exit 1; fi; \
	echo "check-bare: $(LIB) needs only BearSSL, the compiler runtime and <string.h> ($(BARE_LIBC))"

# x86_64 static binary with musl; no dynamic section at all.
static:
	$(MAKE) CONF=musl-static all check-static

# A target linked with -static (musl, aarch64, armhf) must have no dynamic
# section at all; check-test runs this on each of them.
check-static: $(BIN)
	@if readelf -d $(BIN) | grep -q 'Dynamic section'; then \
		echo "check-static: $(BIN) has a dynamic section"; exit 1; fi
	@echo "check-static: $(BIN) is fully static (readelf -d: no dynamic section)"

$(BUILD)/%.o: %.c $(wildcard include/stsverify/*.h include/stsverify/*.def src/*.h src/cli/*.h) \
		| $(DEPS_LIBS)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) $(CFLAGS_ALL) -c $< -o $@

$(LIB): $(CORE_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(CLILIB): $(CLI_OBJ)
	@rm -f $@
	$(AR) rcs $@ $^

$(BIN): $(BUILD)/src/cli/stsverify.o $(CLILIB) $(LIB) $(PORT_OBJ)
	$(CC) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $(BUILD)/src/cli/stsverify.o $(CLILIB) $(PORT_OBJ) $(LIB) \
		$(BEARSSL_LIBS)

$(BUILD)/tests/test_rsa32: tests/unit/test_rsa.c src/sv_rsa.c tests/helpers.h $(LIB) $(PORT_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) -DSV_RSA_LIMB32 -Isrc -Itests $(CMOCKA_CFLAGS) $(CFLAGS_ALL) $(LDFLAGS_ALL) \
		-o $@ tests/unit/test_rsa.c src/sv_rsa.c $(PORT_OBJ) $(LIB) $(BEARSSL_LIBS) $(CMOCKA_LIBS)

$(BUILD)/tests/test_rsa_portable: tests/unit/test_rsa.c src/sv_rsa.c tests/helpers.h $(LIB) $(PORT_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) -DSV_RSA_PORTABLE -Isrc -Itests $(CMOCKA_CFLAGS) $(CFLAGS_ALL) $(LDFLAGS_ALL) \
		-o $@ tests/unit/test_rsa.c src/sv_rsa.c $(PORT_OBJ) $(LIB) $(BEARSSL_LIBS) $(CMOCKA_LIBS)

$(BUILD)/tests/%: tests/unit/%.c tests/helpers.h $(wildcard tests/*.h) $(LIB) $(PORT_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) -Isrc -Itests $(CMOCKA_CFLAGS) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $< \
		$(PORT_OBJ) $(LIB) $(BEARSSL_LIBS) $(CMOCKA_LIBS)

# test_noalloc defines malloc & co. itself: the compiler must not assume
# the C library's semantics for them (clang otherwise optimises the counting away).
TEST_CFLAGS_test_noalloc = -fno-builtin-malloc -fno-builtin-calloc -fno-builtin-realloc \
	-fno-builtin-free

$(BUILD)/tests/%: tests/cli/%.c tests/helpers.h $(wildcard tests/cli/*.h tests/*.h) $(CLILIB) $(LIB) $(PORT_OBJ)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) -Isrc -Itests $(CMOCKA_CFLAGS) $(CFLAGS_ALL) $(TEST_CFLAGS_$*) $(LDFLAGS_ALL) -o $@ $< \
		$(CLILIB) $(PORT_OBJ) $(LIB) $(BEARSSL_LIBS) $(CMOCKA_LIBS)

$(BUILD)/tests/%: tests/deploy/%.c tests/helpers.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) -Isrc -Itests $(CMOCKA_CFLAGS) $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ $< \
		$(CMOCKA_LIBS)

ifneq ($(DEPS_TARGET),)
# Installs the target's packages and builds its BearSSL (and cmocka) once.
$(DEPS_DIR)/$(DEPS_TARGET)/lib/libbearssl.a: toolchain/bearssl.sh toolchain/common.sh
	bash toolchain/deps.sh $(DEPS_GROUP_$(CONF))
	bash toolchain/bearssl.sh $(DEPS_TARGET)
$(DEPS_DIR)/$(DEPS_TARGET)/lib/libcmocka.a: toolchain/cmocka.sh toolchain/common.sh
	bash toolchain/deps.sh $(DEPS_GROUP_$(CONF))
	bash toolchain/cmocka.sh $(DEPS_TARGET)
endif

$(BUILD)/tests/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS_ALL) -Isrc -Itests/fuzz -D_GNU_SOURCE -DFZ_NAME='"$*"' $(CFLAGS_ALL) $(LDFLAGS_ALL) -o $@ \
		tests/fuzz/fuzz_$*.c tests/fuzz/replay.c $(LIB) $(BEARSSL_LIBS)

# ---- fuzzing (clang + libFuzzer + ASan + UBSan), independent of CONF ----
FUZZ_CC     ?= clang
FUZZ_BUILD  ?= build/fuzz
FUZZ_CFLAGS ?= -g -O1 -fno-omit-frame-pointer -fno-sanitize-recover=all
FUZZ_SAN     = address,undefined
comma := ,
FUZZ_SANS    = $(if $(strip $(FUZZ_SAN)),$(comma)$(FUZZ_SAN))
FUZZ_SECS   ?= 12
FUZZ_CORE_OBJ = $(CORE_SRC:%.c=$(FUZZ_BUILD)/obj/%.o)
FUZZ_BINS   = $(FUZZ_TARGETS:%=$(FUZZ_BUILD)/fuzz_%)

fuzz: $(FUZZ_BINS)

$(FUZZ_BUILD)/obj/%.o: %.c $(wildcard include/stsverify/*.h include/stsverify/*.def src/*.h)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(CPPFLAGS_ALL) $(CSTD) $(WARN) $(FUZZ_CFLAGS) \
		-fsanitize=fuzzer-no-link$(FUZZ_SANS) -c $< -o $@

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(FUZZ_CORE_OBJ)
	$(FUZZ_CC) $(CPPFLAGS_ALL) -Isrc -Itests/fuzz -D_GNU_SOURCE $(CSTD) $(WARN) $(FUZZ_CFLAGS) \
		-fsanitize=fuzzer$(FUZZ_SANS) -o $@ $< $(FUZZ_CORE_OBJ) $(BEARSSL_LIBS)

# libFuzzer alone (no ASan/UBSan), -O2, in build/fuzz-fast/: about 5x the executions
# per second, for long differential runs whose invariant is the comparison itself
# (`make fuzz-fast FUZZ_TARGETS=rsa_diff`; memory errors are `make fuzz`'s job).
fuzz-fast:
	$(MAKE) fuzz FUZZ_BUILD=build/fuzz-fast FUZZ_SAN= FUZZ_CFLAGS='-g -O2'

# Each target for FUZZ_SECS seconds from its seeds (CI: 19 x 12 s, about 4 min); fails on
# any crash or broken invariant, leaving the input in build/fuzz/artifacts/.
fuzz-smoke: fuzz
	@sh tests/fuzz/smoke.sh $(FUZZ_BUILD) $(FUZZ_SECS) $(FUZZ_TARGETS)

# AFL++ as a second engine on the same harnesses: afl-clang-fast with
# libFuzzer's entry point (AFL++'s driver), ASan + UBSan. `make fuzz-afl-run
# AFL_SECS=600 FUZZ_TARGETS=verify` runs afl-fuzz (tests/fuzz/afl.sh).
AFL_CC    ?= afl-clang-fast
AFL_BUILD ?= build/fuzz-afl
AFL_SECS  ?= 60
AFL_CORE_OBJ = $(CORE_SRC:%.c=$(AFL_BUILD)/obj/%.o)

fuzz-afl: $(FUZZ_TARGETS:%=$(AFL_BUILD)/fuzz_%)

fuzz-afl-run: fuzz-afl
	@sh tests/fuzz/afl.sh $(AFL_BUILD) $(AFL_SECS) $(FUZZ_TARGETS)

$(AFL_BUILD)/obj/%.o: %.c $(wildcard include/stsverify/*.h include/stsverify/*.def src/*.h)
	@mkdir -p $(dir $@)
	$(AFL_CC) $(CPPFLAGS_ALL) $(CSTD) $(WARN) $(FUZZ_CFLAGS) -fsanitize=$(FUZZ_SAN) -c $< -o $@

$(AFL_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(AFL_CORE_OBJ)
	$(AFL_CC) $(CPPFLAGS_ALL) -Isrc -Itests/fuzz -D_GNU_SOURCE $(CSTD) $(WARN) $(FUZZ_CFLAGS) \
		-fsanitize=fuzzer,$(FUZZ_SAN) -o $@ $< $(AFL_CORE_OBJ) $(BEARSSL_LIBS)

# Static stack report: GCC's call graph with frame sizes (-fcallgraph-info=su)
# for the core and the CLI, the worst chain per command and the largest
# frames (tests/stack/stack.py); tests/cli/test_stack.c measures the real peak.
STACK_BUILD ?= build/stack
stack:
	$(MAKE) BUILD=$(STACK_BUILD) CFLAGS="$(CFLAGS) -fcallgraph-info=su" \
		$(STACK_BUILD)/libstsverify.a $(STACK_BUILD)/libsvcli.a $(STACK_BUILD)/src/cli/stsverify.o
	@$(PYTHON) tests/stack/stack.py $(STACK_BUILD)

# The whole suite under valgrind's memcheck (host build): any invalid read or
# write, use of uninitialised memory or bad free fails the run. Leaks are not
# checked: tests may allocate (the core and the CLI cannot: check-purity).
VALGRIND ?= valgrind
VALGRIND_FLAGS ?= -q --error-exitcode=1 --leak-check=no --track-origins=yes
valgrind: $(BIN) $(TEST_BINS)
	@set -e; for t in $(TEST_BINS); do echo "== valgrind $$t"; \
		SV_VALGRIND=1 $(VALGRIND) $(VALGRIND_FLAGS) ./$$t > $(BUILD)/valgrind.log 2>&1 || \
		{ cat $(BUILD)/valgrind.log; echo "valgrind: $$t failed"; exit 1; }; done
	@echo "valgrind: every test executable is clean under memcheck"

# Rewrites fixtures/fuzz/<target>/ from the fixture tree.
fuzz-seeds:
	sh tests/fuzz/seed.sh

# `make test` installs what the suite needs, then builds and runs all of it.
test: deps-test
	$(MAKE) check-test

deps-test:
	@bash toolchain/deps.sh test $(filter-out test,$(DEPS_GROUP_$(CONF)))

deps-host:
	@bash toolchain/deps.sh host

# Installing and regenerating fixtures are host matters; cross runs skip them.
ifneq ($(filter host asan,$(CONF)),)
HOST_CHECKS = check-install check-fixtures check-tls-fixtures check-offline
else ifneq ($(CONF),arm-none-eabi)
# Other targets build and check their offline binary too, run as their tests run ($(RUN)),
# and those linked with -static are checked to be.
HOST_CHECKS = check-offline $(if $(filter -static,$(LDFLAGS_TARGET)),check-static)
endif
# Cross builds run every test under qemu-user too, test_secrets and test_stack
# included: the secrets scan stops at _end (a static binary's brk heap follows
# .bss) and test_stack raises its thread to PTHREAD_STACK_MIN where larger.
check-test: $(BIN) $(TEST_BINS) check-purity $(HOST_CHECKS)
	@set -e; for t in $(TEST_BINS); do echo "== $$t"; $(RUN) ./$$t; done
	@echo "all test executables passed"

# The core and the CLI must not allocate or use stdio (only port/ may).
check-purity: $(LIB) $(CLILIB)
	@sh tests/check-purity.sh $(LIB) $(CLILIB)

check-fixtures:
	@sh tests/gen/check-fixtures.sh

fixtures:
	$(PYTHON) tests/gen/mkfixtures.py fixtures

# The test PKI of the online tests (fixtures/tls): regenerating changes nothing.
tls-fixtures:
	sh tests/gen/mktls.sh fixtures/tls

check-tls-fixtures:
	@sh tests/gen/mktls.sh --check fixtures/tls

# make PORT=none: the offline binary builds, says its online commands are not
# built in, and links no socket, resolver or TLS code. Part of check-test on
# every target but bare metal; cross builds run it under $(RUN), and static
# binaries are checked for the libc functions themselves.
check-offline:
	@$(MAKE) --no-print-directory -s PORT=none all
	@RUN="$(RUN)" NM="$(CROSS_NM)" sh tests/check-offline.sh build/$(CONF)-none/stsverify

run: deps-host
	$(MAKE) $(BIN)
	./$(BIN) decode --token fixtures/tokens/eks.jwt --now 1790000000
	./$(BIN) verify --token fixtures/tokens/eks.jwt --jwks fixtures/jwks/cluster.json \
		--now 1790000000 --aud sts.amazonaws.com
	@echo
	@echo "== stsverify check: the OpenShift ingress operator after a signing-key rotation"
	@# exit status 1 is the diagnosis (STS would refuse); anything else is a failure of make run
	./$(BIN) check --dir fixtures/bundles/openshift-ingress-rotated-key \
		--now $$(sed -n 's/^now = //p' fixtures/bundles/openshift-ingress-rotated-key/expect) \
		|| [ $$? -eq 1 ]

test-asan: deps-test
	$(MAKE) CONF=asan check-test

# Install: binary, man page, completions, headers, static library, pkg-config file.
PREFIX  ?= /usr/local
DESTDIR ?=
INSTALL ?= install
HEADERS = include/stsverify/sv.h include/stsverify/sv_config.h include/stsverify/sv_checks.def \
	include/stsverify/sv_workspace.h include/stsverify/sv_port.h include/stsverify/sv_awsconf.h \
	include/stsverify/sv_sts.h

install: $(BIN) $(LIB)
	$(INSTALL) -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/include/stsverify \
		$(DESTDIR)$(PREFIX)/lib/pkgconfig $(DESTDIR)$(PREFIX)/share/man/man1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions $(DESTDIR)$(PREFIX)/share/zsh/site-functions
	$(INSTALL) -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/stsverify
	$(INSTALL) -m 644 $(HEADERS) $(DESTDIR)$(PREFIX)/include/stsverify/
	$(INSTALL) -m 644 $(LIB) $(DESTDIR)$(PREFIX)/lib/libstsverify.a
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' stsverify.pc.in \
		> $(DESTDIR)$(PREFIX)/lib/pkgconfig/stsverify.pc
	$(INSTALL) -m 644 docs/man/stsverify.1 $(DESTDIR)$(PREFIX)/share/man/man1/stsverify.1
	$(INSTALL) -m 644 contrib/completion/stsverify.bash \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/stsverify
	$(INSTALL) -m 644 contrib/completion/_stsverify $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_stsverify

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/stsverify $(DESTDIR)$(PREFIX)/lib/libstsverify.a \
		$(DESTDIR)$(PREFIX)/lib/pkgconfig/stsverify.pc $(DESTDIR)$(PREFIX)/share/man/man1/stsverify.1 \
		$(DESTDIR)$(PREFIX)/share/bash-completion/completions/stsverify \
		$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_stsverify
	rm -rf $(DESTDIR)$(PREFIX)/include/stsverify

check-install: $(BIN) $(LIB)
	@MAKE="$(MAKE)" CC="$(CC) $(CFLAGS_TARGET) $(LDFLAGS_TARGET)" sh tests/install/check-install.sh

# ---- figures: benchmarks against the usual tools, and binary sizes ----
# `make bench` installs the peers (bench/peers.sh), makes the inputs
# (bench/gen.py) and prints build/bench/results.md; docs/bench.md reads it.
bench:
	bash bench/run.sh

# Build configurations `make size` reports; add a CONF (toolchain/<CONF>.mk) to list it.
SIZE_CONFS ?= host musl-static aarch64-linux-gnu arm-linux-gnueabihf
# Each configuration is built twice: full (PORT=posix) and offline (PORT=none).
SIZE_PORTS ?= posix none

size:
	@for c in $(SIZE_CONFS); do for p in $(SIZE_PORTS); do \
		$(MAKE) -s CONF=$$c PORT=$$p all >/dev/null || exit 1; done; done
	@sh bench/size.sh $(foreach c,$(SIZE_CONFS),$(foreach p,$(SIZE_PORTS),$(c)$(if $(filter posix,$(p)),,-$(p))))

clean:
	rm -rf build
