/// The five scalars every schema has (spec 3.5.1–3.5.5), with the result and input coercion
/// rules of the reference implementation: results are coerced leniently (a `Float` result that is
/// integral is a fine `Int`), inputs strictly (a `Float` literal is never an `Int`).
extension ScalarType {
    /// `Int`: a signed 32-bit integer.
    public static let int = ScalarType(
        name: "Int",
        description: "A whole number between -2^31 and 2^31-1 (a signed 32-bit integer).",
        coercion: .builtInInt)

    /// `Float`: a double-precision finite number.
    public static let float = ScalarType(
        name: "Float",
        description: "A finite double-precision floating point number (IEEE 754).",
        coercion: .builtInFloat)

    /// `String`: UTF-8 text.
    public static let string = ScalarType(
        name: "String",
        description: "Text, serialised as a UTF-8 string.",
        coercion: .builtInString)

    /// `Boolean`: `true` or `false`.
    public static let boolean = ScalarType(
        name: "Boolean",
        description: "Either `true` or `false`.",
        coercion: .builtInBoolean)

    /// `ID`: an opaque identifier, serialised as a string; accepts strings and integers as input.
    public static let id = ScalarType(
        name: "ID",
        description: "An opaque unique identifier, serialised as a string. Input accepts strings and integers.",
        coercion: .builtInID)

    /// The specified scalars in the order the reference implementation lists them.
    public static let specifiedScalars: [ScalarType] = [.string, .int, .float, .boolean, .id]

    /// The specified scalar of that name, if any.
    public static func specified(named name: String) -> ScalarType? {
        switch name {
        case "String": .string
        case "Int": .int
        case "Float": .float
        case "Boolean": .boolean
        case "ID": .id
        default: nil
        }
    }

    /// Whether this is one of the five specified scalars (identity, not name).
    public var isSpecifiedScalar: Bool {
        self === ScalarType.int || self === ScalarType.float || self === ScalarType.string
            || self === ScalarType.boolean || self === ScalarType.id
    }
}

extension ScalarCoercion {
    static let int32Range = Double(Int32.min)...Double(Int32.max)

    /// `Int`. Results: integers, integral floats, booleans (1/0) and numeric strings; inputs: integers only.
    static let builtInInt = ScalarCoercion(
        serialize: { value in
            switch value {
            case .int(let i):
                guard i >= Int(Int32.min) && i <= Int(Int32.max) else {
                    throw CoercionError("Int cannot represent non 32-bit signed integer value: \(i)")
                }
                return .int(i)
            case .float(let d):
                return .int(try integral32(d, original: value))
            case .bool(let b):
                return .int(b ? 1 : 0)
            case .string(let s) where !s.isEmpty:
                guard let d = numberFromString(s) else {
                    throw CoercionError("Int cannot represent non-integer value: \(describe(value))")
                }
                return .int(try integral32(d, original: value))
            default:
                throw CoercionError("Int cannot represent non-integer value: \(describe(value))")
            }
        },
        parseValue: { value in
            switch value {
            case .int(let i):
                guard i >= Int(Int32.min) && i <= Int(Int32.max) else {
                    throw CoercionError("Int cannot represent non 32-bit signed integer value: \(i)")
                }
                return .int(i)
            case .float(let d):
                // A JSON number such as `1.0` is the integer 1 in the reference implementation.
                return .int(try integral32(d, original: value))
            default:
                throw CoercionError("Int cannot represent non-integer value: \(describe(value))")
            }
        },
        parseLiteral: { node in
            guard case .int(let text, _) = node else {
                throw CoercionError("Int cannot represent non-integer value: \(describe(node))")
            }
            guard let i = Int32(text) else {
                throw CoercionError("Int cannot represent non 32-bit signed integer value: \(text)")
            }
            return .int(Int(i))
        })

    /// An integral, in-range double as an `Int`, or the reference implementation's errors.
    private static func integral32(_ d: Double, original: Value) throws -> Int {
        guard isIntegral(d) else {
            throw CoercionError("Int cannot represent non-integer value: \(describe(original))")
        }
        guard int32Range.contains(d) else {
            throw CoercionError("Int cannot represent non 32-bit signed integer value: \(describe(original))")
        }
        return Int(d)
    }

    /// `Float`. Results: numbers, booleans and numeric strings; inputs: numbers.
    static let builtInFloat = ScalarCoercion(
        serialize: { value in
            switch value {
            case .int(let i): return .float(Double(i))
            case .float(let d) where d.isFinite: return .float(d)
            case .bool(let b): return .float(b ? 1 : 0)
            case .string(let s) where !s.isEmpty:
                if let d = numberFromString(s), d.isFinite { return .float(d) }
            default: break
            }
            throw CoercionError("Float cannot represent non numeric value: \(describe(value))")
        },
        parseValue: { value in
            switch value {
            case .int(let i): return .float(Double(i))
            case .float(let d) where d.isFinite: return .float(d)
            default: throw CoercionError("Float cannot represent non numeric value: \(describe(value))")
            }
        },
        parseLiteral: { node in
            switch node {
            case .int(let text, _), .float(let text, _):
                if let d = Double(text), d.isFinite { return .float(d) }
            default: break
            }
            throw CoercionError("Float cannot represent non numeric value: \(describe(node))")
        })

    /// `String`. Results: strings, enum names, booleans and numbers (as text); inputs: strings only.
    static let builtInString = ScalarCoercion(
        serialize: { value in
            switch value {
            case .string: return value
            case .enumValue(let s): return .string(s)
            case .bool(let b): return .string(b ? "true" : "false")
            case .int(let i): return .string(String(i))
            case .float(let d) where d.isFinite: return .string(formatNumber(d))
            default: throw CoercionError("String cannot represent value: \(describe(value))")
            }
        },
        parseValue: { value in
            guard case .string = value else {
                throw CoercionError("String cannot represent a non string value: \(describe(value))")
            }
            return value
        },
        parseLiteral: { node in
            guard case .string(let s, _, _) = node else {
                throw CoercionError("String cannot represent a non string value: \(describe(node))")
            }
            return .string(s)
        })

    /// `Boolean`. Results: booleans and numbers (non-zero is true); inputs: booleans only.
    static let builtInBoolean = ScalarCoercion(
        serialize: { value in
            switch value {
            case .bool: return value
            case .int(let i): return .bool(i != 0)
            case .float(let d) where d.isFinite: return .bool(d != 0)
            default: throw CoercionError("Boolean cannot represent a non boolean value: \(describe(value))")
            }
        },
        parseValue: { value in
            guard case .bool = value else {
                throw CoercionError("Boolean cannot represent a non boolean value: \(describe(value))")
            }
            return value
        },
        parseLiteral: { node in
            guard case .boolean(let b, _) = node else {
                throw CoercionError("Boolean cannot represent a non boolean value: \(describe(node))")
            }
            return .bool(b)
        })

    /// `ID`. Results and inputs: strings and integers, always produced as strings.
    static let builtInID = ScalarCoercion(
        serialize: { value in
            if let s = idString(value) { return .string(s) }
            throw CoercionError("ID cannot represent value: \(describe(value))")
        },
        parseValue: { value in
            if let s = idString(value) { return .string(s) }
            throw CoercionError("ID cannot represent value: \(describe(value))")
        },
        parseLiteral: { node in
            switch node {
            case .string(let s, _, _): return .string(s)
            case .int(let text, _): return .string(text)
            default:
                throw CoercionError("ID cannot represent a non-string and non-integer value: \(describe(node))")
            }
        })

    private static func idString(_ value: Value) -> String? {
        switch value {
        case .string(let s): s
        case .int(let i): String(i)
        case .float(let d) where isIntegral(d) && abs(d) < 1e21: formatNumber(d)
        default: nil
        }
    }

    /// A custom scalar without registered coercion: values pass through unchanged and literals
    /// become the plain value they spell.
    public static let passThrough = ScalarCoercion(
        serialize: { $0 },
        parseValue: { $0 },
        parseLiteral: { node in try untypedValue(node) })

    /// The plain value a literal spells, without a type to guide it (enum names become strings).
    public static func untypedValue(_ node: ValueNode) throws -> Value {
        switch node {
        case .variable(let v):
            throw CoercionError("Unexpected variable \"$\(v.name.value)\" in constant value.")
        case .int(let text, _):
            if let i = Int(text) { return .int(i) }
            return .float(Double(text) ?? .nan)
        case .float(let text, _): return .float(Double(text) ?? .nan)
        case .string(let s, _, _): return .string(s)
        case .boolean(let b, _): return .bool(b)
        case .null: return .null
        case .enumValue(let s, _): return .string(s)
        case .list(let items, _): return .list(try items.map(untypedValue))
        case .object(let fields, _):
            var o = ObjectValue()
            for f in fields { o[f.name.value] = try untypedValue(f.value) }
            return .object(o)
        }
    }
}

// MARK: - Message helpers

extension ScalarCoercion {
    /// A value as the reference implementation's `inspect` shows it in error messages.
    static func describe(_ value: Value) -> String {
        switch value {
        case .null: return "null"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .float(let d): return formatNumber(d)
        case .string(let s), .enumValue(let s): return quoted(s)
        case .list(let items): return "[" + items.map(describe).joined(separator: ", ") + "]"
        case .object(let o):
            if o.isEmpty { return "{}" }
            return "{ " + o.map { "\($0.key): \(describe($0.value))" }.joined(separator: ", ") + " }"
        }
    }

    /// A literal as it is printed in error messages.
    static func describe(_ node: ValueNode) -> String { printValue(node) }

    /// A number the way JavaScript prints it: integral values without a fraction.
    static func formatNumber(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        if isIntegral(d) && abs(d) < 1e21 {
            if d == 0 { return "0" }
            return String(Int64(d))
        }
        return String(d)
    }

    /// Whether `d` is a finite whole number (every double of magnitude 2^53 or more is one).
    static func isIntegral(_ d: Double) -> Bool {
        guard d.isFinite else { return false }
        if d.magnitude >= 9_007_199_254_740_992 { return true }
        return Double(Int64(d)) == d
    }

    /// JSON string quoting (as `JSON.stringify` does for messages).
    static func quoted(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if u.value < 0x20 {
                    let hex = String(u.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    /// JavaScript's `Number(string)` for the forms that matter: decimal integers and floats,
    /// surrounding whitespace ignored. `nil` when the text is not a number.
    static func numberFromString(_ s: String) -> Double? {
        var bytes = Substring(s)
        while let f = bytes.first, f == " " || f == "\t" || f == "\n" || f == "\r" { bytes.removeFirst() }
        while let l = bytes.last, l == " " || l == "\t" || l == "\n" || l == "\r" { bytes.removeLast() }
        if bytes.isEmpty { return 0 }
        for c in bytes.utf8 {
            let ok = (c >= 0x30 && c <= 0x39) || c == 0x2E || c == 0x2B || c == 0x2D || c == 0x65 || c == 0x45
            if !ok { return nil }
        }
        return Double(bytes)
    }
}
