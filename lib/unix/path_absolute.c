#include "../common/internal.h"

bool dk__path_is_absolute(const char *path)
{
    return path[0] == '/';
}
