/// Field Arguments and Directive definitions (spec 3.6.1, 3.13): argument names are unique
/// within a field definition or directive definition.
public final class UniqueArgumentDefinitionNamesRule: ValidationRule {
    public static let name = "UniqueArgumentDefinitionNamesRule"
    public let context: ValidationContext
    public init(context: ValidationContext) { self.context = context }

    public func enter(directiveDefinition: DirectiveDefinition) {
        check("@\(directiveDefinition.name.value)", directiveDefinition.arguments)
    }

    public func enter(typeDefinition: TypeDefinition) { checkFields(typeDefinition) }
    public func enter(typeExtension: TypeExtension) { checkFields(typeExtension.definition) }

    private func checkFields(_ type: TypeDefinition) {
        guard type.kind == .object || type.kind == .interface else { return }
        for field in type.fields { check("\(type.name.value).\(field.name.value)", field.arguments) }
    }

    private func check(_ parentName: String, _ arguments: [InputValueDefinitionNode]) {
        if arguments.count < 2 { return }
        for (name, locations) in groupedByName(arguments.map { ($0.name.value, $0.name.loc) }) where locations.count > 1 {
            report("Argument \"\(parentName)(\(name):)\" can only be defined once.", at: locations)
        }
    }
}
