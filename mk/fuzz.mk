# make fuzz: libFuzzer targets (fuzz/), each run for FUZZ_SECONDS from its
# committed seed corpus (fuzz/corpus/TARGET); what it learns goes to
# build/fuzz/corpus-TARGET, any crash to build/fuzz/crash-TARGET-*.
#
#   make fuzz                    every target, FUZZ_SECONDS (30) each
#   make fuzz FUZZ_SECONDS=600   a long run

FUZZ_CC      ?= clang
FUZZ_SECONDS ?= 30
FUZZ_FLAGS   := -std=c11 -D_GNU_SOURCE -g -O1 -fno-omit-frame-pointer \
                -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all
FUZZ_TARGETS := pidfile_parse proc_parsers subject_args
FUZZ_BINS    := $(patsubst %,$(BUILD)/fuzz/fuzz_%,$(FUZZ_TARGETS))

.PHONY: fuzz fuzz-build
fuzz-build: $(FUZZ_BINS)

# Each target links the one source file it exercises.
$(BUILD)/fuzz/fuzz_pidfile_parse: lib/common/pidfile_parse.c
$(BUILD)/fuzz/fuzz_proc_parsers: harness/observe_linux.c
$(BUILD)/fuzz/fuzz_subject_args: subjects/subject_args.c
$(BUILD)/fuzz/fuzz_%: fuzz/fuzz_%.c
	@mkdir -p $(dir $@)
	$(SAY) FUZZ $@
	$(Q)$(FUZZ_CC) $(FUZZ_FLAGS) -o $@.part $^ && mv -f $@.part $@

fuzz: deps
	@scripts/deps-quality
	@$(MAKE) --no-print-directory fuzz-build
	@FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz $(BUILD)/fuzz $(FUZZ_TARGETS)
