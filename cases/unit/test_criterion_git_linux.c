/* test_criterion_git_linux.c: harness/criterion_git_linux.c, which puts off
 * libgit2's set-up until Criterion first asks for a diff. Criterion's own
 * git_libgit2_init() in this worker was only counted, so a diff that works
 * here is one the wrapper set libgit2 up for (libgit2 used before its set-up
 * has no allocator and fails). */
#include <criterion/criterion.h>
#include <git2.h>

typedef struct line_counts {
    int added, deleted, context;
} line_counts;

static int count_line(const git_diff_delta *delta, const git_diff_hunk *hunk,
                      const git_diff_line *line, void *payload)
{
    (void)delta;
    (void)hunk;
    line_counts *c = payload;
    c->added += line->origin == GIT_DIFF_LINE_ADDITION;
    c->deleted += line->origin == GIT_DIFF_LINE_DELETION;
    c->context += line->origin == GIT_DIFF_LINE_CONTEXT;
    return 0;
}

Test(criterion_git, first_diff_sets_libgit2_up)
{
    const char old_text[] = "same\nold\n", new_text[] = "same\nnew\n";
    line_counts c = {0};
    int rc = git_diff_buffers(old_text, sizeof old_text - 1, "a", new_text,
                              sizeof new_text - 1, "b", NULL, NULL, NULL,
                              NULL, count_line, &c);
    cr_assert_eq(rc, 0, "git_diff_buffers: %d", rc);
    cr_expect_eq(c.deleted, 1, "lines deleted: %d", c.deleted);
    cr_expect_eq(c.added, 1, "lines added: %d", c.added);
    cr_expect_eq(c.context, 1, "context lines: %d", c.context);
}

Test(criterion_git, init_and_shutdown_count)
{
    int first = git_libgit2_init();
    cr_assert_gt(first, 0, "git_libgit2_init: %d", first);
    cr_assert_eq(git_libgit2_init(), first + 1);
    cr_assert_eq(git_libgit2_shutdown(), first);
    cr_assert_eq(git_libgit2_shutdown(), first - 1);
}
