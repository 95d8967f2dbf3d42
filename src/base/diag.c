#include "base/diag.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"

#define DIAG_DEFAULT_MAX 200

void diag_vadd(diag_list *d, diag_severity sev, diag_code code, src_loc loc,
               const char *fmt, va_list ap) {
  if (!d) return; /* a NULL list means "check quietly" (e.g. probing whether a value parses) */
  int max = d->max_errors ? d->max_errors : DIAG_DEFAULT_MAX;
  if (sev == DIAG_ERROR) d->errors++;
  if (sev == DIAG_WARNING) d->warnings++;
  if (d->n >= max) return; /* counted, not stored: bounded memory */
  if (d->n == d->cap) {
    d->cap = d->cap ? d->cap * 2 : 8;
    d->items = xrealloc(d->items, (size_t)d->cap * sizeof *d->items);
  }
  char msg[1024];
  vsnprintf(msg, sizeof msg, fmt, ap);
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
  const char *file = g->loc.file ? g->loc.file : "huitu";
  if (g->loc.line > 0)
    snprintf(out, outlen, "%s:%d:%d: %s: %s", file, g->loc.line, g->loc.col, sev, g->message);
  else
    snprintf(out, outlen, "%s: %s: %s", file, sev, g->message);
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
