#define _GNU_SOURCE
#include <unistd.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include "inkstream_fs.h"

int inkstream_syncfs(int fd) {
#ifdef __linux__
    return syncfs(fd);
#else
    return fsync(fd);
#endif
}

void inkstream_release_free_memory(void) {
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}
