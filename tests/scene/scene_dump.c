/* Prints the scene a spec lays out (scene_dump: one item per line, kind,
 * role, box, text, fill) for tests/scene: a refactor that moves anything
 * shows up as a diff against NAME.expected.
 *   scene_dump SPEC */
#include <stdio.h>

#include "base/buf.h"
#include "scene_load.h"

int main(int argc, char **argv) {
  if (argc != 2) {
    fprintf(stderr, "usage: scene_dump SPEC\n");
    return 2;
  }
  scene_load l;
  const scene *s = scene_load_file(&l, argv[1]);
  if (s) {
    buf b = {0};
    scene_dump(s, &b);
    fwrite(b.data, 1, b.len, stdout);
    buf_free(&b);
  }
  scene_load_done(&l);
  return s ? 0 : 1;
}
