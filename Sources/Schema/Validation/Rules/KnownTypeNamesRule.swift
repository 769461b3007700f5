/// Fragment Spread Type Existence (spec 5.5.1.2) and Variables Are Input Types' premise (5.8.2):
/// every named type referenced (variable types, type conditions, and in SDL every type
/// reference) must exist in the schema or be defined in the document.
public final class KnownTypeNamesRule: ValidationRule {
    public static let name = "KnownTypeNamesRule"
    public let context: ValidationContext
    private let typeNames: Set<String>
    /// Whether the definition being visited is a type-system definition or extension.
    private var inSDL = false

    /// Built-in scalars and introspection types, which SDL may reference without defining.
    static let standardTypeNames: [String] =
        ScalarType.specifiedScalars.map(\.name) + IntrospectionTypes.types.map(\.name)

    public init(context: ValidationContext) {
        self.context = context
        var names = Set(context.schema?.typeMap.keys.map { $0 } ?? [])
        for case .type(let type) in context.document.definitions { names.insert(type.name.value) }
        typeNames = names
    }

    public func enter(operation: OperationDefinition) { inSDL = false }
    public func enter(fragmentDefinition: FragmentDefinition) { inSDL = false }
    public func enter(schemaDefinition: SchemaDefinition) { inSDL = true }
    public func enter(schemaExtension: SchemaExtension) { inSDL = true }
    public func enter(typeDefinition: TypeDefinition) { inSDL = true }
    public func enter(typeExtension: TypeExtension) { inSDL = true }
    public func enter(directiveDefinition: DirectiveDefinition) { inSDL = true }

    public func enter(namedType: NamedTypeNode) {
        let name = namedType.name.value
        if typeNames.contains(name) { return }
        if inSDL && Self.standardTypeNames.contains(name) { return }
        let candidates = inSDL ? Self.standardTypeNames + typeNames.sorted() : typeNames.sorted()
        report("Unknown type \"\(name)\"." + didYouMean(suggestionList(name, candidates)), at: [namedType.loc])
    }
}
