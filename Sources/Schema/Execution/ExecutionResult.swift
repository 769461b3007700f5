/// A completed response value (spec 6.4.3 CompleteValue output). Kept apart from `Value` so that
/// response objects are two parallel arrays (no hashing while building a response); convert with
/// `toValue()` when a `Value` is wanted.
public enum ResultValue: Sendable, Equatable {
    case null
    case leaf(Value)
    case list([ResultValue])
    case object(ResultObject)

    public func toValue() -> Value {
        switch self {
        case .null: .null
        case .leaf(let v): v
        case .list(let items): .list(items.map { $0.toValue() })
        case .object(let o): .object(ObjectValue(zip(o.keys, o.values.map { $0.toValue() }).map { ($0, $1) }))
        }
    }
}

/// An ordered response object. Keys are unique: fields are merged by response key when collected.
///
/// The keys live in a shared `EncodedResponseKeys` (one per selection during execution), so a
/// response object is one reference to its keys and one array of values.
public struct ResultObject: Sendable, Equatable {
    /// The keys, also pre-encoded for the JSON serializer.
    public private(set) var encodedKeys: EncodedResponseKeys
    public var values: [ResultValue]

    public var keys: [String] {
        get { encodedKeys.keys }
        set { encodedKeys = EncodedResponseKeys(newValue) }
    }

    public init(keys: [String] = [], values: [ResultValue] = []) {
        self.encodedKeys = EncodedResponseKeys(keys)
        self.values = values
    }

    init(keys: EncodedResponseKeys, values: [ResultValue]) {
        self.encodedKeys = keys
        self.values = values
    }

    public subscript(key: String) -> ResultValue? {
        guard let i = keys.firstIndex(of: key) else { return nil }
        return values[i]
    }

    public static func == (lhs: ResultObject, rhs: ResultObject) -> Bool {
        (lhs.encodedKeys === rhs.encodedKeys || lhs.keys == rhs.keys) && lhs.values == rhs.values
    }
}

/// The response of one request (spec 7.1): `data` is `nil` when the request failed before
/// execution started (it is then absent from the response), `.null` when a non-null error
/// propagated to the root.
public struct ExecutionResult: Sendable {
    public var data: ResultValue?
    public var errors: [GraphQLError]
    public var extensions: [(String, Value)]

    public init(data: ResultValue?, errors: [GraphQLError] = [], extensions: [(String, Value)] = []) {
        self.data = data
        self.errors = errors
        self.extensions = extensions
    }

    /// The response as a `Value` (`data` before `errors`, `errors` omitted when empty).
    public func toValue() -> Value {
        var o = ObjectValue()
        if let data { o["data"] = data.toValue() }
        if !errors.isEmpty { o["errors"] = .list(errors.map(\.responseValue)) }
        if !extensions.isEmpty { o["extensions"] = .object(ObjectValue(extensions)) }
        return .object(o)
    }
}

extension GraphQLError {
    /// The error in response shape (spec 7.1.2).
    public var responseValue: Value {
        var o = ObjectValue()
        o["message"] = .string(message)
        if !locations.isEmpty {
            o["locations"] = .list(locations.map {
                .object(ObjectValue([("line", .int($0.line)), ("column", .int($0.column))]))
            })
        }
        if let path {
            o["path"] = .list(path.map {
                switch $0 {
                case .key(let k): .string(k)
                case .index(let i): .int(i)
                }
            })
        }
        if !extensions.isEmpty { o["extensions"] = .object(ObjectValue(extensions)) }
        return .object(o)
    }
}
