/// Argument Names (spec 5.4.1): every argument given to a field or directive must be defined
/// by that field or directive.
public final class KnownArgumentNamesRule: ValidationRule {
    public static let name = "KnownArgumentNamesRule"
    public let context: ValidationContext
    private let directiveChecker: DirectiveArgumentChecker
    /// Directive arguments are checked as a whole in `enter(directive:)`, not one by one.
    private var inDirective = false

    public init(context: ValidationContext) {
        self.context = context
        directiveChecker = DirectiveArgumentChecker(context: context)
    }

    public func enter(directive: Directive) {
        inDirective = true
        directiveChecker.check(directive) { message, loc in report(message, at: [loc]) }
    }

    public func leave(directive: Directive) { inDirective = false }

    public func enter(argument: Argument) {
        guard !inDirective, context.argument == nil, let fieldDef = context.fieldDef,
              let parent = context.parentType else { return }
        let name = argument.name.value
        report("Unknown argument \"\(name)\" on field \"\(parent.name).\(fieldDef.name)\"."
                   + didYouMean(suggestionList(name, fieldDef.arguments.map(\.name))), at: [argument.loc])
    }
}
