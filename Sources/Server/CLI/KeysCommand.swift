import Foundation
import Postgres
import Schema

/// `hyperpage keys rotate [--config FILE] [--database-url URL] [--dir DIR]`: re-seals every stored tool token
/// under the active key of `HYPERPAGE_TOKEN_KEYS` (see docs/security.md, Rotation).
///
/// The database URL comes from `--database-url`, else the configuration's `database.url`. The
/// database must be migrated to this build's version (the files of `--dir`, else
/// `database.migrations_dir`). Prints the counts; exit 0 when every token
/// is now under the active key, 1 when some could not be opened (left unchanged) or changed
/// meanwhile (run it again), 2 for usage problems (no database, no or malformed keys). Never
/// prints the URL, keys or tokens.
struct KeysCommand {
    let database: DatabaseOptions
    let environment: [String: String]

    init(_ args: inout ArgumentList, environment: [String: String]) throws {
        guard let sub = args.next() else { throw UsageError("keys needs a sub-command: rotate") }
        guard sub == "rotate" else { throw UsageError("unknown keys sub-command '\(sub)'") }
        let parsed = try args.parse(valued: ["config", "database-url", "dir"], flags: [])
        if let extra = parsed.positionals.first { throw UsageError("keys rotate: unexpected argument '\(extra)'") }
        database = DatabaseOptions(parsed.options)
        self.environment = environment
    }

    func run() async throws -> CommandResult {
        let database: HyperpageConfig.DatabaseSection
        switch try self.database.section(environment: environment,
                                         missingURL: "keys rotate needs --config FILE with database.url set, or --database-url URL") {
        case .failure(let failure): return failure.result
        case .success(let section): database = section
        }
        let cipher: TokenCipher
        do { cipher = try TokenCipher.fromEnvironment(environment) } catch { throw UsageError(error.description) }
        let configuration = try DatabaseOptions.postgresConfiguration(database, command: "keys rotate")
        let pool = PostgresPool(configuration: configuration)
        let outcome = await rotate(pool: pool, cipher: cipher, migrationsDirectory: database.migrationsDir)
        await pool.shutdown()
        switch outcome {
        case .success(let report): return Self.render(report, activeKey: cipher.keyRing.activeKeyID)
        case .failure(let message): return CommandResult(stderr: "hyperpage: \(message)\n", status: 1)
        }
    }

    private enum Outcome { case success(KeyRotation.Report), failure(String) }

    private func rotate(pool: PostgresPool, cipher: TokenCipher, migrationsDirectory: String) async -> Outcome {
        do {
            try await DatabaseSchemaCheck.verify(pool: pool, migrationsDirectory: migrationsDirectory)
        } catch {
            return .failure(error.message)
        }
        let report: KeyRotation.Report
        do {
            report = try await KeyRotation(cipher: cipher, connections: PostgresConnectionStore(pool: pool)).run()
        } catch {
            return .failure(error.message)
        }
        await AuditTrail(log: PostgresAuditLog(pool: pool)).record(.keysRotated, details: Self.auditDetails(report, activeKey: cipher.keyRing.activeKeyID))
        return .success(report)
    }

    /// Counts and key ids only: never key material.
    static func auditDetails(_ report: KeyRotation.Report, activeKey: String) -> [(String, Value)] {
        [("activeKey", .string(activeKey)), ("rotatedFromKeys", .list(report.rotatedFromKeys.sorted().map(Value.string))),
         ("examined", .int(report.examined)), ("rotated", .int(report.rotated)), ("alreadyCurrent", .int(report.current)),
         ("failed", .int(report.failed)), ("changed", .int(report.changed))]
    }

    static func render(_ report: KeyRotation.Report, activeKey active: String) -> CommandResult {
        var out = "active key: \(active)\n"
        out += "examined \(report.examined) connection\(report.examined == 1 ? "" : "s")\n"
        out += "rotated \(report.rotated)\n"
        out += "already under \(active): \(report.current)\n"
        var status: Int32 = 0
        if report.changed > 0 {
            out += "changed during rotation (run again): \(report.changed)\n"
            status = 1
        }
        if report.failed > 0 {
            out += "could not be opened, left unchanged: \(report.failed)\n"
            status = 1
        }
        return CommandResult(stdout: Array(out.utf8), status: status)
    }
}
