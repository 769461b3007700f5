/// Leaf Field Selections (spec 5.3.3): fields of scalar or enum type must not have a selection
/// set; fields of object, interface or union type must have one.
public final class ScalarLeafsRule: ValidationRule {
    public static let name = "ScalarLeafsRule"
    public let context: ValidationContext
    public init(context: ValidationContext) { self.context = context }

    public func enter(field: Field) {
        guard let type = context.type else { return }
        let fieldName = field.name.value
        if type.namedType.isLeafType {
            if let selectionSet = field.selectionSet {
                report("Field \"\(fieldName)\" must not have a selection since type \"\(type)\" has no subfields.",
                       at: [selectionSet.loc])
            }
        } else if field.selectionSet == nil {
            report("Field \"\(fieldName)\" of type \"\(type)\" must have a selection of subfields. Did you mean \"\(fieldName) { ... }\"?",
                   at: [field.loc])
        }
    }
}
