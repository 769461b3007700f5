/// Limits how deeply an introspection query may nest the list fields of `__Type` (graphql-js
/// `MaxIntrospectionDepthRule`, not part of the spec): below a `__schema` or `__type` field,
/// reaching `fields`, `interfaces`, `possibleTypes` or `inputFields` three levels deep is an
/// error, reported at the `__schema` / `__type` field. Fragments are followed (each one once per
/// path, so cycles end) and their results are memoised per depth, keeping the check linear.
public final class MaxIntrospectionDepthRule: ValidationRule {
    public static let name = "MaxIntrospectionDepthRule"
    public let context: ValidationContext
    private static let maxListDepth = 3
    private static let listFieldNames: Set<String> = ["fields", "interfaces", "possibleTypes", "inputFields"]

    /// Whether the fragment, entered at the given list depth, reaches the limit.
    private var memo: [FragmentAtDepth: Bool] = [:]
    /// After an error, the fields below the reported one are not checked again: the number of
    /// fields entered since (nil when not skipping).
    private var skippedFieldDepth: Int?

    public init(context: ValidationContext) { self.context = context }

    public func enter(field: Field) {
        if let depth = skippedFieldDepth {
            skippedFieldDepth = depth + 1
            return
        }
        let name = field.name.value
        guard name == "__schema" || name == "__type", exceedsDepth(field) else { return }
        report("Maximum introspection depth exceeded", at: [field.loc])
        skippedFieldDepth = 0
    }

    public func leave(field: Field) {
        guard let depth = skippedFieldDepth else { return }
        skippedFieldDepth = depth == 0 ? nil : depth - 1
    }

    private struct FragmentAtDepth: Hashable {
        let name: String
        let depth: Int
    }

    private struct Frame {
        let selections: [Selection]
        var next = 0
        let depth: Int
        /// Set when the frame is a fragment's selection set.
        let fragment: FragmentAtDepth?
    }

    private func exceedsDepth(_ field: Field) -> Bool {
        guard let selectionSet = field.selectionSet else { return false }
        var stack = [Frame(selections: selectionSet.selections, depth: 0, fragment: nil)]
        var fragmentsOnPath: Set<String> = []
        while !stack.isEmpty {
            let top = stack.count - 1
            if stack[top].next == stack[top].selections.count {
                let done = stack.removeLast()
                if let fragment = done.fragment {
                    memo[fragment] = false
                    fragmentsOnPath.remove(fragment.name)
                }
                continue
            }
            let selection = stack[top].selections[stack[top].next]
            stack[top].next += 1
            let depth = stack[top].depth
            switch selection {
            case .field(let child):
                var childDepth = depth
                if Self.listFieldNames.contains(child.name.value) {
                    childDepth += 1
                    if childDepth >= Self.maxListDepth { return limitReached(stack) }
                }
                if let sub = child.selectionSet {
                    stack.append(Frame(selections: sub.selections, depth: childDepth, fragment: nil))
                }
            case .inlineFragment(let inline):
                stack.append(Frame(selections: inline.selectionSet.selections, depth: depth, fragment: nil))
            case .fragmentSpread(let spread):
                let name = spread.name.value
                if fragmentsOnPath.contains(name) { continue }
                let key = FragmentAtDepth(name: name, depth: depth)
                if let known = memo[key] {
                    if known { return limitReached(stack) }
                    continue
                }
                guard let fragment = context.fragment(named: name) else { continue }
                fragmentsOnPath.insert(name)
                stack.append(Frame(selections: fragment.selectionSet.selections, depth: depth, fragment: key))
            }
        }
        return false
    }

    /// Records that every fragment being searched reaches the limit, and says so.
    private func limitReached(_ stack: [Frame]) -> Bool {
        for frame in stack { if let fragment = frame.fragment { memo[fragment] = true } }
        return true
    }
}
