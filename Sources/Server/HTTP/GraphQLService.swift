import Resolvers
import Schema

/// What the HTTP layer serves: any schema, its resolvers, and how to make the per-request
/// context (given the request's deadline, `server.request_timeout` after it arrived, and the
/// signed-in caller, if any).
public struct GraphQLService<Context: Sendable>: Sendable {
    public let schema: GraphQLSchema
    public let resolvers: ResolverMap<Context>
    public let makeCallerContext: @Sendable (ContinuousClock.Instant, RequestCaller) -> Context
    /// Top-level `extensions` entries of an executed operation's response, from its context
    /// (the tool server adds `sources`: which tools were answered from stale cache entries).
    public let extensions: @Sendable (Context) -> [(String, Value)]
    /// Valid documents already seen, by text (parse and validation are skipped for them).
    let validDocuments = ValidatedDocumentCache()
    /// Which responses may be answered again without executing (nil: none).
    public let caching: ResponseCaching<Context>?
    /// The responses kept for reuse (when `caching` is set).
    let responses: ResponseCache?

    /// A service whose context ignores who is calling.
    public init(schema: GraphQLSchema, resolvers: ResolverMap<Context>,
                makeContext: @escaping @Sendable (ContinuousClock.Instant) -> Context,
                extensions: @escaping @Sendable (Context) -> [(String, Value)] = { _ in [] },
                caching: ResponseCaching<Context>? = nil) {
        self.init(schema: schema, resolvers: resolvers, makeCallerContext: { deadline, _ in makeContext(deadline) },
                  extensions: extensions, caching: caching)
    }

    public init(schema: GraphQLSchema, resolvers: ResolverMap<Context>,
                makeCallerContext: @escaping @Sendable (ContinuousClock.Instant, RequestCaller) -> Context,
                extensions: @escaping @Sendable (Context) -> [(String, Value)] = { _ in [] },
                caching: ResponseCaching<Context>? = nil) {
        self.schema = schema
        self.resolvers = resolvers
        self.makeCallerContext = makeCallerContext
        self.extensions = extensions
        self.caching = caching
        responses = caching.map { ResponseCache(capacity: $0.capacity) }
    }

    /// The context of an anonymous request.
    public func makeContext(_ deadline: ContinuousClock.Instant) -> Context {
        makeCallerContext(deadline, RequestCaller())
    }
}

/// Who sent a request: the signed-in user (from the session cookie), or nobody.
public struct RequestCaller: Sendable, Hashable {
    /// The signed-in user's id; nil for anonymous requests.
    public var userID: String?
    /// The signed-in user's own tokens for the tools they connected (`AuthService.toolCredentials`).
    public var toolCredentials: ToolCredentials
    /// Whether the request carried `Authorization: Bearer <server.admin_token>`, or comes from a
    /// signed-in user listed in `auth.admins`.
    public var isAdmin: Bool
    public init(userID: String? = nil, toolCredentials: ToolCredentials = .none, isAdmin: Bool = false) {
        self.userID = userID
        self.toolCredentials = toolCredentials
        self.isAdmin = isAdmin
    }
}

/// What became of one GraphQL request; the HTTP status follows from it and the media type.
enum GraphQLOutcome: Sendable {
    /// Execution started: the result has `data` (possibly null) and maybe field errors.
    case executed(ExecutionResult, OperationType)
    /// Refused before execution (parse, validation, introspection off, limits, operation
    /// selection, variable coercion): the result holds only errors.
    case rejected(ExecutionResult, OperationType?)
    /// A mutation asked for over GET (answered 405 with `Allow: POST`).
    case mutationOverGET
    /// Not a well-formed GraphQL-over-HTTP request (wrong parameter types, missing query).
    case malformed(MalformedRequest)

    var operationType: OperationType? {
        switch self {
        case .executed(_, let t): t
        case .rejected(_, let t): t
        case .mutationOverGET: .mutation
        case .malformed: nil
        }
    }
}

/// A request that passed every check and is ready to run.
struct PreparedOperation: Sendable {
    let document: Document
    /// `nil` when no operation could be selected (execution then reports why).
    let operationType: OperationType?
    let request: GraphQLRequest
}

extension GraphQLService {
    /// `request.query` must be set (`PersistedQueries.resolve` fills it in for a hash alone).
    /// Parse, the GET-only-queries rule, validation, the introspection switch and the depth and
    /// complexity limits: everything that happens before execution, in that order.
    func prepare(_ request: GraphQLRequest, limits: QueryLimits, allowsMutations: Bool) -> Preparation {
        guard let text = request.query else {
            return .done(.malformed(MalformedRequest(message: "The request has no \"query\": it must be a string holding a GraphQL document.")))
        }
        let document: Document
        let known = validDocuments.document(for: text)
        if let known {
            document = known
        } else {
            do {
                document = try parse(Source(text))
            } catch {
                return .done(.rejected(ExecutionResult(data: nil, errors: [error]), nil))
            }
        }
        let selected = SelectedOperation(document: document, operationName: request.operationName)
        let type = selected?.operation.operation
        if !allowsMutations, type == .mutation {
            return .done(.mutationOverGET)
        }
        if known == nil {
            let errors = validate(schema: schema, document: document)
            if !errors.isEmpty {
                return .done(.rejected(ExecutionResult(data: nil, errors: errors), type))
            }
            validDocuments.insert(document, for: text)
        }
        if !limits.introspection {
            let refused = validate(schema: schema, document: document, rules: [NoSchemaIntrospectionCustomRule.self])
            if !refused.isEmpty {
                let recoded = refused.map { e in
                    GraphQLError(message: e.message, locations: e.locations, path: e.path,
                                 extensions: [("code", .string(HTTPErrorCode.introspectionDisabled.rawValue))])
                }
                return .done(.rejected(ExecutionResult(data: nil, errors: recoded), type))
            }
        }
        // Without a selectable operation execution reports the request error itself.
        if let selected, let type {
            let limitErrors = limits.check(selected, schema: schema, variables: request.variables, source: document.source)
            if !limitErrors.isEmpty {
                return .done(.rejected(ExecutionResult(data: nil, errors: limitErrors), type))
            }
            return .ready(PreparedOperation(document: document, operationType: type, request: request))
        }
        return .ready(PreparedOperation(document: document, operationType: nil, request: request))
    }

    /// Runs a prepared operation. A result without `data` (no such operation, bad variables)
    /// means execution never started.
    func execute(_ prepared: PreparedOperation, context: Context) async -> GraphQLOutcome {
        var result = await Schema.execute(schema: schema, document: prepared.document,
                                          operationName: prepared.request.operationName,
                                          variableValues: prepared.request.variables, context: context,
                                          resolvers: resolvers)
        if result.data == nil { return .rejected(result, prepared.operationType) }
        result.extensions += extensions(context)
        return .executed(result, prepared.operationType ?? .query)
    }
}

/// The result of `prepare`: an operation to run, or the outcome that ended the request.
enum Preparation: Sendable {
    case ready(PreparedOperation)
    case done(GraphQLOutcome)
}

extension GraphQLService {
    /// Runs `prepared` like `execute`; when `caching` admits the operation and it ran without
    /// errors, also says whether and until when its response may be reused.
    func executeForReuse(_ prepared: PreparedOperation, context: Context) async -> (GraphQLOutcome, ResponseValidity?) {
        guard let caching, prepared.operationType == .query,
              let selected = SelectedOperation(document: prepared.document, operationName: prepared.request.operationName),
              caching.admits(selected) else {
            return (await execute(prepared, context: context), nil)
        }
        let generation = caching.generation()
        let outcome = await execute(prepared, context: context)
        guard case .executed(let result, _) = outcome, result.errors.isEmpty else { return (outcome, nil) }
        return (outcome, caching.validity(context, generation))
    }
}
