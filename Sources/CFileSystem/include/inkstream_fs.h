#ifndef INKSTREAM_FS_H
#define INKSTREAM_FS_H
/// Flushes every dirty page of the file system holding `fd` (Linux syncfs; fsync of `fd` elsewhere).
/// One call makes a whole checkpoint's files and renames durable, instead of one fsync per document.
int inkstream_syncfs(int fd);

/// Returns freed heap memory of every malloc arena to the system (glibc malloc_trim; nothing elsewhere).
/// Worker threads' arenas otherwise keep what their caches used after the workers are gone.
void inkstream_release_free_memory(void);
#endif
