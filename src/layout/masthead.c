/* The masthead: a colour field from the page's top edge, edge to edge,
 * holding the kicker (a short rule before it), the title and the
 * subtitle in the masthead's colour (kicker and subtitle at 80% of it
 * over the field, so the title leads). */
#include "layout/masthead.h"

#include "base/colors.h"

#define KICKER_RULE 32.0 /* the rule before the kicker: its length */
#define KICKER_GAP 0.75  /* kicker to title: of the note size */
#define SUB_GAP 0.5      /* title to subtitle: of the subtitle size */

static uint32_t field_color(const layout_ctx *c) {
  const masthead_model *mh = &c->doc->masthead;
  return mh->background & 0xff ? mh->background : c->doc->theme.accent;
}

masthead_l masthead_layout(layout_ctx *c, double cw, double mg) {
  const doc_model *m = c->doc;
  const theme_model *th = &m->theme;
  uint32_t ink = m->masthead.color, soft = color_mix(ink, field_color(c), 0.2);
  text_style ks = layout_title_style(c, NULL, th->small_size, 1, soft);
  text_style ts = layout_title_style(c, NULL, th->title_size * 1.15, 1, ink);
  text_style ss = layout_title_style(c, NULL, th->subtitle_size, 0, soft);
  masthead_l l = {0};
  double rule = th->small_size;
  l.kicker = layout_text(c, &m->masthead.kicker, &ks, cw - KICKER_RULE - rule, 0);
  l.title = layout_text(c, &m->title, &ts, cw, 0);
  l.sub = layout_text(c, &m->subtitle, &ss, cw, 0);
  double y = mg;
  if (l.kicker) y += l.kicker->height + th->small_size * KICKER_GAP;
  if (l.title) y += l.title->height;
  if (l.sub) y += (l.title ? th->subtitle_size * SUB_GAP : 0) + l.sub->height;
  l.h = y + mg * 0.85;
  return l;
}

void masthead_emit(layout_ctx *c, const masthead_l *l, double W, double mg) {
  const theme_model *th = &c->doc->theme;
  uint32_t field = field_color(c), soft = color_mix(c->doc->masthead.color, field, 0.2);
  scene_rect(c->sc, 0, 0, W, l->h, scene_fill(field), "masthead.field");
  double y = mg;
  if (l->kicker) {
    double gap = th->small_size;
    scene_rect(c->sc, mg, y + l->kicker->height / 2 - 1.5, KICKER_RULE, 3, scene_fill(soft), "masthead.rule");
    scene_text(c->sc, l->kicker, mg + KICKER_RULE + gap, y, "masthead.kicker");
    y += l->kicker->height + th->small_size * KICKER_GAP;
  }
  if (l->title) {
    scene_text(c->sc, l->title, mg, y, "title");
    y += l->title->height + th->subtitle_size * SUB_GAP;
  }
  if (l->sub) scene_text(c->sc, l->sub, mg, y, "subtitle");
}
