/// Variables Are Input Types (spec 5.8.2): a variable's type must be a scalar, enum or input
/// object type (possibly wrapped in lists and non-null).
public final class VariablesAreInputTypesRule: ValidationRule {
    public static let name = "VariablesAreInputTypesRule"
    public let context: ValidationContext
    public init(context: ValidationContext) { self.context = context }

    public func enter(variableDefinition: VariableDefinition) {
        guard let schema = context.schema, let type = typeFromAST(schema, variableDefinition.type),
              !type.isInputType else { return }
        report("Variable \"$\(variableDefinition.variable.name.value)\" cannot be non-input type \"\(printType(variableDefinition.type))\".",
               at: [variableDefinition.type.loc])
    }
}
