/* The built-in pictogram icons: SVG path data on a 24-unit grid (filled,
 * nonzero winding; holes run the other way), drawn as scene paths. */
#ifndef HUITU_LAYOUT_ICONS_H
#define HUITU_LAYOUT_ICONS_H
#include <stdint.h>

#include "model/icon_data.h"
#include "scene/scene.h"

/* One path item filling the size x size box at (x, y).  Returns 0, or -1
 * when the path data does not parse (validated at model build). */
int icon_emit(scene *s, const char *path_data, double x, double y, double size, uint32_t color, const char *role);
#endif
