import Foundation

/// CollectFields (spec 6.3.2) done once per (object type, merged selection sets) within one
/// execution: a list of 100 objects collects its subfields once, not 100 times. Arguments are
/// coerced here too (CoerceArgumentValues depends only on the field and the variables, which are
/// fixed for the whole execution); a coercion failure is kept and raised as a field error when
/// the field is executed.
final class SelectionPlan: @unchecked Sendable {
    let type: ObjectType
    let fields: [FieldPlan]
    /// `fields` without reference counting, for the hot loops (the plan keeps them alive).
    let unmanagedFields: ContiguousArray<Unmanaged<FieldPlan>>
    /// Response keys in order; shared by every result object built from this plan.
    let keys: [String]
    /// The keys as the JSON serializer writes them.
    let encodedKeys: EncodedResponseKeys
    /// Any field whose resolver or subtree may suspend (asynchronous execution only).
    let asyncFieldCount: Int

    init(type: ObjectType, fields: [FieldPlan]) {
        self.type = type
        self.fields = fields
        self.unmanagedFields = ContiguousArray(fields.map { Unmanaged.passUnretained($0) })
        self.keys = fields.map(\.responseKey)
        self.encodedKeys = EncodedResponseKeys(keys)
        self.asyncFieldCount = fields.reduce(0) { $0 + ($1.mayBeAsync ? 1 : 0) }
    }
}

/// How a field gets its value.
enum FieldKind {
    case typename
    /// `__schema` / `__type` on the query root.
    case schemaMeta, typeMeta
    /// A field of an introspection type, resolved from the schema itself.
    case introspection
    case resolver
    case defaultResolver
}

/// A built-in scalar return type, as a payload-free tag for the completion fast path.
enum BuiltInLeaf {
    case none, string, int, float, boolean, id
}

/// How a leaf result is serialised: the built-in scalars get an inline fast path.
enum LeafKind {
    case string, int, float, boolean, id
    case custom(ScalarType)
    case enumType(EnumType)
}

final class FieldPlan: @unchecked Sendable {
    let responseKey: String
    let fieldName: String
    let parentType: ObjectType
    let nodes: [Field]
    let definition: FieldDefinition
    let kind: FieldKind
    let resolver: ErasedResolver?
    let arguments: Result<ObjectValue, GraphQLError>
    let leaf: LeafKind?
    let builtInLeaf: BuiltInLeaf
    let isLeaf: Bool
    /// The field's named type is an introspection type (its host sources are `IntrospectionSource`s).
    let returnsIntrospectionType: Bool
    /// Whether resolving or completing this field may suspend (asynchronous execution only).
    let mayBeAsync: Bool
    /// The return type flattened into levels, outermost first: level `i` is non-null when bit `i`
    /// of `nonNullMask` is set and a list when bit `i` of `listMask` is set, else the named type.
    /// Completion walks levels by index instead of matching (and retaining) indirect enum boxes.
    let nonNullMask: UInt64
    let listMask: UInt64
    /// The named return type when it is an object type (no abstract type resolution needed).
    /// (Unretained on reads: the schema owns its types.)
    unowned(unsafe) let objectType: ObjectType?
    let namedType: NamedType
    /// The default resolver with valid arguments: the value is the parent's same-named member.
    let readsMember: Bool
    /// This field's index among the execution's field plans: where `ExecutionState.hints` keeps
    /// the position its member had in the last JSON object read.
    let slot: Int

    /// The collected subfields per runtime object type, built on first use. Guarded by the
    /// executor's lock when execution is asynchronous.
    private unowned(unsafe) var cachedType: ObjectType?
    private var cachedPlan: Unmanaged<SelectionPlan>?
    private var otherPlans: [ObjectIdentifier: Unmanaged<SelectionPlan>] = [:]
    /// Owns the plans handed out unretained above.
    private var allPlans: [SelectionPlan] = []

    init(responseKey: String, fieldName: String, parentType: ObjectType, nodes: [Field], definition: FieldDefinition, kind: FieldKind,
         resolver: ErasedResolver?, arguments: Result<ObjectValue, GraphQLError>, mayBeAsync: Bool, slot: Int) {
        self.slot = slot
        if case .defaultResolver = kind, case .success = arguments { readsMember = true } else { readsMember = false }
        self.responseKey = responseKey
        self.fieldName = fieldName
        self.parentType = parentType
        self.nodes = nodes
        self.returnsIntrospectionType = definition.type.namedType.name.hasPrefix("__")
        var nonNull: UInt64 = 0, list: UInt64 = 0, level: UInt64 = 0
        var t = definition.type
        while true {
            if case .nonNull(let inner) = t {
                nonNull |= 1 << level
                t = inner
            }
            guard case .list(let item) = t else { break }
            list |= 1 << level
            level += 1
            t = item
        }
        nonNullMask = nonNull
        listMask = list
        namedType = definition.type.namedType
        objectType = namedType.kind == .object ? unsafeDowncast(namedType, to: ObjectType.self) : nil
        self.definition = definition
        self.kind = kind
        self.resolver = resolver
        self.arguments = arguments
        self.mayBeAsync = mayBeAsync
        switch definition.type.namedType {
        case let s as ScalarType:
            switch s.name {
            case "String": leaf = .string
            case "Int": leaf = .int
            case "Float": leaf = .float
            case "Boolean": leaf = .boolean
            case "ID": leaf = .id
            default: leaf = .custom(s)
            }
        case let e as EnumType: leaf = .enumType(e)
        default: leaf = nil
        }
        isLeaf = leaf != nil
        switch leaf {
        case .string?: builtInLeaf = .string
        case .int?: builtInLeaf = .int
        case .float?: builtInLeaf = .float
        case .boolean?: builtInLeaf = .boolean
        case .id?: builtInLeaf = .id
        default: builtInLeaf = .none
        }
    }

    /// The subfields of this field for a value of runtime type `type` (spec CollectSubfields).
    /// Unretained: plans stay cached in this field plan for the whole execution.
    func subPlan(for type: ObjectType, executor: Executor) -> Unmanaged<SelectionPlan> {
        if let lock = executor.lock {
            lock.lock()
            defer { lock.unlock() }
            return lookupOrBuild(type, executor)
        }
        return lookupOrBuild(type, executor)
    }

    @inline(__always)
    private func lookupOrBuild(_ type: ObjectType, _ executor: Executor) -> Unmanaged<SelectionPlan> {
        if cachedType === type, let cachedPlan { return cachedPlan }
        if cachedType != nil, let p = otherPlans[ObjectIdentifier(type)] { return p }
        var sets: [SelectionSet] = []
        sets.reserveCapacity(nodes.count)
        for n in nodes { if let s = n.selectionSet { sets.append(s) } }
        let plan = executor.collectFields(type, sets)
        allPlans.append(plan)
        let unmanaged = Unmanaged.passUnretained(plan)
        if cachedType == nil {
            cachedType = type
            cachedPlan = unmanaged
        } else {
            otherPlans[ObjectIdentifier(type)] = unmanaged
        }
        return unmanaged
    }
}

extension Executor {
    /// CollectFields over several selection sets (the merged field nodes' sub-selections), then
    /// one `FieldPlan` per response key.
    func collectFields(_ type: ObjectType, _ selectionSets: [SelectionSet]) -> SelectionPlan {
        var order: [String] = []
        var grouped: [String: [Field]] = [:]
        var visited = Set<String>()
        for set in selectionSets {
            collect(type, set, &order, &grouped, &visited)
        }
        var plans: [FieldPlan] = []
        plans.reserveCapacity(order.count)
        for key in order {
            guard let nodes = grouped[key], let first = nodes.first else { continue }
            if let plan = makeFieldPlan(type, key, first.name.value, nodes) { plans.append(plan) }
        }
        return SelectionPlan(type: type, fields: plans)
    }

    private func collect(_ type: ObjectType, _ set: SelectionSet, _ order: inout [String],
                         _ grouped: inout [String: [Field]], _ visited: inout Set<String>) {
        for selection in set.selections {
            switch selection {
            case .field(let field):
                guard shouldInclude(field.directives) else { continue }
                let key = field.responseKey
                if grouped[key] == nil {
                    order.append(key)
                    grouped[key] = [field]
                } else {
                    grouped[key]!.append(field)
                }
            case .inlineFragment(let fragment):
                guard shouldInclude(fragment.directives) else { continue }
                if let condition = fragment.typeCondition, !doesFragmentTypeApply(type, condition) { continue }
                collect(type, fragment.selectionSet, &order, &grouped, &visited)
            case .fragmentSpread(let spread):
                let name = spread.name.value
                guard !visited.contains(name), shouldInclude(spread.directives) else { continue }
                visited.insert(name)
                guard let fragment = fragments[name], doesFragmentTypeApply(type, fragment.typeCondition) else { continue }
                collect(type, fragment.selectionSet, &order, &grouped, &visited)
            }
        }
    }

    /// Spec DoesFragmentTypeApply.
    func doesFragmentTypeApply(_ type: ObjectType, _ condition: NamedTypeNode) -> Bool {
        guard let conditionType = schema.type(named: condition.name.value) else { return false }
        if conditionType === type { return true }
        if conditionType.isAbstractType { return schema.isPossibleType(conditionType, type) }
        return false
    }

    /// `@skip(if:)` and `@include(if:)`.
    func shouldInclude(_ directives: [Directive]) -> Bool {
        if directives.isEmpty { return true }
        for d in directives {
            let name = d.name.value
            guard name == "skip" || name == "include" else { continue }
            var condition = false
            for arg in d.arguments where arg.name.value == "if" {
                switch arg.value {
                case .boolean(let b, _): condition = b
                case .variable(let v): if case .bool(let b)? = variableValues[v.name.value] { condition = b }
                default: break
                }
            }
            if name == "skip" && condition { return false }
            if name == "include" && !condition { return false }
        }
        return true
    }

    private func makeFieldPlan(_ type: ObjectType, _ key: String, _ name: String, _ nodes: [Field]) -> FieldPlan? {
        let kind: FieldKind
        let definition: FieldDefinition
        var resolver: ErasedResolver? = nil
        switch name {
        case "__typename":
            kind = .typename
            definition = Introspection.typenameField
        case "__schema" where type === schema.queryType:
            kind = .schemaMeta
            definition = Introspection.schemaField(schema)
        case "__type" where type === schema.queryType:
            kind = .typeMeta
            definition = Introspection.typeField(schema)
        default:
            guard let def = type.field(name) else { return nil }
            definition = def
            if type.name.hasPrefix("__") {
                kind = .introspection
            } else if let r = lookupResolver(type.name, name) {
                kind = .resolver
                resolver = r
            } else {
                kind = .defaultResolver
            }
        }
        let arguments = definition.arguments.isEmpty
            ? .success(ObjectValue())
            : coerceArgumentValues(definition.arguments, nodes[0].arguments, at: nodes[0].loc)
        var mayBeAsync = false
        if let asyncTypes {
            mayBeAsync = (resolver?.isAsync ?? false)
                || asyncTypes.contains(ObjectIdentifier(definition.type.namedType))
        }
        // Plans are made before execution starts or under the executor's lock.
        let slot = fieldPlanCount
        fieldPlanCount += 1
        return FieldPlan(responseKey: key, fieldName: name, parentType: type, nodes: nodes, definition: definition, kind: kind,
                         resolver: resolver, arguments: arguments, mayBeAsync: mayBeAsync, slot: slot)
    }
}

/// The output types from which an asynchronous resolver can be reached (through fields, and
/// from abstract types through their possible types). Fields returning other types complete
/// without ever suspending, so they run inline even in an asynchronous execution.
func typesReachingAsyncResolvers<Context>(_ schema: GraphQLSchema, _ resolvers: ResolverMap<Context>) -> Set<ObjectIdentifier> {
    var result = Set<ObjectIdentifier>()
    for (typeName, fields) in resolvers.fields where fields.values.contains(where: { $0.isAsync }) {
        if let t = schema.type(named: typeName) { result.insert(ObjectIdentifier(t)) }
    }
    var changed = !result.isEmpty
    while changed {
        changed = false
        for t in schema.types where !result.contains(ObjectIdentifier(t)) {
            var reaches = false
            if let c = t as? FieldsContainer, t is ObjectType {
                reaches = c.fields.contains { result.contains(ObjectIdentifier($0.type.namedType)) }
            } else if t.isAbstractType {
                reaches = schema.possibleTypes(of: t).contains { result.contains(ObjectIdentifier($0)) }
            }
            if reaches {
                result.insert(ObjectIdentifier(t))
                changed = true
            }
        }
    }
    return result
}
