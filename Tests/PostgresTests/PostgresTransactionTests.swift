import Foundation
import Postgres
import Testing

/// `withTransaction` commits or rolls back, and a connection that breaks mid-transaction is
/// discarded without committing.
@Suite struct PostgresTransactionTests {
    struct Boom: Error {}

    @Test func thrownErrorRollsBackAndSuccessCommits() async throws {
        try await TestDatabase.run(rollbackAndCommit)
    }

    private func rollbackAndCommit(_ database: TestDatabase) async throws {
        let pool = try database.pool(size: 1)
        defer { Task { await pool.shutdown() } }
        try await pool.query("CREATE TABLE notes (body text NOT NULL)")
        await #expect(throws: Boom.self) {
            try await pool.withTransaction { tx in
                try await tx.query("INSERT INTO notes VALUES (\("rolled back"))")
                throw Boom()
            }
        }
        #expect(try await count(pool) == 0)
        let value = try await pool.withTransaction { tx in
            try await tx.query("INSERT INTO notes VALUES (\("kept"))")
            return 42
        }
        #expect(value == 42)
        #expect(try await count(pool) == 1)
    }

    @Test func aCaughtStatementErrorStillAbortsTheTransaction() async throws {
        try await TestDatabase.run(caughtError)
    }

    private func caughtError(_ database: TestDatabase) async throws {
        let pool = try database.pool(size: 1)
        defer { Task { await pool.shutdown() } }
        try await pool.query("CREATE TABLE notes (body text NOT NULL)")
        let error = await #expect(throws: PostgresError.self) {
            try await pool.withTransaction { tx in
                try await tx.query("INSERT INTO notes VALUES (\("first"))")
                _ = try? await tx.query("INSERT INTO notes VALUES (\(Optional<String>.none))")
            }
        }
        #expect(error?.sqlState == "25P02")
        #expect(try await count(pool) == 0)
        // The single connection is back outside any transaction.
        try await pool.query("INSERT INTO notes VALUES (\("after"))")
        #expect(try await count(pool) == 1)
    }

    @Test func brokenConnectionMidTransactionIsDiscarded() async throws {
        try await TestDatabase.run(brokenMidTransaction)
    }

    private func brokenMidTransaction(_ database: TestDatabase) async throws {
        let pool = try database.pool(size: 1)
        let admin = try database.adminPool()
        defer { Task { await pool.shutdown(); await admin.shutdown() } }
        try await pool.query("CREATE TABLE notes (body text NOT NULL)")
        let error = await #expect(throws: PostgresError.self) {
            try await pool.withTransaction { tx in
                try await tx.query("INSERT INTO notes VALUES (\("lost"))")
                let pid = try #require(try await tx.query("SELECT pg_backend_pid() AS pid").rows.first?.decode("pid", as: Int.self))
                try await terminate(pid, admin: admin)
                try await tx.query("INSERT INTO notes VALUES (\("never"))")
            }
        }
        #expect(error?.code == .connectionLost)
        // The pool reconnects; nothing of the transaction was committed.
        #expect(try await count(pool) == 0)
    }

    private func count(_ pool: PostgresPool) async throws -> Int {
        try #require(try await pool.query("SELECT count(*) AS n FROM notes").rows.first?.decode("n", as: Int.self))
    }
}

/// Ends a server session from outside and waits until it is gone.
func terminate(_ pid: Int, admin: PostgresPool) async throws {
    try await admin.query("SELECT pg_terminate_backend(\(Int32(pid)))")
    let gone = try await eventually {
        try await admin.query("SELECT count(*) AS n FROM pg_stat_activity WHERE pid = \(pid)").rows.first?.decode("n", as: Int.self) == 0
    }
    try #require(gone, "backend \(pid) did not exit")
}
