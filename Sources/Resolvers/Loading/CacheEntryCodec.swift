/// The bytes of a `CacheEntry` in a shared store (Redis), compact and versioned:
///
/// ```
/// "HPCE" version(1) storedAt freshUntil retainUntil   (3 × IEEE-754 float64, little-endian)
/// headerCount (LEB128)  { nameLength name valueLength value }*   (LEB128 lengths, UTF-8)
/// bodyLength (LEB128) body
/// ```
///
/// Decoding checks every length against the bytes left and refuses trailing bytes, an unknown
/// version or invalid UTF-8 with `.corruptEntry`: a damaged or foreign value becomes a cache
/// miss, never a crash. A future format bumps `version`; pods running the old code then treat
/// new entries as misses rather than misreading them.
public enum CacheEntryCodec {
    public static let magic: [UInt8] = Array("HPCE".utf8)
    public static let version: UInt8 = 1

    public static func encode(_ entry: CacheEntry) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(entry.body.count + 40 + entry.headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 })
        out.append(contentsOf: magic)
        out.append(version)
        for time in [entry.storedAt, entry.freshUntil, entry.retainUntil] {
            withUnsafeBytes(of: time.bitPattern.littleEndian) { out.append(contentsOf: $0) }
        }
        appendLength(entry.headers.count, to: &out)
        for header in entry.headers {
            appendLength(header.name.utf8.count, to: &out)
            out.append(contentsOf: header.name.utf8)
            appendLength(header.value.utf8.count, to: &out)
            out.append(contentsOf: header.value.utf8)
        }
        appendLength(entry.body.count, to: &out)
        out.append(contentsOf: entry.body)
        return out
    }

    public static func decode(_ bytes: [UInt8]) throws(CacheStoreError) -> CacheEntry {
        var reader = Reader(bytes: bytes)
        guard try reader.take(magic.count) == magic[...] else { throw corrupt("not a Hyperpage cache entry") }
        let found = try reader.byte()
        guard found == version else { throw corrupt("unknown cache entry version \(found)") }
        let storedAt = try reader.double()
        let freshUntil = try reader.double()
        let retainUntil = try reader.double()
        let headerCount = try reader.length()
        var headers: [(name: String, value: String)] = []
        for _ in 0..<headerCount {
            let name = try reader.string()
            headers.append((name, try reader.string()))
        }
        let body = Array(try reader.take(try reader.length()))
        guard reader.isAtEnd else { throw corrupt("trailing bytes after the body") }
        return CacheEntry(body: body, headers: headers, storedAt: storedAt, freshUntil: freshUntil,
                          retainUntil: retainUntil)
    }

    private static func appendLength(_ value: Int, to out: inout [UInt8]) {
        var rest = UInt64(value)
        while rest >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
    }

    static func corrupt(_ reason: String) -> CacheStoreError {
        CacheStoreError(code: .corruptEntry, message: reason)
    }

    private struct Reader {
        let bytes: [UInt8]
        var offset = 0

        var isAtEnd: Bool { offset == bytes.count }

        mutating func take(_ count: Int) throws(CacheStoreError) -> ArraySlice<UInt8> {
            guard count >= 0, count <= bytes.count - offset else { throw corrupt("truncated entry") }
            defer { offset += count }
            return bytes[offset..<offset + count]
        }

        mutating func byte() throws(CacheStoreError) -> UInt8 {
            try take(1).first!
        }

        mutating func double() throws(CacheStoreError) -> Double {
            var bits: UInt64 = 0
            for (shift, byte) in try take(8).enumerated() { bits |= UInt64(byte) << (8 * UInt64(shift)) }
            return Double(bitPattern: bits)
        }

        /// A LEB128 length, at most 9 bytes (63 bits) and never more than the bytes left.
        mutating func length() throws(CacheStoreError) -> Int {
            var value: UInt64 = 0
            for index in 0..<9 {
                let byte = try byte()
                value |= UInt64(byte & 0x7F) << (7 * UInt64(index))
                if byte & 0x80 == 0 {
                    guard value <= UInt64(bytes.count - offset) else { throw corrupt("a length runs past the entry") }
                    return Int(value)
                }
            }
            throw corrupt("a length is too long")
        }

        mutating func string() throws(CacheStoreError) -> String {
            let raw = try take(try length())
            guard let text = String(validating: raw, as: UTF8.self) else { throw corrupt("a header is not UTF-8") }
            return text
        }
    }
}
