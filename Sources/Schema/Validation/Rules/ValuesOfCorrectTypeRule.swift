/// Values of correct type (spec 5.6.1): every literal must be coercible to the type its
/// position expects — scalars through their literal coercion (custom scalars included), enum
/// values by name, lists item by item, input objects with all required fields present, no
/// unknown fields, and `@oneOf` input objects with exactly one non-null field.
public final class ValuesOfCorrectTypeRule: ValidationRule {
    public static let name = "ValuesOfCorrectTypeRule"
    public let context: ValidationContext
    /// The variables of the operation being visited (for `@oneOf` fields given a variable).
    private var variableDefinitions: [String: VariableDefinition] = [:]
    /// Inside a literal already reported as a whole: the number of value nodes entered (the
    /// reported one included) that are still open; 0 when not skipping.
    private var skippedValues = 0

    /// Scalars whose coercion errors are complete messages (graphql-js raises them as GraphQL
    /// errors); other scalars' errors are appended to an "Expected value of type" message.
    private static let specifiedScalarNames: Set<String> = ["Int", "Float", "String", "Boolean", "ID"]

    public init(context: ValidationContext) { self.context = context }

    public func enter(operation: OperationDefinition) {
        variableDefinitions = [:]
    }

    public func enter(variableDefinition: VariableDefinition) {
        variableDefinitions[variableDefinition.variable.name.value] = variableDefinition
    }

    public func enter(value: ValueNode) {
        if skippedValues > 0 {
            skippedValues += 1
            return
        }
        switch value {
        case .variable:
            return
        case .list:
            // The type information has already stepped into the item type: the list's own
            // expected type is the parent input type.
            if case .list? = context.parentInputType?.nullable { return }
            checkLeafValue(value)
            skippedValues = 1
        case .object(let fields, _):
            guard let inputObject = context.inputType?.namedType as? InputObjectType else {
                checkLeafValue(value)
                skippedValues = 1
                return
            }
            checkInputObject(inputObject, fields: fields, node: value)
        case .null:
            if let type = context.inputType, type.isNonNull {
                report("Expected value of type \"\(type)\", found null.", at: [value.loc])
            }
        default:
            checkLeafValue(value)
        }
    }

    public func leave(value: ValueNode) {
        if skippedValues > 0 { skippedValues -= 1 }
    }

    public func enter(objectField: ObjectField) {
        if skippedValues > 0 { return }
        guard context.inputType == nil,
              let parent = context.parentInputType?.namedType as? InputObjectType else { return }
        let suggestions = suggestionList(objectField.name.value, parent.fields.map(\.name))
        report("Field \"\(objectField.name.value)\" is not defined by type \"\(parent.name)\"."
               + didYouMean(suggestions), at: [objectField.loc])
    }

    // MARK: Input objects

    private func checkInputObject(_ type: InputObjectType, fields: [ObjectField], node: ValueNode) {
        var given: [String: ObjectField] = [:]
        var givenNames: [String] = []
        for field in fields {
            if given.updateValue(field, forKey: field.name.value) == nil { givenNames.append(field.name.value) }
        }
        for definition in type.fields where definition.isRequired && given[definition.name] == nil {
            report("Field \"\(type.name).\(definition.name)\" of required type \"\(definition.type)\" was not provided.",
                   at: [node.loc])
        }
        if type.isOneOf { checkOneOf(type, given: given, givenNames: givenNames, node: node) }
    }

    private func checkOneOf(_ type: InputObjectType, given: [String: ObjectField], givenNames: [String],
                            node: ValueNode) {
        guard givenNames.count == 1, let field = given[givenNames[0]] else {
            report("OneOf Input Object \"\(type.name)\" must specify exactly one key.", at: [node.loc])
            return
        }
        switch field.value {
        case .null:
            report("Field \"\(type.name).\(givenNames[0])\" must be non-null.", at: [node.loc])
        case .variable(let variable):
            let name = variable.name.value
            if let definition = variableDefinitions[name], !Self.isNonNull(definition.type) {
                report("Variable \"\(name)\" must be non-nullable to be used for OneOf Input Object \"\(type.name)\".",
                       at: [node.loc])
            }
        default:
            break
        }
    }

    private static func isNonNull(_ type: TypeNode) -> Bool {
        if case .nonNull = type { return true }
        return false
    }

    // MARK: Leaf values

    /// A literal where a scalar or enum is expected (or a list / object literal where neither a
    /// list nor an input object is): reported unless the leaf type accepts it.
    private func checkLeafValue(_ value: ValueNode) {
        guard let locationType = context.inputType else { return }
        let named = locationType.namedType
        if let enumType = named as? EnumType {
            checkEnumValue(value, enumType)
            return
        }
        guard let scalar = named as? ScalarType else {
            report("Expected value of type \"\(locationType)\", found \(printValue(value)).", at: [value.loc])
            return
        }
        do {
            _ = try scalar.coercion.parseLiteral(value)
        } catch let error as GraphQLError {
            report(error.message, at: [value.loc])
        } catch let error as CoercionError where Self.specifiedScalarNames.contains(scalar.name) {
            report(error.message, at: [value.loc])
        } catch {
            let detail = (error as? CoercionError)?.message ?? String(describing: error)
            report("Expected value of type \"\(locationType)\", found \(printValue(value)); \(detail)", at: [value.loc])
        }
    }

    /// Enum literal coercion: only an enum value naming one of the type's values is accepted.
    private func checkEnumValue(_ value: ValueNode, _ enumType: EnumType) {
        let text = printValue(value)
        let suggestions = { didYouMean(suggestionList(text, enumType.values.map(\.name)), subMessage: "the enum value") }
        guard case .enumValue(let name, _) = value else {
            report("Enum \"\(enumType.name)\" cannot represent non-enum value: \(text)." + suggestions(),
                   at: [value.loc])
            return
        }
        if enumType.value(name) == nil {
            report("Value \"\(name)\" does not exist in \"\(enumType.name)\" enum." + suggestions(), at: [value.loc])
        }
    }
}
