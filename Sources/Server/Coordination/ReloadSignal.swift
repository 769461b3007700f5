import Dispatch
import Foundation
import ServiceLifecycle

/// Reloads the configuration on SIGHUP (then tells the other pods), for as long as the server runs.
struct ReloadSignal: Service {
    let reload: @Sendable () async -> Void

    func run() async throws {
        let (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
        signal(SIGHUP, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        source.setEventHandler { continuation.yield() }
        source.resume()
        await cancelWhenGracefulShutdown {
            for await _ in stream { await reload() }
        }
        source.cancel()
        continuation.finish()
    }
}
