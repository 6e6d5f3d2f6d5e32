import Templates

/// A component's body sees its parameters as the record: the arguments are evaluated where the component is
/// used (with the caller's record), then the body runs with them and the caller's record comes back.
extension DocumentComposer {
    func componentRecord(_ arguments: ComponentArguments, _ env: inout Environment) throws(ComposeError) -> Value {
        var values: [Value] = []
        values.reserveCapacity(arguments.values.count)
        for argument in arguments.values {
            switch argument {
            case .constant(let value): values.append(value)
            case .text(let text): values.append(.string(try self.text(text, &env)))
            case .expression(let expression, let projection): values.append(projection.apply(try evaluate(expression, env)))
            case .texts(let texts):
                var list: [Value] = []
                for t in texts { list.append(.string(try text(t, &env))) }
                values.append(.list(list))
            }
        }
        return .record(values)
    }

    func paintComponent(_ c: ComponentUse, into ops: inout [DrawOperation], env: inout Environment,
                        dx: Double, dy: Double) throws(ComposeError) {
        let record = try componentRecord(c.arguments, &env)
        let caller = env.root
        env.root = record
        defer { env.root = caller }
        try paint(c.elements, into: &ops, env: &env, dx: dx + c.x, dy: dy + c.y)
    }

    func layOutComponent(_ c: ComponentFlow, _ flow: inout FlowState, _ env: inout Environment) throws(ComposeError) {
        let record = try componentRecord(c.arguments, &env)
        let caller = env.root
        env.root = record
        defer { env.root = caller }
        try layOut(c.flow, &flow, &env)
    }

    /// The start of the component's first item that shows (for an item kept with it).
    func leadHeight(of c: ComponentFlow, _ env: inout Environment) throws(ComposeError) -> Double {
        let record = try componentRecord(c.arguments, &env)
        let caller = env.root
        env.root = record
        defer { env.root = caller }
        return try leadHeight(of: c.flow[...], &env)
    }
}
