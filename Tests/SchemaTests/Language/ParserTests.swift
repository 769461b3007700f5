import Testing
@testable import Schema

private func parseError(_ text: String, options: ParseOptions = ParseOptions()) -> GraphQLError? {
    do {
        _ = try parse(Source(text), options: options)
        return nil
    } catch {
        return error
    }
}

private func named(_ name: String) -> NamedTypeNode { NamedTypeNode(name: Name(name)) }

@Suite struct ParserTests {
    // MARK: - AST shape

    @Test func queryShape() throws {
        let document = try parse(Source("""
            query Q($id: ID! = "x" @v, $n: [Int]) @op {
              alias: node(id: $id, n: [1, 2.5, "s", true, null, RED, {k: $n}]) @dir(a: 1) {
                ...Frag @s
                ... on User { name }
                ... @d { id }
              }
            }
            """))
        let expected = Document(definitions: [.operation(OperationDefinition(
            operation: .query, name: Name("Q"),
            variableDefinitions: [
                VariableDefinition(variable: Variable(name: Name("id")), type: .nonNull(.named(named("ID")), .none),
                                   defaultValue: .string("x", block: false, .none),
                                   directives: [Directive(name: Name("v"))]),
                VariableDefinition(variable: Variable(name: Name("n")), type: .list(.named(named("Int")), .none)),
            ],
            directives: [Directive(name: Name("op"))],
            selectionSet: SelectionSet(selections: [.field(Field(
                alias: Name("alias"), name: Name("node"),
                arguments: [
                    Argument(name: Name("id"), value: .variable(Variable(name: Name("id")))),
                    Argument(name: Name("n"), value: .list([
                        .int("1", .none), .float("2.5", .none), .string("s", block: false, .none),
                        .boolean(true, .none), .null(.none), .enumValue("RED", .none),
                        .object([ObjectField(name: Name("k"), value: .variable(Variable(name: Name("n"))))], .none),
                    ], .none)),
                ],
                directives: [Directive(name: Name("dir"), arguments: [Argument(name: Name("a"), value: .int("1", .none))])],
                selectionSet: SelectionSet(selections: [
                    .fragmentSpread(FragmentSpread(name: Name("Frag"), directives: [Directive(name: Name("s"))])),
                    .inlineFragment(InlineFragment(typeCondition: named("User"), selectionSet: SelectionSet(
                        selections: [.field(Field(name: Name("name")))]))),
                    .inlineFragment(InlineFragment(directives: [Directive(name: Name("d"))], selectionSet: SelectionSet(
                        selections: [.field(Field(name: Name("id")))]))),
                ])))])))])
        #expect(document == expected)
    }

    @Test func shorthandQueryEqualsAnonymousQuery() throws {
        #expect(try parse(Source("{ a }")) == parse(Source("query { a }")))
        #expect(try parse(Source("{ a }")) != parse(Source("mutation { a }")))
    }

    @Test func keywordsAreOrdinaryNames() throws {
        let document = try parse(Source("""
            query query($query: query = query) { query: fragment(on: on, type: type) { subscription schema } }
            fragment frag on on { on }
            fragment extend on type { type }
            """))
        #expect(document.definitions.count == 3)
        guard case .operation(let op) = document.definitions[0], case .field(let f) = op.selectionSet.selections[0] else {
            Issue.record("expected an operation with a field")
            return
        }
        #expect(op.name?.value == "query")
        #expect(op.variableDefinitions[0].defaultValue == .enumValue("query", .none))
        #expect(f.alias?.value == "query" && f.name.value == "fragment")
        #expect(f.arguments.map(\.value) == [.enumValue("on", .none), .enumValue("type", .none)])
    }

    @Test func typeSystemShapes() throws {
        let document = try parse(Source("""
            "desc" schema @s { query: Q mutation: M }
            \"\"\"
            Block
            \"\"\"
            type T implements & A & B @d { "f" f("a" a: Int = 1 @x, b: [S!]!): String @deprecated }
            interface I implements A { id: ID }
            union U = | A | B
            union V @d
            enum E { "one" ONE @d TWO }
            input In { a: Int = 2, b: In }
            scalar S @specifiedBy(url: "u")
            directive @r(x: Int) repeatable on FIELD | QUERY
            directive @n on | OBJECT
            type Empty
            """))
        #expect(document.definitions.count == 11)
        guard case .schema(let schema) = document.definitions[0],
              case .type(let t) = document.definitions[1],
              case .type(let i) = document.definitions[2],
              case .type(let u) = document.definitions[3],
              case .type(let v) = document.definitions[4],
              case .type(let e) = document.definitions[5],
              case .type(let input) = document.definitions[6],
              case .type(let s) = document.definitions[7],
              case .directive(let r) = document.definitions[8],
              case .directive(let n) = document.definitions[9],
              case .type(let empty) = document.definitions[10] else {
            Issue.record("unexpected definition kinds")
            return
        }
        #expect(schema.description == StringValueNode(value: "desc"))
        #expect(schema.operationTypes == [OperationTypeDefinition(operation: .query, type: named("Q")),
                                          OperationTypeDefinition(operation: .mutation, type: named("M"))])
        #expect(t.kind == .object && t.description == StringValueNode(value: "Block", block: true))
        #expect(t.interfaces == [named("A"), named("B")])
        #expect(t.fields == [FieldDefinitionNode(
            description: StringValueNode(value: "f"), name: Name("f"),
            arguments: [
                InputValueDefinitionNode(description: StringValueNode(value: "a"), name: Name("a"),
                                         type: .named(named("Int")), defaultValue: .int("1", .none),
                                         directives: [Directive(name: Name("x"))]),
                InputValueDefinitionNode(name: Name("b"), type: .nonNull(.list(.nonNull(.named(named("S")), .none), .none), .none)),
            ],
            type: .named(named("String")), directives: [Directive(name: Name("deprecated"))])])
        #expect(i.kind == .interface && i.interfaces == [named("A")])
        #expect(u.kind == .union && u.unionMembers == [named("A"), named("B")])
        #expect(v.unionMembers.isEmpty && v.directives.count == 1)
        #expect(e.enumValues == [EnumValueDefinitionNode(description: StringValueNode(value: "one"), name: Name("ONE"),
                                                         directives: [Directive(name: Name("d"))]),
                                 EnumValueDefinitionNode(name: Name("TWO"))])
        #expect(input.kind == .inputObject && input.inputFields.map(\.name.value) == ["a", "b"])
        #expect(s.kind == .scalar && s.directives.first?.arguments.first?.value == .string("u", block: false, .none))
        #expect(r.repeatable && r.locations.map(\.value) == ["FIELD", "QUERY"] && r.arguments.count == 1)
        #expect(!n.repeatable && n.locations.map(\.value) == ["OBJECT"])
        #expect(empty.fields.isEmpty && empty.name.value == "Empty")
    }

    @Test func extensions() throws {
        let document = try parse(Source("""
            extend schema @a
            extend schema { subscription: S }
            extend scalar S @b
            extend type T implements I
            extend type T @c
            extend type T { f: Int }
            extend interface I implements J { g: Int }
            extend union U = C
            extend union U @d
            extend enum E { THREE }
            extend input In @e
            """))
        #expect(document.definitions.count == 11)
        guard case .schemaExtension(let s1) = document.definitions[0],
              case .schemaExtension(let s2) = document.definitions[1],
              case .typeExtension(let t1) = document.definitions[3],
              case .typeExtension(let i) = document.definitions[6],
              case .typeExtension(let u) = document.definitions[7],
              case .typeExtension(let e) = document.definitions[9] else {
            Issue.record("unexpected definition kinds")
            return
        }
        #expect(s1.directives.map(\.name.value) == ["a"] && s1.operationTypes.isEmpty)
        #expect(s2.operationTypes == [OperationTypeDefinition(operation: .subscription, type: named("S"))])
        #expect(t1.definition.kind == .object && t1.definition.interfaces == [named("I")])
        #expect(i.definition.kind == .interface && i.definition.fields.map(\.name.value) == ["g"])
        #expect(u.definition.unionMembers == [named("C")])
        #expect(e.definition.enumValues.map(\.name.value) == ["THREE"])
    }

    @Test func executableAndTypeSystemDefinitionsMayBeMixed() throws {
        let document = try parse(Source("{ a } type A { a: A } type A { b: A } fragment F on A { a }"))
        #expect(document.definitions.map(\.isExecutable) == [true, false, false, true])
    }

    @Test func blockStringArgument() throws {
        let document = try parse(Source("{ f(s: \"\"\"\n    indented\n      more\n  \"\"\") }"))
        guard case .operation(let op) = document.definitions[0], case .field(let f) = op.selectionSet.selections[0] else {
            Issue.record("expected a field")
            return
        }
        #expect(f.arguments[0].value == .string("indented\n  more", block: true, .none))
    }

    // MARK: - Locations

    @Test func nodeLocations() throws {
        let text = "query Q { a: b(x: [1, {y: $v}]) @d { c } }\nfragment F on T { z }"
        let document = try parse(Source(text))
        #expect(document.loc.start == 0 && document.loc.end == text.utf8.count)
        func slice(_ loc: Location) -> String {
            String(decoding: Array(text.utf8)[loc.start..<loc.end], as: UTF8.self)
        }
        guard case .operation(let op) = document.definitions[0], case .field(let field) = op.selectionSet.selections[0],
              case .fragment(let fragment) = document.definitions[1] else {
            Issue.record("unexpected shape")
            return
        }
        #expect(slice(op.loc) == "query Q { a: b(x: [1, {y: $v}]) @d { c } }")
        #expect(slice(op.name!.loc) == "Q")
        #expect(slice(op.selectionSet.loc) == "{ a: b(x: [1, {y: $v}]) @d { c } }")
        #expect(slice(field.loc) == "a: b(x: [1, {y: $v}]) @d { c }")
        #expect(slice(field.alias!.loc) == "a")
        #expect(slice(field.name.loc) == "b")
        #expect(slice(field.arguments[0].loc) == "x: [1, {y: $v}]")
        #expect(slice(field.arguments[0].value.loc) == "[1, {y: $v}]")
        guard case .list(let items, _) = field.arguments[0].value, case .object(let fields, let objectLoc) = items[1] else {
            Issue.record("expected a list holding an object")
            return
        }
        #expect(slice(items[0].loc) == "1")
        #expect(slice(objectLoc) == "{y: $v}")
        #expect(slice(fields[0].loc) == "y: $v")
        #expect(slice(fields[0].value.loc) == "$v")
        #expect(slice(field.directives[0].loc) == "@d")
        #expect(slice(fragment.loc) == "fragment F on T { z }")
        #expect(slice(fragment.typeCondition.loc) == "T")
        #expect(document.source.map { $0.location(of: fragment.loc.start) } == SourceLocation(line: 2, column: 1))
    }

    @Test func typeSystemLocations() throws {
        let text = "\"d\" type T implements I { f(a: [Int!]! = [1]): S }\nextend union U = A | B"
        let document = try parse(Source(text))
        func slice(_ loc: Location) -> String {
            String(decoding: Array(text.utf8)[loc.start..<loc.end], as: UTF8.self)
        }
        guard case .type(let t) = document.definitions[0], case .typeExtension(let u) = document.definitions[1] else {
            Issue.record("unexpected shape")
            return
        }
        #expect(slice(t.loc) == "\"d\" type T implements I { f(a: [Int!]! = [1]): S }")
        #expect(slice(t.description!.loc) == "\"d\"")
        #expect(slice(t.fields[0].loc) == "f(a: [Int!]! = [1]): S")
        #expect(slice(t.fields[0].arguments[0].loc) == "a: [Int!]! = [1]")
        #expect(slice(t.fields[0].arguments[0].type.loc) == "[Int!]!")
        guard case .nonNull(.list(let inner, let listLoc), _) = t.fields[0].arguments[0].type else {
            Issue.record("expected [Int!]!")
            return
        }
        #expect(slice(listLoc) == "[Int!]")
        #expect(slice(inner.loc) == "Int!")
        #expect(slice(u.loc) == "extend union U = A | B")
    }

    // MARK: - Syntax errors

    @Test(arguments: [
        ("", "Unexpected <EOF>.", 1, 1),
        ("   # only a comment\n", "Unexpected <EOF>.", 2, 1),
        ("{", "Expected Name, found <EOF>.", 1, 2),
        ("{}", "Expected Name, found \"}\".", 1, 2),
        ("{ a", "Expected Name, found <EOF>.", 1, 4),
        ("{ a(x: 1 }", "Expected Name, found \"}\".", 1, 10),
        ("{ a() }", "Expected Name, found \")\".", 1, 5),
        ("{ a(x) }", "Expected \":\", found \")\".", 1, 6),
        ("{ a(x: ) }", "Unexpected \")\".", 1, 8),
        ("{ a: }", "Expected Name, found \"}\".", 1, 6),
        ("{ a: 1 }", "Expected Name, found Int \"1\".", 1, 6),
        ("{ a(x: [1, 2) }", "Unexpected \")\".", 1, 13),
        ("{ a(x: {b 1}) }", "Expected \":\", found Int \"1\".", 1, 11),
        ("{ a(x: {1: 1}) }", "Expected Name, found Int \"1\".", 1, 9),
        ("{ a(x: $) }", "Expected Name, found \")\".", 1, 9),
        ("{ a @ }", "Expected Name, found \"}\".", 1, 7),
        ("{ ... }", "Expected \"{\", found \"}\".", 1, 7),
        ("{ ...on }", "Expected Name, found \"}\".", 1, 9),
        ("{ ... on T }", "Expected \"{\", found \"}\".", 1, 12),
        ("query", "Expected \"{\", found <EOF>.", 1, 6),
        ("query Q($a) { b }", "Expected \":\", found \")\".", 1, 11),
        ("query Q() { b }", "Expected \"$\", found \")\".", 1, 9),
        ("query Q($a: ) { b }", "Expected Name, found \")\".", 1, 13),
        ("query Q($a: [Int) { b }", "Expected \"]\", found \")\".", 1, 17),
        ("query Q($a: Int = $b) { c }", "Unexpected variable \"$b\" in constant value.", 1, 19),
        ("query Q($a: Int = $) { c }", "Unexpected \"$\".", 1, 19),
        ("query Q($a: Int @d(x: $y)) { c }", "Unexpected variable \"$y\" in constant value.", 1, 23),
        ("subscriptions { a }", "Unexpected Name \"subscriptions\".", 1, 1),
        ("fragment F { a }", "Expected \"on\", found \"{\".", 1, 12),
        ("fragment on on T { a }", "Unexpected Name \"on\".", 1, 10),
        ("fragment F on { a }", "Expected Name, found \"{\".", 1, 15),
        ("{ a } }", "Unexpected \"}\".", 1, 7),
        ("{ a } 1.5", "Unexpected Float \"1.5\".", 1, 7),
        ("\"d\" query { a }", "Unexpected description, descriptions are supported only on type definitions.", 1, 1),
        ("\"d\" { a }", "Unexpected \"{\".", 1, 5),
        ("\"\"\"d\"\"\" \"e\" type T", "Unexpected String \"e\".", 1, 9),
        ("\"d\"", "Unexpected <EOF>.", 1, 4),
        ("type", "Expected Name, found <EOF>.", 1, 5),
        ("type T {}", "Expected Name, found \"}\".", 1, 9),
        ("type T { f }", "Expected \":\", found \"}\".", 1, 12),
        ("type T { f: }", "Expected Name, found \"}\".", 1, 13),
        ("type T { f(): Int }", "Expected Name, found \")\".", 1, 12),
        ("type T { f(a: Int = $v): Int }", "Unexpected variable \"$v\" in constant value.", 1, 21),
        ("type T implements { f: Int }", "Expected Name, found \"{\".", 1, 19),
        ("type T implements A && B", "Expected Name, found \"&\".", 1, 22),
        ("type T @d(a: $x)", "Unexpected variable \"$x\" in constant value.", 1, 14),
        ("union U = ", "Expected Name, found <EOF>.", 1, 11),
        ("union U = A | | B", "Expected Name, found \"|\".", 1, 15),
        ("enum E { A, null }", "Name \"null\" is reserved and cannot be used for an enum value.", 1, 13),
        ("enum E { \"d\" true }", "Name \"true\" is reserved and cannot be used for an enum value.", 1, 14),
        ("enum E { }", "Expected Name, found \"}\".", 1, 10),
        ("input I { a(b: Int): Int }", "Expected \":\", found \"(\".", 1, 12),
        ("scalar", "Expected Name, found <EOF>.", 1, 7),
        ("schema { query Q }", "Expected \":\", found Name \"Q\".", 1, 16),
        ("schema { }", "Expected Name, found \"}\".", 1, 10),
        ("schema @d", "Expected \"{\", found <EOF>.", 1, 10),
        ("schema { query: Q, other: O }", "Unexpected Name \"other\".", 1, 20),
        ("directive @d on", "Expected Name, found <EOF>.", 1, 16),
        ("directive d on FIELD", "Expected \"@\", found Name \"d\".", 1, 11),
        ("directive @d repeatable FIELD", "Expected \"on\", found Name \"FIELD\".", 1, 25),
        ("directive @d on FIELD | field", "Unexpected Name \"field\".", 1, 25),
        ("directive @d(a: Int) on QUERY |", "Expected Name, found <EOF>.", 1, 32),
        ("extend", "Unexpected <EOF>.", 1, 7),
        ("extend fragment F on T { a }", "Unexpected Name \"fragment\".", 1, 8),
        ("extend directive @d on FIELD", "Unexpected Name \"directive\".", 1, 8),
        ("extend type T", "Unexpected <EOF>.", 1, 14),
        ("extend union U", "Unexpected <EOF>.", 1, 15),
        ("extend enum E\n{ A }\nextend input I", "Unexpected <EOF>.", 3, 15),
        ("extend schema", "Unexpected <EOF>.", 1, 14),
        ("extend schema {}", "Expected Name, found \"}\".", 1, 16),
        ("\"d\" extend type T { a: A }", "Unexpected description, descriptions are supported only on type definitions.", 1, 1),
        ("\n\n   { a(x: \"bad \\z\") }", "Invalid character escape sequence: \"\\z\".", 3, 16),
    ])
    func syntaxErrors(text: String, message: String, line: Int, column: Int) {
        let error = parseError(text)
        #expect(error?.message == "Syntax Error: " + message)
        #expect(error?.locations == [SourceLocation(line: line, column: column)])
        #expect(error?.code == "GRAPHQL_PARSE_FAILED")
    }

    @Test func nonSyntaxProblemsAreLeftToValidation() throws {
        // Duplicate names, unknown types and directives, and mixed definitions all parse.
        _ = try parse(Source("query A { a } query A { b } type T { f: Unknown @nope } directive @x on FIELD directive @x on FIELD"))
        _ = try parse(Source("enum E { A A } input I { a: Int a: String } { a(x: 1, x: 2) }"))
    }

    // MARK: - Value and type helpers

    @Test func parseValueHelper() throws {
        #expect(try parseValue(Source("[1, $v, {a: \"b\"}]")) == .list([
            .int("1", .none), .variable(Variable(name: Name("v"))),
            .object([ObjectField(name: Name("a"), value: .string("b", block: false, .none))], .none),
        ], .none))
        #expect(try parseValue(Source("  -1.5e3 ")).loc == Location(start: 2, end: 8))
        #expect(throws: GraphQLError.self) { try parseValue(Source("1 2")) }
        #expect(throws: GraphQLError.self) { try parseConstValue(Source("[$v]")) }
        #expect(try parseConstValue(Source("{a: [ENUM]}")) == .object([
            ObjectField(name: Name("a"), value: .list([.enumValue("ENUM", .none)], .none)),
        ], .none))
    }

    @Test func parseTypeHelper() throws {
        #expect(try parseType(Source("[[Int!]]!")) == .nonNull(.list(.list(.nonNull(.named(named("Int")), .none), .none), .none), .none))
        #expect(try parseType(Source("Name")) == .named(named("Name")))
        do {
            _ = try parseType(Source("[Int"))
            Issue.record("expected an error")
        } catch {
            #expect(error.message == "Syntax Error: Expected \"]\", found <EOF>.")
            #expect(error.locations == [SourceLocation(line: 1, column: 5)])
        }
        #expect(throws: GraphQLError.self) { try parseType(Source("Int!!")) }
    }
}
