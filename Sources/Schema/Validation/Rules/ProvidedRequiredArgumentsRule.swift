/// Required arguments (spec 5.4.2.1): every non-null argument without a default must be given,
/// on fields and on directives. Reported when leaving the field or directive.
public final class ProvidedRequiredArgumentsRule: ValidationRule {
    public static let name = "ProvidedRequiredArgumentsRule"
    public let context: ValidationContext
    private lazy var directives = RequiredDirectiveArguments(context: context)

    public init(context: ValidationContext) { self.context = context }

    public func leave(field: Field) {
        guard let definition = context.fieldDef else { return }
        for argument in definition.arguments where argument.isRequired {
            if field.arguments.contains(where: { $0.name.value == argument.name }) { continue }
            report("Field \"\(definition.name)\" argument \"\(argument.name)\" of type \"\(argument.type)\" "
                   + "is required, but it was not provided.", at: [field.loc])
        }
    }

    public func leave(directive: Directive) {
        for message in directives.missingArguments(of: directive) { report(message, at: [directive.loc]) }
    }
}

/// Required directive arguments in type-system documents (the SDL half of spec 5.4.2.1):
/// directives applied in SDL must be given their required arguments, whether the directive is
/// defined by the schema being extended or in the document itself.
public final class ProvidedRequiredArgumentsOnDirectivesRule: ValidationRule {
    public static let name = "ProvidedRequiredArgumentsOnDirectivesRule"
    public let context: ValidationContext
    private lazy var directives = RequiredDirectiveArguments(context: context)

    public init(context: ValidationContext) { self.context = context }

    public func leave(directive: Directive) {
        for message in directives.missingArguments(of: directive) { report(message, at: [directive.loc]) }
    }
}

/// The required arguments of every directive known to a validation run: the schema's (the
/// built-in directives when there is no schema), then those defined in the document (which
/// take precedence), each list in definition order.
struct RequiredDirectiveArguments {
    private var required: [String: [(name: String, type: String)]] = [:]

    init(context: ValidationContext) {
        for directive in context.schema?.directives ?? DirectiveType.specifiedDirectives {
            required[directive.name] = directive.arguments.filter(\.isRequired).map { ($0.name, $0.type.description) }
        }
        for case .directive(let definition) in context.document.definitions {
            required[definition.name.value] = definition.arguments.compactMap { argument in
                guard case .nonNull = argument.type, argument.defaultValue == nil else { return nil }
                return (argument.name.value, printType(argument.type))
            }
        }
    }

    /// One message per required argument `directive` does not give.
    func missingArguments(of directive: Directive) -> [String] {
        guard let arguments = required[directive.name.value], !arguments.isEmpty else { return [] }
        var messages: [String] = []
        for argument in arguments where !directive.arguments.contains(where: { $0.name.value == argument.name }) {
            messages.append("Directive \"@\(directive.name.value)\" argument \"\(argument.name)\" of type "
                            + "\"\(argument.type)\" is required, but it was not provided.")
        }
        return messages
    }
}
