/* hold_unseen_none.c: hold_unseen.h where no seccomp user notification
 * exists: refused, the case skips. */
#include "hold_unseen.h"

#include <stdio.h>

int unseen_begin(size_t k, const char *watch_dir, const char *const ready[],
                 char *why, size_t size)
{
    (void)k;
    (void)watch_dir;
    (void)ready;
    snprintf(why, size, "no seccomp user notification on this OS");
    return -1;
}

int unseen_child_arm(size_t index)
{
    (void)index;
    return -1;
}

void unseen_attach(size_t index, pid_t launcher)
{
    (void)index;
    (void)launcher;
}

int unseen_forced(void)
{
    return 0;
}

const char *unseen_note(void)
{
    return "";
}

void unseen_end(void)
{
}
