/// Variable Uniqueness (spec 5.8.1): an operation may not define the same variable twice.
public final class UniqueVariableNamesRule: ValidationRule {
    public static let name = "UniqueVariableNamesRule"
    public let context: ValidationContext
    public init(context: ValidationContext) { self.context = context }

    public func enter(operation: OperationDefinition) {
        let definitions = operation.variableDefinitions
        if definitions.count < 2 { return }
        let named = definitions.map { ($0.variable.name.value, $0.variable.name.loc) }
        for (name, locations) in groupedByName(named) where locations.count > 1 {
            report("There can be only one variable named \"$\(name)\".", at: locations)
        }
    }
}
