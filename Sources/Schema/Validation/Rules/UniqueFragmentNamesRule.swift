/// Fragment Name Uniqueness (spec 5.5.1.1): no two fragments may share a name.
public final class UniqueFragmentNamesRule: ValidationRule {
    public static let name = "UniqueFragmentNamesRule"
    public let context: ValidationContext
    private var known: [String: Location] = [:]
    public init(context: ValidationContext) { self.context = context }

    public func enter(fragmentDefinition: FragmentDefinition) {
        let name = fragmentDefinition.name
        if let first = known[name.value] {
            report("There can be only one fragment named \"\(name.value)\".", at: [first, name.loc])
        } else {
            known[name.value] = name.loc
        }
    }
}
