/* hold_unseen_linux.c: hold_unseen.h with seccomp user notification: the
 * launcher's calls on paths wait for an answer from a thread of the case,
 * which lets most through at once and holds the ones that force the
 * race. The paths are read from the caller's memory through
 * /proc/PID/mem, which needs no attaching. */
#include "hold_unseen.h"

#include "wait.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#if defined(__x86_64__)
#define UNSEEN_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define UNSEEN_ARCH AUDIT_ARCH_AARCH64
#else
#define UNSEEN_ARCH 0
#endif

/* The calls that name a path: whether the path is the first argument or,
 * after a directory fd, the second. */
static const struct {
    long nr;
    bool at;
} calls[] = {
    {SYS_openat, true},      {SYS_newfstatat, true}, {SYS_faccessat, true},
    {SYS_faccessat2, true},  {SYS_statx, true},      {SYS_linkat, true},
    {SYS_renameat, true},    {SYS_renameat2, true},  {SYS_unlinkat, true},
    {SYS_mkdirat, true},
#ifdef SYS_open
    {SYS_open, false},       {SYS_creat, false},     {SYS_stat, false},
    {SYS_lstat, false},      {SYS_access, false},    {SYS_link, false},
    {SYS_rename, false},     {SYS_unlink, false},    {SYS_mkdir, false},
#endif
};
#define N_CALLS (sizeof calls / sizeof calls[0])

/* A call's stage: 1 the first under the directory, 2 the second. */
enum { STAGES = 2, HOLD_SECONDS = 5 };

static struct {
    bool on;
    size_t k;
    char dir[PATH_MAX];
    char ready[UNSEEN_MAX][PATH_MAX];
    struct sock_filter filter[N_CALLS + 8];
    struct sock_fprog prog;
    int sock[UNSEEN_MAX][2];      /* a listener comes through [1] -> [0] */
    int listener[UNSEEN_MAX];
    volatile pid_t launcher[UNSEEN_MAX];
    int seen[UNSEEN_MAX];         /* calls under dir so far */
    unsigned long long held[UNSEEN_MAX]; /* the held call's id, or 0 */
    int held_stage[UNSEEN_MAX];
    int stage;                    /* the stage being gathered */
    int forced;                   /* stages every launcher was held at */
    bool gone[UNSEEN_MAX];
    char note[512];
    int stop[2];
    pthread_t thread;
} u = {.listener = {-1, -1, -1, -1}};

static void build_filter(void)
{
    size_t n = 0;
    struct sock_filter *f = u.filter;
    f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
                                          offsetof(struct seccomp_data, arch));
    f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
                                          UNSEEN_ARCH, 1, 0);
    f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    f[n++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS,
                                          offsetof(struct seccomp_data, nr));
    for (size_t i = 0; i < N_CALLS; i++)
        f[n++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K,
                                              (unsigned)calls[i].nr,
                                              (unsigned char)(N_CALLS - i), 0);
    f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    f[n++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K,
                                          SECCOMP_RET_USER_NOTIF);
    u.prog.len = (unsigned short)n;
    u.prog.filter = u.filter;
}

int unseen_child_arm(size_t index)
{
    if (!u.on || index >= u.k)
        return -1;
    int l = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
                         SECCOMP_FILTER_FLAG_NEW_LISTENER, &u.prog);
    if (l < 0 && errno == EACCES && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0)
        l = (int)syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER,
                         SECCOMP_FILTER_FLAG_NEW_LISTENER, &u.prog);
    if (l < 0)
        return -1;
    char byte = 0;
    struct iovec iov = {.iov_base = &byte, .iov_len = 1};
    union {
        struct cmsghdr align;
        char space[CMSG_SPACE(sizeof(int))];
    } control;
    memset(&control, 0, sizeof control);
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1,
                         .msg_control = control.space,
                         .msg_controllen = sizeof control.space};
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    c->cmsg_level = SOL_SOCKET;
    c->cmsg_type = SCM_RIGHTS;
    c->cmsg_len = CMSG_LEN(sizeof(int));
    memcpy(CMSG_DATA(c), &l, sizeof l);
    ssize_t r = sendmsg(u.sock[index][1], &msg, MSG_NOSIGNAL);
    close(l);
    return r == 1 ? 0 : -1;
}

void unseen_attach(size_t index, pid_t launcher)
{
    if (index < UNSEEN_MAX)
        u.launcher[index] = launcher;
}

static int receive_listener(int sock)
{
    char byte;
    struct iovec iov = {.iov_base = &byte, .iov_len = 1};
    union {
        struct cmsghdr align;
        char space[CMSG_SPACE(sizeof(int))];
    } control;
    struct msghdr msg = {.msg_iov = &iov, .msg_iovlen = 1,
                         .msg_control = control.space,
                         .msg_controllen = sizeof control.space};
    if (recvmsg(sock, &msg, MSG_CMSG_CLOEXEC) != 1)
        return -1;
    struct cmsghdr *c = CMSG_FIRSTHDR(&msg);
    int fd = -1;
    if (c != NULL && c->cmsg_type == SCM_RIGHTS)
        memcpy(&fd, CMSG_DATA(c), sizeof fd);
    return fd;
}

/* The path a notified call names, made absolute, into out. */
static bool call_path(const struct seccomp_notif *n, char *out, size_t size)
{
    bool at = false;
    for (size_t i = 0; i < N_CALLS; i++)
        if (calls[i].nr == n->data.nr)
            at = calls[i].at;
    unsigned long addr = at ? n->data.args[1] : n->data.args[0];
    char mem[64], path[PATH_MAX / 2];
    snprintf(mem, sizeof mem, "/proc/%u/mem", n->pid);
    int fd = open(mem, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return false;
    size_t len = 0;
    while (len + 1 < sizeof path &&
           pread(fd, path + len, 1, (off_t)(addr + len)) == 1 && path[len])
        len++;
    close(fd);
    path[len] = '\0';
    if (path[0] == '/') {
        snprintf(out, size, "%s", path);
        return true;
    }
    char link[64], base[PATH_MAX / 2];
    int dirfd = (int)n->data.args[0];
    if (!at || dirfd == AT_FDCWD)
        snprintf(link, sizeof link, "/proc/%u/cwd", n->pid);
    else
        snprintf(link, sizeof link, "/proc/%u/fd/%d", n->pid, dirfd);
    ssize_t b = readlink(link, base, sizeof base - 1);
    if (b <= 0)
        return false;
    base[b] = '\0';
    return (size_t)snprintf(out, size, "%s/%s", base, path) < size;
}

static void answer(int listener, unsigned long long id)
{
    struct seccomp_notif_resp resp = {.id = id,
                                      .flags = SECCOMP_USER_NOTIF_FLAG_CONTINUE};
    ioctl(listener, SECCOMP_IOCTL_NOTIF_SEND, &resp);
}

/* Launcher i will reach no further call: its listener hung up (no
 * process of it left), or the launcher exited and its daemon is ready
 * (an implementation whose launcher exits first still has its daemon's
 * calls to come). */
static bool finished(size_t i)
{
    if (u.gone[i])
        return true;
    pid_t p = u.launcher[i];
    if (p <= 0 || access(u.ready[i], F_OK) != 0)
        return false;
    char path[64], stat[512];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)p);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return true;
    ssize_t n = read(fd, stat, sizeof stat - 1);
    close(fd);
    stat[n > 0 ? n : 0] = '\0';
    const char *close_paren = strrchr(stat, ')');
    return close_paren == NULL || close_paren[2] == 'Z';
}

/* Release the stage's holds once every launcher is held there or
 * finished, or at its deadline. */
static void maybe_release(dk_deadline d, bool have_deadline)
{
    size_t held = 0, ready = 0;
    for (size_t i = 0; i < u.k; i++) {
        bool h = u.held[i] != 0 && u.held_stage[i] == u.stage;
        held += h;
        ready += h || finished(i);
    }
    if (held == 0 || (ready < u.k && !(have_deadline && dk_deadline_passed(d))))
        return;
    if (held == u.k)
        u.forced++;
    size_t at = strlen(u.note);
    snprintf(u.note + at, sizeof u.note - at, "%sstage %d: %zu of %zu held%s",
             at ? "; " : "", u.stage, held, u.k,
             ready < u.k ? " (the others never came)" : "");
    for (size_t i = 0; i < u.k; i++)
        if (u.held[i] != 0) {
            answer(u.listener[i], u.held[i]);
            u.held[i] = 0;
        }
    u.stage++;
}

static void on_notification(size_t i)
{
    struct seccomp_notif n;
    memset(&n, 0, sizeof n);
    if (ioctl(u.listener[i], SECCOMP_IOCTL_NOTIF_RECV, &n) < 0)
        return;
    char path[PATH_MAX];
    size_t dl = strlen(u.dir);
    bool under = call_path(&n, path, sizeof path) &&
                 strncmp(path, u.dir, dl) == 0 && path[dl] == '/';
    if (under && ++u.seen[i] == u.stage && u.stage <= STAGES &&
        u.held[i] == 0) {
        u.held[i] = n.id;
        u.held_stage[i] = u.stage;
        return;
    }
    answer(u.listener[i], n.id);
}

static void *holder(void *arg)
{
    (void)arg;
    dk_deadline d = dk_deadline_in(HOLD_SECONDS);
    int gathering = 0;
    for (;;) {
        struct pollfd p[2 * UNSEEN_MAX + 1];
        size_t n = 0, who[2 * UNSEEN_MAX];
        bool is_sock[2 * UNSEEN_MAX];
        p[n++] = (struct pollfd){.fd = u.stop[0], .events = POLLIN};
        for (size_t i = 0; i < u.k; i++) {
            if (u.listener[i] < 0 && u.sock[i][0] >= 0) {
                who[n - 1] = i, is_sock[n - 1] = true;
                p[n++] = (struct pollfd){.fd = u.sock[i][0], .events = POLLIN};
            } else if (u.listener[i] >= 0 && !u.gone[i]) {
                who[n - 1] = i, is_sock[n - 1] = false;
                p[n++] = (struct pollfd){.fd = u.listener[i], .events = POLLIN};
            }
        }
        /* Slices: a launcher's exit sends us nothing. */
        if (poll(p, (nfds_t)n, 16) < 0 && errno != EINTR)
            break;
        if (p[0].revents)
            break;
        for (size_t j = 1; j < n; j++) {
            size_t i = who[j - 1];
            if (is_sock[j - 1] && (p[j].revents & POLLIN))
                u.listener[i] = receive_listener(u.sock[i][0]);
            else if (!is_sock[j - 1] && (p[j].revents & POLLIN))
                on_notification(i);
            else if (!is_sock[j - 1] && (p[j].revents & (POLLHUP | POLLERR)))
                u.gone[i] = true;
        }
        if (u.stage <= STAGES) {
            bool any = false;
            for (size_t i = 0; i < u.k; i++)
                any = any || (u.held[i] != 0 && u.held_stage[i] == u.stage);
            if (any && gathering != u.stage) {
                d = dk_deadline_in(HOLD_SECONDS); /* from the first hold */
                gathering = u.stage;
            }
            maybe_release(d, gathering == u.stage);
        }
    }
    return NULL;
}

int unseen_begin(size_t k, const char *watch_dir, const char *const ready[],
                 char *why, size_t size)
{
    if (UNSEEN_ARCH == 0 || k == 0 || k > UNSEEN_MAX) {
        snprintf(why, size, "no seccomp user notification for this "
                 "architecture or count");
        return -1;
    }
    unseen_end();
    memset(&u, 0, sizeof u);
    for (size_t i = 0; i < UNSEEN_MAX; i++) {
        u.listener[i] = -1;
        u.sock[i][0] = u.sock[i][1] = -1;
    }
    u.k = k;
    u.stage = 1;
    snprintf(u.dir, sizeof u.dir, "%s", watch_dir);
    for (size_t i = 0; i < k; i++)
        snprintf(u.ready[i], sizeof u.ready[i], "%s", ready[i]);
    build_filter();
    for (size_t i = 0; i < k; i++) {
        if (socketpair(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0, u.sock[i]) < 0) {
            snprintf(why, size, "socketpair: %s", strerror(errno));
            return -1;
        }
        /* Out of the way of the descriptors a launcher is given (3, 4,
         * 5, 7), which are planted before the child hands its listener
         * over. */
        int high = fcntl(u.sock[i][1], F_DUPFD_CLOEXEC, 900);
        if (high >= 0) {
            close(u.sock[i][1]);
            u.sock[i][1] = high;
        }
    }
    if (pipe2(u.stop, O_CLOEXEC) < 0 ||
        pthread_create(&u.thread, NULL, holder, NULL) != 0) {
        snprintf(why, size, "cannot start the holding thread: %s",
                 strerror(errno));
        return -1;
    }
    u.on = true;
    return 0;
}

int unseen_forced(void)
{
    return u.forced;
}

const char *unseen_note(void)
{
    return u.note;
}

void unseen_end(void)
{
    if (!u.on)
        return;
    u.on = false;
    if (write(u.stop[1], "", 1) == 1)
        pthread_join(u.thread, NULL);
    for (size_t i = 0; i < u.k; i++) {
        if (u.listener[i] >= 0)
            close(u.listener[i]);
        close(u.sock[i][0]);
        close(u.sock[i][1]);
    }
    close(u.stop[0]);
    close(u.stop[1]);
}
