/* pictogram: value/per icons, the last one cut exactly at its fraction
 * (a clip the width of that fraction of the icon cell), then empty icons
 * up to total. */
#include "layout/block_info.h"
#include "layout/icons.h"
#include "layout/waffle.h"
#include "model/infographic.h"

#define ICON_GAP 0.18 /* of the icon size */

/* An empty place: the icon in the empty colour; an SVG icon (drawn in its
 * own colours, which cannot be greyed) as a dot of the empty colour. */
static void pictogram_empty(layout_ctx *c, const icon_ref *ic, double x, double y, double s, uint32_t empty) {
  if (ic->path) icon_draw(c->sc, ic, x, y, s, empty, "pictogram.icon.empty");
  else scene_circle(c->sc, x + s / 2, y + s / 2, s * 0.22, scene_fill(empty), "pictogram.icon.empty");
}

static double pictogram_do(layout_ctx *c, const block_model *b, double x, double y, double w, int emit) {
  const pictogram_content *p = b->content;
  if (p->style == PICTOGRAM_WAFFLE) return waffle_pictogram_do(c, b, x, y, w, emit);
  const theme_model *th = &c->doc->theme;
  uint32_t accent = info_color(p->color, th->accent), empty = info_color(p->empty_color, th->rule);
  const icon_ref *ic = &p->icon;
  double y0 = y;
  if (p->show_value) {
    info_key key = info_key_number(c, &p->format, p->value, p->value_node ? p->value_node->str : NULL, (src_loc){0},
                                   &p->unit);
    double fit = c->num_size > 0 || p->num_size > 0 ? 0 : info_num_fit(c, b, &key.num, &key.unit, w);
    info_num nb = info_num_layout(c, b, &key.num, &key.unit, info_num_size(c, fit, p->emphasis, p->num_size), accent);
    info_num_mark(c, y - y0 + info_num_baseline(&nb));
    if (emit) info_num_emit(c, &nb, x, y, "pictogram.value", "pictogram.unit");
    y += nb.height;
  }
  const text_box *l = info_spec_text(c, b, &p->label, th->body_size, 0, th->ink, w, TEXT_LEFT, 0);
  if (l) {
    if (emit) scene_text(c->sc, l, x, y + 2, "pictogram.label");
    y += 2 + l->height;
  }
  if (p->show_value || l) y += 14;
  double filled = p->value / p->per;
  int total = (int)ceil((p->total > p->value ? p->total : p->value) / p->per - 1e-9);
  double s = p->icon_size, g = s * ICON_GAP;
  int cols = p->columns > 0 ? p->columns : (int)floor((w + g) / (s + g));
  if (cols < 1) cols = 1;
  if (p->columns > 0 && cols * (s + g) - g > w) s = (w + g) / cols / (1 + ICON_GAP), g = s * ICON_GAP;
  int rows = total > 0 ? (total + cols - 1) / cols : 0;
  if (emit)
    for (int i = 0; i < total; i++) {
      double ix = x + (i % cols) * (s + g), iy = y + (i / cols) * (s + g);
      double part = filled - i; /* 1+: full, (0,1): cut, <= 0: empty */
      if (part >= 1 - 1e-9) {
        icon_draw(c->sc, ic, ix, iy, s, accent, "pictogram.icon");
      } else if (part > 1e-9) {
        pictogram_empty(c, ic, ix, iy, s, empty);
        scene_clip_push(c->sc, ix, iy, s * part, s);
        icon_draw(c->sc, ic, ix, iy, s, accent, "pictogram.icon.part");
        scene_clip_pop(c->sc);
      } else {
        pictogram_empty(c, ic, ix, iy, s, empty);
      }
    }
  y += rows * (s + g) - (rows ? g : 0);
  y += pictogram_key_note(c, b, "每个图标代表", "each icon = ", x, y, w, emit);
  return y - y0;
}

/* Under a pictogram (icons or waffle cells): the key, what one icon or cell
 * stands for (zh/en: "每个图标代表" / "each icon = "; the spec's caption
 * wins), then the note.  Its height; drawn at (x, y) when emit. */
double pictogram_key_note(layout_ctx *c, const block_model *b, const char *zh_per, const char *en_per, double x,
                          double y, double w, int emit) {
  const pictogram_content *p = b->content;
  const theme_model *th = &c->doc->theme;
  double y0 = y;
  const char *key = p->caption.s;
  if (!key) {
    char per[64];
    numfmt_format(NULL, p->per, per, sizeof per);
    const char *lang = layout_block_lang(c, b);
    int zh = !strncmp(lang, "zh", 2) || !strncmp(lang, "ja", 2);
    /* no space in CJK text */
    key = arena_printf(c->a, "%s%s%s", zh ? zh_per : en_per, per, p->unit.s ? p->unit.s : "");
  }
  const text_box *kt = info_text(c, b, key, th->small_size, 0, th->muted, w, TEXT_LEFT);
  if (kt) {
    if (emit) scene_text(c->sc, kt, x, y + 10, "pictogram.key");
    y += 10 + kt->height;
  }
  const text_box *n = info_spec_text(c, b, &p->note, th->small_size, 0, th->muted, w, TEXT_LEFT, 1);
  if (n) {
    if (emit) scene_text(c->sc, n, x, y + 4, "pictogram.note");
    y += 4 + n->height;
  }
  return y - y0;
}

double pictogram_measure(layout_ctx *c, const block_model *b, double w) { return pictogram_do(c, b, 0, 0, w, 0); }
void pictogram_emit(layout_ctx *c, const block_model *b, double x, double y, double w, double h) {
  pictogram_do(c, b, x, y, w, 1);
}

double pictogram_number_want(layout_ctx *c, const block_model *b, double w) {
  const pictogram_content *p = b->content;
  if (!p->show_value) return 0;
  info_key key = info_key_number(c, &p->format, p->value, p->value_node ? p->value_node->str : NULL, (src_loc){0},
                                 &p->unit);
  return info_num_want(c, info_num_fit(c, b, &key.num, &key.unit, w), p->emphasis, p->num_size);
}
