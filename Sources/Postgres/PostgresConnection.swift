/// A connection checked out of a `PostgresPool` for the duration of a closure
/// (`withConnection`, `withTransaction`, `withAdvisoryLock`). Bound to one server session:
/// if that session ends (server restart, network loss), its statements fail with
/// `.connectionLost` instead of running on a new session without the transaction or lock.
/// Using it after its closure returned fails too.
public struct PostgresConnection: Sendable {
    private let lease: PostgresPool.Lease
    private let valid = Locked(true)

    init(lease: PostgresPool.Lease) {
        self.lease = lease
    }

    func invalidate() {
        valid.withLock { $0 = false }
    }

    private func checkValid() throws(PostgresError) {
        guard valid.withLock({ $0 }) else {
            throw PostgresError(code: .connectionLost, message: "This connection was used after its closure returned.")
        }
    }

    /// Runs one parameterized statement.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws(PostgresError) -> PostgresResult {
        try checkValid()
        let generation = lease.generation
        return try await lease.thread.perform { connection in
            Result { () throws(PostgresError) in try connection.execute(query, generation: generation) }
        }.get()
    }

    /// Runs SQL text holding any number of statements and no parameters (the simple query
    /// protocol), e.g. a migration file. Never build `sql` from input: use `query` for values.
    @discardableResult
    public func runScript(_ sql: String) async throws(PostgresError) -> PostgresResult {
        try checkValid()
        let generation = lease.generation
        return try await lease.thread.perform { connection in
            Result { () throws(PostgresError) in try connection.runScript(sql, generation: generation) }
        }.get()
    }

    /// Runs `body` inside `BEGIN` … `COMMIT` on this connection (see
    /// `PostgresPool.withTransaction`). Not nestable.
    public func withTransaction<T>(isolation: isolated (any Actor)? = #isolation,
                                   _ body: (PostgresConnection) async throws -> T) async throws -> T {
        try await query("BEGIN")
        let value: T
        do {
            value = try await body(self)
        } catch {
            await rollback()
            throw error
        }
        try await commit()
        return value
    }

    func commit() async throws(PostgresError) {
        try checkValid()
        let generation = lease.generation
        try await lease.thread.perform { connection in
            Result { () throws(PostgresError) in try connection.commit(generation: generation) }
        }.get()
    }

    func rollback() async {
        let generation = lease.generation
        _ = await lease.thread.perform { connection -> Result<Void, PostgresError> in
            if connection.generation == generation { connection.rollbackOrDiscard() }
            return .success(())
        }
    }

    func unlock(key: Int64) async {
        let generation = lease.generation
        _ = await lease.thread.perform { connection -> Result<Void, PostgresError> in
            if connection.generation == generation { connection.unlockOrDiscard(key: key) }
            return .success(())
        }
    }
}
