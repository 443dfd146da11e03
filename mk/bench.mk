# make bench: the benchmarks (scripts/bench), never part of make check.
# Writes BENCH.md and bench/latency.svg from one run; build/bench keeps the
# raw lines. BENCH_RUNS (200), BENCH_REPS (100) and BENCH_KS (2 8 32 64)
# make a quick run smaller: make bench BENCH_RUNS=20 BENCH_REPS=5

BENCH_SRC := $(wildcard bench/*.c)
DKBENCH   := $(BUILD)/dkbench

.PHONY: bench bench-build
$(DKBENCH): $(call obj,$(BENCH_SRC) $(OBSERVE) $(ISOLATE))
	$(SAY) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

bench-build: $(DKBENCH)

bench: deps
	@scripts/bench-deps
	@$(MAKE) --no-print-directory all $(DKBENCH)
	@scripts/bench
