/// Names visible to an expression besides the root record's fields: local variables, each with a
/// slot in `Environment.locals`. Scopes are values: `adding` returns a new scope, so a loop body's
/// scope does not leak into its siblings.
package struct CompileScope: Sendable {
    package let root: RecordSchema
    /// The locale formatters use when an expression gives none; "en_US" unless the template says
    /// otherwise. Checked when an expression compiles.
    package var defaultLocale: String
    /// Innermost last, so a lookup from the end finds the nearest definition (shadowing).
    private var locals: [(name: String, type: ValueType)]
    /// When set, every local an expression compiled in this scope (or one made from it) reads.
    package var reads: SlotReads?
    /// The template's string tables, for t().
    package var translations: Translations?

    package init(root: RecordSchema) {
        self.root = root
        self.defaultLocale = LocaleData.fallbackName
        self.locals = []
    }

    /// Adds a local variable (a loop item, a let-definition, `page`); returns the new scope and
    /// the variable's slot.
    package func adding(_ name: String, type: ValueType) -> (scope: CompileScope, slot: Int) {
        var scope = self
        scope.locals.append((name, type))
        return (scope, locals.count)
    }

    /// The scope a component's body compiles in: `root` (its parameters) as the record; `run_date`, `page` and
    /// `pages` as they are; every other local of the caller hidden but kept as a slot, so the component's own
    /// locals (a repeat's item) come after the caller's and never overwrite one the caller still reads.
    package func component(root: RecordSchema) -> CompileScope {
        var scope = CompileScope(root: root)
        scope.defaultLocale = defaultLocale
        scope.reads = reads
        scope.translations = translations
        let builtins: Set<String> = ["run_date", "page", "pages", "locale"]
        scope.locals = locals.enumerated().map { index, local in
            index < builtins.count && builtins.contains(local.name) ? local : ("", local.type)
        }
        return scope
    }

    /// The number of local slots an `Environment` needs for expressions compiled in this scope.
    package var slotCount: Int { locals.count }

    /// The innermost local named `name`.
    func local(named name: String) -> (slot: Int, type: ValueType)? {
        for slot in locals.indices.reversed() where locals[slot].name == name {
            reads?.slots.insert(slot)
            return (slot, locals[slot].type)
        }
        return nil
    }

    /// Names of locals, outermost first, without duplicates (for suggestions).
    var localNames: [String] {
        var seen: Set<String> = []
        return locals.map(\.name).filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}

/// The locals some expressions read, collected while they compile (compilation is single-threaded): which
/// parts of a template read `pages`, say.
package final class SlotReads: @unchecked Sendable {
    package var slots: Set<Int> = []
    package init() {}
}
