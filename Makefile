# daemoniker-c
#
#   make            libdaemoniker, dkcheck, the reference subject, the mutants
#                   (needs Criterion: make deps installs it, or says what to)
#   make conform    dkcheck on the reference subject, verdicts by step
#   make check      unit tests, the conformance run, the mutant table, and a
#                   check that nothing of the run is left behind
#   make sanitize   unit tests and conformance run under ASan and UBSan
#   make install    the libraries, header, .pc, dkcheck, man pages (mk/install.mk)
#   make clean
#   make fresh-check  the README's commands on a clean Debian 12 root
#                   (debootstrap, chroot; needs root), not part of make check
#
# WERROR=1 (or CI=true) turns warnings into errors.

# Every output appears whole or not at all. A build killed in the middle
# (make check interrupted: its run's processes all get SIGTERM at once, and
# a linker can outlive the make that would delete its half-written file)
# left a truncated program whose time stamp made the next build skip it,
# and the next make check then failed (scripts/sigterm-rounds saw it): each
# tool writes $@.part, renamed to $@ once it succeeded; -MF/-MT name the
# dependency file for $@, not the .part. And a recipe that fails deletes
# what it made.
.DELETE_ON_ERROR:

CC      ?= cc
OS      := $(shell uname -s)
BUILD   := build
OBJ     := $(BUILD)/obj

CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_GNU_SOURCE -Wall -Wextra -MMD -MP
ifneq ($(filter 1 true yes,$(WERROR) $(CI)),)
CFLAGS  += -Werror
endif
# The sanitizers' build at -O0 (last -O wins): it compiles in less than half
# the CPU time of -O2 (make check builds it from scratch on a clean clone),
# and no access or undefined operation is optimized away before they see it.
ifeq ($(SANITIZE),1)
CFLAGS  += -O0 -fsanitize=address,undefined -fno-omit-frame-pointer \
           -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
endif
LDLIBS  := -pthread

# Quiet build lines ("  CC      lib/unix/pidfile.c"), as the Linux kernel's
# build prints them; V=1 shows the compilers' command lines instead.
ifeq ($(V),1)
Q   :=
SAY := @:
else
Q   := @
SAY := @printf '  %-7s %s\n'
endif
CRITERION_LIBS := -lcriterion
# On Linux, Criterion linked statically where Debian's archives are
# (libcriterion-dev, libboxfort-dev, libnanopb-dev): every case runs in a
# fresh exec of dkcheck, and the dynamic loader's work on libcriterion.so's
# twenty libraries (libgit2 and its TLS, SSH and Kerberos stack) was a
# quarter of a whole run's processor time. libgit2, needed only for a
# failed string comparison's diff, is then opened when one is made
# (harness/criterion_git_linux.c, which gets its path from here).
# (Quiet where there is no compiler yet: make conform and make check parse
# this before scripts/deps installs one, then build in a make of their own.)
archive = $(shell $(CC) -print-file-name=$(1) 2>/dev/null)
ifeq ($(OS),Linux)
CRITERION_STATIC := $(call archive,libcriterion.a) $(call archive,libboxfort.a) \
                    $(call archive,libprotobuf-nanopb.a)
ifeq ($(words $(filter /%,$(CRITERION_STATIC))),3)
CRITERION_LIBS := $(CRITERION_STATIC) -lnanomsg -lffi -lrt -lm -ldl
LIBGIT2_PATH   := $(realpath $(call archive,libgit2.so))
$(OBJ)/harness/criterion_git_linux.o: CFLAGS += -DDK_LIBGIT2_PATH='"$(LIBGIT2_PATH)"'
endif
endif

# libuv's way: the build picks the per-OS file, the code has no #ifdef.
# Every OS gets as far as it can; none stops the build. The FreeBSD and
# macOS backends are cross-compiled and linked here (OS=FreeBSD or
# OS=Darwin with zig: make cross, mk/cross.mk), and run only there.
UNIX_WAIT    := harness/wait.c harness/deadline.c harness/load_per_cpu_unix.c \
                harness/observe_tree.c harness/observe_fds.c \
                harness/teardown_tree.c harness/teardown_wait.c
ifeq ($(OS),Linux)
UNIX_VARIANT := lib/unix/close_range_linux.c lib/unix/cloexec_linux.c \
                lib/unix/env_block_linux.c lib/unix/process_end_linux.c
OBSERVE      := harness/observe_linux.c harness/wait_linux.c harness/teardown_linux.c \
                harness/spawn_linux.c harness/pipes_pipe2.c harness/immutable_linux.c \
                 harness/user_groups_gid.c harness/load_linux.c \
                 harness/observe_threads_linux.c harness/observe_environ_linux.c
ISOLATE      := harness/isolate_linux.c harness/run_marker.c harness/wine_reap_linux.c \
                 harness/orphan_workers_linux.c \
                 harness/wine_busy_linux.c
SAFE_FILES   := harness/run_root.c harness/safe_dir.c harness/criterion_names.c harness/report_file.c harness/report_file_linux.c harness/sandbox_fs_linux.c
TRACE        := harness/trace_linux.c harness/trace_tracer_linux.c harness/trace_hold_linux.c \
                harness/trace_tracee_linux.c harness/trace_filter_linux.c harness/trace_names_linux.c \
                harness/notify_recv_linux.c harness/hold_unseen_linux.c
# Criterion's libgit2 set up on first use (ELF symbol lookup; see the file).
CRITERION_GLUE := harness/criterion_git_linux.c
UNIT_OS        := cases/unit/test_criterion_git_linux.c cases/unit/test_remove_tree_linux.c \
                  cases/unit/test_orphan_workers_linux.c \
                  cases/unit/test_observe_parse_linux.c
else ifeq ($(OS),Darwin)
UNIX_VARIANT := lib/unix/close_range_generic.c lib/unix/cloexec_generic.c \
                lib/unix/env_block_darwin.c lib/unix/env_block_none.c \
                lib/unix/process_end_generic.c
OBSERVE      := harness/observe_darwin.c harness/wait_kqueue.c harness/teardown_darwin.c \
                harness/spawn_generic.c harness/pipes_fcntl.c harness/immutable_bsd.c \
                harness/user_groups_darwin.c harness/load_bsd.c \
                harness/teardown_kill.c harness/sysctl_read_bsd.c harness/observe_unread_bsd.c
ISOLATE      := harness/isolate_none.c harness/run_marker.c harness/wine_reap_none.c \
                 harness/orphan_workers_none.c \
                 harness/wine_busy_none.c
SAFE_FILES   := harness/run_root.c harness/safe_dir.c harness/criterion_names.c harness/report_file.c harness/report_file_none.c harness/sandbox_fs_none.c
TRACE        := harness/trace_none.c harness/trace_names_generic.c \
                harness/notify_recv_none.c harness/hold_unseen_none.c
else ifeq ($(OS),FreeBSD)
UNIX_VARIANT := lib/unix/close_range_generic.c lib/unix/cloexec_generic.c \
                lib/unix/env_block_generic.c lib/unix/env_block_none.c \
                lib/unix/process_end_generic.c
OBSERVE      := harness/observe_freebsd.c harness/wait_kqueue.c harness/teardown_freebsd.c \
                harness/spawn_generic.c harness/pipes_pipe2.c harness/immutable_bsd.c \
                harness/user_groups_gid.c harness/load_bsd.c \
                harness/teardown_kill.c harness/sysctl_read_bsd.c harness/observe_unread_bsd.c
ISOLATE      := harness/isolate_none.c harness/run_marker.c harness/wine_reap_none.c \
                 harness/orphan_workers_none.c \
                 harness/wine_busy_none.c
SAFE_FILES   := harness/run_root.c harness/safe_dir.c harness/criterion_names.c harness/report_file.c harness/report_file_none.c harness/sandbox_fs_none.c
TRACE        := harness/trace_none.c harness/trace_names_generic.c \
                harness/notify_recv_none.c harness/hold_unseen_none.c
LDLIBS       += -lutil
else
UNIX_VARIANT := lib/unix/close_range_generic.c lib/unix/cloexec_generic.c \
                lib/unix/env_block_generic.c lib/unix/env_block_none.c \
                lib/unix/process_end_generic.c
OBSERVE      := harness/observe_$(shell echo $(OS) | tr A-Z a-z).c harness/spawn_generic.c \
                harness/pipes_fcntl.c harness/load_bsd.c
TRACE        := harness/trace_none.c harness/trace_names_generic.c \
                harness/notify_recv_none.c harness/hold_unseen_none.c
endif
# The run's configuration (run_config.h), which wait.c's deadlines read:
# with the observer, in every program that links it.
OBSERVE      += $(UNIX_WAIT) harness/run_config.c

LIB_SRC     := $(wildcard lib/common/*.c) \
               $(filter-out lib/unix/close_range_%.c lib/unix/cloexec_%.c lib/unix/env_block_%.c \
                             lib/unix/process_end_linux.c lib/unix/process_end_generic.c,$(wildcard lib/unix/*.c)) \
               $(UNIX_VARIANT)
SUBJECT_SRC := subjects/subject_args.c subjects/subject_payload.c
HARNESS_SRC := harness/dkcheck_main.c harness/dkcheck_run.c harness/cli.c \
               harness/sandbox.c harness/sandbox_common.c \
               harness/case.c \
               harness/case_inherit.c harness/case_launch.c harness/case_launch_unix.c \
               harness/case_listing.c \
               harness/case_living.c harness/case_living_unix.c harness/case_precondition.c \
               harness/host.c harness/host_unix.c harness/host_wine.c \
               harness/host_common.c harness/host_windows.c \
               harness/case_preskip.c harness/case_bound.c harness/case_list.c harness/verdict.c harness/verdict_kind.c \
               harness/subject_words.c \
               harness/run_guard.c \
               harness/report.c harness/report_console.c harness/report_json.c harness/report_xml.c \
               harness/escape.c harness/run_info.c harness/run_info_unix.c harness/capture.c harness/output_holders.c \
               harness/steps.c harness/as_found.c harness/env_allowed.c $(OBSERVE) \
               harness/case_wine.c harness/case_windows.c harness/case_wine_env.c harness/observe_win_wine.c \
               harness/wine_session.c harness/wine_tmpdirs.c $(ISOLATE) $(SAFE_FILES) \
               $(TRACE) harness/trace_text.c harness/trace_case.c $(CRITERION_GLUE)
CASES_SRC   := $(wildcard cases/*.c)
UNIT_SRC    := $(filter-out cases/unit/%_linux.c,$(wildcard cases/unit/*.c)) $(UNIT_OS)
MUTANT_SRC  := $(wildcard subjects/mutants/*.c)

obj = $(patsubst %.c,$(OBJ)/%.o,$(1))

LIB         := $(BUILD)/libdaemoniker.a
DKCHECK     := $(BUILD)/dkcheck
REFERENCE   := $(BUILD)/subject-reference
UNIT        := $(BUILD)/unit-tests
MUTANTS     := $(patsubst subjects/mutants/%.c,$(BUILD)/mutants/subject-mutant-%,$(MUTANT_SRC))

.PHONY: all deps deps-debian conform check check-build fresh-check unit mutants sanitize clean
all: $(LIB) $(DKCHECK) $(REFERENCE) $(MUTANTS)

$(OBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	$(SAY) CC $<
	$(Q)$(CC) $(CFLAGS) -MF $(@:.o=.d) -MT $@ -c $< -o $@.part && mv -f $@.part $@

$(LIB): $(call obj,$(LIB_SRC))
	@mkdir -p $(dir $@)
	$(Q)rm -f $@ $@.part
	$(SAY) AR $@
	$(Q)$(AR) rcs $@.part $^ && mv -f $@.part $@

$(REFERENCE): $(call obj,subjects/reference.c $(SUBJECT_SRC)) $(LIB)
	$(SAY) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@.part $^ $(LDLIBS) && mv -f $@.part $@

$(DKCHECK): $(call obj,$(HARNESS_SRC) $(CASES_SRC))
	$(SAY) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@.part $^ $(CRITERION_LIBS) $(LDLIBS) && mv -f $@.part $@

$(UNIT): $(call obj,$(UNIT_SRC) $(OBSERVE) $(SAFE_FILES) $(SUBJECT_SRC) $(filter harness/orphan_workers_%,$(ISOLATE)) harness/steps.c harness/env_allowed.c $(CRITERION_GLUE)) $(LIB)
	$(SAY) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@.part $^ $(CRITERION_LIBS) $(LDLIBS) && mv -f $@.part $@

# A mutant is the reference subject with one step broken. Its source says
# which functions it wraps ("wraps: f g" in its first comment); GNU ld's
# --wrap sends the library's calls of f to the mutant's __wrap_f, which may
# call the real one as __real_f. No #ifdef in the library.
$(BUILD)/mutants/subject-mutant-%: $(OBJ)/subjects/mutants/%.o \
        $(call obj,subjects/reference.c $(SUBJECT_SRC)) $(LIB)
	@mkdir -p $(dir $@)
	$(SAY) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@.part $^ $(LDLIBS) \
	    $(foreach f,$(shell sed -n 's/^ \* wraps: //p' subjects/mutants/$*.c),-Wl,--wrap=$(f)) && mv -f $@.part $@

mutants: $(MUTANTS)

# Plain make with nothing installed says in one line what to install,
# before the first compiler error would: no compiler for any object; no
# Criterion headers for dkcheck, the cases and the unit tests (Criterion
# programs; the library needs none). Order-only: checked first, rebuilding
# nothing. (make conform and make check install both.)
DEPS_HINT := run 'make deps' (scripts/deps; on Debian: apt-get install build-essential libcriterion-dev libnanopb-dev libgit2-dev)
$(call obj,$(LIB_SRC) $(SUBJECT_SRC) subjects/reference.c $(MUTANT_SRC)): | have-cc
$(call obj,$(HARNESS_SRC) $(CASES_SRC) $(UNIT_SRC)): | have-criterion
.PHONY: have-cc have-criterion
have-cc:
	@command -v $(firstword $(CC)) >/dev/null 2>&1 || \
	 { echo "make: no C compiler ($(CC)): $(DEPS_HINT)" >&2; exit 1; }
have-criterion: have-cc
	@echo '#include <criterion/criterion.h>' | $(CC) $(CPPFLAGS) $(filter -I% -isystem%,$(CFLAGS)) -E -x c - -o /dev/null 2>/dev/null || \
	 { echo "make: no Criterion headers (criterion/criterion.h): $(DEPS_HINT)" >&2; exit 1; }

# Keep the mutants' objects: they are intermediates of a pattern rule, which
# make would otherwise delete and rebuild every time.
.SECONDARY:

# make deps: all make check needs (Debian's packages, then zig from npm for
# the FreeBSD and macOS cross-builds); make conform needs the packages only.
deps: deps-debian
	@scripts/deps-zig
deps-debian:
	@scripts/deps

# scripts/conform builds only what it runs (dkcheck and the reference
# subject, no mutant), timed as its first part.
conform: deps-debian
	@MAKE='$(MAKE)' exec scripts/conform

# scripts/check builds check-build (mk/*.mk add what their parts need),
# then runs the parts; DK_CHECK_START lets it count scripts/deps in.
check: export DK_CHECK_START := $(shell date +%s)
check: deps
	@MAKE='$(MAKE)' exec scripts/check
check-build: all $(UNIT)

# The README's two commands on a clean Debian 12 root, as a new user runs
# them (debootstrap, chroot: needs root); not part of make check.
fresh-check:
	@scripts/fresh-check

unit: $(UNIT)
	$(UNIT)

# The same build with AddressSanitizer and UBSan, in build/sanitize; the
# unit tests and the whole conformance run must stay clean.
sanitize: deps-debian
	@$(MAKE) --no-print-directory BUILD=build/sanitize SANITIZE=1 \
	    build/sanitize/dkcheck build/sanitize/subject-reference build/sanitize/unit-tests
	@scripts/sanitize build/sanitize

clean:
	rm -rf $(BUILD)

# Each further part of the project (Windows, the matrix, reliability,
# benchmarks) keeps its rules in a file of its own.
include $(wildcard mk/*.mk)

-include $(shell find $(OBJ) -name '*.d' 2>/dev/null)
