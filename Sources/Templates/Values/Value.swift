/// A runtime value inside a template evaluation. Records are bound to the template's data schema, so a
/// record is an array of slots in schema field order: field access compiles to an index, not a lookup.
public enum Value: Sendable, Equatable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    /// Days since 1970-01-01 (proleptic Gregorian, no time zone: statements deal in calendar dates).
    case date(Int32)
    case list([Value])
    case record([Value])
}
