import Foundation
import Resolvers

/// `hyperpage config check --config FILE`: validates a configuration without serving.
///
/// Exit 0 with a one-line summary of the enabled tools on stdout; exit 1 with one
/// `FILE:LINE:COLUMN: message` line per problem on stderr; exit 2 for usage problems (missing
/// option, unreadable file). Secrets are never printed.
struct ConfigCommand {
    let path: String
    let environment: [String: String]

    init(_ args: inout ArgumentList, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let sub = args.next() else { throw UsageError("missing config sub-command (check)") }
        guard sub == "check" else { throw UsageError("unknown config sub-command '\(sub)'") }
        path = try configPath(&args, command: "config check")
        self.environment = environment
    }

    func run() throws -> CommandResult {
        switch loadConfig(path: path, environment: environment) {
        case .failure(let failure):
            return failure.result
        case .success(let config):
            return CommandResult(stdout: Array("\(path): ok; \(Self.summary(config.toolEndpoints))\n".utf8))
        }
    }

    /// "tools: github, jira, ticketing" — the tools and views the server would serve, noting views
    /// that are switched on but have no tool to feed them.
    static func summary(_ endpoints: ToolEndpoints) -> String {
        var served: [String] = []
        var unfed: [String] = []
        if endpoints.github != nil { served.append("github") }
        if endpoints.gitlab != nil { served.append("gitlab") }
        if endpoints.jira != nil { served.append("jira") }
        for (name, on, serves) in [("code_reviews", endpoints.codeReviews, endpoints.servesCodeReviews),
                                   ("ci_cd", endpoints.ciCd, endpoints.servesCIcd),
                                   ("ticketing", endpoints.ticketing, endpoints.servesTicketing)] {
            if serves { served.append(name) } else if on { unfed.append(name) }
        }
        var line = "tools: " + (served.isEmpty ? "none enabled" : served.joined(separator: ", "))
        if !unfed.isEmpty {
            line += " (enabled but not served, no tool feeds them: \(unfed.joined(separator: ", ")))"
        }
        return line
    }
}

/// The `--config FILE` option, the only argument a config-driven command takes.
func configPath(_ args: inout ArgumentList, command: String) throws -> String {
    let parsed = try args.parse(valued: ["config"], flags: [])
    if let extra = parsed.positionals.first { throw UsageError("\(command): unexpected argument '\(extra)'") }
    guard let path = parsed.options.last?.1 else { throw UsageError("\(command) needs --config FILE") }
    return path
}

/// Loads a configuration for a command: an unreadable file is a usage problem (exit 2), an
/// invalid one prints each problem as `FILE:LINE:COLUMN: message` (exit 1).
func loadConfig(path: String, environment: [String: String]) -> Result<HyperpageConfig, ConfigCommandFailure> {
    do {
        return .success(try ConfigLoader.load(path: path, environment: environment))
    } catch {
        if error.code == .unreadableFile {
            let lines = error.problems.map { "hyperpage: \($0)\n" }.joined()
            return .failure(ConfigCommandFailure(result: CommandResult(stderr: lines, status: 2)))
        }
        let lines = error.problems.map { "\($0)\n" }.joined()
        return .failure(ConfigCommandFailure(result: CommandResult(stderr: lines, status: 1)))
    }
}

/// A command's output when its configuration did not load.
struct ConfigCommandFailure: Error {
    let result: CommandResult
}
