/* Vega's bin algorithm (vega-statistics bin.js), shared by the bin
 * transform and binned encodings so both pick the same nice steps. */
#ifndef HUITU_DATA_BIN_H
#define HUITU_DATA_BIN_H

typedef struct bin_opts {
  double maxbins;    /* 10 */
  double base;       /* 10 */
  double step;       /* 0 = choose */
  double minstep;    /* 0 */
  double anchor;     /* NAN = none */
  double span;       /* 0 = hi - lo */
  const double *steps; /* allowed steps (nsteps of them), or NULL */
  int nsteps;
  double divide[8];  /* {5, 2} */
  int ndiv;
  int nice;          /* 1 */
} bin_opts;

void bin_opts_default(bin_opts *o);
/* The bins covering [lo, hi]: first edge, last edge, and width. */
void bin_compute(const bin_opts *o, double lo, double hi, double *start, double *stop, double *step);
#endif
