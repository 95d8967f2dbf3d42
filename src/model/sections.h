/* Sections: groups with a band, an accent, a numbered badge or a hero
 * (model/infographic.h group_content).  What the model resolves for them:
 * the accent reaches every block inside that does not name its own colour
 * (key numbers, bars, icons, markers; charts through the page theme, see
 * model/doc.c), and a section's keys are checked together. */
#ifndef HUITU_MODEL_SECTIONS_H
#define HUITU_MODEL_SECTIONS_H
#include "model/doc.h"

struct group_content;

/* After the group's blocks are built (inner groups first, so an inner
 * section's accent wins over an outer one's): give every block in g,
 * nested groups' included, g's accent where its colour is unset; check
 * band/badge against writing: vertical.  b is the group's block. */
void section_resolve(block_model *b, const spec_doc *spec, diag_list *d);
#endif
