import Foundation
import Schema

/// Builds a schema from SDL files. A schema that does not build is a usage problem for the
/// command at hand: its errors go to stderr on one line, with file, line and column.
///
/// - Parameter complete: run the type-system validation of spec section 3 too. Off for a schema
///   that an SDL document extends: like graphql-js, such a base may be partial (no query type).
func loadSchema(_ paths: [String], complete: Bool = true) throws -> GraphQLSchema {
    let sources = try paths.map(readSource)
    do {
        return try buildSchema(sources, options: BuildSchemaOptions(assumeValid: !complete))
    } catch {
        let lines = error.errors.map { e -> String in
            let at = e.locations.first.map { ":\($0.line):\($0.column)" } ?? ""
            return "\(paths.count == 1 ? paths[0] : "schema")\(at): \(e.message)"
        }
        throw UsageError("invalid schema: " + lines.joined(separator: "; "))
    }
}
