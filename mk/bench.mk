# make bench: the benchmarks (scripts/bench), never part of make check.
# Writes BENCH.md and the SVG plots in bench/ from one run; build/bench keeps the
# raw lines. BENCH_RUNS (100), BENCH_REPS (20) and BENCH_KS (2 4 8 16 32 64)
# make a quick run smaller: make bench BENCH_RUNS=20 BENCH_REPS=5

BENCH_SRC := $(wildcard bench/*.c)
DKBENCH   := $(BUILD)/dkbench
# A hand-written plain-POSIX daemonizer, the reference's comparison at a
# large RLIMIT_NOFILE (subjects/plain_posix.c says what it does).
PLAIN_POSIX := $(BUILD)/subject-plain-posix

.PHONY: bench bench-build
# ISOLATE's Wine reaper ends an unused wineserver through wine_session.c.
$(DKBENCH): $(call obj,$(BENCH_SRC) $(OBSERVE) $(ISOLATE) harness/wine_session.c)
	$(SAY) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@.part $^ $(LDLIBS) && mv -f $@.part $@

$(PLAIN_POSIX): $(call obj,subjects/plain_posix.c subjects/payload_signals.c $(SUBJECT_SRC))
	$(SAY) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@.part $^ $(LDLIBS) && mv -f $@.part $@

bench-build: $(DKBENCH) $(PLAIN_POSIX)

# The measurement's own floor (bench/floor/null_launcher.c says how it is
# used); built on request only.
$(BUILD)/bench-null-launcher: bench/floor/null_launcher.c
	@mkdir -p $(dir $@)
	$(SAY) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@.part $< && mv -f $@.part $@

bench: deps
	@scripts/bench-deps
	@$(MAKE) --no-print-directory all bench-build
	@scripts/bench

# Section 5's yardstick under Wine: a bare CreateProcess and wait
# (bench/win/spawn_wait.c), built where the Windows cross-build is.
WIN_SPAWN_WAIT := $(BUILD)/win/spawn-wait.exe
$(WIN_SPAWN_WAIT): bench/win/spawn_wait.c
	@mkdir -p $(dir $@)
	$(SAY) LD-WIN $@
	$(Q)x86_64-w64-mingw32-gcc -O2 -std=c11 -Wall -Wextra $(filter -Werror,$(CFLAGS)) -o $@.part $< && mv -f $@.part $@
ifneq ($(shell command -v x86_64-w64-mingw32-gcc 2>/dev/null),)
bench-build: $(WIN_SPAWN_WAIT)
endif

# Section 8: the environment sanitising alone (bench/envsan/envsan.c),
# linked with the library for its internal dk__env_sanitize.
BENCH_ENVSAN := $(BUILD)/bench-envsan
$(BENCH_ENVSAN): $(OBJ)/bench/envsan/envsan.o $(LIB)
	$(SAY) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@.part $^ $(LDLIBS) && mv -f $@.part $@
bench-build: $(BENCH_ENVSAN)

# Section 8 alone, spliced into BENCH.md (scripts/bench-callers).
.PHONY: bench-callers
bench-callers: $(BENCH_ENVSAN) $(REFERENCE)
	@scripts/bench-callers
