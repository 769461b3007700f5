import Foundation
import Postgres
import Testing

/// Server errors carry SQLSTATE and object names but never the values involved.
@Suite struct PostgresErrorTests {
    @Test func uniqueViolationHasSQLStateAndConstraintButNoValue() async throws {
        try await TestDatabase.run(uniqueViolation)
    }

    private func uniqueViolation(_ database: TestDatabase) async throws {
        let pool = try database.pool()
        defer { Task { await pool.shutdown() } }
        try await pool.query("CREATE TABLE accounts (email text CONSTRAINT accounts_email_key UNIQUE)")
        let secret = "alice.secret-7f3a@example.com"
        try await pool.query("INSERT INTO accounts (email) VALUES (\(secret))")
        let error = await #expect(throws: PostgresError.self) {
            try await pool.query("INSERT INTO accounts (email) VALUES (\(secret))")
        }
        #expect(error?.code == .server)
        #expect(error?.sqlState == "23505")
        #expect(error?.conditionName == "unique_violation")
        #expect(error?.constraint == "accounts_email_key")
        #expect(error?.table == "accounts")
        for text in [error.map { "\($0)" }, error?.debugDescription, error?.message, error.map { String(reflecting: $0) }] {
            #expect(text?.contains("alice") == false, "the value leaked: \(text ?? "")")
        }
    }

    @Test func invalidInputErrorDoesNotEchoTheInput() async throws {
        try await TestDatabase.run(invalidInput)
    }

    private func invalidInput(_ database: TestDatabase) async throws {
        let pool = try database.pool()
        defer { Task { await pool.shutdown() } }
        let error = await #expect(throws: PostgresError.self) {
            try await pool.query("SELECT \("token-ghp_abcdef")::integer AS n")
        }
        #expect(error?.sqlState == "22P02")
        #expect(error.map { "\($0) \($0.debugDescription)".contains("ghp_") } == false)
        // The connection stays usable after a statement error.
        #expect(try await pool.query("SELECT 2 AS two").rows.first?.decode("two", as: Int.self) == 2)
    }

    @Test func syntaxErrorReportsPosition() async throws {
        try await TestDatabase.run(syntaxError)
    }

    private func syntaxError(_ database: TestDatabase) async throws {
        let pool = try database.pool()
        defer { Task { await pool.shutdown() } }
        // Parsed as `SELECT 1 AS FROMM`, so the error is at `nowhere`, character 16.
        let error = await #expect(throws: PostgresError.self) { try await pool.query("SELECT 1 FROMM nowhere") }
        #expect(error?.sqlState == "42601")
        #expect(error?.position == 16)
    }

    @Test func connectFailureIsTypedAndHidesThePassword() async throws {
        // A port nobody listens on: bind one, note it, close it.
        let port = try closedPort()
        let pool = PostgresPool(configuration: try PostgresConfiguration(
            url: "postgresql://someone:pa55-w0rd-xyz@127.0.0.1:\(port)/db", poolSize: 1, connectTimeout: .seconds(2)))
        let error = await #expect(throws: PostgresError.self) { try await pool.query("SELECT 1") }
        await pool.shutdown()
        #expect(error?.code == .connectionFailed)
        #expect(error.map { "\($0) \($0.debugDescription)".contains("pa55") } == false)
        #expect(error?.message.contains("127.0.0.1") == true)
    }

    @Test func invalidConfigurationIsRefused() {
        #expect(throws: PostgresError.self) { try PostgresConfiguration(url: "") }
        #expect(throws: PostgresError.self) { try PostgresConfiguration(url: "postgresql://x/y", poolSize: 0) }
    }

    private func closedPort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
