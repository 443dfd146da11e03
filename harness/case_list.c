#include "case_list.h"

#include <criterion/criterion.h>
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

int dk_natural_cmp(const char *a, const char *b)
{
    while (*a != '\0' && *b != '\0') {
        if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
            /* Leading zeros aside, the longer run is the larger number. */
            while (*a == '0')
                a++;
            while (*b == '0')
                b++;
            size_t la = strspn(a, "0123456789"), lb = strspn(b, "0123456789");
            if (la != lb)
                return la < lb ? -1 : 1;
            int c = strncmp(a, b, la);
            if (c != 0)
                return c;
            a += la;
            b += lb;
            continue;
        }
        if (*a != *b)
            return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
        a++;
        b++;
    }
    return (unsigned char)*a - (unsigned char)*b;
}

static int by_suite(const void *x, const void *y)
{
    const struct criterion_suite_set *const *a = x, *const *b = y;
    return dk_natural_cmp((*a)->suite.name, (*b)->suite.name);
}

static int by_test(const void *x, const void *y)
{
    const struct criterion_test *const *a = x, *const *b = y;
    return dk_natural_cmp((*a)->name, (*b)->name);
}

/* (FOREACH_SET declares n and cond: no variable here is named so.) */
void dk_list_cases(struct criterion_test_set *set, FILE *f)
{
    size_t n_suites = 0, i = 0;
    FOREACH_SET(struct criterion_suite_set *s, set->suites) {
        (void)s;
        n_suites++;
    }
    /* Arrays of pointers: sizeof *x is a pointer's size on purpose. */
    struct criterion_suite_set **suites =
        calloc(n_suites ? n_suites : 1, sizeof *suites); // NOLINT(bugprone-sizeof-expression)
    struct criterion_test **tests =
        calloc(set->tests ? set->tests : 1, sizeof *tests); // NOLINT(bugprone-sizeof-expression)
    if (suites == NULL || tests == NULL) {
        free(suites);
        free(tests);
        fputs("dkcheck: out of memory\n", stderr);
        return;
    }
    FOREACH_SET(struct criterion_suite_set *s, set->suites)
        suites[i++] = s;
    qsort(suites, n_suites, sizeof *suites, by_suite); // NOLINT(bugprone-sizeof-expression)
    for (i = 0; i < n_suites; i++) {
        size_t k = 0;
        if (suites[i]->tests != NULL)
            FOREACH_SET(struct criterion_test *t, suites[i]->tests)
                if (k < set->tests)
                    tests[k++] = t;
        if (k == 0)
            continue;
        qsort(tests, k, sizeof *tests, by_test); // NOLINT(bugprone-sizeof-expression)
        fprintf(f, "%s: %zu test%s\n", suites[i]->suite.name, k, k == 1 ? "" : "s");
        for (size_t j = 0; j < k; j++)
            fprintf(f, "%s %s\n", j + 1 < k ? "├──" : "└──", tests[j]->name);
    }
    free(suites);
    free(tests);
}
