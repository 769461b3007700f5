/// Ready-made coercions for custom scalars a schema declares (`scalar DateTime`), registered via
/// `BuildSchemaOptions.scalars`. Both keep the text as given: they validate, they do not normalise.
extension ScalarCoercion {
    /// An RFC 3339 `date-time` string, e.g. `2024-02-29T13:45:00.5+01:00`.
    public static let dateTime = textScalar(name: "DateTime", kind: "date-time", isValid: isRFC3339DateTime)

    /// An absolute URL (RFC 3986 `absolute-URI`), e.g. `https://example.com/a?b=c`.
    public static let url = textScalar(name: "URL", kind: "absolute URL", isValid: isAbsoluteURL)

    /// A string scalar whose values must satisfy `isValid`, for results and inputs alike.
    static func textScalar(name: String, kind: String,
                           isValid: @escaping @Sendable ([UInt8]) -> Bool) -> ScalarCoercion {
        let check: @Sendable (Value) throws -> Value = { value in
            guard case .string(let s) = value else {
                throw CoercionError("\(name) cannot represent a non string value: \(describe(value))")
            }
            guard isValid(Array(s.utf8)) else {
                throw CoercionError("\(name) cannot represent an invalid \(kind) string: \(describe(value))")
            }
            return value
        }
        return ScalarCoercion(
            serialize: check,
            parseValue: check,
            parseLiteral: { node in
                guard case .string(let s, _, _) = node else {
                    throw CoercionError("\(name) cannot represent a non string value: \(describe(node))")
                }
                return try check(.string(s))
            })
    }

    /// RFC 3339 section 5.6 `date-time`: full-date "T" full-time, with calendar-correct days
    /// (leap years included), seconds up to 60 (leap second), and a `Z` or `±hh:mm` offset.
    static func isRFC3339DateTime(_ b: [UInt8]) -> Bool {
        var i = 0
        func digits(_ n: Int) -> Int? {
            guard i + n <= b.count else { return nil }
            var v = 0
            for k in i..<(i + n) {
                let c = b[k]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            i += n
            return v
        }
        func expect(_ c: UInt8) -> Bool {
            guard i < b.count, b[i] == c else { return false }
            i += 1
            return true
        }
        guard let year = digits(4), expect(0x2D), let month = digits(2), expect(0x2D), let day = digits(2) else {
            return false
        }
        guard (1...12).contains(month), day >= 1 else { return false }
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
        let monthDays = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        guard day <= monthDays[month - 1] else { return false }
        guard i < b.count, b[i] == 0x54 || b[i] == 0x74 else { return false }  // T or t
        i += 1
        guard let hour = digits(2), expect(0x3A), let minute = digits(2), expect(0x3A), let second = digits(2) else {
            return false
        }
        guard hour <= 23, minute <= 59, second <= 60 else { return false }
        if i < b.count, b[i] == 0x2E {  // fractional seconds: at least one digit
            i += 1
            let start = i
            while i < b.count, b[i] >= 0x30 && b[i] <= 0x39 { i += 1 }
            guard i > start else { return false }
        }
        guard i < b.count else { return false }
        if b[i] == 0x5A || b[i] == 0x7A {  // Z or z
            i += 1
        } else if b[i] == 0x2B || b[i] == 0x2D {
            i += 1
            guard let oh = digits(2), expect(0x3A), let om = digits(2), oh <= 23, om <= 59 else { return false }
        } else {
            return false
        }
        return i == b.count
    }

    /// RFC 3986 `absolute-URI`: a scheme (letter, then letters, digits, `+`, `-`, `.`), a colon and
    /// a non-empty rest without spaces or control characters; `scheme://` needs a host.
    static func isAbsoluteURL(_ b: [UInt8]) -> Bool {
        func isAlpha(_ c: UInt8) -> Bool { (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) }
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        guard let first = b.first, isAlpha(first) else { return false }
        var i = 1
        while i < b.count, isAlpha(b[i]) || isDigit(b[i]) || b[i] == 0x2B || b[i] == 0x2D || b[i] == 0x2E { i += 1 }
        guard i < b.count, b[i] == 0x3A else { return false }
        i += 1
        guard i < b.count else { return false }
        for k in i..<b.count {
            let c = b[k]
            if c <= 0x20 || c == 0x7F || c == 0x22 || c == 0x3C || c == 0x3E || c == 0x5C || c == 0x5E
                || c == 0x60 || c == 0x7B || c == 0x7C || c == 0x7D {
                return false
            }
        }
        if b.count >= i + 2, b[i] == 0x2F, b[i + 1] == 0x2F {
            // `//authority`: the authority (up to the next `/`, `?` or `#`) must name a host.
            var k = i + 2
            var hostBytes = 0
            while k < b.count, b[k] != 0x2F && b[k] != 0x3F && b[k] != 0x23 {
                hostBytes += 1
                k += 1
            }
            return hostBytes > 0
        }
        return true
    }
}
