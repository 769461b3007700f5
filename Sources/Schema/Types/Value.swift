/// A runtime GraphQL value: coerced variables and arguments, JSON data read by the default
/// resolver, and leaf results. Objects keep their key order (`ObjectValue`).
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case float(Double)
    case string(String)
    /// An enum value's name (serialises as a JSON string).
    case enumValue(String)
    case list([Value])
    case object(ObjectValue)

    public var isNull: Bool { if case .null = self { true } else { false } }

    /// The member `key` of an object value, or `nil`.
    public subscript(key: String) -> Value? {
        if case .object(let o) = self { return o[key] }
        return nil
    }
}

/// An ordered string-keyed map: insertion order is the iteration order (JSON objects, input
/// objects, response objects), lookups are hashed.
public struct ObjectValue: Sendable, Hashable, Sequence {
    public private(set) var keys: [String]
    public private(set) var storage: [String: Value]

    public init() {
        keys = []
        storage = [:]
    }

    public init(_ pairs: [(String, Value)]) {
        keys = []
        keys.reserveCapacity(pairs.count)
        storage = Dictionary(minimumCapacity: pairs.count)
        for (k, v) in pairs { self[k] = v }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    public subscript(key: String) -> Value? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    public func makeIterator() -> some IteratorProtocol<(key: String, value: Value)> {
        var i = 0
        let keys = keys, storage = storage
        return AnyIterator {
            guard i < keys.count else { return nil }
            defer { i += 1 }
            return (keys[i], storage[keys[i]]!)
        }
    }

    public static func == (lhs: ObjectValue, rhs: ObjectValue) -> Bool { lhs.storage == rhs.storage }
    public func hash(into hasher: inout Hasher) { hasher.combine(storage) }
}
