import Foundation
@testable import Resolvers

/// Runs `body` with a fresh loopback server and curl transport, and tears both down.
func withUpstream<T>(connections: Int = 8, _ body: (UpstreamTestServer, CurlTransport) async throws -> T) async throws -> T {
    let server = try await UpstreamTestServer.start()
    let transport = CurlTransport(connectTimeout: .seconds(2), maxConnectionsPerHost: connections)
    do {
        let result = try await body(server, transport)
        transport.shutdown()
        await server.stop()
        return result
    } catch {
        transport.shutdown()
        await server.stop()
        throw error
    }
}

func upstreamDeadline(in duration: Duration) -> ContinuousClock.Instant {
    ContinuousClock.now.advanced(by: duration)
}

/// The typed error of an upstream call, or nil when it succeeded.
func upstreamError<T>(_ body: () async throws(UpstreamError) -> T) async -> UpstreamError? {
    do {
        _ = try await body()
        return nil
    } catch {
        return error
    }
}

/// Fast retries for tests.
let upstreamQuickRetry = RetryPolicy(maxRetries: 2, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50))

/// Records every observer call.
final class UpstreamRecordingObserver: UpstreamObserver {
    struct Finished: Equatable {
        var tool: String
        var method: String
        var status: Int?
        var errorCode: UpstreamErrorCode?
    }
    private let box = LockedBox((finished: [Finished](), rateLimits: [RateLimitObservation]()))

    var finished: [Finished] { box.withLock { $0.finished } }
    var rateLimits: [RateLimitObservation] { box.withLock { $0.rateLimits } }

    func upstreamRequestFinished(tool: String, method: String, status: Int?, errorCode: UpstreamErrorCode?, seconds: Double) {
        box.withLock { $0.finished.append(Finished(tool: tool, method: method, status: status, errorCode: errorCode)) }
    }

    func rateLimitObserved(_ observation: RateLimitObservation) {
        box.withLock { $0.rateLimits.append(observation) }
    }
}
