/* Icons drawn as scene paths (the built-in ones' data: model/icon_data.c). */
#include "layout/icons.h"

#define ICON_NO_DISC 1.0 /* box, x the number's size, without a disc */
#define ICON_DISC 1.35   /* the disc's diameter, x the number's size */
#define ICON_IN_DISC 0.6 /* the glyph, x the disc */
#define ICON_GAP 0.28    /* the gap to the number, x the box */
#define DISC_ALPHA 0x29  /* the disc: the icon's colour at 16% */

int icon_emit(scene *s, const char *d, double x, double y, double size, uint32_t color, const char *role) {
  icon_path p;
  if (icon_path_parse(s->a, d, &p, NULL, 0)) return -1;
  double k = size / 24.0;
  scene_path_begin(s, scene_fill(color), role);
  for (int i = 0; i < p.n; i++) {
    const icon_pt *q = &p.pts[i];
    switch (q->op) {
    case 'M': scene_move(s, x + q->x * k, y + q->y * k); break;
    case 'L': scene_line(s, x + q->x * k, y + q->y * k); break;
    case 'C':
      scene_curve(s, x + q[0].x * k, y + q[0].y * k, x + q[1].x * k, y + q[1].y * k, x + q[2].x * k, y + q[2].y * k);
      i += 2;
      break;
    case 'Z': scene_close(s); break;
    }
  }
  scene_path_end(s);
  return 0;
}

void icon_draw(scene *s, const icon_ref *r, double x, double y, double size, uint32_t color, const char *role) {
  if (r->path) {
    icon_emit(s, r->path, x, y, size, color, role);
  } else if (r->svg && r->svg_w > 0 && r->svg_h > 0) {
    double k = size / (r->svg_w > r->svg_h ? r->svg_w : r->svg_h);
    double w = r->svg_w * k, h = r->svg_h * k;
    sc_item *it = scene_image(s, r->svg_src, x + (size - w) / 2, y + (size - h) / 2, w, h, role);
    if (it) {
      it->image_svg = 1;
      it->image_data = r->svg;
      it->image_len = r->svg_len;
    }
  }
}

icon_slot icon_slot_for(double num_size, double given, int disc) {
  icon_slot sl;
  sl.box = given > 0 ? given : num_size * (disc ? ICON_DISC : ICON_NO_DISC);
  sl.glyph = disc ? sl.box * ICON_IN_DISC : sl.box;
  sl.gap = sl.box * ICON_GAP;
  return sl;
}

void icon_slot_emit(scene *s, const icon_ref *r, const icon_slot *sl, double x, double y, uint32_t color, int disc,
                    const char *role) {
  if (disc)
    scene_circle(s, x + sl->box / 2, y + sl->box / 2, sl->box / 2, scene_fill((color & 0xffffff00u) | DISC_ALPHA),
                 "kpi.icon.disc");
  double o = (sl->box - sl->glyph) / 2;
  icon_draw(s, r, x + o, y + o, sl->glyph, color, role);
}
