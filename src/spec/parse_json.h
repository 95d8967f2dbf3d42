/* A fast reader for plain JSON text, giving the events libyaml would give
 * (spec/parse.c builds the tree from either).  Internal to src/spec. */
#ifndef HUITU_SPEC_PARSE_JSON_H
#define HUITU_SPEC_PARSE_JSON_H
#include <stddef.h>
#include <yaml.h>

/* Called with each node event (scalar, sequence/mapping start and end) in
 * document order, with the marks, values and scalar styles libyaml gives
 * for the same text; the event and its value are valid during the call
 * only.  Returns 0 to go on, anything else to stop. */
typedef int (*json_event_fn)(void *ctx, yaml_event_t *e);

/* Read text as JSON: an object or an array at the top, only spaces and
 * newlines between tokens, and nothing in it that YAML reads differently
 * from JSON.  Returns 0 when the whole text was read that way (every event
 * given, on() never stopped it); -1 as soon as the text is anything else
 * (YAML, broken JSON, a tab, a surrogate escape, a character libyaml
 * refuses, a key it would not take as one, ...), maybe after some events:
 * the caller then drops what it built and reads the text with libyaml,
 * which decides what it means and words any error. */
int json_fast_events(const char *text, size_t len, json_event_fn on, void *ctx);
#endif
