import Foundation
import Logging

/// `hyperpage serve --config FILE`: serves the configured tools over HTTP until SIGTERM or
/// SIGINT, then shuts down gracefully.
struct ServeCommand {
    let path: String
    let environment: [String: String]

    init(_ args: inout ArgumentList, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        path = try configPath(&args, command: "serve")
        self.environment = environment
    }

    func run() async throws -> CommandResult {
        let config: HyperpageConfig
        switch loadConfig(path: path, environment: environment) {
        case .failure(let failure): return failure.result
        case .success(let loaded): config = loaded
        }
        let assembly: ServerAssembly
        do {
            assembly = try ServerAssembly.make(config: config, environment: environment, configPath: path)
        } catch {
            throw UsageError("\(error)")
        }
        do {
            try await assembly.verifyDatabase()
        } catch {
            await assembly.shutdown()
            return CommandResult(stderr: "hyperpage: \(error.message)\n", status: 1)
        }
        // Admin overrides are in force from the first request (a failed read is logged and
        // retried by the periodic re-read).
        await assembly.overrides.refresh()
        do {
            try await assembly.server.run(services: assembly.services) { port in
                let line = "hyperpage: serving http://\(config.server.host):\(port)/graphql\n"
                FileHandle.standardError.write(Data(line.utf8))
            }
        } catch {
            await assembly.shutdown()
            throw error
        }
        await assembly.shutdown()
        return CommandResult()
    }
}
