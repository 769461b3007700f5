import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Postgres
import Schema
import Testing
@testable import Server

/// A migrated test database, a configuration file pointing at it (no tools: the schema is the
/// core one plus `cluster`), and servers assembled from that file as `serve` would.
struct PersistedTestSite {
    let database: StoreTestDatabase
    let pool: PostgresPool
    let folder: URL
    let configPath: String

    /// `printf '%s' '{ tools { slug } }' | sha256sum`
    static let toolsQuery = "{ tools { slug } }"
    static let toolsHash = "2d221b5836bfaad910b028b16d32f02b00e3b56b84d47f3437f244172e9229ca"

    /// - Parameter redisURL: a shared Redis (`cache.redis_url`), so pods and commands reach
    ///   each other through `hp:events`.
    static func make(_ database: StoreTestDatabase, persistedOnly: Bool, redisURL: String? = nil) async throws -> PersistedTestSite {
        let pool = try await PostgresAuthStoreTests.migratedPool(database)
        let folder = try makeTemporaryFolder("hyperpage-persisted")
        let configPath = folder.appendingPathComponent("hyperpage.yaml").path
        try """
            server: { port: 0 }
            graphql:
              schema_dir: "\(EndToEndHarness.schemaDirectory)"
              persisted_only: \(persistedOnly)
            database:
              url: "${TEST_DATABASE_URL}"
              migrations_dir: "\(PostgresAuthStoreTests.migrations)"
            """
            .appending(redisURL.map { "\ncache: { redis_url: \"\($0)\", key_secret: persisted-test }\n" } ?? "\n")
            .write(toFile: configPath, atomically: true, encoding: .utf8)
        return PersistedTestSite(database: database, pool: pool, folder: folder, configPath: configPath)
    }

    var environment: [String: String] { ["TEST_DATABASE_URL": database.url] }

    /// A server process's worth of Hyperpage over the site's database (its own pool and memo).
    func assembly() throws -> ServerAssembly {
        var logger = Logger(label: "hyperpage.test")
        logger.logLevel = .critical
        let config = try ConfigLoader.load(path: configPath, environment: environment)
        return try ServerAssembly.make(config: config, environment: environment, logger: logger)
    }

    /// Writes `text` to a file of the site's folder and returns its path.
    func file(_ name: String, _ text: String) throws -> String {
        let path = folder.appendingPathComponent(name).path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    /// `hyperpage persisted …` against the site's configuration.
    func cli(_ arguments: String...) async -> CommandResult {
        await CommandLineTool.execute(["persisted"] + arguments, environment: environment)
    }

    /// The rows of `persisted_queries` for `sha256`: (trusted, last_used_at set).
    func row(_ sha256: String) async throws -> (trusted: Bool, used: Bool)? {
        guard let row = try await pool.query("""
            SELECT trusted, last_used_at IS NOT NULL AS used FROM persisted_queries WHERE sha256 = \(sha256)
            """).rows.first else { return nil }
        return (try row.decode("trusted"), try row.decode("used"))
    }

    func count() async throws -> Int {
        try await pool.query("SELECT count(*)::int8 AS n FROM persisted_queries").rows.first?.decode("n") ?? -1
    }
}

/// An APQ request body: the hash of `query`, and the query itself unless `hashOnly`.
func persistedBody(_ query: String, hashOnly: Bool) -> String {
    var request = ObjectValue()
    if !hashOnly { request["query"] = .string(query) }
    request["extensions"] = .object(ObjectValue([("persistedQuery", .object(ObjectValue([
        ("version", .int(1)), ("sha256Hash", .string(DocumentHash.of(query)))])))]))
    return String(decoding: JSONSerializer.serialize(.object(request)), as: UTF8.self)
}

/// A plain request body: the query text only.
func plainBody(_ query: String) -> String {
    String(decoding: JSONSerializer.serialize(.object(ObjectValue([("query", .string(query))]))), as: UTF8.self)
}

extension TestResponse {
    /// `errors[0].extensions.code`, if any.
    func errorCode() throws -> String? { try json()[path: "errors", 0, "extensions", "code"]?.string }
}
