/// How a `PostgresPool` connects and how long it waits.
///
/// - `url`: a libpq connection string, either a URI (`postgresql://user:password@host:5432/db`)
///   or `key=value` pairs. Parameters written in it (e.g. `connect_timeout`, `sslmode`) win over
///   the defaults set here.
/// - `poolSize`: connections (each owned by its own thread), opened lazily on first use.
/// - `connectTimeout`: libpq's `connect_timeout`, in whole seconds (at least 2; libpq ignores
///   smaller values).
/// - `statementTimeout`: `SET statement_timeout` on every new connection; a statement running
///   longer is cancelled by the server (SQLSTATE 57014). `.zero` disables it.
/// - `acquireTimeout`: how long a caller waits for a free connection before `.poolTimeout`.
public struct PostgresConfiguration: Sendable {
    public var url: String
    public var poolSize: Int
    public var connectTimeout: Duration
    public var statementTimeout: Duration
    public var acquireTimeout: Duration
    /// Reported as `application_name` in `pg_stat_activity`.
    public var applicationName: String

    public init(url: String, poolSize: Int = 4, connectTimeout: Duration = .seconds(5),
                statementTimeout: Duration = .seconds(30), acquireTimeout: Duration = .seconds(10),
                applicationName: String = "hyperpage") throws(PostgresError) {
        guard !url.isEmpty else {
            throw PostgresError(code: .invalidConfiguration, message: "The database URL is empty.")
        }
        guard !url.utf8.contains(0) else {
            throw PostgresError(code: .invalidConfiguration, message: "The database URL contains a NUL byte.")
        }
        guard poolSize >= 1 else {
            throw PostgresError(code: .invalidConfiguration, message: "The pool needs at least one connection.")
        }
        self.url = url
        self.poolSize = poolSize
        self.connectTimeout = connectTimeout
        self.statementTimeout = statementTimeout
        self.acquireTimeout = acquireTimeout
        self.applicationName = applicationName
    }

    /// The keyword/value pairs handed to `PQconnectdbParams`. Our defaults come first and the
    /// URL (expanded by libpq as `dbname`) last, so anything the URL says wins.
    var connectParameters: [(String, String)] {
        let seconds = max(2, Int((connectTimeout.components.seconds)) + (connectTimeout.components.attoseconds > 0 ? 1 : 0))
        return [
            ("connect_timeout", String(seconds)),
            ("application_name", applicationName),
            ("dbname", url),
        ]
    }

    /// Whole milliseconds of the statement timeout (0: none).
    var statementTimeoutMilliseconds: Int64 {
        let c = statementTimeout.components
        return max(0, c.seconds * 1000 + c.attoseconds / 1_000_000_000_000_000)
    }
}
