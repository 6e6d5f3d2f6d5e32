#ifndef INKSTREAM_CDEFLATE_SHIM_H
#define INKSTREAM_CDEFLATE_SHIM_H
// zlib-format (FlateDecode) compression for the direct PDF writer's streams.
#include <libdeflate.h>
#endif
