"""The subject contract's command line (CONTRACT.md section 2) for the
Python adapters, the payload's ready announcement, and the adapters' own
way of failing.

An adapter's own error (it cannot parse what the harness sent, a bug of
its own, its ready announcement failed) is never the implementation's: the
adapter exits BROKEN_STATUS with a one-line reason on stderr, and dkcheck
reports the case BROKEN. After the fork the launcher is gone, so the
daemon also writes the reason to the ready path plus ".broken", where
dkcheck looks when no ready file came."""
import os
import signal
import sys

BROKEN_STATUS = 125

SIGNALS = {"INT": signal.SIGINT, "TERM": signal.SIGTERM, "ABRT": signal.SIGABRT}
ACTIONS = ("default", "ignore", "log")
VALUED = ("--pidfile", "--ready", "--chdir", "--umask", "--stdin", "--stdout",
          "--stderr", "--shield", "--on", "--send", "--user", "--group")


class Args:
    def __init__(self):
        self.capabilities = False
        self.send = None
        self.pidfile = self.ready = self.chdir = None
        self.stdin = self.stdout = self.stderr = None
        self.umask = None
        self.user = self.group = None
        self.shield = []
        self.on = {}


def signal_number(name):
    name = name[3:] if name.startswith("SIG") else name
    if name in SIGNALS:
        return SIGNALS[name]
    if name.isdigit() and 0 < int(name) < signal.NSIG:
        return int(name)
    raise ValueError("--send %s: unknown signal" % name)


def parse(argv, supported):
    """Args from argv; ValueError with a one-line reason on bad input or on
    an option the implementation has no word for (not in supported)."""
    a = Args()
    i = 0
    while i < len(argv):
        opt = argv[i]
        if opt == "--capabilities":
            a.capabilities = True
            i += 1
            continue
        if opt not in VALUED:
            raise ValueError("%s: unknown option" % opt)
        if i + 1 >= len(argv):
            raise ValueError("%s: missing value" % opt)
        val = argv[i + 1]
        i += 2
        word = opt[2:]
        if word in ("pidfile", "ready", "send"):
            pass
        elif word not in supported:
            raise ValueError("%s: the implementation has no such option" % opt)
        if opt == "--umask":
            try:
                a.umask = int(val, 8)
            except ValueError:
                raise ValueError("--umask %s: expected octal 0..0777" % val)
            if not 0 <= a.umask <= 0o777:
                raise ValueError("--umask %s: expected octal 0..0777" % val)
        elif opt == "--shield":
            if not val.isdigit():
                raise ValueError("--shield %s: expected an fd number" % val)
            a.shield.append(int(val))
        elif opt == "--on":
            sig, _, action = val.partition("=")
            if sig not in SIGNALS:
                raise ValueError("--on %s: signal must be INT, TERM or ABRT" % val)
            if action not in ACTIONS:
                raise ValueError("--on %s: action must be default, ignore or log" % val)
            a.on[SIGNALS[sig]] = action
        elif opt == "--send":
            a.send = signal_number(val)
        else:
            setattr(a, word, val)
    if a.capabilities:
        return a
    if a.pidfile is None:
        raise ValueError("--pidfile is required")
    if a.send is None and a.ready is None:
        raise ValueError("--ready is required")
    if a.group is not None and a.user is None:
        raise ValueError("--group needs --user")
    return a


def ready_of(argv):
    """The --ready path in argv, or None (for broken() after a crash)."""
    for i, word in enumerate(argv[:-1]):
        if word == "--ready":
            return argv[i + 1]
    return None


def broken(me, reason, ready=None):
    """The adapter's own failure: reason on stderr (and in READY.broken
    when ready is given, for a daemon whose launcher is gone), then exit
    BROKEN_STATUS at once, running no exit handler of the implementation."""
    line = "%s: adapter error: %s" % (me, " ".join(str(reason).split()))
    try:
        sys.stderr.write(line + "\n")
        sys.stderr.flush()
    except Exception:
        pass
    if ready is not None:
        try:
            with open(ready + ".broken", "w") as f:
                f.write(line + "\n")
        except OSError:
            pass
    os._exit(BROKEN_STATUS)


def log_signal(signum, *_):
    """The `log` action: "signal N" appended to stdout, flushed."""
    sys.stdout.write("signal %d\n" % signum)
    sys.stdout.flush()


def announce_ready(ready_path):
    """"ready PID" on stdout and stderr, then the ready file, atomically."""
    pid = os.getpid()
    for stream in (sys.stdout, sys.stderr):
        stream.write("ready %d\n" % pid)
        stream.flush()
    tmp = "%s.tmp.%d" % (ready_path, pid)
    with open(tmp, "x") as f:
        f.write("%d\n" % pid)
    os.rename(tmp, ready_path)
