/// A part kept in the template's component library (`components:` folder) and used by name: a letterhead,
/// an address block for the envelope window, a signature, a legal footer. Its `params:` are typed like
/// `data:`; its body (`elements:` for regions and blocks, `flow:` for the body) sees its parameters, and
/// `run_date`, `page` and `pages`, and nothing of the template that uses it.
package struct ComponentArguments: Sendable {
    package enum Argument: Sendable {
        case constant(Value)
        case text(CompiledText)
        case expression(CompiledExpression, ValueProjection)
        /// `[a, "b {x}"]` for a list of text: each element text with {expressions}.
        case texts([CompiledText])
    }
    /// One per parameter, in the parameters' order: the record the body reads.
    package let values: [Argument]
    package let name: String
    /// Where the template uses the component.
    package let location: SourceLocation
}

/// `- component: {use, x, y, with}` among elements: the component's elements, moved by x and y.
package struct ComponentUse: Sendable {
    package let arguments: ComponentArguments
    package let x: Double, y: Double
    package let elements: [Element]
}

/// `- component: {use, with}` in the body's flow: the component's flow items.
package struct ComponentFlow: Sendable {
    package let arguments: ComponentArguments
    package let flow: [FlowItem]
}
