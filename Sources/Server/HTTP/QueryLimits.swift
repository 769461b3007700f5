import Schema

/// The limits a GraphQL request is held to before it runs (`graphql.*` in the config).
public struct QueryLimits: Sendable, Equatable {
    /// Deepest allowed field nesting (`QueryDepth`); `graphql.max_depth`.
    public var maxDepth: Int
    /// Highest allowed complexity (`QueryComplexity`); `graphql.max_complexity`.
    public var maxComplexity: Int
    /// Most operations in one batched (JSON array) request; `graphql.max_batch`.
    public var maxBatch: Int
    /// Whether `__schema` / `__type` may be queried; `graphql.introspection`.
    public var introspection: Bool

    public init(maxDepth: Int = 15, maxComplexity: Int = 5000, maxBatch: Int = 10, introspection: Bool = true) {
        self.maxDepth = maxDepth
        self.maxComplexity = maxComplexity
        self.maxBatch = maxBatch
        self.introspection = introspection
    }

    public init(_ graphql: HyperpageConfig.GraphQLSection) {
        self.init(maxDepth: graphql.maxDepth, maxComplexity: graphql.maxComplexity, maxBatch: graphql.maxBatch,
                  introspection: graphql.introspection)
    }
}

/// Codes of the errors the HTTP layer adds to the engine's (in `errors[].extensions.code`).
public enum HTTPErrorCode {
    public static let queryTooDeep = ErrorCode(rawValue: "QUERY_TOO_DEEP")
    public static let queryTooComplex = ErrorCode(rawValue: "QUERY_TOO_COMPLEX")
    public static let introspectionDisabled = ErrorCode(rawValue: "INTROSPECTION_DISABLED")
    /// The HTTP request is not a well-formed GraphQL-over-HTTP request (bad JSON, wrong types).
    public static let badRequest = ErrorCode(rawValue: "BAD_REQUEST")
    public static let batchTooLarge = ErrorCode(rawValue: "BATCH_TOO_LARGE")
    public static let payloadTooLarge = ErrorCode(rawValue: "PAYLOAD_TOO_LARGE")
    public static let unsupportedMediaType = ErrorCode(rawValue: "UNSUPPORTED_MEDIA_TYPE")
    public static let notAcceptable = ErrorCode(rawValue: "NOT_ACCEPTABLE")
    public static let methodNotAllowed = ErrorCode(rawValue: "METHOD_NOT_ALLOWED")
}

extension QueryLimits {
    /// The errors of an operation that goes past the depth or complexity limit (depth first:
    /// a too-deep query is reported as such even when it is also too complex).
    func check(_ selected: SelectedOperation, schema: GraphQLSchema, variables: ObjectValue,
               source: Source?) -> [GraphQLError] {
        let depth = QueryDepth.measure(selected.operation, fragments: selected.fragments)
        if depth > maxDepth {
            let field = QueryDepth.firstField(of: selected.operation, fragments: selected.fragments, deeperThan: maxDepth)
            return [GraphQLError(
                message: "The query is \(depth) levels deep, more than the limit of \(maxDepth).",
                source: source, at: [field?.loc ?? selected.operation.loc], code: HTTPErrorCode.queryTooDeep,
                extensions: [("depth", .int(depth)), ("maxDepth", .int(maxDepth))])]
        }
        let complexity = QueryComplexity.measure(schema: schema, operation: selected.operation,
                                                 fragments: selected.fragments, variables: variables)
        if complexity > maxComplexity {
            return [GraphQLError(
                message: "The query has a complexity of \(complexity), more than the limit of \(maxComplexity).",
                source: source, at: [selected.operation.loc], code: HTTPErrorCode.queryTooComplex,
                extensions: [("complexity", .int(complexity)), ("maxComplexity", .int(maxComplexity))])]
        }
        return []
    }
}
