/// The directives every schema has (spec 3.13): `@skip`, `@include`, `@deprecated`,
/// `@specifiedBy` and `@oneOf`. A schema that defines a directive of the same name replaces it.
extension DirectiveType {
    /// The reason `@deprecated` gives when none is written.
    public static let defaultDeprecationReason = "No longer supported"

    /// `@include(if: Boolean!)`: keep the selection only when `if` is true.
    public static let include = DirectiveType(
        name: "include",
        description: "Keeps this field or fragment in the result only when the `if` argument is true.",
        locations: [.field, .fragmentSpread, .inlineFragment],
        arguments: [InputValue(name: "if", description: "Included when true.", type: .nonNull(.named(ScalarType.boolean)))])

    /// `@skip(if: Boolean!)`: drop the selection when `if` is true.
    public static let skip = DirectiveType(
        name: "skip",
        description: "Leaves this field or fragment out of the result when the `if` argument is true.",
        locations: [.field, .fragmentSpread, .inlineFragment],
        arguments: [InputValue(name: "if", description: "Skipped when true.", type: .nonNull(.named(ScalarType.boolean)))])

    /// `@deprecated(reason: String = "No longer supported")`.
    public static let deprecated = DirectiveType(
        name: "deprecated",
        description: "Marks a part of the schema as no longer supported, with the reason why.",
        locations: [.fieldDefinition, .argumentDefinition, .inputFieldDefinition, .enumValue],
        arguments: [InputValue(
            name: "reason",
            description: "Why it is deprecated and what to use instead, in Markdown.",
            type: .named(ScalarType.string),
            defaultValue: .string(defaultDeprecationReason, block: false, .none))])

    /// `@specifiedBy(url: String!)`: where a custom scalar's behaviour is specified.
    public static let specifiedBy = DirectiveType(
        name: "specifiedBy",
        description: "Gives the address of a document specifying how a custom scalar behaves.",
        locations: [.scalar],
        arguments: [InputValue(name: "url", description: "The address of the specification.",
                               type: .nonNull(.named(ScalarType.string)))])

    /// `@oneOf`: an input object of which exactly one field must be given, and not as null.
    public static let oneOf = DirectiveType(
        name: "oneOf",
        description: "Requires exactly one field of this input object to be given, with a non-null value.",
        locations: [.inputObject])

    /// The specified directives, in the order the reference implementation lists them.
    public static let specifiedDirectives: [DirectiveType] = [.include, .skip, .deprecated, .specifiedBy, .oneOf]

    /// Whether this is one of the specified directives (identity, not name).
    public var isSpecifiedDirective: Bool {
        DirectiveType.specifiedDirectives.contains { $0 === self }
    }
}
