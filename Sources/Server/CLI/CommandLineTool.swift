import Foundation
import Schema

/// The `hyperpage` command line: dispatches sub-commands and turns failures into the exit
/// statuses the contract promises (0 no errors, 1 GraphQL errors, 2 usage or I/O errors).
public enum CommandLineTool {
    public static let usage = """
        usage: hyperpage <command> [options]

        commands:
          demo [--port N] [--schema-dir DIR] [--once]
                                                 serve against built-in fakes of GitHub, GitLab and Jira
                                                 (--once: run the example combined query and exit)
          serve --config FILE                    serve the tools a configuration file enables
          migrate [status] [--config FILE] [--database-url URL] [--dir DIR]
                                                 apply pending database migrations (status: list them)
          graphql parse [--tokens] FILE|-        parse (or only lex) a document
          graphql validate [--sdl] [--schema FILE]... [--rule NAME]... FILE|-
                                                 validate an executable document (or an SDL document)
          graphql execute --schema FILE... [--data FILE.json] [--variables FILE.json]
                          [--operation NAME] [--repeat N] FILE|-
                                                 execute a document over JSON data
          graphql print-schema --schema FILE...  print the schema built from SDL files
          keys rotate [--config FILE] [--database-url URL] [--dir DIR]
                                                 re-encrypt every stored token under the active key
                                                 of HYPERPAGE_TOKEN_KEYS
          persisted add --config FILE [--database-url URL] [--dir DIR] FILE...
                                                 validate documents against the configured schema
                                                 and register them as trusted (prints hash and file)
          persisted list [--config FILE] [--database-url URL] [--dir DIR]
                                                 list persisted documents (hash, trusted, created,
                                                 last used)
          persisted remove [--config FILE] [--database-url URL] [--dir DIR] HASH
                                                 delete one persisted document
          config check --config FILE             check a server configuration file
          schema print --config FILE             print the schema a configuration serves
        """

    /// Runs the command line, writes its output to stdout/stderr and returns the exit status.
    public static func run(_ arguments: [String]) async -> Int32 {
        let result = await execute(arguments)
        if !result.stdout.isEmpty { FileHandle.standardOutput.write(Data(result.stdout)) }
        if !result.stderr.isEmpty { FileHandle.standardError.write(Data(result.stderr.utf8)) }
        return result.status
    }

    /// Runs the command line and returns what it would print and its exit status, without
    /// touching the process's streams (except reading standard input for `-`). `environment`
    /// is what `keys` reads `HYPERPAGE_TOKEN_KEYS` and `${…}` substitutions from.
    public static func execute(_ arguments: [String],
                               environment: [String: String] = ProcessInfo.processInfo.environment) async -> CommandResult {
        do {
            var args = ArgumentList(arguments)
            guard let command = args.next() else { throw UsageError("missing command") }
            switch command {
            case "graphql":
                guard let sub = args.next() else { throw UsageError("missing graphql sub-command") }
                switch sub {
                case "parse": return try ParseCommand(&args).run()
                case "validate": return try ValidateCommand(&args).run()
                case "execute": return try await ExecuteCommand(&args).run()
                case "print-schema": return try PrintSchemaCommand(&args).run()
                default: throw UsageError("unknown graphql sub-command '\(sub)'")
                }
            case "demo":
                return try await DemoCommand(&args).run()
            case "serve":
                return try await ServeCommand(&args).run()
            case "migrate":
                return try await MigrateCommand(&args).run()
            case "config":
                return try ConfigCommand(&args).run()
            case "keys":
                return try await KeysCommand(&args, environment: environment).run()
            case "persisted":
                return try await PersistedCommand(&args, environment: environment).run()
            case "schema":
                return try SchemaCommand(&args).run()
            case "-h", "--help", "help":
                return CommandResult(stdout: Array((usage + "\n").utf8))
            default:
                throw UsageError("unknown command '\(command)'")
            }
        } catch let error as UsageError {
            return CommandResult(stderr: "hyperpage: \(error.message)\n", status: 2)
        } catch {
            return CommandResult(stderr: "hyperpage: \(error)\n", status: 2)
        }
    }
}

/// A usage or I/O problem: reported as one line on stderr with exit status 2.
struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// What a command printed and its exit status.
public struct CommandResult: Sendable {
    public var stdout: [UInt8]
    public var stderr: String
    public var status: Int32

    public init(stdout: [UInt8] = [], stderr: String = "", status: Int32 = 0) {
        self.stdout = stdout
        self.stderr = stderr
        self.status = status
    }

    public var stdoutText: String { String(decoding: stdout, as: UTF8.self) }
}
