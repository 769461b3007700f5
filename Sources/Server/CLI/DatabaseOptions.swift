import Postgres

/// `--config FILE`, `--database-url URL` and `--dir DIR`, as `migrate`, `keys rotate` and `persisted` take
/// them: the database section of the config file (if any), overridden by the flags.
struct DatabaseOptions {
    let configPath: String?
    let databaseURL: String?
    let directory: String?

    init(_ options: [(String, String)]) {
        func last(_ name: String) -> String? { options.last { $0.0 == name }?.1 }
        configPath = last("config")
        databaseURL = last("database-url")
        directory = last("dir")
    }

    /// The database to work on; `.failure` holds the answer for a config file that does not
    /// load. Throws `UsageError(missingURL)` when no URL is given either way.
    func section(environment: [String: String], missingURL: String) throws -> Result<HyperpageConfig.DatabaseSection, ConfigCommandFailure> {
        try load(environment: environment, missingURL: missingURL).map(\.database)
    }

    /// `section`, with the configuration it came from (nil without `--config`).
    func load(environment: [String: String], missingURL: String) throws
        -> Result<(config: HyperpageConfig?, database: HyperpageConfig.DatabaseSection), ConfigCommandFailure> {
        var config: HyperpageConfig?
        var database = HyperpageConfig.DatabaseSection()
        if let configPath {
            switch loadConfig(path: configPath, environment: environment) {
            case .failure(let failure): return .failure(failure)
            case .success(let loaded):
                config = loaded
                database = loaded.database
            }
        }
        if let databaseURL { database.url = databaseURL }
        if let directory { database.migrationsDir = directory }
        guard !database.url.isEmpty else { throw UsageError(missingURL) }
        return .success((config, database))
    }

    /// The pool settings of `database` (whose URL is set); unusable settings are usage errors.
    static func postgresConfiguration(_ database: HyperpageConfig.DatabaseSection, command: String) throws -> PostgresConfiguration {
        do {
            guard let made = try database.postgresConfiguration() else { throw UsageError("\(command) needs a database URL") }
            return made
        } catch let error as PostgresError {
            throw UsageError("\(error)")
        }
    }
}
