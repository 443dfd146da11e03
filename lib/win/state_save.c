#include "steps.h"

#include <sddl.h>
#include <stdio.h>

/* A protected DACL with one entry: full access for this user, by SID.
 * Nobody else may read what the caller handed over. (Not the OWNER RIGHTS
 * SID "OW": Wine does not map it to the user and locks everyone out.) */
static BOOL owner_only(PSECURITY_DESCRIPTOR *sd)
{
    HANDLE token;
    if (!OpenProcessToken(GetCurrentProcess(), TOKEN_QUERY, &token))
        return FALSE;
    union { TOKEN_USER user; unsigned char bytes[512]; } info;
    DWORD len;
    BOOL ok = GetTokenInformation(token, TokenUser, &info, sizeof info, &len);
    CloseHandle(token);
    wchar_t *sid;
    if (!ok || !ConvertSidToStringSidW(info.user.User.Sid, &sid))
        return FALSE;
    wchar_t sddl[256];
    _snwprintf(sddl, 256, L"D:P(A;;FA;;;%ls)", sid);
    sddl[255] = L'\0';
    LocalFree(sid);
    return ConvertStringSecurityDescriptorToSecurityDescriptorW(
        sddl, SDDL_REVISION_1, sd, NULL);
}

dk_status dk__win_state_save(const unsigned char *bytes, size_t len,
                             wchar_t *out, size_t n, dk_error *err)
{
    wchar_t dir[MAX_PATH + 1];
    DWORD got = GetTempPathW(MAX_PATH + 1, dir);
    if (got == 0 || got > MAX_PATH)
        return dk__win_fail(err, DK_ESYS, "W4", GetLastError(),
                            "no temporary directory");
    SECURITY_ATTRIBUTES sa = {sizeof sa, NULL, FALSE};
    if (!owner_only(&sa.lpSecurityDescriptor))
        return dk__win_fail(err, DK_ESYS, "W4", GetLastError(),
                            "security descriptor");
    /* The name carries our PID and a counter; CREATE_NEW refuses a file
     * someone else planted under it. */
    static LONG serial;
    HANDLE h = INVALID_HANDLE_VALUE;
    for (int attempt = 0; attempt < 100 && h == INVALID_HANDLE_VALUE; attempt++) {
        _snwprintf(out, n, L"%lsdkstate-%lu-%ld-%lu.tmp", dir,
                   (unsigned long)GetCurrentProcessId(),
                   (long)InterlockedIncrement(&serial),
                   (unsigned long)GetTickCount());
        out[n - 1] = L'\0';
        h = CreateFileW(out, GENERIC_WRITE, 0, &sa, CREATE_NEW,
                        FILE_ATTRIBUTE_TEMPORARY, NULL);
        if (h == INVALID_HANDLE_VALUE && GetLastError() != ERROR_FILE_EXISTS)
            break;
    }
    DWORD code = h == INVALID_HANDLE_VALUE ? GetLastError() : 0;
    LocalFree(sa.lpSecurityDescriptor);
    if (h == INVALID_HANDLE_VALUE)
        return dk__win_fail(err, DK_ESYS, "W4", code,
                            "cannot create the state file");
    DWORD wrote = 0;
    BOOL ok = WriteFile(h, bytes, (DWORD)len, &wrote, NULL) && wrote == len;
    code = ok ? 0 : GetLastError();
    CloseHandle(h);
    if (!ok) {
        DeleteFileW(out);
        return dk__win_fail(err, DK_ESYS, "W4", code,
                            "cannot write the state file");
    }
    return DK_OK;
}
