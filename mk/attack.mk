# The attacker's programs for scripts/check.d/16-attack: an unprivileged
# user's tools against dkcheck (subjects/attack/), apart from the judge.
ATTACK := $(patsubst subjects/attack/%.c,$(BUILD)/attack/%,$(wildcard subjects/attack/*.c))

$(BUILD)/attack/%: $(OBJ)/subjects/attack/%.o
	@mkdir -p $(dir $@)
	$(SAY) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LDLIBS)

attack: $(ATTACK)
check-build: $(ATTACK)
.PHONY: attack
