import Foundation

/// Timestamps in each tool's own spelling. All fake dates are whole seconds in UTC.
enum FakeTimestamp {
    /// GitHub: `2025-05-05T08:00:00Z`.
    static func github(_ date: Date) -> String {
        let c = components(date)
        return "\(c.date)T\(c.time)Z"
    }

    /// GitLab: `2025-05-05T08:00:00.000Z`.
    static func gitlab(_ date: Date) -> String {
        let c = components(date)
        return "\(c.date)T\(c.time).\(c.millis)Z"
    }

    /// Jira: `2025-05-05T08:00:00.000+0000` (no colon in the offset).
    static func jira(_ date: Date) -> String {
        let c = components(date)
        return "\(c.date)T\(c.time).\(c.millis)+0000"
    }

    /// Milliseconds since the epoch (Jira's bulk changelog `created`).
    static func epochMillis(_ date: Date) -> Int { Int((date.timeIntervalSince1970 * 1000).rounded()) }

    /// `Wed, 07 May 2025 10:00:00 GMT` (GitLab's `RateLimit-ResetTime`).
    static func httpDate(_ date: Date) -> String {
        let c = components(date)
        let weekdays = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"]  // 1970-01-01 was a Thursday
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let weekday = weekdays[((c.days % 7) + 7) % 7]
        return "\(weekday), \(String(c.day).leftPadded(to: 2)) \(months[c.month - 1]) \(c.year) \(c.time) GMT"
    }

    private struct Parts { var year, month, day, days: Int; var date, time, millis: String }

    /// Civil date from days since the epoch (Howard Hinnant's algorithm), so no calendar or
    /// locale settings can change the output.
    private static func components(_ date: Date) -> Parts {
        let totalMillis = Int((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = Int((Double(totalMillis) / 1000).rounded(.down))
        let millis = totalMillis - seconds * 1000
        let days = Int((Double(seconds) / 86_400).rounded(.down))
        let secondOfDay = seconds - days * 86_400
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        let date = "\(year)-\(String(month).leftPadded(to: 2))-\(String(day).leftPadded(to: 2))"
        let time = [secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60].map { String($0).leftPadded(to: 2) }.joined(separator: ":")
        return Parts(year: year, month: month, day: day, days: days, date: date, time: time, millis: String(millis).leftPadded(to: 3))
    }
}
