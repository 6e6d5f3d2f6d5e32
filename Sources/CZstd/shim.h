#ifndef INKSTREAM_CZSTD_SHIM_H
#define INKSTREAM_CZSTD_SHIM_H
#include <zstd.h>
#endif
