// zlib's gzip file interface (gzopen, gzread, gzerror), for the Fashion-MNIST IDX files.
#include <zlib.h>
