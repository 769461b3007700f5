import Foundation

/// What one tool said about one rate-limit bucket of one credential, read from a real
/// response's headers.
public struct RateLimitObservation: Sendable, Equatable {
    public var tool: String
    /// The credential scope (`CacheKeys.scope`, an HMAC, never the credential); empty when
    /// the recorder did not say.
    public var scope: String
    /// The rate-limit bucket: GitHub's `x-ratelimit-resource` (`core`, `search`, `graphql`…);
    /// `core` for GitHub responses without it and for GitLab and Jira (one bucket each).
    public var bucket: String
    /// Requests allowed in the current window.
    public var limit: Int?
    /// Requests left in the current window (0 on a 429 that did not say).
    public var remaining: Int?
    /// When the window resets, or when the tool asked us to come back (`Retry-After`).
    public var resetAt: Date?
    public var observedAt: Date

    /// The bucket of tools with a single one, and of GitHub responses that do not name theirs.
    public static let coreBucket = "core"

    public init(tool: String, scope: String = "", bucket: String = RateLimitObservation.coreBucket, limit: Int? = nil,
                remaining: Int? = nil, resetAt: Date? = nil, observedAt: Date) {
        self.tool = tool
        self.scope = scope
        self.bucket = bucket
        self.limit = limit
        self.remaining = remaining
        self.resetAt = resetAt
        self.observedAt = observedAt
    }

    /// Reads the rate-limit headers of a response, or returns nil when it has none:
    /// - GitHub: `x-ratelimit-limit`, `x-ratelimit-remaining`, `x-ratelimit-reset` (epoch seconds);
    /// - GitLab: `ratelimit-limit`, `ratelimit-remaining`, `ratelimit-reset` (epoch seconds);
    /// - Jira: `x-ratelimit-limit`, `x-ratelimit-remaining`, `x-ratelimit-reset` (ISO 8601
    ///   timestamp) and `retry-after` (seconds).
    ///
    /// GitHub names the bucket in `x-ratelimit-resource`; every other response counts against
    /// the `core` bucket.
    public init?(tool: String, scope: String = "", response: UpstreamResponse, at now: Date) {
        let limit = (response.header("x-ratelimit-limit") ?? response.header("ratelimit-limit")).flatMap(Self.integer)
        var remaining = (response.header("x-ratelimit-remaining") ?? response.header("ratelimit-remaining")).flatMap(Self.integer)
        var resetAt = (response.header("x-ratelimit-reset") ?? response.header("ratelimit-reset")).flatMap(Self.resetDate)
        let retryAfter = response.header("retry-after").flatMap { retryAfterSeconds($0, now: now) }
        guard limit != nil || remaining != nil || resetAt != nil || retryAfter != nil else { return nil }
        if let retryAfter {
            resetAt = max(resetAt ?? .distantPast, now.addingTimeInterval(retryAfter))
        }
        if response.status == 429, remaining == nil { remaining = 0 }
        // The bucket names a Redis key; only letters, digits, `_` and `-` are kept of it.
        let resource = String((response.header("x-ratelimit-resource") ?? "").lowercased().unicodeScalars.filter {
            ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" || $0 == "-"
        }.prefix(40))
        self.init(tool: tool, scope: scope, bucket: resource.isEmpty ? Self.coreBucket : resource,
                  limit: limit, remaining: remaining, resetAt: resetAt, observedAt: now)
    }

    private static func integer(_ text: String) -> Int? {
        Int(text.trimmingWhitespace())
    }

    /// Epoch seconds (GitHub, GitLab) or an ISO 8601 timestamp (Jira).
    private static func resetDate(_ text: String) -> Date? {
        let trimmed = text.trimmingWhitespace()
        if let epoch = Double(trimmed) { return Date(timeIntervalSince1970: epoch) }
        return parseISO8601(trimmed)
    }
}

/// `Retry-After` in seconds, from either of its forms: delta-seconds or an HTTP date.
func retryAfterSeconds(_ text: String, now: Date) -> Double? {
    let trimmed = text.trimmingWhitespace()
    if let seconds = Double(trimmed), seconds.isFinite { return max(0, seconds) }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
    guard let date = formatter.date(from: trimmed) else { return nil }
    return max(0, date.timeIntervalSince(now))
}

/// Parses `YYYY-MM-DDTHH:MM[:SS[.fff]](Z|±HH:MM|±HHMM)`, the forms Jira and others send
/// (Jira's reset has no seconds: `2025-03-18T12:00Z`).
func parseISO8601(_ text: String) -> Date? {
    let bytes = Array(text.utf8)
    var index = 0
    func number(_ digits: Int) -> Int? {
        guard index + digits <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[index..<index + digits] {
            guard byte >= 48, byte <= 57 else { return nil }
            value = value * 10 + Int(byte - 48)
        }
        index += digits
        return value
    }
    func expect(_ character: Character) -> Bool {
        guard index < bytes.count, bytes[index] == character.asciiValue else { return false }
        index += 1
        return true
    }
    guard let year = number(4), expect("-"), let month = number(2), expect("-"), let day = number(2),
          index < bytes.count, bytes[index] == UInt8(ascii: "T") || bytes[index] == UInt8(ascii: " ") else { return nil }
    index += 1
    guard let hour = number(2), expect(":"), let minute = number(2) else { return nil }
    var second = 0.0
    if expect(":") {
        guard let whole = number(2) else { return nil }
        second = Double(whole)
        if expect(".") || expect(",") {
            var scale = 0.1
            while index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 {
                second += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
        }
    }
    var offsetSeconds = 0
    if expect("Z") || expect("z") {
        offsetSeconds = 0
    } else if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
        let sign = bytes[index] == UInt8(ascii: "-") ? -1 : 1
        index += 1
        guard let offsetHours = number(2) else { return nil }
        _ = expect(":")
        guard let offsetMinutes = number(2) else { return nil }
        offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
    } else {
        return nil
    }
    guard index == bytes.count, (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61 else { return nil }
    let days = daysSinceEpoch(year: year, month: month, day: day)
    let seconds = Double(days * 86_400 + hour * 3600 + minute * 60 - offsetSeconds) + second
    return Date(timeIntervalSince1970: seconds)
}

/// Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil).
private func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
    let y = month <= 2 ? year - 1 : year
    let era = (y >= 0 ? y : y - 399) / 400
    let yearOfEra = y - era * 400
    let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
    let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
    return era * 146_097 + dayOfEra - 719_468
}
