import Foundation
import XCTest
@testable import Templates
#if canImport(_FoundationICU)
import _FoundationICU
#endif

/// ICU's own output, computed in the tests, to compare the engine's generated locale table with.
/// Numbers go through ICU's C API (the `_FoundationICU` that Foundation wraps on Linux) because
/// Foundation's NumberFormatter overrides some of the locale's pattern with its own defaults (it drops
/// hi_IN's secondary grouping, 12,34,567 → 1,234,567); dates go through Foundation's DateFormatter.
/// Rounding is set to ICU's half-up, which is the engine's half away from zero on the shortest decimal.
enum ICUReference {
    /// Skips the test unless this process runs the ICU the table was generated from: another ICU has
    /// other CLDR data, and the answer then is to regenerate (scripts/cldr/generate), not to compare.
    static func requireTableICU() throws {
        #if canImport(_FoundationICU)
        var version: UVersionInfo = (0, 0, 0, 0)
        swift_u_getVersion(&version)
        let running = "\(version.0).\(version.1)"
        guard running == LocaleTableSource.icuVersion else {
            throw XCTSkip("ICU \(running) runs here, the locale table is from ICU \(LocaleTableSource.icuVersion)")
        }
        #else
        throw XCTSkip("the locale table comes from the ICU of the Linux toolchain's Foundation")
        #endif
    }

    #if canImport(_FoundationICU)
    enum Style {
        case decimal, percent, currency

        var icu: UNumberFormatStyle {
            switch self {
            case .decimal: UNUM_DECIMAL
            case .percent: UNUM_PERCENT
            case .currency: UNUM_CURRENCY
            }
        }
    }

    /// An ICU number format for one locale, style and settings, used for many values.
    final class NumberFormat {
        private let handle: UnsafeMutablePointer<UNumberFormat?>

        init(_ style: Style, locale: LocaleData, currency: String? = nil, fractionDigits: Int? = nil) {
            var status = U_ZERO_ERROR
            handle = swift_unum_open(style.icu, nil, 0, locale.icuIdentifier, nil, &status)!
            precondition(status.rawValue <= 0, "unum_open \(locale.icuIdentifier): \(status.rawValue)")
            swift_unum_setAttribute(handle, UNUM_ROUNDING_MODE, Int32(UNUM_ROUND_HALFUP.rawValue))
            if let currency {
                // Also sets the currency's minor-unit digits (JPY none).
                let code = Array(currency.utf16)
                swift_unum_setTextAttribute(handle, UNUM_CURRENCY_CODE, code, Int32(code.count), &status)
                precondition(status.rawValue <= 0, "currency \(currency): \(status.rawValue)")
            }
            if let fractionDigits {
                swift_unum_setAttribute(handle, UNUM_MIN_FRACTION_DIGITS, Int32(fractionDigits))
                swift_unum_setAttribute(handle, UNUM_MAX_FRACTION_DIGITS, Int32(fractionDigits))
            }
        }

        deinit { swift_unum_close(handle) }

        /// Up to `maximum` fraction digits, trailing zeros dropped (percent() without decimals).
        func setFractionDigits(minimum: Int, maximum: Int) {
            swift_unum_setAttribute(handle, UNUM_MIN_FRACTION_DIGITS, Int32(minimum))
            swift_unum_setAttribute(handle, UNUM_MAX_FRACTION_DIGITS, Int32(maximum))
        }

        func string(_ x: Double) -> String {
            var buffer = [UChar](repeating: 0, count: 256)
            var status = U_ZERO_ERROR
            let length = swift_unum_formatDouble(handle, x, &buffer, 256, nil, &status)
            precondition(status.rawValue <= 0, "unum_formatDouble: \(status.rawValue)")
            return String(decoding: buffer[0..<Int(length)], as: UTF16.self)
        }
    }
    #endif

    /// Foundation's currency formatter, as a second opinion where it agrees with ICU's C API.
    static func foundationCurrencyFormatter(_ code: String, locale: LocaleData) -> NumberFormatter {
        let formatter = NumberFormatter()
        formatter.locale = Locale(identifier: locale.icuIdentifier)
        formatter.numberStyle = .currency
        formatter.currencyCode = code
        formatter.roundingMode = .halfUp
        return formatter
    }

    static func dateFormatter(_ pattern: String, locale: LocaleData) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: locale.icuIdentifier)
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = pattern
        return formatter
    }

    /// ICU's short date pattern for the locale (what the default date pattern is made from).
    static func shortDatePattern(_ locale: LocaleData) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: locale.icuIdentifier)
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.dateStyle = .short
        formatter.timeStyle = .none
        return formatter.dateFormat
    }

    static func date(daysSinceEpoch days: Int) -> Date { Date(timeIntervalSince1970: Double(days) * 86_400) }
}
