import COpenSSL
import Foundation

/// One migration: `NNNN_name.sql` in the migrations folder, applied once, in version order.
public struct MigrationFile: Sendable, Equatable {
    public let version: Int
    public let name: String
    /// The file name, e.g. `0001_initial.sql`.
    public let fileName: String
    public let sql: String
    /// Lowercase hex SHA-256 of the file's bytes, recorded when applied.
    public let checksum: String

    public init(version: Int, name: String, fileName: String, contents: [UInt8]) {
        self.version = version
        self.name = name
        self.fileName = fileName
        self.sql = String(decoding: contents, as: UTF8.self)
        self.checksum = MigrationChecksum.sha256Hex(contents)
    }

    /// Every `*.sql` file of `directory`, sorted by version. Any other `.sql` name, a duplicate
    /// version, or an unreadable file is refused; non-SQL files (README) are ignored.
    public static func load(directory: String) throws(MigrationError) -> [MigrationFile] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw MigrationError(code: .invalidDirectory, message: "Cannot read the migrations folder \(directory).")
        }
        var files: [MigrationFile] = []
        var byVersion: [Int: String] = [:]
        for fileName in names.sorted() where fileName.hasSuffix(".sql") {
            guard let match = fileName.wholeMatch(of: /([0-9]{4})_([a-z0-9_]+)\.sql/), let version = Int(match.1), version > 0 else {
                throw MigrationError(code: .invalidDirectory,
                                     message: "\(fileName): migration files are named NNNN_name.sql (four digits from 0001, then lowercase letters, digits and _).",
                                     file: fileName)
            }
            if let other = byVersion[version] {
                throw MigrationError(code: .invalidDirectory, message: "\(fileName) and \(other) have the same version \(version).", file: fileName)
            }
            byVersion[version] = fileName
            let path = (directory as NSString).appendingPathComponent(fileName)
            guard let data = FileManager.default.contents(atPath: path) else {
                throw MigrationError(code: .invalidDirectory, message: "Cannot read \(path).", file: fileName)
            }
            files.append(MigrationFile(version: version, name: String(match.2), fileName: fileName, contents: Array(data)))
        }
        return files.sorted { $0.version < $1.version }
    }

    /// The 1-based line of a 1-based character position in the SQL (as PostgreSQL reports
    /// positions of syntax errors).
    func line(ofPosition position: Int) -> Int {
        var line = 1
        for (index, scalar) in sql.unicodeScalars.enumerated() {
            if index >= position - 1 { break }
            if scalar == "\n" { line += 1 }
        }
        return line
    }
}

/// SHA-256 through OpenSSL's EVP interface.
enum MigrationChecksum {
    static func sha256Hex(_ bytes: [UInt8]) -> String {
        var digest = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = bytes.withUnsafeBytes { input in
            EVP_Digest(input.baseAddress, input.count, &digest, &length, EVP_sha256(), nil)
        }
        precondition(ok == 1 && length == 32, "EVP_Digest(SHA-256) failed")
        return digest.prefix(32).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
