# The caller matrix (scripts/check.d/71-caller-matrix): libdaemoniker
# driven through its API by callers/caller.c in every caller state of
# issue 24, judged by callers/matrix.c; and the same program linked with
# each of its own mutants (callers/mutants/, wired by "wraps:" as
# subjects/mutants' are), which some cell must fail. Linux: it reads
# /proc and uses the child subreaper and mount namespaces.
ifeq ($(OS),Linux)
CALLER_MATRIX := $(BUILD)/caller-matrix
CALLER_MUTANTS := $(patsubst callers/mutants/%.c,$(BUILD)/caller-matrix-mutant-%,\
                    $(wildcard callers/mutants/*.c))

$(CALLER_MATRIX): $(call obj,callers/matrix.c callers/caller.c) $(LIB)
	$(SAY) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@.part $^ $(LDLIBS) && mv -f $@.part $@

$(BUILD)/caller-matrix-mutant-%: $(OBJ)/callers/mutants/%.o \
        $(call obj,callers/matrix.c callers/caller.c) $(LIB)
	$(SAY) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@.part $^ $(LDLIBS) \
	    $(foreach f,$(shell sed -n 's/^ \* wraps: //p' callers/mutants/$*.c),-Wl,--wrap=$(f)) && mv -f $@.part $@

all: $(CALLER_MATRIX) $(CALLER_MUTANTS)
endif
