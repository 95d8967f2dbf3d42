/* rsvg_lib: see rsvg_lib.h. */
#include "base/rsvg_lib.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

static rsvg_api rsvg;
static char rsvg_missing[320]; /* why it could not be loaded; "" when loaded */
static pthread_once_t rsvg_once = PTHREAD_ONCE_INIT;

static void (*before_load)(void);

void rsvg_lib_before_load(void (*fn)(void)) { before_load = fn; }

static void rsvg_load(void) {
  if (before_load) before_load();
  /* RTLD_LOCAL: its symbols (and libxml2's) stay out of the global scope. */
  void *lib = dlopen("librsvg-2.so.2", RTLD_NOW | RTLD_LOCAL);
  if (!lib) lib = dlopen("librsvg-2.so", RTLD_NOW | RTLD_LOCAL);
  if (!lib) {
    const char *e = dlerror();
    snprintf(rsvg_missing, sizeof rsvg_missing,
             "cannot be read: SVG images need librsvg 2.52 or later, which could not be loaded (%s)",
             e ? e : "librsvg-2.so.2 not found");
    return;
  }
  /* dlsym on the handle searches librsvg and its dependencies (gio,
   * gobject, glib), so this works whatever the binary itself links. */
  static const char *const names[] = {"g_memory_input_stream_new_from_data", "rsvg_handle_new_from_stream_sync",
                                      "rsvg_handle_set_dpi", "rsvg_handle_get_intrinsic_size_in_pixels",
                                      "rsvg_handle_get_intrinsic_dimensions", "rsvg_handle_render_document",
                                      "g_object_unref", "g_error_free"};
  void *syms[sizeof names / sizeof names[0]];
  for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
    syms[i] = dlsym(lib, names[i]);
    if (!syms[i]) {
      snprintf(rsvg_missing, sizeof rsvg_missing,
               "cannot be read: SVG images need librsvg 2.52 or later, and the installed one has no %s", names[i]);
      return; /* the library stays open: harmless, and never half used */
    }
  }
  /* POSIX guarantees object <-> function pointer conversion for dlsym. */
  memcpy(&rsvg.stream_new, &syms[0], sizeof syms[0]);
  memcpy(&rsvg.handle_new, &syms[1], sizeof syms[1]);
  memcpy(&rsvg.set_dpi, &syms[2], sizeof syms[2]);
  memcpy(&rsvg.size_in_pixels, &syms[3], sizeof syms[3]);
  memcpy(&rsvg.dimensions, &syms[4], sizeof syms[4]);
  memcpy(&rsvg.render_document, &syms[5], sizeof syms[5]);
  memcpy(&rsvg.object_unref, &syms[6], sizeof syms[6]);
  memcpy(&rsvg.error_free, &syms[7], sizeof syms[7]);
}

const rsvg_api *rsvg_lib(char *err, size_t errlen) {
  pthread_once(&rsvg_once, rsvg_load);
  if (!rsvg_missing[0]) return &rsvg;
  snprintf(err, errlen, "%s", rsvg_missing);
  return NULL;
}

rsvg_handle rsvg_lib_open(const rsvg_api *api, const void *data, size_t len, char *err, size_t errlen) {
  void *in = api->stream_new(data, (ptrdiff_t)len, NULL);
  g_error *ge = NULL;
  rsvg_handle h = api->handle_new(in, NULL, 0 /* RSVG_HANDLE_FLAGS_NONE */, NULL, &ge);
  api->object_unref(in);
  if (!h) {
    int k = snprintf(err, errlen, "is not a valid SVG file: ");
    if (k >= 0 && (size_t)k < errlen)
      snprintf(err + k, errlen - (size_t)k, "%s", ge && ge->message ? ge->message : "unknown librsvg error");
    /* librsvg's messages may end in a newline */
    size_t n = strlen(err);
    while (n && (err[n - 1] == '\n' || err[n - 1] == ' ')) err[--n] = 0;
    if (ge) api->error_free(ge);
    return NULL;
  }
  api->set_dpi(h, 96); /* mm, pt, in -> CSS px */
  return h;
}
