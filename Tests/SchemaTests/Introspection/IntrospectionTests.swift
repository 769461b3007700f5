import Foundation
import Testing
@testable import Schema

let introspectionSDL = """
    "The root"
    type Query {
      thing(id: ID!, mode: Mode = FAST): Thing
      search(filter: Filter = {limit: 5, words: ["a"]}): [Result!]!
      old: String @deprecated(reason: "use thing")
    }
    "A thing"
    type Thing implements Node {
      id: ID!
      name(upper: Boolean = false, legacy: Boolean @deprecated): String
      at: When
      gone: Int @deprecated
    }
    interface Node { id: ID! }
    union Result = Thing
    enum Mode { FAST, SLOW @deprecated(reason: "too slow") }
    input Filter { limit: Int = 10, words: [String!], legacy: String @deprecated }
    input Pick @oneOf { id: ID, name: String }
    scalar When @specifiedBy(url: "https://example.com/when")
    "Marks a field as cached"
    directive @cached(seconds: Int = 60) repeatable on FIELD_DEFINITION | OBJECT
    type Mutation { pick(p: Pick): Thing }
    """

/// The standard full introspection query (graphql-js `getIntrospectionQuery` with
/// descriptions, specifiedByURL, directive repeatability, input value deprecation and oneOf).
let fullIntrospectionQuery = """
    query IntrospectionQuery {
      __schema {
        queryType { name }
        mutationType { name }
        subscriptionType { name }
        types { ...FullType }
        directives { name description isRepeatable locations args(includeDeprecated: true) { ...InputValue } }
      }
    }
    fragment FullType on __Type {
      kind name description specifiedByURL isOneOf
      fields(includeDeprecated: true) {
        name description args(includeDeprecated: true) { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason
      }
      inputFields(includeDeprecated: true) { ...InputValue }
      interfaces { ...TypeRef }
      enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
      possibleTypes { ...TypeRef }
    }
    fragment InputValue on __InputValue {
      name description type { ...TypeRef } defaultValue isDeprecated deprecationReason
    }
    fragment TypeRef on __Type {
      kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name
        ofType { kind name ofType { kind name ofType { kind name } } } } } } } }
    }
    """

@Suite("Introspection")
struct IntrospectionTests {
    @Test func typeByNameWithDeprecationFilters() async throws {
        let schema = try makeSchema(introspectionSDL)
        let out = try await run(schema, """
            {
              __type(name: "Thing") {
                kind name description
                fields { name }
                all: fields(includeDeprecated: true) {
                  name isDeprecated deprecationReason
                  args { name defaultValue type { kind name ofType { name } } }
                  allArgs: args(includeDeprecated: true) { name isDeprecated }
                }
                interfaces { name }
                possibleTypes { name }
                enumValues { name }
                inputFields { name }
                ofType { name }
              }
              missing: __type(name: "Nope") { name }
            }
            """)
        try expectJSON(out, """
            {"data": {"__type": {"kind": "OBJECT", "name": "Thing", "description": "A thing",
              "fields": [{"name": "id"}, {"name": "name"}, {"name": "at"}],
              "all": [
                {"name": "id", "isDeprecated": false, "deprecationReason": null, "args": [],
                 "allArgs": []},
                {"name": "name", "isDeprecated": false, "deprecationReason": null,
                 "args": [{"name": "upper", "defaultValue": "false", "type": {"kind": "SCALAR", "name": "Boolean", "ofType": null}}],
                 "allArgs": [{"name": "upper", "isDeprecated": false}, {"name": "legacy", "isDeprecated": true}]},
                {"name": "at", "isDeprecated": false, "deprecationReason": null, "args": [], "allArgs": []},
                {"name": "gone", "isDeprecated": true, "deprecationReason": "No longer supported", "args": [], "allArgs": []}],
              "interfaces": [{"name": "Node"}], "possibleTypes": null, "enumValues": null, "inputFields": null,
              "ofType": null},
             "missing": null}}
            """)
    }

    @Test func enumsInputsScalarsAndWrappers() async throws {
        let schema = try makeSchema(introspectionSDL)
        let out = try await run(schema, """
            {
              mode: __type(name: "Mode") { enumValues { name } all: enumValues(includeDeprecated: true) { name deprecationReason } }
              filter: __type(name: "Filter") { isOneOf inputFields { name defaultValue } all: inputFields(includeDeprecated: true) { name } }
              pick: __type(name: "Pick") { isOneOf }
              when: __type(name: "When") { kind specifiedByURL isOneOf }
              node: __type(name: "Node") { kind possibleTypes { name } }
              query: __type(name: "Query") {
                fields { name type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } }
              }
            }
            """)
        try expectJSON(out, """
            {"data": {
              "mode": {"enumValues": [{"name": "FAST"}],
                       "all": [{"name": "FAST", "deprecationReason": null}, {"name": "SLOW", "deprecationReason": "too slow"}]},
              "filter": {"isOneOf": false, "inputFields": [{"name": "limit", "defaultValue": "10"}, {"name": "words", "defaultValue": null}],
                         "all": [{"name": "limit"}, {"name": "words"}, {"name": "legacy"}]},
              "pick": {"isOneOf": true},
              "when": {"kind": "SCALAR", "specifiedByURL": "https://example.com/when", "isOneOf": null},
              "node": {"kind": "INTERFACE", "possibleTypes": [{"name": "Thing"}]},
              "query": {"fields": [
                {"name": "thing", "type": {"kind": "OBJECT", "name": "Thing", "ofType": null}},
                {"name": "search", "type": {"kind": "NON_NULL", "name": null, "ofType": {"kind": "LIST", "name": null,
                  "ofType": {"kind": "NON_NULL", "name": null, "ofType": {"kind": "UNION", "name": "Result"}}}}}]}
            }}
            """)
    }

    @Test func typenameEverywhere() async throws {
        let schema = try makeSchema(introspectionSDL)
        let out = try await run(schema, """
            { __typename thing(id: 1) { __typename } __schema { __typename queryType { __typename name } } }
            """, data: #"{"thing": {"id": "1"}}"#)
        try expectJSON(out, """
            {"data": {"__typename": "Query", "thing": {"__typename": "Thing"},
                      "__schema": {"__typename": "__Schema", "queryType": {"__typename": "__Type", "name": "Query"}}}}
            """)
        let mutation = try await run(schema, "mutation { __typename }")
        try expectJSON(mutation, #"{"data": {"__typename": "Mutation"}}"#)
    }

    @Test func schemaDirectivesAndRootTypes() async throws {
        let schema = try makeSchema(introspectionSDL)
        let out = try await run(schema, """
            { __schema { description queryType { name } mutationType { name } subscriptionType { name }
                         directives { name isRepeatable locations args { name defaultValue } } } }
            """)
        let value = try JSONParser.parse(out)
        guard case .list(let directives)? = value["data"]?["__schema"]?["directives"] else {
            Issue.record("no directives in \(out)")
            return
        }
        let cached = directives.first { $0["name"] == .string("cached") }
        #expect(cached == (try JSONParser.parse("""
            {"name": "cached", "isRepeatable": true, "locations": ["FIELD_DEFINITION", "OBJECT"],
             "args": [{"name": "seconds", "defaultValue": "60"}]}
            """)))
        #expect(directives.contains { $0["name"] == .string("skip") })
        #expect(value["data"]?["__schema"]?["mutationType"] == .object(ObjectValue([("name", .string("Mutation"))])))
        #expect(value["data"]?["__schema"]?["subscriptionType"] == .null)
    }

    @Test func fullIntrospectionQueryHasNoErrorsAndEveryType() async throws {
        let schema = try makeSchema(introspectionSDL)
        let out = try await run(schema, fullIntrospectionQuery)
        let value = try JSONParser.parse(out)
        #expect(value["errors"] == nil, "\(out.prefix(500))")
        guard case .list(let types)? = value["data"]?["__schema"]?["types"] else {
            Issue.record("no types")
            return
        }
        let names = Set(types.compactMap { if case .string(let s)? = $0["name"] { s } else { nil } })
        for expected in ["Query", "Thing", "Node", "Result", "Mode", "Filter", "Pick", "When", "Mutation",
                         "String", "Boolean", "ID", "Int", "__Schema", "__Type", "__TypeKind", "__Field",
                         "__InputValue", "__EnumValue", "__Directive", "__DirectiveLocation"] {
            #expect(names.contains(expected), "missing \(expected)")
        }
        // For the graphql-core round-trip check (build_client_schema + print_schema), outside the repo.
        if let path = ProcessInfo.processInfo.environment["HYPERPAGE_INTROSPECTION_DUMP"] {
            try out.write(toFile: path, atomically: true, encoding: .utf8)
            try introspectionSDL.write(toFile: path + ".graphql", atomically: true, encoding: .utf8)
        }
    }
}
