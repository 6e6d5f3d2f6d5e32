#ifndef INKSTREAM_PLURAL_H
#define INKSTREAM_PLURAL_H
/// CLDR plural rules through ICU (libicu): which plural form ("one", "few", "other" …) a number takes in a
/// locale. ICU renames its C entry points per version (uplrules_select_72), which Swift cannot call by the
/// plain name; these wrappers can be.

/// The rules of `locale` ("ru_RU"), or NULL when ICU cannot open them. Free with inkstream_plural_close.
void *inkstream_plural_open(const char *locale);
void inkstream_plural_close(void *rules);
/// The category `n` takes, NUL-terminated into `out`; its length, or -1 on error.
int inkstream_plural_select(void *rules, double n, char *out, int capacity);
/// The categories the locale has, space-separated into `out`; its length, or -1 on error.
int inkstream_plural_keywords(void *rules, char *out, int capacity);
#endif
