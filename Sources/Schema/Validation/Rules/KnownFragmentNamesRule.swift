/// Fragment Spread Target Defined (spec 5.5.2.1): every spread must name a fragment defined in
/// the document.
public final class KnownFragmentNamesRule: ValidationRule {
    public static let name = "KnownFragmentNamesRule"
    public let context: ValidationContext
    public init(context: ValidationContext) { self.context = context }

    public func enter(fragmentSpread: FragmentSpread) {
        let name = fragmentSpread.name
        if context.fragment(named: name.value) == nil {
            report("Unknown fragment \"\(name.value)\".", at: [name.loc])
        }
    }
}
