/// Not part of the spec's rules (section 4 allows disabling introspection): rejects any field
/// whose type is an introspection type, i.e. `__schema`, `__type` and everything below them.
/// `__typename` stays allowed.
public final class NoSchemaIntrospectionCustomRule: ValidationRule {
    public static let name = "NoSchemaIntrospectionCustomRule"
    public let context: ValidationContext
    public init(context: ValidationContext) { self.context = context }

    public func enter(field: Field) {
        guard let type = context.type?.namedType, IntrospectionTypes.isIntrospectionTypeName(type.name) else { return }
        report("GraphQL introspection has been disabled, but the requested query contained the field \"\(field.name.value)\".",
               at: [field.loc])
    }
}
