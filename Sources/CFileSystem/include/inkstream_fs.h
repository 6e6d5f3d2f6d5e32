#ifndef INKSTREAM_FS_H
#define INKSTREAM_FS_H
/// Flushes every dirty page of the file system holding `fd` (Linux syncfs; fsync of `fd` elsewhere).
/// One call makes a whole checkpoint's files and renames durable, instead of one fsync per document.
int inkstream_syncfs(int fd);
#endif
