import Logging

/// Process-wide logging for the `hyperpage` executable: swift-log to standard error, at the
/// level named by `LOG_LEVEL` (`trace`, `debug`, `info`, `notice`, `warning`, `error`,
/// `critical`; default `info`).
public enum LoggingSetup {
    public static func bootstrap(environment: [String: String]) {
        let level = environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) } ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
