#include "win.h"

int dk__win_widen(const char *s, wchar_t *out, size_t n)
{
    if (n == 0 || n > INT_MAX)
        return -1;
    int got = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, out,
                                  (int)n);
    return got > 0 ? 0 : -1;
}

int dk__win_narrow(const wchar_t *s, char *out, size_t n)
{
    if (n == 0 || n > INT_MAX)
        return -1;
    int got = WideCharToMultiByte(CP_UTF8, WC_ERR_INVALID_CHARS, s, -1, out,
                                  (int)n, NULL, NULL);
    return got > 0 ? 0 : -1;
}
