/* wine_busy_none.c: wine_busy.h where we do not look (no Wine runs a
 * Windows subject for dkcheck there): always busy, so that no Windows
 * process is ever taken for a stuck one. */
#include "wine_busy.h"

bool dk_wine_server_busy(void)
{
    return true;
}
