import Logging
import Schema

/// The persisted-query step of a request, between reading it and `GraphQLService.prepare`:
/// automatic persisted queries (a hash alone runs a registered document; a hash with its text
/// registers it) and, with `trustedOnly` (`graphql.persisted_only`), the trusted-documents
/// mode in which only documents registered with `hyperpage persisted add` run.
/// See docs/persisted-queries.md for the protocol and the error codes.
///
/// | request | stored | normal mode | trusted-only mode |
/// |---|---|---|---|
/// | text | — | runs (the store is not consulted) | runs if its hash is trusted, else `PERSISTED_QUERY_NOT_TRUSTED` |
/// | hash | yes | runs | runs if trusted, else `…_NOT_TRUSTED` |
/// | hash | no | `PERSISTED_QUERY_NOT_FOUND` | `…_NOT_TRUSTED` |
/// | hash + text | — | text must hash to it (`…_HASH_MISMATCH`); runs, and is registered once valid if new | as text |
public final class PersistedQueries: Sendable {
    public let store: any PersistedQueryStore
    /// `graphql.persisted_only`: run trusted documents only; never register.
    public let trustedOnly: Bool
    let memo: PersistedQueryMemo?
    let metrics: HyperpageMetrics?
    let logger: Logger

    /// - Parameter memoize: keep documents read from `store` in memory for a minute (for a
    ///   shared database; pointless over `MemoryPersistedQueryStore`).
    public init(store: any PersistedQueryStore, trustedOnly: Bool = false, memoize: Bool = true,
                metrics: HyperpageMetrics? = nil, logger: Logger = Logger(label: "hyperpage.persisted")) {
        self.store = store
        self.trustedOnly = trustedOnly
        memo = memoize ? PersistedQueryMemo() : nil
        self.metrics = metrics
        self.logger = logger
    }

    /// Automatic persisted queries kept in this process (no database).
    public static func inMemory(trustedOnly: Bool = false, metrics: HyperpageMetrics? = nil) -> PersistedQueries {
        PersistedQueries(store: MemoryPersistedQueryStore(), trustedOnly: trustedOnly, memoize: false, metrics: metrics)
    }

    /// What to do with a request.
    enum Resolution: Sendable {
        /// Prepare and run `request` (its `query` is set). When `register` is set, the text is
        /// new to the store: call `register` with it once it proved valid.
        case run(GraphQLRequest, register: String?)
        /// Answer with this, nothing runs.
        case refused(GraphQLOutcome)
    }

    func resolve(_ request: GraphQLRequest) async -> Resolution {
        guard let reference = request.persistedQuery else {
            guard trustedOnly, let text = request.query else { return .run(request, register: nil) }
            return await runTrusted(request, sha256: DocumentHash.of(text))
        }
        if let text = request.query {
            guard DocumentHash.of(text) == reference.sha256 else {
                return .refused(.malformed(MalformedRequest(
                    message: "The \"extensions.persistedQuery.sha256Hash\" is not the SHA-256 of the \"query\" text.",
                    code: PersistedQueryErrorCode.hashMismatch)))
            }
            if trustedOnly { return await runTrusted(request, sha256: reference.sha256) }
        }
        let found: PersistedDocument?
        do {
            found = try await document(sha256: reference.sha256)
        } catch {
            metrics?.persistedQuery(.error)
            logger.warning("Persisted query store failed", metadata: ["hyperpage.error": .string(error.description)])
            // With the text in hand the request can still run; it is just not registered.
            if request.query != nil, !trustedOnly { return .run(request, register: nil) }
            return .refused(Self.unavailable)
        }
        guard let found else {
            if trustedOnly {
                metrics?.persistedQuery(.notTrusted)
                return .refused(Self.notTrusted(reference.sha256))
            }
            metrics?.persistedQuery(.miss)
            if request.query != nil { return .run(request, register: reference.sha256) }
            return .refused(.rejected(ExecutionResult(data: nil, errors: [GraphQLError(
                message: PersistedQueryErrorCode.notFoundMessage,
                extensions: [("code", .string(PersistedQueryErrorCode.notFound.rawValue))])]), nil))
        }
        if trustedOnly, !found.trusted {
            metrics?.persistedQuery(.notTrusted)
            return .refused(Self.notTrusted(reference.sha256))
        }
        metrics?.persistedQuery(.hit)
        var resolved = request
        resolved.query = found.text
        return .run(resolved, register: nil)
    }

    /// Trusted-only mode: the request runs when `sha256` (of its text) is a trusted document.
    private func runTrusted(_ request: GraphQLRequest, sha256: String) async -> Resolution {
        let found: PersistedDocument?
        do {
            found = try await document(sha256: sha256)
        } catch {
            metrics?.persistedQuery(.error)
            logger.warning("Persisted query store failed", metadata: ["hyperpage.error": .string(error.description)])
            return .refused(Self.unavailable)
        }
        guard let found, found.trusted else {
            metrics?.persistedQuery(.notTrusted)
            return .refused(Self.notTrusted(sha256))
        }
        metrics?.persistedQuery(.hit)
        return .run(request, register: nil)
    }

    /// Registers a document `resolve` found new, once `prepare` accepted it (never an invalid
    /// one). A store failure is logged: the request still runs.
    /// Forgets the documents this pod remembers: the registered documents changed elsewhere
    /// (a `persisted` event).
    public func forgetRemembered() {
        memo?.removeAll()
    }

    func register(sha256: String, text: String) async {
        guard !trustedOnly else { return }
        do {
            if try await store.register(sha256: sha256, text: text) { metrics?.persistedQuery(.registered) }
            memo?.insert(PersistedDocument(text: text, trusted: false), sha256: sha256)
        } catch {
            metrics?.persistedQuery(.error)
            logger.warning("Persisted query could not be registered", metadata: ["hyperpage.error": .string(error.description)])
        }
    }

    /// The memo, then the store (whose answer the memo keeps).
    private func document(sha256: String) async throws(PersistedQueryStoreError) -> PersistedDocument? {
        if let memo, let known = memo.document(sha256: sha256) { return known }
        let found = try await store.document(sha256: sha256)
        if let found, let memo { memo.insert(found, sha256: sha256) }
        return found
    }

    static func notTrusted(_ sha256: String) -> GraphQLOutcome {
        .rejected(ExecutionResult(data: nil, errors: [GraphQLError(
            message: "This server runs trusted documents only (graphql.persisted_only), and the operation is not one: register it with `hyperpage persisted add`.",
            extensions: [("code", .string(PersistedQueryErrorCode.notTrusted.rawValue)), ("sha256Hash", .string(sha256))])]), nil)
    }

    static let unavailable = GraphQLOutcome.rejected(ExecutionResult(data: nil, errors: [GraphQLError(
        message: "Persisted queries are unavailable right now (the database could not be read); try again.",
        extensions: [("code", .string(PersistedQueryErrorCode.unavailable.rawValue))])]), nil)
}
