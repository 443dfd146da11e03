# Quality tools (issue 6): each a script of its own, run by a make target.
#
#   make lint        cppcheck and clang-tidy on lib/, harness/ and subjects/
#   make valgrind    memcheck on the reference subject's daemon and on dkcheck
#   make soak        the whole suite SOAK_RUNS times (50), then as many again
#                    under CPU and fork load; every verdict that differed
#                    (SOAK_CONCURRENT=N: then SOAK_ROUNDS rounds of N runs
#                    at once, with namespaces and without, under load)
#   (make sanitize and make fuzz: in the Makefile and mk/fuzz.mk)
#
# scripts/deps-quality installs the tools (cppcheck, clang-tidy, clang,
# valgrind, stress-ng) when missing; scripts/check.d/50-quality puts
# sanitize, lint and valgrind into make check.
SOAK_RUNS        ?= 50
SOAK_LOADED_RUNS ?= $(SOAK_RUNS)
SOAK_CONCURRENT  ?= 0
SOAK_ROUNDS      ?= 50

.PHONY: quality-deps lint valgrind soak
quality-deps: deps
	@scripts/deps-quality

lint: quality-deps
	@scripts/lint

valgrind: quality-deps
	@$(MAKE) --no-print-directory all
	@scripts/valgrind

soak: quality-deps
	@$(MAKE) --no-print-directory all
	@SOAK_RUNS=$(SOAK_RUNS) SOAK_LOADED_RUNS=$(SOAK_LOADED_RUNS) \
	    SOAK_CONCURRENT=$(SOAK_CONCURRENT) SOAK_ROUNDS=$(SOAK_ROUNDS) scripts/soak

# make soak-beside: the reference (Unix, daemon7, Windows under Wine)
# judged SOAK_BESIDE_RUNS times each (10) beside two make checks in fresh
# clones; every false FAIL and flipped verdict (scripts/soak-beside).
.PHONY: soak-beside
soak-beside:
	@$(MAKE) --no-print-directory all windows-conform
	@scripts/soak-beside
