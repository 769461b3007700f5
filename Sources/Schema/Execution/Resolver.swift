/// The resolver API (spec 6.4.2 ResolveFieldValue, 6.4.3 ResolveAbstractType).
///
/// Resolvers are bound to a schema by type/field coordinates when a request is executed, not
/// stored in the schema: schemas come from SDL files and the same schema can be served with
/// different resolver sets (live connectors, a JSON file, test doubles).

/// What a resolver produced. The executor completes it against the field's type without dynamic
/// casts: leaf values and JSON-shaped data arrive as `Value`, host objects as `.object`.
public enum Resolved: Sendable {
    case null
    /// A leaf value, or JSON-shaped data: an object `Value` becomes the source of its subfields
    /// (read by the default resolver), a list `Value` completes as a list.
    case value(Value)
    case list([Resolved])
    /// A host object, the source of the subfields' resolvers.
    case object(any Sendable)
    /// A host object together with the name of its concrete object type (for abstract types).
    case typed(String, any Sendable)
    /// A value that is only part of the answer: each error is reported at this field (with its
    /// path and location, like a thrown error) and the value is completed as usual. For fields
    /// that merge several sources, where one failing source must not hide the others' data.
    indirect case partial(Resolved, errors: [any Error & Sendable])
}

extension Resolved: ExpressibleByNilLiteral, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByBooleanLiteral, ExpressibleByFloatLiteral {
    public init(nilLiteral: ()) { self = .null }
    public init(stringLiteral value: String) { self = .value(.string(value)) }
    public init(integerLiteral value: Int) { self = .value(.int(value)) }
    public init(booleanLiteral value: Bool) { self = .value(.bool(value)) }
    public init(floatLiteral value: Double) { self = .value(.float(value)) }
}

/// Everything a resolver may want to know about the field being resolved (graphql-js `info`).
public struct ResolveInfo: Sendable {
    public let fieldName: String
    public let fieldNodes: [Field]
    public let returnType: GraphQLType
    public let parentType: ObjectType
    /// The response path of this field: keys and list indices from the root.
    public let path: [PathComponent]
    public let schema: GraphQLSchema
    public let fragments: [String: FragmentDefinition]
    public let rootValue: (any Sendable)?
    public let operation: OperationDefinition
    public let variableValues: ObjectValue
}

/// The input of one resolver call.
public struct FieldContext<Context: Sendable>: Sendable {
    /// The parent object: a `Value` (JSON object) or a host object given as `Resolved.object`.
    public let source: any Sendable
    /// The field's arguments, coerced; arguments that were not given and have no default are absent.
    public let arguments: ObjectValue
    /// The per-request context given to `execute`.
    public let context: Context
    public let info: ResolveInfo

    public subscript(argument name: String) -> Value? { arguments[name] }
}

/// A field resolver. Synchronous resolvers run inline (no task is created for them); asynchronous
/// ones may suspend and sibling asynchronous fields of a query run concurrently.
public enum FieldResolver<Context: Sendable>: Sendable {
    case sync(@Sendable (FieldContext<Context>) throws -> Resolved)
    case async(@Sendable (FieldContext<Context>) async throws -> Resolved)

    var isAsync: Bool { if case .async = self { true } else { false } }

    /// The resolver with the request's context bound.
    func erased(_ context: Context) -> ErasedResolver {
        switch self {
        case .sync(let body):
            .sync { input in try body(FieldContext(source: input.source, arguments: input.arguments, context: context, info: input.info)) }
        case .async(let body):
            .async { input in try await body(FieldContext(source: input.source, arguments: input.arguments, context: context, info: input.info)) }
        }
    }
}

/// What the executor hands a resolver before the context is added back.
struct FieldInput: Sendable {
    let source: any Sendable
    let arguments: ObjectValue
    let info: ResolveInfo
}

/// A `FieldResolver` with its context bound.
enum ErasedResolver: Sendable {
    case sync(@Sendable (FieldInput) throws -> Resolved)
    case async(@Sendable (FieldInput) async throws -> Resolved)

    var isAsync: Bool { if case .async = self { true } else { false } }
}

/// Picks the concrete object type of a value of an abstract type: returns an object type name.
public typealias TypeResolver = @Sendable (_ source: any Sendable, _ abstractType: NamedType) -> String?

/// The resolvers of one schema, by type and field name. Fields without a resolver use the default
/// resolver: the same-named member of a `Value` object source, or `FieldValueProviding`.
public struct ResolverMap<Context: Sendable>: Sendable {
    public private(set) var fields: [String: [String: FieldResolver<Context>]] = [:]
    public private(set) var typeResolvers: [String: TypeResolver] = [:]
    /// Whether any field resolver is asynchronous; when none is, execution never suspends.
    public private(set) var hasAsyncResolvers = false

    public init() {}

    public subscript(type: String, field: String) -> FieldResolver<Context>? {
        get { fields[type]?[field] }
        set {
            fields[type, default: [:]][field] = newValue
            hasAsyncResolvers = fields.values.contains { $0.values.contains { $0.isAsync } }
        }
    }

    /// Registers a synchronous resolver for `type.field`.
    public mutating func resolve(_ type: String, _ field: String,
                                 _ body: @escaping @Sendable (FieldContext<Context>) throws -> Resolved) {
        self[type, field] = .sync(body)
    }

    /// Registers an asynchronous resolver for `type.field`.
    public mutating func resolveAsync(_ type: String, _ field: String,
                                      _ body: @escaping @Sendable (FieldContext<Context>) async throws -> Resolved) {
        self[type, field] = .async(body)
    }

    /// Registers the type resolver of an interface or union.
    public mutating func resolveType(_ abstractType: String, _ body: @escaping TypeResolver) {
        typeResolvers[abstractType] = body
    }
}

/// A host object that knows the name of its GraphQL object type (used for abstract types when
/// no type resolver is registered).
public protocol GraphQLTypeNameProviding: Sendable {
    var graphQLTypeName: String { get }
}

/// A host object the default resolver can read fields from.
public protocol FieldValueProviding: Sendable {
    func fieldValue(_ name: String) -> Resolved
}

/// An error a resolver throws to show the client a message (and optionally a `code` and more
/// extensions). Any other thrown error is reported as "Internal error" so that internal details
/// (hosts, tokens, SQL) never leak into responses.
public protocol GraphQLFieldErrorConvertible: Error {
    var clientMessage: String { get }
    var clientExtensions: [(String, Value)] { get }
}

/// The ready-made client-visible resolver error.
public struct GraphQLFieldError: GraphQLFieldErrorConvertible, Sendable {
    public var message: String
    public var code: String?
    public var extensions: [(String, Value)]

    public init(_ message: String, code: String? = nil, extensions: [(String, Value)] = []) {
        self.message = message
        self.code = code
        self.extensions = extensions
    }

    public var clientMessage: String { message }
    public var clientExtensions: [(String, Value)] {
        (code.map { [("code", Value.string($0))] } ?? []) + extensions.filter { $0.0 != "code" || code == nil }
    }
}
