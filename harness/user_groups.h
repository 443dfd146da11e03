/* user_groups.h: the groups a user gets at login (getgrouplist(3)), as
 * longs. Per OS because macOS declares getgrouplist with int where Linux
 * and FreeBSD use gid_t. */
#ifndef DKCHECK_USER_GROUPS_H
#define DKCHECK_USER_GROUPS_H

#include <sys/types.h>

/* Up to max groups of user name whose primary group is gid, into out;
 * returns how many, or -1 if there are more than max. */
int dk_user_groups(const char *name, gid_t gid, long *out, int max);

#endif
