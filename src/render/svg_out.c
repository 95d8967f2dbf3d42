/* The SVG backend's output helpers: XML escaping, numbers, paint
 * attributes (svg_internal.h). */
#include <stdint.h>
#include <string.h>

#include "base/colors.h"
#include "render/svg_internal.h"


int svg_utf8_next(const unsigned char *s, size_t n, uint32_t *cp) {
  unsigned c = s[0];
  int len;
  uint32_t v, min;
  if (c < 0x80) {
    *cp = c;
    return 1;
  } else if ((c & 0xe0) == 0xc0) {
    len = 2, v = c & 0x1f, min = 0x80;
  } else if ((c & 0xf0) == 0xe0) {
    len = 3, v = c & 0x0f, min = 0x800;
  } else if ((c & 0xf8) == 0xf0) {
    len = 4, v = c & 0x07, min = 0x10000;
  } else {
    *cp = 0xfffd;
    return 1;
  }
  if ((size_t)len > n) {
    *cp = 0xfffd;
    return 1;
  }
  for (int i = 1; i < len; i++) {
    if ((s[i] & 0xc0) != 0x80) {
      *cp = 0xfffd;
      return 1;
    }
    v = (v << 6) | (s[i] & 0x3f);
  }
  if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) {
    *cp = 0xfffd;
    return 1;
  }
  *cp = v;
  return len;
}

void svg_put_esc_n(buf *b, const char *s, size_t n, int attr) {
  const unsigned char *p = (const unsigned char *)s;
  size_t i = 0;
  while (i < n) {
    uint32_t cp;
    int len = svg_utf8_next(p + i, n - i, &cp);
    switch (cp) {
    case '&': buf_puts(b, "&amp;"); break;
    case '<': buf_puts(b, "&lt;"); break;
    case '>': buf_puts(b, "&gt;"); break;
    case '"': buf_puts(b, "&quot;"); break;
    case '\'': buf_puts(b, "&apos;"); break;
    case '\t':
    case '\n':
    case '\r':
      if (attr)
        buf_putc(b, ' ');
      else
        buf_putc(b, (char)cp);
      break;
    case 0xfffd:
      if (len == 1)
        buf_puts(b, "\xef\xbf\xbd");
      else
        buf_put(b, p + i, (size_t)len);
      break;
    default:
      if (cp < 0x20 || cp == 0xfffe || cp == 0xffff) break;
      buf_put(b, p + i, (size_t)len);
      break;
    }
    i += (size_t)len;
  }
}

void svg_put_esc(buf *b, const char *s, int attr) {
  if (s) svg_put_esc_n(b, s, strlen(s), attr);
}

void svg_put_attr_num(buf *b, const char *name, double v, int digits) {
  buf_putc(b, ' ');
  buf_puts(b, name);
  buf_put(b, "=\"", 2);
  buf_num(b, v, digits);
  buf_putc(b, '"');
}

void svg_put_xy(buf *b, double x, double y) {
  buf_num(b, x, SVG_COORD);
  buf_putc(b, ' ');
  buf_num(b, y, SVG_COORD);
}

static void put_hex(buf *b, uint32_t c) {
  static const char hx[] = "0123456789abcdef";
  char s[7] = {'#', hx[c >> 28 & 15], hx[c >> 24 & 15], hx[c >> 20 & 15], hx[c >> 16 & 15], hx[c >> 12 & 15],
               hx[c >> 8 & 15]};
  buf_put(b, s, sizeof s);
}

/* Paint attribute pair: name="#rrggbb" and name-opacity when < 1. */
void svg_put_paint(buf *b, const char *name, uint32_t c, double opacity) {
  buf_putc(b, ' ');
  buf_puts(b, name);
  buf_put(b, "=\"", 2);
  put_hex(b, c);
  buf_putc(b, '"');
  double a = color_a(c) * opacity;
  if (a < 0.9995) {
    buf_putc(b, ' ');
    buf_puts(b, name);
    buf_puts(b, "-opacity=\"");
    buf_num(b, a, 3);
    buf_putc(b, '"');
  }
}


void svg_put_uint(buf *b, uint32_t v) {
  char s[12], *w = s + sizeof s;
  do {
    *--w = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  buf_put(b, w, (size_t)(s + sizeof s - w));
}


void svg_put_rotate(buf *b, const sc_item *it, const render_style *st) {
  if (st->rotate == 0) return;
  buf_puts(b, " transform=\"rotate(");
  buf_num(b, st->rotate, 3);
  buf_putc(b, ' ');
  svg_put_xy(b, it->x, it->y);
  buf_puts(b, ")\"");
}
