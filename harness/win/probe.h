/* probe.h: what the Windows backend of dkcheck observes of a process, from
 * outside, with the Win32 API. Used natively on Windows and, on Linux,
 * through dkprobe.exe under Wine (dkprobe_main.c prints these). */
#ifndef DKCHECK_PROBE_H
#define DKCHECK_PROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <windows.h>

typedef struct probe_proc {
    DWORD pid, ppid, threads;
    wchar_t exe[MAX_PATH];     /* Toolhelp32's image name */
} probe_proc;

/* Every process (Toolhelp32). How many there are; at most max written. */
size_t probe_snapshot(probe_proc *out, size_t max);

/* One process's standard handle, as the process itself holds it. */
typedef struct probe_handle {
    const char *type;          /* "none", "disk", "char", "pipe", "unknown",
                                  or "closed" (not a handle in the process) */
    wchar_t path[1024];        /* disk files only */
} probe_handle;

typedef struct probe_info {
    bool found;                /* could be opened at all */
    bool alive;
    DWORD exit_code;           /* when !alive */
    wchar_t image[1024];       /* QueryFullProcessImageName */
    /* From its process parameters (PEB), read with ReadProcessMemory: */
    bool have_params;
    wchar_t cwd[1024];
    wchar_t cmdline[2048];
    ULONG_PTR console;         /* 0: none (detached) */
    ULONG console_flags;       /* bit 0: Ctrl+C ignored (new process group) */
    probe_handle std[3];       /* stdin, stdout, stderr */
    bool has_var;              /* the environment holds var (see probe_read) */
    wchar_t var_value[1024];
} probe_info;

/* Fill info for pid; var names an environment variable to look up in the
 * process's environment (may be NULL). */
void probe_read(DWORD pid, const wchar_t *var, probe_info *info);

/* pid's environment block, as its parameters (PEB) hold it now: entries
 * NAME=value, each NUL-terminated, then an empty one. The characters read
 * into block (at most cap; a longer block is cut after its last whole
 * entry), or 0
 * if it cannot be read (no such process, ended, no access). */
size_t probe_environment(DWORD pid, wchar_t *block, size_t cap);

/* TerminateProcess(pid, code). 0, or a Windows error. */
DWORD probe_terminate(DWORD pid, UINT code);

/* Wait up to ms for pid to end. 1 and *code when it ended, 0 at the
 * deadline, -1 if it cannot be opened (already gone). */
int probe_wait_exit(DWORD pid, DWORD ms, DWORD *code);
/* The same, pid opened first, then sentinel ended with end_code (so that
 * pid's exit code is kept however fast it follows); -2 if that failed. */
int probe_end_then_wait(DWORD sentinel, UINT end_code, DWORD pid, DWORD ms,
                        DWORD *code);

/* The PID pid_file names, or 0. */
DWORD probe_pidfile(const wchar_t *pid_file);

/* Wait up to ms until pid_file names a living process other than old.
 * The new PID, or 0 at the deadline. Wakes on changes in the file's
 * directory, re-checking at most every few milliseconds as a safety net. */
DWORD probe_wait_pidfile_change(const wchar_t *pid_file, DWORD old, DWORD ms);

#endif
