#ifndef INKSTREAM_CHARFBUZZSUBSET_SHIM_H
#define INKSTREAM_CHARFBUZZSUBSET_SHIM_H
// Font subsetting (hb-subset) and font tables for the direct PDF writer's embedded TrueType fonts.
#include <hb.h>
#include <hb-ot.h>
#include <hb-subset.h>
#endif
