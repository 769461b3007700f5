/// All variables used (spec 5.8.4): every variable an operation defines must be used by the
/// operation or a fragment it spreads, transitively.
public final class NoUnusedVariablesRule: ValidationRule {
    public static let name = "NoUnusedVariablesRule"
    public let context: ValidationContext

    public init(context: ValidationContext) { self.context = context }

    public func leave(operation: OperationDefinition) {
        if operation.variableDefinitions.isEmpty { return }
        var used: Set<String> = []
        for usage in context.recursiveVariableUsages(of: operation) { used.insert(usage.node.name.value) }
        for definition in operation.variableDefinitions {
            let name = definition.variable.name.value
            if used.contains(name) { continue }
            let message = operation.name.map { "Variable \"$\(name)\" is never used in operation \"\($0.value)\"." }
                ?? "Variable \"$\(name)\" is never used."
            report(message, at: [definition.loc])
        }
    }
}
