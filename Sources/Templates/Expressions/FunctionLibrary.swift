/// What a function parameter accepts, checked at compile time. `any` (null, or a value only known at
/// run time) is accepted everywhere; implementations check such values again when they run.
enum ParameterKind: Sendable {
    case number
    case string
    case date
    case numberOrString
    /// Any list (of records too).
    case list
    case numberList
    /// A list of numbers, strings or dates (max_of, min_of).
    case orderableList
    /// A list whose elements read as text (join).
    case textList
    /// A value that reads as text: anything but records and lists of records.
    case text
    case anything

    func accepts(_ type: ValueType) -> Bool {
        if type.isAny { return true }
        switch self {
        case .number: return type == .number
        case .string: return type == .string
        case .date: return type == .date
        case .numberOrString: return type == .number || type == .string
        case .list: return type.listElement != nil
        case .numberList: return type == .list(.number) || type == .list(.any)
        case .orderableList:
            guard case .list(let element) = type else { return false }
            return [.number, .string, .date, .any].contains(element)
        case .textList:
            guard case .list(let element) = type else { return false }
            return ParameterKind.text.accepts(element)
        case .text:
            switch type {
            case .record, .list(.record): return false
            case .list(let element): return ParameterKind.text.accepts(element)
            default: return true
            }
        case .anything: return true
        }
    }

    var description: String {
        switch self {
        case .number: "a number"
        case .string: "a string"
        case .date: "a date"
        case .numberOrString: "a number or a string"
        case .list: "a list"
        case .numberList: "a list of numbers"
        case .orderableList: "a list of numbers, strings or dates"
        case .textList: "a list of values (not records)"
        case .text: "a value that reads as text (not a record)"
        case .anything: "a value"
        }
    }
}

/// A declared parameter of a library function; its name appears in arity errors.
struct Parameter: Sendable {
    let name: String
    let kind: ParameterKind

    static func number(_ name: String) -> Parameter { Parameter(name: name, kind: .number) }
    static func string(_ name: String) -> Parameter { Parameter(name: name, kind: .string) }
    static func date(_ name: String) -> Parameter { Parameter(name: name, kind: .date) }
}

/// A function of the standard library: its signature (checked at compile time) and a builder that
/// turns compiled arguments into an evaluator. Builders may precompute from constant arguments
/// (a money format, a date pattern) so the per-record work is only the variable part.
struct LibraryFunction: Sendable {
    let name: String
    let parameters: [Parameter]
    /// Parameters after these are optional.
    let requiredCount: Int
    let resultType: @Sendable ([ValueType]) -> ValueType
    let build: @Sendable (CallSite) throws(ExpressionError) -> Evaluator
    /// Whether the result depends on the arguments alone (then constant arguments fold at compile time);
    /// t() also reads the record's locale.
    var pure = true

    init(
        _ name: String, _ parameters: [Parameter], required: Int? = nil,
        result: @escaping @Sendable ([ValueType]) -> ValueType,
        build: @escaping @Sendable (CallSite) throws(ExpressionError) -> Evaluator
    ) {
        self.name = name
        self.parameters = parameters
        self.requiredCount = required ?? parameters.count
        self.resultType = result
        self.build = build
    }

    init(
        _ name: String, _ parameters: [Parameter], required: Int? = nil, returns: ValueType,
        build: @escaping @Sendable (CallSite) throws(ExpressionError) -> Evaluator
    ) {
        self.init(name, parameters, required: required, result: { _ in returns }, build: build)
    }

    /// "money(amount, [currency], [locale])", for arity errors.
    var signature: String {
        let names = parameters.enumerated().map { $0.offset < requiredCount ? $0.element.name : "[\($0.element.name)]" }
        return "\(name)(\(names.joined(separator: ", ")))"
    }
}

/// The standard library, by name. Families live in their own files.
enum FunctionLibrary {
    static let functions: [String: LibraryFunction] = {
        let families = [formatterFunctions, numberFunctions, listFunctions, dateFunctions, stringFunctions, translationFunctions]
        var table: [String: LibraryFunction] = [:]
        for function in families.joined() {
            precondition(table[function.name] == nil, "duplicate library function \(function.name)")
            table[function.name] = function
        }
        return table
    }()

    static let names: [String] = functions.keys.sorted()

    static func function(named name: String) -> LibraryFunction? { functions[name] }
}
