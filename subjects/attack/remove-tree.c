/* remove-tree.c: root's side of class b's race, without a run around it:
 * dkcheck's own dk_remove_tree (harness/teardown_tree.c, linked in as
 * dkcheck has it) on a tree the attacker is swapping, so the part judges
 * the removal itself wherever dkcheck may use it.
 *
 *     remove-tree DIR
 *
 * Exits 0 when DIR is gone, 1 (saying why) when it is not. */
#include "../../harness/teardown.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: remove-tree DIR\n");
        return 2;
    }
    if (dk_remove_tree(argv[1]) != 0) {
        printf("not removed: %s\n", strerror(errno));
        return 1;
    }
    return 0;
}
