#include "data/bin.h"

#include <math.h>

void bin_opts_default(bin_opts *o) {
  *o = (bin_opts){.maxbins = 10, .base = 10, .anchor = NAN, .divide = {5, 2}, .ndiv = 2, .nice = 1};
}

void bin_compute(const bin_opts *o, double lo, double hi, double *start_out, double *stop_out, double *step_out) {
  double maxbins = o->maxbins >= 2 ? o->maxbins : 10;
  double base = o->base > 1 ? o->base : 10;
  double logb = log(base);
  double sp = o->span ? o->span : (hi - lo) ? (hi - lo) : fabs(lo) ? fabs(lo) : 1;
  double step = o->step > 0 ? o->step : 0;
  if (step) {
  } else if (o->nsteps) {
    /* the largest allowed step that still gives at most maxbins bins */
    double v = sp / maxbins;
    int i = 0;
    while (i < o->nsteps && o->steps[i] < v) i++;
    step = o->steps[i > 0 ? i - 1 : 0];
  } else {
    double level = ceil(log(maxbins) / logb);
    step = fmax(o->minstep, pow(base, round(log(sp) / logb) - level));
    while (ceil(sp / step) > maxbins) step *= base;
    for (int i = 0; i < o->ndiv; i++) {
      double v = step / o->divide[i];
      if (v >= o->minstep && sp / v <= maxbins) step = v;
    }
  }
  double v = log(step);
  int precision = v >= 0 ? 0 : (int)(-v / logb) + 1;
  double eps = pow(base, -precision - 1);
  double start = lo, stop = hi;
  if (o->nice) {
    v = floor(lo / step + eps) * step;
    start = lo < v ? v - step : v;
    stop = ceil(hi / step) * step;
  }
  if (stop == start) stop = start + step;
  if (!isnan(o->anchor)) {
    double dd = o->anchor - (start + step * floor((o->anchor - start) / step));
    start += dd;
    stop += dd;
  }
  *start_out = start;
  *stop_out = stop;
  *step_out = step;
}
