/// Field Selections (spec 5.3.1): every selected field must be defined on the parent type
/// (or be the `__typename` meta field). Errors suggest inline fragments on types that define
/// the field, or else similarly named fields.
public final class FieldsOnCorrectTypeRule: ValidationRule {
    public static let name = "FieldsOnCorrectTypeRule"
    public let context: ValidationContext
    public init(context: ValidationContext) { self.context = context }

    public func enter(field: Field) {
        guard let parent = context.parentType, context.fieldDef == nil, let schema = context.schema else { return }
        let fieldName = field.name.value
        var suggestion = didYouMean(suggestedTypeNames(schema, parent, fieldName),
                                    subMessage: "to use an inline fragment on")
        if suggestion.isEmpty {
            suggestion = didYouMean(suggestedFieldNames(parent, fieldName))
        }
        report("Cannot query field \"\(fieldName)\" on type \"\(parent.name)\"." + suggestion, at: [field.loc])
    }

    /// Possible types of an abstract parent, and the interfaces they implement, that define the
    /// field: most referenced first, then super types before their sub types, then by name —
    /// sorted as JavaScript does, since that comparison is not a total order.
    private func suggestedTypeNames(_ schema: GraphQLSchema, _ parent: NamedType, _ fieldName: String) -> [String] {
        guard parent.isAbstractType else { return [] }
        var suggested: [FieldsContainer] = []
        var usageCount: [String: Int] = [:]
        for possible in schema.possibleTypes(of: parent) where possible.field(fieldName) != nil {
            if usageCount[possible.name] == nil { suggested.append(possible) }
            usageCount[possible.name] = 1
            for interface in possible.interfaces where interface.field(fieldName) != nil {
                if usageCount[interface.name] == nil { suggested.append(interface) }
                usageCount[interface.name, default: 0] += 1
            }
        }
        return javaScriptSort(suggested) { a, b in
            let countDifference = (usageCount[b.name] ?? 0) - (usageCount[a.name] ?? 0)
            if countDifference != 0 { return countDifference }
            if a is InterfaceType && schema.isSubType(a, b) { return -1 }
            if b is InterfaceType && schema.isSubType(b, a) { return 1 }
            return naturalCompare(a.name, b.name)
        }.map(\.name)
    }

    /// Fields of an object or interface parent with names close to the one asked for.
    private func suggestedFieldNames(_ parent: NamedType, _ fieldName: String) -> [String] {
        guard let container = parent as? FieldsContainer else { return [] }
        return suggestionList(fieldName, container.fields.map(\.name))
    }
}
