/* spawn_linux.c: start one launcher as an operator's shell would, with
 * only stdio and one fd near its RLIMIT_NOFILE inherited. */
#include "bench.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

enum { MAX_WORDS = 32 };

struct timespec *bench_shared(size_t n)
{
    void *p = mmap(NULL, n * sizeof(struct timespec), PROT_READ | PROT_WRITE,
                   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

rlim_t bench_hard_nofile(void)
{
    struct rlimit rl;
    rlim_t cap = (rlim_t)1 << 20;
    if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
        return 1024;
    return rl.rlim_max == RLIM_INFINITY || rl.rlim_max > cap ? cap : rl.rlim_max;
}

/* In the child, between fork and exec: async-signal-safe calls only. */
static void broken(const char *what) __attribute__((noreturn));
static void broken(const char *what)
{
    dprintf(2, "bench: %s: %s\n", what, strerror(errno));
    _exit(126);
}

static void exec_launcher(char **argv, const bench_launch *l,
                          struct timespec *exec_at) __attribute__((noreturn));
static void exec_launcher(char **argv, const bench_launch *l,
                          struct timespec *exec_at)
{
    if (chdir(l->dir) < 0)
        broken(l->dir);
    int null = open("/dev/null", O_RDWR);
    int err = open("launcher.err", O_WRONLY | O_CREAT | O_APPEND, 0600);
    if (null < 0 || err < 0)
        broken("/dev/null");
    dup2(null, 0);
    dup2(null, 1);
    dup2(err, 2);
    /* Nothing of ours leaks in; the barrier's read end still works until
     * exec. */
    syscall(SYS_close_range, 3u, ~0u, 4u /* CLOSE_RANGE_CLOEXEC */);
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    rl.rlim_cur = l->nofile;
    if (setrlimit(RLIMIT_NOFILE, &rl) < 0)
        broken("setrlimit");
    /* An inherited descriptor at the top, for the subject to close. */
    if (dup2(null, (int)l->nofile - 1) < 0)
        broken("dup2 near the limit");
    /* Many open, not only a large table: from 3 up, above our own. */
    for (size_t i = 0, fd = 3; i < bench_open_fds && fd + 16 < l->nofile;
         fd++) {
        if (fd == (size_t)l->barrier[0] || fd == (size_t)l->barrier[1])
            continue;
        if (dup2(null, (int)fd) < 0)
            broken("dup2 of the open descriptors");
        i++;
    }
    if (l->barrier[0] >= 0) {
        char c;
        close(l->barrier[1]); /* or our own copy keeps EOF away */
        while (read(l->barrier[0], &c, 1) < 0 && errno == EINTR)
            ;
    }
    clock_gettime(CLOCK_MONOTONIC, exec_at);
    execv(argv[0], argv);
    broken(argv[0]);
}

size_t bench_open_fds;

pid_t bench_spawn(const bench_subject *s, const bench_launch *l,
                  struct timespec *exec_at)
{
    char *argv[MAX_WORDS + 6];
    size_t n = 0;
    for (size_t i = 0; l->prefix && l->prefix[i] && n < MAX_WORDS; i++)
        argv[n++] = l->prefix[i];
    argv[n++] = (char *)s->program;
    argv[n++] = "--pidfile";
    argv[n++] = (char *)l->pidfile;
    argv[n++] = "--ready";
    argv[n++] = (char *)l->ready;
    argv[n] = NULL;
    pid_t pid = fork();
    if (pid == 0)
        exec_launcher(argv, l, exec_at);
    return pid;
}
