/* Font families a spec names: a page theme's font and titleFont, a chart's
 * config.font, labelFont, titleFont, a text mark's font.  A value is one
 * family or a CSS-like list ("Source Han Serif SC, 'Noto Serif CJK SC',
 * serif"); CSS's rule holds: the first installed family wins, the lang's
 * own fonts (the bundled Huitu Sans SC) draw what it lacks.  A value
 * naming nothing installed is drawn in the lang's fonts with a warning. */
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "text/text.h"

/* Generic names for a sans: huitu's own sans (the lang's fonts) is one,
 * and the one every other text of the figure is set in. */
static int generic_sans(const char *f) {
  static const char *const names[] = {"sans-serif", "sans", "system-ui", "ui-sans-serif", NULL};
  for (int i = 0; names[i]; i++)
    if (!strcasecmp(f, names[i])) return 1;
  return 0;
}

/* The next family of a list into one[] (spaces and quotes around it
 * dropped); returns where the list goes on, NULL at its end. */
static const char *next_family(const char *p, char *one, size_t n) {
  const char *comma = strchr(p, ',');
  const char *e = comma ? comma : p + strlen(p);
  while (p < e && (*p == ' ' || *p == '\t')) p++;
  while (e > p && (e[-1] == ' ' || e[-1] == '\t')) e--;
  if (e - p >= 2 && (*p == '\'' || *p == '"') && e[-1] == *p) p++, e--;
  snprintf(one, n, "%.*s", (int)(e - p), p);
  return comma ? comma + 1 : NULL;
}

int text_font_list_resolve(text_engine *te, const char *fonts, const char *lang, char *out, size_t n) {
  size_t used = 0;
  int any = 0;
  if (n) out[0] = 0;
  for (const char *p = fonts; p;) {
    char one[256], got[256];
    p = next_family(p, one, sizeof one);
    if (!*one) continue;
    if (generic_sans(one)) return 1; /* the lang's fonts from here on */
    if (!text_family_resolve(te, one, lang, got, sizeof got)) continue;
    size_t gl = strlen(got);
    if (used + gl + 2 > n) break; /* a list longer than any style needs */
    if (used) out[used++] = ',';
    memcpy(out + used, got, gl + 1);
    used += gl;
    any = 1;
  }
  return any;
}

void text_font_list_warn(text_engine *te, const char *fonts, const char *lang, src_loc loc, diag_list *d) {
  if (!d) return;
  char using[128], msg[640], names[384] = "", one[256]; /* msg: both lists whole */
  text_lang_family(te, lang, using, sizeof using);
  int n = 0;
  for (const char *p = fonts; p;) { /* each family as 'name', the way CSS quotes them */
    p = next_family(p, one, sizeof one);
    if (!*one) continue;
    size_t at = strlen(names);
    snprintf(names + at, sizeof names - at, "%s'%s'", n++ ? ", " : "", one);
  }
  if (n > 1)
    snprintf(msg, sizeof msg, "none of the fonts %s is installed here; using %s", names, using);
  else
    snprintf(msg, sizeof msg, "font %s is not installed here; using %s", n ? names : "''", using);
  /* once per spec: d holds this spec's records, and a figure is laid out
   * (measured) more than once */
  size_t len = strlen(msg);
  for (int i = 0; i < d->n; i++) /* with --strict the warning is an error, marked (diag_list.strict) */
    if (d->items[i].severity == (d->strict ? DIAG_ERROR : DIAG_WARNING) && !strncmp(d->items[i].message, msg, len) &&
        !strcmp(d->items[i].message + len, d->strict ? " [--strict]" : ""))
      return;
  diag_add(d, DIAG_WARNING, DIAG_SPEC, loc, "%s", msg);
}
