import Testing
@testable import Schema

/// Each schema validation rule: its message, its locations, and the error code.
@Suite struct SchemaValidationTests {
    @Test func errorsCarryTheSchemaInvalidCode() {
        let errors = schemaErrors("type Query { a: Int }\nunion U")
        #expect(errors.map(\.code) == ["GRAPHQL_SCHEMA_INVALID"])
    }

    @Test func queryRootTypeMustBeProvided() {
        #expect(summary(schemaErrors("type Foo { a: Int }")) == ["Query root type must be provided. @"])
        #expect(summary(schemaErrors("schema { mutation: M }\ntype M { a: Int }"))
                == ["Query root type must be provided. @1:1"])
    }

    @Test func rootTypesMustBeObjectTypes() {
        #expect(summary(schemaErrors("schema { query: Q }\ninput Q { a: Int }"))
                == ["Query root type must be Object type, it cannot be Q. @1:17"])
        #expect(summary(schemaErrors("type Query { a: Int }\nunion Mutation = Query")) == [
            "Mutation root type must be Object type if provided, it cannot be Mutation. @2:1",
        ])
        #expect(summary(schemaErrors("schema { query: Query subscription: S }\ntype Query { a: Int }\nscalar S")) == [
            "Subscription root type must be Object type if provided, it cannot be S. @1:37",
        ])
    }

    /// Located at the whole definition, as the reference implementation does.
    @Test func rootTypesMustBeDistinct() {
        #expect(summary(schemaErrors("schema { query: Q, mutation: Q }\ntype Q { a: Int }")) == [
            #"All root types must be different, "Q" type is used as query and mutation root types. @1:17,1:30"#,
        ])
        #expect(summary(schemaErrors("schema { query: Q }\nextend schema { mutation: Q, subscription: Q }\ntype Q { a: Int }")) == [
            #"All root types must be different, "Q" type is used as query, mutation, and subscription root types. @1:17,2:27,2:44"#,
        ])
    }

    @Test func namesMustNotBeginWithTwoUnderscores() {
        let errors = schemaErrors("""
            type Query { __a: Int, b(__x: Int): Int }
            type __Bad { a: Int }
            enum E { __V }
            directive @__d(__arg: Int) on FIELD
            """)
        #expect(summary(errors) == [
            #"Name "__d" must not begin with "__", which is reserved by GraphQL introspection. @4:1"#,
            #"Name "__arg" must not begin with "__", which is reserved by GraphQL introspection. @4:16"#,
            #"Name "__a" must not begin with "__", which is reserved by GraphQL introspection. @1:14"#,
            #"Name "__x" must not begin with "__", which is reserved by GraphQL introspection. @1:26"#,
            #"Name "__Bad" must not begin with "__", which is reserved by GraphQL introspection. @2:1"#,
            #"Name "__V" must not begin with "__", which is reserved by GraphQL introspection. @3:10"#,
        ])
    }

    @Test func typesMustDefineFieldsValuesMembers() {
        let errors = schemaErrors("""
            type Query { a: Int }
            type Empty
            extend type Empty @foo
            interface I
            union U
            enum E
            input In
            directive @foo on OBJECT
            """, options: BuildSchemaOptions(assumeValidSDL: true))
        #expect(summary(errors) == [
            "Type Empty must define one or more fields. @2:1,3:1",
            "Type I must define one or more fields. @4:1",
            "Union type U must define one or more member types. @5:1",
            "Enum type E must define one or more values. @6:1",
            "Input Object type In must define one or more fields. @7:1",
        ])
    }

    @Test func fieldAndArgumentTypesMustBeOutputAndInputTypes() {
        let errors = schemaErrors("""
            type Query { a(arg: Query, ok: [In!]): In, b: [Query] }
            input In { x: Query, y: In2 }
            input In2 { z: Int }
            directive @d(arg: [Query]) on FIELD
            """)
        #expect(summary(errors) == [
            "The type of @d(arg:) must be Input Type but got: [Query]. @4:14",
            "The type of Query.a must be Output Type but got: In. @1:40",
            "The type of Query.a(arg:) must be Input Type but got: Query. @1:21",
            "The type of In.x must be Input Type but got: Query. @2:15",
        ])
    }

    @Test func requiredArgumentsAndInputFieldsCannotBeDeprecated() {
        let errors = schemaErrors("""
            type Query {
              a(x: Int! @deprecated, y: Int! = 1 @deprecated, z: Int @deprecated): Int
            }
            input In { r: String! @deprecated(reason: "no"), o: String @deprecated }
            directive @d(arg: Boolean! @deprecated) on FIELD
            """)
        #expect(summary(errors) == [
            "Required argument @d(arg:) cannot be deprecated. @5:28,5:19",
            "Required argument Query.a(x:) cannot be deprecated. @2:13,2:8",
            "Required input field In.r cannot be deprecated. @4:23,4:15",
        ])
    }

    @Test func directivesMustHaveLocations() throws {
        // The parser requires locations; a definition built in code can still lack them.
        let def = DirectiveDefinition(name: Name("d"), locations: [])
        let query = TypeDefinition(kind: .object, name: Name("Query"), fields: [
            FieldDefinitionNode(name: Name("a"), type: .named(NamedTypeNode(name: Name("Int")))),
        ])
        do {
            _ = try buildSchema(document: Document(definitions: [.type(query), .directive(def)]))
            Issue.record("expected an error")
        } catch {
            #expect(summary(error.errors) == ["Directive @d must include 1 or more locations. @"])
        }
    }

    @Test func onlyInterfacesCanBeImplementedOnceEach() {
        let errors = schemaErrors("""
            type Query implements Query & I & I { a: Int }
            interface I { a: Int }
            interface Self implements Self { a: Int }
            """)
        #expect(summary(errors) == [
            "Type Query must only implement Interface types, it cannot implement Query. @1:23",
            "Type Query can only implement I once. @1:31,1:35",
            "Type Self cannot implement itself because it would create a circular reference. @3:27",
        ])
    }

    @Test func interfaceFieldsMustBeProvidedWithCompatibleTypes() {
        let errors = schemaErrors("""
            type Query implements I { b: String, c: [Int], d: Obj, e: Int! }
            interface I { a: Int, b: Int, c: [Int]!, d: I, e: Int }
            type Obj implements I { a: Int, b: Int, c: [Int]!, d: Obj, e: Int }
            """)
        #expect(summary(errors) == [
            "Interface field I.a expected but Query does not provide it. @2:15,1:1",
            "Interface field I.b expects type Int but Query.b is type String. @2:26,1:30",
            "Interface field I.c expects type [Int]! but Query.c is type [Int]. @2:34,1:41",
        ])  // `d: Obj` for `d: I` is fine: Obj implements I (covariance); so is `e: Int!` for `e: Int`.
    }

    @Test func interfaceArgumentsMustMatchAndExtraArgumentsBeOptional() {
        let errors = schemaErrors("""
            type Query implements I {
              a(x: Int): Int
              b(x: String!, extra: Int!, fine: Int, alsoFine: Int! = 3): Int
            }
            interface I {
              a(x: Int, y: Int): Int
              b(x: String): Int
            }
            """)
        #expect(summary(errors) == [
            "Interface field argument I.a(y:) expected but Query.a does not provide it. @6:13,2:3",
            "Interface field argument I.b(x:) expects type String but Query.b(x:) is type String!. @7:8,3:8",
            "Object field Query.b includes required argument extra that is missing from the Interface field I.b. @3:17,7:3",
        ])
    }

    @Test func transitiveInterfacesMustBeDeclared() {
        let errors = schemaErrors("""
            type Query implements B { a: Int }
            interface A { a: Int }
            interface B implements A { a: Int }
            interface C implements D { a: Int }
            interface D implements C { a: Int }
            """)
        #expect(summary(errors) == [
            "Type Query must implement A because it is implemented by B. @3:24,1:23",
            "Type C cannot implement D because it would create a circular reference. @5:24,4:24",
            "Type D cannot implement C because it would create a circular reference. @4:24,5:24",
        ])
    }

    @Test func unionMembersMustBeDistinctObjectTypes() {
        let errors = schemaErrors("""
            type Query { a: U }
            union U = Query | Query | I
            interface I { a: Int }
            """)
        #expect(summary(errors) == [
            "Union type U can only include Object types, it cannot include I. @2:27",
            "Union type U can only include type Query once. @2:11,2:19",
        ])
    }

    @Test func nonNullInputCyclesAreRejected() {
        let errors = schemaErrors("""
            type Query { a(x: A): Int }
            input A { b: B!, ok: A, list: [A!]! }
            input B { c: C! }
            input C { a: A!, self: C! }
            """)
        #expect(summary(errors) == [
            #"Cannot reference Input Object "A" within itself through a series of non-null fields: "b.c.a". @2:11,3:11,4:11"#,
            #"Cannot reference Input Object "C" within itself through a series of non-null fields: "self". @4:18"#,
        ])
    }

    @Test func oneOfFieldsMustBeNullableWithoutDefaults() {
        let errors = schemaErrors("""
            type Query { a(x: In): Int }
            input In @oneOf { a: Int!, b: String = "x", c: Int }
            """)
        #expect(summary(errors) == [
            "OneOf input field In.a must be nullable. @2:22",
            "OneOf input field In.b cannot have a default value. @2:28",
        ])
    }

    @Test func validSchemaHasNoErrors() throws {
        let schema = try buildSchema(SchemaPrinterTests.rich)
        #expect(validateSchema(schema).isEmpty)
    }

    @Test func validationCanBeSkipped() throws {
        let schema = try buildSchema("type Foo { a: Int }", options: BuildSchemaOptions(assumeValid: true))
        #expect(schema.queryType == nil)
        #expect(summary(validateSchema(schema)) == ["Query root type must be provided. @"])
    }
}
