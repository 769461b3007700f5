/// All variable uses defined (spec 5.8.3): every variable used in an operation, directly or in
/// a fragment it spreads, must be defined by that operation. Reported once per use, at the use
/// and at the operation.
public final class NoUndefinedVariablesRule: ValidationRule {
    public static let name = "NoUndefinedVariablesRule"
    public let context: ValidationContext

    public init(context: ValidationContext) { self.context = context }

    public func leave(operation: OperationDefinition) {
        var defined: Set<String> = []
        for definition in operation.variableDefinitions { defined.insert(definition.variable.name.value) }
        for usage in context.recursiveVariableUsages(of: operation) {
            let name = usage.node.name.value
            if defined.contains(name) { continue }
            let message = operation.name.map { "Variable \"$\(name)\" is not defined by operation \"\($0.value)\"." }
                ?? "Variable \"$\(name)\" is not defined."
            report(message, at: [usage.node.loc, operation.loc])
        }
    }
}
