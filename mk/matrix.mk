# make matrix: dkcheck over every implementation this machine can run
# (scripts/matrix), one Criterion JSON each under results/OS-ARCH/, then
# RESULTS.md from every results/*/ (scripts/report).
#
# The subjects for other implementations: C adapters for glibc daemon(3)
# with libbsd pidfile(3) and for libdaemon, the payload program that
# daemonize(1) and start-stop-daemon run, and the reference built against
# musl. Script adapters live in scripts/adapters/.

PAYLOAD_SRC   := harness/subjects/payload_signals.c $(SUBJECT_SRC)
PAYLOAD       := $(BUILD)/subject-payload
DAEMON3       := $(BUILD)/subject-daemon3
LIBDAEMON     := $(BUILD)/subject-libdaemon
MUSL_REF      := $(BUILD)/subject-reference-musl
DK_VERSION    := $(BUILD)/dk-version

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

.PHONY: matrix matrix-build FORCE
matrix: deps
	@scripts/matrix-deps
	@$(MAKE) --no-print-directory matrix-build
	@scripts/matrix

matrix-build: $(DKCHECK) $(REFERENCE) $(MATRIX_BINS)

$(PAYLOAD): $(call obj,harness/subjects/payload.c $(PAYLOAD_SRC))
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(DAEMON3): $(call obj,harness/subjects/daemon3.c $(PAYLOAD_SRC))
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ -lbsd $(LDLIBS)

$(LIBDAEMON): $(call obj,harness/subjects/libdaemon.c $(SUBJECT_SRC))
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ -ldaemon $(LDLIBS)

$(DK_VERSION): $(call obj,harness/dk_version_main.c) $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

# The same library and reference subject, compiled by musl-gcc in a build
# directory of their own; the sub-make knows when that is up to date.
$(MUSL_REF): FORCE
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/musl CC=musl-gcc \
	    $(BUILD)/musl/subject-reference
	@cmp -s $(BUILD)/musl/subject-reference $@ || \
	    cp $(BUILD)/musl/subject-reference $@
