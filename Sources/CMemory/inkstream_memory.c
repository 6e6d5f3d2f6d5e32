#include "inkstream_memory.h"
#include <stdlib.h>  /* defines __GLIBC__ on glibc */
#ifdef __GLIBC__
#include <malloc.h>
#endif

void inkstream_fix_large_allocations(void) {
#ifdef __GLIBC__
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
}

void inkstream_release_free_memory(void) {
#ifdef __GLIBC__
    malloc_trim(0);
#endif
}
