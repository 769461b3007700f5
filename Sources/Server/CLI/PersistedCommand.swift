import Foundation
import Postgres
import Resolvers
import Schema

/// `hyperpage persisted add|list|remove`: the trusted documents of `graphql.persisted_only`
/// (and the automatic registrations) in `persisted_queries` (docs/persisted-queries.md).
///
/// - `add --config FILE [--database-url URL] [--dir DIR] FILE...`: parses and validates each
///   file against the schema the configuration serves, then registers all of them as trusted
///   in one transaction, or none: an invalid file prints `FILE:LINE:COLUMN: message` lines on
///   stderr and nothing is stored. The hash is the SHA-256 of the file's exact bytes, so the
///   file must hold exactly the text clients send. Prints `<sha256>  <file>` per file.
/// - `list [--config FILE] [--database-url URL] [--dir DIR]`: hash, trusted, created, last used.
/// - `remove [--config FILE] [--database-url URL] [--dir DIR] HASH`: deletes one document.
///
/// The URL comes from `--database-url`, else the configuration's `database.url`; the database
/// must be migrated to this build's version. Exit 0 when done; 1 for invalid documents, a
/// database failure, or (`remove`) no such document; 2 for usage problems (options, unreadable
/// files, a schema that does not build). The URL is never printed.
struct PersistedCommand {
    enum Action {
        case add([String])
        case list
        case remove(String)
    }

    let action: Action
    let database: DatabaseOptions
    let environment: [String: String]

    init(_ args: inout ArgumentList, environment: [String: String]) throws {
        guard let sub = args.next() else { throw UsageError("persisted needs a sub-command: add, list or remove") }
        let parsed = try args.parse(valued: ["config", "database-url", "dir"], flags: [])
        database = DatabaseOptions(parsed.options)
        self.environment = environment
        switch sub {
        case "add":
            guard !parsed.positionals.isEmpty else { throw UsageError("persisted add needs at least one document FILE") }
            guard database.configPath != nil else {
                throw UsageError("persisted add needs --config FILE: documents are validated against the schema it serves")
            }
            action = .add(parsed.positionals)
        case "list":
            if let extra = parsed.positionals.first { throw UsageError("persisted list: unexpected argument '\(extra)'") }
            action = .list
        case "remove":
            guard parsed.positionals.count == 1 else {
                throw UsageError(parsed.positionals.isEmpty ? "persisted remove needs a HASH"
                                 : "persisted remove: unexpected argument '\(parsed.positionals[1])'")
            }
            guard let hash = DocumentHash.normalized(parsed.positionals[0]) else {
                throw UsageError("persisted remove: '\(parsed.positionals[0])' is not a SHA-256 (64 hexadecimal digits)")
            }
            action = .remove(hash)
        default:
            throw UsageError("unknown persisted sub-command '\(sub)'")
        }
    }

    func run() async throws -> CommandResult {
        let loaded: (config: HyperpageConfig?, database: HyperpageConfig.DatabaseSection)
        switch try database.load(environment: environment,
                                 missingURL: "persisted needs --config FILE with database.url set, or --database-url URL") {
        case .failure(let failure): return failure.result
        case .success(let value): loaded = value
        }
        var documents: [(sha256: String, text: String, path: String)] = []
        if case .add(let paths) = action, let config = loaded.config {
            switch try Self.checkedDocuments(paths, config: config) {
            case .failure(let failure): return failure.result
            case .success(let checked): documents = checked
            }
        }
        var configuration = try DatabaseOptions.postgresConfiguration(loaded.database, command: "persisted")
        configuration.poolSize = 1
        let pool = PostgresPool(configuration: configuration)
        var result = await perform(pool: pool, migrationsDirectory: loaded.database.migrationsDir, documents: documents)
        await pool.shutdown()
        if result.status == 0, let redisURL = loaded.config?.cache.redisURL, !redisURL.isEmpty {
            result.stderr += await Self.tellThePods(action, redisURL: redisURL)
        }
        return result
    }

    /// After `add` or `remove`, a `persisted` event on `hp:events` makes every pod read the
    /// documents again at once (else within a minute, `PersistedQueryMemo.ttl`). A Redis failure
    /// is a warning, not a failure: the change itself is stored.
    static func tellThePods(_ action: Action, redisURL: String) async -> String {
        if case .list = action { return "" }
        switch await OneShotClusterEvent.publish(.persisted, redisURL: redisURL, from: "hyperpage-persisted") {
        case .success: return ""
        case .failure(let error):
            return "hyperpage: warning: the pods were not told through Redis (\(error.code.rawValue)); they see the change within a minute\n"
        }
    }

    private func perform(pool: PostgresPool, migrationsDirectory: String,
                         documents: [(sha256: String, text: String, path: String)]) async -> CommandResult {
        do {
            try await DatabaseSchemaCheck.verify(pool: pool, migrationsDirectory: migrationsDirectory)
        } catch {
            return CommandResult(stderr: "hyperpage: \(error.message)\n", status: 1)
        }
        let store = PostgresPersistedQueryStore(pool: pool)
        do {
            switch action {
            case .add:
                var seen: Set<String> = []
                try await store.trust(documents.filter { seen.insert($0.sha256).inserted }.map { ($0.sha256, $0.text) })
                let out = documents.map { "\($0.sha256)  \($0.path)\n" }.joined()
                return CommandResult(stdout: Array(out.utf8))
            case .list:
                return CommandResult(stdout: Array(Self.render(try await store.list()).utf8))
            case .remove(let hash):
                guard try await store.remove(sha256: hash) else {
                    return CommandResult(stderr: "hyperpage: no persisted query has the hash \(hash)\n", status: 1)
                }
                return CommandResult(stdout: Array("removed \(hash)\n".utf8))
            }
        } catch {
            return CommandResult(stderr: "hyperpage: \(error.message)\n", status: 1)
        }
    }

    /// Every file parsed and validated against the schema `config` serves; `.failure` lists
    /// the problems of every invalid file (exit 1).
    static func checkedDocuments(_ paths: [String], config: HyperpageConfig) throws
        -> Result<[(sha256: String, text: String, path: String)], ConfigCommandFailure> {
        let schema: GraphQLSchema
        do {
            schema = try ToolSchema.load(directory: config.graphql.schemaDir, endpoints: config.toolEndpoints,
                                         extraFiles: ServerAssembly.extraSchemaFiles(config))
        } catch {
            throw UsageError(error.message)
        }
        var documents: [(sha256: String, text: String, path: String)] = []
        var problems = ""
        for path in paths {
            let bytes = try readInput(path)
            guard let text = String(validating: bytes, as: UTF8.self) else {
                problems += "\(path): not UTF-8 text\n"
                continue
            }
            let errors: [GraphQLError]
            do {
                errors = validate(schema: schema, document: try parse(Source(text, name: path)))
            } catch {
                errors = [error]
            }
            if errors.isEmpty {
                documents.append((DocumentHash.of(text), text, path))
            } else {
                problems += errors.map { e in
                    let at = e.locations.first.map { ":\($0.line):\($0.column)" } ?? ""
                    return "\(path)\(at): \(e.message)\n"
                }.joined()
            }
        }
        if !problems.isEmpty {
            return .failure(ConfigCommandFailure(result: CommandResult(
                stderr: problems + "hyperpage: nothing registered: fix the documents above\n", status: 1)))
        }
        return .success(documents)
    }

    /// One line per document under a header, oldest first; times in UTC (RFC 3339).
    static func render(_ records: [PersistedQueryRecord]) -> String {
        guard !records.isEmpty else { return "no persisted queries\n" }
        let format = Date.ISO8601FormatStyle(timeZone: .gmt)
        var out = "SHA256" + String(repeating: " ", count: 60) + "TRUSTED  CREATED               LAST USED\n"
        for r in records {
            let trusted = (r.trusted ? "yes" : "no").padding(toLength: 7, withPad: " ", startingAt: 0)
            out += "\(r.sha256)  \(trusted)  \(r.createdAt.formatted(format))  \(r.lastUsedAt.map { $0.formatted(format) } ?? "never")\n"
        }
        return out
    }
}
