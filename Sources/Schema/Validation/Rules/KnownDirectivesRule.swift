/// Directives Are Defined and Directives Are In Valid Locations (spec 5.7.1, 5.7.2): every
/// directive used must be defined (by the schema or the document) and allowed where it is applied.
public final class KnownDirectivesRule: ValidationRule {
    public static let name = "KnownDirectivesRule"
    public let context: ValidationContext
    private let directives: DirectiveLookup
    public init(context: ValidationContext) {
        self.context = context
        directives = DirectiveLookup(context: context)
    }

    public func enter(directive: Directive) {
        let name = directive.name.value
        guard directives.isKnown(name) else {
            report("Unknown directive \"@\(name)\".", at: [directive.loc])
            return
        }
        if let location = context.directiveLocation, directives.allows(name, on: location) == false {
            report("Directive \"@\(name)\" may not be used on \(location.rawValue).", at: [directive.loc])
        }
    }
}
