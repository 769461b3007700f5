/// Input Object Field Uniqueness (spec 5.6.3): an input object literal may not give the same
/// field twice.
public final class UniqueInputFieldNamesRule: ValidationRule {
    public static let name = "UniqueInputFieldNamesRule"
    public let context: ValidationContext
    /// Field names seen in each enclosing object literal, innermost last.
    private var knownStack: [[String: Location]] = []
    public init(context: ValidationContext) { self.context = context }

    public func enter(value: ValueNode) {
        if case .object = value { knownStack.append([:]) }
    }

    public func leave(value: ValueNode) {
        if case .object = value { knownStack.removeLast() }
    }

    public func enter(objectField: ObjectField) {
        guard !knownStack.isEmpty else { return }
        let name = objectField.name
        if let first = knownStack[knownStack.count - 1][name.value] {
            report("There can be only one input field named \"\(name.value)\".", at: [first, name.loc])
        } else {
            knownStack[knownStack.count - 1][name.value] = name.loc
        }
    }
}
