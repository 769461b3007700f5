/// A fast JSON writer for responses and values: appends UTF-8 bytes to one buffer, escapes
/// strings span-wise, formats integers without intermediate strings. Foundation's
/// `JSONSerialization` is far too slow for the response hot path.
public struct JSONSerializer {
    public private(set) var bytes: [UInt8] = []
    /// Pretty output indents by two spaces, like `JSON.stringify(value, null, 2)`.
    public var pretty: Bool
    private var indent = 0

    public init(pretty: Bool = false, capacity: Int = 1024) {
        self.pretty = pretty
        bytes.reserveCapacity(capacity)
    }

    public static func serialize(_ result: ExecutionResult, pretty: Bool = false) -> [UInt8] {
        var s = JSONSerializer(pretty: pretty, capacity: 4096)
        s.write(result)
        return s.bytes
    }

    public static func serialize(_ value: Value, pretty: Bool = false) -> [UInt8] {
        var s = JSONSerializer(pretty: pretty)
        s.write(value)
        return s.bytes
    }

    public static func string(_ result: ExecutionResult, pretty: Bool = false) -> String {
        String(decoding: serialize(result, pretty: pretty), as: UTF8.self)
    }

    public static func string(_ value: Value, pretty: Bool = false) -> String {
        String(decoding: serialize(value, pretty: pretty), as: UTF8.self)
    }

    // MARK: Documents

    /// The response (spec 7.1): `data` first, `errors` only when there are some, then `extensions`.
    public mutating func write(_ result: ExecutionResult) {
        var first = true
        bytes.append(UInt8(ascii: "{"))
        indent += 1
        if let data = result.data {
            key("data", first: &first)
            write(data)
        }
        if !result.errors.isEmpty {
            key("errors", first: &first)
            bytes.append(UInt8(ascii: "["))
            indent += 1
            for (i, e) in result.errors.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                newline()
                write(e.responseValue)
            }
            indent -= 1
            newline()
            bytes.append(UInt8(ascii: "]"))
        }
        if !result.extensions.isEmpty {
            key("extensions", first: &first)
            write(.object(ObjectValue(result.extensions)))
        }
        indent -= 1
        if !first { newline() }
        bytes.append(UInt8(ascii: "}"))
    }

    public mutating func write(_ value: ResultValue) {
        switch value {
        case .null: append("null")
        case .leaf(let v): write(v)
        case .list(let items):
            if items.isEmpty { append("[]"); return }
            bytes.append(UInt8(ascii: "["))
            indent += 1
            for i in items.indices {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                newline()
                write(items[i])
            }
            indent -= 1
            newline()
            bytes.append(UInt8(ascii: "]"))
        case .object(let o):
            if o.keys.isEmpty { append("{}"); return }
            bytes.append(UInt8(ascii: "{"))
            indent += 1
            var first = true
            for i in o.keys.indices {
                key(o.keys[i], first: &first)
                write(o.values[i])
            }
            indent -= 1
            newline()
            bytes.append(UInt8(ascii: "}"))
        }
    }

    public mutating func write(_ value: Value) {
        switch value {
        case .null: append("null")
        case .bool(let b): append(b ? "true" : "false")
        case .int(let i): writeInt(i)
        case .float(let d): writeDouble(d)
        case .string(let s), .enumValue(let s): writeString(s)
        case .list(let items):
            if items.isEmpty { append("[]"); return }
            bytes.append(UInt8(ascii: "["))
            indent += 1
            for i in items.indices {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                newline()
                write(items[i])
            }
            indent -= 1
            newline()
            bytes.append(UInt8(ascii: "]"))
        case .object(let o):
            if o.isEmpty { append("{}"); return }
            bytes.append(UInt8(ascii: "{"))
            indent += 1
            var first = true
            for k in o.keys {
                key(k, first: &first)
                write(o.storage[k] ?? .null)
            }
            indent -= 1
            newline()
            bytes.append(UInt8(ascii: "}"))
        }
    }

    // MARK: Pieces

    private mutating func key(_ k: String, first: inout Bool) {
        if !first { bytes.append(UInt8(ascii: ",")) }
        first = false
        newline()
        writeString(k)
        bytes.append(UInt8(ascii: ":"))
        if pretty { bytes.append(UInt8(ascii: " ")) }
    }

    @inline(__always)
    private mutating func newline() {
        guard pretty else { return }
        bytes.append(0x0A)
        for _ in 0..<indent { bytes.append(0x20); bytes.append(0x20) }
    }

    @inline(__always)
    private mutating func append(_ s: StaticString) {
        s.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    public mutating func writeInt(_ value: Int) {
        if value >= 0 && value < 10 {
            bytes.append(UInt8(truncatingIfNeeded: value) &+ 0x30)
            return
        }
        var v = value.magnitude
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes of scratch, enough for 20 digits
        withUnsafeMutableBytes(of: &digits) { buf in
            var i = buf.count
            repeat {
                i -= 1
                buf[i] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30
                v /= 10
            } while v != 0
            bytes.append(contentsOf: buf[i...])
        }
    }

    public mutating func writeDouble(_ d: Double) {
        bytes.append(contentsOf: formatJSONNumber(d).utf8)
    }

    public mutating func writeString(_ s: String) {
        var s = s
        s.withUTF8 { appendQuoted($0) }
    }

    private mutating func appendQuoted(_ src: UnsafeBufferPointer<UInt8>) {
        bytes.append(UInt8(ascii: "\""))
        var start = 0
        var i = 0
        let n = src.count
        while i < n {
            let b = src[i]
            if b >= 0x20 && b != 0x22 && b != 0x5C {
                i += 1
                continue
            }
            if start < i { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: src[start..<i])) }
            bytes.append(UInt8(ascii: "\\"))
            switch b {
            case 0x22: bytes.append(0x22)
            case 0x5C: bytes.append(0x5C)
            case 0x0A: bytes.append(UInt8(ascii: "n"))
            case 0x0D: bytes.append(UInt8(ascii: "r"))
            case 0x09: bytes.append(UInt8(ascii: "t"))
            case 0x08: bytes.append(UInt8(ascii: "b"))
            case 0x0C: bytes.append(UInt8(ascii: "f"))
            default:
                let hex: [UInt8] = Array("0123456789abcdef".utf8)
                bytes.append(UInt8(ascii: "u"))
                bytes.append(0x30)
                bytes.append(0x30)
                bytes.append(hex[Int(b >> 4)])
                bytes.append(hex[Int(b & 0xF)])
            }
            i += 1
            start = i
        }
        if start < n { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: src[start..<n])) }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// A double as JSON prints it in JavaScript: integral values without a fraction (`1`, not `1.0`),
/// the shortest round-tripping digits otherwise; non-finite values have no JSON form and print
/// as `null`.
func formatJSONNumber(_ d: Double) -> String {
    guard d.isFinite else { return "null" }
    if d == d.rounded(), abs(d) < 1e15 { return String(Int(d)) }
    return d.description
}

/// A string in JSON double quotes with JSON escapes.
func quoteJSONString(_ s: String) -> String {
    var w = JSONSerializer(capacity: s.utf8.count + 2)
    w.writeString(s)
    return String(decoding: w.bytes, as: UTF8.self)
}
