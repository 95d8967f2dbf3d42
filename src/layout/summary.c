/* Automatic figure summaries: see summary.h.  Only the document model and
 * a chart's facts (chart_summary_facts: the resolved chart, after its
 * transforms and aggregation) are read, so the summary says what is drawn
 * and is the same whatever the renderer does. */
#include "layout/summary.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "chart/chart.h"
#include "model/infographic.h"
#include "model/list_blocks.h"

/* The words of one language.  Clause and sentence punctuation follow the
 * language's typography (full-width in Chinese and Japanese). */
typedef struct words {
  const char *colon, *comma, *stop, *semi;
  const char *from_to;      /* "%s至%s": two labels */
  const char *rose, *fell, *same; /* "%s由%s增至%s": what, from, to */
  const char *cagr;         /* "年均增长%s" */
  const char *year_suffix;  /* "年" after a bare year on an axis */
  const char *table;        /* "表格（%d行%d列）" */
  const char *image, *chart;
  const char *marks[12][2]; /* Vega-Lite mark -> name */
} words;

static const words zh = {
    "：", "，", "。", "；", "%s至%s", "%s由%s增至%s", "%s由%s降至%s", "%s保持%s", "年均增长%s", "年", "表格（%d行%d列）", "图片", "图表",
    {{"bar", "柱状图"}, {"line", "折线图"}, {"area", "面积图"}, {"point", "散点图"}, {"circle", "散点图"},
     {"square", "散点图"}, {"arc", "饼图"}, {"rect", "热力图"}, {"tick", "刻度图"}, {"rule", "图表"}, {"text", "文字图表"},
     {NULL, NULL}}};
static const words ja = {
    "：", "、", "。", "；", "%sから%s", "%sは%sから%sに増加", "%sは%sから%sに減少", "%sは%sで横ばい", "年平均%s増", "年", "表（%d行%d列）", "画像", "グラフ",
    {{"bar", "棒グラフ"}, {"line", "折れ線グラフ"}, {"area", "面グラフ"}, {"point", "散布図"}, {"circle", "散布図"},
     {"square", "散布図"}, {"arc", "円グラフ"}, {"rect", "ヒートマップ"}, {"tick", "グラフ"}, {"rule", "グラフ"}, {"text", "グラフ"},
     {NULL, NULL}}};
static const words ko = {
    ": ", ", ", ". ", "; ", "%s~%s", "%s: %s에서 %s(으)로 증가", "%s: %s에서 %s(으)로 감소", "%s: %s 유지", "연평균 %s 증가", "년", "표(%d행 %d열)", "이미지", "차트",
    {{"bar", "막대 그래프"}, {"line", "꺾은선 그래프"}, {"area", "영역 그래프"}, {"point", "산점도"}, {"circle", "산점도"},
     {"square", "산점도"}, {"arc", "원 그래프"}, {"rect", "히트맵"}, {"tick", "차트"}, {"rule", "차트"}, {"text", "차트"},
     {NULL, NULL}}};
static const words en = {
    ": ", ", ", ". ", "; ", "%s to %s", "%s rose from %s to %s", "%s fell from %s to %s", "%s stayed at %s", "%s a year", "", "Table (%d rows, %d columns)", "Image", "Chart",
    {{"bar", "Bar chart"}, {"line", "Line chart"}, {"area", "Area chart"}, {"point", "Scatter plot"}, {"circle", "Scatter plot"},
     {"square", "Scatter plot"}, {"arc", "Pie chart"}, {"rect", "Heat map"}, {"tick", "Strip plot"}, {"rule", "Chart"}, {"text", "Chart"},
     {NULL, NULL}}};

static const words *words_for(const char *lang) {
  if (!lang || !strncmp(lang, "zh", 2)) return &zh;
  if (!strncmp(lang, "ja", 2)) return &ja;
  if (!strncmp(lang, "ko", 2)) return &ko;
  return &en;
}

/* Text without markup: **bold** loses its stars, [text]{style} keeps the
 * text, runs of white space become one space. */
static void put_plain(buf *b, const char *s, size_t max) {
  size_t start = b->len;
  int space = 0;
  for (const char *p = s; *p; p++) {
    if (p[0] == '*' && p[1] == '*') {
      p++;
      continue;
    }
    if (*p == ']' && p[1] == '{') {
      const char *e = strchr(p, '}');
      if (e) {
        p = e;
        continue;
      }
    }
    if (*p == '[') continue;
    if (*p == ' ' || *p == '\n' || *p == '\t' || *p == '\r') {
      space = 1;
      continue;
    }
    if (space && b->len > start) buf_putc(b, ' ');
    space = 0;
    buf_putc(b, *p);
    /* Stop at the end of the first sentence, or at max bytes on a
     * character boundary. */
    if (b->len - start >= max && ((unsigned char)p[1] & 0xc0) != 0x80) break;
    if (*p == '.' && (p[1] == ' ' || p[1] == '\n')) break; /* an English sentence */
    if (p - s >= 2 && (!strncmp(p - 2, "。", 3) || !strncmp(p - 2, "！", 3) || !strncmp(p - 2, "？", 3))) {
      b->len -= 3; /* the caller adds the stop */
      break;
    }
  }
  while (b->len > start && b->data[b->len - 1] == '.') b->len--;
}

/* Does b end with s (ignoring trailing spaces in s)? */
static int ends_with(const buf *b, const char *s) {
  size_t l = strlen(s);
  while (l && s[l - 1] == ' ') l--;
  return l && b->len >= l && !memcmp(b->data + b->len - l, s, l);
}

static void put_sep(buf *b, const words *w, int *first, const char *sep) {
  if (!*first) {
    if (ends_with(b, sep)) { /* the text already ends its sentence */
      size_t l = strlen(sep), t = l;
      while (t && sep[t - 1] == ' ') t--;
      buf_put(b, sep + t, l - t);
    } else {
      buf_puts(b, sep);
    }
  }
  *first = 0;
}

/* A scalar node's text as written, or NULL. */
static const char *scalar(const spec_node *n) {
  return n && n->kind == SPEC_SCALAR && !spec_is_null(n) ? n->str : NULL;
}

/* "低保标准(元/月)" -> name "低保标准", unit "元/月". */
static void split_unit(const char *title, char *name, size_t nn, char *unit, size_t un) {
  snprintf(name, nn, "%s", title);
  unit[0] = 0;
  size_t l = strlen(name);
  const char *open = NULL;
  size_t close_len = 0;
  if (l > 1 && name[l - 1] == ')') {
    open = strrchr(name, '(');
    close_len = 1;
  } else if (l > 3 && !strcmp(name + l - 3, "）")) {
    char *p = NULL, *q = name;
    while ((q = strstr(q, "（"))) p = q++;
    open = p;
    close_len = 3;
  }
  if (!open || open == name) return;
  size_t olen = (unsigned char)*open == '(' ? 1 : 3;
  snprintf(unit, un, "%.*s", (int)(l - close_len - (size_t)(open - name) - olen), open + olen);
  name[open - name] = 0;
}

/* A single series along time: its first and last points as drawn. */
static int chart_trend(buf *b, const words *w, const chart_facts *f) {
  if (!f->npoints) return 0;
  const char *x0 = f->x_first, *x1 = f->x_last;
  char name[256], unit[64], a[128], c[128], from[96], to[96];
  split_unit(f->y_title, name, sizeof name, unit, sizeof unit);
  /* Bare years on the x axis read as years ("2012年"). */
  int year = strlen(x0) == 4 && strlen(x1) == 4 && x0[0] >= '1' && x0[0] <= '2' && x1[0] >= '1' && x1[0] <= '2' &&
             strspn(x0, "0123456789") == 4 && strspn(x1, "0123456789") == 4;
  /* From the first to the last point means something along time only. */
  if (!year && !f->x_ordered) return 0;
  snprintf(a, sizeof a, "%s%s", x0, year ? w->year_suffix : "");
  snprintf(c, sizeof c, "%s%s", x1, year ? w->year_suffix : "");
  buf_printf(b, w->from_to, a, c);
  buf_puts(b, w->comma);
  const char *sp = w == &en && unit[0] ? " " : "";
  snprintf(from, sizeof from, "%s%s%s", f->y_first_text, sp, unit);
  snprintf(to, sizeof to, "%s%s%s", f->y_last_text, sp, unit);
  if (f->y_last > f->y_first)
    buf_printf(b, w->rose, name, from, to);
  else if (f->y_last < f->y_first)
    buf_printf(b, w->fell, name, from, to);
  else
    buf_printf(b, w->same, name, to);
  return 1;
}

static void put_chart(buf *b, const words *w, const chart *ch) {
  const chart_facts *f = chart_summary_facts(ch);
  if (!f) return;
  const char *kind = w->chart;
  for (int i = 0; f->mark && w->marks[i][0]; i++)
    if (!strcmp(w->marks[i][0], f->mark)) kind = w->marks[i][1];
  buf_puts(b, kind);
  int said = 0;
  if (f->title) {
    buf_puts(b, w->colon);
    buf_puts(b, f->title);
    said = 1;
  }
  if (f->description) {
    buf_puts(b, said ? w->comma : w->colon);
    buf_puts(b, f->description);
    return;
  }
  size_t mark_at = b->len;
  buf_puts(b, said ? w->comma : w->colon);
  if (!chart_trend(b, w, f)) b->len = mark_at;
}

static void put_value(buf *b, const words *w, const char *label, const char *value, const char *unit) {
  if (label) {
    buf_puts(b, label);
    buf_puts(b, w->colon);
  }
  buf_puts(b, value);
  if (unit) {
    if (w == &en && unit[0] != '%') buf_putc(b, ' ');
    buf_puts(b, unit);
  }
}

static void put_compare(buf *b, const words *w, const block_model *bm, const char *lang) {
  const compare_content *k = bm->content;
  if (!k || !k->items) return;
  for (int i = 0; i < k->nitems; i++) {
    const compare_item *it = &k->items[i];
    const char *fl = it->from_label.s ? it->from_label.s : k->from_label.s;
    const char *tl = it->to_label.s ? it->to_label.s : k->to_label.s;
    const char *label = it->label.s ? it->label.s : k->label.s;
    if (i) buf_puts(b, w->semi);
    if (fl && tl && (i == 0 || it->from_label.s)) {
      buf_printf(b, w->from_to, fl, tl);
      buf_puts(b, w->comma);
    }
    char from[96], to[96];
    const char *unit = k->unit.s ? k->unit.s : "";
    const char *sp = w == &en && unit[0] ? " " : "";
    snprintf(from, sizeof from, "%s%s%s", it->from_text ? it->from_text : "?", sp, unit);
    snprintf(to, sizeof to, "%s%s%s", it->to_text ? it->to_text : "?", sp, unit);
    const char *what = label ? label : "";
    if (it->to > it->from)
      buf_printf(b, w->rose, what, from, to);
    else if (it->to < it->from)
      buf_printf(b, w->fell, what, from, to);
    else
      buf_printf(b, w->same, what, to);
    compare_stats st;
    compare_compute(k, it, lang, &st);
    if (isfinite(st.cagr) && st.cagr > 0 && st.cagr_text[0]) {
      buf_puts(b, w->comma);
      buf_printf(b, w->cagr, st.cagr_text);
    }
  }
}

static void put_blocks(buf *b, const words *w, const block_model *blocks, int n, const char *lang, int *first);

static void put_block(buf *b, const words *w, const block_model *bm, const char *lang, int *first) {
  size_t at = b->len;
  int was_first = *first;
  put_sep(b, w, first, w->stop);
  size_t body = b->len;
  const char *blang = bm->lang.s ? bm->lang.s : lang;
  switch (bm->kind) {
  case BLOCK_TEXT: {
    const text_content *t = bm->content;
    if (t && t->content.s) put_plain(b, t->content.s, 240);
    break;
  }
  case BLOCK_KPI: {
    const kpi_content *k = bm->content;
    if (k && scalar(k->value_node)) put_value(b, w, k->label.s, k->value_node->str, k->unit.s);
    break;
  }
  case BLOCK_PROGRESS: {
    const progress_content *k = bm->content;
    if (k && scalar(k->value_node)) put_value(b, w, k->label.s, k->value_node->str, k->unit.s);
    break;
  }
  case BLOCK_PICTOGRAM: {
    const pictogram_content *k = bm->content;
    if (k && scalar(k->value_node)) put_value(b, w, k->label.s, k->value_node->str, k->unit.s);
    break;
  }
  case BLOCK_COMPARE: put_compare(b, w, bm, blang); break;
  case BLOCK_CHART: put_chart(b, w, bm->content); break;
  case BLOCK_TABLE: {
    const table_content *k = bm->content;
    if (k && k->ncols) buf_printf(b, w->table, k->nrows, k->ncols);
    break;
  }
  case BLOCK_IMAGE: {
    const image_content *k = bm->content;
    if (k && k->alt.s) {
      buf_puts(b, w->image);
      buf_puts(b, w->colon);
      buf_puts(b, k->alt.s);
    }
    break;
  }
  case BLOCK_CALLOUT: {
    const callout_content *k = bm->content;
    if (k && k->content.s) put_plain(b, k->content.s, 160);
    break;
  }
  case BLOCK_RANKING: { /* the items in their order (model/list_blocks.h) */
    const ranking_content *k = bm->content;
    for (int i = 0; k && i < k->nitems; i++) {
      if (i) buf_puts(b, w->comma);
      put_value(b, w, k->items[i].label.s, k->items[i].value_text, k->unit.s);
    }
    break;
  }
  case BLOCK_TIMELINE:
  case BLOCK_STEPS: {
    const timeline_content *k = bm->content;
    for (int i = 0; k && i < k->nitems; i++) {
      const timeline_item *it = &k->items[i];
      if (i) buf_puts(b, w->semi);
      if (it->label.s) put_plain(b, it->label.s, 40);
      if (it->label.s && it->title.s) buf_puts(b, w->colon);
      if (it->title.s) put_plain(b, it->title.s, 120);
    }
    break;
  }
  case BLOCK_GROUP: {
    const group_content *k = bm->content;
    b->len = at;
    *first = was_first;
    if (k) put_blocks(b, w, k->items, k->nitems, blang, first);
    return;
  }
  default: break;
  }
  if (b->len == body) { /* nothing said: take the separator back */
    b->len = at;
    *first = was_first;
  }
}

static void put_blocks(buf *b, const words *w, const block_model *blocks, int n, const char *lang, int *first) {
  for (int i = 0; i < n; i++) put_block(b, w, &blocks[i], lang, first);
}

const char *summary_describe(const doc_model *m, arena *a) {
  if (!m) return NULL;
  const words *w = words_for(m->lang);
  buf b = {0};
  int first = 1;
  if (m->title.s) {
    put_sep(&b, w, &first, w->stop);
    put_plain(&b, m->title.s, 400);
  }
  if (m->subtitle.s) {
    put_sep(&b, w, &first, w->stop);
    put_plain(&b, m->subtitle.s, 400);
  }
  put_blocks(&b, w, m->blocks, m->nblocks, m->lang, &first);
  if (m->source.s) {
    put_sep(&b, w, &first, w->stop);
    put_plain(&b, m->source.s, 400);
  }
  if (first) {
    buf_free(&b);
    return NULL;
  }
  /* End with a stop (trimmed of the trailing space English uses between). */
  const char *stop = w->stop;
  size_t sl = strlen(stop);
  while (sl && stop[sl - 1] == ' ') sl--;
  while (b.len && b.data[b.len - 1] == ' ') b.len--;
  if (!ends_with(&b, stop)) buf_put(&b, stop, sl);
  const char *s = arena_strndup(a, b.data, b.len);
  buf_free(&b);
  return s;
}
