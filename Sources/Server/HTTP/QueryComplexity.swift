import Schema

/// An estimate of how much work an operation asks for: an analysis on the engine's AST and the
/// schema, run after validation and before execution (`QueryLimits` turns it into an error).
///
/// - Every field costs 1; `__typename` costs nothing, and introspection (`__schema`, `__type`
///   and below) is not counted (see `QueryDepth` for why).
/// - A field that takes a `first` argument (a connection or a paged list) multiplies the cost of
///   its selection set by the page size it asks for: the literal, or the variable's value, or the
///   variable's default, or the argument's default in the schema, else `defaultPageSize` (10).
/// - A list field without a `first` argument multiplies its selection set by `defaultPageSize`,
///   except directly inside a paged field that is not itself a list (a connection): its
///   `nodes` / `edges` list is the page already counted by `first`, so it is not multiplied twice.
/// - Inline fragments and fragment spreads add their fields where they are spread; fields of
///   every type condition are added up (`@skip` / `@include` ignored): an upper bound.
///
/// So `{ github { pullRequests(first: 20) { nodes { title reviews { state } } } } }` costs
/// 1 (github) + 1 (pullRequests) + 20 × (1 (nodes) + 1 (title) + 1 (reviews) + 10 × 1 (state)) = 262
/// (when `reviews` is a plain list).
/// Sums and products saturate at `Int.max` instead of overflowing.
public struct QueryComplexity {
    public static let defaultPageSize = 10

    private let schema: GraphQLSchema
    private let fragments: [String: FragmentDefinition]
    private let variableDefaults: [String: ValueNode]
    private let variables: ObjectValue
    private var memo: [FragmentKey: Int] = [:]
    private var visiting: Set<String> = []

    private struct FragmentKey: Hashable {
        let name: String
        let insidePage: Bool
    }

    /// - Parameter variables: the request's raw variable values (before coercion).
    public init(schema: GraphQLSchema, operation: OperationDefinition, fragments: [String: FragmentDefinition],
                variables: ObjectValue) {
        self.schema = schema
        self.fragments = fragments
        self.variables = variables
        var defaults: [String: ValueNode] = [:]
        for definition in operation.variableDefinitions {
            if let value = definition.defaultValue { defaults[definition.variable.name.value] = value }
        }
        variableDefaults = defaults
    }

    /// The complexity of `operation`.
    public static func measure(schema: GraphQLSchema, operation: OperationDefinition,
                               fragments: [String: FragmentDefinition], variables: ObjectValue) -> Int {
        guard let root = schema.rootType(for: operation.operation) else { return 0 }
        var analysis = QueryComplexity(schema: schema, operation: operation, fragments: fragments, variables: variables)
        return analysis.cost(of: operation.selectionSet, in: root, insidePage: false)
    }

    /// The cost of `selectionSet` whose fields belong to `parentType`.
    mutating func cost(of selectionSet: SelectionSet, in parentType: NamedType, insidePage: Bool) -> Int {
        var total = 0
        for selection in selectionSet.selections {
            let c: Int
            switch selection {
            case .field(let field):
                c = cost(of: field, in: parentType, insidePage: insidePage)
            case .inlineFragment(let fragment):
                let type = fragment.typeCondition.flatMap { schema.type(named: $0.name.value) } ?? parentType
                c = cost(of: fragment.selectionSet, in: type, insidePage: insidePage)
            case .fragmentSpread(let spread):
                c = cost(ofFragment: spread.name.value, insidePage: insidePage)
            }
            total = Self.add(total, c)
        }
        return total
    }

    private mutating func cost(of field: Field, in parentType: NamedType, insidePage: Bool) -> Int {
        let name = field.name.value
        if name == "__typename" || QueryDepth.isIntrospection(field) { return 0 }
        guard let definition = (parentType as? FieldsContainer)?.field(name) else { return 1 }
        guard let selectionSet = field.selectionSet else { return 1 }
        let multiplier: Int
        let childrenInsidePage: Bool
        if let first = definition.argument("first") {
            multiplier = pageSize(of: field, argument: first)
            // A paged connection object: its list (`nodes`, `edges`) is the page just counted.
            // A paged list is the page itself; lists below it multiply as usual.
            childrenInsidePage = !Self.isList(definition.type)
        } else if Self.isList(definition.type) && !insidePage {
            multiplier = Self.defaultPageSize
            childrenInsidePage = false
        } else {
            multiplier = 1
            childrenInsidePage = false
        }
        let children = cost(of: selectionSet, in: definition.type.namedType, insidePage: childrenInsidePage)
        return Self.add(1, Self.multiply(multiplier, children))
    }

    private mutating func cost(ofFragment name: String, insidePage: Bool) -> Int {
        let key = FragmentKey(name: name, insidePage: insidePage)
        if let known = memo[key] { return known }
        guard let fragment = fragments[name], !visiting.contains(name),
              let type = schema.type(named: fragment.typeCondition.name.value) else { return 0 }
        visiting.insert(name)
        let c = cost(of: fragment.selectionSet, in: type, insidePage: insidePage)
        visiting.remove(name)
        memo[key] = c
        return c
    }

    /// The page size a `first` argument asks for (negative values count as 0).
    private func pageSize(of field: Field, argument: InputValue) -> Int {
        let given = field.arguments.first { $0.name.value == "first" }?.value
        var size: Int?
        switch given {
        case .int(let text, _)?:
            size = Int(text) ?? Int.max
        case .variable(let v)?:
            let name = v.name.value
            if let value = variables[name], !value.isNull {
                if case .int(let n) = value { size = n }
            } else if case .int(let text, _)? = variableDefaults[name] {
                size = Int(text) ?? Int.max
            }
        default:
            break
        }
        if size == nil, case .int(let text, _)? = argument.defaultValue { size = Int(text) }
        return max(0, size ?? Self.defaultPageSize)
    }

    private static func isList(_ type: GraphQLType) -> Bool { type.nullable.isList }

    private static func add(_ a: Int, _ b: Int) -> Int {
        let (sum, overflow) = a.addingReportingOverflow(b)
        return overflow ? Int.max : sum
    }

    private static func multiply(_ a: Int, _ b: Int) -> Int {
        let (product, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow ? Int.max : product
    }
}
