/* huitu batch: many specs, N worker processes.
 *
 *   huitu batch SPEC_OR_DIR... -o OUTDIR [-f png,svg,pdf] [-j N] [--force]
 *               [--report results.json] [--shard I/N] [--book report.pdf]
 *               [--page A4] [--dpi N] [--scale N]
 *
 * Inputs: files as given; folders are searched (recursively, hidden entries
 * and OUTDIR skipped) for *.yaml, *.yml and *.vl.json.  Inputs are sorted
 * by path (byte order), so `--shard I/N` (figure k goes to shard k mod N)
 * gives every machine the same slices with no coordination.
 *
 * Outputs: OUTDIR/NAME.EXT, NAME being the spec's file name without its
 * suffix (with its sub-folder when it was found in a folder argument).
 * Each is written atomically.  Beside them, the journal
 * OUTDIR/.huitu-cache/hashes (batch_journal.h) keeps, per NAME, the FNV-1a
 * 64 hash of what made them (spec bytes, the files it reads, formats and
 * options, huitu version): a figure whose hash is unchanged and whose
 * outputs all exist is not rendered again (--force renders anyway).  A
 * figure's line is appended after its outputs are written, so an
 * interrupted figure is rendered again by the next run, and a finished one
 * is not.
 *
 * Workers: processes, each with its own huitu_ctx, forked when the batch
 * starts (batch_pool.h says why not threads: cairo's FreeType face cache
 * is process-wide and not thread-safe).  A worker that dies fails only the
 * figure it had in hand; another takes its place.
 *
 * Signals: the first SIGINT/SIGTERM stops handing out figures; the figures
 * in flight finish (their files are complete), the summary and the report
 * are written, exit 130.  A second signal makes every worker remove its
 * temporary files and exit, and ends the process at once.  Either way every output from
 * before is intact and no temporary file is left; a re-run does the rest.
 *
 * Durability: outputs are not fsync'ed one by one (that cost more than the
 * rendering); the output folder's file system is synced once at the end
 * (syncfs).  --fsync syncs every file before its rename instead. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "base/buf.h"
#include "base/fsutil.h"
#include "cli/batch_journal.h"
#include "cli/batch_merge.h"
#include "cli/batch_pool.h"
#include "cli/batch_util.h"
#include "cli/svg_inline.h"
#include "cli/cli.h"


typedef enum { ST_PENDING, ST_OK, ST_UNCHANGED, ST_SPEC_ERROR, ST_ENV_ERROR, ST_NOT_RUN } job_status;

static const char *const status_names[] = {"pending", "ok", "unchanged", "spec-error", "env-error", "not-run"};

typedef struct job {
  char *input; /* path as found */
  char *name;  /* output name without extension, relative to OUTDIR */
  int in_shard;
  job_status status;
  double ms;
  uint64_t hash;
  char **msgs; /* formatted diagnostics: "file:line:col: error: ..." */
  int nmsgs, nerrors;
} job;

typedef struct batch {
  job *jobs;
  int njobs, capjobs;
  int *order; /* indices of the shard's jobs, in order */
  int norder;
  const char *outdir;
  int formats[HUITU_FORMAT_LAST], nformats;
  huitu_render_opts ro;
  /* The command line, for the --max-* and --allow-read options each
   * worker applies to its own ctx (has_limits: one was given). */
  const cli_cmd *cmd;
  const cli_args *args;
  int has_limits;
  int force, quiet, fsync_each, tty;
  char extra[256]; /* options + version, hashed with each spec */
  batch_journal *journal; /* NULL when it could not be opened: journal_err */
  char journal_err[700];
  /* progress, kept by the parent as results arrive */
  int done, rendered, failed;
  double t0;
} batch;

static const char *const exts[] = {"png", "svg", "pdf"};
static volatile sig_atomic_t stop_requested;

static double now_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void on_signal(int sig) {
  if (stop_requested) {
    batch_pool_abort();
    fs_cleanup_temps();
    signal(sig, SIG_DFL);
    raise(sig);
    return;
  }
  stop_requested = 1;
  batch_pool_stop();
}

/* ---- inputs ---- */

static int has_suffix(const char *s, const char *suf) {
  size_t a = strlen(s), b = strlen(suf);
  return a > b && !strcmp(s + a - b, suf);
}

static int is_spec_name(const char *n) {
  return has_suffix(n, ".yaml") || has_suffix(n, ".yml") || has_suffix(n, ".vl.json");
}

/* "dir/sub/name.vl.json" -> "sub/name" relative to the folder argument. */
static char *strip_suffix(const char *rel) {
  const char *suffixes[] = {".vl.json", ".yaml", ".yml", ".json"};
  size_t l = strlen(rel);
  for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++)
    if (has_suffix(rel, suffixes[i])) {
      l -= strlen(suffixes[i]);
      break;
    }
  return strndup(rel, l);
}

static void add_job(batch *b, const char *input, const char *rel) {
  if (b->njobs == b->capjobs) {
    b->capjobs = b->capjobs ? b->capjobs * 2 : 64;
    b->jobs = realloc(b->jobs, (size_t)b->capjobs * sizeof *b->jobs);
  }
  job *j = &b->jobs[b->njobs++];
  memset(j, 0, sizeof *j);
  j->input = strdup(input);
  j->name = strip_suffix(rel);
}

static int same_file(const struct stat *a, const struct stat *b) { return a->st_dev == b->st_dev && a->st_ino == b->st_ino; }

static void scan_dir(batch *b, const char *dir, const char *rel, const struct stat *outst, int depth) {
  if (depth > 32) return;
  DIR *d = opendir(dir);
  if (!d) return;
  struct dirent *e;
  while ((e = readdir(d))) {
    if (e->d_name[0] == '.') continue; /* hidden, . and .., .huitu-cache */
    char p[PATH_MAX], r[PATH_MAX];
    snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
    if (rel[0])
      snprintf(r, sizeof r, "%s/%s", rel, e->d_name);
    else
      snprintf(r, sizeof r, "%s", e->d_name);
    struct stat st;
    if (stat(p, &st) != 0) continue;
    if (S_ISDIR(st.st_mode)) {
      if (outst && same_file(&st, outst)) continue;
      scan_dir(b, p, r, outst, depth + 1);
    } else if (S_ISREG(st.st_mode) && is_spec_name(e->d_name)) {
      add_job(b, p, r);
    }
  }
  closedir(d);
}

static int cmp_jobs(const void *x, const void *y) { return strcmp(((const job *)x)->input, ((const job *)y)->input); }

/* Job indices by output name, then input order (qsort has no context
 * argument in C11; set before sorting, on the main thread). */
static const job *name_sort_jobs;
static int cmp_job_names(const void *x, const void *y) {
  int a = *(const int *)x, b = *(const int *)y;
  int c = strcmp(name_sort_jobs[a].name, name_sort_jobs[b].name);
  return c ? c : (a > b) - (a < b);
}

/* ---- per-figure work ---- */

static void job_msg(job *j, const char *m, int is_error) {
  j->msgs = realloc(j->msgs, (size_t)(j->nmsgs + 1) * sizeof *j->msgs);
  /* Escaped once here (diag_escape is idempotent: the doc's own messages
   * come escaped already): file names found in folders reach the terminal. */
  char esc[8192];
  j->msgs[j->nmsgs++] = strdup(cli_esc(m, esc, sizeof esc));
  if (is_error) j->nerrors++;
}

/* The folders one worker has made sure of.  Output names with sub-folders
 * come in sorted runs, so a few remembered folders mean one mkdir per
 * folder and worker in a batch instead of one per file (and per parent). */
#define DIR_MEMO 4
typedef struct dir_memo {
  char dir[DIR_MEMO][PATH_MAX];
  size_t len[DIR_MEMO];
  int n, next;
} dir_memo;

/* mkdir -p d (modified and restored on the way): the folder itself first,
 * its parents only when it is missing, so an existing folder costs one
 * call. */
static int mkdir_p(char *d) {
  if (mkdir(d, 0777) == 0 || errno == EEXIST) return 0;
  if (errno != ENOENT) return -1;
  char *slash = strrchr(d, '/');
  if (!slash || slash == d) return -1;
  *slash = 0;
  int rc = mkdir_p(d);
  *slash = '/';
  if (rc != 0) return -1;
  return mkdir(d, 0777) == 0 || errno == EEXIST ? 0 : -1;
}

/* The folder of path, created when it is not one the memo has; -1 with
 * errno set when it cannot be. */
static int mkdirs_for(dir_memo *m, const char *path) {
  const char *slash = strrchr(path, '/');
  if (!slash || slash == path) return 0;
  size_t l = (size_t)(slash - path);
  if (l >= PATH_MAX) {
    errno = ENAMETOOLONG;
    return -1;
  }
  for (int i = 0; i < m->n; i++)
    if (m->len[i] == l && !memcmp(m->dir[i], path, l)) return 0;
  int k = m->n < DIR_MEMO ? m->n++ : (m->next++ % DIR_MEMO);
  memcpy(m->dir[k], path, l);
  m->dir[k][l] = 0;
  m->len[k] = l;
  if (mkdir_p(m->dir[k]) != 0) {
    int e = errno;
    m->len[k] = (size_t)-1; /* forgotten: try again next time */
    errno = e;
    return -1;
  }
  return 0;
}

/* After a failed write: the folder may have gone since it was made. */
static void dir_memo_forget(dir_memo *m) { m->n = 0; }

static void out_path(const batch *b, const job *j, int fmt, char *out, size_t n) {
  snprintf(out, n, "%s/%s.%s", b->outdir, j->name, exts[fmt]);
}

/* Unchanged: the stored hash matches and every output exists.  A hash
 * found in an older version's NAME.hash file is carried into the journal. */
static int is_unchanged(const batch *b, job *j) {
  uint64_t stored;
  int from = b->journal ? batch_journal_get(b->journal, j->name, &stored) : 0;
  if (!from || stored != j->hash) return 0;
  char p[PATH_MAX + 64];
  for (int k = 0; k < b->nformats; k++) {
    struct stat st;
    out_path(b, j, b->formats[k], p, sizeof p);
    if (stat(p, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
  }
  char err[700];
  if (from == 2) batch_journal_append(b->journal, j->name, j->hash, err, sizeof err);
  return 1;
}

static void collect_diags(job *j, const huitu_doc *doc) {
  char line[2048];
  for (int i = 0; i < huitu_doc_diag_count(doc); i++) {
    const huitu_diag *g = huitu_doc_diag(doc, i);
    if (g->severity == HUITU_SEVERITY_NOTE) continue;
    huitu_diag_format(g, line, sizeof line);
    job_msg(j, line, g->severity == HUITU_SEVERITY_ERROR);
  }
}

/* The file at path is a regular file of len bytes. */
static int written_whole(const char *path, size_t len) {
  struct stat st;
  return stat(path, &st) == 0 && S_ISREG(st.st_mode) && (size_t)st.st_size == len;
}

static void run_job(batch *b, huitu_ctx *ctx, job *j, buf *spec, dir_memo *dirs) {
  double t0 = now_ms();
  char err[1024];
  int wflags = b->fsync_each ? 0 : FS_NO_FSYNC;
  if (fs_read_file(j->input, spec, (size_t)huitu_ctx_get_limit(ctx, HUITU_LIMIT_SPEC_BYTES), err, sizeof err) != 0) {
    char m[1200];
    snprintf(m, sizeof m, "%s: error: %s", j->input, err);
    job_msg(j, m, 1);
    j->status = ST_ENV_ERROR;
    j->ms = now_ms() - t0;
    return;
  }
  j->hash = spec_content_hash(j->input, spec->data, spec->len, b->extra);
  if (!b->force && is_unchanged(b, j)) {
    j->status = ST_UNCHANGED;
    j->ms = now_ms() - t0;
    return;
  }
  huitu_doc *doc = huitu_doc_load_string(ctx, j->input, spec->data, spec->len);
  huitu_status st = huitu_doc_status(doc);
  char path[PATH_MAX + 64];
  for (int k = 0; st == HUITU_OK && k < b->nformats; k++) {
    const unsigned char *bytes;
    size_t len;
    st = huitu_doc_render(doc, (huitu_format)b->formats[k], &b->ro, &bytes, &len);
    if (st != HUITU_OK) break;
    out_path(b, j, b->formats[k], path, sizeof path);
    char m[PATH_MAX * 2 + 1400];
    if (mkdirs_for(dirs, path) != 0) {
      snprintf(m, sizeof m, "%s: error: cannot create the folder for '%s': %s", j->input, path, strerror(errno));
      job_msg(j, m, 1);
      st = HUITU_ERROR_ENV;
    } else if (fs_write_atomic_ex(path, bytes, len, wflags, err, sizeof err) != 0) {
      dir_memo_forget(dirs);
      snprintf(m, sizeof m, "%s: error: %s", j->input, err);
      job_msg(j, m, 1);
      st = HUITU_ERROR_ENV;
    } else if (!written_whole(path, len)) {
      /* Checked before the journal can call the figure done: a file
       * replaced or cut meanwhile (another writer, a full disk on a
       * network file system) is rendered again by the next run. */
      snprintf(m, sizeof m, "%s: error: '%s' is not the %zu bytes just written (replaced or cut by something else?)",
               j->input, path, len);
      job_msg(j, m, 1);
      st = HUITU_ERROR_ENV;
    }
  }
  collect_diags(j, doc);
  /* Outputs first, then the hash: a figure is "done" only once all of
   * its files are. */
  if (st == HUITU_OK) {
    const char *why = NULL;
    if (!b->journal)
      why = b->journal_err;
    else if (batch_journal_append(b->journal, j->name, j->hash, err, sizeof err) != 0)
      why = err;
    if (why) {
      char m[1400];
      snprintf(m, sizeof m, "%s: warning: cannot store the change-detection hash: %s", j->input, why);
      job_msg(j, m, 0);
    }
  }
  huitu_doc_free(doc);
  j->status = st == HUITU_OK ? ST_OK : st == HUITU_ERROR_SPEC ? ST_SPEC_ERROR : ST_ENV_ERROR;
  if (j->status != ST_OK && !j->nerrors) {
    char m[1200];
    snprintf(m, sizeof m, "%s: error: %s", j->input, huitu_status_string(st));
    job_msg(j, m, 1);
  }
  j->ms = now_ms() - t0;
}

/* A plain progress line (not a terminal): one per figure. */
static void plain_line(const batch *b, const job *j, int done) {
  if (b->quiet && (j->status == ST_OK || j->status == ST_UNCHANGED)) return;
  int w = snprintf(NULL, 0, "%d", b->norder);
  char esc[PATH_MAX * 2];
  fprintf(stderr, "[%*d/%d] %-10s %s", w, done, b->norder, status_names[j->status], cli_esc(j->input, esc, sizeof esc));
  if (j->status == ST_OK) fprintf(stderr, " (%.1f ms)", j->ms);
  fputc('\n', stderr);
  for (int i = 0; !b->quiet && i < j->nmsgs && j->status == ST_OK; i++) fprintf(stderr, "  %s\n", j->msgs[i]);
}

/* ---- the workers (processes: see batch_pool.h) ---- */

/* One worker process's own state (made by pool_start, after the fork). */
static huitu_ctx *w_ctx;
static char w_err[512];
static buf w_spec;
static dir_memo *w_dirs;

static void pool_start(void *ud) {
  batch *b = ud;
  w_ctx = huitu_ctx_new(w_err, sizeof w_err);
  /* Checked in the parent already (cmd_batch), so quiet success here. */
  if (w_ctx && b->has_limits) cli_apply_limits(b->cmd, b->args, w_ctx, &b->ro);
  w_dirs = calloc(1, sizeof *w_dirs);
  if (!w_dirs) snprintf(w_err, sizeof w_err, "out of memory");
}

/* For a batch that could not start a worker process and runs in its own. */
static void pool_finish(void) {
  huitu_ctx_free(w_ctx);
  w_ctx = NULL;
  free(w_dirs);
  w_dirs = NULL;
  buf_free(&w_spec);
}

/* A job's result as bytes: status, ms, hash, error count, then each
 * message with its NUL. */
typedef struct job_result {
  int32_t status, nerrors, nmsgs;
  uint32_t appended; /* journal lines this worker appended for it */
  double ms;
  uint64_t hash;
} job_result;

static void pool_work(void *ud, int i, buf *out) {
  batch *b = ud;
  job *j = &b->jobs[b->order[i]];
  if (!w_ctx || !w_dirs) {
    char m[700];
    snprintf(m, sizeof m, "%s: error: %s", j->input, w_err);
    job_msg(j, m, 1);
    j->status = ST_ENV_ERROR;
  }
  unsigned before = batch_journal_appended(b->journal);
  if (w_ctx && w_dirs) run_job(b, w_ctx, j, &w_spec, w_dirs);
  job_result r = {(int32_t)j->status, j->nerrors, j->nmsgs, batch_journal_appended(b->journal) - before, j->ms, j->hash};
  buf_put(out, &r, sizeof r);
  for (int m = 0; m < j->nmsgs; m++) {
    buf_put(out, j->msgs[m], strlen(j->msgs[m]) + 1);
    free(j->msgs[m]);
  }
  free(j->msgs);
  j->msgs = NULL;
  j->nmsgs = j->nerrors = 0;
}

static void job_finished(batch *b, job *j) {
  b->done++;
  if (j->status == ST_OK) b->rendered++;
  if (j->status == ST_SPEC_ERROR || j->status == ST_ENV_ERROR) b->failed++;
  if (!b->tty) plain_line(b, j, b->done);
}

static void pool_done(void *ud, int i, const char *res, size_t len) {
  batch *b = ud;
  job *j = &b->jobs[b->order[i]];
  job_result r;
  if (len < sizeof r) return;
  memcpy(&r, res, sizeof r);
  j->status = (job_status)r.status;
  j->ms = r.ms;
  j->hash = r.hash;
  const char *p = res + sizeof r, *end = res + len;
  for (int m = 0; m < r.nmsgs && p < end; m++) {
    size_t l = strnlen(p, (size_t)(end - p));
    j->msgs = realloc(j->msgs, (size_t)(j->nmsgs + 1) * sizeof *j->msgs);
    j->msgs[j->nmsgs++] = strndup(p, l);
    p += l + 1;
  }
  j->nerrors = r.nerrors;
  batch_journal_add_appended(b->journal, r.appended);
  job_finished(b, j);
}

/* The temporary files a dead worker (pid) left for job j's outputs. */
static void remove_worker_temps(const batch *b, const job *j, int pid) {
  char p[PATH_MAX + 64];
  for (int k = 0; k < b->nformats; k++) {
    out_path(b, j, b->formats[k], p, sizeof p);
    fs_remove_temps_of(p, pid);
  }
}

static void pool_lost(void *ud, int i, int pid, const char *why) {
  batch *b = ud;
  job *j = &b->jobs[b->order[i]];
  if (pid > 0) remove_worker_temps(b, j, pid);
  char m[PATH_MAX + 300];
  snprintf(m, sizeof m,
           "%s: error: the worker process rendering it died (%s); the files it had written are complete, and the next run renders it again",
           j->input, why);
  job_msg(j, m, 1);
  j->status = ST_ENV_ERROR;
  job_finished(b, j);
}

static void progress_bar(const batch *b, int final);

static void pool_tick(void *ud) {
  batch *b = ud;
  if (b->tty) progress_bar(b, 0);
}

/* Every item of b->order through worker processes, or in this process when
 * none can be started. */
static void run_workers(batch *b, int nworkers) {
  batch_pool_ops ops = {b, pool_start, pool_work, pool_done, pool_lost, pool_tick};
  if (batch_pool_run(b->norder, nworkers, &ops) >= 0) return;
  fprintf(stderr, "huitu batch: warning: cannot start worker processes (%s); rendering in one\n", strerror(errno));
  pool_start(b);
  buf res = {0};
  for (int i = 0; i < b->norder && !stop_requested; i++) {
    res.len = 0;
    pool_work(b, i, &res);
    pool_done(b, i, res.data, res.len);
    pool_tick(b);
  }
  buf_free(&res);
  pool_finish();
}

static void progress_bar(const batch *b, int final) {
  double el = (now_ms() - b->t0) / 1000.0;
  double rate = el > 0 ? b->done / el : 0;
  int width = 28, filled = b->norder ? (int)((double)b->done / b->norder * width) : width;
  char bar[64];
  for (int i = 0; i < width; i++) bar[i] = i < filled ? '#' : '.';
  bar[width] = 0;
  char eta[32] = "--:--";
  if (rate > 0) {
    int s = (int)ceil((b->norder - b->done) / rate);
    snprintf(eta, sizeof eta, "%d:%02d", s / 60, s % 60);
  }
  fprintf(stderr, "\r[%s] %d/%d  %.1f fig/s  ETA %s  %d failed\033[K", bar, b->done, b->norder, rate, eta, b->failed);
  if (final) fputc('\n', stderr);
  fflush(stderr);
}

/* ---- report, index, book ---- */

static int write_report(const batch *b, const char *path) {
  buf o = {0};
  buf_printf(&o, "{\n  \"huitu\": ");
  json_str(&o, huitu_version());
  buf_printf(&o, ",\n  \"figures\": [");
  int first = 1;
  char p[PATH_MAX + 64];
  for (int i = 0; i < b->norder; i++) {
    const job *j = &b->jobs[b->order[i]];
    buf_puts(&o, first ? "\n    {\"input\": " : ",\n    {\"input\": ");
    first = 0;
    json_str(&o, j->input);
    buf_puts(&o, ", \"name\": "); /* for --merge-reports: a failed figure has no outputs to name it */
    json_str(&o, j->name);
    buf_puts(&o, ", \"outputs\": [");
    if (j->status == ST_OK || j->status == ST_UNCHANGED)
      for (int k = 0; k < b->nformats; k++) {
        out_path(b, j, b->formats[k], p, sizeof p);
        if (k) buf_puts(&o, ", ");
        json_str(&o, p);
      }
    buf_puts(&o, "], \"status\": ");
    json_str(&o, status_names[j->status]);
    buf_puts(&o, ", \"errors\": [");
    int n = 0;
    for (int m = 0; m < j->nmsgs; m++)
      if (strstr(j->msgs[m], ": error: ")) {
        if (n++) buf_puts(&o, ", ");
        json_str(&o, j->msgs[m]);
      }
    buf_puts(&o, "], \"warnings\": [");
    n = 0;
    for (int m = 0; m < j->nmsgs; m++)
      if (!strstr(j->msgs[m], ": error: ")) {
        if (n++) buf_puts(&o, ", ");
        json_str(&o, j->msgs[m]);
      }
    buf_printf(&o, "], \"ms\": %.3f}", isfinite(j->ms) ? j->ms : 0.0);
  }
  buf_puts(&o, first ? "]\n}\n" : "\n  ]\n}\n");
  char err[600];
  int rc = fs_write_atomic(path, o.data, o.len, err, sizeof err);
  if (rc) fprintf(stderr, "huitu batch: error: %s\n", err);
  buf_free(&o);
  return rc;
}

/* Inline SVG up to this many bytes in all (a page of thousands of inline
 * charts is more than a browser wants, and the page is built in memory);
 * the figures after that are <img src="NAME.svg">. */
#define INDEX_INLINE_MAX (12u * 1024u * 1024u)

/* What index.html shows, hashed: every figure's name, whether it failed
 * and why, what made its files, and each output's presence and size.  The same hash
 * as the page on disk was made from: nothing to write (an unchanged batch
 * of 2,000 SVGs rebuilt a 13 MB page each time). */
static uint64_t index_hash(const batch *b, const job *all, int nall) {
  uint64_t h = fnv1a64(b->extra, strlen(b->extra), FNV64_INIT);
  char p[PATH_MAX + 64];
  for (int i = 0; i < nall; i++) {
    const job *j = &all[i];
    h = fnv1a64(j->name, strlen(j->name) + 1, h);
    int st = j->status == ST_SPEC_ERROR || j->status == ST_ENV_ERROR;
    h = fnv1a64(&st, sizeof st, h);
    /* A failure's messages; not a good figure's warnings, which an
     * unchanged run does not see again (they change only with its files). */
    for (int m = 0; st && m < j->nmsgs; m++) h = fnv1a64(j->msgs[m], strlen(j->msgs[m]) + 1, h);
    /* What made its files (spec, inputs, options, version: the journal's
     * hash), known for the figures of this run; then each file's presence
     * and size.  No times: the page is the same bytes for the same
     * figures, whatever -j or run made them. */
    uint64_t made = j->status == ST_OK || j->status == ST_UNCHANGED ? j->hash : 0;
    h = fnv1a64(&made, sizeof made, h);
    for (int k = 0; k < b->nformats; k++) {
      struct stat sb;
      snprintf(p, sizeof p, "%s/%s.%s", b->outdir, j->name, exts[b->formats[k]]);
      int64_t size = stat(p, &sb) == 0 ? (int64_t)sb.st_size : -1;
      h = fnv1a64(&size, sizeof size, h);
    }
  }
  return h;
}

/* The page's first bytes: its DOCTYPE and the hash of what it shows. */
#define INDEX_HEAD "<!DOCTYPE html>\n<!-- huitu index fnv1a64:%016llx -->\n"

static int write_index(const batch *b, const job *all, int nall) {
  char ip[PATH_MAX + 64], head[128];
  snprintf(ip, sizeof ip, "%s/index.html", b->outdir);
  int hl = snprintf(head, sizeof head, INDEX_HEAD, (unsigned long long)index_hash(b, all, nall));
  /* The page on disk starts with the same hash: nothing to write.  Read
   * without blocking and only from a regular file (never a FIFO). */
  int fd = open(ip, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  if (fd >= 0) {
    struct stat st;
    char got[128];
    int same = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && read(fd, got, (size_t)hl) == hl && !memcmp(got, head, (size_t)hl);
    close(fd);
    if (same) return 0;
  }
  buf o = {0};
  int want_svg = 0;
  for (int k = 0; k < b->nformats; k++) want_svg |= b->formats[k] == HUITU_SVG;
  buf_put(&o, head, (size_t)hl);
  buf_puts(&o,
           "<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>huitu gallery</title>\n"
           "<style>\nbody{font-family:system-ui,sans-serif;margin:24px;background:#f4f5f7;color:#222}\n"
           "h1{font-size:20px}\nmain{display:grid;grid-template-columns:repeat(auto-fill,minmax(420px,1fr));gap:20px}\n"
           "figure{margin:0;background:#fff;border:1px solid #ddd;border-radius:6px;padding:12px}\n"
           ".fig svg,.fig img{display:block;width:100%;height:auto}\n"
           "figcaption{font-size:13px;margin-top:8px;word-break:break-all}\nfigcaption a{margin-left:8px}\n"
           ".err{color:#b00;white-space:pre-wrap;font-size:12px}\n.warn{color:#8a5a00;white-space:pre-wrap;font-size:12px}\n"
           "figure.failed{border-color:#b00}\n</style>\n</head>\n<body>\n");
  buf_printf(&o, "<h1>huitu gallery: %d figures</h1>\n<main>\n", nall);
  buf svg = {0};
  size_t inlined = 0;
  char p[PATH_MAX + 64], rel[PATH_MAX];
  /* Reserve the page once (inline SVGs + ~1 KB a figure): growing it by
   * doubling would hold two copies at the peak. */
  if (want_svg) {
    size_t total = 0;
    for (int i = 0; i < nall; i++) {
      struct stat st;
      snprintf(p, sizeof p, "%s/%s.svg", b->outdir, all[i].name);
      if (total < INDEX_INLINE_MAX && stat(p, &st) == 0) total += (size_t)st.st_size + (size_t)st.st_size / 8 + 64; /* + id prefixes */
    }
    buf_reserve(&o, total + (size_t)nall * 1024 + 4096);
  }
  int nfailed = 0;
  for (int i = 0; i < nall; i++) nfailed += all[i].status == ST_SPEC_ERROR || all[i].status == ST_ENV_ERROR;
  if (nfailed) buf_printf(&o, "<p class=\"err\">%d failed in this run: shown with their messages, not with older files.</p>\n", nfailed);
  for (int i = 0; i < nall; i++) {
    const job *j = &all[i];
    /* A failed figure shows why, never an older file of the same name (a
     * picture that is not what the spec says now) or a link to nothing. */
    int failed = j->status == ST_SPEC_ERROR || j->status == ST_ENV_ERROR;
    int have[HUITU_FORMAT_LAST] = {0}, nhave = 0;
    for (int k = 0; k < b->nformats && !failed; k++) {
      struct stat st;
      snprintf(p, sizeof p, "%s/%s.%s", b->outdir, j->name, exts[b->formats[k]]);
      have[b->formats[k]] = stat(p, &st) == 0 && S_ISREG(st.st_mode);
      nhave += have[b->formats[k]];
    }
    buf_puts(&o, failed ? "<figure class=\"failed\" id=\"fig-" : "<figure id=\"fig-");
    buf_printf(&o, "%d\" data-name=\"", i);
    html_str(&o, j->name);
    buf_puts(&o, "\">\n<div class=\"fig\">");
    int shown = 0;
    if (failed) {
      buf_puts(&o, "<p class=\"err\">failed</p>");
      shown = 1;
    }
    if (!shown && have[HUITU_SVG]) {
      snprintf(p, sizeof p, "%s/%s.svg", b->outdir, j->name);
      char err[256];
      if (inlined < INDEX_INLINE_MAX && fs_read_file(p, &svg, 64u << 20, err, sizeof err) == 0) {
        svg_inline(&o, svg.data, svg.len, i);
        inlined += svg.len;
        shown = 1;
      }
    }
    if (!shown && (have[HUITU_PNG] || have[HUITU_SVG])) {
      snprintf(rel, sizeof rel, "%s.%s", j->name, have[HUITU_PNG] ? "png" : "svg");
      buf_puts(&o, "<img loading=\"lazy\" alt=\"");
      html_str(&o, j->name);
      buf_puts(&o, "\" src=\"");
      url_path(&o, rel);
      buf_puts(&o, "\">");
      shown = 1;
    }
    if (!shown) buf_puts(&o, nhave ? "<p>PDF only</p>" : "<p>not rendered yet</p>");
    buf_puts(&o, "</div>\n<figcaption>");
    html_str(&o, j->name);
    for (int k = 0; k < b->nformats; k++) {
      if (!have[b->formats[k]]) continue;
      snprintf(rel, sizeof rel, "%s.%s", j->name, exts[b->formats[k]]);
      buf_puts(&o, " <a href=\"");
      url_path(&o, rel);
      buf_printf(&o, "\">%s</a>", b->formats[k] == HUITU_PNG ? "PNG" : b->formats[k] == HUITU_SVG ? "SVG" : "PDF");
    }
    if (j->nmsgs) {
      buf_puts(&o, failed ? "\n<div class=\"err\">" : "\n<div class=\"warn\">");
      for (int m = 0; m < j->nmsgs; m++) {
        html_str(&o, j->msgs[m]);
        buf_putc(&o, '\n');
      }
      buf_puts(&o, "</div>");
    }
    buf_puts(&o, "</figcaption>\n</figure>\n");
  }
  buf_puts(&o, "</main>\n</body>\n</html>\n");
  char err[600];
  int rc = fs_write_atomic_ex(ip, o.data, o.len, b->fsync_each ? 0 : FS_NO_FSYNC, err, sizeof err);
  if (rc) fprintf(stderr, "huitu batch: error: %s\n", err);
  buf_free(&o);
  buf_free(&svg);
  return rc;
}

typedef struct page_size {
  const char *name;
  double w, h; /* mm, portrait */
} page_size;

static const page_size page_sizes[] = {
    {"A3", 297, 420}, {"A4", 210, 297}, {"A5", 148, 210}, {"B5", 176, 250}, {"Letter", 215.9, 279.4}, {"Legal", 215.9, 355.6}, {NULL, 0, 0},
};

/* "A4", "A4-landscape", "210x297" (mm).  0 on success. */
static int parse_page(const char *s, double *w, double *h) {
  char name[32];
  snprintf(name, sizeof name, "%s", s);
  int land = 0;
  char *dash = strchr(name, '-');
  if (dash) {
    if (strcasecmp(dash + 1, "landscape") && strcasecmp(dash + 1, "portrait")) return -1;
    land = !strcasecmp(dash + 1, "landscape");
    *dash = 0;
  }
  for (const page_size *p = page_sizes; p->name; p++)
    if (!strcasecmp(name, p->name)) {
      *w = land ? p->h : p->w;
      *h = land ? p->w : p->h;
      return 0;
    }
  char *e;
  double a = strtod(name, &e);
  if (e != name && (*e == 'x' || *e == 'X')) {
    double c = strtod(e + 1, &e);
    if (!*e && a >= 10 && c >= 10 && a <= 5000 && c <= 5000) {
      *w = land ? c : a;
      *h = land ? a : c;
      return 0;
    }
  }
  return -1;
}

/* The book: every good figure of this run (rendered or unchanged), in order.
 * Reuses a worker's context, whose text cache is warm. */
static int write_book(batch *b, const char *path, const char *page) {
  huitu_book_opts bo = {0};
  if (page) {
    parse_page(page, &bo.page_width_mm, &bo.page_height_mm);
    bo.margin_mm = 10;
  }
  /* Unchanged inputs and options: keep the book as it is. */
  uint64_t h = fnv1a64(b->extra, strlen(b->extra), FNV64_INIT);
  h = fnv1a64(page ? page : "-", strlen(page ? page : "-"), h);
  int all_unchanged = 1, good = 0;
  for (int i = 0; i < b->norder; i++) {
    const job *j = &b->jobs[b->order[i]];
    if (j->status != ST_OK && j->status != ST_UNCHANGED) continue;
    good++;
    if (j->status != ST_UNCHANGED) all_unchanged = 0;
    h = fnv1a64(j->input, strlen(j->input) + 1, h);
    h = fnv1a64(&j->hash, sizeof j->hash, h);
  }
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  char hp[PATH_MAX + 64], want[64], line[64] = "";
  snprintf(hp, sizeof hp, "%s/.huitu-cache/book-%s.hash", b->outdir, base);
  snprintf(want, sizeof want, "fnv1a64:%016llx\n", (unsigned long long)h);
  struct stat st;
  if (!b->force && all_unchanged && stat(path, &st) == 0) {
    /* fs_read_file: regular files only, never blocks on a FIFO. */
    buf hb = {0};
    char herr[256];
    int ok = fs_read_file(hp, &hb, sizeof line - 1, herr, sizeof herr) == 0 && hb.len < sizeof line;
    if (ok && hb.len) memcpy(line, hb.data, hb.len);
    line[ok ? hb.len : 0] = 0;
    buf_free(&hb);
    if (ok) {
      if (!strcmp(line, want)) {
        fprintf(stderr, "book: %s unchanged (%d pages)\n", path, good);
        return 0;
      }
    }
  }
  if (!good) {
    fprintf(stderr, "huitu batch: error: no figure to put in the book '%s'\n", path);
    return 1;
  }
  char err[700];
  huitu_ctx *ctx = cli_make_ctx();
  if (!ctx) return 1;
  huitu_book *book = huitu_book_new(ctx, &bo);
  int rc = 0;
  double t0 = now_ms();
  for (int i = 0; i < b->norder && !stop_requested; i++) {
    job *j = &b->jobs[b->order[i]];
    if (j->status != ST_OK && j->status != ST_UNCHANGED) continue;
    huitu_doc *doc = huitu_doc_load_file(ctx, j->input);
    if (huitu_book_add(book, doc) != HUITU_OK) {
      cli_report(doc, 1);
      rc = 1;
    }
    huitu_doc_free(doc);
  }
  if (stop_requested) rc = 1;
  if (!rc && huitu_book_write_file(book, path, err, sizeof err) != HUITU_OK) {
    fprintf(stderr, "huitu batch: error: %s\n", err);
    rc = 1;
  }
  if (!rc) {
    fprintf(stderr, "book: %s, %d pages (%.0f ms)\n", path, huitu_book_page_count(book), now_ms() - t0);
    dir_memo dirs = {.n = 0};
    mkdirs_for(&dirs, hp);
    fs_write_atomic_ex(hp, want, strlen(want), FS_NO_FSYNC, err, sizeof err);
  }
  huitu_book_free(book);
  huitu_ctx_free(ctx);
  return rc;
}

/* ---- the command ---- */

static int parse_formats(batch *b, const char *s) {
  char tmp[64];
  snprintf(tmp, sizeof tmp, "%s", s);
  int seen[HUITU_FORMAT_LAST] = {0};
  for (char *tok = strtok(tmp, ", "); tok; tok = strtok(NULL, ", ")) {
    char e[32];
    snprintf(e, sizeof e, ".%s", tok);
    int f = huitu_format_from_path(e);
    if (f < 0) return -1;
    seen[f] = 1;
  }
  /* Canonical order (png, svg, pdf): "-f svg,png" hashes as "-f png,svg". */
  for (int f = 0; f < HUITU_FORMAT_LAST; f++)
    if (seen[f]) b->formats[b->nformats++] = f;
  return b->nformats ? 0 : -1;
}

/* A whole number from the environment variable name: 0, or -1 when unset
 * or not a number. */
static int env_index(const char *name, long *out) {
  const char *s = getenv(name);
  char *e;
  if (!s || !*s) return -1;
  errno = 0;
  *out = strtol(s, &e, 10);
  return *e || errno || *out < 0 || *out > 100000000 ? -1 : 0;
}

/* --shard auto[/N]: this job's slice from the environment of the engine
 * that started it: a Slurm array job (SLURM_ARRAY_TASK_ID minus
 * SLURM_ARRAY_TASK_MIN, of SLURM_ARRAY_TASK_COUNT), a Kubernetes Indexed
 * Job (JOB_COMPLETION_INDEX, of N: Kubernetes does not tell the count) or
 * GNU parallel (PARALLEL_JOBSLOT, {%}, from 1, of N: parallel's -j).  N
 * given wins over a count from the environment. */
static int shard_auto(const char *v, int *shard, int *nshards, char *why, size_t n) {
  long given = 0, idx, cnt, min = 0;
  if (v[4] == '/') {
    char *e;
    given = strtol(v + 5, &e, 10);
    if (*e || e == v + 5 || given < 1 || given > 1000000) {
      snprintf(why, n, "takes auto or auto/N with N the number of shards (1 to 1000000)");
      return -1;
    }
  } else if (v[4]) {
    snprintf(why, n, "takes auto or auto/N with N the number of shards (1 to 1000000)");
    return -1;
  }
  const char *from;
  if (env_index("SLURM_ARRAY_TASK_ID", &idx) == 0) {
    from = "SLURM_ARRAY_TASK_ID";
    if (env_index("SLURM_ARRAY_TASK_MIN", &min) != 0) min = 0;
    idx -= min;
    if (!given && env_index("SLURM_ARRAY_TASK_COUNT", &cnt) == 0) given = cnt;
  } else if (env_index("JOB_COMPLETION_INDEX", &idx) == 0) {
    from = "JOB_COMPLETION_INDEX";
  } else if (env_index("PARALLEL_JOBSLOT", &idx) == 0 && idx >= 1) {
    from = "PARALLEL_JOBSLOT";
    idx -= 1;
  } else {
    snprintf(why, n, "no shard index in the environment (SLURM_ARRAY_TASK_ID, JOB_COMPLETION_INDEX or PARALLEL_JOBSLOT); give --shard I/N");
    return -1;
  }
  if (!given) {
    snprintf(why, n, "%s gives the index (%ld) but not the number of shards: give --shard auto/N", from, idx);
    return -1;
  }
  if (idx < 0 || idx >= given) {
    snprintf(why, n, "%s gives shard %ld, outside 0 to %ld", from, idx, given - 1);
    return -1;
  }
  *shard = (int)idx;
  *nshards = (int)given;
  return 0;
}

static int default_jobs(void) {
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

static void free_jobs(batch *b) {
  for (int i = 0; i < b->njobs; i++) {
    free(b->jobs[i].input);
    free(b->jobs[i].name);
    for (int m = 0; m < b->jobs[i].nmsgs; m++) free(b->jobs[i].msgs[m]);
    free(b->jobs[i].msgs);
  }
  free(b->jobs);
  free(b->order);
}

/* The options into b and the out-parameters (workers, shard I/N, --page);
 * returns -1 when they are all good, else the exit status (the message
 * printed). */
static int batch_options(const cli_cmd *c, cli_args *p, batch *b, int *nworkers, int *shard, int *nshards,
                         const char **pagep) {
  int rc = 2;
  const char *v;
  char esc[256]; /* an option's value echoed in a message, escaped */
  b->outdir = cli_val(c, p, "output");
  if (!p->nargs || !b->outdir) {
    fprintf(stderr, "huitu batch: %s (see 'huitu batch --help')\n", !p->nargs ? "no spec or folder given" : "no output folder given: use -o OUTDIR");
    return rc;
  }
  if (parse_formats(b, (v = cli_val(c, p, "format")) ? v : "png") != 0) {
    fprintf(stderr, "huitu batch: -f takes formats separated by commas (png,svg,pdf), found '%s'\n", cli_esc(v, esc, sizeof esc));
    return rc;
  }
  *nworkers = default_jobs();
  if ((v = cli_val(c, p, "jobs"))) {
    char *e;
    long n = strtol(v, &e, 10);
    if (*e || n < 1 || n > 256) {
      fprintf(stderr, "huitu batch: -j must be a number of worker processes from 1 to 256, found '%s'\n", cli_esc(v, esc, sizeof esc));
      return rc;
    }
    *nworkers = (int)n;
  }
  if ((v = cli_val(c, p, "shard")) && !strncmp(v, "auto", 4)) {
    char why[400];
    if (shard_auto(v, shard, nshards, why, sizeof why) != 0) {
      fprintf(stderr, "huitu batch: --shard %s: %s\n", cli_esc(v, esc, sizeof esc), why);
      return rc;
    }
  } else if (v) {
    char *e, *e2;
    long i = strtol(v, &e, 10), n = *e == '/' ? strtol(e + 1, &e2, 10) : 0;
    if (*e != '/' || *e2 || e == v || n < 1 || n > 1000000 || i < 0 || i >= n) {
      fprintf(stderr, "huitu batch: --shard takes I/N with 0 <= I < N (I counts from 0, as $SLURM_ARRAY_TASK_ID and $JOB_COMPLETION_INDEX do), found '%s'\n", cli_esc(v, esc, sizeof esc));
      return rc;
    }
    *shard = (int)i;
    *nshards = (int)n;
  }
  /* The same ranges and the same strict parsing as render's (cli_number). */
  if (((v = cli_val(c, p, "scale")) && cli_number(c, "scale", v, 0.1, 16, &b->ro.scale)) ||
      ((v = cli_val(c, p, "dpi")) && cli_number(c, "dpi", v, 10, 2400, &b->ro.dpi)))
    return rc;
  if ((v = cli_val(c, p, "svg-text"))) {
    if (!strcmp(v, "text"))
      b->ro.svg_text_elements = 1;
    else if (strcmp(v, "paths")) {
      fprintf(stderr, "huitu batch: --svg-text must be 'paths' or 'text', found '%s'\n", cli_esc(v, esc, sizeof esc));
      return rc;
    }
  }
  /* Limits: checked once here, applied by each worker to its own ctx.
   * Checked without a ctx: making one starts font threads, and a process
   * that forks must not have any (a child can inherit a lock a thread held
   * — under ASan with a cold font cache, a worker hung for good). */
  static const char *const limit_opts[] = {"allow-read", "max-pixels", "max-image-pixels", "max-rows", "max-depth",
                                           "max-string-bytes", "max-spec-bytes", "max-memory"};
  for (size_t i = 0; i < sizeof limit_opts / sizeof limit_opts[0]; i++) b->has_limits |= cli_val(c, p, limit_opts[i]) != NULL;
  b->has_limits |= cli_set(c, p, "strict"); /* applied with the limits, by each worker */
  b->cmd = c;
  b->args = p;
  if (b->has_limits) {
    int lr = cli_apply_limits(c, p, NULL, &b->ro);
    if (lr) return lr;
  }
  const char *page = *pagep = cli_val(c, p, "page");
  double pw, ph;
  if (page && parse_page(page, &pw, &ph) != 0) {
    fprintf(stderr, "huitu batch: --page takes A3, A4, A5, B5, Letter or Legal (add -landscape), or WxH in mm, found '%s'\n", cli_esc(page, esc, sizeof esc));
    return rc;
  }
  b->force = cli_set(c, p, "force");
  b->quiet = cli_set(c, p, "quiet");
  b->fsync_each = cli_set(c, p, "fsync");
  b->tty = isatty(2) && !cli_set(c, p, "no-progress");
  snprintf(b->extra, sizeof b->extra, "huitu %s|formats:%s%s%s|scale:%g|dpi:%g|svgtext:%d", huitu_version(),
           b->nformats > 0 ? exts[b->formats[0]] : "", b->nformats > 1 ? exts[b->formats[1]] : "",
           b->nformats > 2 ? exts[b->formats[2]] : "", b->ro.scale, b->ro.dpi, b->ro.svg_text_elements);
  if (cli_set(c, p, "strict")) /* a figure passed with warnings is not "unchanged" for a strict run */
    snprintf(b->extra + strlen(b->extra), sizeof b->extra - strlen(b->extra), "|strict");
  return -1;
}

/* The specs named and those in the folders named, sorted, each once, the
 * shard's marked; two with one output name are an error on the later.
 * Returns -1 when there are specs to render, else the exit status. */
static int batch_collect(batch *b, const cli_args *p, const struct stat *outst, int shard, int nshards) {
  char esc[256];
  for (int i = 0; i < p->nargs; i++) {
    struct stat st;
    if (stat(p->args[i], &st) != 0) {
      fprintf(stderr, "huitu batch: error: cannot read '%s': %s\n", cli_esc(p->args[i], esc, sizeof esc), strerror(errno));
      return 1;
    }
    if (S_ISDIR(st.st_mode)) {
      char d[PATH_MAX];
      snprintf(d, sizeof d, "%s", p->args[i]);
      size_t l = strlen(d);
      while (l > 1 && d[l - 1] == '/') d[--l] = 0;
      scan_dir(b, d, "", outst, 0);
    } else {
      const char *base = strrchr(p->args[i], '/');
      add_job(b, p->args[i], base ? base + 1 : p->args[i]);
    }
  }
  if (b->njobs) qsort(b->jobs, (size_t)b->njobs, sizeof *b->jobs, cmp_jobs);
  /* The same file twice: once.  Two specs with one output name: an error. */
  int n = 0;
  for (int i = 0; i < b->njobs; i++) {
    if (n && !strcmp(b->jobs[n - 1].input, b->jobs[i].input)) {
      free(b->jobs[i].input);
      free(b->jobs[i].name);
      continue;
    }
    b->jobs[n++] = b->jobs[i];
  }
  b->njobs = n;
  if (!b->njobs) {
    fprintf(stderr, "huitu batch: no spec found (folders are searched for *.yaml, *.yml and *.vl.json)\n");
    return 2;
  }
  b->order = malloc((size_t)b->njobs * sizeof *b->order);
  for (int i = 0; i < b->njobs; i++) {
    b->jobs[i].in_shard = i % nshards == shard;
    if (b->jobs[i].in_shard) b->order[b->norder++] = i;
  }
  /* Output name clashes (a/x.yaml and b/x.yaml given as files): sorted by
   * name, so a batch of 100,000 specs is not 5e9 comparisons; the first
   * spec (in input order) of a name keeps it. */
  int *byname = malloc((size_t)b->njobs * sizeof *byname);
  for (int i = 0; i < b->njobs; i++) byname[i] = i;
  name_sort_jobs = b->jobs;
  qsort(byname, (size_t)b->njobs, sizeof *byname, cmp_job_names);
  for (int g = 0, e; g < b->njobs; g = e) {
    const job *first = &b->jobs[byname[g]];
    for (e = g + 1; e < b->njobs && !strcmp(b->jobs[byname[e]].name, first->name); e++) {
      job *j = &b->jobs[byname[e]];
      if (!j->in_shard) continue;
      char m[PATH_MAX * 2 + 100];
      snprintf(m, sizeof m, "%s: error: its outputs would overwrite those of '%s' (both are named '%s'): rename one",
               j->input, first->input, j->name);
      job_msg(j, m, 1);
      j->status = ST_ENV_ERROR;
    }
  }
  free(byname);
  return -1;
}

/* Render the shard's pending specs with up to nworkers workers (Ctrl-C
 * stops them: what was not rendered is ST_NOT_RUN); returns the wall time
 * in ms and *nworkers_used. */
static double batch_run(batch *b, int nworkers, int *nworkers_used) {
  /* Before the signal handlers: opening may wait (briefly) for another
   * batch compacting the journal, and Ctrl-C then simply ends the process. */
  b->journal = batch_journal_open(b->outdir, b->fsync_each, b->journal_err, sizeof b->journal_err);
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);

  /* Clashing names were settled above: give the workers the rest. */
  int *todo = malloc((size_t)(b->norder ? b->norder : 1) * sizeof *todo), ntodo = 0;
  for (int i = 0; i < b->norder; i++) {
    if (b->jobs[b->order[i]].status == ST_PENDING)
      todo[ntodo++] = b->order[i];
    else {
      b->done++;
      b->failed++;
    }
  }
  if (nworkers > ntodo) nworkers = ntodo > 0 ? ntodo : 1;
  int *all_order = b->order, all_norder = b->norder;
  b->order = todo;
  b->norder = ntodo;
  b->done = 0;
  b->t0 = now_ms();
  if (ntodo) run_workers(b, nworkers);
  double wall = now_ms() - b->t0;
  /* Every append is done: compact the journal (when no other batch uses it). */
  batch_journal_close(b->journal);
  b->journal = NULL;
  if (b->tty && ntodo) progress_bar(b, 1);
  free(todo);
  b->order = all_order;
  b->norder = all_norder;
  if (stop_requested)
    for (int i = 0; i < b->norder; i++)
      if (b->jobs[b->order[i]].status == ST_PENDING) b->jobs[b->order[i]].status = ST_NOT_RUN;
  *nworkers_used = nworkers;
  return wall;
}

/* The failures with their messages and one line of counts on stderr;
 * returns the worst exit status of the figures (2 a spec error, 1 other). */
static int batch_summary(const batch *b, int shard, int nshards, double wall, int nworkers) {
  char esc[256];
  int cnt[ST_NOT_RUN + 1] = {0};
  double ms_sum = 0;
  for (int i = 0; i < b->norder; i++) {
    const job *j = &b->jobs[b->order[i]];
    cnt[j->status]++;
    if (j->status == ST_OK) ms_sum += j->ms;
  }
  int worst = 0;
  if (cnt[ST_SPEC_ERROR] + cnt[ST_ENV_ERROR]) {
    fprintf(stderr, "\n%d of %d figures failed:\n", cnt[ST_SPEC_ERROR] + cnt[ST_ENV_ERROR], b->norder);
    for (int i = 0; i < b->norder; i++) {
      const job *j = &b->jobs[b->order[i]];
      if (j->status != ST_SPEC_ERROR && j->status != ST_ENV_ERROR) continue;
      worst = cli_worse(worst, j->status == ST_SPEC_ERROR ? 2 : 1);
      fprintf(stderr, "  %s\n", cli_esc(j->input, esc, sizeof esc));
      for (int m = 0; m < j->nmsgs; m++) fprintf(stderr, "    %s\n", j->msgs[m]);
    }
  }
  fprintf(stderr, "%d rendered, %d unchanged, %d failed%s of %d (shard %d/%d of %d specs) in %.2f s with %d worker%s",
          cnt[ST_OK], cnt[ST_UNCHANGED], cnt[ST_SPEC_ERROR] + cnt[ST_ENV_ERROR], "", b->norder, shard, nshards, b->njobs,
          wall / 1000.0, nworkers, nworkers == 1 ? "" : "s");
  if (cnt[ST_OK])
    fprintf(stderr, "; %.2f ms per figure in its worker, %.1f figures/s", ms_sum / cnt[ST_OK],
            wall > 0 ? cnt[ST_OK] * 1000.0 / wall : 0.0);
  fputc('\n', stderr);
  if (cnt[ST_NOT_RUN]) fprintf(stderr, "interrupted: %d figures not rendered; run the same command again to finish\n", cnt[ST_NOT_RUN]);
  return worst;
}

/* --merge-reports: the shards' reports (the arguments) into one index.html
 * in OUTDIR and, with --report, one report, every figure with the status
 * and messages its shard gave it.  The formats: -f, else those the reports
 * list.  Exit 2 when a figure failed on its spec, 1 on another failure. */
static int merge_reports(batch *b, const cli_args *p, const char *report, int formats_given) {
  merged_figure *f;
  int n, bits = 0, worst = 0;
  char err[800], esc[900];
  if (batch_read_reports(p->args, p->nargs, b->outdir, &f, &n, err, sizeof err)) {
    fprintf(stderr, "huitu batch: --merge-reports: %s\n", cli_esc(err, esc, sizeof esc));
    return 1;
  }
  for (int i = 0; i < n; i++) bits |= f[i].formats;
  if (!formats_given && bits) {
    b->nformats = 0;
    for (int k = 0; k < HUITU_FORMAT_LAST; k++)
      if (bits & 1 << k) b->formats[b->nformats++] = k;
  }
  b->jobs = calloc((size_t)n + 1, sizeof *b->jobs);
  b->order = calloc((size_t)n + 1, sizeof *b->order);
  if (!b->jobs || !b->order) {
    batch_merged_free(f, n);
    fprintf(stderr, "huitu batch: out of memory\n");
    return 1;
  }
  for (int i = 0; i < n; i++) {
    job *j = &b->jobs[i];
    j->status = ST_NOT_RUN;
    for (int s = 0; s <= ST_NOT_RUN; s++)
      if (!strcmp(f[i].status, status_names[s])) j->status = (job_status)s;
    j->input = f[i].input, j->name = f[i].name, j->msgs = f[i].msgs; /* moved: f frees the rest */
    f[i].input = f[i].name = NULL, f[i].msgs = NULL;
    j->nmsgs = f[i].nmsgs, j->nerrors = f[i].nerrors, j->ms = f[i].ms, j->in_shard = 1;
    f[i].nmsgs = 0;
    b->order[i] = i;
    worst = cli_worse(worst, j->status == ST_SPEC_ERROR ? 2 : j->status == ST_ENV_ERROR ? 1 : 0);
    b->failed += j->status == ST_SPEC_ERROR || j->status == ST_ENV_ERROR;
  }
  b->njobs = b->norder = n;
  batch_merged_free(f, n);
  snprintf(b->extra, sizeof b->extra, "huitu %s|merged", huitu_version());
  int rc = mkdir(b->outdir, 0777) != 0 && errno != EEXIST;
  if (rc) fprintf(stderr, "huitu batch: error: cannot create the output folder '%s': %s\n", cli_esc(b->outdir, esc, sizeof esc), strerror(errno));
  else rc = write_index(b, b->jobs, n) || (report && write_report(b, report));
  printf("merged %d reports: %d figures, %d failed\n", p->nargs, n, b->failed);
  return rc ? 1 : worst;
}

int cmd_batch(const cli_cmd *c, int argc, char **argv) {
  cli_args p;
  int rc0 = cli_begin(c, argc, argv, &p);
  if (rc0 >= 0) return rc0;
  batch b;
  memset(&b, 0, sizeof b);
  int nworkers, shard = 0, nshards = 1;
  const char *page = NULL;
  char esc[256];
  int rc = batch_options(c, &p, &b, &nworkers, &shard, &nshards, &page);
  if (rc >= 0) goto out;
  const char *book = cli_val(c, &p, "book");
  const char *report = cli_val(c, &p, "report");
  if (cli_set(c, &p, "merge-reports")) {
    rc = merge_reports(&b, &p, report, cli_val(c, &p, "format") != NULL);
    goto out;
  }

  /* The output folder (created) and the inputs. */
  rc = 1;
  if (mkdir(b.outdir, 0777) != 0 && errno != EEXIST) {
    fprintf(stderr, "huitu batch: error: cannot create the output folder '%s': %s\n", cli_esc(b.outdir, esc, sizeof esc), strerror(errno));
    goto out;
  }
  struct stat outst;
  if (stat(b.outdir, &outst) != 0 || !S_ISDIR(outst.st_mode)) {
    fprintf(stderr, "huitu batch: error: '%s' is not a folder\n", cli_esc(b.outdir, esc, sizeof esc));
    goto out;
  }
  if ((rc = batch_collect(&b, &p, &outst, shard, nshards)) >= 0) goto out;
  double wall = batch_run(&b, nworkers, &nworkers);
  int worst = batch_summary(&b, shard, nshards, wall, nworkers);

  /* Index (the whole set, every shard's figures), report, book. */
  rc = worst;
  if (write_index(&b, b.jobs, b.njobs)) rc = cli_worse(rc, 1);
  if (report && write_report(&b, report)) rc = cli_worse(rc, 1);
  if (book && !stop_requested && write_book(&b, book, page)) rc = cli_worse(rc, 1);
  if (!b.fsync_each) {
    /* One sync for the whole batch instead of one per file. */
    int fd = open(b.outdir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
      syncfs(fd);
      close(fd);
    }
  }
  if (stop_requested) rc = 130;
out:
  batch_journal_close(b.journal);
  free_jobs(&b);
  cli_args_free(&p);
  return rc;
}
