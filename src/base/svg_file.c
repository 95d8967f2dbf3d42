/* svg_file: see svg_file.h for what librsvg may and may not load. */
#define _GNU_SOURCE /* memmem */
#include "base/svg_file.h"

#include "base/rsvg_lib.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int svg_file_has_ext(const char *path) {
  size_t n = path ? strlen(path) : 0;
  return n >= 4 && !strcasecmp(path + n - 4, ".svg");
}

/* ---- checks made before librsvg sees the bytes -------------------------- */

/* Encodings in which "<!ENTITY" and "data:" are the plain ASCII bytes
 * (ASCII supersets: every byte < 0x80 is itself), so the byte scans below
 * see what libxml2 will see. */
static int ascii_compatible(const char *enc, size_t n) {
  static const char *const prefixes[] = {"utf-8", "utf8", "us-ascii", "ascii", "iso-8859-", "iso8859-", "iso_8859-",
                                         "latin", "windows-125", "cp125", "gb2312", "gbk", "gb18030", "big5",
                                         "euc-", "shift_jis", "shift-jis", "sjis", "cp932", "cp936", "cp949", "cp950",
                                         "koi8-", NULL};
  for (int i = 0; prefixes[i]; i++) {
    size_t k = strlen(prefixes[i]);
    if (n >= k && !strncasecmp(enc, prefixes[i], k)) return 1;
  }
  return 0;
}

/* The encoding an XML declaration at the start names, or NULL. */
static const char *declared_encoding(const char *s, size_t len, size_t *n) {
  if (len < 5 || memcmp(s, "<?xml", 5)) return NULL;
  size_t lim = len < 1024 ? len : 1024;
  const char *end = memmem(s, lim, "?>", 2);
  if (!end) return NULL;
  const char *e = memmem(s, (size_t)(end - s), "encoding", 8);
  if (!e) return NULL;
  e += 8;
  while (e < end && (*e == ' ' || *e == '\t' || *e == '\r' || *e == '\n' || *e == '=')) e++;
  if (e >= end || (*e != '"' && *e != '\'')) return NULL;
  char q = *e++;
  const char *v = e;
  while (e < end && *e != q) e++;
  *n = (size_t)(e - v);
  return v;
}

/* Characters and entity references decoded (&#58; &#x3a; &amp; ...) the
 * way the XML parser will decode them in attribute values, so a data: URL
 * cannot hide behind them.  Other bytes are copied as they are. */
static char *xml_unescape(const char *s, size_t len, size_t *out_len) {
  char *o = malloc(len + 1);
  if (!o) return NULL;
  size_t k = 0;
  for (size_t i = 0; i < len; i++) {
    if (s[i] == '&') {
      size_t j = i + 1;
      unsigned long c = 0;
      int ok = 0;
      if (j < len && s[j] == '#') {
        j++;
        int hex = j < len && (s[j] == 'x' || s[j] == 'X');
        if (hex) j++;
        size_t d0 = j;
        while (j < len && j - d0 < 8 &&
               ((s[j] >= '0' && s[j] <= '9') || (hex && ((s[j] | 32) >= 'a' && (s[j] | 32) <= 'f')))) {
          c = c * (hex ? 16 : 10) + (unsigned long)(s[j] <= '9' ? s[j] - '0' : (s[j] | 32) - 'a' + 10);
          j++;
        }
        ok = j > d0 && j < len && s[j] == ';' && c > 0 && c < 0x80;
      } else {
        static const struct { const char *name; char c; } named[] = {
            {"amp;", '&'}, {"lt;", '<'}, {"gt;", '>'}, {"quot;", '"'}, {"apos;", '\''}};
        for (size_t t = 0; t < 5; t++) {
          size_t nl = strlen(named[t].name);
          if (len - j >= nl && !memcmp(s + j, named[t].name, nl)) {
            c = (unsigned char)named[t].c;
            j += nl - 1;
            ok = 1;
            break;
          }
        }
      }
      if (ok) {
        o[k++] = (char)c;
        i = j;
        continue;
      }
    }
    o[k++] = s[i];
  }
  o[k] = 0;
  *out_len = k;
  return o;
}

static int hexval(char c) {
  return c >= '0' && c <= '9' ? c - '0' : (c | 32) >= 'a' && (c | 32) <= 'f' ? (c | 32) - 'a' + 10 : -1;
}

static int b64val(char c) {
  return c >= 'A' && c <= 'Z' ? c - 'A' : c >= 'a' && c <= 'z' ? c - 'a' + 26 : c >= '0' && c <= '9' ? c - '0' + 52
       : c == '+' || c == '-' ? 62 : c == '/' || c == '_' ? 63 : -1;
}

/* The payload of a data: URL body (percent-decoded, then base64-decoded
 * when b64), forgiving whitespace as browsers and librsvg do. */
static unsigned char *data_url_decode(const char *s, size_t len, int b64, size_t *out_len) {
  unsigned char *o = malloc(len + 1);
  if (!o) return NULL;
  size_t k = 0;
  unsigned acc = 0;
  int bits = 0;
  for (size_t i = 0; i < len; i++) {
    int c = (unsigned char)s[i];
    if (c == '%' && i + 2 < len && hexval(s[i + 1]) >= 0 && hexval(s[i + 2]) >= 0) {
      c = hexval(s[i + 1]) * 16 + hexval(s[i + 2]);
      i += 2;
    }
    if (!b64) {
      o[k++] = (unsigned char)c;
      continue;
    }
    int v = b64val((char)c);
    if (v < 0) continue; /* whitespace, '=' padding */
    acc = acc << 6 | (unsigned)v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      o[k++] = (unsigned char)(acc >> bits);
    }
  }
  *out_len = k;
  return o;
}

static uint32_t be32(const unsigned char *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }

/* Pixel size of a PNG, JPEG or GIF from its header: 1 when found, 0 when
 * the bytes are none of these, -1 when they are one but without a size. */
static int raster_size(const unsigned char *d, size_t n, double *w, double *h) {
  if (n >= 8 && !memcmp(d, "\x89PNG\r\n\x1a\n", 8)) {
    if (n < 24 || memcmp(d + 12, "IHDR", 4)) return -1;
    *w = be32(d + 16);
    *h = be32(d + 20);
    return 1;
  }
  if (n >= 6 && (!memcmp(d, "GIF87a", 6) || !memcmp(d, "GIF89a", 6))) {
    if (n < 10) return -1;
    *w = d[6] | d[7] << 8;
    *h = d[8] | d[9] << 8;
    return 1;
  }
  if (n >= 3 && d[0] == 0xff && d[1] == 0xd8) {
    size_t i = 2;
    while (i + 4 <= n) {
      if (d[i] != 0xff) return -1;
      unsigned m = d[i + 1];
      if (m == 0xff) { /* fill byte */
        i++;
        continue;
      }
      if (m == 0x01 || (m >= 0xd0 && m <= 0xd9)) { /* no length */
        i += 2;
        continue;
      }
      size_t L = (size_t)d[i + 2] << 8 | d[i + 3];
      if (m >= 0xc0 && m <= 0xcf && m != 0xc4 && m != 0xc8 && m != 0xcc) {
        if (i + 9 > n) return -1;
        *h = d[i + 5] << 8 | d[i + 6];
        *w = d[i + 7] << 8 | d[i + 8];
        return 1;
      }
      if (L < 2) return -1;
      i += 2 + L;
    }
    return -1;
  }
  return 0;
}

static int looks_like_svg(const unsigned char *d, size_t n) {
  size_t i = 0;
  if (n >= 3 && !memcmp(d, "\xef\xbb\xbf", 3)) i = 3;
  while (i < n && (d[i] == ' ' || d[i] == '\t' || d[i] == '\r' || d[i] == '\n')) i++;
  return i < n && d[i] == '<';
}

#define NEST_MAX 4

static int precheck(const char *s, size_t len, double max_pixels, int depth, char *err, size_t errlen);

/* Every data: URL in the (unescaped) text: images are sized from their
 * headers, SVGs checked like the file itself. */
static int check_data_urls(const char *u, size_t ulen, double max_pixels, int depth, char *err, size_t errlen) {
  const char *p = u, *end = u + ulen;
  while ((p = memmem(p, (size_t)(end - p), "data:", 5)) != NULL) {
    const char *mt = p + 5;
    p = mt;
    const char *comma = mt;
    while (comma < end && *comma != ',' && *comma != '"' && *comma != '\'' && *comma != '<' && *comma != ')' &&
           (size_t)(comma - mt) < 256)
      comma++;
    if (comma >= end || *comma != ',') continue;
    size_t mlen = (size_t)(comma - mt);
    int b64 = mlen >= 7 && !strncasecmp(comma - 7, ";base64", 7);
    int is_image = mlen >= 6 && !strncasecmp(mt, "image/", 6);
    const char *body = comma + 1, *be = body;
    while (be < end && *be != '"' && *be != '\'' && *be != '<' && *be != '>' && *be != ')') be++;
    size_t n;
    unsigned char *bytes = data_url_decode(body, (size_t)(be - body), b64, &n);
    if (!bytes) {
      snprintf(err, errlen, "is too large to check");
      return -1;
    }
    double w = 0, h = 0;
    int r = raster_size(bytes, n, &w, &h);
    int fail = 0;
    if (r > 0 && w * h > max_pixels) {
      snprintf(err, errlen,
               "embeds a %.0f×%.0f image (%.0f pixels), more than the limit of %.0f (raise it with --max-image-pixels)", w,
               h, w * h, max_pixels);
      fail = 1;
    } else if (r == 0 && looks_like_svg(bytes, n)) {
      if (depth + 1 >= NEST_MAX) {
        snprintf(err, errlen, "nests SVG images more than %d deep", NEST_MAX);
        fail = 1;
      } else {
        fail = precheck((const char *)bytes, n, max_pixels, depth + 1, err, errlen) != 0;
      }
    } else if (r < 0 || (r == 0 && is_image && n > 0)) {
      snprintf(err, errlen, "embeds an image that is not a whole PNG, JPEG, GIF or SVG file (in a data: URL)");
      fail = 1;
    }
    free(bytes);
    if (fail) return -1;
    p = be;
  }
  return 0;
}

static int precheck(const char *s, size_t len, double max_pixels, int depth, char *err, size_t errlen) {
  const unsigned char *u = (const unsigned char *)s;
  if (memchr(s, 0, len) || (len >= 2 && ((u[0] == 0xfe && u[1] == 0xff) || (u[0] == 0xff && u[1] == 0xfe))) ||
      (len >= 4 && !memcmp(s, "\x4c\x6f\xa7\x94", 4))) {
    snprintf(err, errlen, "is not in UTF-8: only UTF-8 (or another ASCII-compatible encoding) SVG images are supported");
    return -1;
  }
  size_t bom = len >= 3 && !memcmp(s, "\xef\xbb\xbf", 3) ? 3 : 0, en;
  const char *enc = declared_encoding(s + bom, len - bom, &en);
  if (enc && !ascii_compatible(enc, en)) {
    snprintf(err, errlen,
             "declares the encoding '%.*s': only UTF-8 (or another ASCII-compatible encoding) SVG images are supported",
             (int)(en < 40 ? en : 40), enc);
    return -1;
  }
  if (memmem(s, len, "<!ENTITY", 8)) {
    snprintf(err, errlen, "declares XML entities (<!ENTITY>), which huitu does not expand in images");
    return -1;
  }
  size_t ulen;
  char *un = xml_unescape(s, len, &ulen);
  if (!un) {
    snprintf(err, errlen, "is too large to check");
    return -1;
  }
  int r = check_data_urls(un, ulen, max_pixels, depth, err, errlen);
  free(un);
  return r;
}

int svg_file_check(const void *data, size_t len, double max_pixels, double *w, double *h, char *err, size_t errlen) {
  if (precheck(data, len, max_pixels, 0, err, errlen)) return -1;
  const rsvg_api *rsvg = rsvg_lib(err, errlen);
  if (!rsvg) return -1;
  rsvg_handle r = rsvg_lib_open(rsvg, data, len, err, errlen);
  if (!r) return -1;
  double iw = 0, ih = 0;
  if (!rsvg->size_in_pixels(r, &iw, &ih) || !(iw > 0) || !(ih > 0)) {
    /* width/height missing or relative (100%): the viewBox gives the size */
    int has_w, has_h, has_vb;
    rsvg_length lw, lh;
    rsvg_rect vb;
    rsvg->dimensions(r, &has_w, &lw, &has_h, &lh, &has_vb, &vb);
    if (!has_vb || !(vb.width > 0) || !(vb.height > 0)) {
      rsvg->object_unref(r);
      snprintf(err, errlen,
               "is not a valid SVG file: it has no size (give the <svg> element width and height, or a viewBox)");
      return -1;
    }
    iw = vb.width;
    ih = vb.height;
  }
  rsvg->object_unref(r);
  if (!isfinite(iw * ih) || iw * ih > max_pixels) {
    snprintf(err, errlen, "is %.0f×%.0f px (%.0f pixels), more than the limit of %.0f (raise it with --max-image-pixels)",
             iw, ih, iw * ih, max_pixels);
    return -1;
  }
  *w = iw;
  *h = ih;
  return 0;
}

