/// ExecuteSelectionSet, ExecuteField and CompleteValue (spec 6.3, 6.4) for subtrees that may
/// suspend. Fields and list items whose subtree cannot reach an asynchronous resolver run inline
/// through the synchronous executor. In a query, sibling fields that may suspend run
/// concurrently in a task group when there is more than one; in a mutation the root fields run
/// one after the other (spec 6.2.2 "normally" vs "serially").
extension Executor {
    func executeSelectionSetAsync(_ plan: SelectionPlan, _ source: FieldSource,
                                  _ state: inout ExecutionState, serially: Bool = false) async -> ResultValue? {
        if serially || plan.asyncFieldCount < 2 {
            var values: [ResultValue] = []
            values.reserveCapacity(plan.fields.count)
            for f in plan.fields {
                state.path.append(.key(f.responseKey))
                let value = f.mayBeAsync || serially
                    ? await executeFieldAsync(f, source, &state)
                    : executeFieldSync(f, source, &state)
                state.path.removeLast()
                guard let value else { return nil }
                values.append(value)
            }
            return .object(ResultObject(keys: plan.encodedKeys, values: values))
        }
        // Concurrent: each field that may suspend gets a child task with its own error list;
        // errors are merged in field order so responses are deterministic.
        let count = plan.fields.count
        var results = [ResultValue?](repeating: nil, count: count)
        var errorsByField = [[GraphQLError]](repeating: [], count: count)
        let basePath = state.path
        let fieldSource = source
        await withTaskGroup(of: (Int, ResultValue?, [GraphQLError]).self) { group in
            for (i, f) in plan.fields.enumerated() where f.mayBeAsync {
                group.addTask {
                    var child = ExecutionState(path: basePath)
                    child.path.append(.key(f.responseKey))
                    let r = await self.executeFieldAsync(f, fieldSource, &child)
                    return (i, r, child.errors)
                }
            }
            for (i, f) in plan.fields.enumerated() where !f.mayBeAsync {
                var child = ExecutionState(path: basePath)
                child.path.append(.key(f.responseKey))
                results[i] = executeFieldSync(f, fieldSource, &child)
                errorsByField[i] = child.errors
            }
            for await (i, r, errors) in group {
                results[i] = r
                errorsByField[i] = errors
            }
        }
        for errors in errorsByField { state.errors.append(contentsOf: errors) }
        var values: [ResultValue] = []
        values.reserveCapacity(count)
        for r in results {
            guard let r else { return nil }
            values.append(r)
        }
        return .object(ResultObject(keys: plan.encodedKeys, values: values))
    }

    func executeFieldAsync(_ f: FieldPlan, _ source: FieldSource, _ state: inout ExecutionState) async -> ResultValue? {
        let resolved: Resolved
        do {
            let args = try f.arguments.get()
            if case .async(let body)? = f.resolver {
                resolved = try await body(fieldInput(f, source, args, state.path))
            } else {
                resolved = try resolveFieldValueSync(f, source, args, &state)
            }
        } catch {
            state.errors.append(fieldError(error, f, state.path))
            return f.nonNullMask & 1 != 0 ? nil : .null
        }
        return await completeValueAsync(f, 0, resolved, &state)
    }

    /// CompleteValue at type level `level`; `nil` when the null must propagate further up (see
    /// `completeValueSync`). Only lists and objects whose subtree may suspend are completed here.
    func completeValueAsync(_ f: FieldPlan, _ level: UInt64, _ value: Resolved,
                            _ state: inout ExecutionState) async -> ResultValue? {
        if case .partial(let inner, let errors) = value {
            for e in errors { state.errors.append(fieldError(e, f, state.path)) }
            return await completeValueAsync(f, level, inner, &state)
        }
        if value.isNullResult || f.isLeaf { return completeValueSync(f, level, value, &state) }
        let r: ResultValue?
        if f.listMask & (1 << level) != 0 {
            switch value {
            case .value(.list(let values)): r = await completeListAsync(f, level + 1, values.map(Resolved.value), &state)
            case .list(let list): r = await completeListAsync(f, level + 1, list, &state)
            default:
                state.errors.append(notAListError(f, state.path))
                r = nil
            }
        } else {
            r = await completeObjectAsync(f, value, &state)
        }
        if r == nil && f.nonNullMask & (1 << level) == 0 { return .null }
        return r
    }

    private func completeObjectAsync(_ f: FieldPlan, _ value: Resolved, _ state: inout ExecutionState) async -> ResultValue? {
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
        if plan.asyncFieldCount == 0 { return executeSelectionSetSync(plan, source, &state) }
        return await executeSelectionSetAsync(plan, source, &state)
    }

    /// List items whose completion may suspend run concurrently.
    private func completeListAsync(_ f: FieldPlan, _ itemLevel: UInt64, _ items: [Resolved],
                                   _ state: inout ExecutionState) async -> ResultValue? {
        let itemsMaySuspend = asyncTypes?.contains(ObjectIdentifier(f.namedType)) ?? false
        guard items.count > 1, itemsMaySuspend else {
            var out: [ResultValue] = []
            out.reserveCapacity(items.count)
            for i in items.indices {
                state.path.append(.index(i))
                let r = itemsMaySuspend
                    ? await completeValueAsync(f, itemLevel, items[i], &state)
                    : completeValueSync(f, itemLevel, items[i], &state)
                state.path.removeLast()
                guard let r else { return nil }
                out.append(r)
            }
            return .list(out)
        }
        var results = [ResultValue?](repeating: nil, count: items.count)
        var errorsByItem = [[GraphQLError]](repeating: [], count: items.count)
        let basePath = state.path
        await withTaskGroup(of: (Int, ResultValue?, [GraphQLError]).self) { group in
            for i in items.indices {
                let item = items[i]
                group.addTask {
                    var child = ExecutionState(path: basePath)
                    child.path.append(.index(i))
                    let r = await self.completeValueAsync(f, itemLevel, item, &child)
                    return (i, r, child.errors)
                }
            }
            for await (i, r, errors) in group {
                results[i] = r
                errorsByItem[i] = errors
            }
        }
        for errors in errorsByItem { state.errors.append(contentsOf: errors) }
        var out: [ResultValue] = []
        out.reserveCapacity(items.count)
        for r in results {
            guard let r else { return nil }
            out.append(r)
        }
        return .list(out)
    }
}
