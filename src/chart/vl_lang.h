/* vl_lang: a chart's default texts by language.  A chart speaks its lang
 * (the page's, a .vl.json's usermeta.lang, or guessed from its text):
 * Chinese, Japanese and Korean read as a native report prints them, every
 * other lang gets Vega-Lite's English.  Each kind of text is one table
 * indexed by VL_LANG_*, so adding a language is adding a column. */
#ifndef HUITU_CHART_VL_LANG_H
#define HUITU_CHART_VL_LANG_H

#include "data/timefmt.h"
#include "chart/vl.h"

enum { VL_LANG_EN, VL_LANG_ZH, VL_LANG_JA, VL_LANG_KO, VL_LANG_LAST };

/* The column of c's lang (English for a NULL or unknown one). */
int vl_lang(const chart *c);

/* Titles.  Formats hold one %s for the field (vl_timeunit_title: the
 * field, then the vl_timeunit_words name).  vl_lang_solid: the lang sets
 * words solid, so a space only parts a word from a Latin field name. */
extern const char *const vl_count_title[VL_LANG_LAST];
extern const char *const vl_binned_title[VL_LANG_LAST];
extern const char *const vl_timeunit_title[VL_LANG_LAST];
extern const char *const *const vl_timeunit_words[VL_LANG_LAST]; /* [TU_*] */
extern const char *const vl_aggregate_title[AG_LAST][VL_LANG_LAST];
extern const char vl_lang_solid[VL_LANG_LAST];

/* Time labels: a time unit's discrete labels (TU_DAY "" when the lang has
 * vl_weekday_names), the weekdays from Sunday (NULL: the pattern's %a), and
 * the continuous time ticks' pattern for the natural one timefmt_ticks
 * chose (NULL: a date). */
extern const char *const vl_timeunit_pattern[TU_LAST][VL_LANG_LAST];
extern const char *const *const vl_weekday_names[VL_LANG_LAST];
const char *vl_tick_pattern(int lang, const char *natural);

/* Continuous time labels without a format, by the boundary a value lies on
 * (timefmt_level): d3's / Vega's multi-scale format in English ("Fri 14",
 * "12 PM", "Jul 16" on a Sunday, "July", "2017"), the same levels in each
 * CJK lang's words (14日, 12:00, 7月16日, 7月, 2017年). */
extern const char *const vl_time_multi[VL_LANG_LAST][TF_LEVEL_LAST];

/* Numbers: the units of 10^0, 10^4, 10^8, 10^12 a lang writes large
 * values with from 10^5 on (NULL: none, d3's digits), and whether it groups
 * thousands with commas below that. */
extern const char *const *const vl_number_units[VL_LANG_LAST];
extern const char vl_lang_groups[VL_LANG_LAST];

#endif
