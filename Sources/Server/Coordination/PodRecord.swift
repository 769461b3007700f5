import Foundation
import Schema

/// What a pod's heartbeat stores under `hp:pod:<id>`: `{"id","startedAt","lastSeen"}` (Unix seconds).
public struct PodRecord: Sendable, Equatable {
    public var id: String
    public var startedAt: Double
    public var lastSeen: Double

    public init(id: String, startedAt: Double, lastSeen: Double) {
        self.id = id
        self.startedAt = startedAt
        self.lastSeen = lastSeen
    }

    var json: [UInt8] {
        JSONSerializer.serialize(.object(ObjectValue([
            ("id", .string(id)), ("startedAt", .float(startedAt)), ("lastSeen", .float(lastSeen)),
        ])))
    }

    /// Nil for anything that is not a record (another writer's garbage is ignored, not fatal).
    init?(json bytes: [UInt8]) {
        guard let value = try? JSONParser.parse(bytes: bytes), case .string(let id)? = value["id"],
              let started = Self.number(value["startedAt"]), let seen = Self.number(value["lastSeen"]) else { return nil }
        self.init(id: id, startedAt: started, lastSeen: seen)
    }

    private static func number(_ value: Value?) -> Double? {
        switch value {
        case .float(let d)?: d
        case .int(let i)?: Double(i)
        default: nil
        }
    }
}
