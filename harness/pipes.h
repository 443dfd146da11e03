/* pipes.h: a pipe whose ends carry O_CLOEXEC (and O_NONBLOCK if asked)
 * from the start where the OS can do it atomically (pipe2: Linux, the
 * BSDs), set just after where it cannot (macOS has no pipe2). dkcheck's
 * runner makes pipes while other threads may exec (Criterion's), so the
 * atomic form is used wherever there is one. */
#ifndef DKCHECK_PIPES_H
#define DKCHECK_PIPES_H

/* flags: O_CLOEXEC and O_NONBLOCK, or'ed. 0, or -1 with errno. */
int dk_pipe(int p[2], int flags);

#endif
