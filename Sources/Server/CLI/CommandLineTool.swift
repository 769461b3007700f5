import Foundation
import Schema

/// The `hyperpage` command line: dispatches sub-commands and turns failures into the exit
/// statuses the contract promises (0 no errors, 1 GraphQL errors, 2 usage or I/O errors).
public enum CommandLineTool {
    public static let usage = """
        usage: hyperpage <command> [options]

        commands:
          demo                                   run the built-in demo query and print the response
          graphql parse [--tokens] FILE|-        parse (or only lex) a document
          graphql validate [--sdl] [--schema FILE]... [--rule NAME]... FILE|-
                                                 validate an executable document (or an SDL document)
          graphql execute --schema FILE... [--data FILE.json] [--variables FILE.json]
                          [--operation NAME] [--repeat N] FILE|-
                                                 execute a document over JSON data
          graphql print-schema --schema FILE...  print the schema built from SDL files
        """

    /// Runs the command line and returns the process exit status.
    public static func run(_ arguments: [String]) async -> Int32 {
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
            case "-h", "--help", "help":
                print(usage)
                return 0
            default:
                throw UsageError("unknown command '\(command)'")
            }
        } catch let error as UsageError {
            FileHandle.standardError.write(Data("hyperpage: \(error.message)\n".utf8))
            return 2
        } catch {
            FileHandle.standardError.write(Data("hyperpage: \(error)\n".utf8))
            return 2
        }
    }
}

/// A usage or I/O problem: reported as one line on stderr with exit status 2.
struct UsageError: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
