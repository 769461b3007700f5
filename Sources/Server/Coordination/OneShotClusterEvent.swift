import Redis

/// Publishes one event on `hp:events` from outside a serving pod (a command such as
/// `hyperpage persisted remove`), over its own short-lived Redis connection.
enum OneShotClusterEvent {
    /// The number of pods that received it, or the Redis error (never holding the password).
    static func publish(_ kind: ClusterEvent.Kind, redisURL: String, from: String) async -> Result<Int, RedisError> {
        let client: RedisClient
        do {
            client = RedisClient(configuration: try RedisConfiguration(url: redisURL, poolSize: 1))
        } catch {
            return .failure(error)
        }
        let result: Result<Int, RedisError>
        do throws(RedisError) {
            result = .success(try await client.publish(ClusterEvents.channel, ClusterEvent(kind: kind, from: from).json))
        } catch {
            result = .failure(error)
        }
        await client.shutdown()
        return result
    }
}
