#ifndef INKSTREAM_COPENSSL_SHIM_H
#define INKSTREAM_COPENSSL_SHIM_H
// OpenSSL's libcrypto, for CMS (PKCS#7) signatures and X.509 keys only; hashes go through swift-crypto.
#include <openssl/bio.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <openssl/rsa.h>
#endif
