import CLibPQ
import Foundation

/// One libpq connection, confined to the thread of its `ConnectionThread`: every call here
/// may block (on the network or the server), which is why no Swift concurrency thread ever
/// makes one. Opened lazily, reopened after it breaks; each (re)open bumps `generation`, so a
/// checked-out handle notices that the server session it started with is gone.
final class LibPQConnection {
    private let configuration: PostgresConfiguration
    private var handle: OpaquePointer?
    private(set) var generation = 0
    /// Target of libpq's notice receiver; lives as long as this object, so as the handle.
    private let receiver = NoticeReceiver()

    init(configuration: PostgresConfiguration) {
        self.configuration = configuration
    }

    deinit { close() }

    // MARK: - Lifecycle

    /// Called when the connection is checked out: notices a connection the server closed
    /// while it sat idle (server restart, `pg_terminate_backend`) and opens a fresh one.
    /// Returns the generation the caller's handle is bound to.
    func prepareForCheckout() throws(PostgresError) -> Int {
        if let handle {
            // Reads whatever the server sent while idle without blocking (libpq keeps its socket
            // non-blocking). A server ending the session first sends a FATAL message and then
            // closes the socket. Parsing the input (PQnotifies does) hands that message to the
            // notice receiver, which sets `doomed`; the EOF shows as CONNECTION_BAD, but only
            // on a read after the one that returned data, hence a few rounds. Without pending
            // data each round returns at once.
            for _ in 0..<3 where handle == self.handle {
                let read = PQconsumeInput(handle)
                while let notification = PQnotifies(handle) { PQfreemem(notification) }
                if read == 0 || PQstatus(handle) != CONNECTION_OK || receiver.doomed { close() }
            }
        }
        if handle == nil { try open() }
        return generation
    }

    func close() {
        if let handle { PQfinish(handle) }
        handle = nil
    }

    private func open() throws(PostgresError) {
        // Later entries win over the URL (expanded in place of `dbname`): the rows are decoded
        // as UTF-8, so client_encoding must be ours.
        let ordered = configuration.connectParameters + [("client_encoding", "UTF8")]
        let keys = ordered.map { strdup($0.0) }
        let values = ordered.map { strdup($0.1) }
        defer {
            keys.forEach { free($0) }
            values.forEach { free($0) }
        }
        var keyPointers: [UnsafePointer<CChar>?] = keys.map { UnsafePointer($0) } + [nil]
        var valuePointers: [UnsafePointer<CChar>?] = values.map { UnsafePointer($0) } + [nil]
        let connection = keyPointers.withUnsafeMutableBufferPointer { k in
            valuePointers.withUnsafeMutableBufferPointer { v in
                PQconnectdbParams(k.baseAddress, v.baseAddress, 1)
            }
        }
        guard let connection else {
            throw PostgresError(code: .connectionFailed, message: "Could not connect to PostgreSQL (out of memory).")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let error = Self.connectError(connection)
            PQfinish(connection)
            throw error
        }
        // Notices (e.g. "relation already exists, skipping") would go to stderr and may quote
        // values: they are dropped, but a FATAL one marks the session as ending.
        receiver.doomed = false
        PQsetNoticeReceiver(connection, { arg, result in
            guard let arg, let result else { return }
            let receiver = Unmanaged<NoticeReceiver>.fromOpaque(arg).takeUnretainedValue()
            if let severity = PQresultErrorField(result, Int32(UInt8(ascii: "V"))),
               ["FATAL", "PANIC"].contains(String(cString: severity)) {
                receiver.doomed = true
            }
        }, Unmanaged.passUnretained(receiver).toOpaque())
        handle = connection
        generation += 1
        let setup = """
            SET statement_timeout = \(configuration.statementTimeoutMilliseconds); SET TimeZone = 'UTC'; \
            SET DateStyle = 'ISO, MDY'; SET bytea_output = 'hex'; SET IntervalStyle = 'iso_8601'
            """
        do {
            try runScript(setup, generation: generation)
        } catch {
            close()
            throw error
        }
    }

    /// A connection failure without libpq's text, which may name users or paths: a short reason
    /// picked from it, plus the host and port (never the password).
    private static func connectError(_ connection: OpaquePointer) -> PostgresError {
        let text = String(cString: PQerrorMessage(connection))
        let reason: String
        if text.contains("timeout expired") {
            reason = "timed out"
        } else if text.contains("Connection refused") {
            reason = "connection refused"
        } else if text.contains("password") || text.contains("authentication") {
            reason = "authentication failed"
        } else if text.contains("does not exist") {
            reason = "the database or role does not exist"
        } else if text.contains("translate host name") {
            reason = "unknown host"
        } else if text.contains("starting up") || text.contains("shutting down") || text.contains("recovery mode") {
            reason = "the server is starting up or shutting down"
        } else if text.contains("too many") {
            reason = "too many connections"
        } else if text.contains("SSL") {
            reason = "TLS negotiation failed"
        } else {
            reason = "see the server log"
        }
        let host = PQhost(connection).map { String(cString: $0) } ?? ""
        let port = PQport(connection).map { String(cString: $0) } ?? ""
        let place = host.isEmpty ? "" : " at \(host.hasPrefix("/") ? "socket " : "")\(host)\(port.isEmpty ? "" : ":\(port)")"
        return PostgresError(code: .connectionFailed, message: "Could not connect to PostgreSQL\(place): \(reason).")
    }

    // MARK: - Statements

    /// The live handle of the session `generation` started, or `.connectionLost`.
    private func liveHandle(_ generation: Int?) throws(PostgresError) -> OpaquePointer {
        if let generation, generation != self.generation {
            throw PostgresError(code: .connectionLost, message: "The database connection was lost; the statement was not run.")
        }
        guard let handle, PQstatus(handle) == CONNECTION_OK else {
            close()
            throw PostgresError(code: .connectionLost, message: "The database connection was lost; the statement was not run.")
        }
        return handle
    }

    /// One parameterized statement (extended query protocol: the values travel apart from the
    /// SQL text). `generation` nil: reopen the connection if needed (a one-statement checkout).
    func execute(_ query: PostgresQuery, generation: Int?) throws(PostgresError) -> PostgresResult {
        if generation == nil { _ = try prepareForCheckout() }
        let handle = try liveHandle(generation)
        guard query.binds.count <= Int(Int16.max) else {
            throw PostgresError(code: .invalidParameter, message: "A statement takes at most 32767 parameters.")
        }
        // All parameter bytes in one buffer, each followed by a NUL (text parameters are C strings).
        var storage: [UInt8] = [0]
        var offsets: [Int?] = []
        var lengths: [Int32] = []
        var formats: [Int32] = []
        var types: [UInt32] = []
        for (index, bind) in query.binds.enumerated() {
            types.append(bind.typeOID)
            formats.append(bind.isBinary ? 1 : 0)
            guard let bytes = bind.bytes else {
                offsets.append(nil)
                lengths.append(0)
                continue
            }
            if !bind.isBinary, bytes.contains(0) {
                throw PostgresError(code: .invalidParameter, message: "Parameter $\(index + 1) holds a NUL byte, which PostgreSQL text cannot store.")
            }
            guard bytes.count < Int(Int32.max) else {
                throw PostgresError(code: .invalidParameter, message: "Parameter $\(index + 1) is too large.")
            }
            offsets.append(storage.count)
            lengths.append(Int32(bytes.count))
            storage.append(contentsOf: bytes)
            storage.append(0)
        }
        let result: OpaquePointer? = storage.withUnsafeBytes { raw in
            let base = raw.baseAddress!.assumingMemoryBound(to: CChar.self)
            let values: [UnsafePointer<CChar>?] = offsets.map { $0.map { base + $0 } }
            return PQexecParams(handle, query.sql, Int32(query.binds.count), types, values, lengths, formats, 0)
        }
        return try consume(result, handle: handle)
    }

    /// Several statements without parameters (simple query protocol), e.g. a migration file.
    /// Returns the outcome of the last one.
    @discardableResult
    func runScript(_ sql: String, generation: Int?) throws(PostgresError) -> PostgresResult {
        if generation == nil { _ = try prepareForCheckout() }
        let handle = try liveHandle(generation)
        guard !sql.utf8.contains(0) else {
            throw PostgresError(code: .invalidParameter, message: "The SQL text holds a NUL byte.")
        }
        return try consume(PQexec(handle, sql), handle: handle)
    }

    /// Turns a result into rows or a typed error, and frees it.
    private func consume(_ result: OpaquePointer?, handle: OpaquePointer) throws(PostgresError) -> PostgresResult {
        guard let result else {
            let lost = PQstatus(handle) != CONNECTION_OK
            if lost { close() }
            throw PostgresError(code: lost ? .connectionLost : .server,
                                message: lost ? "The database connection was lost during the statement." : "The statement failed (no result).")
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_TUPLES_OK, PGRES_EMPTY_QUERY, PGRES_SINGLE_TUPLE:
            return Self.rows(of: result)
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            // Not supported; the connection is mid-protocol and cannot be reused.
            close()
            throw PostgresError(code: .server, message: "COPY is not supported through this client.")
        default:
            var error = Self.serverError(result)
            if PQstatus(handle) != CONNECTION_OK {
                close()
                error.code = .connectionLost
                error.message = "The database connection was lost during the statement."
            }
            throw error
        }
    }

    private static func rows(of result: OpaquePointer) -> PostgresResult {
        let rowCount = Int(PQntuples(result))
        let fieldCount = Int(PQnfields(result))
        let columns = PostgresColumns(
            names: (0..<fieldCount).map { String(cString: PQfname(result, Int32($0))) },
            typeOIDs: (0..<fieldCount).map { PQftype(result, Int32($0)) })
        var rows: [PostgresRow] = []
        rows.reserveCapacity(rowCount)
        for r in 0..<Int32(rowCount) {
            var values: [[UInt8]?] = []
            values.reserveCapacity(fieldCount)
            for f in 0..<Int32(fieldCount) {
                if PQgetisnull(result, r, f) != 0 {
                    values.append(nil)
                } else {
                    let length = Int(PQgetlength(result, r, f))
                    let pointer = UnsafeRawPointer(PQgetvalue(result, r, f)!)
                    values.append(Array(UnsafeRawBufferPointer(start: pointer, count: length)))
                }
            }
            rows.append(PostgresRow(columns: columns, values: values))
        }
        let affected = Int(String(cString: PQcmdTuples(result))) ?? 0
        return PostgresResult(rows: rows, affectedRows: affected)
    }

    /// A server error reduced to its SQLSTATE and the object names the server reports. The
    /// primary message and detail are dropped: they quote values.
    private static func serverError(_ result: OpaquePointer) -> PostgresError {
        func field(_ code: Character) -> String? {
            guard let pointer = PQresultErrorField(result, Int32(code.asciiValue!)) else { return nil }
            return String(cString: pointer)
        }
        let sqlState = field("C")
        var error = PostgresError(code: .server, message: "The database refused the statement.", sqlState: sqlState)
        error.schema = field("s")
        error.table = field("t")
        error.column = field("c")
        error.constraint = field("n")
        error.dataType = field("d")
        error.position = field("P").flatMap { Int($0) }
        var names: [String] = []
        if let constraint = error.constraint { names.append("constraint \(constraint)") }
        if let table = error.table { names.append("table \(table)") }
        if let column = error.column { names.append("column \(column)") }
        if !names.isEmpty { error.message = "The database refused the statement (\(names.joined(separator: ", ")))." }
        return error
    }

    // MARK: - Transactions and session state

    /// `PQtransactionStatus` as a small enum.
    var transactionState: TransactionState {
        guard let handle, PQstatus(handle) == CONNECTION_OK else { return .broken }
        switch PQtransactionStatus(handle) {
        case PQTRANS_IDLE: return .idle
        case PQTRANS_INTRANS: return .inTransaction
        case PQTRANS_INERROR: return .failed
        default: return .broken
        }
    }

    enum TransactionState { case idle, inTransaction, failed, broken }

    /// Commits the open transaction of `generation`. A transaction that already failed is rolled
    /// back and reported (a bare COMMIT would silently roll back).
    func commit(generation: Int) throws(PostgresError) {
        let handle = try liveHandle(generation)
        if transactionState == .failed {
            rollbackOrDiscard()
            throw PostgresError(code: .server, message: "A statement of the transaction failed; it was rolled back.", sqlState: "25P02")
        }
        _ = try consume(PQexec(handle, "COMMIT"), handle: handle)
    }

    /// Leaves the connection outside any transaction, or closes it when that is impossible
    /// (broken, or ROLLBACK failed): a connection in an unknown state is never reused.
    func rollbackOrDiscard() {
        switch transactionState {
        case .idle: return
        case .broken: close()
        case .inTransaction, .failed:
            guard let handle, let result = PQexec(handle, "ROLLBACK") else { close(); return }
            let ok = PQresultStatus(result) == PGRES_COMMAND_OK
            PQclear(result)
            if !ok || transactionState != .idle { close() }
        }
    }

    /// Releases a session-level advisory lock, or closes the connection (which releases it) when
    /// that fails.
    func unlockOrDiscard(key: Int64) {
        rollbackOrDiscard()
        guard handle != nil else { return }
        do {
            let result = try execute("SELECT pg_advisory_unlock(\(key)) AS unlocked", generation: generation)
            if try result.rows.first?.decode("unlocked", as: Bool.self) != true { close() }
        } catch {
            close()
        }
    }
}

/// What the notice receiver learned: the server announced (FATAL) that it ends the session.
/// Only touched on the connection's thread, during libpq calls.
final class NoticeReceiver {
    var doomed = false
}
