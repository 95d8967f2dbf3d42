/* png_check: see png_check.h. */
#include "base/png_check.h"

#include <libdeflate.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

/* cairo's image surfaces are at most 32767 pixels a side. */
#define PNG_MAX_SIDE 32767u

static uint32_t be32(const unsigned char *p) {
  return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int is_letter(unsigned char c) { return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z'); }

/* Channels of a colour type with a valid bit depth, else 0. */
static int channels(unsigned ct, unsigned depth) {
  switch (ct) {
  case 0: return depth == 1 || depth == 2 || depth == 4 || depth == 8 || depth == 16 ? 1 : 0;
  case 2: return depth == 8 || depth == 16 ? 3 : 0;
  case 3: return depth == 1 || depth == 2 || depth == 4 || depth == 8 ? 1 : 0;
  case 4: return depth == 8 || depth == 16 ? 2 : 0;
  case 6: return depth == 8 || depth == 16 ? 4 : 0;
  default: return 0;
  }
}

#define BROKEN(...)                                                                                                  \
  do {                                                                                                               \
    int k_ = snprintf(err, errlen, "is not a valid PNG file: ");                                                    \
    if (k_ >= 0 && (size_t)k_ < errlen) snprintf(err + k_, errlen - (size_t)k_, __VA_ARGS__);                        \
    return PNG_CHECK_BROKEN;                                                                                         \
  } while (0)

png_check_status png_check(const unsigned char *d, size_t n, double max_pixels, unsigned *w, unsigned *h, char *err,
                           size_t errlen) {
  static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
  if (n < 8 || memcmp(d, sig, 8)) {
    snprintf(err, errlen, "is not a PNG file (it does not start with the PNG signature)");
    return PNG_CHECK_BROKEN;
  }
  if (n < 8 + 8 + 13 + 4) BROKEN("it ends inside its header (IHDR)");
  if (be32(d + 8) != 13 || memcmp(d + 12, "IHDR", 4)) BROKEN("it does not begin with a header (IHDR) chunk");
  const unsigned char *ih = d + 16;
  uint32_t W = be32(ih), H = be32(ih + 4);
  unsigned depth = ih[8], ct = ih[9];
  if (!W || !H || W > 0x7fffffffu || H > 0x7fffffffu) BROKEN("its header gives a size of %u×%u pixels", W, H);
  *w = W;
  *h = H;
  int ch = channels(ct, depth);
  if (!ch || ih[10] != 0 || ih[11] != 0 || ih[12] > 1)
    BROKEN("its header is invalid (bit depth %u, colour type %u, methods %u/%u/%u)", depth, ct, ih[10], ih[11],
           ih[12]);
  /* The size first, before anything else is looked at: a bomb is refused
   * on its 33-byte header whatever follows. */
  double px = (double)W * (double)H;
  if (px > max_pixels) {
    snprintf(err, errlen, "is %u×%u pixels (%.0f), more than the limit of %.0f (raise it with --max-image-pixels)", W,
             H, px, max_pixels);
    return PNG_CHECK_TOO_LARGE;
  }
  if (W > PNG_MAX_SIDE || H > PNG_MAX_SIDE) {
    snprintf(err, errlen, "is %u×%u pixels: at most %u pixels a side can be drawn", W, H, PNG_MAX_SIDE);
    return PNG_CHECK_TOO_LARGE;
  }
  if (libdeflate_crc32(0, d + 12, 17) != be32(d + 29)) BROKEN("its header (IHDR) is damaged (CRC mismatch)");
  size_t pos = 8 + 25;
  int seen_plte = 0, idat_state = 0; /* 0 none yet, 1 in the IDAT run, 2 after it */
  double idat_bytes = 0;
  for (;;) {
    if (n - pos < 12) {
      if (n - pos == 0) BROKEN(idat_state ? "it ends before its end (IEND) chunk" : "it ends before its image data");
      BROKEN("it ends inside a chunk header");
    }
    uint32_t len = be32(d + pos);
    const unsigned char *type = d + pos + 4;
    if (!is_letter(type[0]) || !is_letter(type[1]) || !is_letter(type[2]) || !is_letter(type[3]))
      BROKEN("a chunk at byte %zu has an invalid type", pos);
    char tn[5] = {(char)type[0], (char)type[1], (char)type[2], (char)type[3], 0};
    if (len > 0x7fffffffu || (size_t)len > n - pos - 12)
      BROKEN("it ends inside its %s chunk (%u bytes announced, %zu there)", tn, len, n - pos - 12 < len ? n - pos - 12 : (size_t)len);
    if (libdeflate_crc32(0, type, (size_t)len + 4) != be32(type + 4 + len))
      BROKEN("its %s chunk at byte %zu is damaged (CRC mismatch)", tn, pos);
    int is_idat = !memcmp(tn, "IDAT", 4);
    if (is_idat) {
      if (idat_state == 2) BROKEN("its image data (IDAT) chunks are not contiguous");
      if (ct == 3 && !seen_plte) BROKEN("its palette (PLTE) is missing");
      idat_state = 1;
      idat_bytes += len;
    } else if (idat_state == 1) {
      idat_state = 2;
    }
    if (!memcmp(tn, "PLTE", 4)) seen_plte = 1;
    if (!memcmp(tn, "IHDR", 4)) BROKEN("it has a second header (IHDR) chunk");
    if (!memcmp(tn, "IEND", 4)) break;
    /* An unknown critical chunk (upper-case first letter): decoders refuse it. */
    if (tn[0] >= 'A' && tn[0] <= 'Z' && !is_idat && memcmp(tn, "PLTE", 4))
      BROKEN("it has an unknown critical chunk '%s'", tn);
    pos += 12 + (size_t)len;
  }
  if (!idat_state) BROKEN("it has no image data (IDAT)");
  /* Scanlines inflate to H x (1 + row bytes) (an interlaced image to about
   * as much); deflate cannot expand more than 1032:1, so less data than
   * that means the header claims pixels the file does not hold. */
  double rowbytes = ((double)W * ch * depth + 7) / 8;
  double raw = (double)H * (1 + (double)(long long)rowbytes);
  if (idat_bytes * 1032 + 1024 < raw / 2)
    BROKEN("its %.0f bytes of image data cannot hold %u×%u pixels (the header does not match the data)", idat_bytes, W,
           H);
  return PNG_CHECK_OK;
}
