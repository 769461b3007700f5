import Testing
@testable import Schema

/// Builds a schema from SDL, failing the test on errors.
func makeSchema(_ sdl: String) throws -> GraphQLSchema {
    do {
        return try buildSchema([Source(sdl, name: "schema.graphql")])
    } catch {
        Issue.record("schema errors: \(error.errors)")
        throw error
    }
}

/// Parses, executes and serialises; the response as compact JSON text.
func run<Context: Sendable>(_ schema: GraphQLSchema, _ query: String, data: String? = nil,
                            variables: String? = nil, operationName: String? = nil,
                            context: Context, resolvers: ResolverMap<Context>) async throws -> String {
    let document = try parse(Source(query))
    let root: Value? = try data.map { try JSONParser.parse($0) }
    var vars = ObjectValue()
    if let variables, case .object(let o) = try JSONParser.parse(variables) { vars = o }
    let result = await execute(schema: schema, document: document, operationName: operationName,
                               variableValues: vars, rootValue: root, context: context, resolvers: resolvers)
    return JSONSerializer.string(result)
}

func run(_ schema: GraphQLSchema, _ query: String, data: String? = nil, variables: String? = nil,
         operationName: String? = nil, resolvers: ResolverMap<Void> = ResolverMap()) async throws -> String {
    try await run(schema, query, data: data, variables: variables, operationName: operationName,
                  context: (), resolvers: resolvers)
}

/// Normalises hand-written expected JSON (whitespace) into the serialiser's compact form.
func json(_ text: String) throws -> String {
    JSONSerializer.string(try JSONParser.parse(text))
}

/// Compares a response with expected JSON text, showing both on mismatch.
func expectJSON(_ out: String, _ expected: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
    let want = try json(expected)
    #expect(out == want, "\n got: \(out)\nwant: \(want)", sourceLocation: sourceLocation)
}
