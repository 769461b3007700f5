/// ExecuteSelectionSet, ExecuteField and CompleteValue (spec 6.3, 6.4) for subtrees in which no
/// resolver can suspend: plain function calls, no tasks, no awaits.
///
/// Types are walked by level (see `FieldPlan.nonNullMask`). Null propagation: completion
/// functions return `nil` when a field error made this position null and the null must
/// propagate to the nearest nullable parent; `completeValueSync`/`completeJSONSync` are where a
/// nullable position absorbs it. JSON data (`Value`) has its own completion path so the hot
/// `--data` case never wraps values in `Resolved`.
extension Executor {
    func executeSelectionSetSync(_ plan: SelectionPlan, _ source: FieldSource,
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

    /// ExecuteSelectionSet over a JSON object source: default-resolved fields read the member
    /// directly, without building a `FieldSource` per field.
    func executeSelectionSetJSON(_ plan: SelectionPlan, _ object: ObjectValue,
                                 _ state: inout ExecutionState) -> ResultValue? {
        var values: [ResultValue] = []
        values.reserveCapacity(plan.fields.count)
        for f in plan.fields {
            state.path.append(.key(f.responseKey))
            let value: ResultValue?
            if case .defaultResolver = f.kind, case .success = f.arguments {
                value = completeJSONSync(f, 0, object.storage[f.fieldName] ?? .null, &state)
            } else {
                value = executeFieldSync(f, .json(object), &state)
            }
            state.path.removeLast()
            guard let value else { return nil }
            values.append(value)
        }
        return .object(ResultObject(keys: plan.keys, values: values))
    }

    func executeFieldSync(_ f: FieldPlan, _ source: FieldSource, _ state: inout ExecutionState) -> ResultValue? {
        let resolved: Resolved
        do {
            let args = try f.arguments.get()
            resolved = try resolveFieldValueSync(f, source, args, &state)
        } catch {
            state.errors.append(fieldError(error, f, state.path))
            return f.nonNullMask & 1 != 0 ? nil : .null
        }
        return completeValueSync(f, 0, resolved, &state)
    }

    /// CompleteValue of a resolver's result at type level `level`; `nil` when the null must
    /// propagate further up.
    func completeValueSync(_ f: FieldPlan, _ level: UInt64, _ value: Resolved, _ state: inout ExecutionState) -> ResultValue? {
        switch value {
        case .value(let v): return completeJSONSync(f, level, v, &state)
        case .null: return completeJSONSync(f, level, .null, &state)
        default: break
        }
        let r: ResultValue?
        if f.listMask & (1 << level) != 0 {
            if case .list(let items) = value {
                var out: [ResultValue] = []
                out.reserveCapacity(items.count)
                var failed = false
                for i in items.indices {
                    state.path.append(.index(i))
                    let item = completeValueSync(f, level + 1, items[i], &state)
                    state.path.removeLast()
                    guard let item else { failed = true; break }
                    out.append(item)
                }
                r = failed ? nil : .list(out)
            } else {
                state.errors.append(notAListError(f, state.path))
                r = nil
            }
        } else if f.leaf != nil {
            state.errors.append(fieldError(message: "Expected a leaf value for field \"\(f.parentType.name).\(f.fieldName)\".", f, state.path))
            r = nil
        } else {
            r = completeObjectSync(f, value, &state)
        }
        if r == nil && f.nonNullMask & (1 << level) == 0 { return .null }
        return r
    }

    /// CompleteValue of JSON data at type level `level`.
    func completeJSONSync(_ f: FieldPlan, _ level: UInt64, _ value: Value, _ state: inout ExecutionState) -> ResultValue? {
        let nonNull = f.nonNullMask & (1 << level) != 0
        if case .null = value {
            if nonNull {
                state.errors.append(nonNullError(f, state.path))
                return nil
            }
            return .null
        }
        let r: ResultValue?
        if f.listMask & (1 << level) != 0 {
            if case .list(let items) = value {
                var out: [ResultValue] = []
                out.reserveCapacity(items.count)
                var failed = false
                for i in items.indices {
                    state.path.append(.index(i))
                    let item = completeJSONSync(f, level + 1, items[i], &state)
                    state.path.removeLast()
                    guard let item else { failed = true; break }
                    out.append(item)
                }
                r = failed ? nil : .list(out)
            } else {
                state.errors.append(notAListError(f, state.path))
                r = nil
            }
        } else if f.leaf != nil {
            switch serializeLeaf(f, value) {
            case .success(let s): r = .leaf(s)
            case .failure(let e):
                state.errors.append(fieldError(message: e.message, f, state.path))
                r = nil
            }
        } else if case .object(let o) = value, let objectType = f.objectType {
            r = executeSelectionSetJSON(f.subPlan(for: objectType, executor: self), o, &state)
        } else {
            r = completeObjectSync(f, .value(value), &state)
        }
        if r == nil && !nonNull { return .null }
        return r
    }

    /// CompleteValue for object and abstract types; `nil` after recording an error.
    private func completeObjectSync(_ f: FieldPlan, _ value: Resolved, _ state: inout ExecutionState) -> ResultValue? {
        let objectType: ObjectType
        if let o = f.objectType {
            objectType = o
        } else {
            switch resolveAbstractType(f.namedType, f, value) {
            case .success(let o): objectType = o
            case .failure(let e):
                state.errors.append(fieldError(message: e.message, f, state.path))
                return nil
            }
        }
        guard let source = objectSource(f, value) else {
            state.errors.append(notAnObjectError(f, f.namedType, value, state.path))
            return nil
        }
        let plan = f.subPlan(for: objectType, executor: self)
        if case .json(let o) = source { return executeSelectionSetJSON(plan, o, &state) }
        return executeSelectionSetSync(plan, source, &state)
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
