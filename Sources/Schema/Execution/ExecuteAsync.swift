/// ExecuteSelectionSet, ExecuteField and CompleteValue (spec 6.3, 6.4) for subtrees that may
/// suspend. Fields and list items whose subtree cannot reach an asynchronous resolver run inline
/// through the synchronous executor. In a query, sibling fields that may suspend run
/// concurrently in a task group when there is more than one; in a mutation the root fields run
/// one after the other (spec 6.2.2 "normally" vs "serially").
extension Executor {
    func executeSelectionSetAsync(_ plan: SelectionPlan<Context>, _ source: FieldSource,
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
            return .object(ResultObject(keys: plan.keys, values: values))
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
        return .object(ResultObject(keys: plan.keys, values: values))
    }

    func executeFieldAsync(_ f: FieldPlan<Context>, _ source: FieldSource, _ state: inout ExecutionState) async -> ResultValue? {
        let resolved: Resolved
        do {
            let args = try f.arguments.get()
            if case .async(let body)? = f.resolver {
                resolved = try await body(fieldContext(f, source, args, state.path))
            } else {
                resolved = try resolveFieldValueSync(f, source, args, &state)
            }
        } catch {
            state.errors.append(fieldError(error, f, state.path))
            return f.definition.type.isNonNull ? nil : .null
        }
        return await completeValueAsync(f, f.definition.type, resolved, &state)
    }

    /// CompleteValue; `nil` when the null must propagate further up (see `completeValueSync`).
    func completeValueAsync(_ f: FieldPlan<Context>, _ type: GraphQLType, _ value: Resolved,
                            _ state: inout ExecutionState) async -> ResultValue? {
        if case .nonNull(let inner) = type {
            if value.isNullResult {
                state.errors.append(nonNullError(f, state.path))
                return nil
            }
            return await completeNonNullAsync(f, inner, value, &state)
        }
        if value.isNullResult { return .null }
        return await completeNonNullAsync(f, type, value, &state) ?? .null
    }

    private func completeNonNullAsync(_ f: FieldPlan<Context>, _ type: GraphQLType, _ value: Resolved,
                                      _ state: inout ExecutionState) async -> ResultValue? {
        switch type {
        case .list(let itemType):
            let items: [Resolved]
            switch value {
            case .value(.list(let values)): items = values.map(Resolved.value)
            case .list(let list): items = list
            default:
                state.errors.append(notAListError(f, state.path))
                return nil
            }
            return await completeListAsync(f, itemType, items, &state)
        case .nonNull(let inner):
            return await completeValueAsync(f, .nonNull(inner), value, &state)
        case .named(let named):
            if f.leaf != nil {
                return completeValueSync(f, .nonNull(type), value, &state)
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
            let plan = f.subPlan(for: objectType, executor: self)
            if plan.asyncFieldCount == 0 { return executeSelectionSetSync(plan, source, &state) }
            return await executeSelectionSetAsync(plan, source, &state)
        }
    }

    /// List items whose completion may suspend run concurrently.
    private func completeListAsync(_ f: FieldPlan<Context>, _ itemType: GraphQLType, _ items: [Resolved],
                                   _ state: inout ExecutionState) async -> ResultValue? {
        let itemsMaySuspend = asyncTypes?.contains(ObjectIdentifier(itemType.namedType)) ?? false
        guard items.count > 1, itemsMaySuspend else {
            if !itemsMaySuspend {
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
            }
            var out: [ResultValue] = []
            for i in items.indices {
                state.path.append(.index(i))
                let r = await completeValueAsync(f, itemType, items[i], &state)
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
                    let r = await self.completeValueAsync(f, itemType, item, &child)
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
