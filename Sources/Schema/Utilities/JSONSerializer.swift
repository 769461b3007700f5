#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A fast JSON writer for responses and values: appends UTF-8 bytes to one growable buffer
/// through raw pointers (one capacity check per piece, not per byte), copies strings that need
/// no escaping in one move, formats integers without intermediate strings, and copies response
/// keys pre-encoded once per selection (`ResultObject.encodedKeys`). Foundation's
/// `JSONSerialization` is far too slow for the response hot path.
public struct JSONSerializer {
    private let out: JSONByteBuffer
    /// Pretty output indents by two spaces, like `JSON.stringify(value, null, 2)`.
    public var pretty: Bool
    private var indent = 0

    public init(pretty: Bool = false, capacity: Int = 1024) {
        self.pretty = pretty
        out = JSONByteBuffer(capacity: capacity)
    }

    /// The bytes written so far.
    public var bytes: [UInt8] { out.array }

    public static func serialize(_ result: ExecutionResult, pretty: Bool = false) -> [UInt8] {
        var s = JSONSerializer(pretty: pretty, capacity: 16384)
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
        out.byte(UInt8(ascii: "{"))
        indent += 1
        if let data = result.data {
            key("data", first: &first)
            write(data)
        }
        if !result.errors.isEmpty {
            key("errors", first: &first)
            out.byte(UInt8(ascii: "["))
            indent += 1
            for (i, e) in result.errors.enumerated() {
                if i > 0 { out.byte(UInt8(ascii: ",")) }
                newline()
                write(e.responseValue)
            }
            indent -= 1
            newline()
            out.byte(UInt8(ascii: "]"))
        }
        if !result.extensions.isEmpty {
            key("extensions", first: &first)
            write(.object(ObjectValue(result.extensions)))
        }
        indent -= 1
        if !first { newline() }
        out.byte(UInt8(ascii: "}"))
    }

    public mutating func write(_ value: borrowing ResultValue) {
        switch value {
        case .null: out.raw("null")
        case .leaf(let v): write(v)
        case .list(let items):
            if items.isEmpty { out.raw("[]"); return }
            out.byte(UInt8(ascii: "["))
            indent += 1
            items.withUnsafeBufferPointer { buffer in
                // Elements are read in place (an unsafe pointer's subscript is an address),
                // which spares a retain and release per element.
                let items = buffer.baseAddress!
                for i in 0..<buffer.count {
                    if i > 0 { out.byte(UInt8(ascii: ",")) }
                    newline()
                    write(items[i])
                }
            }
            indent -= 1
            newline()
            out.byte(UInt8(ascii: "]"))
        case .object(let o):
            if o.values.isEmpty { out.raw("{}"); return }
            out.byte(UInt8(ascii: "{"))
            if !pretty {
                let encoded = o.encodedKeys
                // `"key":` pieces, each preceded by its comma, prepared once per selection.
                o.values.withUnsafeBufferPointer { buffer in
                    encoded.bytes.withUnsafeBufferPointer { keyBytes in
                        encoded.offsets.withUnsafeBufferPointer { offsets in
                            let values = buffer.baseAddress!, keys = keyBytes.baseAddress!
                            for i in 0..<buffer.count {
                                let start = offsets[i]
                                out.raw(keys + start, offsets[i + 1] - start)
                                write(values[i])
                            }
                        }
                    }
                }
            } else {
                indent += 1
                var first = true
                for i in o.keys.indices {
                    key(o.keys[i], first: &first)
                    write(o.values[i])
                }
                indent -= 1
                newline()
            }
            out.byte(UInt8(ascii: "}"))
        }
    }

    public mutating func write(_ value: borrowing Value) {
        switch value {
        case .null: out.raw("null")
        case .bool(let b): out.raw(b ? "true" : "false")
        case .int(let i): out.int(i)
        case .float(let d): writeDouble(d)
        case .string(let s), .enumValue(let s): out.quoted(s)
        case .list(let items):
            if items.isEmpty { out.raw("[]"); return }
            out.byte(UInt8(ascii: "["))
            indent += 1
            for i in items.indices {
                if i > 0 { out.byte(UInt8(ascii: ",")) }
                newline()
                write(items[i])
            }
            indent -= 1
            newline()
            out.byte(UInt8(ascii: "]"))
        case .object(let o):
            if o.isEmpty { out.raw("{}"); return }
            out.byte(UInt8(ascii: "{"))
            indent += 1
            var first = true
            for i in o.keys.indices {
                key(o.keys[i], first: &first)
                write(o.values[i])
            }
            indent -= 1
            newline()
            out.byte(UInt8(ascii: "}"))
        }
    }

    // MARK: Pieces

    private mutating func key(_ k: String, first: inout Bool) {
        if !first { out.byte(UInt8(ascii: ",")) }
        first = false
        newline()
        out.quoted(k)
        out.byte(UInt8(ascii: ":"))
        if pretty { out.byte(UInt8(ascii: " ")) }
    }

    @inline(__always)
    private mutating func newline() {
        guard pretty else { return }
        out.byte(0x0A)
        for _ in 0..<indent { out.byte(0x20); out.byte(0x20) }
    }

    public mutating func writeInt(_ value: Int) { out.int(value) }

    public mutating func writeDouble(_ d: Double) {
        if d.isFinite, d == d.rounded(), abs(d) < 1e15 {
            out.int(Int(d))
            return
        }
        var s = formatJSONNumber(d)
        s.withUTF8 { out.raw($0.baseAddress!, $0.count) }
    }

    public mutating func writeString(_ s: String) { out.quoted(s) }
}

/// The serializer's output: a raw, growable byte buffer. Every writer reserves what it may need
/// once and then stores through a pointer.
final class JSONByteBuffer {
    private var base: UnsafeMutablePointer<UInt8>
    private var count = 0
    private var capacity: Int

    init(capacity: Int) {
        self.capacity = max(capacity, 64)
        base = malloc(self.capacity)!.assumingMemoryBound(to: UInt8.self)
    }

    deinit { free(base) }

    var array: [UInt8] {
        [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            buffer.baseAddress!.update(from: base, count: count)
            initialized = count
        }
    }
    var byteCount: Int { count }

    /// Room for `n` more bytes; returns where they go.
    @inline(__always)
    private func reserve(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        if capacity - count < n { grow(n) }
        return base + count
    }

    /// `realloc` lets large buffers grow in place (or by remapping pages) instead of copying.
    @inline(never)
    private func grow(_ n: Int) {
        let newCapacity = max(capacity * 2, count + n)
        guard let p = realloc(base, newCapacity) else { fatalError("JSONSerializer: out of memory") }
        base = p.assumingMemoryBound(to: UInt8.self)
        capacity = newCapacity
    }

    @inline(__always)
    func byte(_ b: UInt8) {
        reserve(1).pointee = b
        count += 1
    }

    @inline(__always)
    func raw(_ p: UnsafePointer<UInt8>, _ n: Int) {
        reserve(n).update(from: p, count: n)
        count += n
    }

    @inline(__always)
    func raw(_ s: StaticString) {
        raw(s.utf8Start, s.utf8CodeUnitCount)
    }

    func int(_ value: Int) {
        if value >= 0 && value < 10 {
            byte(UInt8(truncatingIfNeeded: value) &+ 0x30)
            return
        }
        var v = value.magnitude
        var digits = 0
        var t = v
        repeat { digits += 1; t /= 10 } while t != 0
        let n = digits + (value < 0 ? 1 : 0)
        let p = reserve(n)
        if value < 0 { p.pointee = UInt8(ascii: "-") }
        var i = n
        repeat {
            i -= 1
            p[i] = UInt8(truncatingIfNeeded: v % 10) &+ 0x30
            v /= 10
        } while v != 0
        count += n
    }

    /// `s` in double quotes with JSON escapes.
    @inline(__always)
    func quoted(_ s: String) {
        if s.utf8.withContiguousStorageIfAvailable({ quoted($0) }) != nil { return }
        var s = s
        s.withUTF8 { quoted($0) }
    }

    func quoted(_ src: UnsafeBufferPointer<UInt8>) {
        let n = src.count
        // Worst case: every byte becomes a six-byte \u00XX escape.
        var p = reserve(n &* 6 &+ 2)
        let start = p
        p.pointee = UInt8(ascii: "\"")
        p += 1
        guard let s = src.baseAddress else {
            p.pointee = UInt8(ascii: "\"")
            count += 2
            return
        }
        var from = 0
        var i = 0
        while i < n {
            // Eight bytes at a time while none needs escaping (no control byte, quote or
            // backslash): the usual case for names, ids and prose.
            while i &+ 8 <= n {
                let w = UnsafeRawPointer(s + i).loadUnaligned(as: UInt64.self)
                if !wordNeedsEscape(w) { i &+= 8 } else { break }
            }
            guard i < n else { break }
            let b = s[i]
            if b >= 0x20 && b != 0x22 && b != 0x5C {
                i &+= 1
                continue
            }
            let run = i - from
            if run > 0 {
                p.update(from: s + from, count: run)
                p += run
            }
            p.pointee = UInt8(ascii: "\\")
            switch b {
            case 0x22: p[1] = 0x22
            case 0x5C: p[1] = 0x5C
            case 0x0A: p[1] = UInt8(ascii: "n")
            case 0x0D: p[1] = UInt8(ascii: "r")
            case 0x09: p[1] = UInt8(ascii: "t")
            case 0x08: p[1] = UInt8(ascii: "b")
            case 0x0C: p[1] = UInt8(ascii: "f")
            default:
                p[1] = UInt8(ascii: "u")
                p[2] = 0x30
                p[3] = 0x30
                p[4] = hexDigit(b >> 4)
                p[5] = hexDigit(b & 0xF)
                p += 4
            }
            p += 2
            i &+= 1
            from = i
        }
        let run = n - from
        if run > 0 {
            p.update(from: s + from, count: run)
            p += run
        }
        p.pointee = UInt8(ascii: "\"")
        p += 1
        count += p - start
    }
}

/// Whether any of the eight bytes of `w` is below 0x20, a quote or a backslash (SWAR tests:
/// a byte is flagged in the high bit of its lane).
@inline(__always)
private func wordNeedsEscape(_ w: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    let control = (w &- ones &* 0x20) & ~w
    let q = w ^ (ones &* 0x22)
    let quote = (q &- ones) & ~q
    let b = w ^ (ones &* 0x5C)
    let backslash = (b &- ones) & ~b
    return (control | quote | backslash) & highs != 0
}

@inline(__always)
private func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? v &+ 0x30 : v &+ (UInt8(ascii: "a") &- 10) }

/// Response keys of one selection written out once as `"key":` pieces (the first without and
/// the others with a leading comma), copied into every response object built from it.
public final class EncodedResponseKeys: Sendable {
    public let keys: [String]
    let bytes: [UInt8]
    /// Piece `i` is `bytes[offsets[i]..<offsets[i + 1]]`.
    let offsets: [Int]

    public init(_ keys: [String]) {
        self.keys = keys
        let buffer = JSONByteBuffer(capacity: keys.reduce(0) { $0 + $1.utf8.count + 4 })
        var offsets = [0]
        offsets.reserveCapacity(keys.count + 1)
        for (i, k) in keys.enumerated() {
            if i > 0 { buffer.byte(UInt8(ascii: ",")) }
            buffer.quoted(k)
            buffer.byte(UInt8(ascii: ":"))
            offsets.append(buffer.byteCount)
        }
        bytes = buffer.array
        self.offsets = offsets
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
    let buffer = JSONByteBuffer(capacity: s.utf8.count + 2)
    buffer.quoted(s)
    return String(decoding: buffer.array, as: UTF8.self)
}
