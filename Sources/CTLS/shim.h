#ifndef INKSTREAM_CTLS_SHIM_H
#define INKSTREAM_CTLS_SHIM_H
// OpenSSL's libssl, for STARTTLS in SMTP delivery.
#include <openssl/ssl.h>
#include <openssl/err.h>
#endif
