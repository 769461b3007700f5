/// Resolvers of the introspection system (spec 4): the meta-fields `__schema`, `__type(name:)`
/// and `__typename`, and every field of `__Schema`, `__Type`, `__Field`, `__InputValue`,
/// `__EnumValue` and `__Directive`, read straight from the linked schema objects.

/// The source of an introspection object.
public enum IntrospectionSource: Sendable {
    case schema(GraphQLSchema)
    case type(GraphQLType)
    case field(FieldDefinition)
    case inputValue(InputValue)
    case enumValue(EnumValue)
    case directive(DirectiveType)
}

/// Definitions of the meta-fields, which no type declares.
enum Introspection {
    static func stringType(_ schema: GraphQLSchema) -> NamedType {
        schema.type(named: "String") ?? ScalarType.string
    }

    static let typenameField = FieldDefinition(
        name: "__typename", description: "The name of the current Object type at runtime.",
        type: .nonNull(.named(ScalarType.string)))

    static func schemaField(_ schema: GraphQLSchema) -> FieldDefinition {
        let type: GraphQLType = schema.type(named: "__Schema").map { .nonNull(.named($0)) } ?? .named(stringType(schema))
        return FieldDefinition(name: "__schema", description: "Access the current type schema of this server.", type: type)
    }

    static func typeField(_ schema: GraphQLSchema) -> FieldDefinition {
        let type: GraphQLType = schema.type(named: "__Type").map { .named($0) } ?? .named(stringType(schema))
        return FieldDefinition(name: "__type", description: "Request the type information of a single type.",
                               arguments: [InputValue(name: "name", type: .nonNull(.named(stringType(schema))))],
                               type: type)
    }
}

private func string(_ s: String?) -> Resolved { s.map { .value(.string($0)) } ?? .null }

private func includeDeprecated(_ args: ObjectValue) -> Bool {
    if case .bool(let b)? = args["includeDeprecated"] { return b }
    return false
}

private func typeList(_ types: [NamedType]) -> Resolved {
    .list(types.map { .object(IntrospectionSource.type(.named($0))) })
}

private func inputValues(_ values: [InputValue], _ args: ObjectValue) -> Resolved {
    let all = includeDeprecated(args)
    return .list(values.compactMap { all || !$0.isDeprecated ? .object(IntrospectionSource.inputValue($0)) : nil })
}

/// One field of an introspection object.
func resolveIntrospectionField(_ name: String, of source: IntrospectionSource, arguments args: ObjectValue,
                               schema: GraphQLSchema) -> Resolved {
    switch source {
    case .schema(let s):
        switch name {
        case "description": return string(s.description)
        case "types": return typeList(s.types)
        case "queryType": return s.queryType.map { .object(IntrospectionSource.type(.named($0))) } ?? .null
        case "mutationType": return s.mutationType.map { .object(IntrospectionSource.type(.named($0))) } ?? .null
        case "subscriptionType": return s.subscriptionType.map { .object(IntrospectionSource.type(.named($0))) } ?? .null
        case "directives": return .list(s.directives.map { .object(IntrospectionSource.directive($0)) })
        default: return .null
        }
    case .type(let t):
        return resolveTypeField(name, t, args, schema)
    case .field(let f):
        switch name {
        case "name": return .value(.string(f.name))
        case "description": return string(f.description)
        case "args": return inputValues(f.arguments, args)
        case "type": return .object(IntrospectionSource.type(f.type))
        case "isDeprecated": return .value(.bool(f.isDeprecated))
        case "deprecationReason": return string(f.deprecationReason)
        default: return .null
        }
    case .inputValue(let v):
        switch name {
        case "name": return .value(.string(v.name))
        case "description": return string(v.description)
        case "type": return .object(IntrospectionSource.type(v.type))
        case "defaultValue": return v.defaultValue.map { .value(.string(printValue($0))) } ?? .null
        case "isDeprecated": return .value(.bool(v.isDeprecated))
        case "deprecationReason": return string(v.deprecationReason)
        default: return .null
        }
    case .enumValue(let v):
        switch name {
        case "name": return .value(.string(v.name))
        case "description": return string(v.description)
        case "isDeprecated": return .value(.bool(v.isDeprecated))
        case "deprecationReason": return string(v.deprecationReason)
        default: return .null
        }
    case .directive(let d):
        switch name {
        case "name": return .value(.string(d.name))
        case "description": return string(d.description)
        case "isRepeatable": return .value(.bool(d.isRepeatable))
        case "locations": return .list(d.locations.map { .value(.enumValue($0.rawValue)) })
        case "args": return inputValues(d.arguments, args)
        default: return .null
        }
    }
}

private func resolveTypeField(_ name: String, _ type: GraphQLType, _ args: ObjectValue, _ schema: GraphQLSchema) -> Resolved {
    let named: NamedType
    switch type {
    case .list(let inner):
        switch name {
        case "kind": return .value(.enumValue(TypeKind.list.rawValue))
        case "ofType": return .object(IntrospectionSource.type(inner))
        default: return .null
        }
    case .nonNull(let inner):
        switch name {
        case "kind": return .value(.enumValue(TypeKind.nonNull.rawValue))
        case "ofType": return .object(IntrospectionSource.type(inner))
        default: return .null
        }
    case .named(let n):
        named = n
    }
    switch name {
    case "kind": return .value(.enumValue(named.kind.rawValue))
    case "name": return .value(.string(named.name))
    case "description": return string(named.description)
    case "specifiedByURL": return string((named as? ScalarType)?.specifiedByURL)
    case "fields":
        guard let c = named as? FieldsContainer else { return .null }
        let all = includeDeprecated(args)
        return .list(c.fields.compactMap {
            all || !$0.isDeprecated ? .object(IntrospectionSource.field($0)) : nil
        })
    case "interfaces":
        guard let c = named as? FieldsContainer else { return .null }
        return typeList(c.interfaces)
    case "possibleTypes":
        guard named.isAbstractType else { return .null }
        return typeList(schema.possibleTypes(of: named))
    case "enumValues":
        guard let e = named as? EnumType else { return .null }
        let all = includeDeprecated(args)
        return .list(e.values.compactMap { all || !$0.isDeprecated ? .object(IntrospectionSource.enumValue($0)) : nil })
    case "inputFields":
        guard let i = named as? InputObjectType else { return .null }
        return inputValues(i.fields, args)
    case "ofType": return .null
    case "isOneOf":
        guard let i = named as? InputObjectType else { return .null }
        return .value(.bool(i.isOneOf))
    default: return .null
    }
}
