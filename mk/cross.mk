# make cross: what make check builds, for FreeBSD 14 and for macOS (x86_64
# and arm64), cross-linked here with zig 0.16 (scripts/deps-zig) against
# a Criterion cross-built from Debian's sources (scripts/cross-criterion),
# each target in build/cross/TARGET:
#   libdaemoniker.a, and libdaemoniker.so (FreeBSD) or .dylib (macOS)
#   subject-reference subject-hostile subject-payload dk-version
#   dkcheck unit-tests                   linked with that Criterion
# Not the mutants: their --wrap is an ELF linker's, which zig cc does not
# pass on (and Apple's ld has none); FreeBSD's cc links them there.
# A target whose Criterion could not be built gets the rest, and
# build/cross/TARGET/criterion.failed says why. scripts/check.d/22-cross
# runs this and checks what file(1) says of each.

ZIG           := build/zig/node_modules/@zigpm/zig-linux-x64/zig/zig
CROSS_TARGETS := x86_64-freebsd x86_64-macos aarch64-macos
CROSS_BINS     = $(REFERENCE) $(HOSTILE) $(PAYLOAD) $(DK_VERSION)

.PHONY: cross cross-one
cross:
	@scripts/deps-zig >/dev/null; test -x $(ZIG) || \
	    { echo "make cross: no zig: $$(cat build/zig/unavailable 2>/dev/null)" >&2; exit 1; }
	$(Q)for t in $(CROSS_TARGETS); do \
	    case $$t in *-freebsd) os=FreeBSD ;; *) os=Darwin ;; esac; \
	    crit=$$(scripts/cross-criterion $$t) || crit=; \
	    ZIG_GLOBAL_CACHE_DIR=$(CURDIR)/build/zig/cache \
	    ZIG_LOCAL_CACHE_DIR=$(CURDIR)/build/zig/cache \
	    $(MAKE) --no-print-directory OS=$$os BUILD=build/cross/$$t \
	        CC="$(CURDIR)/$(ZIG) cc -target $$t" AR="$(CURDIR)/$(ZIG) ar" \
	        CROSS_CRITERION=$$crit cross-one || exit 1; \
	done

# The Criterion of the target, static: its archive and those of what it
# uses (scripts/cross-criterion installs them side by side).
ifneq ($(CROSS_CRITERION),)
CFLAGS         += -I$(CROSS_CRITERION)/include
CRITERION_LIBS := $(addprefix $(CROSS_CRITERION)/lib/,libcriterion.a libboxfort.a \
                    libnanomsg.a libprotobuf_nanopb_static.a) -lm
endif
# (A make of its own: the names come from mk files read after this one.)
cross-one:
	$(Q)$(MAKE) --no-print-directory $(LIB) $(CROSS_BINS) \
	    $(if $(filter Darwin,$(OS)),$(BUILD)/libdaemoniker.dylib,$(SHLIB)) \
	    $(if $(CROSS_CRITERION),$(DKCHECK) $(UNIT))

# No version script (lib/daemoniker.map is GNU ld's): Mach-O exports every
# global symbol; the install name lets programs find it through @rpath.
$(BUILD)/libdaemoniker.dylib: $(call obj,$(LIB_SRC))
	$(SAY) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -shared -install_name @rpath/libdaemoniker.dylib \
	    -o $@.part $^ $(LDLIBS) && mv -f $@.part $@

# A link that fails part way leaves no file that a later make would take
# for done.
.DELETE_ON_ERROR:
