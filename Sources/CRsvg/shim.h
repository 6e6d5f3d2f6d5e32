#ifndef INKSTREAM_CRSVG_SHIM_H
#define INKSTREAM_CRSVG_SHIM_H
#include <librsvg/rsvg.h>
#endif
