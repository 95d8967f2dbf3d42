/* The built-in icons: SVG path data on a 24-unit grid (filled, nonzero
 * winding; holes run the other way: model/icon_data.c), drawn as scene
 * paths; an icon of the spec's own ({svg: file.svg}) as an image. */
#ifndef HUITU_LAYOUT_ICONS_H
#define HUITU_LAYOUT_ICONS_H
#include <stdint.h>

#include "model/icon_data.h"
#include "model/infographic.h"
#include "scene/scene.h"

/* One path item filling the size x size box at (x, y).  Returns 0, or -1
 * when the path data does not parse (validated at model build). */
int icon_emit(scene *s, const char *path_data, double x, double y, double size, uint32_t color, const char *role);
/* An icon_ref into the size x size box at (x, y): path data filled in
 * color, an SVG contained and centred in its own colours. */
void icon_draw(scene *s, const icon_ref *r, double x, double y, double size, uint32_t color, const char *role);

/* A key number's icon (kpi: icon, iconPosition, iconDisc, iconSize).
 * box: the square it takes (with a disc, the disc's diameter); glyph: the
 * icon's size inside it; gap: to the number (right of it, or below). */
typedef struct icon_slot {
  double box, glyph, gap;
} icon_slot;
/* The slot for a number of size num_size (given > 0: iconSize). */
icon_slot icon_slot_for(double num_size, double given, int disc);
/* The slot at (x, y): the disc (color at low opacity) and the glyph. */
void icon_slot_emit(scene *s, const icon_ref *r, const icon_slot *sl, double x, double y, uint32_t color, int disc,
                    const char *role);
#endif
