/* process_end_generic.c: where there are no pidfds (process_end_linux.c
 * says why they are better), the portable way. */
#include "steps.h"

void dk__process_end(long pid, double seconds)
{
    dk__process_end_by_kill(pid, seconds);
}
