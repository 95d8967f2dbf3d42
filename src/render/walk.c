/* The scene walker shared by the PNG, PDF and SVG backends (walk.h). */
#include "render/walk.h"

#include <math.h>

double render_opacity(const sc_style *st) { return st->opacity > 0 && st->opacity < 1 ? st->opacity : 1; }

int render_style_of(const sc_item *it, render_style *st) {
  *st = (render_style){.opacity = render_opacity(&it->style)};
  switch (it->kind) {
  case SC_RECT:
  case SC_PATH:
    st->fill = (it->style.fill & 0xff) != 0;
    st->stroke = (it->style.stroke & 0xff) != 0 && it->style.stroke_width > 0;
    return st->fill || st->stroke;
  case SC_TEXT:
    st->rotate = isfinite(it->rotate) ? it->rotate : 0;
    return it->text != NULL;
  case SC_IMAGE: return 1;
  default: return 0;
  }
}

/* A clip side: negative or not a number clips everything away. */
static double clip_side(double v) { return v > 0 ? v : 0; }

void render_walk(const scene *s, const render_ops *ops, void *ctx) {
  if ((s->background & 0xff) && ops->background) ops->background(ctx, s->background);
  int depth = 0;
  sc_cursor c;
  scene_cursor_start(&c, s);
  for (const sc_item *it; (it = scene_cursor_item(&c)); scene_cursor_skip(&c, 1)) {
    render_style st;
    switch (it->kind) {
    case SC_RECT:
    case SC_PATH: {
      int run = ops->markers ? ops->markers(ctx, &c) : 0;
      if (run > 0) {
        scene_cursor_skip(&c, run - 1);
        break;
      }
      if (render_style_of(it, &st) && ops->shape) ops->shape(ctx, it, &st);
      break;
    }
    case SC_TEXT:
      if (render_style_of(it, &st) && ops->text) ops->text(ctx, it, &st);
      break;
    case SC_IMAGE:
      if (ops->image) ops->image(ctx, it);
      break;
    case SC_CLIP_PUSH:
      depth++;
      if (ops->push_clip) ops->push_clip(ctx, it->x, it->y, clip_side(it->w), clip_side(it->h));
      break;
    case SC_CLIP_POP:
      if (depth == 0) break; /* no clip to end */
      depth--;
      if (ops->pop_clip) ops->pop_clip(ctx);
      break;
    default: break;
    }
  }
  for (; depth > 0; depth--)
    if (ops->pop_clip) ops->pop_clip(ctx);
}
