@testable import Schema

/// The errors `buildSchema` reports for `sdl` (empty when it builds).
func schemaErrors(_ sdl: String, options: BuildSchemaOptions = .init()) -> [GraphQLError] {
    do {
        _ = try buildSchema(sdl, options: options)
        return []
    } catch {
        return error.errors
    }
}

/// Messages and `line:column` positions of errors, compact enough to compare in one expectation.
func summary(_ errors: [GraphQLError]) -> [String] {
    errors.map { e in
        e.message + " @" + e.locations.map { "\($0.line):\($0.column)" }.joined(separator: ",")
    }
}
