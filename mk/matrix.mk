# make matrix: dkcheck over every implementation this machine can run
# (scripts/matrix), one Criterion JSON each under results/OS-ARCH/, then
# RESULTS.md from every results/*/ (scripts/report).
#
# The subjects for other implementations: C adapters for glibc daemon(3)
# with libbsd pidfile(3) and for libdaemon, the payload program that the
# command-line daemonizers run, the reference built against musl, and the
# Go and Rust adapters built offline from Debian's sources. Script
# adapters live in subjects/adapters/; the npm package is installed into
# build/node-daemonize/ by scripts/matrix-deps.

PAYLOAD_SRC   := subjects/payload_signals.c $(SUBJECT_SRC)
PAYLOAD       := $(BUILD)/subject-payload
DAEMON3       := $(BUILD)/subject-daemon3
LIBDAEMON     := $(BUILD)/subject-libdaemon
MUSL_REF      := $(BUILD)/subject-reference-musl
DK_VERSION    := $(BUILD)/dk-version

GO_DAEMON     := $(BUILD)/subject-go-daemon
RUST_DAEMONIZE := $(BUILD)/subject-rust-daemonize
# jsvc's service class (subjects/adapters/jsvc), compiled here, never kept
# in the tree.
JSVC_CLASS    := $(BUILD)/jsvc/DkDaemon.class
COMMONS_DAEMON_JAR := /usr/share/java/commons-daemon.jar

# Each is built only where its library is there (scripts/matrix-deps
# installs them on Debian; elsewhere the matrix says "not installed").
MATRIX_BINS   := $(PAYLOAD) $(DK_VERSION)
ifneq ($(wildcard /usr/include/bsd/libutil.h),)
MATRIX_BINS   += $(DAEMON3)
endif
ifneq ($(wildcard /usr/include/libdaemon/dfork.h),)
MATRIX_BINS   += $(LIBDAEMON)
endif
ifneq ($(shell command -v musl-gcc 2>/dev/null),)
MATRIX_BINS   += $(MUSL_REF)
endif
ifneq ($(wildcard /usr/share/gocode/src/github.com/sevlyar/go-daemon/daemon.go),)
ifneq ($(shell command -v go 2>/dev/null),)
MATRIX_BINS   += $(GO_DAEMON)
endif
endif
ifneq ($(wildcard /usr/share/cargo/registry/daemonize-0.4.1/Cargo.toml),)
ifneq ($(wildcard /usr/bin/cargo)$(shell command -v cargo 2>/dev/null),)
MATRIX_BINS   += $(RUST_DAEMONIZE)
endif
endif
ifneq ($(wildcard $(COMMONS_DAEMON_JAR)),)
ifneq ($(shell command -v javac 2>/dev/null),)
MATRIX_BINS   += $(JSVC_CLASS)
endif
endif

.PHONY: matrix matrix-build adapter-bins FORCE
matrix: deps
	@scripts/matrix-deps
	@$(MAKE) --no-print-directory matrix-build
	@if command -v x86_64-w64-mingw32-gcc >/dev/null 2>&1; then \
	    $(MAKE) --no-print-directory windows; fi
	@scripts/matrix

matrix-build: $(DKCHECK) $(REFERENCE) $(MATRIX_BINS)

# What scripts/check.d/60-adapters runs: the C adapters and the payload
# (the reference builds are judged by other parts).
adapter-bins: $(DKCHECK) $(filter-out $(MUSL_REF),$(MATRIX_BINS))
# Built before make check's parts start, which run in parallel.
check-build: adapter-bins

$(PAYLOAD): $(call obj,subjects/payload.c $(PAYLOAD_SRC))
	$(SAY) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@.part $^ $(LDLIBS) && mv -f $@.part $@

$(DAEMON3): $(call obj,subjects/adapters/daemon3.c $(PAYLOAD_SRC))
	$(SAY) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@.part $^ -lbsd $(LDLIBS) && mv -f $@.part $@

$(LIBDAEMON): $(call obj,subjects/adapters/libdaemon.c $(SUBJECT_SRC))
	$(SAY) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@.part $^ -ldaemon $(LDLIBS) && mv -f $@.part $@

$(DK_VERSION): $(call obj,tools/dk_version_main.c) $(LIB)
	$(SAY) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@.part $^ $(LDLIBS) && mv -f $@.part $@

# The same library and reference subject, compiled by musl-gcc in a build
# directory of their own; the sub-make knows when that is up to date.
$(MUSL_REF): FORCE
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/musl CC=musl-gcc \
	    $(BUILD)/musl/subject-reference
	@cmp -s $(BUILD)/musl/subject-reference $@ || \
	    cp $(BUILD)/musl/subject-reference $@

# Go's sevlyar/go-daemon from Debian's source package, offline: GOPATH is
# Debian's /usr/share/gocode, no module proxy.
$(JSVC_CLASS): subjects/adapters/jsvc/DkDaemon.java
	$(SAY) JAVAC $@
	$(Q)mkdir -p $(dir $@) && javac -nowarn -d $(dir $@) -cp $(COMMONS_DAEMON_JAR) $<

$(GO_DAEMON): subjects/adapters/go-daemon/main.go
	$(SAY) GO $@
	$(Q)cd subjects/adapters/go-daemon && GOPATH=/usr/share/gocode GO111MODULE=off \
	    GOPROXY=off GOFLAGS= GOCACHE=$(abspath $(BUILD))/go-cache \
	    go build -o $(abspath $@) main.go

# The Rust daemonize crate from Debian's vendored crate sources, offline:
# a copy of the adapter in the build folder, whose .cargo/config.toml
# replaces crates.io with /usr/share/cargo/registry.
RUST_DIR := $(BUILD)/rust-daemonize
CARGO    ?= $(firstword $(wildcard /usr/bin/cargo) cargo)
$(RUST_DAEMONIZE): subjects/adapters/rust-daemonize/Cargo.toml \
                   subjects/adapters/rust-daemonize/src/main.rs
	$(Q)mkdir -p $(RUST_DIR)/src $(RUST_DIR)/.cargo
	$(Q)cp subjects/adapters/rust-daemonize/Cargo.toml $(RUST_DIR)/
	$(Q)cp subjects/adapters/rust-daemonize/src/main.rs $(RUST_DIR)/src/
	$(Q)printf '%s\n' '[source.crates-io]' 'replace-with = "debian"' \
	    '[source.debian]' 'directory = "/usr/share/cargo/registry"' \
	    '[net]' 'offline = true' >$(RUST_DIR)/.cargo/config.toml
	$(SAY) CARGO $@
	$(Q)cd $(RUST_DIR) && CARGO_HOME=$(abspath $(RUST_DIR))/.cargo-home \
	    CARGO_TARGET_DIR=$(abspath $(RUST_DIR))/target \
	    $(if $(wildcard /usr/bin/rustc),RUSTC=/usr/bin/rustc) \
	    $(CARGO) build --release --offline --quiet
	$(Q)cp $(RUST_DIR)/target/release/subject-rust-daemonize $@
