/* observe_environ_linux.c: obs_read_environ_array, the environ array a
 * process's C library keeps (what getenv reads, and what a child it execs
 * inherits), read from outside through /proc/PID/mem.
 *
 * /proc/PID/environ shows the block laid out at exec, which the process
 * may overwrite while its environ array, pointing elsewhere, keeps every
 * variable: D4 reads both. The array is found by its symbol (environ or
 * __environ in an ELF .dynsym) at the address its module is mapped at
 * (/proc/PID/maps): the program's own first, where a program that names
 * environ has it copied (a copy relocation, which the C library then
 * uses), else the C library's. A process with neither (a static or Go
 * program) cannot be read so: ENOTSUP. */
#include "observe.h"

#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

enum { MAX_ENTRIES = 4096, MAX_ENTRY = 1 << 16 };

/* The start of the first mapping (file offset 0) of the program itself
 * (libc false) or of its C library (libc true), and its path as the
 * process sees it. */
static int find_module(pid_t pid, bool libc, unsigned long *base, char *path,
                       size_t size)
{
    char maps[64], exe_link[64], exe[4096] = "", line[4096 + 128];
    snprintf(exe_link, sizeof exe_link, "/proc/%d/exe", (int)pid);
    ssize_t n = readlink(exe_link, exe, sizeof exe - 1);
    exe[n > 0 ? n : 0] = '\0';
    snprintf(maps, sizeof maps, "/proc/%d/maps", (int)pid);
    FILE *f = fopen(maps, "re");
    if (f == NULL)
        return -1;
    int found = -1;
    while (found < 0 && fgets(line, sizeof line, f) != NULL) {
        unsigned long start, offset;
        int at = 0;
        if (sscanf(line, "%lx-%*x %*s %lx %*s %*s %n", &start, &offset, &at) < 2 ||
            at == 0 || offset != 0)
            continue;
        char *file = line + at;
        file[strcspn(file, "\n")] = '\0';
        const char *slash = strrchr(file, '/');
        const char *name = slash ? slash + 1 : file;
        bool match = libc ? strncmp(name, "libc.so", 7) == 0 ||
                                strncmp(name, "libc-", 5) == 0
                          : strcmp(file, exe) == 0;
        if (file[0] == '/' && match) {
            *base = start;
            snprintf(path, size, "/proc/%d/root%s", (int)pid, file);
            found = 0;
        }
    }
    fclose(f);
    if (found < 0)
        errno = ENOTSUP;
    return found;
}

/* __environ's address in the library's ELF file (64-bit), or 0. */
static unsigned long environ_offset(const unsigned char *elf, size_t size)
{
    const Elf64_Ehdr *eh = (const void *)elf;
    if (size < sizeof *eh || memcmp(eh->e_ident, ELFMAG, SELFMAG) != 0 ||
        eh->e_ident[EI_CLASS] != ELFCLASS64 ||
        eh->e_shoff + (size_t)eh->e_shnum * sizeof(Elf64_Shdr) > size)
        return 0;
    const Elf64_Shdr *sh = (const void *)(elf + eh->e_shoff);
    unsigned long low = 0;
    const Elf64_Phdr *ph = (const void *)(elf + eh->e_phoff);
    if (eh->e_phoff + (size_t)eh->e_phnum * sizeof *ph <= size)
        for (int i = 0; i < eh->e_phnum; i++)
            if (ph[i].p_type == PT_LOAD && ph[i].p_offset == 0) {
                low = ph[i].p_vaddr;
                break;
            }
    for (int i = 0; i < eh->e_shnum; i++) {
        if (sh[i].sh_type != SHT_DYNSYM || sh[i].sh_link >= eh->e_shnum)
            continue;
        const Elf64_Shdr *str = &sh[sh[i].sh_link];
        if (sh[i].sh_offset + sh[i].sh_size > size ||
            str->sh_offset + str->sh_size > size)
            return 0;
        const Elf64_Sym *sym = (const void *)(elf + sh[i].sh_offset);
        size_t n = sh[i].sh_size / sizeof *sym;
        for (size_t k = 0; k < n; k++) {
            if (sym[k].st_name >= str->sh_size)
                continue;
            const char *name = (const char *)elf + str->sh_offset + sym[k].st_name;
            if (strnlen(name, str->sh_size - sym[k].st_name) <
                    str->sh_size - sym[k].st_name &&
                (strcmp(name, "__environ") == 0 ||
                 strcmp(name, "environ") == 0) &&
                sym[k].st_shndx != SHN_UNDEF && sym[k].st_value != 0)
                return sym[k].st_value - low;
        }
    }
    return 0;
}

static int read_at(int mem, unsigned long addr, void *buf, size_t n)
{
    return pread(mem, buf, n, (off_t)addr) == (ssize_t)n ? 0 : -1;
}

/* Where environ lives in the module mapped at base from path, or 0. */
static unsigned long environ_in(const char *path, unsigned long base)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) {
        if (fd >= 0)
            close(fd);
        return 0;
    }
    void *elf = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (elf == MAP_FAILED)
        return 0;
    unsigned long off = environ_offset(elf, (size_t)st.st_size);
    munmap(elf, (size_t)st.st_size);
    return off != 0 ? base + off : 0;
}

int obs_read_environ_array(pid_t pid, char *buf, size_t size, size_t *len)
{
    *len = 0;
    unsigned long base, where = 0;
    char path[4200];
    for (int libc = 0; libc < 2 && where == 0; libc++)
        if (find_module(pid, libc, &base, path, sizeof path) == 0)
            where = environ_in(path, base);
    if (where == 0)
        return errno = ENOTSUP, -1;
    char mem_path[64];
    snprintf(mem_path, sizeof mem_path, "/proc/%d/mem", (int)pid);
    int mem = open(mem_path, O_RDONLY | O_CLOEXEC);
    if (mem < 0)
        return -1;
    unsigned long envp = 0;
    int rc = read_at(mem, where, &envp, sizeof envp);
    for (size_t i = 0; rc == 0 && envp != 0 && i < MAX_ENTRIES; i++) {
        unsigned long entry;
        if (read_at(mem, envp + i * sizeof entry, &entry, sizeof entry) < 0) {
            rc = -1;
            break;
        }
        if (entry == 0)
            break;
        /* The entry, a piece at a time (a read must not cross into an
         * unmapped page), up to its NUL. */
        for (size_t got = 0; got < MAX_ENTRY && *len < size; got++) {
            char c;
            if (read_at(mem, entry + got, &c, 1) < 0) {
                c = '\0';
                rc = -1;
            }
            buf[(*len)++] = c;
            if (c == '\0')
                break;
        }
    }
    close(mem);
    return rc;
}
