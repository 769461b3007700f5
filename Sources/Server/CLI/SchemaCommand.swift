import Foundation
import Resolvers
import Schema

/// `hyperpage schema print --config FILE`: prints the SDL of the schema the server would serve,
/// composed from the enabled tools' files in `graphql.schema_dir`.
///
/// Exit 0 with the SDL on stdout; 1 when the configuration has problems (one
/// `FILE:LINE:COLUMN: message` line each on stderr); 2 for usage problems, an unreadable
/// configuration, or schema files that are missing or do not build.
struct SchemaCommand {
    let path: String
    let environment: [String: String]

    init(_ args: inout ArgumentList, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let sub = args.next() else { throw UsageError("missing schema sub-command (print)") }
        guard sub == "print" else { throw UsageError("unknown schema sub-command '\(sub)'") }
        path = try configPath(&args, command: "schema print")
        self.environment = environment
    }

    func run() throws -> CommandResult {
        let config: HyperpageConfig
        switch loadConfig(path: path, environment: environment) {
        case .failure(let failure): return failure.result
        case .success(let loaded): config = loaded
        }
        do {
            let schema = try ToolSchema.load(directory: config.graphql.schemaDir, endpoints: config.toolEndpoints,
                                             extraFiles: ServerAssembly.extraSchemaFiles(config))
            return CommandResult(stdout: Array((printSchema(schema) + "\n").utf8))
        } catch {
            throw UsageError(error.message)
        }
    }
}
