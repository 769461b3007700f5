import Schema

/// `hyperpage graphql parse [--tokens] FILE|-`: parses a document (or with `--tokens` only lexes
/// it to the end) and prints `{"errors": [...]}`.
struct ParseCommand {
    let tokensOnly: Bool
    let path: String

    init(_ args: inout ArgumentList) throws {
        let parsed = try args.parse(valued: [], flags: ["tokens"])
        tokensOnly = parsed.flags.contains("tokens")
        path = try singleDocumentPath(parsed.positionals)
    }

    func run() throws -> CommandResult {
        let source = try readSource(path)
        var errors: [GraphQLError] = []
        do {
            if tokensOnly {
                _ = try tokenize(source)
            } else {
                _ = try parse(source)
            }
        } catch {
            errors.append(error)
        }
        return errorsResult(errors)
    }
}
