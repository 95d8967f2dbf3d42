/* Dictionary word boundaries for Chinese and Japanese (ICU's word break
 * iterator), for line breaking that keeps words whole (text_breaks.c). */
#ifndef HUITU_TEXT_WORDS_H
#define HUITU_TEXT_WORDS_H
#include <glib.h>

/* wb[i] = 1 (0 <= i <= n): a word boundary before character i of c (n code
 * points), by ICU's dictionary segmenter for lang (ja* = Japanese, any
 * other = Chinese; the dictionary is shared).  wb[0] and wb[n] are 1.
 * Returns 0 (and every wb[i] = 1) when ICU cannot segment (libicuuc is
 * opened with dlopen on first use: without it, no word boundaries).  Thread-safe;
 * the iterators are opened once per process and recent results cached. */
int text_words_bounds(const gunichar *c, int n, const char *lang, unsigned char *wb);
#endif
