/* Icons drawn as scene paths (the built-in ones' data: model/icon_data.c). */
#include "layout/icons.h"

#include "model/infographic.h"

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
