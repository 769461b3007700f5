import Foundation
import Postgres

/// Applies migration files to a database: in version order, each file and its
/// `schema_migrations` row in one transaction, under one advisory lock so that pods starting
/// together migrate once (the others wait, then find nothing to do). Refuses to run when an
/// applied file was edited or the recorded history has a version with no file.
public struct MigrationRunner: Sendable {
    /// The advisory lock key every Hyperpage process migrates under ("hyperpag" in ASCII).
    public static let lockKey: Int64 = 0x6879_7065_7270_6167

    public let pool: PostgresPool
    public let files: [MigrationFile]

    public init(pool: PostgresPool, files: [MigrationFile]) {
        self.pool = pool
        self.files = files
    }

    /// Compares the database's `schema_migrations` with the files; changes nothing.
    public func status() async throws(MigrationError) -> MigrationStatus {
        do {
            return try await pool.withConnection { connection in
                Self.compare(files: files, applied: try await Self.appliedMigrations(connection))
            }
        } catch {
            throw Self.databaseError(error)
        }
    }

    /// Applies every pending file; returns those it applied (empty when the database was
    /// current, e.g. because another process just migrated it).
    @discardableResult
    public func migrate(lockTimeout: Duration = .seconds(600)) async throws(MigrationError) -> [MigrationFile] {
        do {
            return try await pool.withAdvisoryLock(key: Self.lockKey, timeout: lockTimeout) { connection in
                try await connection.query("""
                    CREATE TABLE IF NOT EXISTS schema_migrations (
                        version    integer PRIMARY KEY,
                        name       text NOT NULL,
                        checksum   text NOT NULL,
                        applied_at timestamptz NOT NULL DEFAULT now()
                    )
                    """)
                let status = Self.compare(files: files, applied: try await Self.appliedMigrations(connection))
                try Self.refuseIfUnsafe(status)
                var applied: [MigrationFile] = []
                for entry in status.pending {
                    guard let file = files.first(where: { $0.version == entry.version }) else { continue }
                    try await apply(file, on: connection)
                    applied.append(file)
                }
                return applied
            }
        } catch {
            throw Self.databaseError(error)
        }
    }

    private func apply(_ file: MigrationFile, on connection: PostgresConnection) async throws {
        try await connection.withTransaction { tx in
            // Schema changes may legitimately run longer than the pool's statement timeout.
            try await tx.query("SET LOCAL statement_timeout = 0")
            do {
                try await tx.runScript(file.sql)
            } catch let error as PostgresError where error.code == .server {
                var where_ = file.fileName
                if let position = error.position { where_ += ":\(file.line(ofPosition: position))" }
                let state = error.sqlState.map { " (SQLSTATE \($0)\(error.conditionName.map { " \($0)" } ?? ""))" } ?? ""
                throw MigrationError(code: .failed, message: "\(where_): the migration failed\(state); nothing of it was applied.",
                                     file: file.fileName)
            }
            try await tx.query("""
                INSERT INTO schema_migrations (version, name, checksum) VALUES (\(file.version), \(file.name), \(file.checksum))
                """)
        }
    }

    // MARK: - Comparing

    struct AppliedMigration {
        let version: Int
        let name: String
        let checksum: String
        let appliedAt: Date
    }

    static func appliedMigrations(_ connection: PostgresConnection) async throws -> [AppliedMigration] {
        let present = try await connection.query("SELECT to_regclass('schema_migrations') IS NOT NULL AS present").rows.first?
            .decode("present", as: Bool.self)
        guard present == true else { return [] }
        return try await connection.query("SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version").rows.map { row in
            AppliedMigration(version: try row.decode("version"), name: try row.decode("name"),
                             checksum: try row.decode("checksum"), appliedAt: try row.decode("applied_at"))
        }
    }

    static func compare(files: [MigrationFile], applied: [AppliedMigration]) -> MigrationStatus {
        let appliedByVersion = Dictionary(applied.map { ($0.version, $0) }, uniquingKeysWith: { first, _ in first })
        var entries: [MigrationStatus.Entry] = files.map { file in
            guard let record = appliedByVersion[file.version] else {
                return MigrationStatus.Entry(version: file.version, name: file.name, state: .pending)
            }
            let state: MigrationStatus.State = record.checksum == file.checksum ? .applied(at: record.appliedAt) : .edited(appliedAt: record.appliedAt)
            return MigrationStatus.Entry(version: file.version, name: file.name, state: state)
        }
        let fileVersions = Set(files.map(\.version))
        for record in applied where !fileVersions.contains(record.version) {
            entries.append(MigrationStatus.Entry(version: record.version, name: record.name, state: .noFile(appliedAt: record.appliedAt)))
        }
        return MigrationStatus(entries: entries.sorted { $0.version < $1.version })
    }

    static func refuseIfUnsafe(_ status: MigrationStatus) throws(MigrationError) {
        if let edited = status.edited.first {
            throw MigrationError(code: .editedFile,
                                 message: "\(edited.fileName) was edited after it was applied (its checksum differs from the one recorded); restore it and put the change in a new migration file.",
                                 file: edited.fileName)
        }
        if let missing = status.diverged.first {
            throw MigrationError(code: .missingFile,
                                 message: "\(missing.fileName) is recorded as applied but is not in the migrations folder; restore it.",
                                 file: missing.fileName)
        }
    }

    static func databaseError(_ error: any Error) -> MigrationError {
        switch error {
        case let error as MigrationError: return error
        case let error as PostgresError: return MigrationError(code: .database, message: "The database failed: \(error)")
        default: return MigrationError(code: .database, message: "Migrating failed: \(error)")
        }
    }
}
