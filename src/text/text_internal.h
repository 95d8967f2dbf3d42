#ifndef HUITU_TEXT_INTERNAL_H
#define HUITU_TEXT_INTERNAL_H
#include <fontconfig/fontconfig.h>
#include <pango/pango.h>
#include <stddef.h>

#include "text/text.h"

int text_find_font_dir(char *out, size_t outlen);
FcConfig *text_fc_config(const char *font_dir, char *err, size_t errlen);
const char *text_families_for_lang(const char *lang);

/* Inline markup -> plain text + Pango attributes (text_markup.c).  The
 * returned text is g_malloc'ed; attrs are added to `attrs`. */
char *text_markup_parse(const char *src, PangoAttrList *attrs, double base_size);
/* Quarter-em spacing between CJK and Latin/digits (盘古之白). */
void text_autospace(const char *text, PangoAttrList *attrs, double size);
#endif
