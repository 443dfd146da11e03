#include "steps.h"

#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

dk_status dk__umask_chdir(int mask, const char *dir, dk_error *err)
{
    umask((mode_t)mask);
    if (chdir(dir) < 0)
        return dk__fail(err, DK_ESYS, "U4", errno, "%s: chdir", dir);
    return DK_OK;
}
