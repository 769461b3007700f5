import Schema

/// `{"errors": [...]}` (the list is present even when empty), with exit status 0 without
/// errors and 1 with.
func errorsResult(_ errors: [GraphQLError]) -> CommandResult {
    var bytes = JSONSerializer.serialize(.object(ObjectValue([("errors", .list(errors.map(\.responseValue)))])))
    bytes.append(0x0A)
    return CommandResult(stdout: bytes, status: errors.isEmpty ? 0 : 1)
}
