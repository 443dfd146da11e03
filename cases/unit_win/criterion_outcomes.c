/* criterion-outcomes.exe: the proof that Criterion, cross-built for Windows
 * (scripts/cross-criterion x86_64-windows-gnu), runs each test in its own
 * worker process (BoxFort's Windows backend) and tells its three outcomes
 * apart: one test passes, one fails an assertion, one crashes with an
 * access violation that must take down its worker only. scripts/win-criterion
 * runs it under Wine and checks the counts and the exit status (1: a test
 * failed), as a first step towards a native dkcheck.exe. */
#include <criterion/criterion.h>

#include <string.h>

/* Read through a volatile pointer so that the compiler cannot see the null
 * store and turn it into a trap instruction: the worker is to die of a
 * real access violation, as a broken subject's call would make it. */
static int *volatile nowhere;

Test(outcomes, passes)
{
    cr_assert(strcmp("daemon", "daemon") == 0, "equal strings compare equal");
}

Test(outcomes, fails)
{
    cr_assert(1 + 1 == 3, "this assertion is meant to fail");
}

Test(outcomes, crashes)
{
    *nowhere = 1;
    cr_assert(0, "not reached: the store above ends the worker");
}
