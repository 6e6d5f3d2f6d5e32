// libzint (Debian libzint-dev, which ships no pkg-config file): barcode symbologies beyond Code 128.
#include <zint.h>
