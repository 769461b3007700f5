/// Enums (spec 3.9): an enum's values are unique across its definition, its extensions and an
/// existing schema.
public final class UniqueEnumValueNamesRule: ValidationRule {
    public static let name = "UniqueEnumValueNamesRule"
    public let context: ValidationContext
    private var known: [String: [String: Location]] = [:]
    public init(context: ValidationContext) { self.context = context }

    public func enter(typeDefinition: TypeDefinition) { check(typeDefinition) }
    public func enter(typeExtension: TypeExtension) { check(typeExtension.definition) }

    private func check(_ type: TypeDefinition) {
        guard type.kind == .enum else { return }
        let typeName = type.name.value
        let existing = context.schema?.type(named: typeName) as? EnumType
        var seen = known[typeName] ?? [:]
        for value in type.enumValues {
            let valueName = value.name.value
            if existing?.value(valueName) != nil {
                report("Enum value \"\(typeName).\(valueName)\" already exists in the schema. It cannot also be defined in this type extension.",
                       at: [value.name.loc])
            } else if let first = seen[valueName] {
                report("Enum value \"\(typeName).\(valueName)\" can only be defined once.", at: [first, value.name.loc])
            } else {
                seen[valueName] = value.name.loc
            }
        }
        known[typeName] = seen
    }
}
