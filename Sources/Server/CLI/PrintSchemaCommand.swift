import Schema

/// `hyperpage graphql print-schema --schema FILE...`: prints the SDL of the built schema.
struct PrintSchemaCommand {
    let schemaPaths: [String]

    init(_ args: inout ArgumentList) throws {
        let parsed = try args.parse(valued: ["schema"], flags: [])
        schemaPaths = parsed.options.map(\.1) + parsed.positionals
        if schemaPaths.isEmpty { throw UsageError("print-schema needs --schema FILE") }
    }

    func run() throws -> CommandResult {
        let schema = try loadSchema(schemaPaths)
        return CommandResult(stdout: Array((printSchema(schema) + "\n").utf8))
    }
}
