/* The worker pool of `huitu batch`: N worker PROCESSES over n items.
 *
 * Why processes and not threads: cairo 1.16 keeps one process-wide cache of
 * FreeType faces (at most 10 open; the rest are closed and reopened on
 * demand) and calls FT_New_Face/FT_Done_Face on one shared FT_Library
 * outside any lock, and decides which face to close from a counter it
 * reads without that face's lock.  Several threads drawing text -- even
 * with one huitu_ctx each -- therefore race inside FreeType: crashes in
 * cairo_surface_finish's font subsetting and, worse, PDFs with a face
 * replaced by a Type 3 fallback or PNGs with text missing, exit 0.  A
 * process per worker gives every worker its own cairo, FreeType and
 * fontconfig state, so nothing is shared but the output folder.
 *
 * Protocol.  Items are handed out through a counter in shared memory (the
 * next item; a worker takes one at a time, so slow figures balance).  A
 * worker runs work() on an item and sends the parent the bytes it made
 * (the item's result) through its own pipe; the parent calls done() for
 * each, in arrival order, on its own thread.  A worker that dies while an
 * item is in its hands (a crash, an OOM kill) is noticed through its pipe
 * and wait status: lost() is called for that item, and a new worker takes
 * its place while items remain, so one bad figure fails alone.
 *
 * Signals: batch_pool_stop() (async-signal-safe) stops handing out items;
 * workers finish the item in hand.  batch_pool_abort() (async-signal-safe)
 * tells every worker to remove its temporary files and exit at once.  A
 * worker ignores SIGINT (a terminal's Ctrl-C reaches the whole process
 * group; the parent decides) and dies cleanly with its parent. */
#ifndef HUITU_CLI_BATCH_POOL_H
#define HUITU_CLI_BATCH_POOL_H
#include <stddef.h>

#include "base/buf.h"

typedef struct batch_pool_ops {
  void *ud;
  /* In a worker, once, before its first item (may be NULL). */
  void (*start)(void *ud);
  /* In a worker: do item i, append its result to out (any bytes). */
  void (*work)(void *ud, int i, buf *out);
  /* In the parent: item i's result. */
  void (*done)(void *ud, int i, const char *res, size_t len);
  /* In the parent: item i was in the hands of worker process pid, which
   * died (pid 0: which one is not known); why is "signal 11
   * (Segmentation fault)", "exit status 3", ... */
  void (*lost)(void *ud, int i, int pid, const char *why);
  /* In the parent, about every 100 ms while workers run (may be NULL). */
  void (*tick)(void *ud);
} batch_pool_ops;

/* Run items 0..n-1 on nworkers processes (at least 1).  Returns the number
 * of items handed out (n unless stopped), or -1 when no worker could be
 * started (the caller may then do the work itself). */
int batch_pool_run(int n, int nworkers, const batch_pool_ops *ops);

void batch_pool_stop(void);
void batch_pool_abort(void);
#endif
