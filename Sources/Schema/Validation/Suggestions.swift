/// "Did you mean …?" helpers for error messages, with graphql-js wording and ranking.

/// The options within a small edit distance of `input`, closest first (ties in natural order),
/// as graphql-js ranks them: a case-only difference counts as one edit, otherwise the optimal string
/// alignment distance of the lower-cased names, kept when at most floor(0.4 × input length) + 1.
func suggestionList(_ input: String, _ options: [String]) -> [String] {
    let inputBytes = Array(input.utf8)
    let inputLower = lowercasedASCII(inputBytes)
    let threshold = inputBytes.count * 4 / 10 + 1
    var scored: [(name: String, distance: Int)] = []
    for option in options {
        let optionBytes = Array(option.utf8)
        let distance: Int
        if inputBytes == optionBytes {
            distance = 0
        } else {
            let optionLower = lowercasedASCII(optionBytes)
            distance = inputLower == optionLower ? 1 : editDistance(inputLower, optionLower, threshold: threshold)
        }
        if distance <= threshold && !scored.contains(where: { $0.name == option }) { scored.append((option, distance)) }
    }
    scored.sort { a, b in
        a.distance != b.distance ? a.distance < b.distance : naturalCompare(a.name, b.name) < 0
    }
    return scored.map(\.name)
}

/// " Did you mean "A", "B", or "C"?" (at most five), or "" when there is nothing to suggest.
/// With `subMessage`, the form is " Did you mean <subMessage> "A" or "B"?".
func didYouMean(_ suggestions: [String], subMessage: String? = nil) -> String {
    if suggestions.isEmpty { return "" }
    var message = " Did you mean "
    if let subMessage { message += subMessage + " " }
    let quoted = suggestions.prefix(5).map { "\"\($0)\"" }
    switch quoted.count {
    case 1: message += quoted[0]
    case 2: message += quoted[0] + " or " + quoted[1]
    default: message += quoted.dropLast().joined(separator: ", ") + ", or " + quoted[quoted.count - 1]
    }
    return message + "?"
}

/// "A", "B", or "C" style list used in messages ("or" list of quoted names, at most five).
func quotedOrList(_ items: [String]) -> String {
    let quoted = items.prefix(5).map { "\"\($0)\"" }
    switch quoted.count {
    case 0: return ""
    case 1: return quoted[0]
    case 2: return quoted[0] + " or " + quoted[1]
    default: return quoted.dropLast().joined(separator: ", ") + ", or " + quoted[quoted.count - 1]
    }
}

private func lowercasedASCII(_ bytes: [UInt8]) -> [UInt8] {
    bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }
}

/// Optimal string alignment distance (adjacent transpositions count as one edit); returns
/// `threshold + 1` as soon as the distance is known to exceed `threshold`.
private func editDistance(_ a: [UInt8], _ b: [UInt8], threshold: Int) -> Int {
    var a = a, b = b
    if a.count < b.count { swap(&a, &b) }
    let aLength = a.count, bLength = b.count
    if aLength - bLength > threshold { return threshold + 1 }
    var rows = [[Int]](repeating: [Int](repeating: 0, count: bLength + 1), count: 3)
    for j in 0...bLength { rows[0][j] = j }
    for i in stride(from: 1, through: aLength, by: 1) {
        let upRow = rows[(i - 1) % 3]
        var currentRow = rows[i % 3]
        currentRow[0] = i
        var smallest = i
        for j in stride(from: 1, through: bLength, by: 1) {
            let cost = a[i - 1] == b[j - 1] ? 0 : 1
            var current = min(upRow[j] + 1, currentRow[j - 1] + 1, upRow[j - 1] + cost)
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                current = min(current, rows[(i - 2) % 3][j - 2] + 1)
            }
            if current < smallest { smallest = current }
            currentRow[j] = current
        }
        rows[i % 3] = currentRow
        if smallest > threshold { return threshold + 1 }
    }
    let distance = rows[aLength % 3][bLength]
    return distance <= threshold ? distance : threshold + 1
}

/// graphql-js `naturalCompare`: digit runs compare by numeric value, everything else by code unit.
func naturalCompare(_ a: String, _ b: String) -> Int {
    let x = Array(a.utf8), y = Array(b.utf8)
    var i = 0, j = 0
    func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
    while i < x.count && j < y.count {
        if isDigit(x[i]) && isDigit(y[j]) {
            var numA = 0, numB = 0
            repeat { numA = numA &* 10 &+ Int(x[i] - 0x30); i += 1 } while i < x.count && isDigit(x[i])
            repeat { numB = numB &* 10 &+ Int(y[j] - 0x30); j += 1 } while j < y.count && isDigit(y[j])
            if numA != numB { return numA < numB ? -1 : 1 }
        } else {
            if x[i] != y[j] { return x[i] < y[j] ? -1 : 1 }
            i += 1
            j += 1
        }
    }
    return (x.count - i) - (y.count - j)
}

/// Sorts the way JavaScript engines (V8's TimSort) sort short arrays: the leading ascending or
/// strictly descending run, then binary insertion of the rest. Matching this exactly matters
/// when the comparator is not a total order, as with graphql-js' type suggestion ordering.
/// `comparator` returns a negative number when its first argument sorts first, as in JavaScript.
func javaScriptSort<T>(_ items: [T], by comparator: (T, T) -> Int) -> [T] {
    var a = items
    let n = a.count
    if n < 2 { return a }
    var runLength = 2
    let descending = comparator(a[1], a[0]) < 0
    while runLength < n {
        let order = comparator(a[runLength], a[runLength - 1])
        if descending ? order >= 0 : order < 0 { break }
        runLength += 1
    }
    if descending { a[0..<runLength].reverse() }
    for start in runLength..<n {
        let pivot = a[start]
        var left = 0, right = start
        while left < right {
            let mid = left + (right - left) / 2
            if comparator(pivot, a[mid]) < 0 { right = mid } else { left = mid + 1 }
        }
        var i = start
        while i > left {
            a[i] = a[i - 1]
            i -= 1
        }
        a[left] = pivot
    }
    return a
}
