/* Word boundaries from ICU (libicu's UBRK_WORD iterator: dictionary-based
 * for Han and kana, UAX #29 for the rest).
 *
 * One iterator per language class (Chinese, Japanese) for the process,
 * opened on first use and never closed (ICU keeps its dictionary loaded
 * anyway); calls are serialised by a mutex, which costs nothing next to
 * a Pango layout.  Balanced titles and band labels lay out one string at
 * many widths, so the last few results are kept. */
#include <dlfcn.h>
#include <pthread.h>
#include <string.h>
#include <unicode/ubrk.h>
#include <unicode/utypes.h>
#include <unicode/uvernum.h>

#include "text/text_words.h"

/* libicuuc is not linked: it is opened with dlopen the first time a title
 * or label has to wrap (loading and relocating it cost a fifth of a cold
 * start that never breaks a line).  The headers give the versioned names
 * (ubrk_open is ubrk_open_72 in ICU 72). */
#define WORDS_STR2(x) #x
#define WORDS_STR(x) WORDS_STR2(x)
typedef UBreakIterator *(*open_fn)(UBreakIteratorType, const char *, const UChar *, int32_t, UErrorCode *);
typedef void (*settext_fn)(UBreakIterator *, const UChar *, int32_t, UErrorCode *);
typedef int32_t (*step_fn)(UBreakIterator *);
typedef void (*close_fn)(UBreakIterator *);
static struct {
  int tried, ok;
  open_fn open;
  settext_fn set_text;
  step_fn first, next;
  close_fn close;
} icu;

static int icu_load(void) {
  if (icu.tried) return icu.ok;
  icu.tried = 1;
  void *h = dlopen("libicuuc.so." WORDS_STR(U_ICU_VERSION_MAJOR_NUM), RTLD_LAZY | RTLD_LOCAL);
  if (!h) h = dlopen("libicuuc.so", RTLD_LAZY | RTLD_LOCAL);
  if (!h) return 0;
  icu.open = (open_fn)dlsym(h, WORDS_STR(ubrk_open));
  icu.set_text = (settext_fn)dlsym(h, WORDS_STR(ubrk_setText));
  icu.first = (step_fn)dlsym(h, WORDS_STR(ubrk_first));
  icu.next = (step_fn)dlsym(h, WORDS_STR(ubrk_next));
  icu.close = (close_fn)dlsym(h, WORDS_STR(ubrk_close));
  icu.ok = icu.open && icu.set_text && icu.first && icu.next && icu.close;
  return icu.ok; /* the library stays loaded for the process */
}

#define WORDS_CACHE 16
#define WORDS_MAX_CHARS 4096 /* longer texts: no word boundaries (body text breaks anywhere) */

typedef struct {
  int ja, n;
  gunichar *c;
  unsigned char *wb;
} words_entry;

static pthread_mutex_t words_lock = PTHREAD_MUTEX_INITIALIZER;
static UBreakIterator *words_iter[2]; /* zh, ja */
static int words_failed[2];
static words_entry words_cache[WORDS_CACHE];
static int words_next;

static int lookup(int ja, const gunichar *c, int n, unsigned char *wb) {
  for (int i = 0; i < WORDS_CACHE; i++) {
    words_entry *w = &words_cache[i];
    if (w->c && w->ja == ja && w->n == n && !memcmp(w->c, c, (size_t)n * sizeof *c)) {
      memcpy(wb, w->wb, (size_t)n + 1);
      return 1;
    }
  }
  return 0;
}

static void remember(int ja, const gunichar *c, int n, const unsigned char *wb) {
  words_entry *w = &words_cache[words_next];
  words_next = (words_next + 1) % WORDS_CACHE;
  g_free(w->c);
  g_free(w->wb);
  w->ja = ja;
  w->n = n;
  w->c = g_memdup2(c, (gsize)n * sizeof *c);
  w->wb = g_memdup2(wb, (gsize)n + 1);
}

static int segment(UBreakIterator *bi, const gunichar *c, int n, unsigned char *wb) {
  /* UTF-16, with the character index of each code unit. */
  UChar *u = g_new(UChar, 2 * (size_t)n + 1);
  int *ci = g_new(int, 2 * (size_t)n + 2);
  int len = 0;
  for (int i = 0; i < n; i++) {
    gunichar ch = c[i];
    if (ch > 0x10FFFF || (ch >= 0xD800 && ch <= 0xDFFF)) ch = 0xFFFD;
    if (ch >= 0x10000) {
      ci[len] = i;
      u[len++] = (UChar)(0xD800 + ((ch - 0x10000) >> 10));
      ci[len] = i;
      u[len++] = (UChar)(0xDC00 + ((ch - 0x10000) & 0x3FF));
    } else {
      ci[len] = i;
      u[len++] = (UChar)ch;
    }
  }
  ci[len] = n;
  UErrorCode st = U_ZERO_ERROR;
  icu.set_text(bi, u, len, &st);
  int ok = U_SUCCESS(st);
  if (ok) {
    for (int32_t p = icu.first(bi); p != UBRK_DONE; p = icu.next(bi))
      if (p >= 0 && p <= len) wb[ci[p]] = 1;
    /* Let go of the text (the iterator outlives this buffer). */
    UErrorCode st2 = U_ZERO_ERROR;
    static const UChar empty[1] = {0};
    icu.set_text(bi, empty, 0, &st2);
  }
  g_free(u);
  g_free(ci);
  return ok;
}

int text_words_bounds(const gunichar *c, int n, const char *lang, unsigned char *wb) {
  if (n <= 0 || n > WORDS_MAX_CHARS) {
    memset(wb, 1, (size_t)(n < 0 ? 0 : n) + 1);
    return 0;
  }
  int ja = lang && (lang[0] == 'j' || lang[0] == 'J') && (lang[1] == 'a' || lang[1] == 'A');
  int ok = 0;
  pthread_mutex_lock(&words_lock);
  if (lookup(ja, c, n, wb)) {
    pthread_mutex_unlock(&words_lock);
    return 1;
  }
  if (!words_iter[ja] && !words_failed[ja]) {
    UErrorCode st = U_ZERO_ERROR;
    words_iter[ja] = icu_load() ? icu.open(UBRK_WORD, ja ? "ja" : "zh", NULL, 0, &st) : NULL;
    if (!words_iter[ja] || U_FAILURE(st)) {
      if (words_iter[ja]) icu.close(words_iter[ja]);
      words_iter[ja] = NULL;
      words_failed[ja] = 1;
    }
  }
  memset(wb, 0, (size_t)n + 1);
  if (words_iter[ja]) ok = segment(words_iter[ja], c, n, wb);
  if (ok) {
    wb[0] = wb[n] = 1;
    remember(ja, c, n, wb);
  } else {
    memset(wb, 1, (size_t)n + 1);
  }
  pthread_mutex_unlock(&words_lock);
  return ok;
}
