import Postgres

/// `--config FILE`, `--database-url URL` and `--dir DIR`, as `migrate` and `keys rotate` take
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
        var database = HyperpageConfig.DatabaseSection()
        if let configPath {
            switch loadConfig(path: configPath, environment: environment) {
            case .failure(let failure): return .failure(failure)
            case .success(let config): database = config.database
            }
        }
        if let databaseURL { database.url = databaseURL }
        if let directory { database.migrationsDir = directory }
        guard !database.url.isEmpty else { throw UsageError(missingURL) }
        return .success(database)
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
