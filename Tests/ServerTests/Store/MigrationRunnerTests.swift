import Foundation
import Postgres
import Testing
@testable import Server

/// The migrations runner against a real PostgreSQL: the repository's files from an empty
/// database, status, the edited-file refusal, a failing file, and the start-up check.
@Suite struct MigrationRunnerTests {
    static var repositoryMigrations: String {
        ServeProcessTests.packageRoot.appendingPathComponent("migrations").path
    }

    @Test func theRepositoryMigrationsApplyToAnEmptyDatabaseOnce() async throws {
        try await StoreTestDatabase.run(fromEmpty)
    }

    private func fromEmpty(_ database: StoreTestDatabase) async throws {
        let pool = try database.pool()
        defer { Task { await pool.shutdown() } }
        let files = try MigrationFile.load(directory: Self.repositoryMigrations)
        #expect(files.first?.fileName == "0001_initial.sql")
        let runner = MigrationRunner(pool: pool, files: files)
        #expect(try await runner.status().pending.count == files.count)
        let applied = try await runner.migrate()
        #expect(applied.map(\.version) == files.map(\.version))
        #expect(try await runner.migrate().isEmpty)
        #expect(try await runner.status().isCurrent)

        let tables = try await pool.query("""
            SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name
            """).rows.map { try $0.decode("table_name", as: String.self) }
        #expect(tables == ["audit_log", "oauth_states", "persisted_queries", "schema_migrations", "sessions", "tool_connections",
                           "tool_overrides", "user_preferences", "users"])
        let recorded = try await pool.query("SELECT version, name, checksum FROM schema_migrations ORDER BY version").rows
        #expect(try recorded.map { try $0.decode("checksum", as: String.self) } == files.map(\.checksum))
        #expect(try recorded.first?.decode("name", as: String.self) == "initial")
        // The assembly's start-up check passes now.
        try await DatabaseSchemaCheck.verify(pool: pool, migrationsDirectory: Self.repositoryMigrations)
    }

    @Test func encryptedTokenColumnsHoldBytesAndRefuseBadNonces() async throws {
        try await StoreTestDatabase.run(tokenColumns)
    }

    private func tokenColumns(_ database: StoreTestDatabase) async throws {
        let pool = try database.pool()
        defer { Task { await pool.shutdown() } }
        try await MigrationRunner(pool: pool, files: try MigrationFile.load(directory: Self.repositoryMigrations)).migrate()
        let user = try #require(try await pool.query("INSERT INTO users (display_name) VALUES (\("Ada")) RETURNING id").rows.first?
            .decode("id", as: Int.self))
        let ciphertext: [UInt8] = [0x00, 0xff, 0x10, 0x5c, 0x00, 0x27] + Array(repeating: 7, count: 16)
        let nonce = [UInt8](repeating: 1, count: 12)
        try await pool.query("""
            INSERT INTO tool_connections (user_id, provider, provider_user_id, access_token_ciphertext, access_token_nonce, key_id, expires_at)
            VALUES (\(user), 'github', '42', \(ciphertext), \(nonce), 'k1', \(Date(timeIntervalSince1970: 1_800_000_000)))
            """)
        let row = try #require(try await pool.query("SELECT access_token_ciphertext, expires_at FROM tool_connections").rows.first)
        #expect(try row.decode("access_token_ciphertext", as: [UInt8].self) == ciphertext)
        #expect(try row.decode("expires_at", as: Date.self) == Date(timeIntervalSince1970: 1_800_000_000))
        let badNonce = await #expect(throws: PostgresError.self) {
            try await pool.query("""
                INSERT INTO tool_connections (user_id, provider, provider_user_id, access_token_ciphertext, access_token_nonce, key_id)
                VALUES (\(user), 'gitlab', '7', \(ciphertext), \([UInt8](repeating: 1, count: 11)), 'k1')
                """)
        }
        #expect(badNonce?.sqlState == "23514")
    }

    @Test func statusListsAppliedPendingAndEditedFiles() async throws {
        try await StoreTestDatabase.run(statusAndEdits)
    }

    private func statusAndEdits(_ database: StoreTestDatabase) async throws {
        let dir = try makeMigrationsFolder(["0001_first.sql": "CREATE TABLE first (id int);\n"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let migrated = await CommandLineTool.execute(["migrate", "--database-url", database.url, "--dir", dir.path])
        #expect(migrated.status == 0, "\(migrated.stderr)")
        #expect(migrated.stdoutText == "applied 0001_first.sql\ndatabase at version 1 (1 migration applied)\n")

        try "CREATE TABLE second (id int);\n".write(to: dir.appendingPathComponent("0002_second.sql"), atomically: true, encoding: .utf8)
        let pending = await CommandLineTool.execute(["migrate", "status", "--database-url", database.url, "--dir", dir.path])
        #expect(pending.status == 1)
        let lines = pending.stdoutText.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines.first?.hasPrefix("0001_first.sql   applied 20") == true, "\(lines)")
        #expect(lines.dropFirst().first == "0002_second.sql  pending")
        #expect(lines.last == "database at version 1; this build expects 2; 1 pending")

        // Editing the applied file: status says so, migrate refuses and names the file.
        try "CREATE TABLE first (id bigint);\n".write(to: dir.appendingPathComponent("0001_first.sql"), atomically: true, encoding: .utf8)
        let edited = await CommandLineTool.execute(["migrate", "status", "--database-url", database.url, "--dir", dir.path])
        #expect(edited.stdoutText.contains("0001_first.sql   edited"))
        let refused = await CommandLineTool.execute(["migrate", "--database-url", database.url, "--dir", dir.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("0001_first.sql was edited after it was applied"), "\(refused.stderr)")
        // Nothing of 0002 ran.
        let pool = try database.pool()
        defer { Task { await pool.shutdown() } }
        let second = try await pool.query("SELECT to_regclass('second') IS NOT NULL AS present").rows.first?.decode("present", as: Bool.self)
        #expect(second == false)
        let check = await #expect(throws: MigrationError.self) {
            try await DatabaseSchemaCheck.verify(pool: pool, migrationsDirectory: dir.path)
        }
        #expect(check?.code == .notCurrent)
        #expect(check?.message.contains("run hyperpage migrate") == true)
        #expect(check?.message.contains("0001_first.sql") == true)
    }

    @Test func aFailingFileIsRolledBackAndNamedWithItsLine() async throws {
        try await StoreTestDatabase.run(failingFile)
    }

    private func failingFile(_ database: StoreTestDatabase) async throws {
        let dir = try makeMigrationsFolder([
            "0001_ok.sql": "CREATE TABLE ok (id int);\n",
            "0002_broken.sql": "CREATE TABLE half (id int);\n\nINSERT INTO half VALUES ('secret-value');\nSELEC 1;\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let pool = try database.pool()
        defer { Task { await pool.shutdown() } }
        let runner = MigrationRunner(pool: pool, files: try MigrationFile.load(directory: dir.path))
        let error = await #expect(throws: MigrationError.self) { try await runner.migrate() }
        #expect(error?.code == .failed)
        #expect(error?.file == "0002_broken.sql")
        #expect(error?.message.hasPrefix("0002_broken.sql:4: the migration failed (SQLSTATE 42601 syntax_error)") == true, "\(error?.message ?? "")")
        #expect(error?.message.contains("secret") == false)
        let status = try await runner.status()
        #expect(status.appliedVersion == 1)
        #expect(status.pending.map(\.version) == [2])
        let half = try await pool.query("SELECT to_regclass('half') IS NOT NULL AS present").rows.first?.decode("present", as: Bool.self)
        #expect(half == false)
    }

    @Test func badlyNamedFilesAreRefused() throws {
        let dir = try makeMigrationsFolder(["1_first.sql": "SELECT 1;"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let error = #expect(throws: MigrationError.self) { try MigrationFile.load(directory: dir.path) }
        #expect(error?.code == .invalidDirectory)
        #expect(error?.message.hasPrefix("1_first.sql:") == true)
    }

    @Test func theServerRefusesAnUnmigratedDatabase() async throws {
        try await StoreTestDatabase.run(unmigratedServe)
    }

    private func unmigratedServe(_ database: StoreTestDatabase) async throws {
        var config = HyperpageConfig()
        config.graphql.schemaDir = ServeProcessTests.packageRoot.appendingPathComponent("schema").path
        config.database.url = database.url
        config.database.migrationsDir = Self.repositoryMigrations
        let assembly = try ServerAssembly.make(config: config)
        let error = await #expect(throws: MigrationError.self) { try await assembly.verifyDatabase() }
        #expect(error?.message.contains("The database is at version 0 but this build expects version 3") == true, "\(error?.message ?? "")")
        #expect(error?.message.hasSuffix("run hyperpage migrate.") == true)
        let pool = try #require(assembly.database)
        try await MigrationRunner(pool: pool, files: try MigrationFile.load(directory: Self.repositoryMigrations)).migrate()
        try await assembly.verifyDatabase()
        await assembly.shutdown()
    }
}

/// `hyperpage migrate`'s usage problems (exit 2), which need no database.
@Suite struct MigrateCommandUsageTests {
    @Test func withoutADatabaseURLItIsAUsageError() async {
        let result = await CommandLineTool.execute(["migrate", "--dir", "migrations"])
        #expect(result.status == 2)
        #expect(result.stderr == "hyperpage: migrate needs --database-url URL, or --config FILE with database.url set\n")
    }

    @Test func anUnknownArgumentIsAUsageError() async {
        let result = await CommandLineTool.execute(["migrate", "up", "--database-url", "postgresql://x/y"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("unexpected argument 'up'"))
    }

    @Test func aMissingFolderIsAUsageErrorThatHidesTheURL() async {
        let result = await CommandLineTool.execute(["migrate", "--database-url", "postgresql://u:hunter2@h/db", "--dir", "/nonexistent/hp"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/hp"))
        #expect(!result.stderr.contains("hunter2"))
    }
}
