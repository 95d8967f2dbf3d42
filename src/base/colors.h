/* Colours are 0xRRGGBBAA everywhere after parsing. */
#ifndef HUITU_BASE_COLORS_H
#define HUITU_BASE_COLORS_H
#include <stdint.h>

#define COLOR_NONE 0x00000000u
int color_parse(const char *s, uint32_t *out); /* 0 ok, -1 not a colour */
static inline double color_r(uint32_t c) { return ((c >> 24) & 255) / 255.0; }
static inline double color_g(uint32_t c) { return ((c >> 16) & 255) / 255.0; }
static inline double color_b(uint32_t c) { return ((c >> 8) & 255) / 255.0; }
static inline double color_a(uint32_t c) { return (c & 255) / 255.0; }
/* WCAG relative luminance, for choosing label colours by contrast. */
double color_luminance(uint32_t c);
/* Mix two colours: t=0 gives a, t=1 gives b (alpha of a kept). */
uint32_t color_mix(uint32_t a, uint32_t b, double t);
#endif
