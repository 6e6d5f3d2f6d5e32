#ifndef INKSTREAM_CHYPHEN_SHIM_H
#define INKSTREAM_CHYPHEN_SHIM_H
/* libhyphen (Debian libhyphen-dev, no pkg-config file): the hyphenation library of LibreOffice, reading
   the TeX-derived pattern files of the hyphen-* packages in /usr/share/hyphen. */
#include <hyphen.h>
#endif
