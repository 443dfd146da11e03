/* H5: signal dispositions and the mask inherited from the launcher are
 * reset. The launcher blocks SIGUSR1 and SIGALRM and ignores SIGUSR2 and
 * SIGHUP, none of which the contract's signal handling touches.
 *
 * The daemon7 profile's D2 and D3 are the same checks made over every
 * signal (daemon(7) resets all of them, and the contract asks for no
 * IGNORE there). */
#include "../harness/case.h"

#include <signal.h>

static void expect_cleared(const char *what, bool blocked, uint64_t bits,
                           const char *which)
{
    pid_t daemon = case_run(NULL, NULL);
    obs_status st = case_status(daemon);
    uint64_t set = blocked ? st.sig_blocked : st.sig_ignored;
    cr_expect((set & bits) == 0,
              "expected %s %s in daemon %d (%s); %s %016llx", which, what,
              (int)daemon, "the launcher set them",
              blocked ? "SigBlk" : "SigIgn", (unsigned long long)set);
}

DK_CASE(H5, H5_signal_mask_reset)
{
    expect_cleared("unblocked", true, OBS_SIGBIT(SIGUSR1) | OBS_SIGBIT(SIGALRM),
                   "SIGUSR1 and SIGALRM");
}

DK_CASE(H5, H5_ignored_signals_reset)
{
    expect_cleared("not ignored", false, OBS_SIGBIT(SIGUSR2) | OBS_SIGBIT(SIGHUP),
                   "SIGUSR2 and SIGHUP");
}

/* Every signal a program can set: not the C library's own (glibc's
 * real-time signals below SIGRTMIN), whose sigaction it refuses, so that a
 * disposition inherited from dkcheck's own caller there is no daemon's
 * fault. */
static uint64_t settable_signals(void)
{
    return ~obs_libc_signals();
}

DK_CASE(D2, D2_no_signal_ignored)
{
    expect_cleared("not ignored", false, settable_signals(), "every signal");
}

DK_CASE(D3, D3_signal_mask_empty)
{
    expect_cleared("unblocked", true, ~(uint64_t)0, "every signal");
}
