/* huitu watch SPEC -o OUT: render, then render again whenever the spec or
 * a file it reads (data urls, images) changes.  For authoring, with the
 * output open in a viewer that reloads.
 *
 * Linux: inotify on the folders holding the spec and its files (editors
 * often save by writing a new file and renaming it over the old one, which
 * a watch on the file itself would miss).  Elsewhere, or with --poll, or
 * when inotify is unavailable: the files' modification times, sizes and
 * inodes are compared every 200 ms.  Several events in a row (an editor's
 * save) make one render.  The list of files is read again after every
 * render, since the spec may have gained a data url.  Ctrl-C exits (0). */
#define _GNU_SOURCE
#include <errno.h>
#include <limits.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/inotify.h>
#endif

#include "base/buf.h"
#include "base/fsutil.h"
#include "cli/batch_util.h"
#include "cli/cli.h"

static volatile sig_atomic_t watch_stop;

static void on_watch_signal(int sig) {
  if (watch_stop) {
    fs_cleanup_temps();
    signal(sig, SIG_DFL);
    raise(sig);
  }
  watch_stop = 1;
}

static double mono_ms(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

typedef struct watched {
  char **files; /* spec first, then its dependencies */
  int n;
  struct stat *st; /* for polling */
} watched;

static void watched_free(watched *w) {
  spec_deps_free(w->files, w->n);
  free(w->st);
  memset(w, 0, sizeof *w);
}

/* The spec and the files it reads, with their current state. */
static void watched_load(watched *w, const char *spec) {
  watched_free(w);
  buf b = {0};
  char err[256];
  char **deps = NULL;
  int nd = 0;
  if (fs_read_file(spec, &b, 64u << 20, err, sizeof err) == 0) nd = spec_deps(spec, b.data, b.len, &deps);
  buf_free(&b);
  w->files = calloc((size_t)nd + 1, sizeof *w->files);
  w->files[0] = strdup(spec);
  for (int i = 0; i < nd; i++) w->files[i + 1] = deps[i];
  free(deps);
  w->n = nd + 1;
  w->st = calloc((size_t)w->n, sizeof *w->st);
  for (int i = 0; i < w->n; i++)
    if (stat(w->files[i], &w->st[i]) != 0) memset(&w->st[i], 0, sizeof w->st[i]);
}

static int polled_change(watched *w) {
  int changed = 0;
  for (int i = 0; i < w->n; i++) {
    struct stat st;
    if (stat(w->files[i], &st) != 0) memset(&st, 0, sizeof st);
    if (st.st_mtim.tv_sec != w->st[i].st_mtim.tv_sec || st.st_mtim.tv_nsec != w->st[i].st_mtim.tv_nsec ||
        st.st_size != w->st[i].st_size || st.st_ino != w->st[i].st_ino) {
      w->st[i] = st;
      changed = 1;
    }
  }
  return changed;
}

static int render_once(huitu_ctx *ctx, const char *spec, const char *out, int fmt, const huitu_render_opts *ro, int quiet) {
  double t0 = mono_ms();
  huitu_doc *doc = huitu_doc_load_file(ctx, spec);
  if (huitu_doc_status(doc) == HUITU_OK) huitu_doc_render_file(doc, (huitu_format)fmt, ro, out);
  int rc = cli_report(doc, quiet);
  huitu_doc_free(doc);
  time_t now = time(NULL);
  struct tm tm;
  localtime_r(&now, &tm);
  if (rc == 0)
    fprintf(stderr, "[%02d:%02d:%02d] rendered %s (%.0f ms)\n", tm.tm_hour, tm.tm_min, tm.tm_sec, out, mono_ms() - t0);
  else
    fprintf(stderr, "[%02d:%02d:%02d] %s not updated: fix the errors above\n", tm.tm_hour, tm.tm_min, tm.tm_sec, out);
  return rc;
}

#ifdef __linux__
/* One inotify instance watching the folders of every watched file. */
static int inotify_setup(const watched *w) {
  int fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
  if (fd < 0) return -1;
  for (int i = 0; i < w->n; i++) {
    char dir[PATH_MAX];
    fs_dirname(w->files[i], dir, sizeof dir);
    if (inotify_add_watch(fd, dir, IN_CLOSE_WRITE | IN_MOVED_TO | IN_CREATE | IN_DELETE | IN_ATTRIB | IN_MODIFY) < 0 &&
        i == 0) {
      close(fd);
      return -1;
    }
  }
  return fd;
}

/* Whether the pending events name one of the watched files. */
static int inotify_relevant(int fd, const watched *w) {
  char ev[8192] __attribute__((aligned(__alignof__(struct inotify_event))));
  int hit = 0;
  for (;;) {
    ssize_t n = read(fd, ev, sizeof ev);
    if (n <= 0) break;
    for (char *p = ev; p < ev + n;) {
      struct inotify_event *e = (struct inotify_event *)p;
      if (e->len)
        for (int i = 0; i < w->n; i++) {
          const char *base = strrchr(w->files[i], '/');
          base = base ? base + 1 : w->files[i];
          if (!strcmp(base, e->name)) hit = 1;
        }
      p += sizeof *e + e->len;
    }
  }
  return hit;
}
#endif

int cmd_watch(const cli_cmd *c, int argc, char **argv) {
  cli_args p;
  int rc0 = cli_begin(c, argc, argv, &p);
  if (rc0 >= 0) return rc0;
  const char *out = cli_val(c, &p, "output"), *v;
  int quiet = cli_set(c, &p, "quiet"), rc = 2;
  huitu_render_opts ro = {0};
  if (p.nargs != 1 || !out || !strcmp(out, "-") || !strcmp(p.args[0], "-")) {
    fprintf(stderr, "huitu watch: give one spec file and -o OUT (a file) (see 'huitu watch --help')\n");
    goto done;
  }
  int fmt = -1;
  if ((v = cli_val(c, &p, "format"))) {
    char tmp[32];
    snprintf(tmp, sizeof tmp, ".%s", v);
    fmt = huitu_format_from_path(tmp);
  } else {
    fmt = huitu_format_from_path(out);
  }
  if (fmt < 0) {
    fprintf(stderr, "huitu watch: cannot tell the output format: give OUT a .png, .svg or .pdf extension, or -f\n");
    goto done;
  }
  /* the same ranges as render (cli_number prints what is wrong; rc is 2) */
  if (((v = cli_val(c, &p, "scale")) && cli_number(c, "scale", v, 0.1, 16, &ro.scale)) ||
      ((v = cli_val(c, &p, "dpi")) && cli_number(c, "dpi", v, 10, 2400, &ro.dpi)))
    goto done;
  if (cli_check_output(c, out, p.args[0], NULL, 0)) goto done; /* never write over the spec or its data */
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_watch_signal; /* no SA_RESTART: poll() returns EINTR */
  sigemptyset(&sa.sa_mask);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGTERM, &sa, NULL);

  huitu_ctx *ctx = cli_make_ctx();
  rc = 1;
  if (!ctx) goto done;
  const char *spec = p.args[0];
  watched w = {0};
  watched_load(&w, spec);
  render_once(ctx, spec, out, fmt, &ro, quiet);
  int ifd = -1;
#ifdef __linux__
  if (!cli_set(c, &p, "poll")) ifd = inotify_setup(&w);
#endif
  fprintf(stderr, "watching %s%s (%s); Ctrl-C stops\n", spec, w.n > 1 ? " and the files it reads" : "",
          ifd >= 0 ? "inotify" : "polling every 200 ms");
  while (!watch_stop) {
    int changed = 0;
    if (ifd >= 0) {
#ifdef __linux__
      struct pollfd pf = {ifd, POLLIN, 0};
      int r = poll(&pf, 1, 1000);
      if (r > 0 && inotify_relevant(ifd, &w)) {
        /* An editor's save is several events: let them settle. */
        do {
          r = poll(&pf, 1, 50);
        } while (r > 0 && (inotify_relevant(ifd, &w), !watch_stop));
        changed = 1;
      }
#endif
    } else {
      struct timespec ts = {0, 200 * 1000000L};
      nanosleep(&ts, NULL);
      changed = polled_change(&w);
    }
    if (!changed || watch_stop) continue;
    render_once(ctx, spec, out, fmt, &ro, quiet);
    /* The spec may read other files now: watch those. */
    watched_load(&w, spec);
#ifdef __linux__
    if (ifd >= 0) {
      close(ifd);
      ifd = inotify_setup(&w);
      if (ifd < 0) fprintf(stderr, "inotify is not available any more: polling every 200 ms\n");
    }
#endif
  }
  if (ifd >= 0) close(ifd);
  watched_free(&w);
  huitu_ctx_free(ctx);
  rc = 0;
done:
  cli_args_free(&p);
  return rc;
}
