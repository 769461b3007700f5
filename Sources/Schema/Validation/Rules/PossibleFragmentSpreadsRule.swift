/// Fragment spread is possible (spec 5.5.2.3): a fragment may be spread only where some object
/// could be of both the fragment's type and the enclosing type.
public final class PossibleFragmentSpreadsRule: ValidationRule {
    public static let name = "PossibleFragmentSpreadsRule"
    public let context: ValidationContext

    public init(context: ValidationContext) { self.context = context }

    public func enter(inlineFragment: InlineFragment) {
        guard let schema = context.schema,
              let fragmentType = context.type?.namedType, fragmentType.isCompositeType,
              let parentType = context.parentType, parentType.isCompositeType,
              !Self.typesOverlap(schema, fragmentType, parentType) else { return }
        report("Fragment cannot be spread here as objects of type \"\(parentType.name)\" "
               + "can never be of type \"\(fragmentType.name)\".", at: [inlineFragment.loc])
    }

    public func enter(fragmentSpread: FragmentSpread) {
        let name = fragmentSpread.name.value
        guard let schema = context.schema,
              let fragment = context.fragment(named: name),
              let fragmentType = schema.type(named: fragment.typeCondition.name.value), fragmentType.isCompositeType,
              let parentType = context.parentType,
              !Self.typesOverlap(schema, fragmentType, parentType) else { return }
        report("Fragment \"\(name)\" cannot be spread here as objects of type \"\(parentType.name)\" "
               + "can never be of type \"\(fragmentType.name)\".", at: [fragmentSpread.loc])
    }

    /// Whether some object type could be of both types: the same type, an object within an
    /// abstract type, or two abstract types sharing a possible type.
    static func typesOverlap(_ schema: GraphQLSchema, _ a: NamedType, _ b: NamedType) -> Bool {
        if a === b { return true }
        if a.isAbstractType {
            if b.isAbstractType {
                return schema.possibleTypes(of: a).contains { schema.isSubType(b, $0) }
            }
            return schema.isSubType(a, b)
        }
        if b.isAbstractType { return schema.isSubType(b, a) }
        return false
    }
}
