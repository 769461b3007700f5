import Foundation
import Schema

/// Builds a schema from SDL files. A schema that does not build is a usage problem for the
/// command at hand: its errors go to stderr, one per line, with file, line and column.
func loadSchema(_ paths: [String]) throws -> GraphQLSchema {
    let sources = try paths.map(readSource)
    do {
        return try buildSchema(sources)
    } catch {
        let lines = error.errors.map { e -> String in
            let at = e.locations.first.map { ":\($0.line):\($0.column)" } ?? ""
            return "\(paths.count == 1 ? paths[0] : "schema")\(at): \(e.message)"
        }
        throw UsageError("invalid schema: " + lines.joined(separator: "; "))
    }
}
