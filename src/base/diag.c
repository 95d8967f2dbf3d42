#include "base/diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

#define DIAG_DEFAULT_MAX 200

/* Length of the well-formed UTF-8 sequence at s (1..4), 0 if it is not one. */
static int utf8_seq(const unsigned char *s) {
  if (s[0] < 0x80) return 1;
  if (s[0] >= 0xc2 && s[0] <= 0xdf) return (s[1] & 0xc0) == 0x80 ? 2 : 0;
  if (s[0] >= 0xe0 && s[0] <= 0xef) {
    if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80) return 0;
    if ((s[0] == 0xe0 && s[1] < 0xa0) || (s[0] == 0xed && s[1] >= 0xa0)) return 0; /* overlong, surrogate */
    return 3;
  }
  if (s[0] >= 0xf0 && s[0] <= 0xf4) {
    if ((s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80 || (s[3] & 0xc0) != 0x80) return 0;
    if ((s[0] == 0xf0 && s[1] < 0x90) || (s[0] == 0xf4 && s[1] >= 0x90)) return 0;
    return 4;
  }
  return 0;
}

/* Code points a terminal or an editor acts on instead of showing: C1
 * controls (U+0085 ends a line for some), the line and paragraph
 * separators, and the bidi marks and overrides that reorder what follows
 * ("Trojan Source"). */
static int unsafe_cp(unsigned cp) {
  return (cp >= 0x80 && cp <= 0x9f) || cp == 0x061c || cp == 0x200e || cp == 0x200f ||
         (cp >= 0x2028 && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

size_t diag_escape(const char *in, char *out, size_t outlen) {
  if (!outlen) return 0;
  const unsigned char *s = (const unsigned char *)(in ? in : "");
  size_t n = 0, fit = 0; /* fit: the longest prefix that leaves room for "..." */
  while (*s) {
    char piece[16];
    size_t pl;
    int len = utf8_seq(s);
    if (*s < 0x20 || *s == 0x7f) {
      const char *named = *s == '\n' ? "\\n" : *s == '\t' ? "\\t" : *s == '\r' ? "\\r" : NULL;
      pl = named ? (size_t)snprintf(piece, sizeof piece, "%s", named)
                 : (size_t)snprintf(piece, sizeof piece, "\\x%02x", *s);
      len = 1;
    } else if (!len) { /* a byte that starts no character: shown, never passed on */
      pl = (size_t)snprintf(piece, sizeof piece, "\\x%02x", *s);
      len = 1;
    } else {
      unsigned cp = len == 1 ? s[0]
                    : len == 2 ? (unsigned)(s[0] & 0x1f) << 6 | (s[1] & 0x3f)
                    : len == 3 ? (unsigned)(s[0] & 0x0f) << 12 | (unsigned)(s[1] & 0x3f) << 6 | (s[2] & 0x3f)
                               : (unsigned)(s[0] & 0x07) << 18 | (unsigned)(s[1] & 0x3f) << 12 |
                                     (unsigned)(s[2] & 0x3f) << 6 | (s[3] & 0x3f);
      if (unsafe_cp(cp)) {
        pl = (size_t)snprintf(piece, sizeof piece, "\\u%04x", cp);
      } else {
        memcpy(piece, s, (size_t)len);
        pl = (size_t)len;
      }
    }
    /* Whole characters and whole escapes only: a message cut short ends
     * at a piece's boundary, marked with "...". */
    if (n + pl + 1 > outlen) {
      n = fit;
      if (n + 4 <= outlen) {
        memcpy(out + n, "...", 3);
        n += 3;
      }
      break;
    }
    memcpy(out + n, piece, pl);
    n += pl;
    if (n + 4 <= outlen) fit = n;
    s += len;
  }
  out[n] = 0;
  return n;
}

static int same_file(const char *a, const char *b) {
  if (!a || !b) return a == b;
  return a == b || !strcmp(a, b);
}

void diag_vadd(diag_list *d, diag_severity sev, diag_code code, src_loc loc,
               const char *fmt, va_list ap) {
  if (!d) return; /* a NULL list means "check quietly" (e.g. probing whether a value parses) */
  /* Every message is escaped here, once, before it is stored: values and
   * keys from the spec or a data file (ESC, C0/C1 controls, U+2028, bidi
   * overrides, a newline) can never reach a terminal, an editor's problem
   * list or --json raw, nor split a message over two lines. */
  char raw[DIAG_MESSAGE_MAX * 4], msg[DIAG_MESSAGE_MAX];
  int n = vsnprintf(raw, sizeof raw, fmt, ap);
  if (d->strict && sev == DIAG_WARNING) {
    sev = DIAG_ERROR;
    if (n >= 0 && (size_t)n < sizeof raw) snprintf(raw + n, sizeof raw - (size_t)n, " [--strict]");
  }
  diag_escape(raw, msg, sizeof msg);
  /* The same problem at the same place is one problem: a chart or a block
   * is laid out (measured) more than once, and each pass would report
   * again what it finds in the same string.  A repeat is neither stored
   * nor counted; the list holds the error already, so the document fails
   * all the same. */
  for (int i = 0; i < d->n; i++) {
    const diag *g = &d->items[i];
    if (g->severity == sev && g->code == code && g->loc.line == loc.line && g->loc.col == loc.col &&
        same_file(g->loc.file, loc.file) && !strcmp(g->message, msg))
      return;
  }
  int max = d->max_errors ? d->max_errors : DIAG_DEFAULT_MAX;
  if (sev == DIAG_ERROR) d->errors++;
  if (sev == DIAG_WARNING) d->warnings++;
  if (d->n >= max) return; /* counted, not stored: bounded memory */
  if (d->n == d->cap) {
    d->cap = d->cap ? d->cap * 2 : 8;
    d->items = xrealloc(d->items, (size_t)d->cap * sizeof *d->items);
  }
  diag *g = &d->items[d->n++];
  g->severity = sev;
  g->code = code;
  g->loc = loc;
  g->message = xmalloc(strlen(msg) + 1);
  memcpy(g->message, msg, strlen(msg) + 1);
}

void diag_add(diag_list *d, diag_severity sev, diag_code code, src_loc loc,
              const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  diag_vadd(d, sev, code, loc, fmt, ap);
  va_end(ap);
}

void diag_spec_error(diag_list *d, src_loc loc, const char *fmt, ...) {
  va_list ap;
  va_start(ap, fmt);
  diag_vadd(d, DIAG_ERROR, DIAG_SPEC, loc, fmt, ap);
  va_end(ap);
}

const char *diag_severity_string(diag_severity s) {
  switch (s) {
  case DIAG_ERROR: return "error";
  case DIAG_WARNING: return "warning";
  case DIAG_NOTE: return "note";
  default: return "?";
  }
}

void diag_format(const diag *g, char *out, unsigned long outlen) {
  const char *sev = diag_severity_string(g->severity);
  /* The file name is the user's too; the message was escaped when stored,
   * but a record built outside diag_add (huitu_diag_format's caller) may
   * not be: escaping is idempotent, so both go through it again. */
  char file[1024], msg[DIAG_MESSAGE_MAX];
  diag_escape(g->loc.file ? g->loc.file : "huitu", file, sizeof file);
  diag_escape(g->message, msg, sizeof msg);
  if (g->loc.line > 0)
    snprintf(out, outlen, "%s:%d:%d: %s: %s", file, g->loc.line, g->loc.col, sev, msg);
  else
    snprintf(out, outlen, "%s: %s: %s", file, sev, msg);
}

int diag_exit_code(const diag_list *d) {
  int code = 0;
  for (int i = 0; i < d->n; i++) {
    if (d->items[i].severity != DIAG_ERROR) continue;
    if (d->items[i].code == DIAG_SPEC) return 2;
    code = 1;
  }
  if (!code && d->errors) code = 1;
  return code;
}

void diag_clear(diag_list *d) {
  for (int i = 0; i < d->n; i++) free(d->items[i].message);
  free(d->items);
  memset(d, 0, sizeof *d);
}
