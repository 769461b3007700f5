/// Names, locations, argument names and repeatability of the directives every schema defines
/// (`@skip`, `@include`, `@deprecated`, `@specifiedBy`, `@oneOf`), for SDL validation when there
/// is no schema to ask.
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

    static let specified: [DirectiveSignature] = [
        DirectiveSignature(name: "include", locations: [.field, .fragmentSpread, .inlineFragment],
                           argumentNames: ["if"]),
        DirectiveSignature(name: "skip", locations: [.field, .fragmentSpread, .inlineFragment],
                           argumentNames: ["if"]),
        DirectiveSignature(name: "deprecated",
                           locations: [.fieldDefinition, .argumentDefinition, .inputFieldDefinition, .enumValue],
                           argumentNames: ["reason"]),
        DirectiveSignature(name: "specifiedBy", locations: [.scalar], argumentNames: ["url"]),
        DirectiveSignature(name: "oneOf", locations: [.inputObject], argumentNames: []),
    ]

    /// The directives known to a validation run: the schema's (or the specified ones without a
    /// schema), overridden by directive definitions in the document itself.
    static func known(in context: ValidationContext) -> [String: DirectiveSignature] {
        var map: [String: DirectiveSignature] = [:]
        if let schema = context.schema {
            for directive in schema.directives { map[directive.name] = DirectiveSignature(directive) }
        } else {
            for signature in specified { map[signature.name] = signature }
        }
        for case .directive(let definition) in context.document.definitions {
            map[definition.name.value] = DirectiveSignature(definition)
        }
        return map
    }
}
