# The attacker's programs for scripts/check.d/16-attack: an unprivileged
# user's tools against dkcheck (subjects/attack/), apart from the judge.
ATTACK := $(patsubst subjects/attack/%.c,$(BUILD)/attack/%,$(wildcard subjects/attack/*.c))

$(BUILD)/attack/%: $(OBJ)/subjects/attack/%.o
	@mkdir -p $(dir $@)
	$(SAY) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@.part $^ $(LDLIBS) && mv -f $@.part $@

# Root's removal of a tree, as dkcheck does it, for the attacker to race.
$(BUILD)/attack/remove-tree: $(OBJ)/harness/teardown_tree.o \
    $(patsubst %.c,$(OBJ)/%.o,$(filter harness/immutable_%,$(OBSERVE)))

attack: $(ATTACK)
check-build: $(ATTACK)
.PHONY: attack
