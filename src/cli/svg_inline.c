#define _GNU_SOURCE /* memmem */
#include "cli/svg_inline.h"

#include <stdio.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* The next '"' or '(' in [p, end), or NULL.  Every place an id needs its
 * prefix has one of the two at a fixed distance from its start (` id="`,
 * `href="#`, `url(#`), so only those bytes are looked at closely: three
 * memmem scans of each figure were 70 % of a 200-figure SVG batch's parent
 * process. */
static const char *next_anchor(const char *p, const char *end) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"'), paren = _mm_set1_epi8('(');
  for (; end - p >= 16; p += 16) {
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
    int m = _mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, paren)));
    if (m) return p + __builtin_ctz((unsigned)m);
  }
#endif
  for (; p < end; p++)
    if (*p == '"' || *p == '(') return p;
  return NULL;
}

static int ends_with(const char *s, const char *at, const char *word, size_t n) {
  return (size_t)(at - s) >= n && !memcmp(at - n, word, n);
}

void svg_inline(buf *o, const char *svg, size_t len, int fig) {
  const char *s = svg, *end = svg + len;
  const char *start = memmem(s, len, "<svg", 4);
  if (start) s = start;
  char pre[32];
  int pl = snprintf(pre, sizeof pre, "f%d-", fig);
  const char *copied = s;
  for (const char *p = s; (p = next_anchor(p, end)); p++) {
    const char *from, *to; /* the pattern found, its text [from, to) */
    int hash = p + 1 < end && p[1] == '#';
    if (*p == '"' && ends_with(s, p, " id=", 4)) from = p - 4, to = p + 1;
    else if (*p == '"' && hash && ends_with(s, p, "href=", 5)) from = p - 5, to = p + 2;
    else if (*p == '(' && hash && ends_with(s, p, "url", 3)) from = p - 3, to = p + 2;
    else continue;
    if (from < copied) continue; /* overlaps the pattern before it */
    buf_put(o, copied, (size_t)(to - copied));
    buf_put(o, pre, (size_t)pl);
    copied = to;
  }
  buf_put(o, copied, (size_t)(end - copied));
}
