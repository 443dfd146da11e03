#include "steps.h"

/* Unixes without close_range(2) (macOS): the loop. Not run here. */
int dk__close_range(int lo, int hi, long fallback_limit)
{
    return dk__close_loop(lo, hi, fallback_limit);
}
