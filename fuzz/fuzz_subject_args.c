/* libFuzzer target: the subject's option parser
 * (subjects/subject_args.c). The input, split on NULs, is argv[1..].
 * Checks beyond "never crash": a refusal gives a one-line reason that fits
 * its buffer; an acceptance obeys the contract's invariants. */
#include "../subjects/subject_args.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define MAX_ARGV 256

static void check_accepted(const subject_args *a)
{
    if (a->mode == MODE_CAPABILITIES)
        return;
    if (a->pidfile == NULL || (a->mode == MODE_DAEMONIZE && a->ready == NULL))
        abort();
    if (a->umask < -1 || a->umask > 0777 || a->n_shield > SUBJECT_MAX_SHIELD)
        abort();
    for (size_t i = 0; i < a->n_shield; i++)
        if (a->shield[i] < 0)
            abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* One byte more for the final NUL, so every argument is a string. */
    char *buf = malloc(size + 1);
    if (buf == NULL)
        return 0;
    memcpy(buf, data, size);
    buf[size] = '\0';

    char *argv[MAX_ARGV + 1];
    int argc = 0;
    argv[argc++] = "subject";
    for (size_t i = 0; i < size && argc < MAX_ARGV; i += strlen(buf + i) + 1)
        argv[argc++] = buf + i;
    argv[argc] = NULL;

    subject_args a;
    char why[64];
    why[0] = '\0';
    if (subject_parse_args(argc, argv, &a, why, sizeof why) == 0)
        check_accepted(&a);
    else if (why[0] == '\0' || memchr(why, '\0', sizeof why) == NULL ||
             strchr(why, '\n') != NULL)
        abort();
    free(buf);
    return 0;
}
