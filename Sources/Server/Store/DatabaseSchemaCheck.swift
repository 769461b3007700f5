import Postgres

/// The start-up check of `serve`: with a database configured, every migration file must have
/// been applied unchanged before the server takes traffic. The server never migrates by
/// itself — that is `hyperpage migrate`'s job, run once per deploy.
public enum DatabaseSchemaCheck {
    public static func verify(pool: PostgresPool, migrationsDirectory: String) async throws(MigrationError) {
        let files = try MigrationFile.load(directory: migrationsDirectory)
        let status = try await MigrationRunner(pool: pool, files: files).status()
        guard !status.isCurrent else { return }
        var problems: [String] = []
        if !status.pending.isEmpty { problems.append("\(status.pending.count) pending (\(status.pending.map(\.fileName).joined(separator: ", ")))") }
        if !status.edited.isEmpty { problems.append("edited since applied: \(status.edited.map(\.fileName).joined(separator: ", "))") }
        if !status.diverged.isEmpty { problems.append("applied without a file here: \(status.diverged.map(\.fileName).joined(separator: ", "))") }
        throw MigrationError(
            code: .notCurrent,
            message: "The database is at version \(status.appliedVersion) but this build expects version \(status.expectedVersion) "
                + "(\(problems.joined(separator: "; "))): run hyperpage migrate.")
    }
}

extension HyperpageConfig.DatabaseSection {
    /// The pool configuration, or nil when no database is configured.
    public func postgresConfiguration() throws(PostgresError) -> PostgresConfiguration? {
        guard !url.isEmpty else { return nil }
        return try PostgresConfiguration(url: url, poolSize: poolSize, connectTimeout: connectTimeout,
                                         statementTimeout: statementTimeout)
    }
}
