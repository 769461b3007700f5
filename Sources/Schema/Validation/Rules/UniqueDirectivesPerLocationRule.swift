/// Directives Are Unique Per Location (spec 5.7.3): a non-repeatable directive may appear only
/// once on a node. For schema and type definitions the location spans the definition and all its
/// extensions in the document.
public final class UniqueDirectivesPerLocationRule: ValidationRule {
    public static let name = "UniqueDirectivesPerLocationRule"
    public let context: ValidationContext
    private let lookup: DirectiveLookup
    private var schemaDirectives: [String: Location] = [:]
    private var typeDirectives: [String: [String: Location]] = [:]
    /// The type definition or extension being visited.
    private var currentTypeName: String?

    public init(context: ValidationContext) {
        self.context = context
        lookup = DirectiveLookup(context: context)
    }

    public func enter(typeDefinition: TypeDefinition) { currentTypeName = typeDefinition.name.value }
    public func enter(typeExtension: TypeExtension) { currentTypeName = typeExtension.definition.name.value }

    public func enter(directives: [Directive], on location: DirectiveLocation) {
        switch location {
        case .schema:
            check(directives, seen: &schemaDirectives)
        case .scalar, .object, .interface, .union, .enum, .inputObject:
            let typeName = currentTypeName ?? ""
            var seen = typeDirectives[typeName] ?? [:]
            check(directives, seen: &seen)
            typeDirectives[typeName] = seen
        default:
            var seen: [String: Location] = [:]
            check(directives, seen: &seen)
        }
    }

    private func check(_ directives: [Directive], seen: inout [String: Location]) {
        for directive in directives {
            let name = directive.name.value
            guard lookup.isUnique(name) == true else { continue }
            if let first = seen[name] {
                report("The directive \"@\(name)\" can only be used once at this location.", at: [first, directive.loc])
            } else {
                seen[name] = directive.loc
            }
        }
    }
}
