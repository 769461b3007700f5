import Foundation
import Postgres
import Testing

/// Two `hyperpage migrate` processes started at once against one database, as two pods
/// starting together would: the advisory lock lets one apply every file and the other find
/// nothing left to do.
@Suite struct MigrateProcessTests {
    @Test(.enabled(if: ServeProcessTests.binary != nil, "needs the built hyperpage binary (swift build)"))
    func concurrentMigrateProcessesApplyEachFileOnce() async throws {
        try await StoreTestDatabase.run(concurrentProcesses)
    }

    private func concurrentProcesses(_ database: StoreTestDatabase) async throws {
        // Each file records that it ran; running one twice would also fail (CREATE TABLE, PK).
        let dir = try makeMigrationsFolder([
            "0001_runs.sql": "CREATE TABLE runs (file text PRIMARY KEY, at timestamptz NOT NULL DEFAULT clock_timestamp());\nINSERT INTO runs (file) VALUES ('0001');\n",
            "0002_slow.sql": "SELECT pg_sleep(0.5);\nINSERT INTO runs (file) VALUES ('0002');\n",
            "0003_more.sql": "CREATE TABLE more (id int);\nINSERT INTO runs (file) VALUES ('0003');\n",
        ])
        defer { try? FileManager.default.removeItem(at: dir) }
        let binary = try #require(ServeProcessTests.binary)
        let first = try start(binary, database: database, dir: dir)
        let second = try start(binary, database: database, dir: dir)
        let results = [await finish(first), await finish(second)]
        for result in results { #expect(result.status == 0, "stderr: \(result.stderr)") }
        let combined = results.map(\.stdout).joined()
        for file in ["0001_runs.sql", "0002_slow.sql", "0003_more.sql"] {
            #expect(combined.components(separatedBy: "applied \(file)\n").count - 1 == 1, "\(combined)")
        }
        #expect(results.filter { $0.stdout == "database already at version 3\n" }.count == 1, "\(combined)")

        let pool = try database.pool()
        defer { Task { await pool.shutdown() } }
        let runs = try await pool.query("SELECT file FROM runs ORDER BY file").rows.map { try $0.decode("file", as: String.self) }
        #expect(runs == ["0001", "0002", "0003"])
        let versions = try await pool.query("SELECT version FROM schema_migrations ORDER BY version").rows.map { try $0.decode("version", as: Int.self) }
        #expect(versions == [1, 2, 3])
    }

    /// Process and Pipe are thread-safe enough for this hand-over: one thread reads, then waits.
    private struct Running: @unchecked Sendable {
        let process: Process
        let stdout: Pipe
        let stderr: Pipe
    }

    private func start(_ binary: URL, database: StoreTestDatabase, dir: URL) throws -> Running {
        let process = Process()
        process.executableURL = binary
        process.arguments = ["migrate", "--database-url", database.url, "--dir", dir.path]
        process.environment = ["PATH": "/usr/bin:/bin"]
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        return Running(process: process, stdout: stdout, stderr: stderr)
    }

    /// Reads both streams to the end (the process exits once it has written them), then its
    /// status — on a thread of its own, so no concurrency thread blocks on the pipes.
    private func finish(_ running: Running) async -> (status: Int32, stdout: String, stderr: String) {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: Self.collect(running)) }
        }
    }

    private static func collect(_ running: Running) -> (status: Int32, stdout: String, stderr: String) {
        let out = running.stdout.fileHandleForReading.readDataToEndOfFile()
        let err = running.stderr.fileHandleForReading.readDataToEndOfFile()
        running.process.waitUntilExit()
        return (running.process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }
}
