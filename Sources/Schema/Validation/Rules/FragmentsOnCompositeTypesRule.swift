/// Fragments On Composite Types (spec 5.5.1.3): a type condition must name an object,
/// interface or union type.
public final class FragmentsOnCompositeTypesRule: ValidationRule {
    public static let name = "FragmentsOnCompositeTypesRule"
    public let context: ValidationContext
    public init(context: ValidationContext) { self.context = context }

    public func enter(inlineFragment: InlineFragment) {
        guard let condition = inlineFragment.typeCondition, let type = context.schema?.type(named: condition.name.value),
              !type.isCompositeType else { return }
        report("Fragment cannot condition on non composite type \"\(condition.name.value)\".", at: [condition.loc])
    }

    public func enter(fragmentDefinition: FragmentDefinition) {
        let condition = fragmentDefinition.typeCondition
        guard let type = context.schema?.type(named: condition.name.value), !type.isCompositeType else { return }
        report("Fragment \"\(fragmentDefinition.name.value)\" cannot condition on non composite type \"\(condition.name.value)\".",
               at: [condition.loc])
    }
}
