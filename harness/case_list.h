/* case_list.h: dkcheck --list, every case by step, in natural order (D1,
 * D2, ... D10; H8_a before H8_b), in the form of Criterion's own listing
 * ("U1: 4 tests", then a "├── NAME" line per case, "└── " for the last),
 * which scripts read. Criterion's own lists them in strcmp order. */
#ifndef DKCHECK_CASE_LIST_H
#define DKCHECK_CASE_LIST_H

#include <criterion/types.h>
#include <stdio.h>

/* strcmp's order, but a run of digits compares as the number it is. */
int dk_natural_cmp(const char *a, const char *b);

void dk_list_cases(struct criterion_test_set *set, FILE *f);

#endif
