/// The pieces of ExecuteField and CompleteValue (spec 6.4) shared by the synchronous and the
/// asynchronous executor: resolving with the default or introspection resolvers, leaf
/// serialisation, abstract type resolution, and field errors.
extension Executor {
    /// ResolveFieldValue for every field kind but asynchronous resolvers.
    @inline(__always)
    func resolveFieldValueSync(_ f: FieldPlan, _ source: FieldSource, _ args: ObjectValue,
                               _ state: inout ExecutionState) throws -> Resolved {
        switch f.kind {
        case .defaultResolver:
            switch source {
            case .json(let o): return .value(o[f.fieldName] ?? .null)
            case .host(let x):
                if let p = x as? any FieldValueProviding { return p.fieldValue(f.fieldName) }
                return .null
            case .none, .introspection: return .null
            }
        case .typename:
            return .value(.string(f.parentType.name))
        case .introspection:
            guard case .introspection(let i) = source else { return .null }
            return resolveIntrospectionField(f.fieldName, of: i, arguments: args, schema: schema)
        case .schemaMeta:
            return .object(IntrospectionSource.schema(schema))
        case .typeMeta:
            guard case .string(let name)? = args["name"], let t = schema.type(named: name) else { return .null }
            return .object(IntrospectionSource.type(.named(t)))
        case .resolver:
            switch f.resolver {
            case .sync(let body)?: return try body(fieldInput(f, source, args, state.path))
            case .async(let body)?:
                // Only reached when asynchronous fields were planned as synchronous, which the
                // planner rules out; report rather than block.
                _ = body
                throw ExecutionInvariantError()
            case nil: return .null
            }
        }
    }

    func fieldInput(_ f: FieldPlan, _ source: FieldSource, _ args: ObjectValue,
                    _ path: [PathComponent]) -> FieldInput {
        let info = ResolveInfo(fieldName: f.fieldName, fieldNodes: f.nodes, returnType: f.definition.type,
                               parentType: f.parentType, path: path, schema: schema, fragments: fragments,
                               rootValue: rootValue, operation: operation, variableValues: variableValues)
        return FieldInput(source: source.asAny, arguments: args, info: info)
    }

    /// A field error at the current path with the field's locations. Errors thrown by resolvers
    /// show their message only when they are meant for clients.
    func fieldError(_ error: any Error, _ f: FieldPlan, _ path: [PathComponent]) -> GraphQLError {
        var e: GraphQLError
        if let visible = error as? any GraphQLFieldErrorConvertible {
            e = GraphQLError(message: visible.clientMessage, extensions: visible.clientExtensions)
        } else if let g = error as? GraphQLError {
            e = g
        } else {
            e = GraphQLError(message: "Internal error",
                             extensions: [("code", .string(ErrorCode.internalError.rawValue))])
        }
        if e.locations.isEmpty { e.locations = locations(f) }
        e.path = path
        return e
    }

    func fieldError(message: String, _ f: FieldPlan, _ path: [PathComponent]) -> GraphQLError {
        GraphQLError(message: message, locations: locations(f), path: path)
    }

    private func locations(_ f: FieldPlan) -> [SourceLocation] {
        guard let documentSource else { return [] }
        return f.nodes.map { documentSource.location(of: $0.loc.start) }
    }

    func nonNullError(_ f: FieldPlan, _ path: [PathComponent]) -> GraphQLError {
        fieldError(message: "Cannot return null for non-nullable field \(f.parentType.name).\(f.fieldName).", f, path)
    }

    /// CompleteValue for leaf types: built-in scalars are checked inline, the rest go through the
    /// scalar's `serialize` or the enum's values.
    @inline(__always)
    func serializeLeaf(_ f: FieldPlan, _ value: consuming Value) -> Result<Value, CoercionError> {
        // Built-in scalars first, on a payload-free tag (no copy of `f.leaf`).
        switch f.builtInLeaf {
        case .string: if case .string = value { return .success(value) }
        case .int: if case .int(let i) = value, i >= Int(Int32.min), i <= Int(Int32.max) { return .success(value) }
        case .float: if case .float = value { return .success(value) }
        case .boolean: if case .bool = value { return .success(value) }
        case .id: if case .string = value { return .success(value) }
        case .none: break
        }
        switch f.leaf {
        case .string?: if case .string = value { return .success(value) }
        case .int?: if case .int(let i) = value, i >= Int(Int32.min), i <= Int(Int32.max) { return .success(value) }
        case .float?: if case .float = value { return .success(value) }
        case .boolean?: if case .bool = value { return .success(value) }
        case .id?:
            if case .string = value { return .success(value) }
            if case .int(let i) = value { return .success(.string(String(i))) }
        case .enumType(let e)?:
            switch value {
            case .enumValue(let name), .string(let name):
                if e.value(name) != nil { return .success(.enumValue(name)) }
            default: break
            }
            return .failure(CoercionError("Enum \"\(e.name)\" cannot represent value: \(inspect(value))"))
        case .custom?, nil: break
        }
        guard let scalar = f.definition.type.namedType as? ScalarType else {
            return .failure(CoercionError("Expected a leaf type for field \"\(f.parentType.name).\(f.fieldName)\"."))
        }
        do {
            return .success(try scalar.coercion.serialize(value))
        } catch {
            return .failure(CoercionError(coercionMessage(error, typeName: scalar.name)))
        }
    }

    /// ResolveAbstractType: a registered type resolver, else the concrete type name carried by the
    /// value (`Resolved.typed`, a JSON object's `__typename`, `GraphQLTypeNameProviding`).
    func resolveAbstractType(_ abstract: NamedType, _ f: FieldPlan, _ value: Resolved) -> Result<ObjectType, CoercionError> {
        var name: String?
        if let typeResolver = typeResolvers[abstract.name] {
            let source: any Sendable
            switch value {
            case .typed(_, let x), .object(let x): source = x
            case .value(let v): source = v
            case .list, .null, .partial: source = Value.null
            }
            name = typeResolver(source, abstract)
        }
        if name == nil {
            switch value {
            case .typed(let n, _): name = n
            case .value(.object(let o)): if case .string(let n)? = o["__typename"] { name = n }
            case .object(let x): name = (x as? any GraphQLTypeNameProviding)?.graphQLTypeName
            default: break
            }
        }
        guard let name else {
            return .failure(CoercionError("Abstract type \"\(abstract.name)\" must resolve to an Object type at runtime for field \"\(f.parentType.name).\(f.fieldName)\". Either the \"\(abstract.name)\" type should have a type resolver or the value should carry a \"__typename\"."))
        }
        guard let runtime = schema.type(named: name) else {
            return .failure(CoercionError("Abstract type \"\(abstract.name)\" was resolved to a type \"\(name)\" that does not exist inside the schema."))
        }
        guard let object = runtime as? ObjectType else {
            return .failure(CoercionError("Abstract type \"\(abstract.name)\" was resolved to a non-object type \"\(name)\"."))
        }
        guard schema.isPossibleType(abstract, object) else {
            return .failure(CoercionError("Runtime Object type \"\(name)\" is not a possible type for \"\(abstract.name)\"."))
        }
        return .success(object)
    }

    /// The source of an object value's subfields.
    @inline(__always)
    func objectSource(_ f: FieldPlan, _ value: Resolved) -> FieldSource? {
        switch value {
        case .value(.object(let o)): return .json(o)
        case .object(let x), .typed(_, let x):
            if f.returnsIntrospectionType, let i = x as? IntrospectionSource { return .introspection(i) }
            return .host(x)
        default: return nil
        }
    }

    func notAnObjectError(_ f: FieldPlan, _ type: NamedType, _ value: Resolved, _ path: [PathComponent]) -> GraphQLError {
        let shown: String
        switch value {
        case .value(let v): shown = inspect(v)
        case .list: shown = "a list"
        default: shown = "a non-object value"
        }
        return fieldError(message: "Expected value of type \"\(type.name)\" for field \"\(f.parentType.name).\(f.fieldName)\", but got: \(shown).", f, path)
    }

    func notAListError(_ f: FieldPlan, _ path: [PathComponent]) -> GraphQLError {
        fieldError(message: "Expected Iterable, but did not find one for field \"\(f.parentType.name).\(f.fieldName)\".", f, path)
    }
}

/// An asynchronous resolver reached the synchronous executor (a bug, reported as an internal error).
struct ExecutionInvariantError: Error {}
