#define _GNU_SOURCE
#include <unistd.h>
#include "inkstream_fs.h"

int inkstream_syncfs(int fd) {
#ifdef __linux__
    return syncfs(fd);
#else
    return fsync(fd);
#endif
}
