import Testing
@testable import Schema

@Suite struct BuildSchemaTests {
    @Test func linksTypesFieldsAndArguments() throws {
        let schema = try buildSchema("""
            "Root" type Query { user(id: ID!, limit: Int = 5): User, users: [User!]! }
            type User implements Node { id: ID!, friends: [User] }
            interface Node { id: ID! }
            """)
        let query = try #require(schema.queryType)
        #expect(query.name == "Query")
        #expect(query.description == "Root")
        let user = try #require(schema.type(named: "User") as? ObjectType)
        let field = try #require(query.field("user"))
        #expect(field.type == .named(user))
        #expect(field.arguments.map(\.name) == ["id", "limit"])
        #expect(field.argument("id")?.type == .nonNull(.named(ScalarType.id)))
        #expect(field.argument("limit")?.defaultValue == .int("5", .none))
        #expect(query.field("users")?.type.description == "[User!]!")
        #expect(user.interfaces.map(\.name) == ["Node"])
        #expect(schema.possibleTypes(of: schema.type(named: "Node")!).map(\.name) == ["User"])
        #expect(schema.mutationType == nil)
    }

    @Test func typeMapOrderFollowsTheReferenceImplementation() throws {
        let schema = try buildSchema("""
            type Query { a: String, b: Foo }
            type Foo { c: Int, d: Query }
            """)
        #expect(schema.types.map(\.name) == [
            "Query", "String", "Foo", "Int", "Boolean",
            "__Schema", "__Type", "__TypeKind", "__Field", "__InputValue", "__EnumValue",
            "__Directive", "__DirectiveLocation",
        ])
        #expect(schema.directives.map(\.name) == ["include", "skip", "deprecated", "specifiedBy", "oneOf"])
        #expect(schema.type(named: "String") === ScalarType.string)
        #expect(schema.type(named: "__Type") === IntrospectionTypes.type)
    }

    @Test func rootTypesFromSchemaDefinition() throws {
        let schema = try buildSchema("""
            schema { query: Q, subscription: S }
            type Q { a: Int }
            type S { b: Int }
            type Mutation { c: Int }
            """)
        #expect(schema.queryType?.name == "Q")
        #expect(schema.mutationType == nil)
        #expect(schema.subscriptionType?.name == "S")
    }

    @Test func rootTypesFromConventionalNames() throws {
        let schema = try buildSchema("""
            type Query { a: Int }
            type Mutation { b: Int }
            type Subscription { c: Int }
            """)
        #expect(schema.rootType(for: .mutation)?.name == "Mutation")
        #expect(schema.rootType(for: .subscription)?.name == "Subscription")
    }

    @Test func appliesEveryKindOfExtension() throws {
        let schema = try buildSchema("""
            type Query { a: Int }
            extend type Query implements Node { id: ID! }
            interface Node { id: ID! }
            interface Named { name: String }
            extend interface Named { nick: String }
            union U = Query
            extend union U = Other
            type Other { x: Int }
            enum E { A }
            extend enum E { B }
            input I { a: Int }
            extend input I { b: Int }
            scalar Time
            extend scalar Time @specifiedBy(url: "https://example.com/time")
            type Mutation { m: Int }
            extend schema { subscription: Sub }
            type Sub { s: Int }
            """)
        let query = try #require(schema.queryType)
        #expect(query.fields.map(\.name) == ["a", "id"])
        #expect(query.interfaces.map(\.name) == ["Node"])
        #expect(query.extensionASTNodes.count == 1)
        #expect((schema.type(named: "Named") as? InterfaceType)?.fields.map(\.name) == ["name", "nick"])
        #expect((schema.type(named: "U") as? UnionType)?.types.map(\.name) == ["Query", "Other"])
        #expect((schema.type(named: "E") as? EnumType)?.values.map(\.name) == ["A", "B"])
        #expect((schema.type(named: "I") as? InputObjectType)?.fields.map(\.name) == ["a", "b"])
        #expect((schema.type(named: "Time") as? ScalarType)?.specifiedByURL == "https://example.com/time")
        // With only an `extend schema`, the operation types it names are the roots.
        #expect(schema.subscriptionType?.name == "Sub")
    }

    @Test func readsDeprecationOneOfAndSpecifiedBy() throws {
        let schema = try buildSchema("""
            type Query {
              old: Int @deprecated
              older(arg: Int @deprecated(reason: "gone")): Int @deprecated(reason: "Use `new`.")
              new: Int
            }
            enum E { A @deprecated, B }
            input In @oneOf { a: Int, b: String @deprecated }
            scalar Url @specifiedBy(url: "https://url.spec.whatwg.org")
            """)
        let query = try #require(schema.queryType)
        #expect(query.field("old")?.deprecationReason == "No longer supported")
        #expect(query.field("older")?.deprecationReason == "Use `new`.")
        #expect(query.field("older")?.argument("arg")?.deprecationReason == "gone")
        #expect(query.field("new")?.isDeprecated == false)
        #expect((schema.type(named: "E") as? EnumType)?.value("A")?.isDeprecated == true)
        let input = try #require(schema.type(named: "In") as? InputObjectType)
        #expect(input.isOneOf)
        #expect(input.field("b")?.deprecationReason == "No longer supported")
        #expect((schema.type(named: "Url") as? ScalarType)?.specifiedByURL == "https://url.spec.whatwg.org")
    }

    @Test func customDirectivesComeBeforeSpecifiedOnes() throws {
        let schema = try buildSchema("""
            directive @auth(role: String!) repeatable on FIELD_DEFINITION | OBJECT
            directive @skip(if: Boolean!, why: String) on FIELD
            type Query { a: Int }
            """)
        #expect(schema.directives.map(\.name) == ["auth", "skip", "include", "deprecated", "specifiedBy", "oneOf"])
        let auth = try #require(schema.directive(named: "auth"))
        #expect(auth.isRepeatable)
        #expect(auth.locations == [.fieldDefinition, .object])
        #expect(schema.directive(named: "skip")?.arguments.map(\.name) == ["if", "why"])
        #expect(schema.directive(named: "include") === DirectiveType.include)
    }

    @Test func registeredScalarCoercionsAreUsed() throws {
        let schema = try buildSchema("scalar DateTime\nscalar Other\ntype Query { at: DateTime, o: Other }",
                                     options: BuildSchemaOptions(scalars: ["DateTime": .dateTime]))
        let dateTime = try #require(schema.type(named: "DateTime") as? ScalarType)
        #expect(throws: CoercionError.self) { try dateTime.coercion.parseValue(.string("yesterday")) }
        let other = try #require(schema.type(named: "Other") as? ScalarType)
        #expect(try other.coercion.parseValue(.string("anything")) == .string("anything"))
        #expect(try other.coercion.parseLiteral(.list([.enumValue("A", .none), .int("2", .none)], .none))
                == .list([.string("A"), .int(2)]))
    }

    @Test func multipleSourcesBuildAsOneWithPerSourceLocations() throws {
        let schema = try buildSchema([
            Source("type Query {\n  a: A\n}\n", name: "query.graphql"),
            Source("type A { b: Int }\nextend type Query { c: Int }", name: "a.graphql"),
        ])
        #expect(schema.queryType?.fields.map(\.name) == ["a", "c"])

        do {
            _ = try buildSchema([
                Source("type Query { a: A }", name: "one.graphql"),
                Source("\n\ntype A {\n  b: Int\n}\ninterface I", name: "two.graphql"),
            ])
            Issue.record("expected an error")
        } catch {
            #expect(summary(error.errors) == ["Type I must define one or more fields. @6:1"])
        }
    }

    @Test func parseErrorsOfEverySourceAreReported() {
        do {
            _ = try buildSchema([Source("type Query { a: }"), Source("type B { b: Int }"), Source("enum {")])
            Issue.record("expected parse errors")
        } catch {
            #expect(error.errors.count == 2)
            #expect(error.errors.allSatisfy { $0.code == "GRAPHQL_PARSE_FAILED" })
            #expect(error.errors.map(\.locations) == [[SourceLocation(line: 1, column: 17)],
                                                      [SourceLocation(line: 1, column: 6)]])
        }
    }

    @Test func unknownTypeIsAnErrorNotACrash() {
        let errors = schemaErrors("type Query { a: Missing, b(x: Nope): Int }\nextend type Ghost { c: Int }")
        #expect(summary(errors) == [
            #"Unknown type "Missing". @1:17"#,
            #"Unknown type "Nope". @1:31"#,
            #"Cannot extend type "Ghost" because it is not defined. @2:13"#,
        ])
    }

    @Test func extendSchemaAddsTypesAndFieldsWithoutChangingTheOriginal() throws {
        let base = try buildSchema("type Query { a: Int }\nenum Color { RED }")
        let extended = try extendSchema(base, with: try parse(Source("""
            extend type Query { b: Color, c: New }
            type New { d: String }
            extend enum Color { BLUE }
            """)))
        #expect(extended.queryType?.fields.map(\.name) == ["a", "b", "c"])
        #expect((extended.type(named: "Color") as? EnumType)?.values.map(\.name) == ["RED", "BLUE"])
        #expect(extended.type(named: "New") != nil)
        #expect(base.queryType?.fields.map(\.name) == ["a"])
        #expect(base.type(named: "New") == nil)

        // Schema errors of the result are located in the extension's own text.
        let empty = try parse(Source("\ntype Empty"))
        do {
            _ = try extendSchema(base, with: empty)
            Issue.record("expected an error")
        } catch {
            #expect(summary(error.errors) == ["Type Empty must define one or more fields. @2:1"])
        }
    }

    @Test func introspectionTypesHaveTheSpecifiedShape() {
        let type = IntrospectionTypes.type
        #expect(type.fields.map(\.name) == ["kind", "name", "description", "specifiedByURL", "fields", "interfaces",
                                            "possibleTypes", "enumValues", "inputFields", "ofType", "isOneOf"])
        #expect(type.field("fields")?.type.description == "[__Field!]")
        #expect(type.field("fields")?.argument("includeDeprecated")?.defaultValue == .boolean(false, .none))
        #expect(type.field("inputFields")?.arguments.map(\.name) == ["includeDeprecated"])
        #expect(IntrospectionTypes.schema.fields.map(\.name) == ["description", "types", "queryType", "mutationType",
                                                                 "subscriptionType", "directives"])
        #expect(IntrospectionTypes.schema.field("types")?.type.description == "[__Type!]!")
        #expect(IntrospectionTypes.field.field("args")?.type.description == "[__InputValue!]!")
        #expect(IntrospectionTypes.field.field("args")?.arguments.map(\.name) == ["includeDeprecated"])
        #expect(IntrospectionTypes.inputValue.fields.map(\.name) == ["name", "description", "type", "defaultValue",
                                                                     "isDeprecated", "deprecationReason"])
        #expect(IntrospectionTypes.directive.fields.map(\.name) == ["name", "description", "isRepeatable",
                                                                    "locations", "args"])
        #expect(IntrospectionTypes.typeKind.values.map(\.name) == ["SCALAR", "OBJECT", "INTERFACE", "UNION", "ENUM",
                                                                   "INPUT_OBJECT", "LIST", "NON_NULL"])
        #expect(IntrospectionTypes.directiveLocation.values.count == 19)
        #expect(IntrospectionFields.schema.type.description == "__Schema!")
        #expect(IntrospectionFields.type.type.description == "__Type")
        #expect(IntrospectionFields.type.argument("name")?.type.description == "String!")
        #expect(IntrospectionFields.typename.type.description == "String!")
    }

    @Test func builtInDirectivesHaveTheSpecifiedShape() {
        #expect(DirectiveType.skip.arguments.map { "\($0.name): \($0.type)" } == ["if: Boolean!"])
        #expect(DirectiveType.include.locations == [.field, .fragmentSpread, .inlineFragment])
        #expect(DirectiveType.deprecated.locations == [.fieldDefinition, .argumentDefinition, .inputFieldDefinition,
                                                       .enumValue])
        #expect(DirectiveType.deprecated.argument("reason")?.defaultValue
                == .string("No longer supported", block: false, .none))
        #expect(DirectiveType.specifiedBy.locations == [.scalar])
        #expect(DirectiveType.specifiedBy.argument("url")?.type.description == "String!")
        #expect(DirectiveType.oneOf.locations == [.inputObject])
        #expect(DirectiveType.oneOf.arguments.isEmpty)
    }
}
