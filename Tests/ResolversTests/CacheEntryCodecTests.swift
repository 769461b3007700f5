import Resolvers
import Testing

@Suite struct CacheEntryCodecTests {
    static let sample = CacheEntry(
        body: Array(#"{"items":[1,2,3],"emoji":"✓"}"#.utf8) + [0, 255],
        headers: [("etag", "W/\"abc\""), ("link", "<https://api.example/next?page=2>; rel=\"next\""), ("x-total", "")],
        storedAt: 1_700_000_000.25, freshUntil: 1_700_000_060.5, retainUntil: 1_700_003_600)

    @Test func roundTrip() throws {
        let bytes = CacheEntryCodec.encode(Self.sample)
        #expect(try CacheEntryCodec.decode(bytes) == Self.sample)
        #expect(Array(bytes.prefix(5)) == CacheEntryCodec.magic + [CacheEntryCodec.version])
    }

    @Test func roundTripOfAnEmptyEntryAndALargeBody() throws {
        let empty = CacheEntry(body: [], storedAt: 0, freshUntil: 0, retainUntil: 0)
        #expect(try CacheEntryCodec.decode(CacheEntryCodec.encode(empty)) == empty)
        let large = CacheEntry(body: (0..<300_000).map { UInt8(truncatingIfNeeded: $0) },
                               headers: [("x-" + String(repeating: "h", count: 200), String(repeating: "v", count: 70_000))],
                               storedAt: -1.5, freshUntil: .infinity, retainUntil: 1e12)
        #expect(try CacheEntryCodec.decode(CacheEntryCodec.encode(large)) == large)
    }

    @Test func compact() {
        let entry = CacheEntry(body: Array(repeating: 1, count: 100), storedAt: 1, freshUntil: 2, retainUntil: 3)
        // magic + version + 3 times + header count + body length (1 byte each) + body.
        #expect(CacheEntryCodec.encode(entry).count == 5 + 24 + 1 + 1 + 100)
    }

    /// Every truncation of a valid entry is refused with `.corruptEntry`.
    @Test func everyTruncationIsCorrupt() {
        let bytes = CacheEntryCodec.encode(Self.sample)
        for length in 0..<bytes.count {
            expectCorrupt(Array(bytes.prefix(length)))
        }
    }

    @Test func trailingBytesUnknownVersionAndForeignValuesAreCorrupt() {
        let bytes = CacheEntryCodec.encode(Self.sample)
        expectCorrupt(bytes + [0])
        var future = bytes
        future[4] = CacheEntryCodec.version + 1
        expectCorrupt(future)
        expectCorrupt(Array(#"{"not":"ours"}"#.utf8))
        expectCorrupt([])
    }

    @Test func hugeLengthsAndInvalidUTF8AreCorrupt() {
        let prefix = CacheEntryCodec.magic + [CacheEntryCodec.version] + Array(repeating: 0, count: 24)
        expectCorrupt(prefix + [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F])
        expectCorrupt(prefix + [0x00, 0xFF, 0xFF, 0xFF, 0x0F])
        expectCorrupt(prefix + [0x01, 0x02, 0xC3, 0x28, 0x00, 0x00])
    }

    /// Random damage never crashes: it decodes to something or fails with `.corruptEntry`.
    @Test func randomDamageNeverCrashes() {
        var generator = SplitMix(seed: 42)
        let bytes = CacheEntryCodec.encode(Self.sample)
        for _ in 0..<2000 {
            var damaged = bytes
            for _ in 0..<Int(generator.next() % 4 + 1) {
                let index = Int(generator.next() % UInt64(damaged.count))
                damaged[index] = UInt8(truncatingIfNeeded: generator.next())
            }
            do throws(CacheStoreError) {
                _ = try CacheEntryCodec.decode(damaged)
            } catch {
                #expect(error.code == .corruptEntry)
            }
        }
    }

    private func expectCorrupt(_ bytes: [UInt8], sourceLocation: SourceLocation = #_sourceLocation) {
        do throws(CacheStoreError) {
            let entry = try CacheEntryCodec.decode(bytes)
            Issue.record("decoded \(bytes.count) bad bytes into \(entry.body.count) body bytes", sourceLocation: sourceLocation)
        } catch {
            #expect(error.code == .corruptEntry, sourceLocation: sourceLocation)
        }
    }
}

/// A small deterministic generator (SplitMix64) so the damage test is reproducible.
struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
