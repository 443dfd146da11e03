/* H5: signal dispositions and the mask inherited from the launcher are
 * reset. The launcher blocks SIGUSR1 and SIGALRM and ignores SIGUSR2 and
 * SIGHUP, none of which the contract's signal handling touches. */
#include "../harness/case.h"

#include <signal.h>

DK_CASE(H5, H5_signal_mask_reset)
{
    pid_t daemon = case_run(NULL, NULL);
    obs_status st = case_status(daemon);
    uint64_t inherited = OBS_SIGBIT(SIGUSR1) | OBS_SIGBIT(SIGALRM);
    cr_expect((st.sig_blocked & inherited) == 0,
              "expected SIGUSR1 and SIGALRM unblocked in daemon %d (the "
              "launcher blocked them); SigBlk %016llx",
              (int)daemon, (unsigned long long)st.sig_blocked);
}

DK_CASE(H5, H5_ignored_signals_reset)
{
    pid_t daemon = case_run(NULL, NULL);
    obs_status st = case_status(daemon);
    uint64_t inherited = OBS_SIGBIT(SIGUSR2) | OBS_SIGBIT(SIGHUP);
    cr_expect((st.sig_ignored & inherited) == 0,
              "expected SIGUSR2 and SIGHUP not ignored in daemon %d (the "
              "launcher ignored them); SigIgn %016llx",
              (int)daemon, (unsigned long long)st.sig_ignored);
}
