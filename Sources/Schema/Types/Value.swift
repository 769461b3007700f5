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
/// objects, response objects).
///
/// Members are two parallel arrays. Small objects (the usual JSON record) are searched linearly,
/// which beats hashing the key; larger ones also keep a key → position index. The executor reads
/// records through `value(forKey:hint:)`, which first tries the position the same key had in the
/// previous record of the same shape, so a list of records costs one string comparison per field.
public struct ObjectValue: Sendable, Hashable, Sequence {
    public private(set) var keys: [String]
    /// The members' values, in the order of `keys`.
    public private(set) var values: [Value]
    /// Key → position; only for objects with more than `ObjectValue.indexThreshold` members.
    private var index: [String: Int]?

    /// Above this many members lookups go through a hash index.
    static let indexThreshold = 16

    public init() {
        keys = []
        values = []
    }

    public init(_ pairs: [(String, Value)]) {
        keys = []
        values = []
        keys.reserveCapacity(pairs.count)
        values.reserveCapacity(pairs.count)
        for (k, v) in pairs { self[k] = v }
    }

    public var count: Int { keys.count }
    public var isEmpty: Bool { keys.isEmpty }

    /// The members as a dictionary (unordered).
    public var storage: [String: Value] {
        var d = Dictionary<String, Value>(minimumCapacity: keys.count)
        for i in keys.indices { d[keys[i]] = values[i] }
        return d
    }

    /// The position of `key`, if present.
    @inline(__always)
    public func position(of key: String) -> Int? {
        if let index { return index[key] }
        return keys.withUnsafeBufferPointer { buf in
            for i in buf.indices where buf[i] == key { return i }
            return nil
        }
    }

    /// The member `key`; `hint` is the position to try first, and is updated to where the key was
    /// found.
    @inline(__always)
    public func value(forKey key: String, hint: inout Int) -> Value? {
        let h = hint
        if h < keys.count && keys[h] == key { return values[h] }
        guard let i = position(of: key) else { return nil }
        hint = i
        return values[i]
    }

    public subscript(key: String) -> Value? {
        get {
            guard let i = position(of: key) else { return nil }
            return values[i]
        }
        set {
            if let newValue {
                if let i = position(of: key) {
                    values[i] = newValue
                } else {
                    keys.append(key)
                    values.append(newValue)
                    if index != nil {
                        index![key] = keys.count - 1
                    } else if keys.count > ObjectValue.indexThreshold {
                        buildIndex()
                    }
                }
            } else if let i = position(of: key) {
                keys.remove(at: i)
                values.remove(at: i)
                if index != nil { buildIndex() }
            }
        }
    }

    private mutating func buildIndex() {
        var d = Dictionary<String, Int>(minimumCapacity: keys.count)
        for i in keys.indices { d[keys[i]] = i }
        index = d
    }

    public func makeIterator() -> some IteratorProtocol<(key: String, value: Value)> {
        var i = 0
        let keys = keys, values = values
        return AnyIterator {
            guard i < keys.count else { return nil }
            defer { i += 1 }
            return (keys[i], values[i])
        }
    }

    /// Equal when both hold the same members, whatever their order.
    public static func == (lhs: ObjectValue, rhs: ObjectValue) -> Bool {
        guard lhs.count == rhs.count else { return false }
        for i in lhs.keys.indices {
            guard let v = rhs[lhs.keys[i]], v == lhs.values[i] else { return false }
        }
        return true
    }

    /// Order-independent, consistent with `==`.
    public func hash(into hasher: inout Hasher) {
        var combined = 0
        for i in keys.indices {
            var h = Hasher()
            h.combine(keys[i])
            h.combine(values[i])
            combined ^= h.finalize()
        }
        hasher.combine(count)
        hasher.combine(combined)
    }
}
