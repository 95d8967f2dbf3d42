/* png_check: is a PNG file's byte string whole, and how big is it, found
 * without decoding a pixel.  The image block reads an image once, checks it
 * here when the spec is loaded, and only then lets cairo decode it, so a
 * decompression bomb (a few hundred KB claiming 20000 x 20000 pixels), a
 * header that lies about its size, or a file cut short is a located error
 * instead of gigabytes of memory or a blank image.
 *
 * What is checked: the signature; IHDR first, with a width and height of
 * 1 .. 2^31-1 and a valid bit depth / colour type / method combination;
 * every chunk complete and its CRC right; IDAT present and contiguous;
 * IEND at the end; the pixel count within the caller's limit; and the
 * compressed data large enough to inflate to the size the header claims
 * (deflate expands at most 1032:1, so fewer bytes than that can only be a
 * lie).  Damage inside the zlib stream with correct CRCs is not found
 * here (it would take a full decode); cairo then fails to decode it.
 * Thread-safe: no state. */
#ifndef HUITU_BASE_PNG_CHECK_H
#define HUITU_BASE_PNG_CHECK_H
#include <stddef.h>

typedef enum {
  PNG_CHECK_OK = 0,
  PNG_CHECK_BROKEN,    /* not a PNG, or damaged / cut short: err says how */
  PNG_CHECK_TOO_LARGE, /* whole, but more pixels than max_pixels */
  PNG_CHECK_LAST
} png_check_status;

/* Check the n bytes at data.  Sets *w and *h (pixels) whenever the header
 * could be read, even when the rest fails.  err receives the rest of a
 * sentence whose subject is the image ("image 'a.png' " + err): "is not a
 * valid PNG file: it ends inside its IDAT chunk". */
png_check_status png_check(const unsigned char *data, size_t n, double max_pixels, unsigned *w, unsigned *h,
                           char *err, size_t errlen);
#endif
