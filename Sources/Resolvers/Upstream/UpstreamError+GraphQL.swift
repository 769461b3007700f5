import Schema

/// An upstream failure shown on the fields it nulls: the safe message, plus `code` and `tool`
/// (and `retryAfter` in seconds when the tool said how long to wait) in `extensions`.
extension UpstreamError: GraphQLFieldErrorConvertible {
    public var clientMessage: String { message }

    public var clientExtensions: [(String, Value)] {
        var extensions: [(String, Value)] = [("code", .string(code.rawValue)), ("tool", .string(tool))]
        if let retryAfter {
            let whole = retryAfter.rounded(.up)
            extensions.append(("retryAfter", whole < Double(Int.max) ? .int(Int(whole)) : .float(retryAfter)))
        }
        return extensions
    }
}
