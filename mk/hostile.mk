# Hostile subjects: one program misbehaving on purpose in the way its first
# argument names (subjects/hostile.c); scripts/check.d/40-hostile
# runs dkcheck against each mode.
HOSTILE := $(BUILD)/subject-hostile

$(HOSTILE): $(call obj,subjects/hostile.c subjects/subject_args.c)
	$(SAY) LD $@
	$(Q)$(CC) $(CFLAGS) $(LDFLAGS) -o $@.part $^ $(LDLIBS) && mv -f $@.part $@

all: $(HOSTILE)
