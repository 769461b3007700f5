import Foundation

/// Executes a validated document (spec 6.1 ExecuteRequest): selects the operation, coerces the
/// variables, then runs the query or mutation. Request errors (no such operation, bad variables,
/// subscriptions) give a result without `data`; field errors are reported next to the data.
///
/// - Parameters:
///   - rootValue: the source of the root fields; a `Value` object is read by the default resolver.
///   - context: the per-request context handed to every resolver.
///   - resolvers: resolvers by type and field name; unlisted fields use the default resolver.
public func execute<Context: Sendable>(
    schema: GraphQLSchema, document: Document, operationName: String? = nil,
    variableValues: ObjectValue = ObjectValue(), rootValue: (any Sendable)? = nil,
    context: Context, resolvers: ResolverMap<Context>
) async -> ExecutionResult {
    switch prepareExecution(schema: schema, document: document, operationName: operationName,
                            variableValues: variableValues, rootValue: rootValue, context: context,
                            resolvers: resolvers) {
    case .failure(let e):
        return ExecutionResult(data: nil, errors: e.errors)
    case .success(let executor):
        if executor.asyncTypes == nil { return executor.executeOperationSync() }
        return await executor.executeOperationAsync()
    }
}

/// `execute` without a context.
public func execute(
    schema: GraphQLSchema, document: Document, operationName: String? = nil,
    variableValues: ObjectValue = ObjectValue(), rootValue: (any Sendable)? = nil,
    resolvers: ResolverMap<Void> = ResolverMap()
) async -> ExecutionResult {
    await execute(schema: schema, document: document, operationName: operationName, variableValues: variableValues,
                  rootValue: rootValue, context: (), resolvers: resolvers)
}

/// Synchronous execution for resolver maps without asynchronous resolvers (the `--data` path and
/// benchmarks). Returns `nil` when the resolver map holds an asynchronous resolver.
public func executeSync<Context: Sendable>(
    schema: GraphQLSchema, document: Document, operationName: String? = nil,
    variableValues: ObjectValue = ObjectValue(), rootValue: (any Sendable)? = nil,
    context: Context, resolvers: ResolverMap<Context>
) -> ExecutionResult? {
    guard !resolvers.hasAsyncResolvers else { return nil }
    switch prepareExecution(schema: schema, document: document, operationName: operationName,
                            variableValues: variableValues, rootValue: rootValue, context: context,
                            resolvers: resolvers) {
    case .failure(let e): return ExecutionResult(data: nil, errors: e.errors)
    case .success(let executor): return executor.executeOperationSync()
    }
}

private func prepareExecution<Context: Sendable>(
    schema: GraphQLSchema, document: Document, operationName: String?, variableValues: ObjectValue,
    rootValue: (any Sendable)?, context: Context, resolvers: ResolverMap<Context>
) -> Result<Executor<Context>, RequestErrors> {
    let operation: OperationDefinition
    var fragments: [String: FragmentDefinition] = [:]
    switch getOperation(document, operationName) {
    case .failure(let e): return .failure(RequestErrors(errors: [e]))
    case .success(let op): operation = op
    }
    for case .fragment(let f) in document.definitions where fragments[f.name.value] == nil {
        fragments[f.name.value] = f
    }
    if operation.operation == .subscription {
        return .failure(RequestErrors(errors: [GraphQLError(
            message: "Subscription operations are not supported.", source: document.source, at: [operation.loc],
            code: .operationNotFound)]))
    }
    guard let rootType = schema.rootType(for: operation.operation) else {
        return .failure(RequestErrors(errors: [GraphQLError(
            message: "Schema is not configured to execute \(operation.operation.rawValue) operation.",
            source: document.source, at: [operation.loc], code: .operationNotFound)]))
    }
    let variables: ObjectValue
    switch coerceVariableValues(schema: schema, operation: operation, inputs: variableValues, source: document.source) {
    case .failure(let e): return .failure(e)
    case .success(let v): variables = v
    }
    return .success(Executor(schema: schema, documentSource: document.source, fragments: fragments,
                             operation: operation, rootType: rootType, variableValues: variables,
                             rootValue: rootValue, context: context, resolvers: resolvers))
}

/// Spec 6.1.1 GetOperation.
func getOperation(_ document: Document, _ name: String?) -> Result<OperationDefinition, GraphQLError> {
    var found: OperationDefinition?
    var count = 0
    for case .operation(let op) in document.definitions {
        count += 1
        if let name {
            if op.name?.value == name {
                found = op
                break
            }
        } else if found == nil {
            found = op
        }
    }
    if let found, name != nil || count == 1 { return .success(found) }
    let message: String
    if let name {
        message = "Unknown operation named \"\(name)\"."
    } else if count == 0 {
        message = "Must provide an operation."
    } else {
        message = "Must provide operation name if query contains multiple operations."
    }
    return .failure(GraphQLError(message: message, extensions: [("code", .string(ErrorCode.operationNotFound.rawValue))]))
}

/// The state of one execution: everything fixed for the request, plus the collected-fields cache.
final class Executor<Context: Sendable>: @unchecked Sendable {
    let schema: GraphQLSchema
    let documentSource: Source?
    let fragments: [String: FragmentDefinition]
    let operation: OperationDefinition
    let rootType: ObjectType
    let variableValues: ObjectValue
    let rootValue: (any Sendable)?
    let context: Context
    let resolvers: ResolverMap<Context>
    /// Types from which an asynchronous resolver is reachable; `nil` when there is none at all
    /// and the whole execution runs synchronously.
    let asyncTypes: Set<ObjectIdentifier>?
    /// Guards the plan caches when fields may run concurrently.
    let lock: NSLock?

    init(schema: GraphQLSchema, documentSource: Source?, fragments: [String: FragmentDefinition],
         operation: OperationDefinition, rootType: ObjectType, variableValues: ObjectValue,
         rootValue: (any Sendable)?, context: Context, resolvers: ResolverMap<Context>) {
        self.schema = schema
        self.documentSource = documentSource
        self.fragments = fragments
        self.operation = operation
        self.rootType = rootType
        self.variableValues = variableValues
        self.rootValue = rootValue
        self.context = context
        self.resolvers = resolvers
        if resolvers.hasAsyncResolvers {
            asyncTypes = typesReachingAsyncResolvers(schema, resolvers)
            lock = NSLock()
        } else {
            asyncTypes = nil
            lock = nil
        }
    }

    /// The root value as a field source.
    var rootSource: FieldSource {
        guard let rootValue else { return .none }
        if let v = rootValue as? Value {
            if case .object(let o) = v { return .json(o) }
            return .none
        }
        return .host(rootValue)
    }

    func executeOperationSync() -> ExecutionResult {
        let plan = collectFields(rootType, [operation.selectionSet])
        var state = ExecutionState()
        let data = executeSelectionSetSync(plan, rootSource, &state)
        return ExecutionResult(data: data ?? .null, errors: state.errors)
    }

    func executeOperationAsync() async -> ExecutionResult {
        let plan = collectFields(rootType, [operation.selectionSet])
        var state = ExecutionState()
        let data = await executeSelectionSetAsync(plan, rootSource, &state, serially: operation.operation == .mutation)
        return ExecutionResult(data: data ?? .null, errors: state.errors)
    }
}

/// The parent value of a field, as the executor sees it.
enum FieldSource: @unchecked Sendable {
    case none
    /// A JSON object: the default resolver reads its members.
    case json(ObjectValue)
    case host(any Sendable)
    case introspection(IntrospectionSource)

    /// The source as resolvers receive it.
    var asAny: any Sendable {
        switch self {
        case .none: Value.null
        case .json(let o): Value.object(o)
        case .host(let x): x
        case .introspection(let i): i
        }
    }
}

/// The response path of the field being executed (kept as a stack, copied only into errors and
/// resolver infos) and the field errors raised so far.
struct ExecutionState {
    var path: [PathComponent] = []
    var errors: [GraphQLError] = []

    init() { path.reserveCapacity(16) }
    init(path: [PathComponent]) { self.path = path }
}
