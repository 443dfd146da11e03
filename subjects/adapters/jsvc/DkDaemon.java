/* The contract's payload as an Apache Commons Daemon service, for jsvc
 * (subjects/adapters/jsvc/subject): its one argument is the --ready path.
 * start() announces the daemon, as the contract's second and third steps
 * say; an error there is thrown, so that jsvc fails the start and, under
 * -wait, its launcher. jsvc's own signal handlers are installed once
 * start() has returned: its launcher, under -wait, exits only after that. */
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.apache.commons.daemon.Daemon;
import org.apache.commons.daemon.DaemonContext;
import org.apache.commons.daemon.DaemonInitException;

public final class DkDaemon implements Daemon {
    private String ready;

    @Override
    public void init(DaemonContext context) throws DaemonInitException {
        String[] args = context.getArguments();
        if (args.length != 1)
            throw new DaemonInitException("expected one argument, the ready path");
        ready = args[0];
    }

    @Override
    public void start() throws Exception {
        long pid = ProcessHandle.current().pid();
        System.out.print("ready " + pid + "\n");
        System.out.flush();
        System.err.print("ready " + pid + "\n");
        System.err.flush();
        /* Written beside the ready path, then renamed onto it. */
        Path tmp = Paths.get(ready + ".tmp." + pid);
        Files.write(tmp, (pid + "\n").getBytes(StandardCharsets.US_ASCII),
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        Files.move(tmp, Paths.get(ready), StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void stop() {
    }

    @Override
    public void destroy() {
    }
}
