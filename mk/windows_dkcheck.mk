# make win-dkcheck: a native Windows dkcheck, build/win/dkcheck.exe (issue
# 23), built with mingw-w64 and linked, static, with the Criterion of
# make win-criterion (mk/windows_criterion.mk). A first slice: the
# portable harness files, the Windows ones behind the same headers
# (*_win.c, *_win32.c: CreateProcessW, a Job object per case, probe.c's
# calls in-process), and the cases listed in WIN_DK_CASES, which it can
# observe natively. The rest of the Windows cases are not yet native and
# not compiled in (none of them is claimed). Not part of make conform or
# the default build; the Linux build compiles none of these files.
# scripts/win-dkcheck compares its verdicts, under Wine, with the
# Linux-driven run's, and make check runs it
# (scripts/check.d/24-windows-native).
WIN_DK          := $(WIN_BUILD)/dkcheck.exe
# Every case written for a Windows subject alone (DK_WIN_CASE), 36; not
# yet those for either kind (DK_ANY_CASE in h3, h4, h6_append, h8), which
# use POSIX pieces (SIGKILL, symlinks, FIFOs, the tracer's record).
WIN_DK_CASES    := cases/w01_self_path.c cases/w02_detached.c \
                   cases/w03_pidfile_exclusive.c cases/w04_state_relaunch.c \
                   cases/w05_bypass_setup.c cases/w06_chdir.c \
                   cases/w07_pidfile_cleanup.c \
                   cases/w08_stdio.c cases/w09_state_extracted.c \
                   cases/w10_acknowledge.c cases/sw_signals.c \
                   cases/h1_race_win.c cases/h2_stale_win.c cases/h6_append_win.c
WIN_DK_PORTABLE := harness/cli.c harness/case.c harness/case_list.c \
                   harness/case_preskip.c harness/case_bound.c harness/report.c \
                   harness/case_wine_env.c harness/env_allowed.c \
                   harness/report_console.c harness/report_json.c \
                   harness/report_xml.c harness/escape.c harness/steps.c \
                   harness/verdict.c harness/verdict_kind.c harness/case_launch.c \
                   harness/case_living.c harness/case_windows.c \
                   harness/host_common.c harness/host_windows.c harness/run_info.c \
                   harness/deadline.c harness/sandbox_common.c harness/dkcheck_run.c \
                   harness/run_config.c \
                   harness/trace_none.c harness/notify_recv_none.c \
                   harness/hold_unseen_none.c harness/win/probe.c
WIN_DK_NATIVE   := harness/dkcheck_main_win.c harness/host_pick_win.c \
                   harness/host_win32.c harness/case_launch_win.c \
                   harness/case_living_win.c harness/case_win32.c \
                   harness/sandbox_win.c harness/job_win.c \
                   harness/remove_tree_win.c harness/wait_win.c \
                   harness/load_win.c harness/observe_win32.c harness/quiet_win32.c \
                   harness/posix_names_win.c harness/report_file_win.c \
                   harness/run_info_win.c
WIN_DK_SRC      := $(WIN_DK_PORTABLE) $(WIN_DK_NATIVE) $(WIN_DK_CASES)
# The POSIX names mingw lacks (posix_names_win.h) and a sys/resource.h of
# types only (harness/win_include), for these objects alone. -Wno-format:
# mingw's gcc reads the harness's format(printf) attributes as
# Microsoft's printf, which knows no %zu, while these objects print with
# mingw's own (__USE_MINGW_ANSI_STDIO), which does; the Linux build checks
# the same formats.
WIN_DK_CFLAGS   := -I$(WIN_CRITERION)/include -Iharness/win_include \
                   -include harness/posix_names_win.h -Wno-format

.PHONY: win-dkcheck
win-dkcheck: $(WIN_DK) $(WIN_REFERENCE) $(WIN_PROBE) $(WIN_MUTANTS) wineprefix

$(WIN_OBJ)/dkcheck/%.o: %.c $(WIN_CRITERION)/done
	@mkdir -p $(dir $@)
	$(SAY) CC-WIN $<
	$(Q)$(WIN_CC) $(WIN_CFLAGS) $(WIN_DK_CFLAGS) -c $< -o $@

# This file too: the Makefile's .SECONDARY lets an object that was never
# made count as up to date, so a case added to the lists alone would not
# relink it.
$(WIN_DK): $(patsubst %.c,$(WIN_OBJ)/dkcheck/%.o,$(WIN_DK_SRC)) \
        $(WIN_CRITERION)/done mk/windows_dkcheck.mk
	$(SAY) LD-WIN $@
	$(Q)$(WIN_CC) $(WIN_CFLAGS) -o $@ $(filter %.o,$^) $(WIN_CRIT_LIBS)

# remove_tree_win.c's guards under Wine (scripts/win-remove-tree): the
# removal, given links to a canary outside the run's directory, must leave
# the canary.
WIN_RM_LINKS := $(WIN_BUILD)/remove-tree-links.exe
.PHONY: win-remove-tree
win-remove-tree: $(WIN_RM_LINKS) wineprefix
	$(Q)scripts/win-remove-tree

$(WIN_RM_LINKS): $(patsubst %.c,$(WIN_OBJ)/dkcheck/%.o,cases/unit_win/remove_tree_links.c \
                 harness/remove_tree_win.c harness/job_win.c harness/wait_win.c \
                 harness/deadline.c harness/load_win.c harness/run_config.c \
                 harness/posix_names_win.c) \
                 mk/windows_dkcheck.mk
	$(SAY) LD-WIN $@
	$(Q)$(WIN_CC) $(WIN_CFLAGS) -o $@ $(filter %.o,$^) $(WIN_LDLIBS) -static
