/// Type extensions (spec 3.4.3): an extension must extend a type that exists (in the document or
/// the schema) and is of the same kind.
public final class PossibleTypeExtensionsRule: ValidationRule {
    public static let name = "PossibleTypeExtensionsRule"
    public let context: ValidationContext
    /// Type definitions in the document by name (the last one wins, as in graphql-js).
    private var definedTypes: [String: TypeDefinition] = [:]
    private var definedNames: [String] = []

    public init(context: ValidationContext) {
        self.context = context
        for case .type(let type) in context.document.definitions {
            if definedTypes[type.name.value] == nil { definedNames.append(type.name.value) }
            definedTypes[type.name.value] = type
        }
    }

    public func enter(typeExtension: TypeExtension) {
        let ext = typeExtension.definition
        let typeName = ext.name.value
        let expectedKind: TypeDefinitionKind?
        let definition = definedTypes[typeName]
        if let definition {
            expectedKind = definition.kind
        } else if let existing = context.schema?.type(named: typeName) {
            expectedKind = Self.definitionKind(of: existing)
        } else {
            expectedKind = nil
        }
        if let expectedKind {
            if expectedKind != ext.kind {
                let locations = definition.map { [$0.loc, typeExtension.loc] } ?? [typeExtension.loc]
                report("Cannot extend non-\(Self.kindName(ext.kind)) type \"\(typeName)\".", at: locations)
            }
        } else {
            var candidates = definedNames
            if let schema = context.schema { candidates += schema.types.map(\.name) }
            report("Cannot extend type \"\(typeName)\" because it is not defined."
                       + didYouMean(suggestionList(typeName, candidates)), at: [ext.name.loc])
        }
    }

    private static func definitionKind(of type: NamedType) -> TypeDefinitionKind {
        switch type.kind {
        case .scalar: .scalar
        case .object: .object
        case .interface: .interface
        case .union: .union
        case .enum: .enum
        case .inputObject, .list, .nonNull: .inputObject
        }
    }

    private static func kindName(_ kind: TypeDefinitionKind) -> String {
        switch kind {
        case .scalar: "scalar"
        case .object: "object"
        case .interface: "interface"
        case .union: "union"
        case .enum: "enum"
        case .inputObject: "input object"
        }
    }
}
