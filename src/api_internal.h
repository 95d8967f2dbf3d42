/* What the tests may reach behind the public API (hidden symbols: not in
 * libhuitu.so, local in the installed libhuitu.a). */
#ifndef HUITU_API_INTERNAL_H
#define HUITU_API_INTERNAL_H
#include "huitu.h"
#include "scene/scene.h"

/* The laid-out scene of a loaded doc, as every render draws it; NULL when
 * the doc has errors.  Owned by the doc (valid until its next render call
 * or huitu_doc_free). */
const scene *huitu_internal_doc_scene(huitu_doc *d);
#endif
