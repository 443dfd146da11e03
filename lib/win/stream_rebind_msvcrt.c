/* A process started detached has no standard handles, and msvcrt then
 * gives stdin, stdout and stderr no fd at all (-2), so that freopen()
 * refuses them and printf writes nowhere even once fd 1 is open. msvcrt's
 * FILE is a public struct: bind the stream to the fd directly. (A UCRT
 * build, whose FILE is opaque, needs a stream_rebind_ucrt.c instead.) */
#include "win.h"

#include <stdio.h>

void dk__win_stream_rebind(FILE *stream, int fd)
{
    fflush(stream);
    if (_fileno(stream) != fd)
        stream->_file = fd;
    clearerr(stream);
}
