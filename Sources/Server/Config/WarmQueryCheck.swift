import Resolvers
import Schema

/// Checks `cache.warm_queries` against the schema the configuration would serve: each must
/// parse and validate, or the file is refused with a problem at the query and the line and
/// column inside it. When the schema itself does not build, nothing is reported here (serving
/// reports that).
enum WarmQueryCheck {
    static func problems(_ config: HyperpageConfig, file: String) -> [ConfigProblem] {
        guard !config.cache.warmQueries.isEmpty,
              let schema = try? ToolSchema.load(directory: config.graphql.schemaDir, endpoints: config.toolEndpoints,
                                                extraFiles: ServerAssembly.extraSchemaFiles(config)) else { return [] }
        var problems: [ConfigProblem] = []
        for (index, warm) in config.cache.warmQueries.enumerated() {
            var errors: [GraphQLError]
            do {
                let document = try parse(Source(warm.query))
                errors = validate(schema: schema, document: document)
                if errors.isEmpty, let operation = SelectedOperation(document: document, operationName: nil)?.operation,
                   operation.operation != .query {
                    errors = [GraphQLError(message: "only queries can be kept warm")]
                }
            } catch {
                errors = [error]
            }
            for error in errors {
                let at = error.locations.first.map { " (query line \($0.line), column \($0.column))" } ?? ""
                problems.append(ConfigProblem(file: file, line: warm.line, column: warm.column,
                                              message: "cache.warm_queries[\(index)] '\(warm.name)'\(at): \(error.message)"))
            }
        }
        return problems
    }
}
