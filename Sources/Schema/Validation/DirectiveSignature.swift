/// What SDL and executable validation need to know of a directive — locations, argument names,
/// repeatability — whether it comes from the schema or from a definition in the document.
struct DirectiveSignature {
    let name: String
    let locations: [DirectiveLocation]
    let argumentNames: [String]
    let isRepeatable: Bool

    init(name: String, locations: [DirectiveLocation], argumentNames: [String], isRepeatable: Bool = false) {
        self.name = name
        self.locations = locations
        self.argumentNames = argumentNames
        self.isRepeatable = isRepeatable
    }

    init(_ directive: DirectiveType) {
        self.init(name: directive.name, locations: directive.locations,
                  argumentNames: directive.arguments.map(\.name), isRepeatable: directive.isRepeatable)
    }

    init(_ definition: DirectiveDefinition) {
        self.init(name: definition.name.value,
                  locations: definition.locations.compactMap { DirectiveLocation(rawValue: $0.value) },
                  argumentNames: definition.arguments.map(\.name.value), isRepeatable: definition.repeatable)
    }

    /// The directives known to a validation run: the schema's (or the specified ones without a
    /// schema), overridden by directive definitions in the document itself.
    static func known(in context: ValidationContext) -> [String: DirectiveSignature] {
        var map: [String: DirectiveSignature] = [:]
        if let schema = context.schema {
            for directive in schema.directives { map[directive.name] = DirectiveSignature(directive) }
        } else {
            for directive in DirectiveType.specifiedDirectives { map[directive.name] = DirectiveSignature(directive) }
        }
        for case .directive(let definition) in context.document.definitions {
            map[definition.name.value] = DirectiveSignature(definition)
        }
        return map
    }
}
