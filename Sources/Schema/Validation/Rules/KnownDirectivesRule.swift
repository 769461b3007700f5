/// Directives Are Defined and Directives Are In Valid Locations (spec 5.7.1, 5.7.2): every
/// directive used must be defined (by the schema or the document) and allowed where it is applied.
public final class KnownDirectivesRule: ValidationRule {
    public static let name = "KnownDirectivesRule"
    public let context: ValidationContext
    private let known: [String: DirectiveSignature]
    public init(context: ValidationContext) {
        self.context = context
        known = DirectiveSignature.known(in: context)
    }

    public func enter(directive: Directive) {
        let name = directive.name.value
        guard let signature = known[name] else {
            report("Unknown directive \"@\(name)\".", at: [directive.loc])
            return
        }
        if let location = context.directiveLocation, !signature.locations.contains(location) {
            report("Directive \"@\(name)\" may not be used on \(location.rawValue).", at: [directive.loc])
        }
    }
}
