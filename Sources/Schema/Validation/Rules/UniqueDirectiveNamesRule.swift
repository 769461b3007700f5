/// Directive definitions (spec 3.13): directive names are unique, within the document and
/// against an existing schema.
public final class UniqueDirectiveNamesRule: ValidationRule {
    public static let name = "UniqueDirectiveNamesRule"
    public let context: ValidationContext
    private var known: [String: Location] = [:]
    public init(context: ValidationContext) { self.context = context }

    public func enter(directiveDefinition: DirectiveDefinition) {
        let name = directiveDefinition.name
        if context.schema?.directive(named: name.value) != nil {
            report("Directive \"@\(name.value)\" already exists in the schema. It cannot be redefined.", at: [name.loc])
            return
        }
        if let first = known[name.value] {
            report("There can be only one directive named \"@\(name.value)\".", at: [first, name.loc])
        } else {
            known[name.value] = name.loc
        }
    }
}
