/* H8 broken: the subject forgets to check that its options name different
 * files, so --ready naming the PID file is accepted and the ready file is
 * written over the PID file.
 * wraps: subject_parse_args
 */
#include "../subject_args.h"

#include <string.h>

int __real_subject_parse_args(int argc, char **argv, subject_args *out,
                              char *why, size_t size);

int __wrap_subject_parse_args(int argc, char **argv, subject_args *out,
                              char *why, size_t size)
{
    int r = __real_subject_parse_args(argc, argv, out, why, size);
    /* The alias check is the parser's last: everything else is filled. */
    if (r < 0 && strstr(why, "name the same file") != NULL)
        return 0;
    return r;
}
