/// Executable Definitions (spec 5.1.1): a document submitted for execution may contain only
/// operations and fragments.
public final class ExecutableDefinitionsRule: ValidationRule {
    public static let name = "ExecutableDefinitionsRule"
    public let context: ValidationContext
    public init(context: ValidationContext) { self.context = context }

    public func enter(document: Document) {
        for definition in document.definitions {
            let subject: String
            switch definition {
            case .operation, .fragment: continue
            case .schema, .schemaExtension: subject = "schema"
            case .type(let type): subject = "\"\(type.name.value)\""
            case .typeExtension(let ext): subject = "\"\(ext.definition.name.value)\""
            case .directive(let directive): subject = "\"\(directive.name.value)\""
            }
            report("The \(subject) definition is not executable.", at: [definition.loc])
        }
    }
}
