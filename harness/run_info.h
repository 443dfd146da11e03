/* run_info.h: what a report says about the run itself (wpt's run_info):
 * dkcheck's version, the subject and its capabilities, the machine (OS,
 * kernel, architecture, libc), how the run was isolated, and when it
 * began. */
#ifndef DKCHECK_RUN_INFO_H
#define DKCHECK_RUN_INFO_H

typedef struct dk_run_item {
    const char *name, *value;
} dk_run_item;

/* Note the time the run began (call once, before the cases run). */
void dk_run_info_begin(void);

/* The run information, as name/value pairs ending with {NULL, NULL}. */
const dk_run_item *dk_run_info(void);

#endif
