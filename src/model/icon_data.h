/* The built-in icons' names and SVG path data (24-unit grid,
 * filled, nonzero winding).  The model validates icon names against this
 * table; layout/icons.h draws them. */
#ifndef HUITU_MODEL_ICON_DATA_H
#define HUITU_MODEL_ICON_DATA_H

extern const char *const icon_names[]; /* NULL-terminated */
/* The path data of a built-in icon, or NULL. */
const char *icon_builtin_path(const char *name);
#endif
