/* Built-in icons, designed on a 24x24 grid with a 1.5-unit margin: simple
 * filled silhouettes that read at 16px and print cleanly at any size.
 * Data only (names and SVG path data): the model checks names against it,
 * layout (layout/icons.c) draws them. */
#include "model/icon_data.h"

#include <string.h>

static const struct {
  const char *name, *d;
} icons[] = {
    {"person",
     "M12 1.6a3.1 3.1 0 1 1 0 6.2a3.1 3.1 0 1 1 0-6.2Z"
     "M8.6 9h6.8a2.6 2.6 0 0 1 2.6 2.6v4.9h-2.2v-4.3h-.6v10.3h-2.8v-6h-.8v6H8.8V12.2h-.6v4.3H6v-4.9A2.6 2.6 0 0 1 8.6 9Z"},
    {"elder",
     "M10.3 1.8a3 3 0 1 1 0 6a3 3 0 1 1 0-6Z"
     "M6.9 9.2h6.4a2.4 2.4 0 0 1 2.4 2.4v4.7h-2v-4.2h-.6v10.4h-2.6v-5.9h-.8v5.9H6.9V12.1h-.6v4.2H4.5v-4.7A2.4 2.4 0 0 1 6.9 9.2Z"
     "M15.2 14.4h1.9a1.5 1.5 0 0 1 1.5 1.5v6.6h-1.3v-6.4a.4.4 0 0 0-.4-.4h-1.7Z"},
    {"child",
     "M12 4.6a2.7 2.7 0 1 1 0 5.4a2.7 2.7 0 1 1 0-5.4Z"
     "M9.8 10.9h4.4a2.2 2.2 0 0 1 2.2 2.2v3.6h-1.8v-3.2h-.5v9h-1.7v-4.6h-.8v4.6H9.9v-9h-.5v3.2H7.6v-3.6a2.2 2.2 0 0 1 2.2-2.2Z"},
    {"family",
     "M5.5 2.2a2.3 2.3 0 1 1 0 4.6a2.3 2.3 0 1 1 0-4.6Z"
     "M4 7.8h3a1.9 1.9 0 0 1 1.9 1.9V15H2.1V9.7A1.9 1.9 0 0 1 4 7.8Z"
     "M2.9 14.5h2.2v8H2.9Z M5.9 14.5h2.2v8H5.9Z"
     "M18.5 2.2a2.3 2.3 0 1 1 0 4.6a2.3 2.3 0 1 1 0-4.6Z"
     "M17 7.8h3a1.9 1.9 0 0 1 1.9 1.9V15h-6.8V9.7A1.9 1.9 0 0 1 17 7.8Z"
     "M15.9 14.5h2.2v8h-2.2Z M18.9 14.5h2.2v8h-2.2Z"
     "M12 9.6a1.8 1.8 0 1 1 0 3.6a1.8 1.8 0 1 1 0-3.6Z"
     "M11 13.9h2a1.4 1.4 0 0 1 1.4 1.4V18.6H9.6v-3.3A1.4 1.4 0 0 1 11 13.9Z"
     "M10.1 18.2h1.6v4.3h-1.6Z M12.3 18.2h1.6v4.3h-1.6Z"},
    {"home", "M12 2 1.5 11.2h3V22h5.7v-6.3h3.6V22h5.7V11.2h3Z"},
    {"bed",
     "M2 5.5h2.2v8H22v6.5h-2.2v-2.5H4.2V20H2Z"
     "M5.4 9.6a2.1 2.1 0 0 1 2.1-2.1h1.9a2.1 2.1 0 0 1 2.1 2.1v2.9H5.4Z"
     "M12.6 8.4h6a3.2 3.2 0 0 1 3.2 3.2v.9h-9.2Z"},
    {"hospital",
     "M4 4h16v18h-5.9v-3.8h-4.2V22H4Z"
     "M10.8 6.6V9H8.4v2.4h2.4v2.4h2.4v-2.4h2.4V9h-2.4V6.6Z"},
    {"heart",
     "M12 21.2C6.8 16.9 2.3 13.3 2.3 8.6 2.3 5.6 4.6 3.3 7.5 3.3c1.9 0 3.5 1 4.5 2.6 1-1.6 2.6-2.6 4.5-2.6 2.9 0 5.2 2.3 5.2 5.3 0 4.7-4.5 8.3-9.7 12.6Z"},
    {"hand",
     "M6.2 12.4V6.6a1.3 1.3 0 0 1 2.6 0V11h.5V4.4a1.3 1.3 0 0 1 2.6 0V11h.5V5a1.3 1.3 0 0 1 2.6 0V11h.5V7.2a1.3 1.3 0 0 1 2.6 0V15"
     "c0 4.2-2.8 7.3-6.7 7.3-2.6 0-4.4-1.2-5.8-3.3L2.6 14a1.35 1.35 0 0 1 2.2-1.6L6.2 14.3Z"},
    {"coin",
     "M12 1.5a10.5 10.5 0 1 1 0 21a10.5 10.5 0 1 1 0-21Z"
     "M12 3.4a8.6 8.6 0 1 0 0 17.2a8.6 8.6 0 1 0 0-17.2Z"
     "M7.4 5.8h2.5L12 9.3l2.1-3.5h2.5l-3.2 5h2.4v1.6h-2.7v1.2h2.7v1.6h-2.7v3.4h-2.2v-3.4H8.2v-1.6h2.7v-1.2H8.2v-1.6h2.4Z"},
    {"building",
     "M3.5 22.5V2.5h11.5v6.5h5.5v13.5Z"
     "M6 5v2h2V5Z M10.5 5v2h2V5Z M6 9v2h2V9Z M10.5 9v2h2V9Z M6 13v2h2v-2Z M10.5 13v2h2v-2Z"
     "M16.5 12v2h2v-2Z M16.5 16v2h2v-2Z M7.8 17.5v5h3v-5Z"},
    {"tree",
     "M12 1.5a6.3 6.3 0 0 1 6.2 7.6A5.2 5.2 0 0 1 16.6 19h-3.4v3.5h-2.4V19H7.4a5.2 5.2 0 0 1-1.6-9.9A6.3 6.3 0 0 1 12 1.5Z"},
    {"book",
     "M12 5.6C10 4.1 7 3.5 2.5 3.7v15.6c4.5-.2 7.5.4 9.5 1.9 2-1.5 5-2.1 9.5-1.9V3.7C17 3.5 14 4.1 12 5.6Z"
     "M11.4 7.2v12.1h1.2V7.2Z"},
};

const char *const icon_names[] = {"person", "elder", "child", "family", "home", "bed", "hospital",
                                  "heart", "hand", "coin", "building", "tree", "book", NULL};

const char *icon_builtin_path(const char *name) {
  if (!strcmp(name, "yuan")) name = "coin";
  for (size_t i = 0; i < sizeof icons / sizeof icons[0]; i++)
    if (!strcmp(icons[i].name, name)) return icons[i].d;
  return NULL;
}
