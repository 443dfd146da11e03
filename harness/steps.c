#include "steps.h"

#include <string.h>

const dk_step dk_steps[] = {
    {"U1", "Create the PID file, failing if it already exists.", "unix"},
    {"U2", "Register cleanup of the PID file for program exit.", "unix"},
    {"U3", "Double-fork: leave the original process group and any "
           "controlling terminal.", "unix"},
    {"U4", "Reset the umask and change the working directory.", "unix"},
    {"U5", "Write the daemon's PID to the PID file.", "unix"},
    {"U6", "Close file descriptors (except shielded ones).", "unix"},
    {"U7", "Redirect stdin, stdout and stderr.", "unix"},
    {"U8", "A well-behaved daemon handles SIGTERM: it cleans up and exits.",
     "unix"},
    {"W1", "Find the running program (the executable's own path).", "windows"},
    {"W2", "Start the relaunch detached, with no console window.", "windows"},
    {"W3", "Create the PID file, failing if it already exists.", "windows"},
    {"W4", "Save the caller's state and relaunch the program.", "windows"},
    {"W5", "The relaunched process bypasses already-completed setup code.",
     "windows"},
    {"W6", "Change the working directory.", "windows"},
    {"W7", "Write its PID to the PID file and register its cleanup for exit.",
     "windows"},
    {"W8", "Redirect stdin, stdout and stderr.", "windows"},
    {"W9", "Extract the saved state.", "windows"},
    {"W10", "Hand the state back; the original process exits after the "
            "daemon acknowledges.", "windows"},
    {"SU", "Signals on Unix: handlers get the number; defaults for INT, TERM, "
           "ABRT; IGNORE; replaceable; stop() restores.", "unix"},
    {"SW1", "A thread of the daemon is devoted to signal handling.", "windows"},
    {"SW2", "That thread starts a sleep-forever sentinel child process.",
     "windows"},
    {"SW3", "The PID file is overwritten with the sentinel's PID.", "windows"},
    {"SW4", "The sentinel's exit code is the signal number; the handler runs.",
     "windows"},
    {"SW5", "A new sentinel for every signal; on stop the PID file holds the "
            "daemon's PID.", "windows"},
    {"SW6", "Default handlers end the daemon the orderly way.", "windows"},
    {"H1", "Exclusivity holds under a race: K launchers, exactly one daemon.",
     "all"},
    {"H2", "A stale PID file is reclaimed safely or refused naming the stale "
           "PID.", "all"},
    {"H3", "Readiness: a daemon failing after the fork makes the launcher "
           "fail, leaving nothing.", "all"},
    {"H4", "The PID file is not followed through a symlink and is not group- "
           "or world-writable.", "all"},
    {"H5", "Signal dispositions and mask inherited from the launcher are "
           "reset.", "unix"},
    {"H6", "Redirected output is appended, never truncating an existing log.",
     "all"},
    {"H7", "Descriptors are closed however high the limit.", "unix"},
    {"H8", "Bad input: a one-line reason, non-zero exit, nothing left behind.",
     "all"},
    {"H9", "No start-up window: a SIGTERM the instant the launcher has "
           "exited 0 ends the daemon the orderly way, its PID file removed.",
     "unix"},
    {"H10", "Standard input is opened read-only, the null device or the file "
            "asked for.", "unix"},
    {"H11", "Whatever the caller's standard descriptors (closed at launch), "
           "the daemon holds its PID file and has stdio redirected.", "unix"},
    {"N1", "systemd readiness: READY=1 and MAINPID to NOTIFY_SOCKET once, from "
           "the daemon, after its PID file; STOPPING=1 on SIGTERM.", "unix"},
    {"N2", "s6 readiness: one newline on the notify fd after the PID file, "
           "then the fd closed.", "unix"},
    {"P1", "Privileges dropped: the user's uid and gid (real, effective, "
           "saved) and groups; the PID file still removed; a bad user "
           "refused.", "unix"},
    /* The daemon7 profile (dkcheck --profile daemon7): systemd daemon(7)'s
     * list for SysV daemons, numbered as its items; only the items with
     * cases are here (docs/CONTRACT.md, "The daemon7 profile"). */
    {"D1", "daemon(7): every descriptor but stdio closed.", "unix"},
    {"D2", "daemon(7): every signal handler reset to its default (none "
           "ignored).", "unix"},
    {"D3", "daemon(7): the signal mask reset (nothing blocked).", "unix"},
    {"D4", "daemon(7): the environment sanitized: only the variables the "
           "contract allows are left.", "unix"},
    {"D5", "daemon(7): fork(): the daemon is a background process, not the "
           "original one.", "unix"},
    {"D6", "daemon(7): setsid() in the child: a session of its own, no "
           "controlling terminal.", "unix"},
    {"D7", "daemon(7): a second fork: the daemon does not lead its session.",
     "unix"},
    {"D8", "daemon(7): the first child exits: the daemon is re-parented to "
           "init (the subreaper).", "unix"},
    {"D9", "daemon(7): stdin, stdout and stderr on /dev/null.", "unix"},
    {"D10", "daemon(7): the umask set to 0.", "unix"},
    {"D11", "daemon(7): the working directory changed to /.", "unix"},
    {"D12", "daemon(7): the PID file written race-free: one daemon, however "
            "launches meet.", "unix"},
    {"D13", "daemon(7): privileges dropped, when asked: the user's uid, gid "
            "and groups.", "unix"},
    {"D14", "daemon(7): the daemon tells the original process how its "
            "initialization went (a failure too).", "unix"},
    {"D15", "daemon(7): the original process exits only once told: the PID "
            "file holds the living daemon's PID by then.", "unix"},
};

const size_t dk_n_steps = sizeof dk_steps / sizeof dk_steps[0];

const dk_step *dk_step_find(const char *id)
{
    for (size_t i = 0; i < dk_n_steps; i++)
        if (strcmp(dk_steps[i].id, id) == 0)
            return &dk_steps[i];
    return NULL;
}
