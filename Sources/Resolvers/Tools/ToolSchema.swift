import Foundation
import Schema

/// The served schema: the SDL files of the enabled tools (`ToolEndpoints.schemaFileNames`)
/// read from the schema folder and built into one schema, so a disabled tool's fields and types
/// are absent.
public enum ToolSchema {
    /// Reads and builds the schema for `endpoints` from `directory`, plus `extraFiles` (features
    /// outside the tools, e.g. `auth.graphql` when sign-in is configured).
    public static func load(directory: String, endpoints: ToolEndpoints,
                            extraFiles: [String] = []) throws(ToolSchemaError) -> GraphQLSchema {
        var sources: [Source] = []
        for name in endpoints.schemaFileNames + extraFiles {
            let path = (directory as NSString).appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw ToolSchemaError(message: "\(path): cannot read the schema file")
            }
            let source = Source(bytes: [UInt8](data), name: path)
            do {
                _ = try parse(source, options: ParseOptions(maxTokens: 10_000_000))
            } catch {
                let at = error.locations.first.map { ":\($0.line):\($0.column)" } ?? ""
                throw ToolSchemaError(message: "\(path)\(at): \(error.message)")
            }
            sources.append(source)
        }
        do {
            return try buildSchema(sources, options: BuildSchemaOptions(scalars: ["DateTime": .dateTime, "URL": .url]))
        } catch {
            let first = error.errors.first
            let at = first?.locations.first.map { ":\($0.line):\($0.column)" } ?? ""
            throw ToolSchemaError(message: "schema in \(directory)\(at): \(first?.message ?? "invalid schema")")
        }
    }
}

/// The schema folder is missing a file or its SDL does not build; `message` names the file.
public struct ToolSchemaError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
