import Foundation
import Yams

/// Reads a Hyperpage configuration file (YAML, through Yams/libyaml), substitutes `${VAR}`
/// references from the given environment, and checks every key, type, range and required
/// value, collecting all the problems it finds (not just the first) with 1-based line and column.
///
/// The environment is a parameter: only the command line's edge reads the process environment.
/// Relative paths in the file (`graphql.schema_dir`) are kept as written: they resolve against
/// the working directory of the process, not the file's folder.
public enum ConfigLoader {
    /// Loads the file at `path`; `ConfigError.Code.unreadableFile` when it cannot be read.
    public static func load(path: String, environment: [String: String]) throws(ConfigError) -> HyperpageConfig {
        guard let data = FileManager.default.contents(atPath: path) else {
            let what = FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file"
            throw ConfigError(code: .unreadableFile, problems: [ConfigProblem(file: path, line: 0, column: 0, message: what)])
        }
        return try load(bytes: Array(data), file: path, environment: environment)
    }

    /// Loads a configuration from UTF-8 `bytes`; `file` names it in problems.
    public static func load(bytes: [UInt8], file: String, environment: [String: String]) throws(ConfigError) -> HyperpageConfig {
        guard let text = String(validating: bytes, as: UTF8.self) else {
            let at = firstInvalidUTF8Position(bytes)
            throw ConfigError(code: .invalid, problems: [
                ConfigProblem(file: file, line: at.line, column: at.column, message: "the file is not UTF-8 text"),
            ])
        }
        return try load(yaml: text, file: file, environment: environment)
    }

    /// Loads a configuration from YAML text; `file` names it in problems.
    public static func load(yaml: String, file: String, environment: [String: String]) throws(ConfigError) -> HyperpageConfig {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ConfigError(code: .invalid, problems: [syntaxProblem(error, yaml: yaml, file: file)])
        }
        var reader = ConfigReader(file: file, environment: environment)
        let config = reader.readConfig(root)
        let problems = reader.problems.isEmpty ? WarmQueryCheck.problems(config, file: file) : reader.problems
        guard problems.isEmpty else {
            let ordered = problems.enumerated().sorted {
                ($0.element.line, $0.element.column, $0.offset) < ($1.element.line, $1.element.column, $1.offset)
            }.map(\.element)
            throw ConfigError(code: .invalid, problems: ordered)
        }
        return config
    }

    /// A libyaml error as a located problem.
    private static func syntaxProblem(_ error: any Error, yaml: String, file: String) -> ConfigProblem {
        func problem(_ mark: Mark, _ message: String, _ context: YamlError.Context?) -> ConfigProblem {
            var text = "invalid YAML: \(message)"
            if let context {
                text += " (\(context.text) at line \(context.mark.line), column \(context.mark.column))"
            }
            return ConfigProblem(file: file, line: mark.line, column: mark.column, message: text)
        }
        switch error as? YamlError {
        case .scanner(let context, let message, let mark, _),
             .parser(let context, let message, let mark, _),
             .composer(let context, let message, let mark, _):
            return problem(mark, message, context)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return ConfigProblem(file: file, line: context.mark.line, column: context.mark.column,
                                 message: "invalid YAML: key \(keys) appears more than once in the same mapping")
        case .reader(let message, let offset, _, _):
            let at = offset.map { position(ofCharacterOffset: $0, in: yaml) } ?? .start
            return ConfigProblem(file: file, line: at.line, column: at.column, message: "invalid YAML: \(message)")
        default:
            return ConfigProblem(file: file, line: 1, column: 1, message: "invalid YAML")
        }
    }

    /// Line and column (in Unicode scalars) of the `offset`-th character of `text`.
    private static func position(ofCharacterOffset offset: Int, in text: String) -> ConfigPosition {
        var at = ConfigPosition.start
        for character in text.prefix(offset) {
            if character == "\n" || character == "\r\n" {
                at = ConfigPosition(line: at.line + 1, column: 1)
            } else {
                at.column += character.unicodeScalars.count
            }
        }
        return at
    }

    /// Line and column (in Unicode scalars) of the first byte that is not valid UTF-8.
    private static func firstInvalidUTF8Position(_ bytes: [UInt8]) -> ConfigPosition {
        var at = ConfigPosition.start
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        while case .scalarValue(let scalar) = decoder.decode(&iterator) {
            if scalar == "\n" {
                at = ConfigPosition(line: at.line + 1, column: 1)
            } else {
                at.column += 1
            }
        }
        return at
    }
}
