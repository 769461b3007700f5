/// The engine of `OverlappingFieldsCanBeMergedRule` (spec 5.3.2 "Field Selection Merging").
///
/// Two fields with the same response name conflict when they could both apply to one object
/// yet ask for different fields or arguments, or when their return types have different
/// shapes (list / non-null wrappers, different leaf types), or when their sub-selections
/// conflict in turn.
///
/// Comparing every pair of fields of the fully expanded document would be exponential in the
/// number of fragment spreads, so the comparisons are organised the way graphql-js does:
/// each selection set compares the fields *within* itself once (when the rule visits it);
/// everything else is a comparison *between* two sets of fields — a set and a fragment, two
/// fragments, or the sub-selections of two overlapping fields. Memos keep this bounded: the
/// fields and fragment names of each selection set are collected once, each pair of fragments
/// is compared at most once per exclusivity mode, and so is each pair of a set of fields and a
/// fragment (as in graphql-js 17; this is also what ends recursive fragments separated by
/// fields). Fragments reached through other fragments are processed from work lists rather
/// than by recursion, so fragment chains cannot grow the call stack.
final class FieldConflictFinder {
    /// A field selection together with the type it was selected on and its definition there.
    struct FieldAndDefinition {
        let parentType: NamedType?
        let node: Field
        let definition: FieldDefinition?
    }

    /// The fields of a selection set (inline fragments flattened), grouped by response name in
    /// first-seen order, and the names of the fragments it spreads, in first-seen order.
    /// A class so that "a fragment compared with itself" can be detected by identity.
    final class CollectedFields {
        /// Unique within one finder; identifies the collection in memo keys.
        let id: Int
        init(id: Int) { self.id = id }
        var responseNames: [String] = []
        var fieldsByResponseName: [String: [FieldAndDefinition]] = [:]
        var fragmentNames: [String] = []
    }

    /// Why two fields conflict: a plain explanation, or the conflicts of their subfields.
    indirect enum Reason {
        case text(String)
        case subfields([(responseName: String, reason: Reason)])

        /// The explanation in graphql-js wording, nested subfield reasons joined by "and".
        var message: String {
            switch self {
            case .text(let s):
                return s
            case .subfields(let list):
                var out = ""
                for (i, item) in list.enumerated() {
                    if i > 0 { out += " and " }
                    out += "subfields \"\(item.responseName)\" conflict because \(item.reason.message)"
                }
                return out
            }
        }
    }

    /// A conflict between two fields (and, for subfield conflicts, the conflicting fields
    /// below them on each side).
    struct Conflict {
        let responseName: String
        let reason: Reason
        let fields1: [Location]
        let fields2: [Location]
    }

    private unowned let context: ValidationContext
    private var comparedFragmentPairs = FragmentPairSet()
    /// Sets of fields already compared with a fragment, each with whether that was under
    /// mutually exclusive parents (a non-exclusive comparison covers both modes).
    private var comparedFieldsAndFragments: [FieldsAndFragment: Bool] = [:]
    private var collectedCount = 0
    /// How many pairs of fields are being compared inside one another right now.
    private var comparisonDepth = 0
    /// Sub-selections are compared only this many levels deep. Comparisons follow fragments, so
    /// their nesting is not bounded by the parser's depth limit (chains of fragments, each
    /// nesting fields, add up); past this depth — far beyond any real query — the remaining
    /// sub-fields are not compared rather than risking the stack.
    static let maxComparisonDepth = 256

    private struct FieldsAndFragment: Hashable {
        let fields: Int
        let fragment: String
    }
    /// Collected fields keyed by the byte offset at which their selection set starts (unique
    /// within one parsed document). Selection sets without a location are not cached.
    private var cache: [Int: CollectedFields] = [:]

    init(context: ValidationContext) {
        self.context = context
    }

    // MARK: - Entry point

    /// All conflicts "within" one selection set, fragments spread into it included.
    /// Called once for every selection set of the document.
    func findConflictsWithinSelectionSet(parentType: NamedType?, selectionSet: SelectionSet) -> [Conflict] {
        var conflicts: [Conflict] = []
        let collected = fieldsAndFragmentNames(parentType: parentType, selectionSet: selectionSet)

        // (A) Fields within this set; the only place fields of one set are compared together.
        collectConflictsWithin(&conflicts, collected)

        let names = collected.fragmentNames
        if !names.isEmpty {
            for i in 0..<names.count {
                // (B) This set's fields against each spread fragment.
                collectConflictsBetweenFieldsAndFragment(&conflicts, false, collected, names[i])
                // (C) Each spread fragment against every later one.
                for j in (i + 1)..<names.count {
                    collectConflictsBetweenFragments(&conflicts, false, names[i], names[j])
                }
            }
        }
        return conflicts
    }

    // MARK: - Comparisons between sets

    /// (D, E) A set of fields against the fields of one fragment, then against every fragment
    /// that fragment spreads, transitively. Each (set of fields, fragment) pair is compared at
    /// most once per exclusivity mode, which is what ends recursive fragments.
    private func collectConflictsBetweenFieldsAndFragment(
        _ conflicts: inout [Conflict], _ mutuallyExclusive: Bool, _ fields: CollectedFields, _ fragmentName: String
    ) {
        // Work list instead of recursion (depth-first, in graphql-js order): fragment chains
        // may be as long as the document.
        var pending: [String] = [fragmentName]
        while let name = pending.popLast() {
            let pair = FieldsAndFragment(fields: fields.id, fragment: name)
            if let stored = comparedFieldsAndFragments[pair], mutuallyExclusive || !stored { continue }
            comparedFieldsAndFragments[pair] = mutuallyExclusive
            guard let fragment = context.fragment(named: name) else { continue }
            let fragmentFields = referencedFieldsAndFragmentNames(fragment)
            // Never compare a fragment's fields with themselves.
            if fields === fragmentFields { continue }
            collectConflictsBetween(&conflicts, mutuallyExclusive, fields, fragmentFields)
            for referenced in fragmentFields.fragmentNames.reversed() { pending.append(referenced) }
        }
    }

    /// (F, G) Two fragments against each other, then each against the fragments the other
    /// spreads. Memoised per pair, so every pair is compared at most once.
    private func collectConflictsBetweenFragments(
        _ conflicts: inout [Conflict], _ mutuallyExclusive: Bool, _ name1: String, _ name2: String
    ) {
        // Work list instead of recursion: fragment chains may be long.
        var pending: [(String, String)] = [(name1, name2)]
        while let (a, b) = pending.popLast() {
            if a == b { continue }
            if comparedFragmentPairs.contains(a, b, mutuallyExclusive) { continue }
            comparedFragmentPairs.insert(a, b, mutuallyExclusive)
            guard let fragment1 = context.fragment(named: a), let fragment2 = context.fragment(named: b) else { continue }
            let fields1 = referencedFieldsAndFragmentNames(fragment1)
            let fields2 = referencedFieldsAndFragmentNames(fragment2)
            collectConflictsBetween(&conflicts, mutuallyExclusive, fields1, fields2)
            // Pushed in reverse so they are processed in graphql-js order: first `a` against
            // the fragments spread by `b`, then the fragments spread by `a` against `b`.
            for referenced1 in fields1.fragmentNames.reversed() { pending.append((referenced1, b)) }
            for referenced2 in fields2.fragmentNames.reversed() { pending.append((a, referenced2)) }
        }
    }

    /// (H, I, J) The sub-selections of two overlapping fields.
    private func findConflictsBetweenSubSelectionSets(
        _ mutuallyExclusive: Bool, _ parentType1: NamedType?, _ selectionSet1: SelectionSet,
        _ parentType2: NamedType?, _ selectionSet2: SelectionSet
    ) -> [Conflict] {
        var conflicts: [Conflict] = []
        let collected1 = fieldsAndFragmentNames(parentType: parentType1, selectionSet: selectionSet1)
        let collected2 = fieldsAndFragmentNames(parentType: parentType2, selectionSet: selectionSet2)

        // (H) Fields against fields.
        collectConflictsBetween(&conflicts, mutuallyExclusive, collected1, collected2)

        // (I) Each side's fields against the fragments spread on the other side.
        for name2 in collected2.fragmentNames {
            collectConflictsBetweenFieldsAndFragment(&conflicts, mutuallyExclusive, collected1, name2)
        }
        for name1 in collected1.fragmentNames {
            collectConflictsBetweenFieldsAndFragment(&conflicts, mutuallyExclusive, collected2, name1)
        }

        // (J) Fragments of one side against fragments of the other.
        for name1 in collected1.fragmentNames {
            for name2 in collected2.fragmentNames {
                collectConflictsBetweenFragments(&conflicts, mutuallyExclusive, name1, name2)
            }
        }
        return conflicts
    }

    // MARK: - Comparing fields

    /// Every pair of same-named fields of one collection (never mutually exclusive).
    private func collectConflictsWithin(_ conflicts: inout [Conflict], _ collected: CollectedFields) {
        for responseName in collected.responseNames {
            guard let fields = collected.fieldsByResponseName[responseName], fields.count > 1 else { continue }
            for i in 0..<fields.count {
                for j in (i + 1)..<fields.count {
                    if let c = findConflict(false, responseName, fields[i], fields[j]) {
                        conflicts.append(c)
                    }
                }
            }
        }
    }

    /// Every field of the first collection against each same-named field of the second.
    private func collectConflictsBetween(
        _ conflicts: inout [Conflict], _ parentFieldsAreMutuallyExclusive: Bool,
        _ collected1: CollectedFields, _ collected2: CollectedFields
    ) {
        for responseName in collected1.responseNames {
            guard let fields2 = collected2.fieldsByResponseName[responseName],
                  let fields1 = collected1.fieldsByResponseName[responseName] else { continue }
            for f1 in fields1 {
                for f2 in fields2 {
                    if let c = findConflict(parentFieldsAreMutuallyExclusive, responseName, f1, f2) {
                        conflicts.append(c)
                    }
                }
            }
        }
    }

    /// Whether two fields with the same response name conflict, sub-fields included.
    private func findConflict(
        _ parentFieldsAreMutuallyExclusive: Bool, _ responseName: String,
        _ field1: FieldAndDefinition, _ field2: FieldAndDefinition
    ) -> Conflict? {
        let node1 = field1.node, node2 = field2.node
        // Fields on two different object types can never apply to the same object, so they
        // may differ in name and arguments. Interfaces and unions may overlap (now or after
        // a schema change), so they may not.
        var mutuallyExclusive = parentFieldsAreMutuallyExclusive
        if !mutuallyExclusive, let p1 = field1.parentType as? ObjectType, let p2 = field2.parentType as? ObjectType,
           p1 !== p2 {
            mutuallyExclusive = true
        }

        if !mutuallyExclusive {
            if node1.name.value != node2.name.value {
                return Conflict(
                    responseName: responseName,
                    reason: .text("\"\(node1.name.value)\" and \"\(node2.name.value)\" are different fields"),
                    fields1: [node1.loc], fields2: [node2.loc])
            }
            if !Self.sameArguments(node1.arguments, node2.arguments) {
                return Conflict(responseName: responseName, reason: .text("they have differing arguments"),
                                fields1: [node1.loc], fields2: [node2.loc])
            }
        }

        let type1 = field1.definition?.type
        let type2 = field2.definition?.type
        if let type1, let type2, Self.doTypesConflict(type1, type2) {
            return Conflict(
                responseName: responseName,
                reason: .text("they return conflicting types \"\(type1)\" and \"\(type2)\""),
                fields1: [node1.loc], fields2: [node2.loc])
        }

        if let set1 = node1.selectionSet, let set2 = node2.selectionSet,
           comparisonDepth < Self.maxComparisonDepth {
            comparisonDepth += 1
            defer { comparisonDepth -= 1 }
            let sub = findConflictsBetweenSubSelectionSets(
                mutuallyExclusive, type1?.namedType, set1, type2?.namedType, set2)
            if sub.isEmpty { return nil }
            var fields1 = [node1.loc], fields2 = [node2.loc]
            for c in sub {
                fields1.append(contentsOf: c.fields1)
                fields2.append(contentsOf: c.fields2)
            }
            return Conflict(responseName: responseName,
                            reason: .subfields(sub.map { ($0.responseName, $0.reason) }),
                            fields1: fields1, fields2: fields2)
        }
        return nil
    }

    /// Two types conflict when they could not describe one value: list and non-null wrappers
    /// must match, and leaf types must be identical. Composite types never conflict here;
    /// their fields are compared separately.
    static func doTypesConflict(_ type1: GraphQLType, _ type2: GraphQLType) -> Bool {
        switch (type1, type2) {
        case (.list(let a), .list(let b)):
            return doTypesConflict(a, b)
        case (.list, _), (_, .list):
            return true
        case (.nonNull(let a), .nonNull(let b)):
            return doTypesConflict(a, b)
        case (.nonNull, _), (_, .nonNull):
            return true
        case (.named(let a), .named(let b)):
            if a.isLeafType || b.isLeafType { return a !== b }
            return false
        }
    }

    /// Same argument names with the same values, in any order (input object fields compared
    /// regardless of order, as graphql-js does by printing sorted values).
    static func sameArguments(_ args1: [Argument], _ args2: [Argument]) -> Bool {
        if args1.count != args2.count { return false }
        if args1.isEmpty { return true }
        for a1 in args1 {
            guard let a2 = args2.first(where: { $0.name.value == a1.name.value }) else { return false }
            if !sameValue(a1.value, a2.value) { return false }
        }
        return true
    }

    /// Literal equality as graphql-js decides it (printed form of the values with object
    /// fields sorted by name): a block string differs from a plain string, `1` from `1.0`.
    static func sameValue(_ v1: ValueNode, _ v2: ValueNode) -> Bool {
        switch (v1, v2) {
        case (.variable(let a), .variable(let b)): return a.name.value == b.name.value
        case (.int(let a, _), .int(let b, _)): return a == b
        case (.float(let a, _), .float(let b, _)): return a == b
        case (.string(let a, let blockA, _), .string(let b, let blockB, _)): return a == b && blockA == blockB
        case (.boolean(let a, _), .boolean(let b, _)): return a == b
        case (.null, .null): return true
        case (.enumValue(let a, _), .enumValue(let b, _)): return a == b
        case (.list(let a, _), .list(let b, _)):
            if a.count != b.count { return false }
            for i in 0..<a.count where !sameValue(a[i], b[i]) { return false }
            return true
        case (.object(let a, _), .object(let b, _)):
            if a.count != b.count { return false }
            let sortedA = a.enumerated().sorted { ($0.element.name.value, $0.offset) < ($1.element.name.value, $1.offset) }
            let sortedB = b.enumerated().sorted { ($0.element.name.value, $0.offset) < ($1.element.name.value, $1.offset) }
            for i in 0..<sortedA.count {
                let fa = sortedA[i].element, fb = sortedB[i].element
                if fa.name.value != fb.name.value || !sameValue(fa.value, fb.value) { return false }
            }
            return true
        default:
            return false
        }
    }

    // MARK: - Collecting fields

    /// The fields and spread fragment names of a selection set, computed once per set.
    private func fieldsAndFragmentNames(parentType: NamedType?, selectionSet: SelectionSet) -> CollectedFields {
        let key = selectionSet.loc.end > selectionSet.loc.start ? selectionSet.loc.start : nil
        if let key, let cached = cache[key] { return cached }
        collectedCount += 1
        let collected = CollectedFields(id: collectedCount)
        var seenFragments: Set<String> = []
        collect(parentType, selectionSet, into: collected, &seenFragments)
        if let key { cache[key] = collected }
        return collected
    }

    /// The fields and spread fragment names of a fragment definition, on its type condition.
    private func referencedFieldsAndFragmentNames(_ fragment: FragmentDefinition) -> CollectedFields {
        let set = fragment.selectionSet
        if set.loc.end > set.loc.start, let cached = cache[set.loc.start] { return cached }
        let type = context.schema?.type(named: fragment.typeCondition.name.value)
        return fieldsAndFragmentNames(parentType: type, selectionSet: set)
    }

    private func collect(_ parentType: NamedType?, _ selectionSet: SelectionSet, into collected: CollectedFields,
                         _ seenFragments: inout Set<String>) {
        for selection in selectionSet.selections {
            switch selection {
            case .field(let field):
                let definition = (parentType as? FieldsContainer)?.field(field.name.value)
                let key = field.responseKey
                let entry = FieldAndDefinition(parentType: parentType, node: field, definition: definition)
                if collected.fieldsByResponseName[key]?.append(entry) == nil {
                    collected.fieldsByResponseName[key] = [entry]
                    collected.responseNames.append(key)
                }
            case .fragmentSpread(let spread):
                if seenFragments.insert(spread.name.value).inserted {
                    collected.fragmentNames.append(spread.name.value)
                }
            case .inlineFragment(let inline):
                let type = inline.typeCondition.map { context.schema?.type(named: $0.name.value) } ?? parentType
                collect(type, inline.selectionSet, into: collected, &seenFragments)
            }
        }
    }
}

/// Unordered pairs of fragment names, each remembered with whether it was compared under
/// mutually exclusive parents. A pair compared without exclusivity covers both modes; one
/// compared under exclusivity covers only that mode (it checked less).
struct FragmentPairSet {
    private struct Key: Hashable {
        let first: String
        let second: String
    }

    private var data: [Key: Bool] = [:]

    private static func key(_ a: String, _ b: String) -> Key {
        a < b ? Key(first: a, second: b) : Key(first: b, second: a)
    }

    func contains(_ a: String, _ b: String, _ mutuallyExclusive: Bool) -> Bool {
        guard let stored = data[Self.key(a, b)] else { return false }
        return mutuallyExclusive ? true : stored == false
    }

    mutating func insert(_ a: String, _ b: String, _ mutuallyExclusive: Bool) {
        data[Self.key(a, b)] = mutuallyExclusive
    }
}
