/* The change-detection store of `huitu batch`: OUTDIR/.huitu-cache/hashes,
 * an append-only journal with one line per rendered figure,
 *
 *     NAME <TAB> fnv1a64:0123456789abcdef <LF>
 *
 * (NAME with '\' TAB LF escaped as \\ \t \n).  It is read once when a batch
 * starts, the last line of a name winning; each figure whose outputs were
 * all written appends its line with one write(2), so a batch stopped in any
 * way (Ctrl-C, kill -9, a crash) resumes without rendering again what it
 * had finished; a line cut short by a crash does not parse and is ignored.
 * At the end the batch rewrites the journal with one line per name
 * (atomically) when it holds repeated or broken lines and no other batch
 * is using it.
 *
 * Concurrency.  Worker threads append through one O_APPEND descriptor; so
 * do other processes (shards writing into the same folder).  Every batch
 * holds a shared flock() on the journal while it may append, compaction an
 * exclusive one (taken without waiting: a busy journal is left for a later
 * batch to compact), and a batch that locked a journal that compaction has
 * just replaced opens the new one.
 *
 * Folders written by older versions kept one file per figure,
 * OUTDIR/.huitu-cache/NAME.hash; those are still read for names the journal
 * does not have, and removed once the journal has the name. */
#ifndef HUITU_CLI_BATCH_JOURNAL_H
#define HUITU_CLI_BATCH_JOURNAL_H
#include <stddef.h>
#include <stdint.h>

typedef struct batch_journal batch_journal;

/* Open (creating OUTDIR/.huitu-cache and the journal) and read it.  With
 * sync, every append is followed by fdatasync.  Returns the journal (free
 * with batch_journal_close), or NULL with a message in err: nothing can be
 * looked up or stored then.  A journal that can be read but not written
 * (a read-only folder) opens; its appends fail. */
batch_journal *batch_journal_open(const char *outdir, int sync, char *err, size_t errlen);

/* The stored hash of an output name: 1 from the journal, 2 from an older
 * version's NAME.hash file (store it with batch_journal_append to carry it
 * over), 0 when there is none.  Safe from several threads at once. */
int batch_journal_get(const batch_journal *j, const char *name, uint64_t *hash);

/* Record name -> hash (the figure's outputs are all written).  Safe from
 * several threads at once.  0, or -1 with a message in err. */
int batch_journal_append(batch_journal *j, const char *name, uint64_t hash, char *err, size_t errlen);

/* How many lines this process has appended, and telling the journal of
 * lines appended for it by worker processes (so that the end of the batch
 * knows compaction is worthwhile).  NULL: 0 / a no-op. */
unsigned batch_journal_appended(const batch_journal *j);
void batch_journal_add_appended(batch_journal *j, unsigned n);

/* Compact (when worthwhile and possible: see above), close and free.
 * NULL is a no-op. */
void batch_journal_close(batch_journal *j);
#endif
