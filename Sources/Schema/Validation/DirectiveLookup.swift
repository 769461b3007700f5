/// The directives a validation run knows: those defined in the document itself, then the
/// schema's (or, for SDL validated without a schema, the specified ones). Lookups need no
/// per-run copies of the schema's directives.
struct DirectiveLookup {
    private let schemaDirectives: [String: DirectiveType]
    private let documentDirectives: [String: DirectiveDefinition]

    private static let specifiedDirectives: [String: DirectiveType] =
        Dictionary(DirectiveType.specifiedDirectives.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })

    init(context: ValidationContext) {
        schemaDirectives = context.schema?.directiveMap ?? Self.specifiedDirectives
        var defined: [String: DirectiveDefinition] = [:]
        for case .directive(let definition) in context.document.definitions {
            defined[definition.name.value] = definition
        }
        documentDirectives = defined
    }

    func isKnown(_ name: String) -> Bool {
        documentDirectives[name] != nil || schemaDirectives[name] != nil
    }

    /// Whether the directive may be applied at `location`; nil when the directive is unknown.
    func allows(_ name: String, on location: DirectiveLocation) -> Bool? {
        if let definition = documentDirectives[name] {
            return definition.locations.contains { $0.value == location.rawValue }
        }
        return schemaDirectives[name].map { $0.locations.contains(location) }
    }

    /// The directive's argument names in definition order; nil when the directive is unknown.
    func argumentNames(_ name: String) -> [String]? {
        if let definition = documentDirectives[name] { return definition.arguments.map(\.name.value) }
        return schemaDirectives[name].map { $0.arguments.map(\.name) }
    }

    /// Whether the directive may appear only once per location; nil when it is unknown.
    func isUnique(_ name: String) -> Bool? {
        if let definition = documentDirectives[name] { return !definition.repeatable }
        return schemaDirectives[name].map { !$0.isRepeatable }
    }
}
