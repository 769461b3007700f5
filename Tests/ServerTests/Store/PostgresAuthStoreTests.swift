import Fakes
import Foundation
import Postgres
import Resolvers
import Schema
import Testing
@testable import Server

/// Sign-in state in a real PostgreSQL (a fresh, migrated database per test): a full sign-in
/// stored in the tables with no token in clear, a tampered ciphertext refused, a state used once
/// across two pods, and `hyperpage keys rotate`.
@Suite struct PostgresAuthStoreTests {
    static var migrations: String { ServeProcessTests.packageRoot.appendingPathComponent("migrations").path }
    static let newKey = "k2:" + Data((0..<32).map { UInt8(255 - $0) }).base64EncodedString()

    static func migratedPool(_ database: StoreTestDatabase) async throws -> PostgresPool {
        let pool = try database.pool(size: 4)
        do {
            try await MigrationRunner(pool: pool, files: try MigrationFile.load(directory: migrations)).migrate()
        } catch {
            await pool.shutdown()
            throw error
        }
        return pool
    }

    /// A harness whose AuthService keeps everything in `database`.
    func withHarness(_ database: StoreTestDatabase, _ body: (AuthTestHarness, PostgresPool) async throws -> Void) async throws {
        let pool = try await Self.migratedPool(database)
        let stores = AuthStoreSet.make(database: pool, redis: nil, settings: HyperpageConfig().auth)
        let h: AuthTestHarness
        do { h = try await AuthTestHarness.start(stores: stores) } catch {
            await pool.shutdown()
            throw error
        }
        do {
            try await body(h, pool)
        } catch {
            await h.stop()
            await pool.shutdown()
            throw error
        }
        await h.stop()
        await pool.shutdown()
    }

    func userID(_ h: AuthTestHarness, session: String) async throws -> String {
        let viewer = try await h.graphql("{ viewer { id } }", session: session)
        guard case .string(let id)? = viewer["data"]?["viewer"]?["id"] else { throw HarnessError.status(0, "no viewer") }
        return id
    }

    /// Every row of every table in `public`, as PostgreSQL prints rows (`bytea` in hex).
    static func dumpAllTables(_ pool: PostgresPool) async throws -> String {
        let tables = try await pool.query("""
            SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1
            """).rows.map { row throws in try row.decode("table_name", as: String.self) }
        var dump = ""
        for table in tables {
            let text = try await pool.query("SELECT coalesce(string_agg(t::text, E'\\n'), '') AS dump FROM \(identifier: table) t")
                .rows.first?.decode("dump", as: String.self) ?? ""
            dump += "== \(table)\n\(text)\n"
        }
        return dump
    }

    // MARK: A sign-in in the tables

    @Test func aSignInIsStoredWithoutPlaintextTokens() async throws {
        try await StoreTestDatabase.run { try await withHarness($0, signInStored) }
    }

    func signInStored(_ h: AuthTestHarness, _ pool: PostgresPool) async throws {
        let session = try await h.signIn(.gitlab)
        let viewer = try await h.graphql("{ viewer { name connections { provider login } preferences { theme } } }", session: session)
        #expect(viewer["errors"] == nil)
        #expect(viewer["data"]?["viewer"]?["name"] == .string("Demo User"))
        #expect(viewer["data"]?["viewer"]?["connections"] == .list([.object(ObjectValue([
            ("provider", .string("GITLAB")), ("login", .string("octodemo"))]))]))
        let user = try await userID(h, session: session)
        let token = try await h.auth.accessToken(userID: user, provider: .gitlab)
        #expect(h.fake(.gitlab).liveAccessTokens == [token])

        let row = try #require(try await pool.query("""
            SELECT u.public_id, c.key_id, c.refresh_token_key_id, octet_length(c.access_token_nonce) AS nonce_length,
                   octet_length(c.access_token_ciphertext) AS length, c.refresh_token_ciphertext IS NOT NULL AS has_refresh
            FROM tool_connections c JOIN users u ON u.id = c.user_id
            """).rows.first)
        #expect(try row.decode("public_id", as: String.self) == user)
        #expect(try row.decode("key_id", as: String.self) == "k1")
        #expect(try row.decode("refresh_token_key_id", as: String?.self) == "k1")
        #expect(try row.decode("nonce_length", as: Int.self) == 12)
        #expect(try row.decode("length", as: Int.self) == token.utf8.count + 16)
        #expect(try row.decode("has_refresh", as: Bool.self))
        // Only the SHA-256 of the cookie's session id is stored.
        let hashes = try await pool.query("SELECT encode(id_hash, 'hex') AS hash FROM sessions").rows
            .map { row throws in try row.decode("hash", as: String.self) }
        #expect(hashes == [SessionManager.key(session)])
        // The finished sign-in's state was consumed.
        #expect(try await pool.query("SELECT count(*) AS n FROM oauth_states").rows.first?.decode("n", as: Int.self) == 0)

        let dump = try await Self.dumpAllTables(pool)
        #expect(dump.contains("octodemo") && dump.contains("== tool_connections\n("), "the dump must show the rows it scans")
        let secrets = h.fake(.gitlab).secrets + [session]
        #expect(secrets.count >= 4)
        for secret in secrets {
            #expect(!dump.contains(secret), "a secret appears in clear in the tables")
            #expect(!dump.contains(Hex.encode(Array(secret.utf8))), "a secret appears as bytes in the tables")
            #expect(!dump.contains(Data(secret.utf8).base64EncodedString()), "a secret appears base64-encoded in the tables")
        }
    }

    // MARK: Tampering

    @Test func aFlippedCiphertextByteIsRefused() async throws {
        try await StoreTestDatabase.run { try await withHarness($0, flippedByte) }
    }

    func flippedByte(_ h: AuthTestHarness, _ pool: PostgresPool) async throws {
        let user = try await userID(h, session: try await h.signIn(.github))
        let token = try await h.auth.accessToken(userID: user, provider: .github)
        let flipFirst: PostgresQuery = """
            UPDATE tool_connections SET access_token_ciphertext = set_byte(access_token_ciphertext, 0, get_byte(access_token_ciphertext, 0) # 1)
            """
        try await pool.query(flipFirst)
        let refused = await #expect(throws: AuthError.self) { try await h.auth.accessToken(userID: user, provider: .github) }
        #expect(refused?.code == .tokenUnreadable)
        // Flipping it back restores the token: the refusal was the flip's doing.
        try await pool.query(flipFirst)
        #expect(try await h.auth.accessToken(userID: user, provider: .github) == token)
        // The tag (last byte) and the nonce are covered too.
        try await pool.query("""
            UPDATE tool_connections SET access_token_ciphertext = set_byte(access_token_ciphertext, octet_length(access_token_ciphertext) - 1,
                get_byte(access_token_ciphertext, octet_length(access_token_ciphertext) - 1) # 128)
            """)
        let tag = await #expect(throws: AuthError.self) { try await h.auth.accessToken(userID: user, provider: .github) }
        #expect(tag?.code == .tokenUnreadable)
        #expect(!h.logs.all.contains { $0.contains(token) })
    }

    // MARK: Two pods

    @Test func aStateIsUsedOnceAcrossTwoPods() async throws {
        try await StoreTestDatabase.run { database in
            try await withHarness(database) { h, _ in try await twoPods(h, database) }
        }
    }

    func twoPods(_ h: AuthTestHarness, _ database: StoreTestDatabase) async throws {
        let pool = try database.pool()
        let podB = AuthService(settings: h.auth.settings, publicURL: AuthTestHarness.publicURL,
                               cipher: TokenCipher(keyRing: try TokenKeyRing(parsing: AuthTestHarness.keys)), transport: h.upstream,
                               stores: AuthStoreSet.make(database: pool, redis: nil, settings: h.auth.settings))
        defer { Task { await pool.shutdown() } }
        // Pod A (the harness's server) starts the sign-in; pod B receives the callback.
        let (callback, nonce) = try await h.authorize(.github)
        let query = Dictionary(FormURLEncoding.decode(String(callback.split(separator: "?", maxSplits: 1)[1])), uniquingKeysWith: { a, _ in a })
        let signIn = try await podB.finishLogin(provider: "github", code: query["code"], state: query["state"], providerError: nil,
                                                browserNonce: nonce, previousSessionID: nil)
        // Pod B's session and user are pod A's too.
        #expect(try await userID(h, session: signIn.sessionID) == signIn.user.id)
        // The same callback replayed at pod A, then at pod B: the state is gone.
        let replay = try await h.http("GET", callback, cookies: [Cookies.oauth: nonce])
        #expect(replay.status == 400)
        #expect(AuthFlowTests.errorCode(replay) == "AUTH_STATE_INVALID")
        #expect(AuthTestHarness.cookie(Cookies.session, in: replay) == nil)
        let again = await #expect(throws: AuthError.self) {
            try await podB.finishLogin(provider: "github", code: query["code"], state: query["state"], providerError: nil,
                                       browserNonce: nonce, previousSessionID: nil)
        }
        #expect(again?.code == .stateInvalid)
        #expect(h.fake(.github).events.filter { $0 == .tokenIssued(grant: "authorization_code") }.count == 1)
    }

    @Test func racingTakesOfOneStateHandItOutOnce() async throws {
        try await StoreTestDatabase.run(racingTakes)
    }

    func racingTakes(_ database: StoreTestDatabase) async throws {
        let pool = try await Self.migratedPool(database)
        defer { Task { await pool.shutdown() } }
        let podA = PostgresOAuthStateStore(pool: pool), podB = PostgresOAuthStateStore(pool: pool)
        for round in 0..<20 {
            let hash = Hex.encode(CryptoPrimitives.sha256(Array("state-\(round)".utf8)))
            try await podA.put(PendingLogin(stateHash: hash, browserHash: CryptoPrimitives.sha256([1]), provider: .gitlab,
                                            codeVerifier: "verifier-\(round)", linkToUserID: nil, expiresAt: Date().addingTimeInterval(600)))
            async let first = podA.take(stateHash: hash)
            async let second = podB.take(stateHash: hash)
            let taken = [try await first, try await second].compactMap { $0 }
            #expect(taken.count == 1)
            #expect(taken.first?.codeVerifier == "verifier-\(round)")
            #expect(taken.first?.stateHash == hash)
        }
    }

    // MARK: Assembly

    @Test func theServerKeepsSignInStateInTheConfiguredDatabase() async throws {
        var config = HyperpageConfig()
        config.graphql.schemaDir = EndToEndHarness.schemaDirectory
        config.database.url = "postgres://hyperpage@127.0.0.1:1/unused"
        config.auth.github.clientID = "client-github"
        config.auth.github.clientSecret = "secret"
        let assembly = try ServerAssembly.make(config: config, environment: ["HYPERPAGE_TOKEN_KEYS": AuthTestHarness.keys])
        defer { Task { await assembly.shutdown() } }
        let auth = try #require(assembly.auth)
        #expect(auth.users is PostgresUserStore)
        #expect(auth.connections is PostgresConnectionStore)
        #expect(auth.states is PostgresOAuthStateStore)
        #expect(auth.sessions.store is PostgresSessionStore)
        config.database.url = ""
        let demo = try ServerAssembly.make(config: config, environment: ["HYPERPAGE_TOKEN_KEYS": AuthTestHarness.keys])
        defer { Task { await demo.shutdown() } }
        #expect(try #require(demo.auth).connections is MemoryConnectionStore)
        #expect(try #require(demo.auth).sessions.store is MemorySessionStore)
    }

    // MARK: keys rotate

    @Test func keysRotateReencryptsEveryConnection() async throws {
        try await StoreTestDatabase.run { database in
            try await withHarness(database) { h, pool in try await rotate(h, pool, database) }
        }
    }

    func rotate(_ h: AuthTestHarness, _ pool: PostgresPool, _ database: StoreTestDatabase) async throws {
        let gitlabUser = try await userID(h, session: try await h.signIn(.gitlab))
        let githubUser = try await userID(h, session: try await h.signIn(.github))
        #expect(gitlabUser != githubUser)
        let gitlabToken = try await h.auth.accessToken(userID: gitlabUser, provider: .gitlab)
        let githubToken = try await h.auth.accessToken(userID: githubUser, provider: .github)
        let arguments = ["keys", "rotate", "--database-url", database.url, "--dir", Self.migrations]
        let both = ["HYPERPAGE_TOKEN_KEYS": "\(Self.newKey),\(AuthTestHarness.keys)"]

        let first = await CommandLineTool.execute(arguments, environment: both)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdoutText == "active key: k2\nexamined 2 connections\nrotated 2\nalready under k2: 0\n")
        let keys = try await pool.query("SELECT key_id, coalesce(refresh_token_key_id, '-') AS refresh FROM tool_connections ORDER BY provider").rows
            .map { row throws in "\(try row.decode("key_id", as: String.self))/\(try row.decode("refresh", as: String.self))" }
        #expect(keys == ["k2/-", "k2/k2"])
        let second = await CommandLineTool.execute(arguments, environment: both)
        #expect(second.stdoutText == "active key: k2\nexamined 2 connections\nrotated 0\nalready under k2: 2\n")

        // The old key can go: the new one alone opens every rotated token.
        let newOnly = AuthService(settings: h.auth.settings, publicURL: AuthTestHarness.publicURL,
                                  cipher: TokenCipher(keyRing: try TokenKeyRing(parsing: Self.newKey)), transport: h.upstream,
                                  stores: AuthStoreSet.make(database: pool, redis: nil, settings: h.auth.settings))
        #expect(try await newOnly.accessToken(userID: gitlabUser, provider: .gitlab) == gitlabToken)
        #expect(try await newOnly.accessToken(userID: githubUser, provider: .github) == githubToken)
        for output in [first.stdoutText, first.stderr, second.stdoutText] {
            #expect(!output.contains(database.url) && !output.contains(gitlabToken) && !output.contains(githubToken))
        }
    }

    @Test func keysRotateReportsTamperedRowsAndMissingKeys() async throws {
        try await StoreTestDatabase.run { database in
            try await withHarness(database) { h, pool in try await rotateFailures(h, pool, database) }
        }
    }

    func rotateFailures(_ h: AuthTestHarness, _ pool: PostgresPool, _ database: StoreTestDatabase) async throws {
        _ = try await h.signIn(.gitlab)
        _ = try await h.signIn(.github)
        try await pool.query("""
            UPDATE tool_connections SET access_token_ciphertext = set_byte(access_token_ciphertext, 0, get_byte(access_token_ciphertext, 0) # 1)
            WHERE provider = 'github'
            """)
        let arguments = ["keys", "rotate", "--database-url", database.url, "--dir", Self.migrations]
        let result = await CommandLineTool.execute(arguments, environment: ["HYPERPAGE_TOKEN_KEYS": "\(Self.newKey),\(AuthTestHarness.keys)"])
        #expect(result.status == 1)
        #expect(result.stdoutText == "active key: k2\nexamined 2 connections\nrotated 1\nalready under k2: 0\ncould not be opened, left unchanged: 1\n")
        let github = try await pool.query("SELECT key_id FROM tool_connections WHERE provider = 'github'").rows.first?.decode("key_id", as: String.self)
        #expect(github == "k1")

        let noKeys = await CommandLineTool.execute(arguments, environment: [:])
        #expect(noKeys.status == 2)
        #expect(noKeys.stderr.contains("HYPERPAGE_TOKEN_KEYS is not set"))
        let noDatabase = await CommandLineTool.execute(["keys", "rotate"], environment: ["HYPERPAGE_TOKEN_KEYS": AuthTestHarness.keys])
        #expect(noDatabase.status == 2)
        #expect(noDatabase.stderr.contains("database.url"))
    }
}
