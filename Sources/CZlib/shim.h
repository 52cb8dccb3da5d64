// zlib (Debian: zlib1g-dev). deflateInit2 and inflateInit2 are macros, so
// these wrappers give Swift functions to call.
#include <zlib.h>

static inline int czlib_inflate_init2(z_streamp stream, int windowBits) {
    return inflateInit2(stream, windowBits);
}

static inline int czlib_deflate_init2(z_streamp stream, int level, int windowBits) {
    return deflateInit2(stream, level, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY);
}
