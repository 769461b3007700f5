/// The introspection types of spec section 4.2 (`__Schema`, `__Type`, …) as one shared set of
/// linked type objects, part of every schema's type map. Only their shape lives here; the
/// resolvers that answer introspection queries belong to execution.
public enum IntrospectionTypes {
    public static var schema: ObjectType { all.schema }
    public static var type: ObjectType { all.type }
    public static var field: ObjectType { all.field }
    public static var inputValue: ObjectType { all.inputValue }
    public static var enumValue: ObjectType { all.enumValue }
    public static var directive: ObjectType { all.directive }
    public static var typeKind: EnumType { all.typeKind }
    public static var directiveLocation: EnumType { all.directiveLocation }

    /// The eight introspection types.
    public static var types: [NamedType] { all.list }

    /// Whether `name` is the name of an introspection type.
    public static func isIntrospectionTypeName(_ name: String) -> Bool { all.byName[name] != nil }

    /// The introspection type of that name.
    public static func type(named name: String) -> NamedType? { all.byName[name] }

    /// Whether `type` is one of the shared introspection type objects.
    public static func isIntrospectionType(_ type: NamedType) -> Bool { all.byName[type.name] === type }

    private static let all = Catalog()

    private struct Catalog: @unchecked Sendable {
        let schema = ObjectType(name: "__Schema", description: """
            A GraphQL service's schema as seen by introspection: its types, root operation types and directives.
            """)
        let type = ObjectType(name: "__Type", description: """
            One type of the schema, or a list / non-null wrapper around one. Which fields are set depends on `kind`: \
            objects and interfaces have fields and interfaces, abstract types have possible types, enums have \
            values, input objects have input fields, scalars may have a specifiedByURL, and wrappers have ofType.
            """)
        let field = ObjectType(name: "__Field", description: """
            A field of an object or interface type, with its arguments and result type.
            """)
        let inputValue = ObjectType(name: "__InputValue", description: """
            An argument of a field or directive, or a field of an input object, with its type and default value.
            """)
        let enumValue = ObjectType(name: "__EnumValue", description: """
            One value of an enum type. Enum values are serialised as their name.
            """)
        let directive = ObjectType(name: "__Directive", description: """
            A directive the schema supports: where it may be used and which arguments it takes. Directives \
            change how a document is validated or executed, e.g. to skip a field conditionally.
            """)
        let typeKind = EnumType(name: "__TypeKind", description: "The kinds of type `__Type` can describe.")
        let directiveLocation = EnumType(name: "__DirectiveLocation", description: """
            The places in a document or schema where a directive may appear.
            """)
        let list: [NamedType]
        let byName: [String: NamedType]

        init() {
            let string = GraphQLType.named(ScalarType.string)
            let boolean = GraphQLType.named(ScalarType.boolean)
            func nonNull(_ t: NamedType) -> GraphQLType { .nonNull(.named(t)) }
            func listOf(_ t: NamedType) -> GraphQLType { .list(.nonNull(.named(t))) }
            func includeDeprecated() -> InputValue {
                InputValue(name: "includeDeprecated", type: boolean, defaultValue: .boolean(false, .none))
            }

            schema.setFields([
                FieldDefinition(name: "description", type: string),
                FieldDefinition(name: "types", description: "Every type of the schema.", type: .nonNull(listOf(type))),
                FieldDefinition(name: "queryType", description: "The root type of query operations.",
                                type: nonNull(type)),
                FieldDefinition(name: "mutationType", description: "The root type of mutations, if the schema has one.",
                                type: .named(type)),
                FieldDefinition(name: "subscriptionType",
                                description: "The root type of subscriptions, if the schema has one.",
                                type: .named(type)),
                FieldDefinition(name: "directives", description: "Every directive the schema supports.",
                                type: .nonNull(listOf(directive))),
            ])
            type.setFields([
                FieldDefinition(name: "kind", type: nonNull(typeKind)),
                FieldDefinition(name: "name", type: string),
                FieldDefinition(name: "description", type: string),
                FieldDefinition(name: "specifiedByURL", type: string),
                FieldDefinition(name: "fields", arguments: [includeDeprecated()], type: listOf(field)),
                FieldDefinition(name: "interfaces", type: listOf(type)),
                FieldDefinition(name: "possibleTypes", type: listOf(type)),
                FieldDefinition(name: "enumValues", arguments: [includeDeprecated()], type: listOf(enumValue)),
                FieldDefinition(name: "inputFields", arguments: [includeDeprecated()], type: listOf(inputValue)),
                FieldDefinition(name: "ofType", type: .named(type)),
                FieldDefinition(name: "isOneOf", type: boolean),
            ])
            field.setFields([
                FieldDefinition(name: "name", type: .nonNull(string)),
                FieldDefinition(name: "description", type: string),
                FieldDefinition(name: "args", arguments: [includeDeprecated()], type: .nonNull(listOf(inputValue))),
                FieldDefinition(name: "type", type: nonNull(type)),
                FieldDefinition(name: "isDeprecated", type: .nonNull(boolean)),
                FieldDefinition(name: "deprecationReason", type: string),
            ])
            inputValue.setFields([
                FieldDefinition(name: "name", type: .nonNull(string)),
                FieldDefinition(name: "description", type: string),
                FieldDefinition(name: "type", type: nonNull(type)),
                FieldDefinition(name: "defaultValue",
                                description: "The default value, printed as a GraphQL literal, if there is one.",
                                type: string),
                FieldDefinition(name: "isDeprecated", type: .nonNull(boolean)),
                FieldDefinition(name: "deprecationReason", type: string),
            ])
            enumValue.setFields([
                FieldDefinition(name: "name", type: .nonNull(string)),
                FieldDefinition(name: "description", type: string),
                FieldDefinition(name: "isDeprecated", type: .nonNull(boolean)),
                FieldDefinition(name: "deprecationReason", type: string),
            ])
            directive.setFields([
                FieldDefinition(name: "name", type: .nonNull(string)),
                FieldDefinition(name: "description", type: string),
                FieldDefinition(name: "isRepeatable", type: .nonNull(boolean)),
                FieldDefinition(name: "locations", type: .nonNull(listOf(directiveLocation))),
                FieldDefinition(name: "args", arguments: [includeDeprecated()], type: .nonNull(listOf(inputValue))),
            ])
            typeKind.setValues([
                EnumValue(name: "SCALAR", description: "A scalar type."),
                EnumValue(name: "OBJECT", description: "An object type: `fields` and `interfaces` are set."),
                EnumValue(name: "INTERFACE",
                          description: "An interface type: `fields`, `interfaces` and `possibleTypes` are set."),
                EnumValue(name: "UNION", description: "A union type: `possibleTypes` is set."),
                EnumValue(name: "ENUM", description: "An enum type: `enumValues` is set."),
                EnumValue(name: "INPUT_OBJECT", description: "An input object type: `inputFields` is set."),
                EnumValue(name: "LIST", description: "A list wrapper: `ofType` is set."),
                EnumValue(name: "NON_NULL", description: "A non-null wrapper: `ofType` is set."),
            ])
            directiveLocation.setValues(DirectiveLocation.allCases.map { location in
                EnumValue(name: location.rawValue, description: Self.locationDescription(location))
            })
            list = [schema, type, field, inputValue, enumValue, directive, typeKind, directiveLocation]
            byName = Dictionary(uniqueKeysWithValues: list.map { ($0.name, $0) })
        }

        static func locationDescription(_ location: DirectiveLocation) -> String {
            switch location {
            case .query: "On a query operation."
            case .mutation: "On a mutation operation."
            case .subscription: "On a subscription operation."
            case .field: "On a field selection."
            case .fragmentDefinition: "On a fragment definition."
            case .fragmentSpread: "On a fragment spread."
            case .inlineFragment: "On an inline fragment."
            case .variableDefinition: "On a variable definition."
            case .schema: "On the schema definition."
            case .scalar: "On a scalar definition."
            case .object: "On an object type definition."
            case .fieldDefinition: "On a field definition."
            case .argumentDefinition: "On an argument definition."
            case .interface: "On an interface definition."
            case .union: "On a union definition."
            case .enum: "On an enum definition."
            case .enumValue: "On an enum value definition."
            case .inputObject: "On an input object type definition."
            case .inputFieldDefinition: "On an input object field definition."
            }
        }
    }
}

/// The meta-fields every query can select (spec 4.1–4.2): `__schema` and `__type` on the query
/// root type, `__typename` on any composite type. They are not listed among a type's fields.
public enum IntrospectionFields {
    /// `__schema: __Schema!`
    public static let schema = FieldDefinition(
        name: "__schema", description: "Describes the schema this service exposes.",
        type: .nonNull(.named(IntrospectionTypes.schema)))

    /// `__type(name: String!): __Type`
    public static let type = FieldDefinition(
        name: "__type", description: "Describes the named type, or null when there is no such type.",
        arguments: [InputValue(name: "name", type: .nonNull(.named(ScalarType.string)))],
        type: .named(IntrospectionTypes.type))

    /// `__typename: String!`
    public static let typename = FieldDefinition(
        name: "__typename", description: "The name of the object type being resolved.",
        type: .nonNull(.named(ScalarType.string)))
}
