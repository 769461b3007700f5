import Foundation
import Redis
import Testing

struct MissingTestService: Error, CustomStringConvertible {
    var description: String
}

/// The shared throwaway redis-server from `scripts/with-test-services.sh`.
enum TestRedis {
    /// Its URL; a test without it fails (CI always sets it).
    static func url() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["HYPERPAGE_TEST_REDIS_URL"], !url.isEmpty else {
            let message = "HYPERPAGE_TEST_REDIS_URL is not set: run the tests through scripts/with-test-services.sh"
            Issue.record(Comment(rawValue: message))
            throw MissingTestService(description: message)
        }
        return url
    }

    static func client(poolSize: Int = 4, commandTimeout: Duration = .seconds(2)) throws -> RedisClient {
        RedisClient(configuration: try RedisConfiguration(url: url(), poolSize: poolSize,
                                                          commandTimeout: commandTimeout))
    }

    /// A key prefix no other test uses.
    static func prefix(_ name: String) -> String {
        "test:\(name):\(UUID().uuidString):"
    }
}

/// Polls `condition` every 50 ms until it holds or `timeout` passes (generous on purpose: the
/// machine is shared).
func eventually(timeout: Duration = .seconds(20), _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(50))
    }
    return await condition()
}

/// Collects what a subscription handler receives, across threads.
final class ReceivedMessages: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [(channel: String, payload: [UInt8])] = []

    func append(_ channel: String, _ payload: [UInt8]) {
        lock.lock()
        messages.append((channel, payload))
        lock.unlock()
    }

    var all: [(channel: String, payload: [UInt8])] {
        lock.lock()
        defer { lock.unlock() }
        return messages
    }

    func contains(channel: String, payload: [UInt8]) -> Bool {
        all.contains { $0.channel == channel && $0.payload == payload }
    }
}
