# daemoniker-c
#
#   make            libdaemoniker, dkcheck, the reference subject, the mutants
#   make conform    dkcheck on the reference subject, verdicts by step
#   make check      unit tests, the conformance run, the mutant table, and a
#                   check that nothing of the run is left behind
#   make sanitize   unit tests and conformance run under ASan and UBSan
#   make install    the libraries, header, .pc, dkcheck, man pages (mk/install.mk)
#   make clean
#
# WERROR=1 (or CI=true) turns warnings into errors.

CC      ?= cc
OS      := $(shell uname -s)
BUILD   := build
OBJ     := $(BUILD)/obj

CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_GNU_SOURCE -Wall -Wextra -MMD -MP
ifneq ($(filter 1 true yes,$(WERROR) $(CI)),)
CFLAGS  += -Werror
endif
ifeq ($(SANITIZE),1)
CFLAGS  += -fsanitize=address,undefined -fno-omit-frame-pointer \
           -fno-sanitize-recover=all
LDFLAGS += -fsanitize=address,undefined
endif
LDLIBS  := -pthread
CRITERION_LIBS := -lcriterion

# libuv's way: the build picks the per-OS file, the code has no #ifdef.
ifeq ($(OS),Linux)
UNIX_VARIANT := lib/unix/close_range_linux.c
OBSERVE      := harness/observe_linux.c harness/wait_linux.c harness/teardown_linux.c
ISOLATE      := harness/isolate_linux.c harness/run_marker_linux.c harness/wine_reap_linux.c
TRACE        := harness/trace_linux.c
else
TRACE        := harness/trace_none.c
UNIX_VARIANT := lib/unix/close_range_generic.c
OBSERVE      := $(error dkcheck observes processes through /proc: Linux only for now)
endif

LIB_SRC     := $(wildcard lib/common/*.c) \
               $(filter-out lib/unix/close_range_%.c,$(wildcard lib/unix/*.c)) \
               $(UNIX_VARIANT)
SUBJECT_SRC := harness/subjects/subject_args.c harness/subjects/subject_payload.c
HARNESS_SRC := harness/dkcheck_main.c harness/cli.c harness/sandbox.c harness/case.c \
               harness/report.c harness/report_json.c harness/report_xml.c \
               harness/escape.c harness/run_info.c harness/capture.c \
               harness/steps.c $(OBSERVE) \
               harness/case_win.c harness/observe_win_wine.c harness/wine_session.c $(ISOLATE) \
               $(TRACE) harness/trace_text.c harness/trace_case.c
CASES_SRC   := $(wildcard cases/*.c)
UNIT_SRC    := $(wildcard cases/unit/*.c)
MUTANT_SRC  := $(wildcard harness/mutants/*.c)

obj = $(patsubst %.c,$(OBJ)/%.o,$(1))

LIB         := $(BUILD)/libdaemoniker.a
DKCHECK     := $(BUILD)/dkcheck
REFERENCE   := $(BUILD)/subject-reference
UNIT        := $(BUILD)/unit-tests
MUTANTS     := $(patsubst harness/mutants/%.c,$(BUILD)/mutants/subject-mutant-%,$(MUTANT_SRC))

.PHONY: all deps conform check unit mutants sanitize clean
all: $(LIB) $(DKCHECK) $(REFERENCE) $(MUTANTS)

$(OBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(LIB): $(call obj,$(LIB_SRC))
	@mkdir -p $(dir $@)
	rm -f $@
	ar rcs $@ $^

$(REFERENCE): $(call obj,harness/subjects/reference.c $(SUBJECT_SRC)) $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

$(DKCHECK): $(call obj,$(HARNESS_SRC) $(CASES_SRC))
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(CRITERION_LIBS) $(LDLIBS)

$(UNIT): $(call obj,$(UNIT_SRC) $(OBSERVE) $(SUBJECT_SRC) harness/steps.c) $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(CRITERION_LIBS) $(LDLIBS)

# A mutant is the reference subject with one step broken. Its source says
# which functions it wraps ("wraps: f g" in its first comment); GNU ld's
# --wrap sends the library's calls of f to the mutant's __wrap_f, which may
# call the real one as __real_f. No #ifdef in the library.
$(BUILD)/mutants/subject-mutant-%: $(OBJ)/harness/mutants/%.o \
        $(call obj,harness/subjects/reference.c $(SUBJECT_SRC)) $(LIB)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS) \
	    $(foreach f,$(shell sed -n 's/^ \* wraps: //p' harness/mutants/$*.c),-Wl,--wrap=$(f))

mutants: $(MUTANTS)

# Keep the mutants' objects: they are intermediates of a pattern rule, which
# make would otherwise delete and rebuild every time.
.SECONDARY:

deps:
	@scripts/deps

conform: deps
	@$(MAKE) --no-print-directory all
	@scripts/conform

check: deps
	@$(MAKE) --no-print-directory all $(UNIT)
	@scripts/check

unit: $(UNIT)
	$(UNIT)

# The same build with AddressSanitizer and UBSan, in build/sanitize; the
# unit tests and the whole conformance run must stay clean.
sanitize: deps
	@$(MAKE) --no-print-directory BUILD=build/sanitize SANITIZE=1 \
	    build/sanitize/dkcheck build/sanitize/subject-reference build/sanitize/unit-tests
	@scripts/sanitize build/sanitize

clean:
	rm -rf $(BUILD)

# Each further part of the project (Windows, the matrix, reliability,
# benchmarks) keeps its rules in a file of its own.
include $(wildcard mk/*.mk)

-include $(shell find $(OBJ) -name '*.d' 2>/dev/null)
