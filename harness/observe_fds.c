/* observe_fds.c: every descriptor of a process, however many, on top of
 * each backend's obs_list_fds (observe.h). A fixed buffer would judge only
 * the first few hundred: a file kept at fd 600 above 260 pipe ends would
 * go unseen. */
#include "observe.h"

#include <errno.h>
#include <stdlib.h>

obs_fd *obs_list_all_fds(pid_t pid, size_t *n)
{
    size_t room = 64;
    /* A process may open more between two calls: a few tries, each with
     * the room the last one asked for and some slack. */
    for (int tries = 0; tries < 8; tries++) {
        obs_fd *v = malloc(room * sizeof *v);
        if (!v) {
            errno = ENOMEM;
            return NULL;
        }
        int got = obs_list_fds(pid, v, room);
        if (got < 0) {
            int e = errno;
            free(v);
            errno = e;
            return NULL;
        }
        if ((size_t)got <= room) {
            *n = (size_t)got;
            return v;
        }
        free(v);
        room = (size_t)got + 64;
    }
    errno = EAGAIN;
    return NULL;
}
