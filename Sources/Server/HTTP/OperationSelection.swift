import Schema

/// The operation a request asks to run and the fragments it may spread: what the HTTP layer's
/// checks (GET-only-queries, depth, complexity) look at before execution.
struct SelectedOperation {
    let operation: OperationDefinition
    let fragments: [String: FragmentDefinition]

    /// Picks the operation like the spec's GetOperation (6.1.1): the one named `operationName`,
    /// or the only one when no name is given. `nil` when that fails; execution then reports the
    /// request error itself.
    init?(document: Document, operationName: String?) {
        var found: OperationDefinition?
        var count = 0
        var fragments: [String: FragmentDefinition] = [:]
        for definition in document.definitions {
            switch definition {
            case .operation(let op):
                count += 1
                if let operationName {
                    if op.name?.value == operationName && found == nil { found = op }
                } else if found == nil {
                    found = op
                }
            case .fragment(let f):
                if fragments[f.name.value] == nil { fragments[f.name.value] = f }
            default:
                break
            }
        }
        guard let found, operationName != nil || count == 1 else { return nil }
        operation = found
        self.fragments = fragments
    }
}
