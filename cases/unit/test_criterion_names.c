/* test_criterion_names.c: unit tests of criterion_names.h: a Criterion
 * socket name another user holds is refused, naming it; one of ours that
 * nobody listens on (a killed run's) is removed; one a live run listens on
 * is kept. The runner PIDs are beyond any pid_max, so no run's. */
#include <criterion/criterion.h>

#include "../../harness/criterion_names.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#define FAKE_RUNNER 2000000000

static char path[64];

/* A socket bound at /tmp/criterion_<runner>.sock, listening or not. */
static int bind_name(long runner, bool listen_too)
{
    struct sockaddr_un a = {.sun_family = AF_UNIX};
    snprintf(path, sizeof path, "/tmp/criterion_%ld.sock", runner);
    snprintf(a.sun_path, sizeof a.sun_path, "%s", path);
    unlink(path);
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    cr_assert_geq(fd, 0);
    cr_assert_eq(bind(fd, (struct sockaddr *)&a, sizeof a), 0, "bind %s: %s",
                 path, strerror(errno));
    if (listen_too)
        cr_assert_eq(listen(fd, 1), 0);
    return fd;
}

static void drop(void)
{
    if (path[0] != '\0')
        unlink(path);
}

Test(criterion_names, another_users_name_refused, .fini = drop)
{
    if (geteuid() != 0)
        cr_skip_test("only root can give a socket to another user");
    int fd = bind_name(FAKE_RUNNER, false);
    cr_assert_eq(chown(path, 65534, 65534), 0);
    char why[512] = "";
    cr_assert_eq(dk_criterion_names_free(FAKE_RUNNER, why, sizeof why), -1);
    cr_assert(strstr(why, path) != NULL, "the reason names no path: %s", why);
    struct stat st;
    cr_assert_eq(lstat(path, &st), 0, "the squatter's socket was removed");
    close(fd);
}

Test(criterion_names, our_stale_name_removed, .fini = drop)
{
    close(bind_name(FAKE_RUNNER + 1, false));
    char why[512] = "";
    cr_assert_eq(dk_criterion_names_free(FAKE_RUNNER + 1, why, sizeof why), 0,
                 "%s", why);
    struct stat st;
    cr_assert_eq(lstat(path, &st), -1, "a stale socket of ours stayed");
}

Test(criterion_names, a_live_runs_name_kept, .fini = drop)
{
    int fd = bind_name(FAKE_RUNNER + 2, true);
    char why[512] = "";
    cr_assert_eq(dk_criterion_names_free(FAKE_RUNNER + 2, why, sizeof why), -1);
    dk_criterion_socket_remove(FAKE_RUNNER + 2);
    struct stat st;
    cr_assert_eq(lstat(path, &st), 0, "a live run's socket was removed");
    close(fd);
}
