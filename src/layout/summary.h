/* An automatic accessible summary of a figure (SVG <desc>, PDF subject)
 * when the spec gives no `description`: written in the spec's language
 * from the document model — title, subtitle, what each block is and its
 * key numbers (kpi values with units, compare from -> to, a chart's first
 * and last data points).  E.g. "柱状图：2012年至2019年，低保标准由500元/月增至995元/月". */
#ifndef HUITU_LAYOUT_SUMMARY_H
#define HUITU_LAYOUT_SUMMARY_H
#include "base/arena.h"
#include "model/doc.h"

/* The summary, allocated in a; NULL when there is nothing to say. */
const char *summary_describe(const doc_model *m, arena *a);
#endif
