/// Block strings (spec 2.9.4): the dedent algorithm `BlockStringValue` applied to a block string's
/// raw lines, and its inverse for printing.

/// `BlockStringValue(rawValue)` on a block string already split into lines (escaped `\"""`
/// resolved): removes the common indentation of all lines but the first, then leading and
/// trailing lines that are blank (only spaces and tabs), and joins the rest with line feeds.
func blockStringValue(lines: [[UInt8]]) -> [UInt8] {
    var commonIndent = Int.max
    var firstNonBlank = -1
    var lastNonBlank = -1
    for (i, line) in lines.enumerated() {
        let indent = leadingWhiteSpace(line)
        if indent == line.count { continue }  // blank lines neither count for indentation nor stay at the ends
        if firstNonBlank < 0 { firstNonBlank = i }
        lastNonBlank = i
        if i != 0 && indent < commonIndent { commonIndent = indent }
    }
    guard firstNonBlank >= 0 else { return [] }
    var result: [UInt8] = []
    for i in firstNonBlank...lastNonBlank {
        if i != firstNonBlank { result.append(0x0A) }
        let line = lines[i]
        if i == 0 {
            result.append(contentsOf: line)
        } else if commonIndent < line.count {
            result.append(contentsOf: line[commonIndent...])
        }
    }
    return result
}

/// `BlockStringValue` of a raw block string's text (what sits between the `"""` delimiters, with
/// `\"""` already resolved).
public func blockStringValue(_ raw: String) -> String {
    String(decoding: blockStringValue(lines: splitLines(Array(raw.utf8))), as: UTF8.self)
}

/// Splits at `\r\n`, `\n` and `\r`.
func splitLines(_ bytes: [UInt8]) -> [[UInt8]] {
    var lines: [[UInt8]] = []
    var start = 0
    var i = 0
    while i < bytes.count {
        let b = bytes[i]
        if b == 0x0A || b == 0x0D {
            lines.append(Array(bytes[start..<i]))
            i += (b == 0x0D && i + 1 < bytes.count && bytes[i + 1] == 0x0A) ? 2 : 1
            start = i
        } else {
            i += 1
        }
    }
    lines.append(Array(bytes[start..<bytes.count]))
    return lines
}

@inline(__always)
private func isWhiteSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 }

private func leadingWhiteSpace<C: Collection<UInt8>>(_ line: C) -> Int {
    var n = 0
    for b in line {
        guard isWhiteSpace(b) else { break }
        n += 1
    }
    return n
}

/// Prints `value` as a block string whose `BlockStringValue` is `value` again: `"""` inside is
/// escaped, and leading/trailing line breaks are added where the dedent would otherwise change the
/// text or where they make it readable (multi-line or long values).
public func printBlockString(_ value: String) -> String {
    let valueBytes = Array(value.utf8)
    var escaped: [UInt8] = []
    escaped.reserveCapacity(valueBytes.count)
    var i = 0
    while i < valueBytes.count {
        if valueBytes[i] == 0x22 && i + 2 < valueBytes.count && valueBytes[i + 1] == 0x22 && valueBytes[i + 2] == 0x22 {
            escaped.append(contentsOf: [0x5C, 0x22, 0x22, 0x22])
            i += 3
        } else {
            escaped.append(valueBytes[i])
            i += 1
        }
    }
    let lines = splitLines(escaped)
    let isSingleLine = lines.count == 1
    // If every line after the first is indented (or empty), the dedent would strip that common
    // indentation: a leading line break makes the first line take part and keeps it.
    let forceLeadingNewLine = lines.count > 1 && lines.dropFirst().allSatisfy { $0.isEmpty || isWhiteSpace($0[0]) }
    let hasTrailingTripleQuotes = escaped.count >= 4 && escaped.suffix(4).elementsEqual([0x5C, 0x22, 0x22, 0x22])
    let hasTrailingQuote = valueBytes.last == 0x22 && !hasTrailingTripleQuotes
    let hasTrailingSlash = valueBytes.last == 0x5C
    let forceTrailingNewLine = hasTrailingQuote || hasTrailingSlash
    let printAsMultipleLines = !isSingleLine || value.unicodeScalars.count > 70 || forceTrailingNewLine
        || forceLeadingNewLine || hasTrailingTripleQuotes
    // A single line starting with white space keeps it only if it stays the first line.
    let skipLeadingNewLine = isSingleLine && !valueBytes.isEmpty && isWhiteSpace(valueBytes[0])

    var result: [UInt8] = [0x22, 0x22, 0x22]
    if (printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine { result.append(0x0A) }
    result.append(contentsOf: escaped)
    if printAsMultipleLines || forceTrailingNewLine { result.append(0x0A) }
    result.append(contentsOf: [0x22, 0x22, 0x22])
    return String(decoding: result, as: UTF8.self)
}
