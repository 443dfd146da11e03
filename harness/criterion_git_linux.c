/* criterion_git_linux.c: Criterion's libgit2 set up when a diff needs it,
 * not in every case's worker.
 *
 * Criterion calls git_libgit2_init() in the runner and again in each
 * worker it starts (one worker per case, a fresh exec). Debian's libgit2
 * is built with mbedTLS, whose set-up parses the whole CA bundle
 * (/etc/ssl/certs/ca-certificates.crt, some 140 certificates): measured
 * with perf, a third of dkcheck's processor time went there. Criterion's
 * only use of libgit2 is git_diff_buffers(), to show the difference of two
 * strings in a failed new-style assertion, which no case makes today.
 *
 * On ELF systems the executable's definitions come first in the lookup of
 * a shared library's undefined symbols (and with Criterion linked
 * statically, as the Makefile does where it can, they are the only ones),
 * so these take Criterion's calls: init and shutdown only count, and the
 * first diff does the real set-up before the real diff. The real libgit2
 * is the one loaded past us (RTLD_NEXT) or, when nothing loaded it, the
 * one the build found (DK_LIBGIT2_PATH), opened then. A Criterion built
 * without libgit2 never calls these; they are then unused.
 */
#include <dlfcn.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>

/* libgit2's own prototypes (git2/global.h, git2/diff.h), written out so
 * that the build needs no libgit2 headers; the pointers are opaque here. */
int git_libgit2_init(void);
int git_libgit2_shutdown(void);
int git_diff_buffers(const void *old_buffer, size_t old_len,
                     const char *old_as_path, const void *new_buffer,
                     size_t new_len, const char *new_as_path,
                     const void *options, void *file_cb, void *binary_cb,
                     void *hunk_cb, void *line_cb, void *payload);

typedef int (*count_fn)(void);
typedef int (*diff_fn)(const void *, size_t, const char *, const void *,
                       size_t, const char *, const void *, void *, void *,
                       void *, void *, void *);

#ifndef DK_LIBGIT2_PATH
#define DK_LIBGIT2_PATH "libgit2.so"
#endif

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int users;          /* Criterion's inits not yet shut down */
static bool really_up;     /* the real git_libgit2_init() succeeded */

/* libgit2's own definition of name, or NULL where there is no libgit2. */
static void *real(const char *name)
{
    static void *opened;   /* kept open: its set-up lives in it */
    void *f = dlsym(RTLD_NEXT, name);
    if (f != NULL)
        return f;
    if (opened == NULL)
        opened = dlopen(DK_LIBGIT2_PATH, RTLD_NOW | RTLD_LOCAL);
    return opened != NULL ? dlsym(opened, name) : NULL;
}

int git_libgit2_init(void)
{
    pthread_mutex_lock(&lock);
    int n = ++users;
    pthread_mutex_unlock(&lock);
    return n;
}

int git_libgit2_shutdown(void)
{
    pthread_mutex_lock(&lock);
    int n = users > 0 ? --users : 0;
    if (n == 0 && really_up) {
        count_fn down = (count_fn)real("git_libgit2_shutdown");
        if (down != NULL)
            down();
        really_up = false;
    }
    pthread_mutex_unlock(&lock);
    return n;
}

/* The real set-up, once; its error (negative) or 0. */
static int bring_up(void)
{
    int err = 0;
    pthread_mutex_lock(&lock);
    if (!really_up) {
        count_fn up = (count_fn)real("git_libgit2_init");
        err = up != NULL ? up() : -1;
        really_up = err > 0;
    }
    pthread_mutex_unlock(&lock);
    return err < 0 ? err : 0;
}

int git_diff_buffers(const void *old_buffer, size_t old_len,
                     const char *old_as_path, const void *new_buffer,
                     size_t new_len, const char *new_as_path,
                     const void *options, void *file_cb, void *binary_cb,
                     void *hunk_cb, void *line_cb, void *payload)
{
    diff_fn diff = (diff_fn)real("git_diff_buffers");
    int err = bring_up();
    if (diff == NULL)
        return -1;
    if (err < 0)
        return err;
    return diff(old_buffer, old_len, old_as_path, new_buffer, new_len,
                new_as_path, options, file_cb, binary_cb, hunk_cb, line_cb,
                payload);
}
