/* capture.c: the subject's output, drained into bounded logs (sandbox.h).
 *
 * One thread per case reads every capture pipe as data arrives, so that a
 * writer never blocks on a full pipe whatever the case is doing; the case
 * itself reads what is pending (sync) before looking at a log. Both read
 * under one lock, so a log's bytes stay in order. */
#include "sandbox.h"

#include "pipes.h"

#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_CAPTURES 128

struct capture {
    int fd;                 /* read end; -1 at EOF */
    int log;                /* the log file */
    char path[4096];
    unsigned long long seen;
    unsigned long long pipe_ino; /* the pipe's inode: who else holds it */
};

static struct {
    struct capture c[MAX_CAPTURES];
    size_t n;
    pthread_mutex_t lock;
    pthread_t thread;
    bool running;
    int wake[2];            /* a byte here: look at the list again, or stop */
    bool stop;
} the;

static const char truncated[] =
    "\n[dkcheck: more output discarded; this log keeps the first 65536 bytes]\n";

/* Read up to want bytes (all that is there when want is 0) from c. */
static void drain_one(struct capture *c, size_t want)
{
    char buf[16384];
    size_t done = 0;
    while (c->fd >= 0 && (want == 0 || done < want)) {
        size_t ask = sizeof buf;
        if (want != 0 && want - done < ask)
            ask = want - done;
        ssize_t r = read(c->fd, buf, ask);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0 && errno == EAGAIN)
            return;
        if (r <= 0) {
            close(c->fd);
            c->fd = -1;
            return;
        }
        done += (size_t)r;
        unsigned long long before = c->seen;
        c->seen += (unsigned long long)r;
        if (before < SANDBOX_LOG_CAP) {
            size_t keep = SANDBOX_LOG_CAP - before < (size_t)r
                              ? (size_t)(SANDBOX_LOG_CAP - before)
                              : (size_t)r;
            ssize_t w = c->log >= 0 ? write(c->log, buf, keep) : 0;
            (void)w;
            if (c->seen > SANDBOX_LOG_CAP && c->log >= 0) {
                w = write(c->log, truncated, sizeof truncated - 1);
                (void)w;
            }
        }
    }
}

static void *drainer(void *arg)
{
    (void)arg;
    for (;;) {
        struct pollfd pf[MAX_CAPTURES + 1];
        size_t who[MAX_CAPTURES + 1], n = 0;
        pthread_mutex_lock(&the.lock);
        bool stop = the.stop;
        pf[n++] = (struct pollfd){.fd = the.wake[0], .events = POLLIN};
        for (size_t i = 0; i < the.n; i++)
            if (the.c[i].fd >= 0) {
                who[n] = i;
                pf[n++] = (struct pollfd){.fd = the.c[i].fd, .events = POLLIN};
            }
        pthread_mutex_unlock(&the.lock);
        if (stop)
            return NULL;
        if (poll(pf, (nfds_t)n, -1) < 0 && errno != EINTR)
            return NULL;
        if (pf[0].revents) {
            char b[64];
            ssize_t r = read(the.wake[0], b, sizeof b);
            (void)r;
        }
        pthread_mutex_lock(&the.lock);
        for (size_t k = 1; k < n; k++)
            if (pf[k].revents) /* a bounded helping: the others wait */
                drain_one(&the.c[who[k]], 1u << 20);
        pthread_mutex_unlock(&the.lock);
    }
}

static void wake(void)
{
    ssize_t w = write(the.wake[1], "", 1);
    (void)w;
}

int sandbox_capture(const char *path)
{
    if (!the.running) {
        pthread_mutex_init(&the.lock, NULL);
        if (dk_pipe(the.wake, O_CLOEXEC | O_NONBLOCK) < 0)
            case_broken("pipe: %s", strerror(errno));
        the.stop = false;
        if (pthread_create(&the.thread, NULL, drainer, NULL) != 0)
            case_broken("cannot start the output drainer");
        the.running = true;
    }
    int p[2];
    int log = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (log < 0 || dk_pipe(p, O_CLOEXEC) < 0)
        case_broken("cannot capture into %s: %s", path,
                       strerror(errno));
    /* The reader never waits on an empty pipe: the thread polls first, a
     * sync reads only what is there. */
    fcntl(p[0], F_SETFL, O_NONBLOCK);
    pthread_mutex_lock(&the.lock);
    /* A log made again (a second --send): the old capture keeps draining
     * its pipe, into nothing from now on. */
    for (size_t i = 0; i < the.n; i++)
        if (the.c[i].log >= 0 && strcmp(the.c[i].path, path) == 0) {
            int pending = 0;
            if (the.c[i].fd >= 0 && ioctl(the.c[i].fd, FIONREAD, &pending) == 0 &&
                pending > 0)
                drain_one(&the.c[i], (size_t)pending);
            close(the.c[i].log);
            the.c[i].log = -1;
        }
    if (the.n == MAX_CAPTURES) {
        pthread_mutex_unlock(&the.lock);
        case_broken("more than %d captures in one case", MAX_CAPTURES);
    }
    struct capture *c = &the.c[the.n++];
    c->fd = p[0];
    c->log = log;
    c->seen = 0;
    struct stat st;
    c->pipe_ino = fstat(p[0], &st) == 0 ? (unsigned long long)st.st_ino : 0;
    snprintf(c->path, sizeof c->path, "%s", path);
    pthread_mutex_unlock(&the.lock);
    wake();
    return p[1];
}

void sandbox_capture_sync(void)
{
    if (!the.running)
        return;
    pthread_mutex_lock(&the.lock);
    for (size_t i = 0; i < the.n; i++) {
        /* What is pending now, no more: a writer that never stops must
         * not keep us here. */
        int pending = 0;
        if (the.c[i].fd >= 0 && ioctl(the.c[i].fd, FIONREAD, &pending) == 0 &&
            pending > 0)
            drain_one(&the.c[i], (size_t)pending);
    }
    pthread_mutex_unlock(&the.lock);
}

unsigned long long sandbox_captured(const char *path)
{
    unsigned long long seen = 0;
    if (!the.running)
        return 0;
    sandbox_capture_sync();
    pthread_mutex_lock(&the.lock);
    for (size_t i = 0; i < the.n; i++)
        if (the.c[i].log >= 0 && strcmp(the.c[i].path, path) == 0)
            seen = the.c[i].seen;
    pthread_mutex_unlock(&the.lock);
    return seen;
}

/* The latest capture logging to path, or NULL; under the lock. */
static struct capture *capture_of(const char *path)
{
    for (size_t i = the.n; i-- > 0;)
        if (strcmp(the.c[i].path, path) == 0)
            return &the.c[i];
    return NULL;
}

bool sandbox_capture_eof(const char *path)
{
    if (!the.running)
        return false;
    sandbox_capture_sync();
    pthread_mutex_lock(&the.lock);
    struct capture *c = capture_of(path);
    bool eof = c != NULL && c->fd < 0;
    pthread_mutex_unlock(&the.lock);
    return eof;
}

unsigned long long sandbox_capture_pipe(const char *path)
{
    if (!the.running)
        return 0;
    pthread_mutex_lock(&the.lock);
    struct capture *c = capture_of(path);
    unsigned long long ino = c != NULL ? c->pipe_ino : 0;
    pthread_mutex_unlock(&the.lock);
    return ino;
}

/* At the case's end, its processes killed: take what is left, stop. */
void sandbox_capture_end(void)
{
    if (!the.running)
        return;
    pthread_mutex_lock(&the.lock);
    the.stop = true;
    pthread_mutex_unlock(&the.lock);
    wake();
    pthread_join(the.thread, NULL);
    for (size_t i = 0; i < the.n; i++) {
        drain_one(&the.c[i], 0);
        if (the.c[i].fd >= 0)
            close(the.c[i].fd);
        if (the.c[i].log >= 0)
            close(the.c[i].log);
    }
    the.n = 0;
    close(the.wake[0]);
    close(the.wake[1]);
    pthread_mutex_destroy(&the.lock);
    the.running = false;
}
