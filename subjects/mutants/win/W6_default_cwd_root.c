/* W6 broken: without a chdir option the daemon goes to the root of the
 * drive, the Unix habit (daemon(3), daemon(7)'s "/") carried to Windows,
 * where Daemoniker's default is the launcher's working directory.
 * wraps: dk_options_init_profile
 */
#include "../../../lib/daemoniker.h"

void __real_dk_options_init_profile(dk_options *opts, dk_profile profile);

void __wrap_dk_options_init_profile(dk_options *opts, dk_profile profile)
{
    __real_dk_options_init_profile(opts, profile);
    if (opts->chdir == NULL)
        opts->chdir = "/";
}
