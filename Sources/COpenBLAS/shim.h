// OpenBLAS's CBLAS interface, including the OpenBLAS extensions
// `openblas_get_corename`, `openblas_get_num_threads` and `openblas_set_num_threads`.
#include <cblas.h>

// A software prefetch hint (read, keep in all cache levels), for the stream passes.
static inline void mhc_prefetch(const void *p) { __builtin_prefetch(p, 0, 3); }
