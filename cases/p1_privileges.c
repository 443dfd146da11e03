/* P1: dropping privileges. Given --user NAME (and --group), the daemon ends
 * with that user's uid and the group's gid as its real, effective and
 * saved ids, with the supplementary groups initgroups(3) gives the user
 * (not the launcher's root groups), and can still remove its PID file at
 * SIGTERM; an unknown user is refused before anything starts.
 *
 * The user is DKCHECK_USER, by default "nobody" (in every Debian root,
 * minbase included); dkcheck creates no user. Its PID file and ready file go
 * in a directory of root's that only the user's group may enter and write,
 * sticky like /tmp, where only the file's owner may remove it: the daemon
 * must have been given it (sandbox_group_dir: no other user can reach it,
 * and the sandbox, under dkcheck's private root, is closed to the user). */
#include "../harness/case.h"
#include "../harness/run_config.h"
#include "../harness/user_groups.h"

#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct target {
    const char *name;
    const char *dir; /* for its PID file and ready file */
    uid_t uid;
    gid_t gid;
} target;

static const char *user_name(void)
{
    const char *u = run_config()->user;
    return u != NULL ? u : "nobody";
}

/* Can a process of ours become the user and reach dir? A child tries, so
 * a user namespace that does not map the user, or a parent directory
 * closed to it, is a SKIP with the reason, not a FAIL of the subject. */
static void probe_switch(const target *t, const char *dir)
{
    pid_t child = fork();
    if (child < 0)
        case_broken("fork: %s", strerror(errno));
    if (child == 0) {
        if (setgroups(0, NULL) < 0 || setgid(t->gid) < 0 || setuid(t->uid) < 0)
            _exit(1);
        _exit(access(dir, W_OK | X_OK) == 0 ? 0 : 2);
    }
    int status;
    while (waitpid(child, &status, 0) < 0)
        if (errno != EINTR)
            case_broken("waitpid: %s", strerror(errno));
    if (WIFEXITED(status) && WEXITSTATUS(status) == 1)
        cr_skip_test("this run cannot switch to user %s (uid %ld): its "
                     "namespace does not map it", t->name, (long)t->uid);
    if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
        cr_skip_test("user %s cannot reach %s (a parent directory is closed "
                     "to it)", t->name, dir);
}

/* The user, root's checks, and the directory made for it. */
static target prepare(void)
{
    sandbox_require("user");
    if (geteuid() != 0)
        cr_skip_test("dkcheck is not root: only root can start a daemon "
                     "that switches user");
    target t = {.name = user_name()};
    struct passwd *pw = getpwnam(t.name);
    if (pw == NULL)
        cr_skip_test("no user %s here (set DKCHECK_USER to an existing one)",
                     t.name);
    t.uid = pw->pw_uid;
    t.gid = pw->pw_gid;
    if (t.uid == 0)
        cr_skip_test("user %s is root: nothing to drop", t.name);
    /* Nothing above it is touched: a closed parent is a SKIP. */
    t.dir = sandbox_group_dir(t.gid);
    probe_switch(&t, t.dir);
    return t;
}

static pid_t start_as(const target *t, launch **l)
{
    launch_spec spec = {.pidfile = sandbox_printf("%s/daemon.pid", t->dir),
                        .ready = sandbox_printf("%s/ready", t->dir),
                        .user = t->name};
    return case_run(&spec, l);
}

static obs_ids ids_of(pid_t pid)
{
    obs_ids ids;
    if (obs_read_ids(pid, &ids) < 0) {
        if (errno == ENOTSUP)
            cr_skip_test("the observer cannot read a process's ids on this "
                         "OS");
        cr_assert_fail("cannot observe the ids of daemon %d: %s", (int)pid,
                       strerror(errno));
    }
    return ids;
}

DK_CASE_BOTH(P1, P1_ids_dropped, D13, D13_ids_dropped)
{
    target t = prepare();
    pid_t daemon = start_as(&t, NULL);
    obs_ids ids = ids_of(daemon);
    static const char *const kind[] = {"real", "effective", "saved"};
    for (int i = 0; i < 3; i++) {
        cr_expect(ids.uid[i] == (long)t.uid, "the daemon's %s uid is %ld; "
                  "user %s is %ld", kind[i], ids.uid[i], t.name, (long)t.uid);
        cr_expect(ids.gid[i] == (long)t.gid, "the daemon's %s gid is %ld; "
                  "user %s's group is %ld", kind[i], ids.gid[i], t.name,
                  (long)t.gid);
    }
}

static int by_value(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

static const char *list(const long *v, size_t n)
{
    char *s = sandbox_alloc(n * 12 + 3), *p = s;
    p += sprintf(p, "[");
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, i ? " %ld" : "%ld", v[i]);
    sprintf(p, "]");
    return s;
}

DK_CASE_BOTH(P1, P1_groups_of_user, D13, D13_groups_of_user)
{
    target t = prepare();
    long want[OBS_MAX_GROUPS];
    int n_want = dk_user_groups(t.name, t.gid, want, OBS_MAX_GROUPS);
    if (n_want < 0)
        case_broken("user %s has more than %d groups", t.name,
                       OBS_MAX_GROUPS);
    qsort(want, (size_t)n_want, sizeof *want, by_value);
    pid_t daemon = start_as(&t, NULL);
    obs_ids ids = ids_of(daemon);
    qsort(ids.groups, ids.n_groups, sizeof *ids.groups, by_value);
    /* The kernel lists each group once; getgrouplist may repeat the
     * primary one. */
    size_t n = 0;
    for (int i = 0; i < n_want; i++)
        if (n == 0 || want[n - 1] != want[i])
            want[n++] = want[i];
    cr_expect(ids.n_groups == n &&
              memcmp(ids.groups, want, n * sizeof *want) == 0,
              "the daemon's supplementary groups are %s; initgroups gives "
              "user %s %s", list(ids.groups, ids.n_groups), t.name,
              list(want, n));
}

DK_CASE(P1, P1_pidfile_removed_at_term)
{
    target t = prepare();
    launch *l;
    pid_t daemon = start_as(&t, &l);
    case_signal(daemon, SIGTERM);
    const char *why = NULL;
    cr_assert(case_ends(daemon, SIGTERM, CASE_DEADLINE, "the daemon's end "
                        "after SIGTERM", &why), "daemon %d still alive "
              "%gs after SIGTERM: %s", (int)daemon, CASE_DEADLINE, why);
    /* Its processes settle first: a supervisor may remove the PID file
     * once the daemon has exited (jsvc's controller does). */
    case_wait_only(NULL, 0, CASE_DEADLINE);
    cr_expect(access(l->pidfile, F_OK) != 0, "the daemon, running as %s, "
              "ended on SIGTERM but its PID file %s remains", t.name,
              l->pidfile);
}

DK_CASE(P1, P1_unknown_user_refused)
{
    sandbox_require("user");
    case_precondition_daemon();
    const char *listing = case_listing();
    launch_spec spec = {.user = "dkcheck-no-such-user"};
    launch *l = case_start(&spec);
    int code = case_wait_launcher(l);
    cr_expect(code != 0, "expected a non-zero exit for an unknown --user; "
              "it exited 0");
    const char *text = sandbox_read(l->err, NULL);
    size_t len = text ? strlen(text) : 0;
    cr_expect(len > 1 && strchr(text, '\n') == text + len - 1,
              "expected exactly one line on stderr for an unknown --user; "
              "got \"%s\"", case_launcher_error(l));
    const char *why = NULL;
    cr_expect(case_only_left(NULL, 0, CASE_DEADLINE, "the end of every "
                             "process after the refusal", &why),
              "expected no daemon after refusing an unknown --user; "
              "living: [%s]: %s", case_describe_living(), why);
    cr_expect(access(l->pidfile, F_OK) != 0, "expected no PID file after "
              "refusing an unknown --user; %s remains", l->pidfile);
    cr_expect(strcmp(case_listing(), listing) == 0, "the sandbox changed "
              "after refusing an unknown --user: before [%s], after [%s]",
              listing, case_listing());
}
