/// Reports uses of deprecated schema elements: fields, field and directive arguments, input
/// object fields and enum values (graphql-js `NoDeprecatedCustomRule`; optional, not part of
/// `specifiedRules`). Backs the `@deprecated` directive of spec 3.13.3.
public final class NoDeprecatedCustomRule: ValidationRule {
    public static let name = "NoDeprecatedCustomRule"
    public let context: ValidationContext

    public init(context: ValidationContext) { self.context = context }

    public func enter(field: Field) {
        guard let definition = context.fieldDef, let reason = definition.deprecationReason,
              let parent = context.parentType else { return }
        report("The field \(parent.name).\(definition.name) is deprecated. \(reason)", at: [field.loc])
    }

    public func enter(argument: Argument) {
        guard let definition = context.argument, let reason = definition.deprecationReason else { return }
        if let directive = context.directive {
            report("Directive \"@\(directive.name)\" argument \"\(definition.name)\" is deprecated. \(reason)",
                   at: [argument.loc])
        } else if let parent = context.parentType, let field = context.fieldDef {
            report("Field \"\(parent.name).\(field.name)\" argument \"\(definition.name)\" is deprecated. \(reason)",
                   at: [argument.loc])
        }
    }

    public func enter(objectField: ObjectField) {
        guard let inputObject = context.parentInputType?.namedType as? InputObjectType,
              let definition = inputObject.field(objectField.name.value),
              let reason = definition.deprecationReason else { return }
        report("The input field \(inputObject.name).\(definition.name) is deprecated. \(reason)", at: [objectField.loc])
    }

    public func enter(value: ValueNode) {
        guard case .enumValue = value, let definition = context.enumValue, let reason = definition.deprecationReason,
              let enumType = context.inputType?.namedType else { return }
        report("The enum value \"\(enumType.name).\(definition.name)\" is deprecated. \(reason)", at: [value.loc])
    }
}
