import Foundation
import Postgres
import Testing

/// A fresh database on the test server (`HYPERPAGE_TEST_DATABASE_URL`, set by
/// `scripts/with-test-services.sh` and by CI), dropped afterwards. Without the variable the
/// test fails with a clear message rather than skipping.
struct StoreTestDatabase {
    let name: String
    let url: String
    let adminURL: String

    struct MissingServer: Error, CustomStringConvertible {
        var description: String {
            "HYPERPAGE_TEST_DATABASE_URL is not set: run the tests through scripts/with-test-services.sh"
        }
    }

    static func run(_ test: (StoreTestDatabase) async throws -> Void) async throws {
        guard let admin = ProcessInfo.processInfo.environment["HYPERPAGE_TEST_DATABASE_URL"], !admin.isEmpty else {
            Issue.record("HYPERPAGE_TEST_DATABASE_URL is not set: run the tests through scripts/with-test-services.sh")
            throw MissingServer()
        }
        let name = "hp_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try await adminQuery(admin, "CREATE DATABASE \(PostgresQuery.quoteIdentifier(name))")
        var components = try #require(URLComponents(string: admin))
        components.path = "/" + name
        let database = StoreTestDatabase(name: name, url: try #require(components.string), adminURL: admin)
        do {
            try await test(database)
        } catch {
            try? await adminQuery(admin, "DROP DATABASE IF EXISTS \(PostgresQuery.quoteIdentifier(name)) WITH (FORCE)")
            throw error
        }
        try? await adminQuery(admin, "DROP DATABASE IF EXISTS \(PostgresQuery.quoteIdentifier(name)) WITH (FORCE)")
    }

    private static func adminQuery(_ url: String, _ sql: String) async throws {
        let pool = PostgresPool(configuration: try PostgresConfiguration(url: url, poolSize: 1))
        do {
            try await pool.query(PostgresQuery(unsafeSQL: sql))
        } catch {
            await pool.shutdown()
            throw error
        }
        await pool.shutdown()
    }

    func pool(size: Int = 2) throws -> PostgresPool {
        PostgresPool(configuration: try PostgresConfiguration(url: url, poolSize: size))
    }
}

/// A migrations folder the test writes: `files` maps file names to SQL.
func makeMigrationsFolder(_ files: [String: String]) throws -> URL {
    let dir = try makeTemporaryFolder("hyperpage-migrations")
    for (name, sql) in files {
        try sql.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return dir
}
