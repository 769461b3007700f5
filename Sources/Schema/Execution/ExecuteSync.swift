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
        return .object(ResultObject(keys: plan.encodedKeys, values: values))
    }

    /// ExecuteSelectionSet over a JSON object source: default-resolved fields read the member
    /// directly, without building a `FieldSource` per field. Field plans are used unretained
    /// (the selection plan owns them) and member values move into their completion.
    func executeSelectionSetJSON(_ plan: SelectionPlan, _ object: ObjectValue,
                                 _ state: inout ExecutionState) -> ResultValue? {
        var values: [ResultValue] = []
        values.reserveCapacity(plan.fields.count)
        var failed = false
        plan.unmanagedFields.withUnsafeBufferPointer { fields in
            for field in fields {
                let value: ResultValue? = field._withUnsafeGuaranteedRef { f in
                    state.path.append(.key(f.responseKey))
                    defer { state.path.removeLast() }
                    if f.readsMember {
                        return completeJSONSync(f, 0, state.member(f, of: object), &state)
                    }
                    return executeFieldSync(f, .json(object), &state)
                }
                guard let value = consume value else {
                    failed = true
                    return
                }
                values.append(consume value)
            }
        }
        if failed { return nil }
        return .object(ResultObject(keys: plan.encodedKeys, values: values))
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
        case .partial(let inner, let errors):
            for e in errors { state.errors.append(fieldError(e, f, state.path)) }
            return completeValueSync(f, level, inner, &state)
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
        } else if f.isLeaf {
            state.errors.append(fieldError(message: "Expected a leaf value for field \"\(f.parentType.name).\(f.fieldName)\".", f, state.path))
            r = nil
        } else {
            r = completeObjectSync(f, value, &state)
        }
        if r == nil && f.nonNullMask & (1 << level) == 0 { return .null }
        return r
    }

    /// CompleteValue of JSON data at type level `level`.
    func completeJSONSync(_ f: FieldPlan, _ level: UInt64, _ value: consuming Value, _ state: inout ExecutionState) -> ResultValue? {
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
        } else if f.isLeaf {
            switch serializeLeaf(f, value) {
            case .success(let s): r = .leaf(consume s)
            case .failure(let e):
                state.errors.append(fieldError(message: e.message, f, state.path))
                r = nil
            }
        } else if let objectType = f.objectType {
            switch consume value {
            case .object(let o):
                r = f.subPlan(for: objectType, executor: self)._withUnsafeGuaranteedRef {
                    executeSelectionSetJSON($0, o, &state)
                }
            case let other:
                r = completeObjectSync(f, .value(other), &state)
            }
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
        let plan = f.subPlan(for: objectType, executor: self).takeUnretainedValue()
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
