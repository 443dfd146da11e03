/* hook_line.h: a guard for the line a Criterion ReportHook stands on.
 *
 * Criterion names a hook's function and pointer after the line it is on
 * (hook_l<LINE>_impl, hook_l<LINE>_func), with external linkage, and its
 * own library defines such hooks on the odd lines 87 to 107 of its
 * report.c. Against the shared library nothing clashes; in a static link
 * (the native dkcheck.exe) a hook of ours on one of those lines is a
 * duplicate symbol. Put DK_HOOK_LINE_FREE(); on the line above each hook. */
#ifndef DKCHECK_HOOK_LINE_H
#define DKCHECK_HOOK_LINE_H

#define DK_HOOK_LINE_FREE()                                                    \
    _Static_assert(__LINE__ + 1 < 87 || __LINE__ + 1 > 107 ||                  \
                       (__LINE__ + 1) % 2 == 0,                                \
                   "a ReportHook on this line clashes with one of "            \
                   "Criterion's own in a static link (hook_line.h)")

#endif
