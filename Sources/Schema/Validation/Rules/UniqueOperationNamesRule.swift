/// Operation Name Uniqueness (spec 5.2.1.1): no two operations may share a name.
public final class UniqueOperationNamesRule: ValidationRule {
    public static let name = "UniqueOperationNamesRule"
    public let context: ValidationContext
    private var known: [String: Location] = [:]
    public init(context: ValidationContext) { self.context = context }

    public func enter(operation: OperationDefinition) {
        guard let name = operation.name else { return }
        if let first = known[name.value] {
            report("There can be only one operation named \"\(name.value)\".", at: [first, name.loc])
        } else {
            known[name.value] = name.loc
        }
    }
}
