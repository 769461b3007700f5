/// Lone Anonymous Operation (spec 5.2.2.1): an anonymous operation must be the document's only operation.
public final class LoneAnonymousOperationRule: ValidationRule {
    public static let name = "LoneAnonymousOperationRule"
    public let context: ValidationContext
    private var operationCount = 0
    public init(context: ValidationContext) { self.context = context }

    public func enter(document: Document) {
        operationCount = 0
        for case .operation in document.definitions { operationCount += 1 }
    }

    public func enter(operation: OperationDefinition) {
        if operation.name == nil && operationCount > 1 {
            report("This anonymous operation must be the only defined operation.", at: [operation.loc])
        }
    }
}
