/// Fragments Must Be Used (spec 5.5.1.4): every fragment must be spread, directly or through
/// other fragments, by some operation.
public final class NoUnusedFragmentsRule: ValidationRule {
    public static let name = "NoUnusedFragmentsRule"
    public let context: ValidationContext
    private var used: Set<String> = []
    private var definitions: [FragmentDefinition] = []
    public init(context: ValidationContext) { self.context = context }

    public func enter(operation: OperationDefinition) {
        for fragment in context.recursivelyReferencedFragments(of: operation) { used.insert(fragment.name.value) }
    }

    public func enter(fragmentDefinition: FragmentDefinition) { definitions.append(fragmentDefinition) }

    public func leave(document: Document) {
        for fragment in definitions where !used.contains(fragment.name.value) {
            report("Fragment \"\(fragment.name.value)\" is never used.", at: [fragment.loc])
        }
    }
}
