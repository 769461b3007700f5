import Foundation

/// Hands out the sample's "last updated" instants: every call returns a different one, spread over
/// about ten days and interleaved across tools, so sorting by update time never meets a tie.
struct SampleClock {
    /// 2025-05-05T08:00:00Z.
    static let base = Date(timeIntervalSince1970: 1_746_432_000)
    private static let slots = 211          // prime, so the stride below visits every slot once
    private static let stride = 97
    private static let step: TimeInterval = 4_327
    private var issued = 0

    mutating func next() -> Date {
        precondition(issued < Self.slots, "sample clock exhausted")
        let slot = (issued * Self.stride) % Self.slots
        issued += 1
        return Self.base.addingTimeInterval(Double(slot) * Self.step)
    }
}

/// A deterministic hex string (commit SHAs) derived from `seed`.
func sampleSHA(_ seed: Int) -> String {
    var x = UInt64(truncatingIfNeeded: seed) &* 0x9E37_79B9_7F4A_7C15 &+ 0xD1B5_4A32_D192_ED03
    var out = ""
    while out.count < 40 {
        x ^= x >> 33
        x = x &* 0xFF51_AFD7_ED55_8CCD
        x ^= x >> 29
        out += String(x, radix: 16).leftPadded(to: 16)
    }
    return String(out.prefix(40))
}
