/// What validation rules share during one run: the schema and document, the current type
/// information, the collected errors, and memoised facts about fragments and variables.
public final class ValidationContext {
    /// Absent only when validating SDL on its own (`validateSDL` without a schema).
    public let schema: GraphQLSchema?
    public let document: Document
    public let typeInfo: TypeInfo
    public private(set) var errors: [GraphQLError] = []
    public let maxErrors: Int
    /// Set once the error cap was hit; the walk stops and further reports are dropped.
    public private(set) var isAborted = false
    /// Where the directives being visited are applied; set before each directive list is visited.
    public internal(set) var directiveLocation: DirectiveLocation?

    private var fragmentsByName: [String: FragmentDefinition]?
    private var fragmentSpreadsByFragment: [LocationKey: [FragmentSpread]] = [:]
    private var referencedFragments: [LocationKey: [FragmentDefinition]] = [:]
    private var operationVariableUsages: [LocationKey: [VariableUsage]] = [:]
    private var fragmentVariableUsages: [LocationKey: [VariableUsage]] = [:]

    public init(schema: GraphQLSchema?, document: Document, maxErrors: Int = 100) {
        self.schema = schema
        self.document = document
        self.typeInfo = TypeInfo(schema: schema)
        self.maxErrors = maxErrors
    }

    // MARK: Errors

    /// Records an error from `rule` located at `locations` (start of each node), unless the cap
    /// was reached: then a final "Too many validation errors" error is added and validation stops.
    public func report(rule: String, message: String, at locations: [Location]) {
        if isAborted { return }
        if errors.count >= maxErrors {
            errors.append(GraphQLError(
                message: "Too many validation errors, error limit reached. Validation aborted.",
                source: document.source, at: [], code: .validationFailed))
            isAborted = true
            return
        }
        errors.append(GraphQLError(message: message, source: document.source, at: locations,
                                   code: .validationFailed, extensions: [("rule", .string(rule))]))
    }

    // MARK: Type information at the current node

    public var type: GraphQLType? { typeInfo.type }
    public var parentType: NamedType? { typeInfo.parentType }
    public var inputType: GraphQLType? { typeInfo.inputType }
    public var parentInputType: GraphQLType? { typeInfo.parentInputType }
    public var fieldDef: FieldDefinition? { typeInfo.fieldDef }
    public var defaultValue: ValueNode? { typeInfo.defaultValue }
    public var directive: DirectiveType? { typeInfo.directive }
    public var argument: InputValue? { typeInfo.argument }
    public var enumValue: EnumValue? { typeInfo.enumValue }

    // MARK: Fragments

    /// The fragment definition with this name in the document (the last one if the name is
    /// defined twice, as in graphql-js).
    public func fragment(named name: String) -> FragmentDefinition? {
        if fragmentsByName == nil {
            var map: [String: FragmentDefinition] = [:]
            for case .fragment(let fragment) in document.definitions { map[fragment.name.value] = fragment }
            fragmentsByName = map
        }
        return fragmentsByName?[name]
    }

    /// Every fragment spread in a selection set, at any depth of fields and inline fragments
    /// (not following spreads), in document order.
    public func fragmentSpreads(of selectionSet: SelectionSet) -> [FragmentSpread] {
        var spreads: [FragmentSpread] = []
        var pending: [SelectionSet] = [selectionSet]
        while let set = pending.popLast() {
            for selection in set.selections {
                switch selection {
                case .fragmentSpread(let spread): spreads.append(spread)
                case .field(let field): if let sub = field.selectionSet { pending.append(sub) }
                case .inlineFragment(let inline): pending.append(inline.selectionSet)
                }
            }
        }
        return spreads
    }

    /// `fragmentSpreads(of:)` of a fragment definition's selection set, memoised.
    public func fragmentSpreads(ofFragment fragment: FragmentDefinition) -> [FragmentSpread] {
        let key = LocationKey(fragment.loc)
        if let key, let cached = fragmentSpreadsByFragment[key] { return cached }
        let spreads = fragmentSpreads(of: fragment.selectionSet)
        if let key { fragmentSpreadsByFragment[key] = spreads }
        return spreads
    }

    /// Every fragment an operation uses, directly or through other fragments, each once;
    /// unknown fragment names are skipped.
    public func recursivelyReferencedFragments(of operation: OperationDefinition) -> [FragmentDefinition] {
        let key = LocationKey(operation.loc)
        if let key, let cached = referencedFragments[key] { return cached }
        var fragments: [FragmentDefinition] = []
        var collected: Set<String> = []
        var pending: [[FragmentSpread]] = [fragmentSpreads(of: operation.selectionSet)]
        while let spreads = pending.popLast() {
            for spread in spreads {
                let name = spread.name.value
                if collected.contains(name) { continue }
                collected.insert(name)
                if let fragment = fragment(named: name) {
                    fragments.append(fragment)
                    pending.append(fragmentSpreads(ofFragment: fragment))
                }
            }
        }
        if let key { referencedFragments[key] = fragments }
        return fragments
    }

    // MARK: Variables

    /// The variable references inside an operation (not inside the fragments it spreads), each
    /// with the input type and default of the position it is used in.
    public func variableUsages(of operation: OperationDefinition) -> [VariableUsage] {
        let key = LocationKey(operation.loc)
        if let key, let cached = operationVariableUsages[key] { return cached }
        let collector = VariableUsageCollector(schema: schema)
        DocumentWalker(visitor: collector).walk(operation)
        if let key { operationVariableUsages[key] = collector.usages }
        return collector.usages
    }

    /// The variable references inside a fragment definition, typed by their positions.
    public func variableUsages(of fragment: FragmentDefinition) -> [VariableUsage] {
        let key = LocationKey(fragment.loc)
        if let key, let cached = fragmentVariableUsages[key] { return cached }
        let collector = VariableUsageCollector(schema: schema)
        DocumentWalker(visitor: collector).walk(fragment)
        if let key { fragmentVariableUsages[key] = collector.usages }
        return collector.usages
    }

    /// The variable usages of an operation and of every fragment it references recursively.
    public func recursiveVariableUsages(of operation: OperationDefinition) -> [VariableUsage] {
        var usages = variableUsages(of: operation)
        for fragment in recursivelyReferencedFragments(of: operation) {
            usages += variableUsages(of: fragment)
        }
        return usages
    }
}

/// A reference to a variable inside a value, with what its position expects.
public struct VariableUsage {
    public let node: Variable
    /// The input type expected where the variable is used; nil if unknown.
    public let type: GraphQLType?
    /// The default of the argument or input field the variable is passed to, if any.
    public let defaultValue: ValueNode?
    /// The input type enclosing the position (e.g. the input object whose field receives the variable).
    public let parentType: GraphQLType?
}

/// Memoisation key of a node by its byte range; nodes built in code (no range) are not memoised.
struct LocationKey: Hashable {
    let start: Int
    let end: Int
    init?(_ loc: Location) {
        if loc.start == 0 && loc.end == 0 { return nil }
        start = loc.start
        end = loc.end
    }
}

/// Walks one operation or fragment with its own type information and records its variables.
/// Variable definitions are skipped: their default values cannot reference variables.
final class VariableUsageCollector: WalkingVisitor {
    let typeInfo: TypeInfo
    var usages: [VariableUsage] = []
    private var inVariableDefinition = false
    var isStopped: Bool { false }

    init(schema: GraphQLSchema?) { typeInfo = TypeInfo(schema: schema) }

    func enter(operation: OperationDefinition) { typeInfo.enter(operation: operation) }
    func leave(operation: OperationDefinition) { typeInfo.leaveTypeScope() }
    func enter(fragmentDefinition: FragmentDefinition) { typeInfo.enter(typeCondition: fragmentDefinition.typeCondition) }
    func leave(fragmentDefinition: FragmentDefinition) { typeInfo.leaveTypeScope() }
    func enter(inlineFragment: InlineFragment) { typeInfo.enter(typeCondition: inlineFragment.typeCondition) }
    func leave(inlineFragment: InlineFragment) { typeInfo.leaveTypeScope() }
    func enter(variableDefinition: VariableDefinition) { inVariableDefinition = true }
    func leave(variableDefinition: VariableDefinition) { inVariableDefinition = false }
    func enter(selectionSet: SelectionSet) { typeInfo.enter(selectionSet: selectionSet) }
    func leave(selectionSet: SelectionSet) { typeInfo.leaveSelectionSet() }
    func enter(field: Field) { typeInfo.enter(field: field) }
    func leave(field: Field) { typeInfo.leaveField() }
    func enter(directive: Directive) { if !inVariableDefinition { typeInfo.enter(directive: directive) } }
    func leave(directive: Directive) { if !inVariableDefinition { typeInfo.leaveDirective() } }
    func enter(argument: Argument) { if !inVariableDefinition { typeInfo.enter(argument: argument) } }
    func leave(argument: Argument) { if !inVariableDefinition { typeInfo.leaveArgument() } }
    func enter(objectField: ObjectField) { if !inVariableDefinition { typeInfo.enter(objectField: objectField) } }
    func leave(objectField: ObjectField) { if !inVariableDefinition { typeInfo.leaveObjectField() } }
    func enter(value: ValueNode) {
        if inVariableDefinition { return }
        typeInfo.enter(value: value)
        if case .variable(let variable) = value {
            usages.append(VariableUsage(node: variable, type: typeInfo.inputType, defaultValue: typeInfo.defaultValue,
                                        parentType: typeInfo.parentInputType))
        }
    }
    func leave(value: ValueNode) { if !inVariableDefinition { typeInfo.leave(value: value) } }
}
