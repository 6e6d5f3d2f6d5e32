#ifndef INKSTREAM_CZSTD_SHIM_H
#define INKSTREAM_CZSTD_SHIM_H
#include <zstd.h>
// ZSTD_getErrorCode, so the bundle verifier can name what is wrong with a damaged archive.
#include <zstd_errors.h>
#endif
