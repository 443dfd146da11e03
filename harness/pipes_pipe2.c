/* pipes_pipe2.c: pipes.h where pipe2(2) exists (Linux, FreeBSD). */
#include "pipes.h"

#include <fcntl.h>
#include <unistd.h>

int dk_pipe(int p[2], int flags)
{
    return pipe2(p, flags);
}
