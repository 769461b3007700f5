import Logging
import Redis
import ServiceLifecycle
import Synchronization

/// Elects one leader among the pods sharing a Redis, with fencing tokens.
///
/// - Taking the lease: when `hp:leader` is free, `INCR hp:leader:fence` draws a token and
///   `SET hp:leader "<token> <pod id>" NX PX <lease>` claims it (a lost race only wastes a token).
/// - Keeping it: every lease/3 a compare-and-extend script (`PEXPIRE` only if the value is still
///   ours). Leadership ends at once, locally, when a renewal fails or answers "not yours", and in
///   any case when `lease` has passed since the last successful renewal began: a leader cut off
///   from Redis stops acting before anyone else can take over.
/// - Acting: leader-only jobs take the token from `currentToken()` and, right before their side
///   effect, call `confirm(token)`, which compares the lease in Redis with it (compare-and-act).
///
/// When the leader dies its lease expires within `lease`, and the others retry every lease/3, so
/// leadership moves within about 1⅓ leases. On graceful shutdown the leader deletes its lease
/// (only if still its own) so the next pod takes over at its next attempt.
public final class LeaderElection: Service, Sendable {
    static let leaseKey = "hp:leader"
    static let fenceKey = "hp:leader:fence"
    /// `PEXPIRE` the lease only while it holds our value.
    static let extendScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) else return 0 end
        """
    /// Delete the lease only while it holds our value.
    static let releaseScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end
        """

    struct Held: Sendable {
        var value: LeaseValue
        var validUntil: ContinuousClock.Instant
    }

    let identity: PodIdentity
    let client: RedisClient
    let lease: Duration
    let logger: Logger
    private let held = Mutex<Held?>(nil)

    public init(identity: PodIdentity, client: RedisClient, lease: Duration, logger: Logger) {
        self.identity = identity
        self.client = client
        self.lease = lease
        self.logger = logger
    }

    /// This pod's fencing token while it holds a lease that has not run out; nil otherwise.
    public func currentToken() -> Int64? {
        held.withLock { h in
            guard let current = h else { return nil }
            if ContinuousClock.now >= current.validUntil { h = nil; return nil }
            return current.value.token
        }
    }

    /// Whether the lease in Redis still carries `token` and this pod (the compare of
    /// compare-and-act); false on any Redis failure.
    public func confirm(_ token: Int64) async -> Bool {
        guard currentToken() == token else { return false }
        do throws(RedisError) {
            let value = try await client.send(["GET", Self.leaseKey]).string
            return value == LeaseValue(token: token, podID: identity.id).text
        } catch {
            return false
        }
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown { await self.loop() }
        await release()
    }

    private func loop() async {
        let period = lease / 3
        var backoff = CoordinationBackoff(base: .milliseconds(100), cap: period)
        while !Task.isCancelled {
            let pause: Duration
            do throws(RedisError) {
                try await step()
                backoff.success()
                pause = period
            } catch {
                lose(because: error.description)
                pause = backoff.failure()
            }
            try? await Task.sleep(for: pause)
        }
    }

    /// One attempt: renew the lease we hold, or try to take a free one.
    func step() async throws(RedisError) {
        let started = ContinuousClock.now
        let ms = String(lease.milliseconds)
        if let mine = held.withLock({ $0 }) {
            let reply = try await client.send(["EVAL", Self.extendScript, "1", Self.leaseKey, mine.value.text, ms])
            if reply.int == 1 {
                held.withLock { h in if h?.value == mine.value { h?.validUntil = started + lease } }
            } else {
                lose(because: "the lease is no longer ours")
            }
            return
        }
        guard try await client.send(["GET", Self.leaseKey]).isNull else { return }
        guard let token = try await client.send(["INCR", Self.fenceKey]).int else {
            throw RedisError(code: .protocolError, message: "INCR did not answer with an integer")
        }
        let value = LeaseValue(token: token, podID: identity.id)
        let reply = try await client.send(["SET", Self.leaseKey, value.text, "NX", "PX", ms])
        if reply.string == "OK" {
            held.withLock { $0 = Held(value: value, validUntil: started + lease) }
            logger.info("this pod is the cluster leader", metadata: ["fencing_token": "\(token)"])
        }
    }

    private func lose(because reason: String) {
        let had = held.withLock { h in
            defer { h = nil }
            return h != nil
        }
        if had { logger.warning("this pod lost cluster leadership", metadata: ["reason": "\(reason)"]) }
    }

    /// Hands the lease back on shutdown (only while it is still ours).
    private func release() async {
        guard let mine = held.withLock({ h in defer { h = nil }; return h }) else { return }
        _ = try? await client.send(["EVAL", Self.releaseScript, "1", Self.leaseKey, mine.value.text])
    }
}
