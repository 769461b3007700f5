/// Root Operation Types (spec 3.3.1): each operation kind gets one root type, across the
/// schema definition, its extensions and an existing schema.
public final class UniqueOperationTypesRule: ValidationRule {
    public static let name = "UniqueOperationTypesRule"
    public let context: ValidationContext
    private var defined: [OperationType: Location] = [:]
    public init(context: ValidationContext) { self.context = context }

    public func enter(schemaDefinition: SchemaDefinition) { check(schemaDefinition.operationTypes) }
    public func enter(schemaExtension: SchemaExtension) { check(schemaExtension.operationTypes) }

    private func check(_ operationTypes: [OperationTypeDefinition]) {
        for operationType in operationTypes {
            let operation = operationType.operation
            if context.schema?.rootType(for: operation) != nil {
                report("Type for \(operation.rawValue) already defined in the schema. It cannot be redefined.",
                       at: [operationType.loc])
            } else if let first = defined[operation] {
                report("There can be only one \(operation.rawValue) type in schema.", at: [first, operationType.loc])
            } else {
                defined[operation] = operationType.loc
            }
        }
    }
}
