#ifndef INKSTREAM_CCAIRO_SHIM_H
#define INKSTREAM_CCAIRO_SHIM_H
#include <cairo.h>
#include <cairo-pdf.h>
#include <cairo-ft.h>
#include <fontconfig/fontconfig.h>

/* A cairo font face for one face of one font file, as fontconfig names it. */
static inline cairo_font_face_t *inkstream_cairo_face_for_file(const char *path, int index) {
    FcPattern *p = FcPatternCreate();
    FcPatternAddString(p, FC_FILE, (const FcChar8 *)path);
    FcPatternAddInteger(p, FC_INDEX, index);
    cairo_font_face_t *face = cairo_ft_font_face_create_for_pattern(p);
    FcPatternDestroy(p);
    return face;
}
#endif
