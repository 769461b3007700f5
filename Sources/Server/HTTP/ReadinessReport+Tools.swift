import Resolvers

extension ReadinessReport.Check {
    /// A tool's readiness (`ToolRuntime.readiness`) as a non-essential check: a tool that is
    /// down nulls only its own fields, so the server stays ready and reports `degraded`.
    public init(_ tool: ToolReadiness) {
        let status: ReadinessReport.Status = switch tool.state {
        case .ok: .ok
        case .degraded: .degraded
        case .down: .down
        }
        self.init(name: tool.tool, kind: .tool, status: status, message: tool.message, essential: false)
    }
}

extension ReadinessReport {
    /// The report of the given dependency checks followed by one check per tool.
    public init(dependencies: [Check] = [], tools: [ToolReadiness]) {
        self.init(checks: dependencies + tools.map(Check.init))
    }
}
