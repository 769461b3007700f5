import Yams

/// A 1-based line and column in the configuration file (Yams' `Mark` has no public initializer).
struct ConfigPosition: Sendable, Equatable, Comparable {
    var line: Int
    var column: Int

    static let start = ConfigPosition(line: 1, column: 1)

    init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    init(_ mark: Mark?) {
        self = mark.map { ConfigPosition(line: $0.line, column: $0.column) } ?? .start
    }

    static func < (a: ConfigPosition, b: ConfigPosition) -> Bool {
        (a.line, a.column) < (b.line, b.column)
    }
}
