// OpenBLAS's CBLAS interface, including the OpenBLAS extensions
// `openblas_get_corename`, `openblas_get_num_threads` and `openblas_set_num_threads`.
#include <cblas.h>
