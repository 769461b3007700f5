import Foundation
import Postgres
import Testing

/// Parameters and rows: values travel as bound parameters and come back typed.
@Suite struct PostgresValueTests {
    @Test func interpolatedValuesBecomeParametersNotSQLText() {
        let login = "o'brien\"; DROP TABLE users; --"
        let query: PostgresQuery = "SELECT id FROM users WHERE login = \(login) AND active = \(true) AND n = \(Optional<Int>.none)"
        #expect(query.sql == "SELECT id FROM users WHERE login = $1 AND active = $2 AND n = $3")
        #expect(query.binds.count == 3)
        #expect(query.binds[0].bytes == Array(login.utf8))
        #expect(query.binds[2].bytes == nil)
        let table: PostgresQuery = "SELECT 1 FROM \(identifier: "we\"ird")"
        #expect(table.sql == "SELECT 1 FROM \"we\"\"ird\"")
    }

    @Test func trickyValuesRoundTrip() async throws {
        try await TestDatabase.run(roundTrip)
    }

    private func roundTrip(_ database: TestDatabase) async throws {
        let pool = try database.pool()
        defer { Task { await pool.shutdown() } }
        try await pool.query("""
            CREATE TABLE things (id bigint PRIMARY KEY, label text, flag boolean NOT NULL, blob bytea,
                                 at timestamptz, ratio double precision)
            """)
        let label = "it's a \"quote\" \\ backslash; $1 — ünïcødé 🚀 日本語"
        let blob: [UInt8] = [0, 1, 2, 0x5c, 0x27, 0xff, 0, 0x78]
        let at = Date(timeIntervalSince1970: 1_717_171_717.123456)
        let inserted = try await pool.query("""
            INSERT INTO things (id, label, flag, blob, at, ratio)
            VALUES (\(1), \(label), \(true), \(blob), \(at), \(0.25)), (\(2), \(Optional<String>.none), \(false), \(Optional<[UInt8]>.none), \(Optional<Date>.none), \(Optional<Double>.none))
            """)
        #expect(inserted.affectedRows == 2)

        let rows = try await pool.query("SELECT id, label, flag, blob, at, ratio FROM things ORDER BY id").rows
        #expect(rows.count == 2)
        let first = try #require(rows.first)
        #expect(try first.decode("id", as: Int.self) == 1)
        #expect(try first.decode("label", as: String.self) == label)
        #expect(try first.decode("flag", as: Bool.self))
        #expect(try first.decode("blob", as: [UInt8].self) == blob)
        let readAt = try first.decode("at", as: Date.self)
        #expect(abs(readAt.timeIntervalSince1970 - at.timeIntervalSince1970) < 0.000_001)
        #expect(try first.decode("ratio", as: Double.self) == 0.25)

        let second = rows[1]
        #expect(try second.decode("label", as: String?.self) == nil)
        #expect(try second.decode("blob", as: [UInt8]?.self) == nil)
        #expect(try second.decode("at", as: Date?.self) == nil)
        #expect(try second.isNull("ratio"))
        #expect(try !second.decode("flag", as: Bool.self))

        // The label is matched as a value, not as SQL.
        let found = try await pool.query("SELECT count(*) AS n FROM things WHERE label = \(label)").rows
        #expect(try found.first?.decode("n", as: Int.self) == 1)
    }

    @Test func decodingErrorsNameTheColumnNotTheValue() async throws {
        try await TestDatabase.run(decodingErrors)
    }

    private func decodingErrors(_ database: TestDatabase) async throws {
        let pool = try database.pool()
        defer { Task { await pool.shutdown() } }
        let row = try #require(try await pool.query("SELECT \("secret-text")::text AS word, NULL::int AS nothing").rows.first)
        let notInt = #expect(throws: PostgresError.self) { try row.decode("word", as: Int.self) }
        #expect(notInt?.code == .decoding)
        #expect(notInt.map { "\($0)".contains("secret-text") } == false)
        let null = #expect(throws: PostgresError.self) { try row.decode("nothing", as: Int.self) }
        #expect(null?.message.contains("nothing") == true)
        let missing = #expect(throws: PostgresError.self) { try row.decode("absent", as: String.self) }
        #expect(missing?.code == .decoding)
    }

    @Test func textWithANulByteIsRefusedBeforeSending() async throws {
        try await TestDatabase.run(nulByte)
    }

    private func nulByte(_ database: TestDatabase) async throws {
        let pool = try database.pool()
        defer { Task { await pool.shutdown() } }
        let error = await #expect(throws: PostgresError.self) { try await pool.query("SELECT \("a\u{0}b")::text AS t") }
        #expect(error?.code == .invalidParameter)
        #expect(try await pool.query("SELECT 1 AS one").rows.first?.decode("one", as: Int.self) == 1)
    }

    @Test func timestampsFormatAndParse() throws {
        let date = Date(timeIntervalSince1970: 951_782_400.5) // 2000-02-29 00:00:00.5 UTC
        let text = String(decoding: try #require(date.postgresBind.bytes), as: UTF8.self)
        #expect(text == "2000-02-29 00:00:00.500000+00")
        let cell = PostgresCell(column: "at", typeOID: 1184, bytes: Array("2000-02-29 05:30:00.5+05:30".utf8))
        #expect(try Date.decode(cell) == date)
        let infinity = PostgresCell(column: "at", typeOID: 1184, bytes: Array("infinity".utf8))
        #expect(throws: PostgresError.self) { try Date.decode(infinity) }
        let before1970 = Date(timeIntervalSince1970: -86_400 * 365.25 * 70)
        let back = PostgresCell(column: "at", typeOID: 1184, bytes: before1970.postgresBind.bytes)
        #expect(try Date.decode(back) == before1970)
    }
}
