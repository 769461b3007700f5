import Schema

/// `hyperpage demo [--query FILE|-]`: answers a dashboard query over the built-in demo workspace
/// and prints the GraphQL response.
struct DemoCommand {
    let queryPath: String?

    init(_ args: inout ArgumentList) throws {
        let parsed = try args.parse(valued: ["query"], flags: [])
        if !parsed.positionals.isEmpty { throw UsageError("demo takes no positional arguments") }
        queryPath = parsed.options.last?.1
    }

    func run() async throws -> CommandResult {
        let schema = try buildSchema([Source(DemoWorkspace.schemaSDL, name: "demo schema")])
        let data = try JSONParser.parse(DemoWorkspace.dataJSON)
        let source = try queryPath.map(readSource) ?? Source(DemoWorkspace.query, name: "demo query")
        let run = await Pipeline(schema: schema, source: source, rootValue: data, variables: ObjectValue(), operationName: nil).runOnce()
        return CommandResult(stdout: run.output + [0x0A], status: run.hadErrors ? 1 : 0)
    }
}
