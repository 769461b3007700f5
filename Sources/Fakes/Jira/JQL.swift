/// A JQL query in the subset the Jira fake evaluates: clauses `field op value` joined with
/// AND/OR/NOT and parentheses, operators `= != ~ > < >= <= IN, NOT IN, IS, IS NOT`, values that
/// are words, quoted strings, lists, `EMPTY`/`NULL` and functions (`currentUser()`), and an
/// `ORDER BY` list. Fields it does not know match every issue.
struct JQLQuery: Sendable, Equatable {
    indirect enum Expression: Sendable, Equatable {
        case all
        case clause(field: String, op: String, values: [Value])
        case not(Expression)
        case and(Expression, Expression)
        case or(Expression, Expression)
    }

    enum Value: Sendable, Equatable {
        case text(String)
        case function(String)
        case empty
    }

    struct Sort: Sendable, Equatable {
        var field: String
        var descending: Bool
    }

    var filter: Expression
    var order: [Sort]
}

struct JQLSyntaxError: Error, Equatable {
    var message: String
}

/// Turns JQL text into a `JQLQuery`; errors read like Jira's.
struct JQLParser {
    private enum Token: Equatable {
        case word(String)      // identifiers, keywords, numbers, unquoted values
        case string(String)    // quoted
        case op(String)
        case open, close, comma
    }

    private var tokens: [Token] = []
    private var position = 0

    static func parse(_ text: String) throws(JQLSyntaxError) -> JQLQuery {
        var parser = JQLParser()
        parser.tokens = try tokenize(text)
        return try parser.query()
    }

    private static func tokenize(_ text: String) throws(JQLSyntaxError) -> [Token] {
        var out: [Token] = []
        let chars = Array(text)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace { i += 1; continue }
            switch c {
            case "(": out.append(.open); i += 1
            case ")": out.append(.close); i += 1
            case ",": out.append(.comma); i += 1
            case "\"", "'":
                var j = i + 1
                var value = ""
                while j < chars.count && chars[j] != c {
                    if chars[j] == "\\" && j + 1 < chars.count { j += 1 }
                    value.append(chars[j])
                    j += 1
                }
                guard j < chars.count else {
                    throw JQLSyntaxError(message: "Error in the JQL Query: The quoted string '\(value)' has not been completed.")
                }
                out.append(.string(value))
                i = j + 1
            case "=", "~":
                out.append(.op(String(c))); i += 1
            case "!", ">", "<":
                if i + 1 < chars.count && (chars[i + 1] == "=" || (c == "!" && chars[i + 1] == "~")) {
                    out.append(.op(String([c, chars[i + 1]]))); i += 2
                } else if c == "!" {
                    throw JQLSyntaxError(message: "Error in the JQL Query: The character '!' is a reserved JQL character.")
                } else {
                    out.append(.op(String(c))); i += 1
                }
            default:
                var word = ""
                while i < chars.count, !chars[i].isWhitespace, !"()=,!<>~\"'".contains(chars[i]) {
                    word.append(chars[i]); i += 1
                }
                out.append(.word(word))
            }
        }
        return out
    }

    private func peek() -> Token? { position < tokens.count ? tokens[position] : nil }
    private mutating func advance() -> Token? {
        defer { position += 1 }
        return peek()
    }
    private func peekKeyword(_ k: String) -> Bool {
        if case .word(let w) = peek() { return w.uppercased() == k }
        return false
    }
    private func describe(_ t: Token?) -> String {
        switch t {
        case .word(let w): w
        case .string(let s): "\"\(s)\""
        case .op(let o): o
        case .open: "("
        case .close: ")"
        case .comma: ","
        case nil: "the end of the query"
        }
    }
    private func unexpected(_ expecting: String) -> JQLSyntaxError {
        JQLSyntaxError(message: "Error in the JQL Query: Expecting \(expecting) but got '\(describe(peek()))'.")
    }

    private mutating func query() throws(JQLSyntaxError) -> JQLQuery {
        var filter = JQLQuery.Expression.all
        if peek() != nil && !peekKeyword("ORDER") { filter = try orExpression() }
        var order: [JQLQuery.Sort] = []
        if peekKeyword("ORDER") {
            _ = advance()
            guard peekKeyword("BY") else { throw unexpected("'BY'") }
            _ = advance()
            repeat {
                guard case .word(let field)? = advance() else { position -= 1; throw unexpected("a field name") }
                var descending = false
                if peekKeyword("DESC") { descending = true; _ = advance() } else if peekKeyword("ASC") { _ = advance() }
                order.append(JQLQuery.Sort(field: field.lowercased(), descending: descending))
            } while peek() == .comma && advance() != nil
        }
        guard peek() == nil else { throw unexpected("either 'OR' or 'AND'") }
        return JQLQuery(filter: filter, order: order)
    }

    private mutating func orExpression() throws(JQLSyntaxError) -> JQLQuery.Expression {
        var left = try andExpression()
        while peekKeyword("OR") {
            _ = advance()
            left = .or(left, try andExpression())
        }
        return left
    }

    private mutating func andExpression() throws(JQLSyntaxError) -> JQLQuery.Expression {
        var left = try unary()
        while peekKeyword("AND") {
            _ = advance()
            left = .and(left, try unary())
        }
        return left
    }

    private mutating func unary() throws(JQLSyntaxError) -> JQLQuery.Expression {
        if peekKeyword("NOT") { _ = advance(); return .not(try unary()) }
        if peek() == .open {
            _ = advance()
            let inner = try orExpression()
            guard peek() == .close else { throw unexpected("')'") }
            _ = advance()
            return inner
        }
        return try clause()
    }

    private mutating func clause() throws(JQLSyntaxError) -> JQLQuery.Expression {
        let field: String
        switch advance() {
        case .word(let w): field = w.lowercased()
        case .string(let s): field = s.lowercased()
        default: position -= 1; throw unexpected("a field name")
        }
        var op: String
        switch advance() {
        case .op(let o): op = o
        case .word(let w) where ["IN", "IS", "NOT", "WAS", "CHANGED"].contains(w.uppercased()):
            op = w.uppercased()
            if op == "NOT" {
                guard peekKeyword("IN") else { throw unexpected("'IN'") }
                _ = advance()
                op = "NOT IN"
            } else if op == "IS" && peekKeyword("NOT") {
                _ = advance()
                op = "IS NOT"
            }
        default: position -= 1; throw unexpected("an operator")
        }
        if (op == "IN" || op == "NOT IN") && peek() == .open {
            _ = advance()
            var values: [JQLQuery.Value] = []
            repeat { values.append(try value()) } while peek() == .comma && advance() != nil
            guard peek() == .close else { throw unexpected("')'") }
            _ = advance()
            return .clause(field: field, op: op, values: values)
        }
        return .clause(field: field, op: op, values: [try value()])
    }

    private mutating func value() throws(JQLSyntaxError) -> JQLQuery.Value {
        switch advance() {
        case .string(let s): return .text(s)
        case .word(let w):
            if ["EMPTY", "NULL"].contains(w.uppercased()) { return .empty }
            if peek() == .open {
                _ = advance()
                var depth = 1
                while depth > 0 {  // arguments are accepted and ignored
                    switch advance() {
                    case .open: depth += 1
                    case .close: depth -= 1
                    case nil: throw unexpected("')'")
                    default: break
                    }
                }
                return .function(w.lowercased())
            }
            return .text(w)
        default:
            position -= 1
            throw unexpected("either a value, 'EMPTY' or a function")
        }
    }
}
