/* verdict.h: what a verdict may rest on (CONTRACT.md §2, "Verdicts and
 * deadlines").
 *
 * A FAIL is positive evidence that the subject did something wrong. A
 * deadline that expired is no evidence by itself: the machine may be
 * slow. A case whose only evidence is time ends BROKEN, "inconclusive",
 * naming what it awaited, the deadline and the load. Where what the OS
 * shows of a process that outlived a deadline is evidence (it ignores the
 * signal, or it sleeps with the signal delivered), the case FAILs on that
 * and says it. As LTP's TBROK, BROKEN is a result of its own: never
 * counted against the subject. */
#ifndef DKCHECK_VERDICT_H
#define DKCHECK_VERDICT_H

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

/* A case's verdict, a kind of its own each, as LTP's TPASS, TFAIL, TBROK
 * and TCONF: what the reports print and count (report.c). */
typedef enum dk_verdict {
    DK_PASS,
    DK_FAIL,   /* evidence the subject did wrong */
    DK_BROKEN, /* the set-up, an adapter or the harness failed, or only a
                * deadline said anything: never the subject's */
    DK_SKIP,   /* not judged, with the reason (n/a: a case for the other
                * kind of subject, dk_skip_is_na) */
} dk_verdict;

/* "pass", "FAIL", "BROKEN", "skip": the reports' words. */
const char *dk_verdict_name(dk_verdict v);

/* The kind crosses from the case's worker to the runner in the one thing
 * Criterion hands over, each failed assertion's message: case_broken()
 * writes its kind there, in front of its words, and only these read it
 * (verdict_kind.c; the words stay readable in every report). */
#define CASE_BROKEN_PREFIX "BROKEN: "
#define CASE_NA_PREFIX "n/a: "
/* A failed case's kind from its first failed assertion's message:
 * DK_BROKEN if case_broken() wrote it, else DK_FAIL. */
dk_verdict dk_verdict_of_failure(const char *message);
/* A skip's reason says the case is for the other kind of subject. */
bool dk_skip_is_na(const char *reason);

/* End the case BROKEN: the set-up, the adapter or the harness failed. */
void case_broken(const char *fmt, ...)
    __attribute__((noreturn, format(printf, 1, 2)));

/* End the case BROKEN because a deadline of seconds (as given: the scaled
 * value is what the message shows) passed with no evidence either way:
 * "inconclusive: WHAT, deadline Ns, load L1/L5". */
void case_inconclusive(double seconds, const char *fmt, ...)
    __attribute__((noreturn, format(printf, 2, 3)));

/* Evidence that nothing of the case will move again by itself: every
 * process of it sleeps, no thread runnable or in an uninterruptible wait
 * ("state S, no thread of the case's 2 processes running"), and what the
 * host adds (host.h's settled: for a Windows subject, none of them ran
 * for a while and no Wine server worked); NULL if any may be working, or
 * cannot be read. */
const char *case_idle(void);

/* A process of ours (for a Windows subject: a Windows PID, of which only
 * case_idle() can be told: host.h's outlived) outlived a deadline: the
 * evidence, in words,
 * that it will not end ("it ignores signal 15 (SigIgn)", "signal 15 was delivered
 * and it sleeps (...)"), or NULL if it may only be slow (the signal still
 * pending, or case_idle() NULL). sig: the signal that should have ended
 * it, or 0 (it should have exited by itself). */
const char *case_outlived(pid_t pid, int sig);

/* After waiting up to seconds for pid (sent sig, or 0) to do what the
 * case awaited, in vain: the evidence that it will not ("it is gone", or
 * case_outlived's), or, if there is none, the case ends inconclusive,
 * awaiting what. */
const char *case_evidence(pid_t pid, int sig, double seconds,
                          const char *what);

/* Wait up to seconds for pid (ours, or adopted) to end. true if it ended;
 * false if it outlived the deadline with evidence (*evidence, for the
 * FAIL's message); otherwise the case ends inconclusive, awaiting what. */
bool case_ends(pid_t pid, int sig, double seconds, const char *what,
               const char **evidence);

/* Wait up to seconds until the only living processes of the case are
 * those in keep. true if so; false if those left over all show evidence
 * (*evidence names it); otherwise the case ends inconclusive. */
bool case_only_left(const pid_t *keep, size_t n_keep, double seconds,
                    const char *what, const char **evidence);

/* Wait up to seconds until exactly n processes of the case live; true if
 * so; false if case_idle() is evidence (*evidence); else the case ends
 * inconclusive. For a Windows subject's processes, whose PIDs are not
 * the Linux ones. */
bool case_count_left(size_t n, double seconds, const char *what,
                     const char **evidence);

#endif
