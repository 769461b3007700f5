import Foundation
import Yams

/// One scalar value after `${VAR}` substitution, with where it was written.
struct ConfigScalar {
    var text: String
    var position: ConfigPosition
    var keyPath: String
    var substitution: EnvironmentSubstitution.Result
    /// Secret-bearing keys (tokens, URLs that may hold passwords) are never quoted back.
    var secret: Bool

    /// The value as it may appear in a message: only literal, non-secret text is quoted back.
    var quoted: String? {
        guard !secret, substitution.references.isEmpty else { return nil }
        return "'\(text)'"
    }

    /// Why the value is empty, when an environment variable is to blame.
    var emptyBecause: String? {
        if let name = substitution.unset.first { return "environment variable \(name) is not set" }
        if let name = substitution.references.first { return "environment variable \(name) is empty" }
        return nil
    }
}

/// A mapping of the file whose unknown keys were already reported.
struct ConfigMapping {
    /// Dotted path (`tools.github`); empty for the document root.
    var keyPath: String
    /// Where the mapping's own key is (or the mapping itself, for the root).
    var position: ConfigPosition
    var values: [String: Node] = [:]
    /// Where each present key is written.
    var keyPositions: [String: ConfigPosition] = [:]

    func path(_ key: String) -> String { keyPath.isEmpty ? key : "\(keyPath).\(key)" }
    func has(_ key: String) -> Bool { values[key] != nil }
}

/// Reads typed values out of a composed YAML document, collecting every problem instead of
/// stopping at the first. Each accessor returns the value to use (the default when the value is
/// absent, null or wrong) and records what is wrong.
struct ConfigReader {
    let file: String
    let environment: [String: String]
    private(set) var problems: [ConfigProblem] = []

    init(file: String, environment: [String: String]) {
        self.file = file
        self.environment = environment
    }

    mutating func report(_ message: String, at position: ConfigPosition) {
        problems.append(ConfigProblem(file: file, line: position.line, column: position.column, message: message))
    }

    // MARK: Mappings

    /// The mapping at `node` (absent or null: empty), reporting keys not in `allowedKeys`.
    mutating func mapping(_ node: Node?, keyPath: String, at position: ConfigPosition, allowedKeys: [String]) -> ConfigMapping {
        var result = ConfigMapping(keyPath: keyPath, position: position)
        guard let node, !Self.isNull(node) else { return result }
        guard case .mapping(let mapping) = node else {
            report("\(keyPath.isEmpty ? "the configuration" : keyPath): expected a mapping of keys to values", at: ConfigPosition(node.mark))
            return result
        }
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else {
                report("\(keyPath.isEmpty ? "the configuration" : keyPath): expected a key name", at: ConfigPosition(keyNode.mark))
                continue
            }
            let name = key.string
            guard allowedKeys.contains(name) else {
                let place = keyPath.isEmpty ? "at the top level" : "in \(keyPath)"
                var message = "unknown key '\(name)' \(place)"
                if let suggestion = KeySuggestion.closest(to: name, among: allowedKeys) {
                    message += " (did you mean '\(suggestion)'?)"
                }
                report(message, at: ConfigPosition(keyNode.mark))
                continue
            }
            result.values[name] = value
            result.keyPositions[name] = ConfigPosition(keyNode.mark)
        }
        return result
    }

    /// The sub-mapping under `key` of `parent`.
    mutating func section(_ parent: ConfigMapping, _ key: String, allowedKeys: [String]) -> ConfigMapping {
        let position = parent.keyPositions[key] ?? parent.position
        return mapping(parent.values[key], keyPath: parent.path(key), at: position, allowedKeys: allowedKeys)
    }

    // MARK: Scalars

    /// The substituted scalar under `key`; nil when absent or null (or not a scalar, reported).
    mutating func scalar(_ parent: ConfigMapping, _ key: String, secret: Bool = false) -> ConfigScalar? {
        guard let node = parent.values[key], !Self.isNull(node) else { return nil }
        return scalar(node, keyPath: parent.path(key), secret: secret)
    }

    mutating func scalar(_ node: Node, keyPath: String, secret: Bool) -> ConfigScalar? {
        let position = ConfigPosition(node.mark)
        guard case .scalar(let scalar) = node else {
            report("\(keyPath): expected a single value, not a \(node.mapping != nil ? "mapping" : "list")", at: position)
            return nil
        }
        do {
            let substituted = try EnvironmentSubstitution.apply(scalar.string, environment: environment)
            return ConfigScalar(text: substituted.text, position: position, keyPath: keyPath, substitution: substituted, secret: secret)
        } catch {
            report("\(keyPath): \(error.message)", at: position)
            return nil
        }
    }

    mutating func string(_ parent: ConfigMapping, _ key: String, default value: String, secret: Bool = false) -> String {
        scalar(parent, key, secret: secret)?.text ?? value
    }

    mutating func int(_ parent: ConfigMapping, _ key: String, range: ClosedRange<Int>, default value: Int) -> Int {
        guard let scalar = scalar(parent, key) else { return value }
        let expected = range.upperBound == .max ? "an integer of at least \(range.lowerBound)" : "an integer from \(range.lowerBound) to \(range.upperBound)"
        // Digits may be grouped with single underscores between them (`1_048_576`).
        let grouped = !scalar.text.hasPrefix("_") && !scalar.text.hasSuffix("_") && !scalar.text.contains("__")
        guard grouped, let number = Int(scalar.text.replacingOccurrences(of: "_", with: "")) else {
            report(mismatch(scalar, expected: expected), at: scalar.position)
            return value
        }
        guard range.contains(number) else {
            report("\(scalar.keyPath): \(number) is out of range: expected \(expected)", at: scalar.position)
            return value
        }
        return number
    }

    mutating func bool(_ parent: ConfigMapping, _ key: String, default value: Bool) -> Bool {
        guard let scalar = scalar(parent, key) else { return value }
        switch scalar.text {
        case "true", "True", "TRUE": return true
        case "false", "False", "FALSE": return false
        default:
            report(mismatch(scalar, expected: "true or false"), at: scalar.position)
            return value
        }
    }

    /// A duration (`500ms`, `60s`, `2m`, `1h`), greater than zero unless `allowZero`.
    mutating func duration(_ parent: ConfigMapping, _ key: String, allowZero: Bool = false, default value: Duration) -> Duration {
        guard let scalar = scalar(parent, key) else { return value }
        guard let duration = DurationSyntax.parse(scalar.text) else {
            report(mismatch(scalar, expected: "a duration such as 500ms, 60s, 2m or 1h"), at: scalar.position)
            return value
        }
        guard allowZero || duration > .zero else {
            report("\(scalar.keyPath): \(scalar.text) is out of range: expected a duration greater than 0", at: scalar.position)
            return value
        }
        return duration
    }

    /// A list of scalars (absent or null: nil, so the caller keeps its default).
    mutating func list(_ parent: ConfigMapping, _ key: String) -> [ConfigScalar]? {
        guard let node = parent.values[key], !Self.isNull(node) else { return nil }
        let keyPath = parent.path(key)
        guard case .sequence(let sequence) = node else {
            report("\(keyPath): expected a list", at: ConfigPosition(node.mark))
            return nil
        }
        return sequence.enumerated().compactMap { index, item in
            scalar(item, keyPath: "\(keyPath)[\(index)]", secret: false)
        }
    }

    // MARK: Messages

    /// "`key`: expected X, got 'value'" (or why it is empty, or no value when secret).
    func mismatch(_ scalar: ConfigScalar, expected: String) -> String {
        if scalar.text.isEmpty, let reason = scalar.emptyBecause {
            return "\(scalar.keyPath): expected \(expected), but \(reason)"
        }
        if let quoted = scalar.quoted {
            return "\(scalar.keyPath): expected \(expected), got \(quoted)"
        }
        return "\(scalar.keyPath): expected \(expected)"
    }

    /// A plain `~`, `null` or empty value: the key is treated as absent (its default applies).
    static func isNull(_ node: Node) -> Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain || scalar.style == .any else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }
}
