/// The rules of spec section 5 that apply to executable documents, in graphql-js 17 order
/// (the order errors are reported in).
public let specifiedRules: [any ValidationRule.Type] = [
    ExecutableDefinitionsRule.self,
    UniqueOperationNamesRule.self,
    LoneAnonymousOperationRule.self,
    SingleFieldSubscriptionsRule.self,
    KnownTypeNamesRule.self,
    FragmentsOnCompositeTypesRule.self,
    VariablesAreInputTypesRule.self,
    ScalarLeafsRule.self,
    FieldsOnCorrectTypeRule.self,
    UniqueFragmentNamesRule.self,
    KnownFragmentNamesRule.self,
    NoUnusedFragmentsRule.self,
    PossibleFragmentSpreadsRule.self,
    NoFragmentCyclesRule.self,
    UniqueVariableNamesRule.self,
    NoUndefinedVariablesRule.self,
    NoUnusedVariablesRule.self,
    KnownDirectivesRule.self,
    UniqueDirectivesPerLocationRule.self,
    KnownArgumentNamesRule.self,
    UniqueArgumentNamesRule.self,
    ValuesOfCorrectTypeRule.self,
    ProvidedRequiredArgumentsRule.self,
    VariablesInAllowedPositionRule.self,
    OverlappingFieldsCanBeMergedRule.self,
    UniqueInputFieldNamesRule.self,
    MaxIntrospectionDepthRule.self,
]

/// The rules that apply to type-system documents (SDL), in graphql-js order.
public let specifiedSDLRules: [any ValidationRule.Type] = [
    LoneSchemaDefinitionRule.self,
    UniqueOperationTypesRule.self,
    UniqueTypeNamesRule.self,
    UniqueEnumValueNamesRule.self,
    UniqueFieldDefinitionNamesRule.self,
    UniqueArgumentDefinitionNamesRule.self,
    UniqueDirectiveNamesRule.self,
    KnownTypeNamesRule.self,
    KnownDirectivesRule.self,
    UniqueDirectivesPerLocationRule.self,
    PossibleTypeExtensionsRule.self,
    KnownArgumentNamesOnDirectivesRule.self,
    UniqueArgumentNamesRule.self,
    UniqueInputFieldNamesRule.self,
    ProvidedRequiredArgumentsOnDirectivesRule.self,
]

/// Every rule `validationRule(named:)` knows: the specified ones plus the optional custom rules.
private let allRules: [any ValidationRule.Type] = specifiedRules + specifiedSDLRules + [
    NoSchemaIntrospectionCustomRule.self,
    NoDeprecatedCustomRule.self,
]

private let rulesByName: [String: any ValidationRule.Type] = {
    var map: [String: any ValidationRule.Type] = [:]
    for rule in allRules where map[rule.name] == nil { map[rule.name] = rule }
    return map
}()

/// The rule with this graphql-js name (e.g. "NoUnusedFragmentsRule"), if there is one.
public func validationRule(named name: String) -> (any ValidationRule.Type)? {
    rulesByName[name]
}
