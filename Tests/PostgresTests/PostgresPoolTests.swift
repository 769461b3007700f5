import Foundation
import Postgres
import Testing

/// The pool: connections used concurrently, waiting and timing out when all are busy,
/// reconnecting after the server drops a session, statement timeouts, advisory locks.
@Suite struct PostgresPoolTests {
    @Test func everyConnectionOfThePoolIsUsedAtOnce() async throws {
        try await TestDatabase.run(concurrentConnections)
    }

    /// Four callers each hold a connection and wait (on their own connection) until all four
    /// have checked in: possible only if the pool lends four connections at the same time.
    private func concurrentConnections(_ database: TestDatabase) async throws {
        let pool = try database.pool(size: 4)
        defer { Task { await pool.shutdown() } }
        try await pool.query("CREATE TABLE arrivals (pid int NOT NULL)")
        let allArrived = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<4 {
                group.addTask {
                    try await pool.withConnection { connection in
                        try await connection.query("INSERT INTO arrivals SELECT pg_backend_pid()")
                        return try await eventually {
                            try await connection.query("SELECT count(*) AS n FROM arrivals").rows.first?.decode("n", as: Int.self) == 4
                        }
                    }
                }
            }
            var results: [Bool] = []
            for try await arrived in group { results.append(arrived) }
            return results
        }
        #expect(allArrived == [true, true, true, true])
        let distinct = try await pool.query("SELECT count(DISTINCT pid) AS n FROM arrivals").rows.first?.decode("n", as: Int.self)
        #expect(distinct == 4)
    }

    @Test func aCallerWaitsForAFreeConnectionAndTimesOut() async throws {
        try await TestDatabase.run(acquireTimeout)
    }

    private func acquireTimeout(_ database: TestDatabase) async throws {
        let pool = try database.pool(size: 1, acquireTimeout: .milliseconds(300))
        defer { Task { await pool.shutdown() } }
        let error = try await pool.withConnection { _ in
            await #expect(throws: PostgresError.self) { try await pool.query("SELECT 1") }
        }
        #expect(error?.code == .poolTimeout)
        // Released: the next caller gets it.
        #expect(try await pool.query("SELECT 3 AS n").rows.first?.decode("n", as: Int.self) == 3)
    }

    @Test func aWaitingCallerGetsTheReleasedConnection() async throws {
        try await TestDatabase.run(handOver)
    }

    private func handOver(_ database: TestDatabase) async throws {
        let pool = try database.pool(size: 1)
        defer { Task { await pool.shutdown() } }
        try await pool.query("CREATE TABLE log (step text NOT NULL, at serial)")
        let (entered, enteredContinuation) = AsyncStream<Void>.makeStream()
        let holder = Task {
            try await pool.withConnection { connection in
                try await connection.query("INSERT INTO log (step) VALUES ('holder')")
                enteredContinuation.yield()
                // Hold until the second caller is queued (it cannot run before we release).
                try await Task.sleep(for: .milliseconds(200))
            }
        }
        var iterator = entered.makeAsyncIterator()
        await iterator.next()
        try await pool.query("INSERT INTO log (step) VALUES ('waiter')")
        try await holder.value
        let steps = try await pool.query("SELECT step FROM log ORDER BY at").rows.map { try $0.decode("step", as: String.self) }
        #expect(steps == ["holder", "waiter"])
    }

    @Test func thePoolReconnectsAfterTheServerDropsTheSession() async throws {
        try await TestDatabase.run(reconnect)
    }

    private func reconnect(_ database: TestDatabase) async throws {
        let pool = try database.pool(size: 1)
        let admin = try database.adminPool()
        defer { Task { await pool.shutdown(); await admin.shutdown() } }
        let first = try #require(try await pool.query("SELECT pg_backend_pid() AS pid").rows.first?.decode("pid", as: Int.self))
        try await terminate(first, admin: admin)
        let second = try #require(try await pool.query("SELECT pg_backend_pid() AS pid").rows.first?.decode("pid", as: Int.self))
        #expect(second != first)
        // The new session got the per-connection settings too.
        let zone = try await pool.query("SHOW TimeZone").rows.first?.decode("TimeZone", as: String.self)
        #expect(zone == "UTC")
    }

    @Test func aSlowStatementIsCancelledByTheStatementTimeout() async throws {
        try await TestDatabase.run(statementTimeout)
    }

    private func statementTimeout(_ database: TestDatabase) async throws {
        let pool = try database.pool(size: 1, statementTimeout: .milliseconds(250))
        defer { Task { await pool.shutdown() } }
        let error = await #expect(throws: PostgresError.self) { try await pool.query("SELECT pg_sleep(30)") }
        #expect(error?.isQueryCanceled == true)
        #expect(error?.conditionName == "query_canceled")
        #expect(try await pool.query("SHOW statement_timeout").rows.first?.decode("statement_timeout", as: String.self) == "250ms")
    }

    @Test func anAdvisoryLockIsHeldForTheClosureOnly() async throws {
        try await TestDatabase.run(advisoryLock)
    }

    private func advisoryLock(_ database: TestDatabase) async throws {
        let pool = try database.pool(size: 2)
        defer { Task { await pool.shutdown() } }
        let key: Int64 = 0x4859_5045_5250_4147
        let contended = try await pool.withAdvisoryLock(key: key) { _ in
            await #expect(throws: PostgresError.self) {
                try await pool.withAdvisoryLock(key: key, timeout: .milliseconds(300)) { _ in }
            }
        }
        #expect(contended?.code == .lockTimeout)
        // Released afterwards: taken again at once, and no advisory lock is left behind in this
        // database (pg_locks is server-wide; other tests hold their own).
        let ran = try await pool.withAdvisoryLock(key: key, timeout: .seconds(5)) { _ in true }
        #expect(ran)
        let held = try await pool.query("""
            SELECT count(*) AS n FROM pg_locks WHERE locktype = 'advisory'
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """).rows.first?.decode("n", as: Int.self)
        #expect(held == 0)
    }

    @Test func aHandleUsedAfterItsClosureIsRefused() async throws {
        try await TestDatabase.run(escapedHandle)
    }

    private func escapedHandle(_ database: TestDatabase) async throws {
        let pool = try database.pool(size: 1)
        defer { Task { await pool.shutdown() } }
        let escaped = try await pool.withConnection { $0 }
        let error = await #expect(throws: PostgresError.self) { try await escaped.query("SELECT 1") }
        #expect(error?.code == .connectionLost)
    }

    @Test func shutdownFailsLaterCalls() async throws {
        try await TestDatabase.run(shutdown)
    }

    private func shutdown(_ database: TestDatabase) async throws {
        let pool = try database.pool(size: 1)
        try await pool.query("SELECT 1")
        await pool.shutdown()
        let error = await #expect(throws: PostgresError.self) { try await pool.query("SELECT 1") }
        #expect(error?.code == .poolClosed)
    }
}

/// A pool released without `shutdown()` closes its connections anyway.
@Suite struct PostgresPoolLifetimeTests {
    @Test func aDroppedPoolClosesItsConnections() async throws {
        try await TestDatabase.run(droppedPool)
    }

    private func droppedPool(_ database: TestDatabase) async throws {
        let admin = try database.adminPool()
        defer { Task { await admin.shutdown() } }
        try await useAndDrop(database)
        let closed = try await eventually {
            try await admin.query("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = \(database.name)").rows.first?
                .decode("n", as: Int.self) == 0
        }
        #expect(closed)
    }

    private func useAndDrop(_ database: TestDatabase) async throws {
        let pool = try database.pool(size: 2)
        try await pool.query("SELECT 1")
        let open = try await pool.query("SELECT count(*) AS n FROM pg_stat_activity WHERE datname = current_database()").rows.first?
            .decode("n", as: Int.self)
        #expect(open == 1)
    }
}
