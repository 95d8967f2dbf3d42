/* Unit test for src/render/png_encode.c.
 *
 * Every encoded image is decoded again with libpng (simplified png_image API)
 * and compared pixel by pixel with the expected un-premultiplied values; the
 * chunk structure (colour type, bit depth, PLTE/tRNS, sRGB, pHYs, CRCs) is
 * checked by a small independent parser.
 *
 * libpng is resolved at run time with dlopen() because the unit tests are only
 * linked against huitu_static's dependencies (cairo, libdeflate, ...), which
 * do not include libpng; the library itself must not depend on libpng. */
#include <cairo.h>
#include <libdeflate.h>
#include <dlfcn.h>
#include <limits.h>
#include <png.h>
#include <stdint.h>
#include <stdlib.h>

#include "render/png_encode.h"
#include "testing.h"

/* ---- libpng, loaded at run time ---------------------------------------- */

typedef int (*begin_read_fn)(png_imagep, png_const_voidp, size_t);
typedef int (*finish_read_fn)(png_imagep, png_const_colorp, void *, png_int_32, void *);
typedef void (*image_free_fn)(png_imagep);

static begin_read_fn png_begin;
static finish_read_fn png_finish;
static image_free_fn png_free_image;

static int load_libpng(void) {
  void *h = dlopen("libpng16.so.16", RTLD_NOW);
  if (!h) h = dlopen("libpng16.so", RTLD_NOW);
  if (!h) {
    fprintf(stderr, "cannot load libpng: %s\n", dlerror());
    return 0;
  }
  /* POSIX guarantees object <-> function pointer conversion for dlsym */
  *(void **)&png_begin = dlsym(h, "png_image_begin_read_from_memory");
  *(void **)&png_finish = dlsym(h, "png_image_finish_read");
  *(void **)&png_free_image = dlsym(h, "png_image_free");
  return png_begin && png_finish && png_free_image;
}

/* Decodes to 8-bit RGBA (straight alpha); returns malloc'd pixels or NULL. */
static unsigned char *decode_rgba(const unsigned char *png, size_t len, int *w, int *h) {
  png_image img;
  memset(&img, 0, sizeof img);
  img.version = PNG_IMAGE_VERSION;
  if (!png_begin(&img, png, len)) {
    fprintf(stderr, "libpng: %s\n", img.message);
    return NULL;
  }
  img.format = PNG_FORMAT_RGBA;
  unsigned char *buf = malloc(PNG_IMAGE_SIZE(img));
  if (!buf || !png_finish(&img, NULL, buf, 0, NULL)) {
    fprintf(stderr, "libpng: %s\n", img.message);
    free(buf);
    png_free_image(&img);
    return NULL;
  }
  *w = (int)img.width;
  *h = (int)img.height;
  png_free_image(&img);
  return buf;
}

/* ---- independent chunk parser -------------------------------------------- */

static uint32_t crc_table[256];
static void crc_init(void) {
  for (uint32_t n = 0; n < 256; n++) {
    uint32_t c = n;
    for (int k = 0; k < 8; k++) c = (c & 1) ? 0xedb88320u ^ (c >> 1) : c >> 1;
    crc_table[n] = c;
  }
}
static uint32_t crc32_of(const unsigned char *p, size_t n) {
  uint32_t c = 0xffffffffu;
  for (size_t i = 0; i < n; i++) c = crc_table[(c ^ p[i]) & 0xff] ^ (c >> 8);
  return c ^ 0xffffffffu;
}
static uint32_t be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

typedef struct {
  int valid; /* signature, CRCs, chunk order all fine */
  uint32_t width, height;
  int depth, ctype, interlace;
  int npal;
  unsigned char pal[768];
  int ntrns;
  unsigned char trns[256];
  int srgb; /* rendering intent, -1 if absent */
  int has_phys;
  uint32_t phys_x, phys_y;
  int phys_unit;
  int nidat;
} pnginfo;

static pnginfo parse_png(const unsigned char *p, size_t len) {
  static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  pnginfo in;
  memset(&in, 0, sizeof in);
  in.srgb = -1;
  if (len < 8 || memcmp(p, sig, 8) != 0) {
    fprintf(stderr, "bad signature\n");
    return in;
  }
  size_t off = 8;
  int n = 0, seen_iend = 0, idat_ended = 0, ok = 1;
  while (off + 12 <= len && !seen_iend) {
    uint32_t clen = be32(p + off);
    if (clen > len - off - 12) {
      ok = 0;
      break;
    }
    const unsigned char *type = p + off + 4, *d = p + off + 8;
    if (crc32_of(type, clen + 4) != be32(d + clen)) {
      fprintf(stderr, "bad CRC in %.4s\n", (const char *)type);
      ok = 0;
    }
    if (n == 0 && memcmp(type, "IHDR", 4) != 0) ok = 0;
    if (in.nidat && memcmp(type, "IDAT", 4) != 0) idat_ended = 1;
    if (!memcmp(type, "IHDR", 4) && clen == 13) {
      in.width = be32(d);
      in.height = be32(d + 4);
      in.depth = d[8];
      in.ctype = d[9];
      in.interlace = d[12];
      if (d[10] || d[11]) ok = 0;
    } else if (!memcmp(type, "sRGB", 4) && clen == 1) {
      if (in.npal || in.nidat) ok = 0; /* must precede PLTE and IDAT */
      in.srgb = d[0];
    } else if (!memcmp(type, "pHYs", 4) && clen == 9) {
      if (in.nidat) ok = 0;
      in.has_phys = 1;
      in.phys_x = be32(d);
      in.phys_y = be32(d + 4);
      in.phys_unit = d[8];
    } else if (!memcmp(type, "PLTE", 4) && clen % 3 == 0 && clen <= 768) {
      if (in.nidat) ok = 0;
      in.npal = (int)clen / 3;
      memcpy(in.pal, d, clen);
    } else if (!memcmp(type, "tRNS", 4) && clen <= 256) {
      if (!in.npal || in.nidat) ok = 0; /* after PLTE, before IDAT */
      in.ntrns = (int)clen;
      memcpy(in.trns, d, clen);
    } else if (!memcmp(type, "IDAT", 4)) {
      if (idat_ended) ok = 0; /* IDAT chunks must be consecutive */
      in.nidat++;
    } else if (!memcmp(type, "IEND", 4) && clen == 0) {
      seen_iend = 1;
    } else {
      fprintf(stderr, "unexpected chunk %.4s (%u bytes)\n", (const char *)type, clen);
      ok = 0;
    }
    off += 12 + clen;
    n++;
  }
  if (!seen_iend || off != len || !in.nidat) ok = 0;
  in.valid = ok;
  return in;
}

/* ---- expected pixels ------------------------------------------------------ */

static uint32_t px_at(const unsigned char *data, int stride, int x, int y) {
  uint32_t v;
  memcpy(&v, data + (size_t)y * stride + 4 * (size_t)x, 4);
  return v;
}

static void expected(uint32_t px, int has_alpha, unsigned char o[4]) {
  unsigned a = has_alpha ? px >> 24 : 255;
  unsigned r = (px >> 16) & 255, g = (px >> 8) & 255, b = px & 255;
  if (a == 0) {
    r = g = b = 0;
  } else if (a < 255) {
    r = (r * 255 + a / 2) / a;
    g = (g * 255 + a / 2) / a;
    b = (b * 255 + a / 2) / a;
  }
  o[0] = (unsigned char)r;
  o[1] = (unsigned char)g;
  o[2] = (unsigned char)b;
  o[3] = (unsigned char)a;
}

/* Distinct expected RGBA colours in order of first appearance (up to max). */
static int distinct_colors(const unsigned char *data, int w, int h, int stride, int has_alpha,
                           uint32_t *list, int max) {
  int n = 0;
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) {
      unsigned char e[4];
      expected(px_at(data, stride, x, y), has_alpha, e);
      uint32_t c = (uint32_t)e[0] << 24 | (uint32_t)e[1] << 16 | (uint32_t)e[2] << 8 | e[3];
      int i = 0;
      while (i < n && list[i] != c) i++;
      if (i == n) {
        if (n == max) return max + 1;
        list[n++] = c;
      }
    }
  return n;
}

/* Encodes, parses, decodes and compares every pixel.  Returns the parsed
 * header info (valid = 0 on any failure). */
static pnginfo roundtrip(png_encoder *enc, const char *what, const unsigned char *data, int w,
                         int h, int stride, int has_alpha, double dpi) {
  pnginfo bad;
  memset(&bad, 0, sizeof bad);
  const unsigned char *png = NULL;
  size_t len = 0;
  int rc = png_encoder_encode(enc, data, w, h, stride, has_alpha, dpi, &png, &len);
  CHECK(rc == 0);
  if (rc != 0 || !png) {
    fprintf(stderr, "%s: encode failed\n", what);
    return bad;
  }
  pnginfo in = parse_png(png, len);
  CHECK(in.valid);
  CHECK(in.width == (uint32_t)w && in.height == (uint32_t)h);
  CHECK(in.interlace == 0);
  CHECK(in.srgb == 0);
  if (!in.valid) fprintf(stderr, "%s: malformed PNG\n", what);

  /* palette: first-appearance order, and tRNS only when needed */
  if (in.ctype == 3) {
    uint32_t list[256];
    int n = distinct_colors(data, w, h, stride, has_alpha, list, 256);
    CHECK(n == in.npal);
    int order_ok = n == in.npal, any_transparent = 0;
    for (int i = 0; i < in.npal && i < n; i++) {
      uint32_t a = i < in.ntrns ? in.trns[i] : 255;
      uint32_t c = (uint32_t)in.pal[3 * i] << 24 | (uint32_t)in.pal[3 * i + 1] << 16 |
                   (uint32_t)in.pal[3 * i + 2] << 8 | a;
      if (c != list[i]) order_ok = 0;
      if ((list[i] & 255) != 255) any_transparent = 1;
    }
    CHECK(order_ok);
    CHECK(any_transparent == (in.ntrns > 0));
    if (!order_ok) fprintf(stderr, "%s: palette not in first-appearance order\n", what);
  } else {
    CHECK(in.npal == 0 && in.ntrns == 0);
  }

  int dw = 0, dh = 0;
  unsigned char *dec = decode_rgba(png, len, &dw, &dh);
  CHECK(dec != NULL);
  if (!dec) return bad;
  CHECK(dw == w && dh == h);
  long mismatches = 0;
  for (int y = 0; y < h && dw == w && dh == h; y++)
    for (int x = 0; x < w; x++) {
      unsigned char e[4];
      expected(px_at(data, stride, x, y), has_alpha, e);
      const unsigned char *g = dec + 4 * ((size_t)y * w + x);
      if (memcmp(e, g, 4) != 0) {
        if (mismatches == 0)
          fprintf(stderr,
                  "%s: pixel (%d,%d) src %08x: got %d,%d,%d,%d expected %d,%d,%d,%d\n", what, x,
                  y, (unsigned)px_at(data, stride, x, y), g[0], g[1], g[2], g[3], e[0], e[1],
                  e[2], e[3]);
        mismatches++;
      }
    }
  CHECK(mismatches == 0);
  free(dec);
  return in;
}

/* ---- test images ---------------------------------------------------------- */

static uint32_t rng_state = 0x12345678u;
static uint32_t rnd(void) {
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 17;
  rng_state ^= rng_state << 5;
  return rng_state;
}

/* Flat fills plus antialiased diagonal edges: a small "chart". */
static cairo_surface_t *chart_surface(int w, int h) {
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  cairo_set_source_rgb(cr, 0.27, 0.51, 0.71);
  cairo_rectangle(cr, 10, h / 2, 30, h - h / 2 - 5);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0.96, 0.52, 0.16);
  cairo_rectangle(cr, 50, h / 3, 30, h - h / 3 - 5);
  cairo_fill(cr);
  /* antialiased diagonal edge */
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  cairo_move_to(cr, 90, h - 5);
  cairo_line_to(cr, w - 5, 5.3);
  cairo_line_to(cr, w - 5, h - 5);
  cairo_close_path(cr);
  cairo_fill(cr);
  cairo_destroy(cr);
  cairo_surface_flush(s);
  return s;
}

static void test_chart_palette(png_encoder *enc) {
  cairo_surface_t *s = chart_surface(203, 117); /* odd width */
  const unsigned char *d = cairo_image_surface_get_data(s);
  int stride = cairo_image_surface_get_stride(s);
  uint32_t list[257];
  int n = distinct_colors(d, 203, 117, stride, 0, list, 256);
  CHECK(n > 16 && n <= 256); /* precondition: an 8-bit palette image */

  pnginfo in = roundtrip(enc, "chart rgb24", d, 203, 117, stride, 0, 0);
  CHECK(in.ctype == 3);
  CHECK(in.depth == 8);
  CHECK(in.ntrns == 0);
  CHECK(!in.has_phys);

  /* has_alpha=1 on an opaque page: same file as has_alpha=0 */
  const unsigned char *a = NULL, *b = NULL;
  size_t alen = 0, blen = 0;
  CHECK(png_encoder_encode(enc, d, 203, 117, stride, 0, 72, &a, &alen) == 0);
  unsigned char *copy = malloc(alen);
  memcpy(copy, a, alen);
  CHECK(png_encoder_encode(enc, d, 203, 117, stride, 1, 72, &b, &blen) == 0);
  CHECK(alen == blen && memcmp(copy, b, blen) == 0);
  free(copy);
  in = roundtrip(enc, "chart argb32 opaque", d, 203, 117, stride, 1, 0);
  CHECK(in.ctype == 3 && in.ntrns == 0);
  cairo_surface_destroy(s);
}

/* > 256 colours, alpha byte garbage (RGB24 semantics), padded stride, and a
 * block of rows whose RGB repeats while the alpha byte differs. */
static void test_gradient_rgb(png_encoder *enc) {
  const int w = 301, h = 64, stride = 4 * w + 12;
  unsigned char *d = malloc((size_t)stride * h);
  for (int y = 0; y < h; y++) {
    for (int x = 0; x < w; x++) {
      int yy = (y >= 20 && y < 30) ? 19 : y;
      uint32_t px = (rnd() & 0xff000000u) | (uint32_t)(x * 255 / (w - 1)) << 16 |
                    (uint32_t)(yy * 4) << 8 | (uint32_t)((x + yy) & 255);
      memcpy(d + (size_t)y * stride + 4 * x, &px, 4);
    }
    for (int k = 0; k < 12; k++) d[(size_t)y * stride + 4 * w + k] = (unsigned char)rnd();
  }
  uint32_t list[257];
  CHECK(distinct_colors(d, w, h, stride, 0, list, 256) > 256);
  pnginfo in = roundtrip(enc, "gradient rgb", d, w, h, stride, 0, 0);
  CHECK(in.ctype == 2);
  CHECK(in.depth == 8);

  /* the same pixels, opaque, as ARGB32 with has_alpha=1: still RGB */
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) {
      uint32_t px = px_at(d, stride, x, y) | 0xff000000u;
      memcpy(d + (size_t)y * stride + 4 * x, &px, 4);
    }
  in = roundtrip(enc, "gradient argb32 opaque", d, w, h, stride, 1, 0);
  CHECK(in.ctype == 2);

  /* rows equal to the row above except in their last / first pixel */
  memcpy(d + 41 * (size_t)stride, d + 40 * (size_t)stride, 4 * (size_t)w);
  d[41 * (size_t)stride + 4 * (size_t)(w - 1)] ^= 0x5a;
  memcpy(d + 43 * (size_t)stride, d + 42 * (size_t)stride, 4 * (size_t)w);
  d[43 * (size_t)stride + 1] ^= 0x33;
  in = roundtrip(enc, "gradient near-identical rows", d, w, h, stride, 1, 0);
  CHECK(in.ctype == 2);

  /* a single translucent pixel, last in the image, long after the colour
   * count gave up: must still be RGBA */
  uint32_t last = 0x80402010u;
  memcpy(d + (size_t)(h - 1) * stride + 4 * (size_t)(w - 1), &last, 4);
  in = roundtrip(enc, "gradient one translucent pixel", d, w, h, stride, 1, 0);
  CHECK(in.ctype == 6);
  free(d);

  /* few colours but random alpha bytes: has_alpha=0 must ignore them */
  uint32_t few[7 * 5];
  for (int i = 0; i < 35; i++)
    few[i] = (rnd() & 0xff000000u) | (i % 3 == 0 ? 0x102030u : i % 3 == 1 ? 0xffffffu : 0u);
  in = roundtrip(enc, "garbage alpha", (unsigned char *)few, 7, 5, 28, 0, 0);
  CHECK(in.ctype == 3 && in.npal == 3 && in.depth == 2 && in.ntrns == 0);
}

/* Semi-transparent, > 256 colours: RGBA.  Valid premultiplied data (c <= a),
 * covering a = 0 and a = 255. */
static void test_transparent_rgba(png_encoder *enc) {
  const int w = 257, h = 40, stride = 4 * w;
  uint32_t *d = malloc((size_t)stride * h);
  for (int y = 0; y < h; y++)
    for (int x = 0; x < w; x++) {
      uint32_t a = (uint32_t)(x + 37 * y) % 256;
      if (y == 7) a = 255;
      if (y == 9) a = 0;
      uint32_t r = (uint32_t)(x * 3 + y) % 256, g = (uint32_t)(y * 6) % 256,
               b = (uint32_t)(255 - x % 256);
      r = (r * a + 127) / 255;
      g = (g * a + 127) / 255;
      b = (b * a + 127) / 255;
      d[(size_t)y * w + x] = a << 24 | r << 16 | g << 8 | b;
    }
  uint32_t list[257];
  CHECK(distinct_colors((unsigned char *)d, w, h, stride, 1, list, 256) > 256);
  pnginfo in = roundtrip(enc, "rgba", (unsigned char *)d, w, h, stride, 1, 0);
  CHECK(in.ctype == 6);
  CHECK(in.depth == 8);
  /* with has_alpha=0 the alpha byte is ignored (premultiplied values taken as
   * opaque colours) */
  in = roundtrip(enc, "rgba as rgb", (unsigned char *)d, w, h, stride, 0, 0);
  CHECK(in.ctype == 2);
  free(d);
}

/* Semi-transparent with few colours, drawn by cairo: palette + tRNS. */
static void test_transparent_palette(png_encoder *enc) {
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 99, 61);
  cairo_t *cr = cairo_create(s); /* starts fully transparent */
  cairo_set_source_rgba(cr, 1, 0, 0, 0.5);
  cairo_rectangle(cr, 5, 5, 40, 40);
  cairo_fill(cr);
  cairo_set_source_rgb(cr, 0, 0, 1);
  cairo_rectangle(cr, 50, 10, 30, 45);
  cairo_fill(cr);
  cairo_set_source_rgba(cr, 0.2, 0.7, 0.3, 0.8);
  cairo_move_to(cr, 10, 58);
  cairo_line_to(cr, 95, 3);
  cairo_set_line_width(cr, 2.5);
  cairo_stroke(cr);
  cairo_destroy(cr);
  cairo_surface_flush(s);
  const unsigned char *d = cairo_image_surface_get_data(s);
  int stride = cairo_image_surface_get_stride(s);
  uint32_t list[257];
  int n = distinct_colors(d, 99, 61, stride, 1, list, 256);
  CHECK(n > 16 && n <= 256);
  pnginfo in = roundtrip(enc, "transparent palette", d, 99, 61, stride, 1, 0);
  CHECK(in.ctype == 3);
  CHECK(in.ntrns > 0 && in.ntrns <= in.npal);
  CHECK(in.trns[0] == 0); /* the transparent background appears first */
  cairo_surface_destroy(s);
}

static void test_tiny_and_subbyte(png_encoder *enc) {
  /* 1x1 images */
  uint32_t px = 0xff336699u;
  pnginfo in = roundtrip(enc, "1x1 opaque", (unsigned char *)&px, 1, 1, 4, 0, 0);
  CHECK(in.ctype == 3 && in.depth == 1 && in.npal == 1);
  px = 0;
  in = roundtrip(enc, "1x1 transparent", (unsigned char *)&px, 1, 1, 4, 1, 0);
  CHECK(in.ctype == 3 && in.ntrns == 1 && in.trns[0] == 0);
  px = 0x80402010u;
  in = roundtrip(enc, "1x1 half", (unsigned char *)&px, 1, 1, 4, 1, 300);
  CHECK(in.ctype == 3 && in.ntrns == 1 && in.trns[0] == 0x80);
  CHECK(in.pal[0] == 0x80 && in.pal[1] == 0x40 && in.pal[2] == 0x20); /* (c*255+64)/128 */

  /* odd widths with 2..17 colours: bit depths 1, 2, 4, 8 and partial bytes */
  static const int widths[] = {1, 2, 3, 5, 7, 9, 13, 17, 31};
  static const int ncols[] = {2, 3, 4, 5, 16, 17};
  static const int depths[] = {1, 2, 2, 4, 4, 8};
  for (size_t wi = 0; wi < sizeof widths / sizeof *widths; wi++)
    for (size_t ci = 0; ci < sizeof ncols / sizeof *ncols; ci++) {
      int w = widths[wi], h = 5, nc = ncols[ci];
      uint32_t *d = malloc(sizeof(uint32_t) * (size_t)w * h);
      for (int i = 0; i < w * h; i++) {
        int k = i < nc ? i : (int)(rnd() % (uint32_t)nc); /* every colour used */
        d[i] = 0xff000000u | (uint32_t)(k * 15) << 16 | (uint32_t)(255 - k * 7) << 8 | 0x42u;
      }
      char what[64];
      snprintf(what, sizeof what, "subbyte w=%d n=%d", w, nc);
      int expect_n = nc < w * h ? nc : w * h;
      int expect_depth = expect_n <= 2 ? 1 : expect_n <= 4 ? 2 : expect_n <= 16 ? 4 : 8;
      in = roundtrip(enc, what, (unsigned char *)d, w, h, 4 * w, 0, 0);
      CHECK(in.ctype == 3);
      CHECK(in.depth == expect_depth);
      if (in.depth != expect_depth) fprintf(stderr, "%s: depth %d\n", what, in.depth);
      if (nc <= w * h) CHECK(in.depth == depths[ci]);
      free(d);
    }
}

static void test_phys(png_encoder *enc) {
  cairo_surface_t *s = chart_surface(120, 40);
  const unsigned char *d = cairo_image_surface_get_data(s);
  int stride = cairo_image_surface_get_stride(s);
  pnginfo in = roundtrip(enc, "dpi 300", d, 120, 40, stride, 0, 300);
  CHECK(in.has_phys && in.phys_x == 11811 && in.phys_y == 11811 && in.phys_unit == 1);
  in = roundtrip(enc, "dpi 96", d, 120, 40, stride, 0, 96);
  CHECK(in.has_phys && in.phys_x == 3780 && in.phys_y == 3780); /* 3779.53 rounded */
  in = roundtrip(enc, "dpi 0", d, 120, 40, stride, 0, 0);
  CHECK(!in.has_phys);
  in = roundtrip(enc, "dpi -1", d, 120, 40, stride, 0, -1);
  CHECK(!in.has_phys);
  cairo_surface_destroy(s);
}

/* A bigger chart: exercises identical-row fast paths on RGB. */
static cairo_surface_t *big_chart(int w, int h) {
  cairo_surface_t *s = cairo_image_surface_create(CAIRO_FORMAT_ARGB32, w, h);
  cairo_t *cr = cairo_create(s);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_paint(cr);
  for (int i = 0; i < 8; i++) {
    cairo_set_source_rgb(cr, 0.1 + 0.1 * i, 0.8 - 0.09 * i, 0.3 + 0.05 * i);
    cairo_rectangle(cr, 20 + i * 60, h - 20 - (i * 37 % (h - 60)), 40, i * 37 % (h - 60));
    cairo_fill(cr);
  }
  cairo_set_source_rgba(cr, 0.1, 0.1, 0.1, 0.7);
  cairo_set_line_width(cr, 2.2);
  cairo_move_to(cr, 10, h - 30);
  for (int i = 1; i < 12; i++) cairo_line_to(cr, 10 + i * 45.3, h - 30 - ((i * 53) % (h - 50)));
  cairo_stroke(cr);
  cairo_pattern_t *g = cairo_pattern_create_linear(0, 0, w, 0);
  cairo_pattern_add_color_stop_rgba(g, 0, 0.9, 0.2, 0.1, 0.6);
  cairo_pattern_add_color_stop_rgba(g, 1, 0.1, 0.2, 0.9, 0.6);
  cairo_set_source(cr, g);
  cairo_rectangle(cr, 0, 0, w, 25);
  cairo_fill(cr);
  cairo_pattern_destroy(g);
  /* small antialiased glyph-like curves (no fonts needed) */
  cairo_set_source_rgb(cr, 0, 0, 0);
  cairo_set_line_width(cr, 1.3);
  for (int i = 0; i < 20; i++) {
    cairo_arc(cr, 30.3 + 9.7 * i, 45.2, 3.6, 0.3 * i, 0.3 * i + 4.5);
    cairo_new_sub_path(cr);
  }
  cairo_stroke(cr);
  cairo_destroy(cr);
  cairo_surface_flush(s);
  return s;
}

static void test_determinism_and_reuse(png_encoder *enc) {
  cairo_surface_t *s = big_chart(517, 301);
  const unsigned char *d = cairo_image_surface_get_data(s);
  int stride = cairo_image_surface_get_stride(s);
  uint32_t list[257];
  CHECK(distinct_colors(d, 517, 301, stride, 0, list, 256) > 256); /* RGB path */
  pnginfo in = roundtrip(enc, "big chart", d, 517, 301, stride, 0, 150);
  CHECK(in.ctype == 2);
  in = roundtrip(enc, "big chart alpha", d, 517, 301, stride, 1, 150);
  CHECK(in.ctype == 2);

  const unsigned char *p1 = NULL, *p2 = NULL, *p3 = NULL;
  size_t l1 = 0, l2 = 0, l3 = 0;
  CHECK(png_encoder_encode(enc, d, 517, 301, stride, 1, 150, &p1, &l1) == 0);
  unsigned char *copy = malloc(l1);
  memcpy(copy, p1, l1);
  CHECK(png_encoder_encode(enc, d, 517, 301, stride, 1, 150, &p2, &l2) == 0);
  CHECK(p1 == p2); /* same buffer: nothing was reallocated */
  CHECK(l1 == l2 && memcmp(copy, p2, l2) == 0);

  /* a fresh encoder produces the same bytes */
  png_encoder *e2 = png_encoder_new();
  CHECK(e2 != NULL);
  CHECK(png_encoder_encode(e2, d, 517, 301, stride, 1, 150, &p3, &l3) == 0);
  CHECK(l3 == l1 && memcmp(copy, p3, l3) == 0);
  png_encoder_free(e2);
  free(copy);

  /* different content (palette, RGBA) of the same or a smaller size reuses
   * the buffers too */
  cairo_surface_t *s2 = chart_surface(517, 301);
  CHECK(png_encoder_encode(enc, cairo_image_surface_get_data(s2), 517, 301,
                           cairo_image_surface_get_stride(s2), 0, 0, &p2, &l2) == 0);
  CHECK(p2 == p1);
  CHECK(p2[25] == 3);
  uint32_t *t = calloc((size_t)517 * 301, 4);
  for (int i = 0; i < 517 * 301; i++) t[i] = ((uint32_t)(i % 200) << 24) | (uint32_t)(i % 97);
  CHECK(png_encoder_encode(enc, (unsigned char *)t, 517, 301, 517 * 4, 1, 0, &p2, &l2) == 0);
  CHECK(p2 == p1);
  CHECK(p2[25] == 6);
  CHECK(png_encoder_encode(enc, d, 100, 50, stride, 0, 0, &p2, &l2) == 0);
  CHECK(p2 == p1);
  free(t);
  cairo_surface_destroy(s2);
  cairo_surface_destroy(s);
}

static void test_invalid(png_encoder *enc) {
  uint32_t px[4] = {0xffffffffu, 0xff000000u, 0xff00ff00u, 0xffff0000u};
  const unsigned char *out = (const unsigned char *)"x";
  size_t len = 7;
  CHECK(png_encoder_encode(NULL, (unsigned char *)px, 2, 2, 8, 0, 0, &out, &len) == -1);
  CHECK(out == NULL && len == 0);
  CHECK(png_encoder_encode(enc, NULL, 2, 2, 8, 0, 0, &out, &len) == -1);
  CHECK(png_encoder_encode(enc, (unsigned char *)px, 2, 2, 8, 0, 0, NULL, &len) == -1);
  CHECK(png_encoder_encode(enc, (unsigned char *)px, 2, 2, 8, 0, 0, &out, NULL) == -1);
  CHECK(png_encoder_encode(enc, (unsigned char *)px, 0, 2, 8, 0, 0, &out, &len) == -1);
  CHECK(png_encoder_encode(enc, (unsigned char *)px, 2, 0, 8, 0, 0, &out, &len) == -1);
  CHECK(png_encoder_encode(enc, (unsigned char *)px, -3, 2, 8, 0, 0, &out, &len) == -1);
  CHECK(png_encoder_encode(enc, (unsigned char *)px, 2, 2, 7, 0, 0, &out, &len) == -1);
  CHECK(png_encoder_encode(enc, (unsigned char *)px, 2, 2, -8, 0, 0, &out, &len) == -1);
  CHECK(png_encoder_encode(enc, (unsigned char *)px, INT_MAX / 4 + 1, 1, INT_MAX, 0, 0, &out,
                           &len) == -1);
  CHECK(out == NULL && len == 0);
  png_encoder_free(NULL); /* no-op */
  /* still usable afterwards */
  pnginfo in = roundtrip(enc, "after errors", (unsigned char *)px, 2, 2, 8, 0, 0);
  CHECK(in.valid && in.ctype == 3 && in.depth == 2);
}

/* The RGB Up filter's four-pixel steps: rows that equal the row above in
 * some 4-pixel groups and not in others (one channel or only the alpha
 * byte differing), at widths 1..9 and 1203 (tails of 0-3 pixels). */
static void test_rgb_up_groups(png_encoder *enc) {
  static const int widths[] = {1, 2, 3, 4, 5, 7, 8, 9, 1203};
  for (size_t wi = 0; wi < sizeof widths / sizeof *widths; wi++) {
    const int w = widths[wi], h = w < 100 ? 1000 : 60, stride = 4 * w + 4;
    unsigned char *d = malloc((size_t)stride * h);
    for (int y = 0; y < h; y++)
      for (int x = 0; x < w; x++) {
        uint32_t px;
        if (y == 0 || rnd() % 3 == 0)
          px = 0xff000000u | (rnd() & 0xffffff); /* > 256 colours: truecolour */
        else {
          memcpy(&px, d + (size_t)(y - 1) * stride + 4 * (size_t)x, 4);
          if (rnd() % 8 == 0) px ^= (uint32_t)1 << (rnd() % 24); /* one channel off by a bit */
          if (rnd() % 8 == 0) px ^= 0x5a000000u;                 /* only the ignored alpha byte */
        }
        memcpy(d + (size_t)y * stride + 4 * (size_t)x, &px, 4);
      }
    char what[64];
    snprintf(what, sizeof what, "rgb up groups w=%d", w);
    pnginfo in = roundtrip(enc, what, d, w, h, stride, 0, 0);
    CHECK(in.valid && in.ctype == 2); /* > 256 colours */
    free(d);
  }
}

/* Inflates the concatenated IDAT payload with libdeflate (stricter than zlib
 * about code completeness and lengths) and checks the size of the result. */
static int idat_inflates(const unsigned char *png, size_t len, size_t expect) {
  unsigned char *z = malloc(len), *o = malloc(expect + 1);
  size_t zl = 0, got = 0;
  int ok = z && o;
  for (size_t p = 8; ok && p + 12 <= len;) {
    size_t n = (size_t)be32(png + p);
    if (memcmp(png + p + 4, "IDAT", 4) == 0) {
      memcpy(z + zl, png + p + 8, n);
      zl += n;
    }
    p += 12 + n;
  }
  if (ok) {
    struct libdeflate_decompressor *d = libdeflate_alloc_decompressor();
    ok = d && libdeflate_zlib_decompress(d, z, zl, o, expect + 1, &got) == LIBDEFLATE_SUCCESS &&
         got == expect;
    libdeflate_free_decompressor(d);
  }
  free(z);
  free(o);
  return ok;
}

/* Runs of rows equal to the row above (all zero after Up) become directly
 * written deflate blocks between libdeflate-compressed bands: runs of every
 * length around the band threshold, widths whose 3*w - 1 zeros fall just
 * around multiples of 258, images that are one long run, and none at all. */
static void test_zero_row_bands(png_encoder *enc) {
  static const int widths[] = {1, 2, 3, 5, 85, 86, 87, 88, 172, 173, 174, 401, 1200};
  for (size_t wi = 0; wi < sizeof widths / sizeof *widths; wi++)
    for (int mode = 0; mode < 4; mode++) {
      const int w = widths[wi], h = mode == 3 ? 7 : 300, stride = 4 * w + (mode & 1) * 8;
      unsigned char *d = malloc((size_t)stride * h);
      int run = 0;
      for (int y = 0; y < h; y++) {
        int copy;
        if (mode == 0) { /* random runs of 1..20 copied rows */
          if (run == 0 && y > 0) run = rnd() % 3 ? (int)(rnd() % 20) : 0;
          copy = y > 0 && run > 0;
          if (copy) run--;
        } else if (mode == 1) { /* all copies of the first row */
          copy = y > 0;
        } else if (mode == 2) { /* no copies at all */
          copy = 0;
        } else { /* short image, copies from row 1 on */
          copy = y > 1;
        }
        for (int x = 0; x < w; x++) {
          uint32_t px;
          if (copy) memcpy(&px, d + (size_t)(y - 1) * stride + 4 * (size_t)x, 4);
          else if (rnd() % 4) px = 0xffffffffu; /* flat white with noise */
          else px = 0xff000000u | (rnd() & 0xffffff);
          memcpy(d + (size_t)y * stride + 4 * (size_t)x, &px, 4);
        }
      }
      /* > 256 colours so the image is truecolour */
      for (int x = 0; x < w && x < 300; x++) {
        uint32_t px = 0xff000000u | (uint32_t)x * 0x010203u;
        memcpy(d + 4 * (size_t)x, &px, 4);
      }
      for (int i = 0; i < 300 && w < 300; i++) { /* narrow: colours in column 0 */
        uint32_t px = 0xff000000u | (uint32_t)(i * 0x0a0b0du);
        int y = i % h;
        if (y && memcmp(d + (size_t)y * stride, d + (size_t)(y - 1) * stride, 4 * (size_t)w) == 0)
          continue; /* keep the copied rows copies */
        memcpy(d + (size_t)y * stride, &px, 4);
      }
      char what[64];
      snprintf(what, sizeof what, "zero row bands w=%d mode=%d", w, mode);
      pnginfo in = roundtrip(enc, what, d, w, h, stride, 0, 0);
      CHECK(in.valid);
      const unsigned char *png;
      size_t len;
      CHECK(png_encoder_encode(enc, d, w, h, stride, 0, 0, &png, &len) == 0);
      if (in.valid && in.ctype == 2) {
        int ok = idat_inflates(png, len, (size_t)h * (3 * (size_t)w + 1));
        CHECK(ok);
        if (!ok) fprintf(stderr, "%s: libdeflate cannot inflate the IDAT\n", what);
      }
      free(d);
    }
}

int main(void) {
  crc_init();
  int have_png = load_libpng();
  CHECK(have_png);
  if (!have_png) return testing_done("png_encode");
  png_encoder *enc = png_encoder_new();
  CHECK(enc != NULL);
  if (!enc) return testing_done("png_encode");

  test_chart_palette(enc);
  test_gradient_rgb(enc);
  test_rgb_up_groups(enc);
  test_zero_row_bands(enc);
  test_transparent_rgba(enc);
  test_transparent_palette(enc);
  test_tiny_and_subbyte(enc);
  test_phys(enc);
  test_determinism_and_reuse(enc);
  test_invalid(enc);

  png_encoder_free(enc);
  cairo_debug_reset_static_data(); /* keep LeakSanitizer quiet */
  return testing_done("png_encode");
}
