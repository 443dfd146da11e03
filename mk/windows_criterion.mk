# make win-criterion: Criterion itself on Windows, the first step towards a
# native dkcheck.exe (issue 23). Criterion, BoxFort, nanomsg and nanopb are
# cross-built with mingw-w64 from Debian's sources (scripts/cross-criterion
# x86_64-windows-gnu, cached in build/cross/x86_64-windows-gnu/criterion),
# then cases/unit_win/criterion_outcomes.c is linked against them, static,
# and scripts/win-criterion runs it under Wine: one test passes, one fails,
# one crashes in its own worker. Not part of make check, conform or the
# default build (yet): the lead decides.
WIN_CRIT_TARGET   := x86_64-windows-gnu
WIN_CRITERION     := build/cross/$(WIN_CRIT_TARGET)/criterion
WIN_CRIT_OUTCOMES := $(WIN_BUILD)/criterion-outcomes.exe
# What Criterion's archives use: nanomsg's sockets (ws2_32, mswsock);
# -static takes mingw's own runtime in too (no DLL of it beside the .exe).
WIN_CRIT_LIBS     := $(addprefix $(WIN_CRITERION)/lib/,libcriterion.a libboxfort.a \
                       libnanomsg.a libprotobuf_nanopb_static.a) \
                     -lws2_32 -lmswsock $(WIN_LDLIBS) -static

.PHONY: win-criterion
win-criterion: $(WIN_CRIT_OUTCOMES) wineprefix
	$(Q)scripts/win-criterion $(WIN_CRIT_OUTCOMES)

# The script keeps its own cache (the done file holds its checksum): run
# again when it changed, and quick then if the change was not its own.
$(WIN_CRITERION)/done: scripts/cross-criterion
	$(SAY) CRITERION "$(WIN_CRIT_TARGET) (scripts/cross-criterion, minutes when cold)"
	$(Q)scripts/cross-criterion $(WIN_CRIT_TARGET) >/dev/null

$(WIN_OBJ)/criterion/%.o: %.c $(WIN_CRITERION)/done
	@mkdir -p $(dir $@)
	$(SAY) CC-WIN $<
	$(Q)$(WIN_CC) $(WIN_CFLAGS) -I$(WIN_CRITERION)/include -MF $(@:.o=.d) -MT $@ -c $< -o $@.part && mv -f $@.part $@

$(WIN_CRIT_OUTCOMES): $(WIN_OBJ)/criterion/cases/unit_win/criterion_outcomes.o \
        $(WIN_CRITERION)/done
	$(SAY) LD-WIN $@
	$(Q)$(WIN_CC) $(WIN_CFLAGS) -o $@.part $< $(WIN_CRIT_LIBS) && mv -f $@.part $@
