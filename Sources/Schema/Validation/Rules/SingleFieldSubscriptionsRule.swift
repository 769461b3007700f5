/// Single root field (spec 5.2.3.1): a subscription selects exactly one root field, which is not
/// an introspection field, and its root selections may not use `@skip` or `@include` (whether
/// the field is selected must not depend on variables). Fragments are followed.
public final class SingleFieldSubscriptionsRule: ValidationRule {
    public static let name = "SingleFieldSubscriptionsRule"
    public let context: ValidationContext

    public init(context: ValidationContext) { self.context = context }

    public func enter(operation: OperationDefinition) {
        guard operation.operation == .subscription, let schema = context.schema,
              let subscriptionType = schema.subscriptionType else { return }
        let subject = operation.name.map { "Subscription \"\($0.value)\"" } ?? "Anonymous Subscription"
        let collected = collectRootFields(operation.selectionSet, schema: schema, rootType: subscriptionType)

        if !collected.forbiddenDirectives.isEmpty {
            report("\(subject) must not use `@skip` or `@include` directives in the top level selection.",
                   at: collected.forbiddenDirectives.map(\.loc))
            return
        }
        if collected.responseNames.count > 1 {
            var extra: [Location] = []
            for name in collected.responseNames.dropFirst() {
                extra += collected.fieldsByResponseName[name, default: []].map(\.loc)
            }
            report("\(subject) must select only one top level field.", at: extra)
        }
        for name in collected.responseNames {
            let fields = collected.fieldsByResponseName[name, default: []]
            guard let first = fields.first, first.name.value.hasPrefix("__") else { continue }
            report("\(subject) must not select an introspection top level field.", at: fields.map(\.loc))
        }
    }

    private struct RootFields {
        var responseNames: [String] = []
        var fieldsByResponseName: [String: [Field]] = [:]
        var forbiddenDirectives: [Directive] = []
    }

    /// The root fields grouped by response name in execution order (CollectSubscriptionFields),
    /// each fragment followed once, and every `@skip` / `@include` met on the way.
    private func collectRootFields(_ selectionSet: SelectionSet, schema: GraphQLSchema,
                                   rootType: ObjectType) -> RootFields {
        var result = RootFields()
        var visitedFragments: Set<String> = []
        // Explicit stack of selection lists (depth-first, in document order).
        var stack: [(selections: [Selection], next: Int)] = [(selectionSet.selections, 0)]
        while !stack.isEmpty {
            let top = stack.count - 1
            if stack[top].next == stack[top].selections.count {
                stack.removeLast()
                continue
            }
            let selection = stack[top].selections[stack[top].next]
            stack[top].next += 1
            for directive in selection.directives where directive.name.value == "skip" || directive.name.value == "include" {
                result.forbiddenDirectives.append(directive)
            }
            switch selection {
            case .field(let field):
                let key = field.responseKey
                if result.fieldsByResponseName[key]?.append(field) == nil {
                    result.fieldsByResponseName[key] = [field]
                    result.responseNames.append(key)
                }
            case .inlineFragment(let inline):
                if let condition = inline.typeCondition,
                   !Self.fragmentTypeApplies(schema, rootType, condition.name.value) { continue }
                stack.append((inline.selectionSet.selections, 0))
            case .fragmentSpread(let spread):
                let name = spread.name.value
                guard visitedFragments.insert(name).inserted, let fragment = context.fragment(named: name),
                      Self.fragmentTypeApplies(schema, rootType, fragment.typeCondition.name.value) else { continue }
                stack.append((fragment.selectionSet.selections, 0))
            }
        }
        return result
    }

    /// DoesFragmentTypeApply: the condition names the root type or an abstract type containing it.
    private static func fragmentTypeApplies(_ schema: GraphQLSchema, _ object: ObjectType, _ condition: String) -> Bool {
        guard let type = schema.type(named: condition) else { return false }
        if type === object { return true }
        return type.isAbstractType && schema.isSubType(type, object)
    }
}
