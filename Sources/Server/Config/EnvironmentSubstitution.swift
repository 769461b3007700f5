/// `${VAR}` / `${VAR:-default}` substitution in one scalar value.
///
/// - `${NAME}` becomes the variable's value, or the empty text when it is not set (whether that
///   is a problem is up to the key: required keys report the unset variable by name).
/// - `${NAME:-default}` becomes `default` when the variable is unset or empty; the default is
///   literal text up to the first `}`.
/// - `$$` is a literal `$`; a `$` not followed by `{` or `$` is kept as is.
/// - NAME is `[A-Za-z_][A-Za-z0-9_]*`; anything else inside `${…}` is a problem.
enum EnvironmentSubstitution {
    struct Result: Equatable {
        var text: String
        /// Every variable referenced, in order.
        var references: [String]
        /// Referenced variables that were unset and had no default.
        var unset: [String]
    }

    struct Failure: Error, Equatable {
        var message: String
    }

    static func apply(_ raw: String, environment: [String: String]) throws(Failure) -> Result {
        let scalars = Array(raw.unicodeScalars)
        var result = Result(text: "", references: [], unset: [])
        var out = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let c = scalars[i]
            guard c == "$", i + 1 < scalars.count else {
                out.append(c)
                i += 1
                continue
            }
            let next = scalars[i + 1]
            if next == "$" {
                out.append("$")
                i += 2
            } else if next == "{" {
                guard let close = scalars[(i + 2)...].firstIndex(of: "}") else {
                    throw Failure(message: "unterminated '${' (close it with '}', or write '$$' for a literal '$')")
                }
                let body = String(String.UnicodeScalarView(scalars[(i + 2)..<close]))
                let value = try resolve(body, environment: environment, into: &result)
                out.append(contentsOf: value.unicodeScalars)
                i = close + 1
            } else {
                out.append(c)
                i += 1
            }
        }
        result.text = String(out)
        return result
    }

    private static func resolve(_ body: String, environment: [String: String], into result: inout Result) throws(Failure) -> String {
        let name: String
        let fallback: String?
        if let range = body.range(of: ":-") {
            name = String(body[..<range.lowerBound])
            fallback = String(body[range.upperBound...])
        } else {
            name = body
            fallback = nil
        }
        guard isVariableName(name) else {
            throw Failure(message: "'${\(body)}' is not a substitution: write ${NAME} or ${NAME:-default} (NAME: letters, digits, '_')")
        }
        result.references.append(name)
        let value = environment[name]
        if let fallback {
            return (value ?? "").isEmpty ? fallback : value!
        }
        guard let value else {
            result.unset.append(name)
            return ""
        }
        return value
    }

    static func isVariableName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first == "_" || (first.isASCII && first.properties.isAlphabetic) else {
            return false
        }
        return name.unicodeScalars.allSatisfy { $0 == "_" || ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) }
    }
}
