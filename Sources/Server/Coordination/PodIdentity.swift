import Foundation

/// This process as one pod of a cluster: an id no other process shares (host name, process id
/// and random bits, so a restarted pod is a new pod) and when it started.
public struct PodIdentity: Sendable, Equatable {
    public let id: String
    /// Unix seconds.
    public let startedAt: Double

    public init(id: String, startedAt: Double) {
        self.id = id
        self.startedAt = startedAt
    }

    /// A fresh identity for this process.
    public static func current() -> PodIdentity {
        let host = ProcessInfo.processInfo.hostName.split(separator: ".").first.map(String.init) ?? "pod"
        let random = (0..<4).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        return PodIdentity(id: "\(host)-\(getpid())-\(random)", startedAt: Date().timeIntervalSince1970)
    }
}
