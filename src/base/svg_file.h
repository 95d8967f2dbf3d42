/* svg_file: SVG image files (the `image` block) through librsvg: check and
 * measure one when the spec is loaded, draw one on a cairo context.
 *
 * External resources: the file is read by huitu (size-limited) and handed
 * to librsvg with its own path as the base URL, flags NONE (librsvg's XML
 * safety limits stay on).  librsvg then loads only data: URLs and files in
 * the SVG's own folder or below (it canonicalises both paths first, so a
 * symbolic link cannot escape); http(s) and every other scheme are refused
 * without any network access.  The SVG's folder is inside the spec's folder
 * (path_guard), so an SVG reaches nothing a spec could not.  A reference
 * that is refused or missing is simply not drawn.
 * Thread-safe: every call uses its own librsvg handle. */
#ifndef HUITU_BASE_SVG_FILE_H
#define HUITU_BASE_SVG_FILE_H
#include <stddef.h>

/* 1 when path ends in ".svg" (any case). */
int svg_file_has_ext(const char *path);
/* Parse the SVG at path and give its intrinsic size in CSS px (96 dpi):
 * width/height when both are absolute, otherwise the viewBox.  Returns 0,
 * or -1 with the reason in err (not parsable, or no usable size). */
int svg_file_size(const char *path, double *w, double *h, char *err, size_t errlen);
/* Draw the SVG at path into the rect x,y,w,h of a cairo context (void *
 * so callers need no cairo header); vector output on vector surfaces.
 * Returns 0, or -1 when it cannot be read or parsed (nothing drawn). */
int svg_file_draw(const char *path, void *cairo_context, double x, double y, double w, double h);
#endif
