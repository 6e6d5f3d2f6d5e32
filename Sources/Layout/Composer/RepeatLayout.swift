import Templates

/// `repeat:`: the same flow items once per element of a list, each time with the element, its index and
/// `loop` bound, and a page break between two repetitions when the template asks for one.
extension DocumentComposer {
    func layOutRepeat(_ r: RepeatElement, _ flow: inout FlowState, _ env: inout Environment) throws(ComposeError) {
        guard case .list(let elements) = try evaluate(r.over, env) else { return }
        for index in elements.indices {
            if index > 0, r.breakBetween != .none, flow.pendingBreak != .oddPage { flow.pendingBreak = r.breakBetween }
            bind(r, index, of: elements, &env)
            try layOut(r.flow, &flow, &env)
        }
    }

    /// What must share a page with an item kept with this repeat: the start of its first repetition.
    func leadHeight(of r: RepeatElement, _ env: inout Environment) throws(ComposeError) -> Double {
        guard case .list(let elements) = try evaluate(r.over, env), !elements.isEmpty else { return 0 }
        bind(r, 0, of: elements, &env)
        return try leadHeight(of: r.flow[...], &env)
    }

    private func bind(_ r: RepeatElement, _ index: Int, of elements: [Value], _ env: inout Environment) {
        env.locals[r.itemSlot] = elements[index]
        env.locals[r.indexSlot] = .number(Double(index))
        env.locals[r.loopSlot] = RepeatElement.loop(index, of: elements.count)
    }
}
