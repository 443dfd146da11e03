/* remove_tree_links.c: remove_tree_win.c's guards, run under Wine by
 * scripts/win-remove-tree, which plants the tree and checks afterwards
 * that what the links lead to, outside the run's directory, survived.
 *
 *   remove-tree-links.exe RUN TREE OUTSIDE
 *
 * RUN is taken as the run's directory (DKCHECK_RUNDIR). Asks two
 * removals: TREE, below RUN, holding links to OUTSIDE, which must fail
 * naming a link it left; then OUTSIDE, which is not in RUN and must be
 * refused untouched. Prints each answer; exits 0 when both are as they must
 * be, 1 otherwise, 2 on bad use. */
#include "../../harness/native_win.h"
#include "../../harness/run_config.h"

#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: remove-tree-links.exe RUN TREE OUTSIDE\n");
        return 2;
    }
    run_config_set("DKCHECK_RUNDIR", argv[1]);
    char why[512] = "";
    bool ok = true;
    int r = dk_remove_tree(argv[2], why, sizeof why);
    printf("the tree with links: %d (%s)\n", r, why);
    ok = ok && r < 0 && (strstr(why, "a link") != NULL || strstr(why, "listed") != NULL);
    why[0] = '\0';
    r = dk_remove_tree(argv[3], why, sizeof why);
    printf("outside the run: %d (%s)\n", r, why);
    ok = ok && r < 0 && strstr(why, "outside the run's directory") != NULL;
    return ok ? 0 : 1;
}
