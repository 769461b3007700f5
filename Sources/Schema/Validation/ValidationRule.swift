/// A validation rule (spec section 5): a class created afresh for each validation run, whose
/// `ASTVisitor` hooks are called during the single traversal of the document. Rules never throw;
/// they report errors through `report(_:at:)`, which stamps the rule's name on the error.
///
/// Type information (`context.parentType`, `context.fieldDef`, `context.inputType`, …) is
/// already updated for the node a hook receives.
public protocol ValidationRule: ASTVisitor, SendableMetatype {
    /// The graphql-js name of the rule, e.g. "NoUnusedFragmentsRule"; placed in `extensions.rule`.
    static var name: String { get }
    var context: ValidationContext { get }
    init(context: ValidationContext)
}

extension ValidationRule {
    /// Records a validation error located at the start of each of `locations`.
    public func report(_ message: String, at locations: [Location]) {
        context.report(rule: Self.name, message: message, at: locations)
    }
}
