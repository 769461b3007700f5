/// All variable usages are allowed (spec 5.8.5): a variable's type must fit every position it is
/// used in. A nullable variable may fill a non-null position only if the variable or the
/// position has a (non-null) default; lists compare item types. A variable filling a field of a
/// `@oneOf` input object must be non-null.
public final class VariablesInAllowedPositionRule: ValidationRule {
    public static let name = "VariablesInAllowedPositionRule"
    public let context: ValidationContext

    public init(context: ValidationContext) { self.context = context }

    public func leave(operation: OperationDefinition) {
        guard let schema = context.schema else { return }
        var definitions: [String: VariableDefinition] = [:]
        for definition in operation.variableDefinitions { definitions[definition.variable.name.value] = definition }

        for usage in context.recursiveVariableUsages(of: operation) {
            let name = usage.node.name.value
            guard let definition = definitions[name], let locationType = usage.type,
                  let variableType = typeFromAST(schema, definition.type) else { continue }
            if !Self.allowedUsage(schema, variableType, definition.defaultValue, locationType, usage.defaultValue) {
                report("Variable \"$\(name)\" of type \"\(variableType)\" used in position expecting type "
                       + "\"\(locationType)\".", at: [definition.loc, usage.node.loc])
            }
            if case .named(let parent)? = usage.parentType, let inputObject = parent as? InputObjectType,
               inputObject.isOneOf, !variableType.isNonNull {
                report("Variable \"$\(name)\" is of type \"\(variableType)\" but must be non-nullable to be used "
                       + "for OneOf Input Object \"\(inputObject.name)\".", at: [definition.loc, usage.node.loc])
            }
        }
    }

    /// Whether a variable of `variableType` may be used where `locationType` is expected.
    static func allowedUsage(_ schema: GraphQLSchema, _ variableType: GraphQLType, _ variableDefault: ValueNode?,
                             _ locationType: GraphQLType, _ locationDefault: ValueNode?) -> Bool {
        if case .nonNull(let nullableLocation) = locationType, !variableType.isNonNull {
            var hasNonNullVariableDefault = false
            if let variableDefault, !Self.isNull(variableDefault) { hasNonNullVariableDefault = true }
            if !hasNonNullVariableDefault && locationDefault == nil { return false }
            return isTypeSubType(schema, variableType, of: nullableLocation)
        }
        return isTypeSubType(schema, variableType, of: locationType)
    }

    private static func isNull(_ value: ValueNode) -> Bool {
        if case .null = value { return true }
        return false
    }
}

/// Whether `maybeSub` may be used where `superType` is expected: equal types, a non-null form of
/// it, lists of subtypes, or an object / interface type within an abstract type.
func isTypeSubType(_ schema: GraphQLSchema, _ maybeSub: GraphQLType, of superType: GraphQLType) -> Bool {
    if maybeSub == superType { return true }
    if case .nonNull(let superInner) = superType {
        if case .nonNull(let subInner) = maybeSub { return isTypeSubType(schema, subInner, of: superInner) }
        return false
    }
    if case .nonNull(let subInner) = maybeSub { return isTypeSubType(schema, subInner, of: superType) }
    if case .list(let superInner) = superType {
        if case .list(let subInner) = maybeSub { return isTypeSubType(schema, subInner, of: superInner) }
        return false
    }
    if case .list = maybeSub { return false }
    guard case .named(let superNamed) = superType, case .named(let subNamed) = maybeSub else { return false }
    return superNamed.isAbstractType && (subNamed.kind == .interface || subNamed.kind == .object)
        && schema.isSubType(superNamed, subNamed)
}
