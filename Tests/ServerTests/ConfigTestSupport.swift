import Foundation
@testable import Server

/// Loads YAML text as `test.yaml` and returns the problems as `LINE:COLUMN: message` (empty when
/// the configuration is valid).
func configProblems(_ yaml: String, environment: [String: String] = [:]) -> [String] {
    do {
        _ = try ConfigLoader.load(yaml: yaml, file: "test.yaml", environment: environment)
        return []
    } catch {
        return error.problems.map { "\($0.line):\($0.column): \($0.message)" }
    }
}

/// A folder under the temporary directory that the test owns.
func makeTemporaryFolder(_ prefix: String) throws -> URL {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    return dir
}
