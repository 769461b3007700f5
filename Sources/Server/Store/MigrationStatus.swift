import Foundation

/// Where a database stands against the migration files: one entry per file, plus one per
/// version the database recorded that has no file.
public struct MigrationStatus: Sendable, Equatable {
    public enum State: Sendable, Equatable {
        /// Applied, with the same checksum as the file.
        case applied(at: Date)
        /// Not applied yet.
        case pending
        /// Applied, but the file changed since: `migrate` refuses to run.
        case edited(appliedAt: Date)
        /// Recorded in the database without a file here. Above the newest file: the database
        /// was migrated by a newer build (allowed). Below it: the history diverged (refused).
        case noFile(appliedAt: Date)
    }

    public struct Entry: Sendable, Equatable {
        public let version: Int
        public let name: String
        public let state: State
        /// `NNNN_name.sql`.
        public var fileName: String {
            let digits = String(version)
            return String(repeating: "0", count: max(0, 4 - digits.count)) + digits + "_" + name + ".sql"
        }
    }

    public let entries: [Entry]

    /// The newest version among the files (0 without files).
    public var expectedVersion: Int {
        entries.filter { if case .noFile = $0.state { false } else { true } }.map(\.version).max() ?? 0
    }

    /// The newest version the database recorded (0 when none).
    public var appliedVersion: Int {
        entries.filter { if case .pending = $0.state { false } else { true } }.map(\.version).max() ?? 0
    }

    public var pending: [Entry] { entries.filter { $0.state == .pending } }

    public var edited: [Entry] { entries.filter { if case .edited = $0.state { true } else { false } } }

    /// Versions the database recorded without a file, below the newest file.
    public var diverged: [Entry] {
        let expected = expectedVersion
        return entries.filter { if case .noFile = $0.state { $0.version < expected } else { false } }
    }

    /// Every file applied unchanged and no gap in the history: what the server needs to start.
    public var isCurrent: Bool { pending.isEmpty && edited.isEmpty && diverged.isEmpty }

    /// One line per entry, `0001_initial.sql  applied 2024-05-06T07:08:09Z`, for the CLI.
    public func lines() -> [String] {
        let width = entries.map { $0.fileName.count }.max() ?? 0
        let expected = expectedVersion
        return entries.map { entry in
            let padded = entry.fileName.padding(toLength: width, withPad: " ", startingAt: 0)
            switch entry.state {
            case .applied(let at): return "\(padded)  applied \(Self.timestamp(at))"
            case .pending: return "\(padded)  pending"
            case .edited(let at): return "\(padded)  edited (applied \(Self.timestamp(at)); the file changed since)"
            case .noFile(let at):
                let why = entry.version > expected ? "newer than this build's files" : "its file is missing"
                return "\(padded)  applied \(Self.timestamp(at)) (\(why))"
            }
        }
    }

    private static func timestamp(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }
}
