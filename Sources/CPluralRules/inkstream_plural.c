#include "inkstream_plural.h"
#include <string.h>
#include <unicode/upluralrules.h>
#include <unicode/uenum.h>
#include <unicode/ustring.h>

void *inkstream_plural_open(const char *locale) {
    UErrorCode status = U_ZERO_ERROR;
    UPluralRules *rules = uplrules_open(locale, &status);
    if (U_FAILURE(status)) return NULL;
    return rules;
}

void inkstream_plural_close(void *rules) {
    if (rules) uplrules_close((UPluralRules *)rules);
}

int inkstream_plural_select(void *rules, double n, char *out, int capacity) {
    UChar keyword[32];
    UErrorCode status = U_ZERO_ERROR;
    int32_t length = uplrules_select((const UPluralRules *)rules, n, keyword, 32, &status);
    if (U_FAILURE(status) || length >= capacity) return -1;
    u_austrncpy(out, keyword, length);
    out[length] = 0;
    return length;
}

int inkstream_plural_keywords(void *rules, char *out, int capacity) {
    UErrorCode status = U_ZERO_ERROR;
    UEnumeration *keywords = uplrules_getKeywords((const UPluralRules *)rules, &status);
    if (U_FAILURE(status)) return -1;
    int used = 0;
    const char *keyword;
    int32_t length;
    while ((keyword = uenum_next(keywords, &length, &status)) != NULL && U_SUCCESS(status)) {
        if (used + length + 2 > capacity) { uenum_close(keywords); return -1; }
        if (used > 0) out[used++] = ' ';
        memcpy(out + used, keyword, (size_t)length);
        used += length;
    }
    uenum_close(keywords);
    out[used] = 0;
    return U_SUCCESS(status) ? used : -1;
}
