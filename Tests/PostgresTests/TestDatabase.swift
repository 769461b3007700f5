import Foundation
import Postgres
import Testing

/// A fresh database on the test server (`HYPERPAGE_TEST_DATABASE_URL`, set by
/// `scripts/with-test-services.sh` and by CI), dropped afterwards. Without the variable the
/// test fails with a clear message rather than skipping.
struct TestDatabase {
    let name: String
    let url: String
    let adminURL: String

    struct MissingServer: Error, CustomStringConvertible {
        var description: String {
            "HYPERPAGE_TEST_DATABASE_URL is not set: run the tests through scripts/with-test-services.sh (or point it at a PostgreSQL server)"
        }
    }

    static func adminURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["HYPERPAGE_TEST_DATABASE_URL"], !url.isEmpty else {
            Issue.record("HYPERPAGE_TEST_DATABASE_URL is not set: run the tests through scripts/with-test-services.sh")
            throw MissingServer()
        }
        return url
    }

    /// Creates `hp_test_<random>` and returns it.
    static func create() async throws -> TestDatabase {
        let admin = try adminURL()
        let name = "hp_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        let pool = PostgresPool(configuration: try PostgresConfiguration(url: admin, poolSize: 1))
        do {
            try await pool.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(PostgresQuery.quoteIdentifier(name))"))
        } catch {
            await pool.shutdown()
            throw error
        }
        await pool.shutdown()
        var components = try #require(URLComponents(string: admin))
        components.path = "/" + name
        return TestDatabase(name: name, url: try #require(components.string), adminURL: admin)
    }

    /// Runs `test` against a fresh database and drops it afterwards, whatever happened.
    static func run(_ test: (TestDatabase) async throws -> Void) async throws {
        let database = try await create()
        do {
            try await test(database)
        } catch {
            await database.drop()
            throw error
        }
        await database.drop()
    }

    func pool(size: Int = 2, statementTimeout: Duration = .seconds(30), acquireTimeout: Duration = .seconds(20)) throws -> PostgresPool {
        PostgresPool(configuration: try PostgresConfiguration(url: url, poolSize: size, statementTimeout: statementTimeout,
                                                              acquireTimeout: acquireTimeout))
    }

    /// A pool on the server's maintenance database, for killing sessions and looking around.
    func adminPool() throws -> PostgresPool {
        PostgresPool(configuration: try PostgresConfiguration(url: adminURL, poolSize: 1))
    }

    func drop() async {
        guard let pool = try? adminPool() else { return }
        _ = try? await pool.query(PostgresQuery(unsafeSQL: "DROP DATABASE IF EXISTS \(PostgresQuery.quoteIdentifier(name)) WITH (FORCE)"))
        await pool.shutdown()
    }
}

/// Polls `condition` until it holds or `timeout` passes (generous; never a timing assertion).
func eventually(timeout: Duration = .seconds(20), _ condition: () async throws -> Bool) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try await Task.sleep(for: .milliseconds(20))
    }
    return false
}
