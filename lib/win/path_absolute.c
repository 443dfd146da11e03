#include "win.h"

/* A drive and a root ("C:\x", "C:/x") or a UNC name ("\\server\share"):
 * "\x" and "C:x" depend on the current drive or its cwd, so are relative. */
bool dk__path_is_absolute(const char *path)
{
    bool sep0 = path[0] == '\\' || path[0] == '/';
    bool sep1 = sep0 && (path[1] == '\\' || path[1] == '/');
    bool drive = ((path[0] | 0x20) >= 'a' && (path[0] | 0x20) <= 'z') &&
                 path[1] == ':' && (path[2] == '\\' || path[2] == '/');
    return drive || sep1;
}
