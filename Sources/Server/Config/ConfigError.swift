/// One thing wrong with a configuration file, located for a human: `FILE:LINE:COLUMN: message`.
///
/// Messages name the key (`server.port: …`) and never contain a secret: values are quoted back
/// only when they were written literally in the file and are not secret-bearing keys.
public struct ConfigProblem: Sendable, Equatable, CustomStringConvertible {
    public var file: String
    /// 1-based; 0 when the problem concerns the whole file (it cannot be read).
    public var line: Int
    /// 1-based, counted in Unicode scalars (as libyaml does); 0 with `line` 0.
    public var column: Int
    public var message: String

    public init(file: String, line: Int, column: Int, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(file):\(line):\(column): \(message)" : "\(file): \(message)"
    }
}

/// Why a configuration could not be loaded: every problem found, in file order.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public enum Code: String, Sendable {
        /// The file is missing or unreadable (a usage problem for the command line: exit 2).
        case unreadableFile = "CONFIG_UNREADABLE"
        /// The file was read but is not a valid configuration (exit 1).
        case invalid = "CONFIG_INVALID"
    }

    public var code: Code
    public var problems: [ConfigProblem]

    public init(code: Code, problems: [ConfigProblem]) {
        self.code = code
        self.problems = problems
    }

    /// One `FILE:LINE:COLUMN: message` line per problem.
    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
