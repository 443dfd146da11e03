"""The contract's payload as a Twisted application, for twistd --python
(subjects/adapters/twistd, which runs twistd in its own process and leaves
the parsed contract options in its module, dk_twistd_subject.CONTRACT).

The service opens the ready file's temporary file when twistd starts it,
so that a failure there reaches the launcher through twistd's status pipe
(its readiness); it announces itself once the reactor runs, since only then
are twistd's signal handlers in place (the contract's first step)."""
import os
import sys

from twisted.application import service
from twisted.internet import reactor

import adapter_args
import dk_twistd_subject

ME = "subject-twistd"


def announce(tmp_file, tmp, ready):
    try:
        pid = os.getpid()
        for stream in (sys.stdout, sys.stderr):
            stream.write("ready %d\n" % pid)
            stream.flush()
        tmp_file.write("%d\n" % pid)
        tmp_file.close()
        os.rename(tmp, ready)
    except Exception as e:
        adapter_args.broken(ME, "ready announcement: %s" % e, ready=ready)


class Payload(service.Service):
    def startService(self):
        service.Service.startService(self)
        ready = dk_twistd_subject.CONTRACT.ready
        tmp = "%s.tmp.%d" % (ready, os.getpid())
        tmp_file = open(tmp, "x")
        reactor.callWhenRunning(announce, tmp_file, tmp, ready)


application = service.Application("dkcheck-payload")
Payload().setServiceParent(application)
