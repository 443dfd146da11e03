# The reference subject with a hook that kills its launcher at a chosen
# stage (subjects/stagekill/stage_kill.c), for scripts/launcher-stages.
STAGE_KILL := $(BUILD)/subject-stage-kill

$(STAGE_KILL): $(OBJ)/subjects/stagekill/stage_kill.o \
        $(call obj,subjects/reference.c $(SUBJECT_SRC)) $(LIB)
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@.part $^ $(LDLIBS) \
	    $(foreach f,$(shell sed -n 's/^ \* wraps: //p' subjects/stagekill/stage_kill.c),-Wl,--wrap=$(f)) && mv -f $@.part $@

all: $(STAGE_KILL)

.PHONY: launcher-stages
launcher-stages: $(STAGE_KILL)
	scripts/launcher-stages
