/// Durations in the configuration: one or more `<integer><unit>` parts, units `ms`, `s`, `m`,
/// `h` (`500ms`, `60s`, `2m`, `1h30m`), or a bare `0`.
enum DurationSyntax {
    static func parse(_ text: String) -> Duration? {
        if text == "0" { return .zero }
        let scalars = Array(text.unicodeScalars)
        guard !scalars.isEmpty else { return nil }
        var total = Duration.zero
        var i = 0
        while i < scalars.count {
            var digits = 0
            var number: Int64 = 0
            while i < scalars.count, (48...57).contains(scalars[i].value) {
                digits += 1
                guard digits <= 12 else { return nil }
                number = number * 10 + Int64(scalars[i].value - 48)
                i += 1
            }
            guard digits > 0 else { return nil }
            var unit = ""
            while i < scalars.count, scalars[i].isASCII, scalars[i].properties.isAlphabetic {
                unit.unicodeScalars.append(scalars[i])
                i += 1
            }
            switch unit {
            case "ms": total += .milliseconds(number)
            case "s": total += .seconds(number)
            case "m": total += .seconds(number * 60)
            case "h": total += .seconds(number * 3600)
            default: return nil
            }
        }
        return total
    }
}
