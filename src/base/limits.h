/* Every input-driven size has a bound, so memory and time stay bounded for
 * any spec.  Defaults are documented in the README's "Limits" section and
 * can be raised per render through huitu_render_opts. */
#ifndef HUITU_BASE_LIMITS_H
#define HUITU_BASE_LIMITS_H

#define LIMIT_SPEC_BYTES (32L * 1024 * 1024)   /* spec file size */
#define LIMIT_NODES 2000000                     /* YAML nodes after alias expansion */
#define LIMIT_DEPTH 200                         /* nesting depth of the spec */
#define LIMIT_DEPTH_MAX 10000                   /* highest --max-depth: deeper specs would
                                                   overflow the stack in recursive stages */
#define LIMIT_STRING_BYTES (64 * 1024)          /* one text string */
#define LIMIT_PAGE_SIDE 32768.0                 /* px, either side */
#define LIMIT_PAGE_PIXELS (1L << 28)            /* raster pixels after scale */
#define LIMIT_BLOCKS 10000                      /* blocks in one list (page or group) */
#define LIMIT_ROWS 2000000                      /* data rows */
#define LIMIT_IMAGE_PIXELS (1L << 26)           /* one input image (PNG pixels, SVG CSS px),
                                                   checked from its header before decoding:
                                                   8192 x 8192, 256 MiB once decoded */
#define LIMIT_IMAGE_BYTES (64L * 1024 * 1024)   /* one input image file */
#define LIMIT_MEMORY_MB 2048                    /* MiB one document's data, charts and layout may hold
                                                   (--max-memory): a 2M-row table of 8 columns takes
                                                   ~0.5 GiB, and with a largest PNG (2^28 px, 1 GiB,
                                                   outside the budget) a render stays under ~3.5 GB */
#endif
