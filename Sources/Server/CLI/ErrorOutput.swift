import Schema

/// Prints `{"errors": [...]}` (the list is present even when empty) and returns the exit
/// status: 0 without errors, 1 with.
func printErrors(_ errors: [GraphQLError]) -> Int32 {
    var bytes = serializeErrorList(errors)
    bytes.append(0x0A)
    writeStdout(bytes)
    return errors.isEmpty ? 0 : 1
}
