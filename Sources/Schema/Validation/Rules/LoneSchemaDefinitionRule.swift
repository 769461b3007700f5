/// Schema (spec 3.3): a document defines the schema at most once, and an extension of an
/// existing schema may not define a new one.
public final class LoneSchemaDefinitionRule: ValidationRule {
    public static let name = "LoneSchemaDefinitionRule"
    public let context: ValidationContext
    private let alreadyDefined: Bool
    private var count = 0

    public init(context: ValidationContext) {
        self.context = context
        if let schema = context.schema {
            alreadyDefined = schema.astNode != nil || schema.queryType != nil || schema.mutationType != nil
                || schema.subscriptionType != nil
        } else {
            alreadyDefined = false
        }
    }

    public func enter(schemaDefinition: SchemaDefinition) {
        if alreadyDefined {
            report("Cannot define a new schema within a schema extension.", at: [schemaDefinition.loc])
            return
        }
        if count > 0 { report("Must provide only one schema definition.", at: [schemaDefinition.loc]) }
        count += 1
    }
}
