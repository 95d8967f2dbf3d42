/* The worker pool of `huitu batch` (see batch_pool.h for why processes). */
#define _GNU_SOURCE
#include "cli/batch_pool.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/fsutil.h"

/* Shared between the parent and its workers (MAP_SHARED): the next item to
 * hand out, the stop flag, and the item each worker has in hand (-1:
 * none), so the parent knows what a dead worker was doing. */
typedef struct pool_shared {
  int next, n, stop;
  int current[];
} pool_shared;

typedef struct worker {
  pid_t pid; /* 0: not running */
  int fd;    /* read end of its result pipe */
  buf in;    /* bytes read, not yet a whole result */
} worker;

/* For the signal handlers (set while batch_pool_run runs). */
static pool_shared *volatile shared;
static worker *volatile workers;
static volatile int nworkers_live;
static volatile sig_atomic_t worker_stop;

/* Result frame on a pipe: item index, byte count, the bytes. */
typedef struct frame_head {
  int32_t item;
  uint32_t len;
} frame_head;

void batch_pool_stop(void) {
  pool_shared *s = shared;
  if (s) __atomic_store_n(&s->stop, 1, __ATOMIC_SEQ_CST);
}

void batch_pool_abort(void) {
  worker *w = workers;
  int n = nworkers_live;
  if (!w) return;
  for (int i = 0; i < n; i++)
    if (w[i].pid > 0) kill(w[i].pid, SIGUSR1);
  /* Wait for each to remove its temporary files: the caller's exit must
   * not come before theirs, or a script waiting on it could see them. */
  for (int i = 0; i < n; i++)
    if (w[i].pid > 0) {
      while (waitpid(w[i].pid, NULL, 0) < 0 && errno == EINTR) {
      }
      w[i].pid = 0;
    }
}

/* ---- in a worker ---- */

static void on_abort(int sig) {
  (void)sig;
  fs_cleanup_temps();
  _exit(130);
}

static void on_term(int sig) {
  if (worker_stop) on_abort(sig);
  worker_stop = 1;
}

static int write_all(int fd, const char *p, size_t n) {
  while (n) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return -1;
    p += w;
    n -= (size_t)w;
  }
  return 0;
}

static void worker_main(int w, int fd, pid_t parent, const batch_pool_ops *ops, const sigset_t *old) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sigemptyset(&sa.sa_mask);
  sa.sa_handler = SIG_IGN;
  sigaction(SIGINT, &sa, NULL);
  sa.sa_handler = on_term;
  sigaction(SIGTERM, &sa, NULL);
  sa.sa_handler = on_abort;
  sigaction(SIGUSR1, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
  prctl(PR_SET_PDEATHSIG, SIGUSR1);
  sigprocmask(SIG_SETMASK, old, NULL);
  if (getppid() != parent) on_abort(0); /* the parent died before prctl */
  pool_shared *s = shared;
  if (ops->start) ops->start(ops->ud);
  buf out = {0};
  for (;;) {
    if (worker_stop || __atomic_load_n(&s->stop, __ATOMIC_SEQ_CST)) break;
    int i = __atomic_fetch_add(&s->next, 1, __ATOMIC_SEQ_CST);
    if (i >= s->n) break;
    __atomic_store_n(&s->current[w], i, __ATOMIC_SEQ_CST);
    frame_head h = {i, 0};
    out.len = 0;
    buf_put(&out, &h, sizeof h);
    ops->work(ops->ud, i, &out);
    h.len = (uint32_t)(out.len - sizeof h);
    memcpy(out.data, &h, sizeof h);
    if (write_all(fd, out.data, out.len) != 0) _exit(1); /* the parent is gone */
    __atomic_store_n(&s->current[w], -1, __ATOMIC_SEQ_CST);
  }
  _exit(0);
}

/* ---- in the parent ---- */

static int spawn(worker *wk, int w, const batch_pool_ops *ops) {
  int p[2];
  if (pipe2(p, O_CLOEXEC) != 0) return -1;
  sigset_t all, old;
  sigfillset(&all);
  /* Signals stay blocked until the worker has its own handlers: a Ctrl-C
   * in between must not run the parent's handler in the child. */
  sigprocmask(SIG_SETMASK, &all, &old);
  fflush(NULL);
  pid_t parent = getpid();
  pid_t pid = fork();
  if (pid == 0) {
    close(p[0]);
    worker_main(w, p[1], parent, ops, &old);
  }
  sigprocmask(SIG_SETMASK, &old, NULL);
  close(p[1]);
  if (pid < 0) {
    close(p[0]);
    return -1;
  }
  wk->pid = pid;
  wk->fd = p[0];
  wk->in.len = 0;
  return 0;
}

/* Whole frames in wk->in go to done(); the rest stays. */
static void take_frames(worker *wk, const batch_pool_ops *ops, char *seen, int n) {
  size_t at = 0;
  while (wk->in.len - at >= sizeof(frame_head)) {
    frame_head h;
    memcpy(&h, wk->in.data + at, sizeof h);
    if (wk->in.len - at - sizeof h < h.len) break;
    if (h.item >= 0 && h.item < n && !seen[h.item]) {
      seen[h.item] = 1;
      ops->done(ops->ud, h.item, wk->in.data + at + sizeof h, h.len);
    }
    at += sizeof h + h.len;
  }
  if (at) {
    memmove(wk->in.data, wk->in.data + at, wk->in.len - at);
    wk->in.len -= at;
  }
}

static void describe_status(int st, char *why, size_t n) {
  if (WIFSIGNALED(st))
    snprintf(why, n, "signal %d (%s)", WTERMSIG(st), strsignal(WTERMSIG(st)));
  else
    snprintf(why, n, "exit status %d", WEXITSTATUS(st));
}

/* Threads in this process (1 when /proc is not there to say). */
static int thread_count(void) {
  DIR *d = opendir("/proc/self/task");
  if (!d) return 1;
  int k = 0;
  for (struct dirent *e; (e = readdir(d));) k += e->d_name[0] != '.';
  closedir(d);
  return k > 0 ? k : 1;
}

int batch_pool_run(int n, int nworkers, const batch_pool_ops *ops) {
  if (nworkers < 1) nworkers = 1;
  /* A fork copies only the calling thread: a lock another thread held
   * (malloc's, ASan's, GLib's, fontconfig's) stays locked in the worker for
   * good.  The parent must not have touched the font stack; say so loudly
   * if it ever does again (the batch tests compare stderr). */
  int threads = thread_count();
  if (threads > 1)
    fprintf(stderr, "huitu batch: internal error: %d threads before starting the workers (a worker may hang)\n", threads);
  size_t shsz = sizeof(pool_shared) + (size_t)nworkers * sizeof(int);
  pool_shared *s = mmap(NULL, shsz, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
  worker *wk = calloc((size_t)nworkers, sizeof *wk);
  char *seen = calloc((size_t)(n > 0 ? n : 1), 1);
  if (s == MAP_FAILED || !wk || !seen) {
    if (s != MAP_FAILED) munmap(s, shsz);
    free(wk);
    free(seen);
    return -1;
  }
  s->n = n;
  for (int w = 0; w < nworkers; w++) s->current[w] = -1;
  shared = s;
  workers = wk;
  nworkers_live = nworkers;
  int running = 0;
  for (int w = 0; w < nworkers; w++)
    if (spawn(&wk[w], w, ops) == 0) running++;
  if (!running) {
    shared = NULL;
    workers = NULL;
    munmap(s, shsz);
    free(wk);
    free(seen);
    return -1;
  }
  /* A worker that keeps dying is replaced at most this often in all. */
  int respawns = nworkers + 16;
  struct pollfd *pf = calloc((size_t)nworkers, sizeof *pf);
  int *pw = calloc((size_t)nworkers, sizeof *pw);
  while (running) {
    int np = 0;
    for (int w = 0; w < nworkers; w++)
      if (wk[w].pid > 0) {
        pf[np].fd = wk[w].fd;
        pf[np].events = POLLIN;
        pf[np].revents = 0;
        pw[np++] = w;
      }
    int r = poll(pf, (nfds_t)np, 100);
    if (ops->tick) ops->tick(ops->ud);
    if (r <= 0) continue; /* timeout or EINTR */
    for (int k = 0; k < np; k++) {
      if (!pf[k].revents) continue;
      worker *x = &wk[pw[k]];
      buf_reserve(&x->in, 65536);
      ssize_t got = read(x->fd, x->in.data + x->in.len, 65536);
      if (got < 0 && errno == EINTR) continue;
      if (got > 0) {
        x->in.len += (size_t)got;
        take_frames(x, ops, seen, n);
        continue;
      }
      /* End of its pipe: it has exited (or closed it and will). */
      close(x->fd);
      int st = 0;
      while (waitpid(x->pid, &st, 0) < 0 && errno == EINTR) {
      }
      running--;
      int clean = WIFEXITED(st) && WEXITSTATUS(st) == 0;
      pid_t dead = x->pid;
      int cur = __atomic_load_n(&s->current[pw[k]], __ATOMIC_SEQ_CST);
      __atomic_store_n(&s->current[pw[k]], -1, __ATOMIC_SEQ_CST);
      if (!clean && cur >= 0 && cur < n && !seen[cur]) {
        char why[128];
        describe_status(st, why, sizeof why);
        seen[cur] = 1;
        ops->lost(ops->ud, cur, (int)dead, why);
      }
      x->pid = 0;
      if (!clean && respawns > 0 && !__atomic_load_n(&s->stop, __ATOMIC_SEQ_CST) &&
          __atomic_load_n(&s->next, __ATOMIC_SEQ_CST) < n) {
        respawns--;
        if (spawn(x, pw[k], ops) == 0) running++;
      }
    }
  }
  free(pf);
  free(pw);
  int handed = s->next < n ? s->next : n;
  /* Taken by a worker that died before it could say which: lost too. */
  for (int i = 0; i < handed; i++)
    if (!seen[i]) ops->lost(ops->ud, i, 0, "its worker stopped before finishing it");
  shared = NULL;
  workers = NULL;
  nworkers_live = 0;
  for (int w = 0; w < nworkers; w++) buf_free(&wk[w].in);
  munmap(s, shsz);
  free(wk);
  free(seen);
  return handed;
}
