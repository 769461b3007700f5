import Foundation
import Logging

/// Re-seals every stored token under the cipher's active key (`hyperpage keys rotate`,
/// `AuthService.rotateKeys`).
///
/// Each connection is rewritten by one compare-and-swap on its current access token
/// (`ConnectionStore.replace`; in PostgreSQL a single `UPDATE`, i.e. its own transaction): a
/// crash midway leaves every row either under its old key or under the new one, both readable
/// while both keys are listed, and a refresh that lands meanwhile is never overwritten (the row
/// is counted as `changed` and a later run picks it up).
public struct KeyRotation: Sendable {
    public let cipher: TokenCipher
    public let connections: any ConnectionStore
    public let logger: Logger

    public init(cipher: TokenCipher, connections: any ConnectionStore, logger: Logger = Logger(label: "hyperpage.keys")) {
        self.cipher = cipher
        self.connections = connections
        self.logger = logger
    }

    /// What a run did.
    public struct Report: Sendable, Equatable {
        /// Connections looked at.
        public var examined = 0
        /// Re-sealed under the active key.
        public var rotated = 0
        /// Already entirely under the active key.
        public var current = 0
        /// A token did not open (tampered, or its key is not configured): left unchanged.
        public var failed = 0
        /// Changed by someone else (refresh, disconnect) between the read and the write: left alone.
        public var changed = 0
        /// The ids of the keys the rewritten tokens were sealed under (never key material).
        public var rotatedFromKeys: Set<String> = []
        public init() {}
    }

    public func run() async throws(AuthStoreError) -> Report {
        var report = Report()
        for connection in try await connections.allConnections() {
            report.examined += 1
            guard cipher.needsRotation(connection.accessToken) || (connection.refreshToken.map(cipher.needsRotation) ?? false) else {
                report.current += 1
                continue
            }
            let updated: ToolConnection
            do {
                updated = try resealed(connection)
            } catch {
                report.failed += 1
                logger.error("A stored token could not be rotated", metadata: [
                    "hyperpage.user": .string(connection.userID), "hyperpage.auth.provider": .string(connection.provider.rawValue),
                    "hyperpage.error.code": .string(error.code.rawValue)])
                continue
            }
            if try await connections.replace(updated, ifAccessTokenIs: connection.accessToken) {
                report.rotated += 1
                report.rotatedFromKeys.insert(connection.accessToken.keyID)
                if let refresh = connection.refreshToken { report.rotatedFromKeys.insert(refresh.keyID) }
            } else {
                report.changed += 1
            }
        }
        return report
    }

    private func resealed(_ connection: ToolConnection) throws(TokenCipherError) -> ToolConnection {
        var updated = connection
        let provider = connection.provider.rawValue
        updated.accessToken = try cipher.rotate(connection.accessToken, for: TokenBinding(userID: connection.userID, provider: provider))
        updated.refreshToken = try connection.refreshToken.map { token throws(TokenCipherError) in
            try cipher.rotate(token, for: TokenBinding(userID: connection.userID, provider: provider, purpose: "refresh"))
        }
        return updated
    }
}
