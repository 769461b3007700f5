/// Argument Names (spec 5.4.1), for directives: every argument given to a directive must be
/// defined by it. Used on its own for SDL; `KnownArgumentNamesRule` includes it.
public final class KnownArgumentNamesOnDirectivesRule: ValidationRule {
    public static let name = "KnownArgumentNamesOnDirectivesRule"
    public let context: ValidationContext
    private let checker: DirectiveArgumentChecker
    public init(context: ValidationContext) {
        self.context = context
        checker = DirectiveArgumentChecker(context: context)
    }

    public func enter(directive: Directive) {
        checker.check(directive) { message, loc in report(message, at: [loc]) }
    }
}

/// Reports arguments of a directive that its definition does not declare, with suggestions.
struct DirectiveArgumentChecker {
    private let directives: DirectiveLookup

    init(context: ValidationContext) {
        directives = DirectiveLookup(context: context)
    }

    func check(_ directive: Directive, report: (String, Location) -> Void) {
        if directive.arguments.isEmpty { return }
        let name = directive.name.value
        guard let known = directives.argumentNames(name) else { return }
        for argument in directive.arguments where !known.contains(argument.name.value) {
            let argumentName = argument.name.value
            report("Unknown argument \"\(argumentName)\" on directive \"@\(name)\"."
                       + didYouMean(suggestionList(argumentName, known)), argument.loc)
        }
    }
}
