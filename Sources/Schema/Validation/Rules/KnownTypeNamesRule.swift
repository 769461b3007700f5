/// Fragment Spread Type Existence (spec 5.5.1.2), and likewise for variable types (5.8) and the
/// type references of type-system definitions (3): every named type referenced must exist in the
/// schema or be defined in the document. SDL may also use the built-in scalars and introspection types.
public final class KnownTypeNamesRule: ValidationRule {
    public static let name = "KnownTypeNamesRule"
    public let context: ValidationContext
    /// Types defined in the document itself (SDL).
    private let documentTypeNames: Set<String>
    /// Whether the definition being visited is a type-system definition or extension.
    private var inSDL = false

    /// Built-in scalars and introspection types, which SDL may reference without defining.
    static let standardTypeNames: [String] =
        ScalarType.specifiedScalars.map(\.name) + IntrospectionTypes.types.map(\.name)

    public init(context: ValidationContext) {
        self.context = context
        var names: Set<String> = []
        for case .type(let type) in context.document.definitions { names.insert(type.name.value) }
        documentTypeNames = names
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
        if context.schema?.type(named: name) != nil || documentTypeNames.contains(name) { return }
        if inSDL && Self.standardTypeNames.contains(name) { return }
        var knownNames = context.schema?.types.map(\.name) ?? []
        knownNames += documentTypeNames.sorted()
        let candidates = inSDL ? Self.standardTypeNames + knownNames : knownNames
        report("Unknown type \"\(name)\"." + didYouMean(suggestionList(name, candidates)), at: [namedType.loc])
    }
}
