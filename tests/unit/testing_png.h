/* Decoding a PNG held in memory, for the tests that compare pixels
 * (test_png_bands, test_render_walk).  cairo's reader goes through
 * libpng, which checks every CRC and the zlib checksum, so a malformed
 * file fails here rather than decoding to something plausible. */
#ifndef HUITU_TESTING_PNG_H
#define HUITU_TESTING_PNG_H

#include <cairo.h>
#include <string.h>

typedef struct testing_png_mem {
  const unsigned char *p;
  size_t left;
} testing_png_mem;

static inline cairo_status_t testing_png_read(void *closure, unsigned char *data, unsigned int length) {
  testing_png_mem *m = closure;
  if (length > m->left) return CAIRO_STATUS_READ_ERROR;
  memcpy(data, m->p, length);
  m->p += length;
  m->left -= length;
  return CAIRO_STATUS_SUCCESS;
}

/* A cairo image of the PNG; check cairo_surface_status before use. */
static inline cairo_surface_t *testing_png_decode(const unsigned char *png, size_t len) {
  testing_png_mem m = {png, len};
  return cairo_image_surface_create_from_png_stream(testing_png_read, &m);
}

#endif
