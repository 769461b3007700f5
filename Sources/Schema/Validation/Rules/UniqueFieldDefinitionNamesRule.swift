/// Objects, Interfaces and Input Objects (spec 3.6, 3.7, 3.10): field names are unique across
/// a type's definition, its extensions and an existing schema.
public final class UniqueFieldDefinitionNamesRule: ValidationRule {
    public static let name = "UniqueFieldDefinitionNamesRule"
    public let context: ValidationContext
    private var known: [String: [String: Location]] = [:]
    public init(context: ValidationContext) { self.context = context }

    public func enter(typeDefinition: TypeDefinition) { check(typeDefinition) }
    public func enter(typeExtension: TypeExtension) { check(typeExtension.definition) }

    private func check(_ type: TypeDefinition) {
        let names: [Name]
        switch type.kind {
        case .object, .interface: names = type.fields.map(\.name)
        case .inputObject: names = type.inputFields.map(\.name)
        default: return
        }
        let typeName = type.name.value
        let existing = context.schema?.type(named: typeName)
        var seen = known[typeName] ?? [:]
        for name in names {
            let fieldName = name.value
            if Self.hasField(existing, fieldName) {
                report("Field \"\(typeName).\(fieldName)\" already exists in the schema. It cannot also be defined in this type extension.",
                       at: [name.loc])
            } else if let first = seen[fieldName] {
                report("Field \"\(typeName).\(fieldName)\" can only be defined once.", at: [first, name.loc])
            } else {
                seen[fieldName] = name.loc
            }
        }
        known[typeName] = seen
    }

    private static func hasField(_ type: NamedType?, _ name: String) -> Bool {
        if let container = type as? FieldsContainer { return container.field(name) != nil }
        if let input = type as? InputObjectType { return input.field(name) != nil }
        return false
    }
}
