# Windows: libdaemoniker, the reference subject, dkprobe and the Windows
# mutants, cross-built with mingw-w64 into build/win and build/mutants, and
# a Wine prefix in build/wineprefix to run them (scripts/check.d/20-windows).
#
#   make windows    cross-build everything for Windows (and the Wine prefix)
#   make windows-conform  the reference and dkprobe only (make conform's)

WIN_CC      ?= x86_64-w64-mingw32-gcc
WIN_BUILD   := $(BUILD)/win
WIN_OBJ     := $(WIN_BUILD)/obj
WIN_CFLAGS  := -O2 -g -std=c11 -Wall -Wextra -MMD -MP -D__USE_MINGW_ANSI_STDIO=1 \
               -DUNICODE -D_UNICODE -D_WIN32_WINNT=0x0601
ifneq ($(filter 1 true yes,$(WERROR) $(CI)),)
WIN_CFLAGS  += -Werror
endif
WIN_LDLIBS  := -ladvapi32
WINEPREFIX  ?= $(abspath $(BUILD)/wineprefix)

WIN_LIB_SRC     := $(wildcard lib/common/*.c lib/win/*.c)
WIN_SUBJECT_SRC := subjects/reference.c subjects/subject_args.c \
                   subjects/subject_payload_win.c
WIN_PROBE_SRC   := $(wildcard harness/win/*.c)
WIN_MUTANT_SRC  := $(wildcard subjects/mutants/win/*.c)

win_obj = $(patsubst %.c,$(WIN_OBJ)/%.o,$(1))

WIN_LIB       := $(WIN_BUILD)/libdaemoniker.a
WIN_REFERENCE := $(WIN_BUILD)/subject-reference.exe
WIN_PROBE     := $(WIN_BUILD)/dkprobe.exe
WIN_UNIT      := $(WIN_BUILD)/unit-signals.exe
WIN_MUTANTS   := $(patsubst subjects/mutants/win/%.c,$(BUILD)/mutants/subject-mutant-%.exe,$(WIN_MUTANT_SRC))

.PHONY: windows windows-conform windows-when-wine wineprefix
windows: $(WIN_LIB) $(WIN_REFERENCE) $(WIN_PROBE) $(WIN_UNIT) $(WIN_MUTANTS) wineprefix
# What make conform runs, and no more (no mutant, no unit test).
windows-conform: $(WIN_REFERENCE) $(WIN_PROBE) wineprefix

$(WIN_OBJ)/%.o: %.c
	@mkdir -p $(dir $@)
	$(SAY) CC-WIN $<
	$(Q)$(WIN_CC) $(WIN_CFLAGS) -MF $(@:.o=.d) -MT $@ -c $< -o $@.part && mv -f $@.part $@

$(WIN_LIB): $(call win_obj,$(WIN_LIB_SRC))
	@mkdir -p $(dir $@)
	$(Q)rm -f $@ $@.part
	$(SAY) AR $@
	$(Q)x86_64-w64-mingw32-ar rcs $@.part $^ && mv -f $@.part $@

$(WIN_REFERENCE): $(call win_obj,$(WIN_SUBJECT_SRC)) $(WIN_LIB)
	$(SAY) LD-WIN $@
	$(Q)$(WIN_CC) $(WIN_CFLAGS) -o $@.part $^ $(WIN_LDLIBS) && mv -f $@.part $@

$(WIN_PROBE): $(call win_obj,$(WIN_PROBE_SRC))
	$(SAY) LD-WIN $@
	$(Q)$(WIN_CC) $(WIN_CFLAGS) -o $@.part $^ $(WIN_LDLIBS) && mv -f $@.part $@

$(WIN_UNIT): $(call win_obj,cases/unit_win/signals_stop.c) $(WIN_LIB)
	$(SAY) LD-WIN $@
	$(Q)$(WIN_CC) $(WIN_CFLAGS) -o $@.part $^ $(WIN_LDLIBS) && mv -f $@.part $@

# As for the Unix mutants: "wraps: f g" in the first comment; mingw's ld
# has --wrap too.
$(BUILD)/mutants/subject-mutant-%.exe: $(WIN_OBJ)/subjects/mutants/win/%.o \
        $(call win_obj,$(WIN_SUBJECT_SRC)) $(WIN_LIB)
	@mkdir -p $(dir $@)
	$(SAY) LD-WIN $@
	$(Q)$(WIN_CC) $(WIN_CFLAGS) -o $@.part $^ $(WIN_LDLIBS) \
	    $(foreach f,$(shell sed -n 's/^ \* wraps: //p' subjects/mutants/win/$*.c),-Wl,--wrap=$(f)) && mv -f $@.part $@

# Created once (wineboot takes seconds), reused by every run.
wineprefix: $(WINEPREFIX)/system.reg
$(WINEPREFIX)/system.reg:
	@mkdir -p $(dir $@)
	$(SAY) WINE "$(WINEPREFIX) (wineboot, once)"
	$(Q)WINEPREFIX=$(WINEPREFIX) WINEDEBUG=-all \
	    WINEDLLOVERRIDES='mscoree,mshtml=;winemenubuilder.exe=d' \
	    scripts/heartbeat wineboot sh -c 'wineboot -i $(if $(Q),>$(BUILD)/wineboot.log 2>&1)'
	@# Its server ended and the server's directory in /tmp removed: Debian's
	@# Wine leaves that behind.
	$(Q)WINEPREFIX=$(WINEPREFIX) bash -c '. scripts/wine-env && wine_end_prefix'

# make check builds the Windows side too when it can run it (scripts/check
# makes check-build after scripts/deps installed Wine and mingw-w64).
ifneq ($(shell command -v wine 2>/dev/null),)
ifneq ($(shell command -v $(WIN_CC) 2>/dev/null),)
check-build: windows
endif
endif
windows-when-wine:
	@if command -v wine >/dev/null 2>&1 && command -v $(WIN_CC) >/dev/null 2>&1; \
	then $(MAKE) --no-print-directory windows; fi

-include $(shell find $(WIN_OBJ) -name '*.d' 2>/dev/null)

# The record the launcher hands the daemon is portable C: the unit tests
# check it on Linux too.
$(UNIT): $(call obj,lib/win/record.c)
