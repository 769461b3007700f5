import Schema

/// How deeply an operation nests its fields: an analysis on the engine's AST, run after
/// validation and before execution (it computes a number; `QueryLimits` turns it into an error).
///
/// - A root field is at depth 1, a field in its selection set at depth 2, and so on; the depth of
///   an operation is the depth of its deepest field (`{ a { b { c } } }` is 3).
/// - Fragment spreads and inline fragments add no level: their fields count at the level where
///   they are spread, so a fragment costs what its inlined text would.
/// - Introspection (`__schema`, `__type` and everything below them) is not counted: its nesting
///   is bounded by the engine's `MaxIntrospectionDepthRule`, and `graphql.introspection: false`
///   switches it off. Counting it would make the explorer's schema query fail under small limits.
///   `__typename` counts like any leaf field.
/// - `@skip` / `@include` are ignored (the analysis is an upper bound).
///
/// Each fragment's own depth is computed once, so a document spreading fragments many times is
/// measured in time linear in its size. Fragment cycles (rejected by validation) count as 0.
public struct QueryDepth {
    private let fragments: [String: FragmentDefinition]
    private var memo: [String: Int] = [:]
    private var visiting: Set<String> = []

    public init(fragments: [String: FragmentDefinition]) {
        self.fragments = fragments
    }

    /// The depth of `operation`.
    public static func measure(_ operation: OperationDefinition, fragments: [String: FragmentDefinition]) -> Int {
        var analysis = QueryDepth(fragments: fragments)
        return analysis.depth(of: operation.selectionSet)
    }

    /// The first field, in document order, whose depth is more than `limit`; `nil` when the
    /// operation stays within it. This is where a `QUERY_TOO_DEEP` error points.
    public static func firstField(of operation: OperationDefinition, fragments: [String: FragmentDefinition],
                                  deeperThan limit: Int) -> Field? {
        var analysis = QueryDepth(fragments: fragments)
        var seen: Set<String> = []
        return analysis.firstField(in: operation.selectionSet, level: 0, limit: limit, spread: &seen)
    }

    /// The depth of the deepest field of `selectionSet`, counted from 1 for its own fields.
    public mutating func depth(of selectionSet: SelectionSet) -> Int {
        var deepest = 0
        for selection in selectionSet.selections {
            let d: Int
            switch selection {
            case .field(let field):
                if Self.isIntrospection(field) { continue }
                d = 1 + (field.selectionSet.map { depth(of: $0) } ?? 0)
            case .inlineFragment(let fragment):
                d = depth(of: fragment.selectionSet)
            case .fragmentSpread(let spread):
                d = depth(ofFragment: spread.name.value)
            }
            deepest = max(deepest, d)
        }
        return deepest
    }

    private mutating func depth(ofFragment name: String) -> Int {
        if let known = memo[name] { return known }
        guard let fragment = fragments[name], !visiting.contains(name) else { return 0 }
        visiting.insert(name)
        let d = depth(of: fragment.selectionSet)
        visiting.remove(name)
        memo[name] = d
        return d
    }

    /// Walks down only where the subtree reaches past `limit`; `level` is the depth of the
    /// selection set's parent field. Each fragment is entered once per walk (cycle guard).
    private mutating func firstField(in selectionSet: SelectionSet, level: Int, limit: Int,
                                     spread: inout Set<String>) -> Field? {
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                if Self.isIntrospection(field) { continue }
                if level + 1 > limit { return field }
                if let sub = field.selectionSet, level + 1 + depth(of: sub) > limit,
                   let found = firstField(in: sub, level: level + 1, limit: limit, spread: &spread) {
                    return found
                }
            case .inlineFragment(let fragment):
                if level + depth(of: fragment.selectionSet) > limit,
                   let found = firstField(in: fragment.selectionSet, level: level, limit: limit, spread: &spread) {
                    return found
                }
            case .fragmentSpread(let s):
                let name = s.name.value
                guard let fragment = fragments[name], !spread.contains(name),
                      level + depth(ofFragment: name) > limit else { continue }
                spread.insert(name)
                if let found = firstField(in: fragment.selectionSet, level: level, limit: limit, spread: &spread) {
                    return found
                }
            }
        }
        return nil
    }

    /// `__schema` and `__type`, the entry points of introspection.
    static func isIntrospection(_ field: Field) -> Bool {
        let name = field.name.value
        return name == "__schema" || name == "__type"
    }
}
