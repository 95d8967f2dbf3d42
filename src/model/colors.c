#include "model/colors.h"

#include <math.h>
#include <string.h>

/* CSS named colours most used in reports; the full CSS list adds little. */
static const struct {
  const char *name;
  uint32_t rgb;
} named[] = {
    {"black", 0x000000},   {"white", 0xffffff},     {"red", 0xff0000},       {"green", 0x008000},
    {"blue", 0x0000ff},    {"yellow", 0xffff00},    {"orange", 0xffa500},    {"purple", 0x800080},
    {"gray", 0x808080},    {"grey", 0x808080},      {"silver", 0xc0c0c0},    {"maroon", 0x800000},
    {"navy", 0x000080},    {"teal", 0x008080},      {"olive", 0x808000},     {"lime", 0x00ff00},
    {"aqua", 0x00ffff},    {"cyan", 0x00ffff},      {"fuchsia", 0xff00ff},   {"magenta", 0xff00ff},
    {"brown", 0xa52a2a},   {"pink", 0xffc0cb},      {"gold", 0xffd700},      {"crimson", 0xdc143c},
    {"darkred", 0x8b0000}, {"darkblue", 0x00008b},  {"darkgreen", 0x006400}, {"darkgray", 0xa9a9a9},
    {"darkgrey", 0xa9a9a9},{"lightgray", 0xd3d3d3}, {"lightgrey", 0xd3d3d3}, {"dimgray", 0x696969},
    {"steelblue", 0x4682b4},{"skyblue", 0x87ceeb},  {"tomato", 0xff6347},    {"coral", 0xff7f50},
    {"salmon", 0xfa8072},  {"firebrick", 0xb22222}, {"indigo", 0x4b0082},    {"violet", 0xee82ee},
    {"beige", 0xf5f5dc},   {"ivory", 0xfffff0},     {"whitesmoke", 0xf5f5f5},{"gainsboro", 0xdcdcdc},
    {"slategray", 0x708090},{"darkslategray", 0x2f4f4f},{"midnightblue", 0x191970},{"seagreen", 0x2e8b57},
    {"forestgreen", 0x228b22},{"darkorange", 0xff8c00},{"goldenrod", 0xdaa520},{"tan", 0xd2b48c},
    {"chocolate", 0xd2691e},{"sienna", 0xa0522d},   {"royalblue", 0x4169e1}, {"dodgerblue", 0x1e90ff},
};

static int hexval(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

int color_parse(const char *s, uint32_t *out) {
  if (!s) return -1;
  size_t n = strlen(s);
  if (!strcmp(s, "none") || !strcmp(s, "transparent")) {
    *out = COLOR_NONE;
    return 0;
  }
  if (s[0] == '#') {
    uint32_t v = 0;
    for (size_t i = 1; i < n; i++) {
      int h = hexval(s[i]);
      if (h < 0) return -1;
      v = v * 16 + (uint32_t)h;
    }
    if (n == 4 || n == 5) { /* #rgb or #rgba: double each digit */
      uint32_t e = 0;
      for (size_t i = 1; i < n; i++) e = e * 256 + (uint32_t)hexval(s[i]) * 17;
      *out = n == 4 ? (e << 8) | 0xff : e;
      return 0;
    }
    if (n == 7) {
      *out = (v << 8) | 0xff;
      return 0;
    }
    if (n == 9) {
      *out = v;
      return 0;
    }
    return -1;
  }
  for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
    if (!strcasecmp(named[i].name, s)) {
      *out = (named[i].rgb << 8) | 0xff;
      return 0;
    }
  return -1;
}

static double lin(double c) { return c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4); }

double color_luminance(uint32_t c) {
  return 0.2126 * lin(color_r(c)) + 0.7152 * lin(color_g(c)) + 0.0722 * lin(color_b(c));
}

uint32_t color_mix(uint32_t a, uint32_t b, double t) {
  uint32_t out = a & 0xff;
  for (int sh = 8; sh <= 24; sh += 8) {
    double ca = (a >> sh) & 255, cb = (b >> sh) & 255;
    uint32_t v = (uint32_t)lround(ca + (cb - ca) * t);
    out |= (v > 255 ? 255 : v) << sh;
  }
  return out;
}
