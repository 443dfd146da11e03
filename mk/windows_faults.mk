# make faults, Windows side: the reference built with subjects/faults/
# fault_win.c, whose "wraps:" line names the Win32 calls it can fail; ld's
# --wrap points their import pointers (__imp_NAME) at its wrappers. Only
# scripts/faults runs it, under Wine.
WIN_FAULTS     := $(WIN_BUILD)/subject-faults.exe
WIN_FAULT_WRAP := $(shell sed -n 's/^ \* wraps: //p' subjects/faults/fault_win.c)

$(WIN_FAULTS): $(call win_obj,subjects/faults/fault_win.c $(WIN_SUBJECT_SRC)) $(WIN_LIB)
	$(SAY) LD-WIN $@
	$(Q)$(WIN_CC) $(WIN_CFLAGS) -o $@.part $^ $(WIN_LDLIBS) \
	    $(foreach f,$(WIN_FAULT_WRAP),-Wl,--wrap=__imp_$(f)) && mv -f $@.part $@

windows: $(WIN_FAULTS)

# make faults builds it too where Wine and mingw-w64 can build and run it.
ifneq ($(shell command -v wine 2>/dev/null),)
ifneq ($(shell command -v $(WIN_CC) 2>/dev/null),)
faults: $(WIN_FAULTS) wineprefix
endif
endif
