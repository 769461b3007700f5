/// How ready one enabled tool is to answer, for `/readyz`.
public struct ToolReadiness: Sendable, Equatable {
    /// The tool's slug (`github`, `gitlab`, `jira`).
    public var tool: String
    public var state: ReadinessState
    /// Why the tool is not `ok` (an error code and a client-safe message); nil when ok.
    public var message: String?

    public init(tool: String, state: ReadinessState, message: String? = nil) {
        self.tool = tool
        self.state = state
        self.message = message
    }
}

/// `ok`: the tool answered. `degraded`: it answered but is throttling us (or its budget is
/// spent). `down`: it did not answer, or refused the credentials.
public enum ReadinessState: String, Sendable {
    case ok, degraded, down
}
