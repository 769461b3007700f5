/// A byte-level JSON parser (RFC 8259) producing `Value`s, for `--data` and `--variables` files
/// and request bodies. Objects keep their key order (duplicate keys: the last one wins, as in
/// JavaScript). Bad input is an error with a 1-based line and column, never a crash; nesting
/// deeper than `maxDepth` is rejected so hostile input cannot exhaust the stack.
public struct JSONParseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public var line: Int
    public var column: Int
    public var description: String { "\(message) at line \(line), column \(column)" }
}

public struct JSONParser {
    public static let defaultMaxDepth = 512

    public static func parse(_ text: String, maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> Value {
        try parse(bytes: Array(text.utf8), maxDepth: maxDepth)
    }

    public static func parse(bytes: [UInt8], maxDepth: Int = defaultMaxDepth) throws(JSONParseError) -> Value {
        let result: Result<Value, JSONParseError> = bytes.withUnsafeBufferPointer { buf in
            var p = JSONParser(buf: buf, maxDepth: maxDepth)
            do throws(JSONParseError) {
                // A UTF-8 byte order mark is tolerated at the start.
                if buf.count >= 3 && buf[0] == 0xEF && buf[1] == 0xBB && buf[2] == 0xBF { p.i = 3 }
                p.skipWhitespace()
                let v = try p.parseValue(depth: 0)
                p.skipWhitespace()
                if p.i < buf.count { throw p.error("Unexpected data after the JSON value") }
                return .success(v)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private let buf: UnsafeBufferPointer<UInt8>
    private let maxDepth: Int
    private var i = 0

    private init(buf: UnsafeBufferPointer<UInt8>, maxDepth: Int) {
        self.buf = buf
        self.maxDepth = maxDepth
    }

    private func error(_ message: String, at offset: Int? = nil) -> JSONParseError {
        let end = min(offset ?? i, buf.count)
        var line = 1, column = 1, k = 0
        while k < end {
            let b = buf[k]
            if b == 0x0A { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
            k += 1
        }
        return JSONParseError(message: message, line: line, column: column)
    }

    private func unexpected() -> JSONParseError {
        guard i < buf.count else { return error("Unexpected end of JSON input") }
        let b = buf[i]
        if b >= 0x20 && b < 0x7F { return error("Unexpected character '\(Character(Unicode.Scalar(b)))'") }
        return error("Unexpected byte 0x\(String(b, radix: 16, uppercase: true))")
    }

    @inline(__always)
    private mutating func skipWhitespace() {
        while i < buf.count {
            let b = buf[i]
            if b == 0x20 || b == 0x0A || b == 0x0D || b == 0x09 { i += 1 } else { return }
        }
    }

    private mutating func parseValue(depth: Int) throws(JSONParseError) -> Value {
        guard i < buf.count else { throw unexpected() }
        switch buf[i] {
        case UInt8(ascii: "{"): return try parseObject(depth: depth + 1)
        case UInt8(ascii: "["): return try parseArray(depth: depth + 1)
        case UInt8(ascii: "\""): return .string(try parseString())
        case UInt8(ascii: "t"): try literal("true"); return .bool(true)
        case UInt8(ascii: "f"): try literal("false"); return .bool(false)
        case UInt8(ascii: "n"): try literal("null"); return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try parseNumber()
        default: throw unexpected()
        }
    }

    private mutating func literal(_ word: StaticString) throws(JSONParseError) {
        let n = word.utf8CodeUnitCount
        let p = word.utf8Start
        for k in 0..<n {
            guard i + k < buf.count, buf[i + k] == p[k] else {
                i += k
                throw unexpected()
            }
        }
        i += n
    }

    private mutating func parseObject(depth: Int) throws(JSONParseError) -> Value {
        if depth > maxDepth { throw error("JSON nested deeper than \(maxDepth) levels") }
        i += 1
        var keys: [String] = []
        var values: [Value] = []
        skipWhitespace()
        if i < buf.count && buf[i] == UInt8(ascii: "}") {
            i += 1
            return .object(ObjectValue())
        }
        while true {
            skipWhitespace()
            guard i < buf.count, buf[i] == UInt8(ascii: "\"") else {
                if i < buf.count { throw error("Expected a string key") }
                throw unexpected()
            }
            let key = try parseString()
            skipWhitespace()
            guard i < buf.count, buf[i] == UInt8(ascii: ":") else { throw unexpected() }
            i += 1
            skipWhitespace()
            let value = try parseValue(depth: depth)
            keys.append(key)
            values.append(value)
            skipWhitespace()
            guard i < buf.count else { throw unexpected() }
            if buf[i] == UInt8(ascii: ",") { i += 1; continue }
            if buf[i] == UInt8(ascii: "}") { i += 1; break }
            throw unexpected()
        }
        var o = ObjectValue()
        for k in keys.indices { o[keys[k]] = values[k] }
        return .object(o)
    }

    private mutating func parseArray(depth: Int) throws(JSONParseError) -> Value {
        if depth > maxDepth { throw error("JSON nested deeper than \(maxDepth) levels") }
        i += 1
        var items: [Value] = []
        skipWhitespace()
        if i < buf.count && buf[i] == UInt8(ascii: "]") {
            i += 1
            return .list(items)
        }
        while true {
            skipWhitespace()
            items.append(try parseValue(depth: depth))
            skipWhitespace()
            guard i < buf.count else { throw unexpected() }
            if buf[i] == UInt8(ascii: ",") { i += 1; continue }
            if buf[i] == UInt8(ascii: "]") { i += 1; break }
            throw unexpected()
        }
        return .list(items)
    }

    private mutating func parseNumber() throws(JSONParseError) -> Value {
        let start = i
        var isInteger = true
        if buf[i] == UInt8(ascii: "-") { i += 1 }
        guard i < buf.count, isDigit(buf[i]) else { throw unexpected() }
        if buf[i] == UInt8(ascii: "0") {
            i += 1
            if i < buf.count && isDigit(buf[i]) { throw error("Leading zeros are not allowed in JSON numbers") }
        } else {
            while i < buf.count && isDigit(buf[i]) { i += 1 }
        }
        if i < buf.count && buf[i] == UInt8(ascii: ".") {
            isInteger = false
            i += 1
            guard i < buf.count, isDigit(buf[i]) else { throw unexpected() }
            while i < buf.count && isDigit(buf[i]) { i += 1 }
        }
        if i < buf.count && (buf[i] == UInt8(ascii: "e") || buf[i] == UInt8(ascii: "E")) {
            isInteger = false
            i += 1
            if i < buf.count && (buf[i] == UInt8(ascii: "+") || buf[i] == UInt8(ascii: "-")) { i += 1 }
            guard i < buf.count, isDigit(buf[i]) else { throw unexpected() }
            while i < buf.count && isDigit(buf[i]) { i += 1 }
        }
        if isInteger && i - start <= 18 {
            // Fits in Int without overflow checks: at most 18 digits.
            var k = start
            let negative = buf[k] == UInt8(ascii: "-")
            if negative { k += 1 }
            var v = 0
            while k < i { v = v &* 10 &+ Int(buf[k] &- 0x30); k += 1 }
            return .int(negative ? -v : v)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<i]), as: UTF8.self)
        if isInteger, let v = Int(text) { return .int(v) }
        guard let d = Double(text), d.isFinite else { throw error("Number out of range", at: start) }
        return .float(d)
    }

    @inline(__always)
    private func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }

    private mutating func parseString() throws(JSONParseError) -> String {
        i += 1
        let start = i
        // Fast path: no escapes.
        while i < buf.count {
            let b = buf[i]
            if b == UInt8(ascii: "\"") {
                let s = String(decoding: UnsafeBufferPointer(rebasing: buf[start..<i]), as: UTF8.self)
                i += 1
                return s
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { throw error("Unescaped control character in string") }
            i += 1
        }
        var out = Array(buf[start..<i])
        while i < buf.count {
            let b = buf[i]
            if b == UInt8(ascii: "\"") {
                i += 1
                return String(decoding: out, as: UTF8.self)
            }
            if b < 0x20 { throw error("Unescaped control character in string") }
            if b != UInt8(ascii: "\\") {
                out.append(b)
                i += 1
                continue
            }
            i += 1
            guard i < buf.count else { break }
            let e = buf[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "/"): out.append(0x2F)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if scalar >= 0xD800 && scalar < 0xDC00 {
                    // A high surrogate must be followed by an escaped low surrogate.
                    if i + 1 < buf.count && buf[i] == UInt8(ascii: "\\") && buf[i + 1] == UInt8(ascii: "u") {
                        i += 2
                        let low = try hex4()
                        guard low >= 0xDC00 && low < 0xE000 else { throw error("Invalid Unicode surrogate pair", at: i - 6) }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else {
                        throw error("Invalid Unicode surrogate pair", at: i - 6)
                    }
                } else if scalar >= 0xDC00 && scalar < 0xE000 {
                    throw error("Invalid Unicode surrogate pair", at: i - 6)
                }
                guard let u = Unicode.Scalar(scalar) else { throw error("Invalid Unicode escape", at: i - 6) }
                out.append(contentsOf: UTF8.encode(u)!)
            default:
                i -= 1
                throw error("Invalid escape sequence")
            }
        }
        throw error("Unterminated string")
    }

    private mutating func hex4() throws(JSONParseError) -> UInt32 {
        guard i + 4 <= buf.count else { throw error("Invalid Unicode escape") }
        var v: UInt32 = 0
        for _ in 0..<4 {
            let b = buf[i]
            let d: UInt8
            switch b {
            case 0x30...0x39: d = b - 0x30
            case 0x41...0x46: d = b - 0x41 + 10
            case 0x61...0x66: d = b - 0x61 + 10
            default: throw error("Invalid Unicode escape")
            }
            v = v << 4 | UInt32(d)
            i += 1
        }
        return v
    }
}
