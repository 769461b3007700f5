import Foundation
import Postgres

/// `hyperpage migrate [status] [--config FILE] [--database-url URL] [--dir DIR]`: applies the
/// pending migration files (or, with `status`, lists every file as applied, pending or edited).
///
/// The URL comes from `--database-url`, else from the configuration's `database.url`; the folder
/// from `--dir`, else `database.migrations_dir`, else `migrations`. Exit 0 when done (or, for
/// `status`, when the database is current), 1 when a migration failed, a file was edited, or
/// (`status`) something is pending, 2 for usage problems. The URL is never printed.
struct MigrateCommand {
    enum Action { case migrate, status }

    let action: Action
    let database: DatabaseOptions
    let environment: [String: String]

    init(_ args: inout ArgumentList, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let parsed = try args.parse(valued: ["config", "database-url", "dir"], flags: [])
        switch parsed.positionals {
        case []: action = .migrate
        case ["status"]: action = .status
        default: throw UsageError("migrate: unexpected argument '\(parsed.positionals[parsed.positionals.first == "status" ? 1 : 0])'")
        }
        database = DatabaseOptions(parsed.options)
        self.environment = environment
    }

    func run() async throws -> CommandResult {
        let database: HyperpageConfig.DatabaseSection
        switch try self.database.section(environment: environment,
                                         missingURL: "migrate needs --database-url URL, or --config FILE with database.url set") {
        case .failure(let failure): return failure.result
        case .success(let section): database = section
        }
        let files: [MigrationFile]
        do {
            files = try MigrationFile.load(directory: database.migrationsDir)
        } catch {
            throw UsageError(error.message)
        }
        var configuration = try DatabaseOptions.postgresConfiguration(database, command: "migrate")
        configuration.poolSize = 1
        let pool = PostgresPool(configuration: configuration)
        let result: CommandResult
        do {
            let runner = MigrationRunner(pool: pool, files: files)
            switch action {
            case .migrate: result = try await migrate(runner)
            case .status: result = try await status(runner)
            }
        } catch let error as MigrationError {
            await pool.shutdown()
            return CommandResult(stderr: "hyperpage: \(error.message)\n", status: 1)
        }
        await pool.shutdown()
        return result
    }

    private func migrate(_ runner: MigrationRunner) async throws -> CommandResult {
        let applied = try await runner.migrate()
        var out = applied.map { "applied \($0.fileName)\n" }.joined()
        let version = runner.files.last?.version ?? 0
        out += applied.isEmpty ? "database already at version \(version)\n"
            : "database at version \(version) (\(applied.count) migration\(applied.count == 1 ? "" : "s") applied)\n"
        return CommandResult(stdout: Array(out.utf8))
    }

    private func status(_ runner: MigrationRunner) async throws -> CommandResult {
        let status = try await runner.status()
        var out = status.lines().map { $0 + "\n" }.joined()
        out += "database at version \(status.appliedVersion); this build expects \(status.expectedVersion)"
        if !status.pending.isEmpty { out += "; \(status.pending.count) pending" }
        if !status.edited.isEmpty { out += "; \(status.edited.count) edited" }
        if !status.diverged.isEmpty { out += "; \(status.diverged.count) missing" }
        out += "\n"
        return CommandResult(stdout: Array(out.utf8), status: status.isCurrent ? 0 : 1)
    }
}
