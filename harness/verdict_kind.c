/* verdict_kind.c: verdict.h's kinds, apart from verdict.c's waits and
 * evidence, which need a case: the runner's reports need only these. */
#include "verdict.h"

#include <string.h>

const char *dk_verdict_name(dk_verdict v)
{
    switch (v) {
    case DK_PASS:
        return "pass";
    case DK_FAIL:
        return "FAIL";
    case DK_BROKEN:
        return "BROKEN";
    case DK_SKIP:
        return "skip";
    }
    return "?";
}

static bool starts(const char *text, const char *prefix)
{
    return text != NULL && strncmp(text, prefix, strlen(prefix)) == 0;
}

dk_verdict dk_verdict_of_failure(const char *message)
{
    return starts(message, CASE_BROKEN_PREFIX) ? DK_BROKEN : DK_FAIL;
}

bool dk_skip_is_na(const char *reason)
{
    return starts(reason, CASE_NA_PREFIX);
}
