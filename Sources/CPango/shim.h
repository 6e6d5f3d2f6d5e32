#ifndef INKSTREAM_CPANGO_SHIM_H
#define INKSTREAM_CPANGO_SHIM_H
#include <pango/pangocairo.h>
#include <pango/pangofc-font.h>
#include <pango/pangofc-fontmap.h>
#include <fontconfig/fontconfig.h>

/* The font file and face index behind a Pango font (fontconfig backend), so the renderer can open
   the same face without sharing Pango objects. Returns 0 when the font is not fontconfig-backed. */
static inline int inkstream_pango_font_file(PangoFont *font, const char **path, int *index) {
    if (!PANGO_IS_FC_FONT(font)) return 0;
    FcPattern *p = pango_fc_font_get_pattern(PANGO_FC_FONT(font));
    FcChar8 *file = NULL;
    if (FcPatternGetString(p, FC_FILE, 0, &file) != FcResultMatch) return 0;
    if (FcPatternGetInteger(p, FC_INDEX, 0, index) != FcResultMatch) *index = 0;
    *path = (const char *)file;
    return 1;
}

/* A font map that sees the fonts of `config` (the system's plus a template's own folder). */
static inline void inkstream_font_map_set_config(PangoFontMap *map, FcConfig *config) {
    pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(map), config);
}

static inline PangoFontMap *inkstream_pango_font_map_new(void) { return pango_cairo_font_map_new(); }
static inline void inkstream_g_object_unref(void *obj) { g_object_unref(obj); }
static inline PangoLayoutIter *inkstream_layout_iter(PangoLayout *l) { return pango_layout_get_iter(l); }
#endif
