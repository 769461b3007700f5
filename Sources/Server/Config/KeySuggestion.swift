/// "Did you mean …?" for an unknown configuration key.
enum KeySuggestion {
    /// The allowed key closest to `key`: the same key in another spelling (`maxDepth`,
    /// `max-depth`), or one within a small edit distance (a third of its length, at most 3).
    static func closest(to key: String, among candidates: [String]) -> String? {
        let normalized = normalize(key)
        if let same = candidates.first(where: { normalize($0) == normalized }) { return same }
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = editDistance(Array(key.lowercased().unicodeScalars), Array(candidate.unicodeScalars))
            let limit = min(3, max(1, candidate.count / 3))
            if distance <= limit, distance < (best?.distance ?? .max) {
                best = (candidate, distance)
            }
        }
        return best?.name
    }

    private static func normalize(_ key: String) -> String {
        String(key.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" })
    }

    /// Edit distance counting insertions, deletions, substitutions and swaps of two adjacent
    /// characters (`prot` → `port`) as one edit each (optimal string alignment).
    private static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
