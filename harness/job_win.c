/* job_win.c: the case's Job object (native_win.h). */
#include "native_win.h"

#include "wait.h"

#include <stdio.h>
#include <stdlib.h>

const wchar_t *dk_wide(const char *s, wchar_t *buf, size_t n)
{
    if (s == NULL)
        return NULL;
    if (MultiByteToWideChar(CP_UTF8, 0, s, -1, buf, (int)n) == 0)
        buf[0] = L'\0';
    return buf;
}

static HANDLE the_job;

HANDLE dk_case_job(char *why, size_t size)
{
    if (the_job != NULL)
        return the_job;
    HANDLE job = CreateJobObjectW(NULL, NULL);
    if (job == NULL) {
        snprintf(why, size, "CreateJobObject: Windows error %lu",
                 (unsigned long)GetLastError());
        return NULL;
    }
    /* A worker that dies (Criterion's timeout, a crash) closes its last
     * handle to the job, and Windows ends the case's processes then: the
     * teardown a killed Unix worker gets from the run's guard. */
    JOBOBJECT_EXTENDED_LIMIT_INFORMATION limit = {0};
    limit.BasicLimitInformation.LimitFlags = JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE;
    if (!SetInformationJobObject(job, JobObjectExtendedLimitInformation,
                                 &limit, sizeof limit)) {
        snprintf(why, size, "SetInformationJobObject: Windows error %lu",
                 (unsigned long)GetLastError());
        CloseHandle(job);
        return NULL;
    }
    the_job = job;
    return job;
}

size_t dk_case_job_pids(pid_t *out, size_t max)
{
    if (the_job == NULL)
        return 0;
    enum { CAP = 1024 };
    static union {
        JOBOBJECT_BASIC_PROCESS_ID_LIST list;
        unsigned char room[sizeof(JOBOBJECT_BASIC_PROCESS_ID_LIST) +
                           CAP * sizeof(ULONG_PTR)];
    } ids;
    ids.list.NumberOfAssignedProcesses = CAP;
    if (!QueryInformationJobObject(the_job, JobObjectBasicProcessIdList,
                                   &ids, sizeof ids, NULL))
        return 0;
    size_t n = ids.list.NumberOfProcessIdsInList, kept = 0;
    for (size_t i = 0; i < n && kept < max; i++)
        out[kept++] = (pid_t)ids.list.ProcessIdList[i];
    return kept;
}

static bool job_empty(void *arg)
{
    (void)arg;
    JOBOBJECT_BASIC_ACCOUNTING_INFORMATION acct;
    return !QueryInformationJobObject(the_job, JobObjectBasicAccountingInformation,
                                      &acct, sizeof acct, NULL) ||
           acct.ActiveProcesses == 0;
}

bool dk_case_job_end(double seconds)
{
    if (the_job == NULL)
        return true;
    TerminateJobObject(the_job, 9);
    bool empty = dk_wait_until(job_empty, NULL, dk_deadline_in(seconds));
    CloseHandle(the_job);
    the_job = NULL;
    return empty;
}
