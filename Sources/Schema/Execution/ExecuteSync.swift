/// ExecuteSelectionSet, ExecuteField and CompleteValue (spec 6.3, 6.4) for subtrees in which no
/// resolver can suspend: plain function calls, no tasks, no awaits.
///
/// Null propagation: completion functions return `nil` when a field error made this position
/// null and the null must propagate to the nearest nullable parent; `completeValueSync` is the
/// single place where a nullable position absorbs it.
extension Executor {
    func executeSelectionSetSync(_ plan: SelectionPlan<Context>, _ source: FieldSource,
                                 _ state: inout ExecutionState) -> ResultValue? {
        var values: [ResultValue] = []
        values.reserveCapacity(plan.fields.count)
        for f in plan.fields {
            state.path.append(.key(f.responseKey))
            let value = executeFieldSync(f, source, &state)
            state.path.removeLast()
            guard let value else { return nil }
            values.append(value)
        }
        return .object(ResultObject(keys: plan.keys, values: values))
    }

    func executeFieldSync(_ f: FieldPlan<Context>, _ source: FieldSource, _ state: inout ExecutionState) -> ResultValue? {
        let resolved: Resolved
        do {
            let args = try f.arguments.get()
            resolved = try resolveFieldValueSync(f, source, args, &state)
        } catch {
            state.errors.append(fieldError(error, f, state.path))
            return f.definition.type.isNonNull ? nil : .null
        }
        return completeValueSync(f, f.definition.type, resolved, &state)
    }

    /// CompleteValue. Returns `nil` when the null must propagate further up.
    func completeValueSync(_ f: FieldPlan<Context>, _ type: GraphQLType, _ value: Resolved,
                           _ state: inout ExecutionState) -> ResultValue? {
        if case .nonNull(let inner) = type {
            if value.isNullResult {
                state.errors.append(nonNullError(f, state.path))
                return nil
            }
            return completeNonNullSync(f, inner, value, &state)
        }
        if value.isNullResult { return .null }
        return completeNonNullSync(f, type, value, &state) ?? .null
    }

    /// Completes a non-null value of a nullable type; `nil` after recording an error.
    private func completeNonNullSync(_ f: FieldPlan<Context>, _ type: GraphQLType, _ value: Resolved,
                                     _ state: inout ExecutionState) -> ResultValue? {
        switch type {
        case .list(let itemType):
            switch value {
            case .value(.list(let items)):
                var out: [ResultValue] = []
                out.reserveCapacity(items.count)
                for i in items.indices {
                    state.path.append(.index(i))
                    let r = completeValueSync(f, itemType, .value(items[i]), &state)
                    state.path.removeLast()
                    guard let r else { return nil }
                    out.append(r)
                }
                return .list(out)
            case .list(let items):
                var out: [ResultValue] = []
                out.reserveCapacity(items.count)
                for i in items.indices {
                    state.path.append(.index(i))
                    let r = completeValueSync(f, itemType, items[i], &state)
                    state.path.removeLast()
                    guard let r else { return nil }
                    out.append(r)
                }
                return .list(out)
            default:
                state.errors.append(notAListError(f, state.path))
                return nil
            }
        case .nonNull(let inner):
            // A non-null list item: handled by completeValueSync; reached only for `[T!]` items.
            return completeValueSync(f, .nonNull(inner), value, &state)
        case .named(let named):
            if f.leaf != nil {
                guard case .value(let v) = value else {
                    state.errors.append(fieldError(message: "Expected a leaf value for field \"\(f.parentType.name).\(f.fieldName)\".", f, state.path))
                    return nil
                }
                switch serializeLeaf(f, v) {
                case .success(let s): return .leaf(s)
                case .failure(let e):
                    state.errors.append(fieldError(message: e.message, f, state.path))
                    return nil
                }
            }
            let objectType: ObjectType
            if named.kind == .object {
                objectType = unsafeDowncast(named, to: ObjectType.self)
            } else {
                switch resolveAbstractType(named, f, value) {
                case .success(let o): objectType = o
                case .failure(let e):
                    state.errors.append(fieldError(message: e.message, f, state.path))
                    return nil
                }
            }
            guard let source = objectSource(f, value) else {
                state.errors.append(notAnObjectError(f, named, value, state.path))
                return nil
            }
            return executeSelectionSetSync(f.subPlan(for: objectType, executor: self), source, &state)
        }
    }
}

extension Resolved {
    @inline(__always)
    var isNullResult: Bool {
        switch self {
        case .null, .value(.null): true
        default: false
        }
    }
}
