import Foundation
import Schema

/// A cursor over command-line arguments that understands `--flag value` and `--flag=value`.
struct ArgumentList {
    private var items: [String]
    private var index = 0

    init(_ items: [String]) { self.items = items }

    mutating func next() -> String? {
        guard index < items.count else { return nil }
        defer { index += 1 }
        return items[index]
    }

    /// Splits the remaining arguments into options and positionals. `valued` names the options
    /// that take a value; every other `--name` is a boolean flag.
    mutating func parse(valued: Set<String>, flags: Set<String>) throws -> (options: [(String, String)], flags: Set<String>, positionals: [String]) {
        var options: [(String, String)] = []
        var seen: Set<String> = []
        var positionals: [String] = []
        while let arg = next() {
            if arg.hasPrefix("--") {
                var name = String(arg.dropFirst(2))
                var value: String?
                if let eq = name.firstIndex(of: "=") {
                    value = String(name[name.index(after: eq)...])
                    name = String(name[..<eq])
                }
                if valued.contains(name) {
                    guard let v = value ?? next() else { throw UsageError("option --\(name) needs a value") }
                    options.append((name, v))
                } else if flags.contains(name), value == nil {
                    seen.insert(name)
                } else {
                    throw UsageError("unknown option --\(name)")
                }
            } else {
                positionals.append(arg)
            }
        }
        return (options, seen, positionals)
    }
}

/// Reads a file, or standard input for `-`.
func readInput(_ path: String) throws -> [UInt8] {
    if path == "-" {
        return Array(FileHandle.standardInput.readDataToEndOfFile())
    }
    guard let data = FileManager.default.contents(atPath: path) else {
        throw UsageError("cannot read \(path)")
    }
    return Array(data)
}

func readSource(_ path: String) throws -> Source {
    Source(bytes: try readInput(path), name: path == "-" ? "stdin" : path)
}

/// Exactly one positional document argument.
func singleDocumentPath(_ positionals: [String]) throws -> String {
    guard positionals.count == 1 else {
        throw UsageError(positionals.isEmpty ? "missing document (a FILE or - for stdin)" : "expected one document, got \(positionals.count)")
    }
    return positionals[0]
}
