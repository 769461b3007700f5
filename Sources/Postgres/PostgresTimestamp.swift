import Foundation

/// `timestamptz` in the text format the connection is set up for (`DateStyle = ISO`,
/// `TimeZone = UTC`): `2024-05-06 07:08:09.123456+00`. Microsecond precision, like the server.
enum PostgresTimestamp {
    /// The text PostgreSQL reads as a `timestamptz`.
    static func format(_ date: Date) -> String {
        let micros = (date.timeIntervalSince1970 * 1_000_000).rounded()
        var seconds = Int64((micros / 1_000_000).rounded(.down))
        let fraction = Int64(micros) - seconds * 1_000_000
        let days = floorDiv(seconds, 86_400)
        seconds -= days * 86_400
        let (year, month, day) = civil(fromDays: days)
        let yearText = year > 0 ? pad(year, 4) : pad(1 - year, 4) // year 0 is 1 BC
        var text = "\(yearText)-\(pad(month, 2))-\(pad(day, 2)) \(pad(seconds / 3600, 2)):\(pad(seconds / 60 % 60, 2)):\(pad(seconds % 60, 2))"
        if fraction != 0 { text += "." + pad(fraction, 6) }
        text += "+00"
        if year <= 0 { text += " BC" }
        return text
    }

    /// Parses the server's output (`YYYY-MM-DD HH:MM:SS[.ffffff]±HH[:MM[:SS]]`); nil for anything
    /// else, including `infinity` and BC dates.
    static func parse(_ bytes: [UInt8]) -> Date? {
        var reader = DigitReader(bytes: bytes)
        guard let year = reader.number(minDigits: 4), reader.skip("-"),
              let month = reader.number(exactDigits: 2), reader.skip("-"),
              let day = reader.number(exactDigits: 2), reader.skip(" ") || reader.skip("T"),
              let hour = reader.number(exactDigits: 2), reader.skip(":"),
              let minute = reader.number(exactDigits: 2), reader.skip(":"),
              let second = reader.number(exactDigits: 2),
              (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var micros: Int64 = 0
        if reader.skip(".") {
            var digits = 0
            while let d = reader.digit() {
                if digits < 6 { micros = micros * 10 + Int64(d) }
                digits += 1
            }
            guard digits > 0 else { return nil }
            if digits < 6 { for _ in digits..<6 { micros *= 10 } }
        }
        var offset: Int64 = 0
        if let sign = reader.sign() {
            guard let h = reader.number(exactDigits: 2) else { return nil }
            var m: Int64 = 0, s: Int64 = 0
            if reader.skip(":") {
                guard let mm = reader.number(exactDigits: 2) else { return nil }
                m = mm
                if reader.skip(":") {
                    guard let ss = reader.number(exactDigits: 2) else { return nil }
                    s = ss
                }
            }
            offset = sign * (h * 3600 + m * 60 + s)
        }
        guard reader.atEnd else { return nil }
        let days = days(fromCivil: year, month, day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1_000_000)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    private static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (year 0 = 1 BC), counting in
    /// 400-year eras of 146 097 days with March as the first month so leap days come last.
    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = floorDiv(y, 400)
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The inverse of `days(fromCivil:)`.
    static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = floorDiv(z, 146_097)
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}

/// Reads ASCII digits and punctuation off a byte array.
private struct DigitReader {
    let bytes: [UInt8]
    var index = 0

    var atEnd: Bool { index == bytes.count }

    mutating func digit() -> Int? {
        guard index < bytes.count, bytes[index] >= 48, bytes[index] <= 57 else { return nil }
        defer { index += 1 }
        return Int(bytes[index] - 48)
    }

    mutating func number(exactDigits: Int) -> Int64? {
        var value: Int64 = 0
        for _ in 0..<exactDigits {
            guard let d = digit() else { return nil }
            value = value * 10 + Int64(d)
        }
        return value
    }

    mutating func number(minDigits: Int) -> Int64? {
        var value: Int64 = 0
        var count = 0
        while count < 9, let d = digit() {
            value = value * 10 + Int64(d)
            count += 1
        }
        return count >= minDigits ? value : nil
    }

    mutating func skip(_ character: Character) -> Bool {
        guard index < bytes.count, let ascii = character.asciiValue, bytes[index] == ascii else { return false }
        index += 1
        return true
    }

    mutating func sign() -> Int64? {
        if skip("+") { return 1 }
        if skip("-") { return -1 }
        return nil
    }
}
