/// Field Selection Merging (spec 5.3.2): a selection set is valid only if all fields with the
/// same response name — fragments spread into it included — can be merged without ambiguity.
/// The comparison algorithm lives in `FieldConflictFinder`; this rule runs it on every selection
/// set and reports each conflict at the conflicting fields (both sides, subfields included).
public final class OverlappingFieldsCanBeMergedRule: ValidationRule {
    public static let name = "OverlappingFieldsCanBeMergedRule"
    public let context: ValidationContext
    private lazy var finder = FieldConflictFinder(context: context)

    public init(context: ValidationContext) { self.context = context }

    public func enter(selectionSet: SelectionSet) {
        let conflicts = finder.findConflictsWithinSelectionSet(parentType: context.parentType, selectionSet: selectionSet)
        for conflict in conflicts {
            report("Fields \"\(conflict.responseName)\" conflict because \(conflict.reason.message). "
                   + "Use different aliases on the fields to fetch both if this was intentional.",
                   at: conflict.fields1 + conflict.fields2)
        }
    }
}
