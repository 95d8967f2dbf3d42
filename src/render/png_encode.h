/* Fast, deterministic PNG encoder for cairo image surfaces.
 *
 * Replaces cairo_surface_write_to_png() on the hot path: the pixels are
 * filtered once, compressed with libdeflate and wrapped in a minimal,
 * byte-reproducible PNG (IHDR, sRGB, optional pHYs, PLTE/tRNS for palette
 * images, IDAT, IEND; never tIME or text chunks).
 *
 * Images with at most 256 distinct colours are written as palette PNGs
 * (colour type 3, palette in order of first appearance, bit depth 1/2/4/8
 * depending on the number of colours); others as RGB (colour type 2) or, when
 * some pixel is not opaque, RGBA (colour type 6).
 *
 * Threading: an encoder holds mutable scratch state, so use one encoder per
 * thread (or serialise access).  There is no global mutable state; different
 * encoders may be used concurrently. */
#ifndef HUITU_RENDER_PNG_ENCODE_H
#define HUITU_RENDER_PNG_ENCODE_H

#include <stddef.h>
#include <stdint.h>

typedef struct png_encoder png_encoder;

/* Create an encoder.  It owns its scratch buffers (filtered scanlines,
 * compressed output) and a libdeflate compressor; the buffers grow to the
 * largest image encoded so far and are reused, so encoding another image of
 * the same (or smaller) size performs no allocation.
 * Returns NULL on out of memory.  Release with png_encoder_free(). */
png_encoder *png_encoder_new(void);

/* Free the encoder and everything it owns, including any buffer previously
 * returned through png_encoder_encode()'s *out.  NULL is a no-op. */
void png_encoder_free(png_encoder *enc);

/* Encode pixels in cairo's native layout (CAIRO_FORMAT_ARGB32 premultiplied or
 * CAIRO_FORMAT_RGB24: 32-bit native-endian words 0xAARRGGBB, rows `stride`
 * bytes apart; stride >= 4*width).  The pixel data is only read, and only
 * during the call.
 *
 * has_alpha=0: the page is opaque; the alpha byte is ignored and the file is
 *   RGB (colour type 2) or palette (colour type 3).
 * has_alpha=1: pixels are un-premultiplied (c*255 + a/2) / a, the same rounding
 *   cairo uses; fully transparent pixels become (0,0,0,0).  If every pixel is
 *   opaque the file is written as with has_alpha=0; otherwise RGBA (colour
 *   type 6), or palette + tRNS when there are <= 256 distinct colours.
 * dpi > 0 writes a pHYs chunk (pixels per metre, rounded); an sRGB chunk
 *   (rendering intent 0) is always written.  Identical input gives
 *   byte-identical output.
 *
 * On success returns 0 and sets *out / *out_len to a buffer OWNED BY THE
 * ENCODER: do not free it; it stays valid until the next png_encoder_encode()
 * call on the same encoder (successful or not) or png_encoder_free().  Copy it
 * if you need it longer.
 * Returns -1 (with *out = NULL, *out_len = 0 when those pointers are non-NULL)
 * on invalid arguments (NULL pointers, width or height < 1,
 * stride < 4*width), size overflow, or allocation failure; the encoder stays
 * usable after a failure. */
int png_encoder_encode(png_encoder *enc, const unsigned char *data, int width,
                       int height, int stride, int has_alpha, double dpi,
                       const unsigned char **out, size_t *out_len);

/* For benchmarks (bench/png_levels.c): libdeflate level (0-12) and the
 * row filter for RGB/RGBA and for palette images (0 None, 1 Sub, 2 Up,
 * 3 Average, 4 Paeth, 5 per-row minimum sum of absolute differences).
 * Returns 0, or -1 on a bad value or out of memory (nothing changed). */
int png_encoder_tune(png_encoder *enc, int level, int rgb_filter, int pal_filter);

/* ---- Streamed encoding in bands (render/png_bands.c) ----
 * An image too large to hold whole is encoded band by band: the header,
 * then one IDAT chunk per band of rows in order, then the trailer.  Always
 * 8-bit RGB (rgba 0: opaque, alpha ignored) or RGBA (rgba 1), the Up
 * filter within a band and None on the first row of every band but the
 * first, so a band's bytes depend on its own pixels only; the deflate
 * blocks are cut at the band edges.  Bands may be encoded by different
 * encoders on different threads; the bytes depend only on the
 * pixels and the band edges. */

#define PNG_HEADER_MAX 96 /* signature 8, IHDR 25, sRGB 13, pHYs 21 */

/* Writes the header for a width x height image into dst (>= PNG_HEADER_MAX
 * bytes); returns its length. */
size_t png_encoder_header(unsigned char *dst, int width, int height, int rgba, double dpi);

/* One band's IDAT chunk, in a buffer the caller owns (grown with realloc;
 * free chunk when done), its zlib checksum and how many filtered bytes it
 * holds. */
typedef struct png_band {
  unsigned char *chunk;
  size_t cap, len;
  uint32_t adler;
  size_t raw;
} png_band;

/* Encodes `rows` rows of pixels (cairo's layout, as png_encoder_encode) into
 * out->chunk as one complete IDAT chunk; first = 1 for the image's first
 * band (its chunk starts the zlib stream).  Returns 0, or -1 on bad
 * arguments or out of memory. */
int png_encoder_band(png_encoder *enc, const unsigned char *data, int width, int rows, int stride, int rgba,
                     int first, png_band *out);

/* The checksum of the bands' data together: a then b, b of len_b bytes. */
uint32_t png_adler32_combine(uint32_t a, uint32_t b, size_t len_b);

/* The last IDAT (the final deflate block and the whole stream's checksum)
 * and IEND into dst (>= 32 bytes); returns their length. */
size_t png_encoder_trailer(unsigned char *dst, uint32_t adler);

#endif
