import Testing
@testable import Schema

/// Records what the context reports at each field and variable, to check type information.
private final class TypeInfoProbe: ValidationRule {
    static let name = "TypeInfoProbe"
    let context: ValidationContext
    init(context: ValidationContext) { self.context = context }

    func enter(field: Field) {
        let parent = context.parentType?.name ?? "-"
        let type = context.type.map { "\($0)" } ?? "-"
        report("field \(field.name.value) on \(parent): \(type)", at: [field.loc])
    }

    func enter(value: ValueNode) {
        guard case .variable(let variable) = value else { return }
        let input = context.inputType.map { "\($0)" } ?? "-"
        let parentInput = context.parentInputType.map { "\($0)" } ?? "-"
        let defaultValue = context.defaultValue.map(printValue) ?? "-"
        let argument = context.argument?.name ?? "-"
        report("$\(variable.name.value) as \(input) in \(parentInput) arg \(argument) default \(defaultValue)",
               at: [variable.loc])
    }
}

/// Reports every operation's transitive fragments and variable usages.
private final class UsageProbe: ValidationRule {
    static let name = "UsageProbe"
    let context: ValidationContext
    init(context: ValidationContext) { self.context = context }

    func enter(operation: OperationDefinition) {
        let fragments = context.recursivelyReferencedFragments(of: operation).map(\.name.value)
        let usages = context.recursiveVariableUsages(of: operation).map { usage in
            "$\(usage.node.name.value):\(usage.type.map { "\($0)" } ?? "-")"
                + (usage.defaultValue.map { "=" + printValue($0) } ?? "")
        }
        report("\(operation.name?.value ?? "?") fragments \(fragments) usages \(usages)", at: [operation.loc])
    }
}

/// Reports an error for every field, to exercise the error cap.
private final class EveryFieldRule: ValidationRule {
    static let name = "EveryFieldRule"
    let context: ValidationContext
    init(context: ValidationContext) { self.context = context }
    func enter(field: Field) { report("field \(field.name.value)", at: [field.loc]) }
}

@Suite struct ValidateTests {
    @Test func validDocumentPassesAllSpecifiedRules() throws {
        let document = try parse(Source("""
            query Repo($owner: String!, $name: String!, $states: [IssueState!], $size: Int = 32) @audit {
              repository(owner: $owner, name: $name) {
                ...RepoFields
                issues(filter: {states: $states, limit: 5}) @cached(ttl: 10) {
                  number title author { login avatarUrl(size: $size) ... on Bot { owner { login } } }
                }
              }
              search(query: "graphql") { __typename ... on Issue { title } ... on User { email } }
            }
            fragment RepoFields on Repository { id name visibility owner { login } }
            """))
        #expect(validate(schema: validationTestSchema, document: document) == [])
    }

    @Test func errorsCarryCodeAndRuleName() throws {
        let document = try parse(Source("{ viewer { nope } }"))
        let errors = validate(schema: validationTestSchema, document: document)
        #expect(errors.count == 1)
        #expect(errors.first?.message == "Cannot query field \"nope\" on type \"User\".")
        #expect(errors.first?.locations == [SourceLocation(line: 1, column: 12)])
        #expect(errors.first?.extensions.map(\.0) == ["code", "rule"])
        #expect(errors.first?.extensions.map(\.1) == [.string("GRAPHQL_VALIDATION_FAILED"),
                                                    .string("FieldsOnCorrectTypeRule")])
    }

    @Test func errorCapStopsValidation() throws {
        let document = try parse(Source("{ viewer { id login email } }"))
        let errors = validate(schema: validationTestSchema, document: document, rules: [EveryFieldRule.self],
                              maxErrors: 2)
        #expect(errors.map(\.message) == [
            "field viewer", "field id", "Too many validation errors, error limit reached. Validation aborted.",
        ])
        #expect(errors.last?.locations == [])
        #expect(errors.last?.code == "GRAPHQL_VALIDATION_FAILED")
    }

    @Test func exactlyMaxErrorsIsNotAborted() throws {
        let document = try parse(Source("{ viewer { id } }"))
        let errors = validate(schema: validationTestSchema, document: document, rules: [EveryFieldRule.self],
                              maxErrors: 2)
        #expect(errors.map(\.message) == ["field viewer", "field id"])
    }

    @Test func typeInfoFollowsFieldsFragmentsAndValues() throws {
        let document = try parse(Source("""
            query Q($v: Visibility, $s: String, $l: Int, $i: ID) {
              viewer { repositories(visibility: $v) { issues(filter: {since: $s, limit: $l}) { __typename } } }
              __type(name: $s) { name }
              node(id: $i) { ... on User { login } ...F }
            }
            fragment F on Bot { owner { id } }
            """))
        let errors = validate(schema: validationTestSchema, document: document, rules: [TypeInfoProbe.self])
        #expect(errors.map(\.message) == [
            "field viewer on Query: User",
            "field repositories on User: [Repository!]!",
            "$v as Visibility in - arg visibility default -",
            "field issues on Repository: [Issue!]!",
            "$s as String in IssueFilter arg filter default -",
            "$l as Int in IssueFilter arg filter default 20",
            "field __typename on Issue: String!",
            "field __type on Query: __Type",
            "$s as String! in - arg name default -",
            "field name on __Type: String",
            "field node on Query: Node",
            "$i as ID! in - arg id default -",
            "field login on User: String!",
            "field owner on Bot: User",
            "field id on User: ID!",
        ])
    }

    @Test func unknownFieldsHaveNoTypeBelowThem() throws {
        let document = try parse(Source("{ nope { viewer { id } } }"))
        let errors = validate(schema: validationTestSchema, document: document, rules: [TypeInfoProbe.self])
        #expect(errors.map(\.message) == ["field nope on Query: -", "field viewer on -: -", "field id on -: -"])
    }

    @Test func recursiveFragmentsAndVariableUsages() throws {
        let document = try parse(Source("""
            query A($size: Int, $first: Int) { viewer { ...U } }
            query B { viewer { id } }
            fragment U on User { repositories(first: $first) { ...R } ...U }
            fragment R on Repository { owner { avatarUrl(size: $size) } ...Missing }
            """))
        let errors = validate(schema: validationTestSchema, document: document, rules: [UsageProbe.self])
        #expect(errors.map(\.message) == [
            "A fragments [\"U\", \"R\"] usages [\"$first:Int=10\", \"$size:Int=64\"]",
            "B fragments [] usages []",
        ])
    }

    @Test func everyRuleIsFoundByName() {
        for rule in specifiedRules + specifiedSDLRules {
            #expect(validationRule(named: rule.name).map { ObjectIdentifier($0) } == ObjectIdentifier(rule))
        }
        #expect(validationRule(named: "NoSuchRule") == nil)
    }

    @Test func specifiedRulesStartInGraphQLJSOrder() {
        #expect(specifiedRules.prefix(3).map { $0.name } == [
            "ExecutableDefinitionsRule", "UniqueOperationNamesRule", "LoneAnonymousOperationRule",
        ])
        #expect(specifiedSDLRules.prefix(3).map { $0.name } == [
            "LoneSchemaDefinitionRule", "UniqueOperationTypesRule", "UniqueTypeNamesRule",
        ])
    }

    @Test func validSDLPassesAllSDLRules() throws {
        let document = try parse(Source("""
            directive @owner(team: String) repeatable on OBJECT
            schema { query: Query }
            type Query @owner(team: "a") @owner { teams(first: Int = 1): [Team] }
            type Team { name: String }
            extend type Team @owner { size: Int }
            """))
        #expect(validateSDL(document) == [])
    }

    @Test func documentsBuiltInCodeValidateWithoutLocations() {
        let viewer = SelectionSet(selections: [.field(Field(name: Name("viewer"),
                                                            selectionSet: SelectionSet(selections: [.field(Field(name: Name("id")))])))])
        let document = Document(definitions: [
            .operation(OperationDefinition(operation: .query, name: Name("Same"), selectionSet: viewer)),
            .operation(OperationDefinition(operation: .query, name: Name("Same"), selectionSet: viewer)),
            .fragment(FragmentDefinition(name: Name("unused"), typeCondition: NamedTypeNode(name: Name("User")),
                                         selectionSet: SelectionSet(selections: [.field(Field(name: Name("login")))]))),
        ])
        let errors = validate(schema: validationTestSchema, document: document)
        #expect(errors.map(\.message) == [
            "There can be only one operation named \"Same\".",
            "Fragment \"unused\" is never used.",
        ])
        #expect(errors.allSatisfy { $0.locations.isEmpty })
    }
}
