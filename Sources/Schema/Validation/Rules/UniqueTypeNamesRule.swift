/// Types (spec 3.4): type names are unique, within the document and against an existing schema.
public final class UniqueTypeNamesRule: ValidationRule {
    public static let name = "UniqueTypeNamesRule"
    public let context: ValidationContext
    private var known: [String: Location] = [:]
    public init(context: ValidationContext) { self.context = context }

    public func enter(typeDefinition: TypeDefinition) {
        let name = typeDefinition.name
        if context.schema?.type(named: name.value) != nil {
            report("Type \"\(name.value)\" already exists in the schema. It cannot also be defined in this type definition.",
                   at: [name.loc])
            return
        }
        if let first = known[name.value] {
            report("There can be only one type named \"\(name.value)\".", at: [first, name.loc])
        } else {
            known[name.value] = name.loc
        }
    }
}
