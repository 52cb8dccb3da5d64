// OpenSSL 3 (Debian: libssl-dev). Several of its calls are macros, which
// Swift cannot import; the inline functions below wrap the ones we use.
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/sha.h>
#include <openssl/crypto.h>

static inline long copenssl_ctx_set_min_proto_version(SSL_CTX *ctx, int version) {
    return SSL_CTX_set_min_proto_version(ctx, version);
}

static inline long copenssl_ctx_set_options(SSL_CTX *ctx, long options) {
    return SSL_CTX_set_options(ctx, options);
}

static inline long copenssl_ctx_set_mode(SSL_CTX *ctx, long mode) {
    return SSL_CTX_set_mode(ctx, mode);
}
