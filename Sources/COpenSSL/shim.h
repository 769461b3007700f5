#ifndef HYPERPAGE_COPENSSL_SHIM_H
#define HYPERPAGE_COPENSSL_SHIM_H
// OpenSSL 3 (Debian's libssl-dev): EVP for AES-256-GCM, HMAC and SHA-256, and the CSPRNG.
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <openssl/sha.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#endif
