/* steps.h: the documented steps (CONTRACT.md §1), named once.
 * The verdict report groups cases by these ids, in this order. */
#ifndef DKCHECK_STEPS_H
#define DKCHECK_STEPS_H

#include <stddef.h>

typedef struct dk_step {
    const char *id;
    const char *words;   /* the document's words, in short */
    const char *applies; /* "unix", "windows" or "all" */
} dk_step;

extern const dk_step dk_steps[];
extern const size_t dk_n_steps;

/* The step whose id is id, or NULL. */
const dk_step *dk_step_find(const char *id);

#endif
