/* Fast, deterministic PNG encoder (see png_encode.h).
 *
 * Pipeline: one scan of the pixels counts distinct colours with a small
 * open-addressing hash table (bailing out at 257) while speculatively writing
 * palette indices; if the image turned out to have more colours, a second pass
 * converts each row to RGB/RGBA and filters it.  The filtered scanlines are
 * compressed in one shot with libdeflate into the output buffer, right after
 * the already-written header chunks, so the compressed data is never copied.
 *
 * Tuning, measured with bench/png_bench.c on synthetic 1200x800 charts and
 * bench/png_levels.c on real ones (bench/README-png.md, bench/README.md; the PNG_ENCODE_* macros
 * below and png_encoder_tune() exist only for those benchmarks).  Sizes are
 * relative to cairo_surface_write_to_png (libpng with its default zlib
 * level and per-row filter heuristic):
 *   - RGB/RGBA rows: Up on every row.  File size at level 3 for the
 *     "bars+line" / "scatter" scenes: None 1.063 / 0.875, Sub 1.119 / 1.061,
 *     Up 0.993 / 0.985, Average 1.266 / 1.228, Paeth 1.020 / 0.997, per-row
 *     minimum-sum-of-absolute-differences over all five 0.978 / 0.995.  Up is
 *     the cheapest filter (0.63 ms vs 0.79 ms for a fused Paeth; the per-row
 *     heuristic makes the whole encode 4-5x slower) and never more than 2 %
 *     larger than the best choice; None wins on scatter plots but is 6-12 %
 *     worse on the charts with large flat areas.
 *   - Palette rows: also Up (whole-image in-place pass).  "bars" scene (230
 *     colours): None 0.898, Sub 0.647, Up 0.564, Paeth 0.562, per-row
 *     heuristic 0.518 at 5x the time.
 *   - libdeflate level 2.  Deflate is ~85 % of the RGB encode time, and
 *     libdeflate 1.14 costs ~1.7 ns per input byte whatever the level, even
 *     on all-zero rows (the bench chart's Up-filtered data is 96 % zero
 *     bytes, 532 of its 800 rows entirely zero).  Measured with
 *     bench/png_levels.c (levels 1-6 x filters, 8 interleaved rounds, the
 *     minimum thread CPU time; sizes relative to cairo's):
 *                       bench chart 1200x800       22 gallery PNGs (out/)
 *                       ms    x cairo  size        ms total  x cairo  size  worst
 *       cairo           23.8  1        1           506       1        1     1
 *       L1 Up           7.74  3.07     1.049       161       3.14     1.042 1.072
 *       L2 Up           5.16  4.61     1.019       117       4.30     0.994 1.036
 *       L3 Up           5.18  4.59     1.031       119       4.25     0.998 1.037
 *       L4 Up           5.17  4.60     1.023       120       4.21     0.996 1.039
 *       L5 Up           5.28  4.50     0.989       126       4.02     0.961 1.010
 *       L2 None         5.29  4.50     1.097       116       4.34     0.783 1.097
 *       L2 Paeth        5.29  4.50     1.015       124       4.08     0.998 1.042
 *       L2 Sub          6.84  3.48     1.285       147       3.45     1.009 1.285
 *       L2 adaptive     22.3  1.07     1.004       461       1.10     0.970 1.004
 *     L2-L4 take the same time within noise and L2 was the fastest in every
 *     run and no larger; L1 (a different matchfinder in 1.14) is slower.
 *     None is as fast and much smaller on the poster-like pages but 10 %
 *     larger on the bar chart; Up keeps every image within 1.04x of cairo.
 *     The table above is for one-shot libdeflate.  That per-byte floor was
 *     mostly the zero rows (an all-zero frame alone costs 4.3 ms), so opaque
 *     RGB images with Up now go in bands (see "zero-row bands" below): runs
 *     of >= 8 all-zero rows are written as our own tiny fixed-form blocks,
 *     the rows between are compressed by libdeflate and spliced in; the bench
 *     chart encodes in ~2.5 ms (10x cairo) at 1.018x cairo's size, and any
 *     surprise falls back to the one-shot path above.  */
#include "render/png_encode.h"

#include <libdeflate.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#ifndef PNG_ENCODE_LEVEL
#define PNG_ENCODE_LEVEL 2
#endif
/* 0 None, 1 Sub, 2 Up, 3 Average, 4 Paeth, 5 adaptive (min sum of abs). */
#ifndef PNG_ENCODE_RGB_FILTER
#define PNG_ENCODE_RGB_FILTER 2
#endif
#ifndef PNG_ENCODE_PAL_FILTER
#define PNG_ENCODE_PAL_FILTER 2
#endif
/* Pack palettes of <= 16 colours to 1, 2 or 4 bits per pixel. */
#ifndef PNG_ENCODE_SUBBYTE
#define PNG_ENCODE_SUBBYTE 1
#endif
/* Largest IDAT payload; the PNG limit is 2^31-1 (overridable for testing). */
#ifndef PNG_ENCODE_IDAT_MAX
#define PNG_ENCODE_IDAT_MAX 0x7fffffffu
#endif

enum { F_NONE = 0, F_SUB = 1, F_UP = 2, F_AVG = 3, F_PAETH = 4, F_ADAPTIVE = 5 };

#define HASH_BITS 10 /* 1024 slots for <= 256 keys: load factor <= 1/4 */
#define HASH_SIZE (1u << HASH_BITS)

struct png_encoder {
  struct libdeflate_compressor *comp; /* allocated once, in png_encoder_new */
  unsigned char *filt; /* filtered scanlines (the zlib input) */
  size_t filt_cap;
  unsigned char *rows; /* prev + cur converted rows (+5 trial rows) */
  size_t rows_cap;
  unsigned char *out; /* the finished PNG file */
  size_t out_cap;
  /* colour counting: keys are pixels with the alpha forced to 0xff when the
   * page is opaque, raw premultiplied pixels otherwise */
  uint32_t hkey[HASH_SIZE];
  int16_t hidx[HASH_SIZE]; /* -1 = empty slot */
  uint32_t pal[256];       /* keys in order of first appearance */
  int npal;
  int level, rgb_filter, pal_filter; /* PNG_ENCODE_* unless png_encoder_tune() */
  int banded;                        /* zlib_banded() for Up-filtered RGB */
  unsigned char *zrow; /* per row: 1 = all bytes after the filter byte are 0 */
  size_t zrow_cap;
  unsigned char *tmp; /* one band's raw deflate stream + 16 bytes slack */
  size_t tmp_cap;
  uint16_t lt[1 << 15], dt[1 << 15]; /* walk_deflate's decoding tables */
};

png_encoder *png_encoder_new(void) {
  png_encoder *enc = calloc(1, sizeof *enc);
  if (!enc) return NULL;
  enc->comp = libdeflate_alloc_compressor(PNG_ENCODE_LEVEL);
  if (!enc->comp) {
    free(enc);
    return NULL;
  }
  enc->level = PNG_ENCODE_LEVEL;
  enc->rgb_filter = PNG_ENCODE_RGB_FILTER;
  enc->pal_filter = PNG_ENCODE_PAL_FILTER;
  enc->banded = 1;
  return enc;
}

int png_encoder_tune(png_encoder *enc, int level, int rgb_filter, int pal_filter) {
  if (!enc || level < 0 || level > 12 || rgb_filter < 0 || rgb_filter > 5 || pal_filter < 0 || pal_filter > 5)
    return -1;
  if (level != enc->level) {
    struct libdeflate_compressor *c = libdeflate_alloc_compressor(level);
    if (!c) return -1;
    libdeflate_free_compressor(enc->comp);
    enc->comp = c;
    enc->level = level;
  }
  enc->rgb_filter = rgb_filter;
  enc->pal_filter = pal_filter;
  return 0;
}

void png_encoder_free(png_encoder *enc) {
  if (!enc) return;
  libdeflate_free_compressor(enc->comp);
  free(enc->filt);
  free(enc->rows);
  free(enc->out);
  free(enc->zrow);
  free(enc->tmp);
  free(enc);
}

/* Grow-only buffer; keeps the old block on failure. */
static int reserve(unsigned char **buf, size_t *cap, size_t need) {
  if (need <= *cap) return 0;
  unsigned char *p = realloc(*buf, need);
  if (!p) return -1;
  *buf = p;
  *cap = need;
  return 0;
}

static inline uint32_t load32(const unsigned char *p) {
  uint32_t v;
  memcpy(&v, p, 4);
  return v;
}

static inline void put32(unsigned char *p, uint32_t v) {
  p[0] = (unsigned char)(v >> 24);
  p[1] = (unsigned char)(v >> 16);
  p[2] = (unsigned char)(v >> 8);
  p[3] = (unsigned char)v;
}

/* Writes a chunk whose data is already in place at p + 8; returns its end. */
static unsigned char *finish_chunk(unsigned char *p, const char type[4], size_t len) {
  put32(p, (uint32_t)len);
  memcpy(p + 4, type, 4);
  uint32_t crc = libdeflate_crc32(0, p + 4, len + 4);
  put32(p + 8 + len, crc);
  return p + 12 + len;
}

/* ---- colour counting ---------------------------------------------------- */

static inline unsigned hash32(uint32_t k) { return (k * 0x9e3779b1u) >> (32 - HASH_BITS); }

/* Index of key in the palette, inserting it; -1 when it would be the 257th. */
static int pal_index(png_encoder *enc, uint32_t key) {
  unsigned h = hash32(key);
  for (;;) {
    int i = enc->hidx[h];
    if (i < 0) {
      if (enc->npal == 256) return -1;
      enc->hkey[h] = key;
      enc->hidx[h] = (int16_t)enc->npal;
      enc->pal[enc->npal] = key;
      return enc->npal++;
    }
    if (enc->hkey[h] == key) return i;
    h = (h + 1) & (HASH_SIZE - 1);
  }
}

/* Scans the image once: counts colours (into enc->pal) while writing 8-bit
 * palette scanlines with filter byte 0 into dst.  Returns 1 if the image has
 * <= 256 colours (dst is then complete), 0 otherwise.  *opaque is set to
 * whether every pixel has alpha 0xff (always 1 when has_alpha is 0). */
static int scan_palette(png_encoder *enc, const unsigned char *data, int w, int h,
                        size_t stride, int has_alpha, unsigned char *dst,
                        int *opaque) {
  const uint32_t amask = has_alpha ? 0 : 0xff000000u;
  uint32_t alpha_and = 0xff000000u;
  memset(enc->hidx, 0xff, sizeof enc->hidx);
  enc->npal = 0;
  uint32_t prev = (load32(data) | amask) ^ 1u; /* differs from first pixel */
  unsigned char previdx = 0;
  int y = 0, x = 0;
  for (y = 0; y < h; y++) {
    const unsigned char *row = data + (size_t)y * stride;
    unsigned char *d = dst + (size_t)y * ((size_t)w + 1);
    *d++ = 0;
    for (x = 0; x < w; x++) {
      uint32_t px = load32(row + 4 * (size_t)x) | amask;
      if (px != prev) {
        int n = enc->npal;
        int i = pal_index(enc, px);
        if (i < 0) goto too_many;
        if (i == n) alpha_and &= px; /* new colour */
        prev = px;
        previdx = (unsigned char)i;
      }
      d[x] = previdx;
    }
  }
  *opaque = alpha_and == 0xff000000u;
  return 1;

too_many:
  /* Only opacity is still needed. */
  if (has_alpha && alpha_and == 0xff000000u) {
    /* rescan whole rows from the current one: a simple reduction that
     * compilers vectorise, stopping at the first row with transparency */
    for (; y < h && alpha_and == 0xff000000u; y++) {
      const unsigned char *row = data + (size_t)y * stride;
      uint64_t acc = ~(uint64_t)0, acc2 = ~(uint64_t)0;
      x = 0;
      for (; x + 4 <= w; x += 4) {
        uint64_t v, v2;
        memcpy(&v, row + 4 * (size_t)x, 8);
        memcpy(&v2, row + 4 * (size_t)x + 8, 8);
        acc &= v;
        acc2 &= v2;
      }
      acc &= acc2;
      uint32_t a32 = (uint32_t)acc & (uint32_t)(acc >> 32);
      for (; x < w; x++) a32 &= load32(row + 4 * (size_t)x);
      alpha_and &= a32;
    }
  }
  *opaque = alpha_and == 0xff000000u;
  return 0;
}

/* ---- pixel conversion --------------------------------------------------- */

static inline void unpremultiply(uint32_t px, unsigned char *d) {
  unsigned a = px >> 24;
  if (a == 255) {
    d[0] = (unsigned char)(px >> 16);
    d[1] = (unsigned char)(px >> 8);
    d[2] = (unsigned char)px;
  } else if (a == 0) {
    d[0] = d[1] = d[2] = 0;
  } else {
    unsigned r = (px >> 16) & 0xff, g = (px >> 8) & 0xff, b = px & 0xff;
    /* premultiplied data has c <= a; clamp anything else */
    r = (r * 255 + a / 2) / a;
    g = (g * 255 + a / 2) / a;
    b = (b * 255 + a / 2) / a;
    d[0] = (unsigned char)(r > 255 ? 255 : r);
    d[1] = (unsigned char)(g > 255 ? 255 : g);
    d[2] = (unsigned char)(b > 255 ? 255 : b);
  }
  d[3] = (unsigned char)a;
}

static void convert_rgb(unsigned char *d, const unsigned char *src, int w) {
  for (int x = 0; x < w; x++, d += 3) {
    uint32_t px = load32(src + 4 * (size_t)x);
    d[0] = (unsigned char)(px >> 16);
    d[1] = (unsigned char)(px >> 8);
    d[2] = (unsigned char)px;
  }
}

/* Bytewise (a - b) mod 256 of four packed bytes. */
static inline uint32_t sub_bytes(uint32_t a, uint32_t b) {
  return ((a | 0x80808080u) - (b & 0x7f7f7f7fu)) ^ ((a ^ ~b) & 0x80808080u);
}

/* Opaque RGB, Up filter, fused with the 0xAARRGGBB -> R,G,B conversion.
 * up is the previous source row or NULL for the first row. */
static int rgb_up_row(unsigned char *d, const unsigned char *src, const unsigned char *up,
                      int w) {
  if (!up) {
    convert_rgb(d, src, w);
    return 0;
  }
  if (memcmp(src, up, 4 * (size_t)w) == 0) { /* common in charts */
    memset(d, 0, 3 * (size_t)w);
    return 1;
  }
  /* Four pixels at a time: a run equal to the row above (most of a chart
   * row even where it differs somewhere) is 12 zero bytes; otherwise the
   * four differences are packed R,G,B into three words. */
  int x = 0;
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
  for (; x + 4 <= w; x += 4, d += 12) {
    const unsigned char *s = src + 4 * (size_t)x, *u = up + 4 * (size_t)x;
    uint64_t s0, s1, u0, u1;
    memcpy(&s0, s, 8);
    memcpy(&s1, s + 8, 8);
    memcpy(&u0, u, 8);
    memcpy(&u1, u + 8, 8);
    if (((s0 ^ u0) | (s1 ^ u1)) == 0) {
      memset(d, 0, 12);
      continue;
    }
    /* t = 0x00BBGGRR: the pixel's difference with R in the low byte */
    uint32_t t0 = __builtin_bswap32(sub_bytes((uint32_t)s0, (uint32_t)u0)) >> 8;
    uint32_t t1 = __builtin_bswap32(sub_bytes((uint32_t)(s0 >> 32), (uint32_t)(u0 >> 32))) >> 8;
    uint32_t t2 = __builtin_bswap32(sub_bytes((uint32_t)s1, (uint32_t)u1)) >> 8;
    uint32_t t3 = __builtin_bswap32(sub_bytes((uint32_t)(s1 >> 32), (uint32_t)(u1 >> 32))) >> 8;
    uint32_t w3[3] = {t0 | t1 << 24, t1 >> 8 | t2 << 16, t2 >> 16 | t3 << 8};
    memcpy(d, w3, 12);
  }
#endif
  for (; x < w; x++, d += 3) {
    uint32_t v = sub_bytes(load32(src + 4 * (size_t)x), load32(up + 4 * (size_t)x));
    d[0] = (unsigned char)(v >> 16);
    d[1] = (unsigned char)(v >> 8);
    d[2] = (unsigned char)v;
  }
  return 0;
}

static inline int paeth_pred(int a, int b, int c) {
  int pa = abs(b - c), pb = abs(a - c), pc = abs(a + b - 2 * c);
  return (pa <= pb && pa <= pc) ? a : (pb <= pc ? b : c);
}

/* Opaque RGB, Paeth filter, fused with the conversion.  Pixels equal to the
 * one above, whose left neighbour also equals the one above it, filter to 0
 * (a == c and cur == b make the predictor b), which covers flat areas. */
static void rgb_paeth_row(unsigned char *d, const unsigned char *src, const unsigned char *up,
                          int w) {
  if (!up) { /* Paeth with a zero row above is Sub */
    uint32_t left = 0;
    for (int x = 0; x < w; x++, d += 3) {
      uint32_t px = load32(src + 4 * (size_t)x), v = sub_bytes(px, left);
      d[0] = (unsigned char)(v >> 16);
      d[1] = (unsigned char)(v >> 8);
      d[2] = (unsigned char)v;
      left = px;
    }
    return;
  }
  if (memcmp(src, up, 4 * (size_t)w) == 0) {
    memset(d, 0, 3 * (size_t)w);
    return;
  }
  uint32_t a = 0, c = 0; /* left and upper-left pixels (0 at x = 0) */
  for (int x = 0; x < w; x++, d += 3) {
    uint32_t px = load32(src + 4 * (size_t)x), b = load32(up + 4 * (size_t)x);
    if (((px ^ b) & 0xffffffu) == 0 && ((a ^ c) & 0xffffffu) == 0) {
      d[0] = d[1] = d[2] = 0;
    } else {
      for (int k = 0; k < 3; k++) {
        int sh = 16 - 8 * k;
        int pred = paeth_pred((int)(a >> sh) & 0xff, (int)(b >> sh) & 0xff, (int)(c >> sh) & 0xff);
        d[k] = (unsigned char)(((px >> sh) & 0xff) - (unsigned)pred);
      }
    }
    a = px;
    c = b;
  }
}

static void convert_rgba(unsigned char *d, const unsigned char *src, int w) {
  uint32_t prev = 0;
  unsigned char last[4] = {0, 0, 0, 0}; /* unpremultiply(0) */
  for (int x = 0; x < w; x++, d += 4) {
    uint32_t px = load32(src + 4 * (size_t)x);
    if (px != prev) {
      unpremultiply(px, last);
      prev = px;
    }
    memcpy(d, last, 4);
  }
}

/* ---- filters ------------------------------------------------------------ */

/* Each writes n filtered bytes of cur (previous row prev, bpp bytes per
 * pixel) to d; the filter-type byte is written by the caller. */
static void filter_none(unsigned char *d, const unsigned char *cur, const unsigned char *prev,
                        size_t n, size_t bpp) {
  (void)prev;
  (void)bpp;
  memcpy(d, cur, n);
}

static void filter_sub(unsigned char *d, const unsigned char *cur, const unsigned char *prev,
                       size_t n, size_t bpp) {
  (void)prev;
  memcpy(d, cur, bpp);
  for (size_t i = bpp; i < n; i++) d[i] = (unsigned char)(cur[i] - cur[i - bpp]);
}

static void filter_up(unsigned char *d, const unsigned char *cur, const unsigned char *prev,
                      size_t n, size_t bpp) {
  (void)bpp;
  for (size_t i = 0; i < n; i++) d[i] = (unsigned char)(cur[i] - prev[i]);
}

static void filter_avg(unsigned char *d, const unsigned char *cur, const unsigned char *prev,
                       size_t n, size_t bpp) {
  for (size_t i = 0; i < bpp; i++) d[i] = (unsigned char)(cur[i] - (prev[i] >> 1));
  for (size_t i = bpp; i < n; i++)
    d[i] = (unsigned char)(cur[i] - ((cur[i - bpp] + prev[i]) >> 1));
}

static void filter_paeth(unsigned char *d, const unsigned char *cur, const unsigned char *prev,
                         size_t n, size_t bpp) {
  for (size_t i = 0; i < bpp; i++) d[i] = (unsigned char)(cur[i] - prev[i]);
  for (size_t i = bpp; i < n; i++)
    d[i] = (unsigned char)(cur[i] - paeth_pred(cur[i - bpp], prev[i], prev[i - bpp]));
}

typedef void (*filter_fn)(unsigned char *, const unsigned char *, const unsigned char *,
                          size_t, size_t);
static const filter_fn filters[5] = {filter_none, filter_sub, filter_up, filter_avg,
                                     filter_paeth};

static size_t sum_abs(const unsigned char *d, size_t n) {
  size_t s = 0;
  for (size_t i = 0; i < n; i++) s += d[i] < 128 ? d[i] : 256u - d[i];
  return s;
}

/* Writes one filtered scanline (type byte + n bytes) to dst.  trial points to
 * 5*n bytes of scratch, used only by the adaptive strategy. */
static void filter_row(int ft, unsigned char *dst, const unsigned char *cur,
                       const unsigned char *prev, size_t n, size_t bpp,
                       unsigned char *trial) {
  if (ft != F_ADAPTIVE) {
    dst[0] = (unsigned char)ft;
    filters[ft](dst + 1, cur, prev, n, bpp);
    return;
  }
  size_t best = (size_t)-1;
  int bt = 0;
  for (int f = 0; f < 5; f++) {
    filters[f](trial + (size_t)f * n, cur, prev, n, bpp);
    size_t s = sum_abs(trial + (size_t)f * n, n);
    if (s < best) {
      best = s;
      bt = f;
    }
  }
  dst[0] = (unsigned char)bt;
  memcpy(dst + 1, trial + (size_t)bt * n, n);
}

/* Applies the Up filter in place to unfiltered scanlines of `row` bytes
 * (type byte included), bottom-up so every row still sees its unfiltered
 * predecessor.  Row 0 (nothing above) is left as filter None. */
static void pal_up_inplace(unsigned char *buf, size_t row, size_t h) {
  const uint64_t hi = 0x8080808080808080u, lo = 0x7f7f7f7f7f7f7f7fu;
  for (size_t y = h; y-- > 1;) {
    unsigned char *r = buf + y * row + 1;
    const unsigned char *p = r - row;
    size_t n = row - 1, i = 0;
    r[-1] = F_UP;
    for (; i + 8 <= n; i += 8) { /* eight bytewise subtractions at once */
      uint64_t a, b;
      memcpy(&a, r + i, 8);
      memcpy(&b, p + i, 8);
      a = ((a | hi) - (b & lo)) ^ ((a ^ ~b) & hi);
      memcpy(r + i, &a, 8);
    }
    for (; i < n; i++) r[i] = (unsigned char)(r[i] - p[i]);
  }
}

/* Converts and filters an RGB (opaque) or RGBA image into enc->filt;
 * returns the number of bytes written. */
static size_t filter_truecolor(png_encoder *enc, const unsigned char *data, int width,
                               int height, size_t stride, int opaque) {
  const size_t w = (size_t)width, h = (size_t)height;
  const size_t bpp = opaque ? 3 : 4, rb = bpp * w;
  const int ft = enc->rgb_filter;
  if (opaque && (ft == F_UP || ft == F_PAETH)) {
    /* fused conversion + filter, straight from the source rows */
    for (size_t y = 0; y < h; y++) {
      unsigned char *d = enc->filt + y * (rb + 1);
      const unsigned char *src = data + y * stride, *up = y ? src - stride : NULL;
      d[0] = (unsigned char)ft;
      if (ft == F_UP) enc->zrow[y] = (unsigned char)rgb_up_row(d + 1, src, up, width);
      else rgb_paeth_row(d + 1, src, up, width);
    }
  } else {
    unsigned char *prev = enc->rows, *cur = enc->rows + rb, *trial = enc->rows + 2 * rb;
    memset(prev, 0, rb);
    for (size_t y = 0; y < h; y++) {
      const unsigned char *src = data + y * stride;
      if (opaque) convert_rgb(cur, src, width);
      else convert_rgba(cur, src, width);
      filter_row(ft, enc->filt + y * (rb + 1), cur, prev, rb, bpp, trial);
      unsigned char *t = prev;
      prev = cur;
      cur = t;
    }
  }
  return h * (rb + 1);
}

/* ---- banded deflate ----------------------------------------------------- */

/* libdeflate costs ~1.5 ns per input byte even on runs of zeros (its
 * matchfinder inserts every position of a long match into its hash chains),
 * and a chart's Up-filtered frame is mostly rows that are entirely zero
 * (562 of the bench chart's 800 rows: 2.8 of its 4.6 ms of deflate).  So the
 * zlib stream is assembled here: runs of >= ZERO_RUN_MIN zero rows become
 * one dynamic-Huffman block written directly (~6 bytes a row), and the bands
 * of other rows in between are compressed by libdeflate as separate streams
 * whose bits are appended with the final-block flag of their last block
 * cleared.  Finding that flag and the exact end of a band needs a walk over
 * its Huffman symbols (walk_deflate), ~1-2 % of the deflate time.  Each band
 * is self-contained (no match reaches back into an earlier band), so the
 * concatenation inflates to exactly the filtered bytes. */
#ifndef PNG_ENCODE_ZERO_RUN_MIN
#define PNG_ENCODE_ZERO_RUN_MIN 8
#endif

typedef struct {
  unsigned char *p, *end;
  uint64_t acc;
  int n;
  int overflow;
} bitw;

/* Appends nbits <= 32 bits, LSB first. */
static inline void bw_put(bitw *w, uint32_t v, int nbits) {
  w->acc |= (uint64_t)v << w->n;
  w->n += nbits;
  while (w->n >= 8) {
    if (w->p == w->end) {
      w->overflow = 1;
      w->n = 0;
      return;
    }
    *w->p++ = (unsigned char)w->acc;
    w->acc >>= 8;
    w->n -= 8;
  }
}

static void bw_flush(bitw *w) { /* pad to a byte with zero bits */
  if (w->n) bw_put(w, 0, 8 - w->n);
}

static unsigned rev_bits(unsigned c, int len) {
  unsigned r = 0;
  for (int i = 0; i < len; i++, c >>= 1) r = (r << 1) | (c & 1);
  return r;
}

/* Canonical codes (bit-reversed, ready for bw_put) from code lengths. */
static void canon_codes(const unsigned char *len, int n, uint16_t *code) {
  unsigned count[16] = {0}, next[16];
  for (int i = 0; i < n; i++) count[len[i]]++;
  count[0] = 0;
  unsigned c = 0;
  for (int b = 1; b < 16; b++) {
    c = (c + count[b - 1]) << 1;
    next[b] = c;
  }
  for (int i = 0; i < n; i++)
    code[i] = len[i] ? (uint16_t)rev_bits(next[len[i]]++, len[i]) : 0;
}

static const uint16_t len_base[29] = {3,  4,  5,  6,  7,  8,  9,  10,  11,  13,  15,  17,  19,  23, 27,
                                      31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258};
static const unsigned char len_extra[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2,
                                            2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const unsigned char dist_extra[30] = {0, 0, 0, 0, 1, 1, 2, 2,  3,  3,  4,  4,  5,  5,  6,
                                             6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

/* One non-final dynamic block holding `nrows` rows of `f` followed by rb - 1
 * zero bytes.  Codes: length 258 one bit; literal 0, literal f, end of block
 * and lengths 3..257 (symbols 257-284) five or six bits; distances 1 (the
 * only one used) and 2 one bit each, so every code is complete. */
static void put_zero_rows(bitw *w, unsigned f, size_t rb, size_t nrows) {
  unsigned char ll[288] = {0}, cl_all[288 + 2];
  uint16_t code[288];
  unsigned lit2 = f ? f : 1; /* a second literal keeps the count even */
  ll[285] = 1;
  ll[0] = 5; /* 31 six-bit-or-less symbols share half the code space */
  ll[lit2] = 6;
  ll[256] = 6;
  for (int s = 257; s < 285; s++) ll[s] = 6;
  canon_codes(ll, 286, code);
  /* header: BFINAL 0, BTYPE 2, HLIT 286-257, HDIST 2-1, HCLEN 19-4 */
  bw_put(w, 0 | 2u << 1, 3);
  bw_put(w, 29, 5);
  bw_put(w, 1, 5);
  bw_put(w, 15, 4);
  /* code-length code: symbols 0,1,5,6,16,17,18 + 2 at 3 bits (complete) */
  static const unsigned char order[19] = {16, 17, 18, 0, 8, 7, 9, 6, 10, 5,
                                          11, 4,  12, 3, 13, 2, 14, 1, 15};
  unsigned char cll[19] = {0};
  cll[0] = cll[1] = cll[2] = cll[5] = cll[6] = cll[16] = cll[17] = cll[18] = 3;
  uint16_t clc[19];
  canon_codes(cll, 19, clc);
  for (int i = 0; i < 19; i++) bw_put(w, cll[order[i]], 3);
  memcpy(cl_all, ll, 286);
  cl_all[286] = cl_all[287] = 1; /* distance code lengths */
  for (int i = 0; i < 288;) {
    unsigned l = cl_all[i];
    int run = 1;
    while (i + run < 288 && cl_all[i + run] == l) run++;
    if (l == 0 && run >= 11) {
      int r = run > 138 ? 138 : run;
      bw_put(w, clc[18], 3);
      bw_put(w, (unsigned)(r - 11), 7);
      i += r;
    } else if (l == 0 && run >= 3) {
      bw_put(w, clc[17], 3);
      bw_put(w, (unsigned)(run - 3), 3);
      i += run;
    } else {
      bw_put(w, clc[l], 3);
      i++;
    }
  }
  /* rows: literal f, literal 0, then rb - 2 zeros as distance-1 matches */
  const size_t nz = rb - 1;
  for (size_t r = 0; r < nrows && !w->overflow; r++) {
    bw_put(w, code[f], ll[f]);
    if (nz == 0) continue;
    bw_put(w, code[0], ll[0]);
    size_t left = nz - 1;
    while (left >= 3) {
      size_t m = left > 258 ? 258 : left;
      if (left - m > 0 && left - m < 3) m = left - 3; /* leave a codable tail */
      int s = 28;
      while (len_base[s] > m) s--;
      if (s == 28 && m != 258) s = 27;
      bw_put(w, code[257 + s], ll[257 + s]);
      if (len_extra[s]) bw_put(w, (unsigned)(m - len_base[s]), len_extra[s]);
      bw_put(w, 0, 1); /* distance code 0 (= 1), code 0 */
      left -= m;
    }
    for (; left; left--) bw_put(w, code[0], ll[0]);
  }
  bw_put(w, code[256], ll[256]);
}

/* Decoding table for walk_deflate: entry = symbol << 4 | code length, 0 for
 * a bit pattern no code starts with. */
static int build_table(const unsigned char *len, int n, uint16_t *tab, int *tbits) {
  int maxl = 0;
  for (int i = 0; i < n; i++)
    if (len[i] > maxl) maxl = len[i];
  if (maxl == 0) maxl = 1;
  uint16_t code[288];
  canon_codes(len, n, code);
  size_t size = (size_t)1 << maxl;
  memset(tab, 0, size * sizeof *tab);
  for (int i = 0; i < n; i++) {
    if (!len[i]) continue;
    for (size_t j = code[i]; j < size; j += (size_t)1 << len[i]) {
      if (tab[j]) return -1; /* over-subscribed */
      tab[j] = (uint16_t)(i << 4 | len[i]);
    }
  }
  *tbits = maxl;
  return 0;
}

/* Reads >= 57 bits at bit position pos; buf has 16 readable bytes of slack. */
static inline uint64_t peek_bits(const unsigned char *buf, size_t pos) {
  uint64_t v;
  memcpy(&v, buf + (pos >> 3), 8);
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
  v = __builtin_bswap64(v);
#endif
  return v >> (pos & 7);
}

/* Walks a raw deflate stream of len bytes (with 16 zero bytes after it) up to
 * the end of its final block: *last = bit position of the final block's
 * BFINAL bit, *end = bit position just after it.  -1 on anything malformed. */
static int walk_deflate(const unsigned char *buf, size_t len, uint16_t *lt, uint16_t *dt,
                        size_t *last, size_t *end) {
  const size_t nbits = 8 * len;
  size_t pos = 0;
  for (;;) {
    if (pos + 3 > nbits) return -1;
    uint64_t v = peek_bits(buf, pos);
    int final = (int)(v & 1), type = (int)((v >> 1) & 3);
    *last = pos;
    pos += 3;
    int lbits, dbits;
    if (type == 0) {
      pos = (pos + 7) & ~(size_t)7;
      if (pos + 32 > nbits) return -1;
      const unsigned char *q = buf + pos / 8;
      unsigned n = q[0] | (unsigned)q[1] << 8, nn = q[2] | (unsigned)q[3] << 8;
      if ((n ^ nn) != 0xffffu) return -1;
      pos += 32 + 8 * (size_t)n;
      if (pos > nbits) return -1;
    } else {
      unsigned char ll[320];
      int nl = 288, nd = 32;
      if (type == 1) {
        memset(ll, 8, 144);
        memset(ll + 144, 9, 112);
        memset(ll + 256, 7, 24);
        memset(ll + 280, 8, 8);
        memset(ll + 288, 5, 32);
      } else if (type == 2) {
        v = peek_bits(buf, pos);
        nl = (int)(v & 31) + 257;
        nd = (int)((v >> 5) & 31) + 1;
        int nc = (int)((v >> 10) & 15) + 4;
        pos += 14;
        if (pos + 3 * (size_t)nc > nbits) return -1;
        static const unsigned char order[19] = {16, 17, 18, 0, 8,  7, 9,  6, 10, 5,
                                                11, 4,  12, 3, 13, 2, 14, 1, 15};
        unsigned char cl[19] = {0};
        for (int i = 0; i < nc; i++, pos += 3) cl[order[i]] = (unsigned char)(peek_bits(buf, pos) & 7);
        uint16_t ct[128];
        int cbits;
        if (build_table(cl, 19, ct, &cbits) < 0) return -1;
        for (int i = 0; i < nl + nd;) {
          if (pos > nbits) return -1;
          v = peek_bits(buf, pos);
          unsigned e = ct[v & ((1u << cbits) - 1)];
          if (!e) return -1;
          pos += e & 15;
          v >>= e & 15;
          unsigned s = e >> 4;
          int rep;
          unsigned char val;
          if (s < 16) {
            ll[i++] = (unsigned char)s;
            continue;
          } else if (s == 16) {
            if (i == 0) return -1;
            val = ll[i - 1];
            rep = 3 + (int)(v & 3);
            pos += 2;
          } else if (s == 17) {
            val = 0;
            rep = 3 + (int)(v & 7);
            pos += 3;
          } else {
            val = 0;
            rep = 11 + (int)(v & 127);
            pos += 7;
          }
          if (i + rep > nl + nd) return -1;
          memset(ll + i, val, (size_t)rep);
          i += rep;
        }
        if (nl > 286 || nd > 30) return -1;
      } else {
        return -1;
      }
      if (build_table(ll, nl, lt, &lbits) < 0 || build_table(ll + nl, nd, dt, &dbits) < 0)
        return -1;
      const uint64_t lmask = ((uint64_t)1 << lbits) - 1, dmask = ((uint64_t)1 << dbits) - 1;
      for (;;) {
        if (pos > nbits) return -1;
        v = peek_bits(buf, pos);
        unsigned e = lt[v & lmask];
        if (!e) return -1;
        unsigned s = e >> 4;
        pos += e & 15;
        if (s < 256) continue;
        if (s == 256) break;
        s -= 257;
        if (s > 28) return -1;
        v >>= e & 15;
        pos += len_extra[s];
        v >>= len_extra[s];
        e = dt[v & dmask];
        if (!e || (e >> 4) > 29) return -1;
        pos += (e & 15) + dist_extra[e >> 4];
      }
      if (pos > nbits) return -1;
    }
    if (final) break;
  }
  *end = pos;
  return 0;
}

/* Appends bits [0, nbits) of buf, with the bit at `clear` forced to 0. */
static void bw_append(bitw *w, const unsigned char *buf, size_t nbits, size_t clear) {
  size_t full = nbits / 8;
  for (size_t i = 0; i < full && !w->overflow; i++) {
    unsigned b = buf[i];
    if (i == clear / 8) b &= ~(1u << (clear & 7));
    bw_put(w, b, 8);
  }
  if (nbits & 7) {
    unsigned b = buf[full];
    if (full == clear / 8) b &= ~(1u << (clear & 7));
    bw_put(w, b & ((1u << (nbits & 7)) - 1), (int)(nbits & 7));
  }
}

/* Appends the raw deflate blocks of h filtered rows of rb bytes (zero rows
 * flagged in zrow) to w, none of them final.  -1 when a band could not be
 * compressed or walked (out of memory; nothing malformed is expected). */
static int deflate_rows(png_encoder *enc, const unsigned char *filt, const unsigned char *zrow, size_t rb,
                        size_t h, bitw *w) {
  size_t y = 0;
  while (y < h) {
    /* the band: rows up to the next run of >= ZERO_RUN_MIN zero rows */
    size_t b0 = y, zs = 0;
    for (; y < h; y++) {
      if (!zrow[y]) continue;
      size_t e = y;
      while (e < h && zrow[e]) e++;
      if (e - y >= PNG_ENCODE_ZERO_RUN_MIN || e == h) {
        zs = e - y;
        break;
      }
      y = e - 1;
    }
    if (y > b0) {
      const unsigned char *in = filt + b0 * rb;
      size_t n = (y - b0) * rb;
      size_t bound = libdeflate_deflate_compress_bound(enc->comp, n) + 16;
      if (reserve(&enc->tmp, &enc->tmp_cap, bound) < 0) return -1;
      size_t clen = libdeflate_deflate_compress(enc->comp, in, n, enc->tmp, bound - 16);
      if (clen == 0) return -1;
      memset(enc->tmp + clen, 0, 16);
      size_t last, end;
      if (walk_deflate(enc->tmp, clen, enc->lt, enc->dt, &last, &end) < 0) return -1;
      bw_append(w, enc->tmp, end, last);
    }
    if (zs) {
      put_zero_rows(w, filt[y * rb], rb, zs);
      y += zs;
    }
  }
  return 0;
}

/* The zlib stream's first two bytes: 32K window, "fast" level; 0x785e % 31 == 0. */
static void put_zlib_header(bitw *w) {
  bw_put(w, 0x78, 8);
  bw_put(w, 0x5e, 8);
}

/* Compresses enc->filt (h rows of rb bytes, zero rows flagged in enc->zrow)
 * as one zlib stream into dst; returns its length, 0 when it does not fit or
 * a band could not be walked (the caller then compresses in one piece). */
static size_t zlib_banded(png_encoder *enc, size_t rb, size_t h, unsigned char *dst,
                          size_t avail) {
  bitw w = {dst, dst + avail, 0, 0, 0};
  put_zlib_header(&w);
  if (deflate_rows(enc, enc->filt, enc->zrow, rb, h, &w) < 0) return 0;
  /* final empty fixed-Huffman block (BFINAL 1, BTYPE 1, end of block 0000000) */
  bw_put(&w, 1 | 1u << 1, 3);
  bw_put(&w, 0, 7);
  bw_flush(&w);
  uint32_t ad = libdeflate_adler32(1, enc->filt, h * rb);
  for (int i = 3; i >= 0; i--) bw_put(&w, (ad >> (8 * i)) & 0xff, 8);
  if (w.overflow) return 0;
  return (size_t)(w.p - dst);
}

/* ---- encoder ------------------------------------------------------------ */

static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

/* Signature, IHDR, sRGB and (dpi > 0) pHYs at p; returns their end
 * (at most PNG_HEADER_MAX bytes). */
static unsigned char *write_header(unsigned char *p, int width, int height, int depth, int color_type,
                                   double dpi) {
  memcpy(p, png_sig, 8);
  p += 8;
  put32(p + 8, (uint32_t)width);
  put32(p + 12, (uint32_t)height);
  p[16] = (unsigned char)depth;
  p[17] = (unsigned char)color_type;
  p[18] = 0; /* deflate */
  p[19] = 0; /* adaptive filtering */
  p[20] = 0; /* no interlace */
  p = finish_chunk(p, "IHDR", 13);
  p[8] = 0; /* perceptual */
  p = finish_chunk(p, "sRGB", 1);
  if (dpi > 0) {
    double ppm = floor(dpi / 0.0254 + 0.5);
    uint32_t v = ppm >= 2147483647.0 ? 2147483647u : ppm < 1 ? 1u : (uint32_t)ppm;
    put32(p + 8, v);
    put32(p + 12, v);
    p[16] = 1; /* unit: metre */
    p = finish_chunk(p, "pHYs", 9);
  }
  return p;
}

/* Packs 8-bit palette scanlines (w + 1 bytes each) in place to `depth` bits
 * per index; returns the new total size.  Writes never overtake reads. */
static size_t pack_rows(unsigned char *buf, int w, int h, int depth) {
  size_t in_row = (size_t)w + 1;
  size_t per = (size_t)(8 / depth);
  size_t packed = ((size_t)w + per - 1) / per;
  unsigned char *o = buf;
  for (int y = 0; y < h; y++) {
    const unsigned char *r = buf + (size_t)y * in_row;
    *o++ = r[0];
    r++;
    for (size_t j = 0; j < packed; j++) {
      unsigned v = 0;
      for (size_t k = 0; k < per; k++) {
        size_t x = j * per + k;
        unsigned idx = x < (size_t)w ? r[x] : 0;
        v = (v << depth) | idx;
      }
      *o++ = (unsigned char)v;
    }
  }
  return (size_t)(o - buf);
}

int png_encoder_encode(png_encoder *enc, const unsigned char *data, int width, int height,
                       int stride, int has_alpha, double dpi, const unsigned char **out,
                       size_t *out_len) {
  if (out) *out = NULL;
  if (out_len) *out_len = 0;
  if (!enc || !data || !out || !out_len) return -1;
  if (width < 1 || height < 1 || width > INT_MAX / 4 || stride < 4 * width) return -1;
  const size_t w = (size_t)width, h = (size_t)height, sstride = (size_t)stride;
  /* the source extent must be addressable (matters for 32-bit size_t) */
  if (h - 1 > (SIZE_MAX - 4 * w) / sstride) return -1;

  /* All buffers are sized for the worst case (RGBA, adaptive filter) of this
   * width and height, whatever the content turns out to be, so a second image
   * of the same size never allocates.  Untouched tail pages of these large
   * blocks are typically never faulted in. */
  const size_t rgba_row = 1 + 4 * w;
  if (w > (SIZE_MAX - 1) / 4 / 7 || h > SIZE_MAX / rgba_row) return -1;
  const size_t filt_max = h * rgba_row;
  size_t bound = libdeflate_zlib_compress_bound(enc->comp, filt_max);
  if (bound < filt_max) return -1;
  const size_t max_idat = PNG_ENCODE_IDAT_MAX;
  const size_t nchunks_max = bound / max_idat + 1;
  /* header <= 8 + IHDR 25 + sRGB 13 + pHYs 21 + PLTE 780 + tRNS 268 */
  size_t need = 8 + 25 + 13 + 21 + 780 + 268 + 12; /* + IEND */
  if (nchunks_max > (SIZE_MAX - need) / 12) return -1;
  need += 12 * nchunks_max;
  if (bound > SIZE_MAX - need) return -1;
  need += bound;
  if (reserve(&enc->filt, &enc->filt_cap, filt_max) < 0 ||
      reserve(&enc->rows, &enc->rows_cap, 7 * 4 * w) < 0 ||
      reserve(&enc->out, &enc->out_cap, need) < 0 ||
      reserve(&enc->zrow, &enc->zrow_cap, h) < 0)
    return -1;
  memset(enc->zrow, 0, h);

  int opaque = 1;
  int is_pal = scan_palette(enc, data, width, height, sstride, has_alpha, enc->filt, &opaque);
  if (!has_alpha) opaque = 1;

  int color_type, depth = 8;
  size_t filt_len;
  if (is_pal) {
    int n = enc->npal;
#if PNG_ENCODE_SUBBYTE
    depth = n <= 2 ? 1 : n <= 4 ? 2 : n <= 16 ? 4 : 8;
#endif
    color_type = 3;
    if (depth < 8) {
      filt_len = pack_rows(enc->filt, width, height, depth);
    } else {
      filt_len = h * (w + 1);
    }
    if (enc->pal_filter == F_UP) {
      pal_up_inplace(enc->filt, filt_len / h, h);
    } else if (enc->pal_filter != F_NONE) {
      /* only for benchmarking other filters: refilter the rows in place,
       * bottom-up so each row still sees its unfiltered predecessor */
      size_t rb = filt_len / h - 1;
      for (size_t y = h; y-- > 0;) {
        unsigned char *r = enc->filt + y * (rb + 1);
        const unsigned char *pr = y ? r - rb : NULL;
        memcpy(enc->rows, r + 1, rb);
        if (!pr) memset(enc->rows + rb, 0, rb);
        else memcpy(enc->rows + rb, pr, rb);
        filter_row(enc->pal_filter, r, enc->rows, enc->rows + rb, rb, 1,
                   enc->rows + 2 * rb);
      }
    }
  } else {
    color_type = opaque ? 2 : 6;
    filt_len = filter_truecolor(enc, data, width, height, sstride, opaque);
  }

  /* Header: signature, IHDR, sRGB, pHYs, PLTE, tRNS. */
  const int npal = is_pal ? enc->npal : 0;
  int ntrns = 0;
  if (is_pal && !opaque)
    for (int i = 0; i < npal; i++)
      if ((enc->pal[i] >> 24) != 0xff) ntrns = i + 1;

  unsigned char *p = write_header(enc->out, width, height, depth, color_type, dpi);
  if (npal) {
    for (int i = 0; i < npal; i++) {
      unsigned char c[4];
      unpremultiply(enc->pal[i], c);
      memcpy(p + 8 + 3 * i, c, 3);
    }
    p = finish_chunk(p, "PLTE", 3 * (size_t)npal);
    if (ntrns) {
      for (int i = 0; i < ntrns; i++) p[8 + i] = (unsigned char)(enc->pal[i] >> 24);
      p = finish_chunk(p, "tRNS", (size_t)ntrns);
    }
  }

  /* IDAT: compress straight into place after the first chunk header. */
  unsigned char *zdata = p + 8;
  size_t avail = (size_t)(enc->out + enc->out_cap - zdata);
  size_t zlen = 0;
  if (enc->banded && !is_pal && opaque && enc->rgb_filter == F_UP)
    zlen = zlib_banded(enc, filt_len / h, h, zdata, avail);
  if (zlen == 0) zlen = libdeflate_zlib_compress(enc->comp, enc->filt, filt_len, zdata, avail);
  if (zlen == 0) return -1; /* cannot happen: avail >= bound */
  size_t nchunks = (zlen + max_idat - 1) / max_idat;
  /* Split oversized streams: move chunk k's payload up by 12*k bytes, last
   * chunk first so nothing is overwritten before it is moved. */
  for (size_t k = nchunks; k-- > 1;) {
    size_t len = k + 1 == nchunks ? zlen - k * max_idat : max_idat;
    memmove(zdata + k * (max_idat + 12), zdata + k * max_idat, len);
  }
  for (size_t k = 0; k < nchunks; k++) {
    size_t len = k + 1 == nchunks ? zlen - k * max_idat : max_idat;
    p = finish_chunk(p, "IDAT", len);
  }
  p = finish_chunk(p, "IEND", 0);

  *out = enc->out;
  *out_len = (size_t)(p - enc->out);
  return 0;
}

/* ---- streamed bands ------------------------------------------------------
 * A large image is encoded as it is drawn (render/png_bands.c): one zlib
 * stream whose deflate blocks come band by band.  Each band's blocks are
 * made as in zlib_banded (no match reaches outside the band, no row is
 * filtered against another band's) and end with
 * an empty stored block, so they fill whole bytes and the bands' IDAT
 * chunks can be written one after another as they are finished, by any
 * thread, in any order of finishing.  The zlib checksum of the whole is
 * combined from the bands' own (png_adler32_combine). */

size_t png_encoder_header(unsigned char *dst, int width, int height, int rgba, double dpi) {
  return (size_t)(write_header(dst, width, height, 8, rgba ? 6 : 2, dpi) - dst);
}

/* zlib's adler32_combine: the checksum of A then B from theirs and B's length. */
uint32_t png_adler32_combine(uint32_t a, uint32_t b, size_t len_b) {
  const uint32_t base = 65521;
  uint32_t rem = (uint32_t)(len_b % base);
  uint32_t s1 = a & 0xffff;
  uint32_t s2 = (uint32_t)(((uint64_t)rem * s1) % base);
  uint32_t sum1 = s1 + (b & 0xffff) + base - 1;
  uint32_t sum2 = (a >> 16) + (b >> 16) + base - rem + s2;
  if (sum1 >= base) sum1 -= base;
  if (sum1 >= base) sum1 -= base;
  if (sum2 >= 2 * base) sum2 -= 2 * base;
  if (sum2 >= base) sum2 -= base;
  return sum1 | sum2 << 16;
}

int png_encoder_band(png_encoder *enc, const unsigned char *data, int width, int rows, int stride, int rgba,
                     int first, png_band *out) {
  if (!enc || !data || !out || width < 1 || rows < 1 || width > INT_MAX / 8 || stride < 4 * width) return -1;
  const size_t w = (size_t)width, h = (size_t)rows, bpp = rgba ? 4 : 3, rb = 1 + bpp * w;
  if (h > SIZE_MAX / rb) return -1;
  const size_t n = h * rb;
  if (reserve(&enc->filt, &enc->filt_cap, n) < 0 || reserve(&enc->rows, &enc->rows_cap, 2 * 4 * w) < 0 ||
      reserve(&enc->zrow, &enc->zrow_cap, h) < 0)
    return -1;
  /* Up on every row but a band's first, which is None (the image's first
   * row: Up over nothing, as png_encoder_encode writes it): a band never
   * depends on another band's pixels. */
  unsigned char *prev = enc->rows, *cur = enc->rows + 4 * w;
  for (size_t y = 0; y < h; y++) {
    unsigned char *d = enc->filt + y * rb;
    const unsigned char *src = data + y * (size_t)stride, *up = y ? src - stride : NULL;
    d[0] = up || first ? F_UP : F_NONE;
    if (!rgba) {
      enc->zrow[y] = (unsigned char)rgb_up_row(d + 1, src, up, width);
      continue;
    }
    enc->zrow[y] = up && memcmp(src, up, 4 * w) == 0;
    if (enc->zrow[y]) {
      memset(d + 1, 0, 4 * w);
    } else {
      convert_rgba(cur, src, width);
      if (up) filter_up(d + 1, cur, prev, 4 * w, 4);
      else memcpy(d + 1, cur, 4 * w);
    }
    if (!enc->zrow[y]) { /* a zero row equals the one in prev already */
      unsigned char *t = prev;
      prev = cur;
      cur = t;
    }
  }
  /* chunk header, zlib header, blocks (at worst stored: the bound), one
   * fixed-form block per run of zero rows, the empty stored block, CRC */
  size_t bound = libdeflate_deflate_compress_bound(enc->comp, n);
  if (bound < n || bound > SIZE_MAX / 2 - (h / PNG_ENCODE_ZERO_RUN_MIN + 2) * 256) return -1;
  bound += (h / PNG_ENCODE_ZERO_RUN_MIN + 2) * 256 + 64;
  if (reserve(&out->chunk, &out->cap, bound) < 0) return -1;
  bitw bw = {out->chunk + 8, out->chunk + out->cap - 4, 0, 0, 0};
  if (first) put_zlib_header(&bw);
  if (deflate_rows(enc, enc->filt, enc->zrow, rb, h, &bw) < 0) return -1;
  bw_put(&bw, 0, 3); /* BFINAL 0, BTYPE 0: an empty stored block to end on a byte */
  bw_flush(&bw);
  bw_put(&bw, 0x0000, 16);
  bw_put(&bw, 0xffff, 16);
  if (bw.overflow) return -1;
  size_t len = (size_t)(bw.p - (out->chunk + 8));
  if (len > PNG_ENCODE_IDAT_MAX) return -1;
  out->len = (size_t)(finish_chunk(out->chunk, "IDAT", len) - out->chunk);
  out->adler = libdeflate_adler32(1, enc->filt, n);
  out->raw = n;
  return 0;
}

size_t png_encoder_trailer(unsigned char *dst, uint32_t adler) {
  unsigned char *p = dst + 8;
  p[0] = 1 | 1u << 1; /* the final block: empty, fixed Huffman (BFINAL 1, BTYPE 1, end of block 0000000) */
  p[1] = 0;
  put32(p + 2, adler);
  p = finish_chunk(dst, "IDAT", 6);
  p = finish_chunk(p, "IEND", 0);
  return (size_t)(p - dst);
}
