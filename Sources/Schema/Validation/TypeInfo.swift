/// The schema types in scope at the walker's current position: maintained on enter/leave of
/// each node, before rules' `enter` hooks and after their `leave` hooks, so a rule sees the
/// types of the node it is visiting. Mirrors graphql-js `TypeInfo`.
public final class TypeInfo {
    public let schema: GraphQLSchema?
    private var typeStack: [GraphQLType?] = []
    private var parentTypeStack: [NamedType?] = []
    private var inputTypeStack: [GraphQLType?] = []
    private var fieldDefStack: [FieldDefinition?] = []
    private var defaultValueStack: [ValueNode?] = []
    public private(set) var directive: DirectiveType?
    public private(set) var argument: InputValue?
    public private(set) var enumValue: EnumValue?

    public init(schema: GraphQLSchema?) {
        self.schema = schema
    }

    /// The output type of the current position (the field's type inside a field).
    public var type: GraphQLType? { typeStack.last ?? nil }
    /// The composite type whose fields the current selection set selects.
    public var parentType: NamedType? { parentTypeStack.last ?? nil }
    /// The expected type of the current input value (argument, list item, object field, variable default).
    public var inputType: GraphQLType? { inputTypeStack.last ?? nil }
    /// The input type enclosing the current one (e.g. the list or input object around a value).
    public var parentInputType: GraphQLType? {
        inputTypeStack.count >= 2 ? inputTypeStack[inputTypeStack.count - 2] : nil
    }
    public var fieldDef: FieldDefinition? { fieldDefStack.last ?? nil }
    /// The default of the argument or input field at the current position, if it has one.
    public var defaultValue: ValueNode? { defaultValueStack.last ?? nil }

    // MARK: Enter

    func enter(selectionSet: SelectionSet) {
        let named = type?.namedType
        parentTypeStack.append(named.flatMap { $0.isCompositeType ? $0 : nil })
    }

    func enter(field: Field) {
        var definition: FieldDefinition?
        if let parent = parentType { definition = fieldDefinition(on: parent, named: field.name.value) }
        fieldDefStack.append(definition)
        typeStack.append(definition.flatMap { $0.type.isOutputType ? $0.type : nil })
    }

    func enter(directive: Directive) {
        self.directive = schema?.directive(named: directive.name.value)
    }

    func enter(operation: OperationDefinition) {
        typeStack.append(schema?.rootType(for: operation.operation).map { .named($0) })
    }

    func enter(typeCondition: NamedTypeNode?) {
        let outputType: GraphQLType?
        if let condition = typeCondition {
            outputType = schema?.type(named: condition.name.value).map { .named($0) }
        } else {
            outputType = type.map { .named($0.namedType) }
        }
        typeStack.append(outputType.flatMap { $0.isOutputType ? $0 : nil })
    }

    func enter(variableDefinition: VariableDefinition) {
        let inputType = schema.flatMap { typeFromAST($0, variableDefinition.type) }
        inputTypeStack.append(inputType.flatMap { $0.isInputType ? $0 : nil })
    }

    func enter(argument: Argument) {
        var definition: InputValue?
        if let directive {
            definition = directive.argument(argument.name.value)
        } else if let fieldDef {
            definition = fieldDef.argument(argument.name.value)
        }
        self.argument = definition
        defaultValueStack.append(definition?.defaultValue)
        inputTypeStack.append(definition.flatMap { $0.type.isInputType ? $0.type : nil })
    }

    func enter(value: ValueNode) {
        switch value {
        case .list:
            let listType = inputType?.nullable
            var itemType = listType
            if case .list(let inner)? = listType { itemType = inner }
            defaultValueStack.append(nil)
            inputTypeStack.append(itemType.flatMap { $0.isInputType ? $0 : nil })
        case .enumValue(let name, _):
            enumValue = (inputType?.namedType as? EnumType)?.value(name)
        default:
            break
        }
    }

    func enter(objectField: ObjectField) {
        var field: InputValue?
        if let objectType = inputType?.namedType as? InputObjectType {
            field = objectType.field(objectField.name.value)
        }
        defaultValueStack.append(field?.defaultValue)
        inputTypeStack.append(field.flatMap { $0.type.isInputType ? $0.type : nil })
    }

    // MARK: Leave

    func leaveSelectionSet() { parentTypeStack.removeLast() }

    func leaveField() {
        fieldDefStack.removeLast()
        typeStack.removeLast()
    }

    func leaveDirective() { directive = nil }

    /// Operations, inline fragments and fragment definitions.
    func leaveTypeScope() { typeStack.removeLast() }

    func leaveVariableDefinition() { inputTypeStack.removeLast() }

    func leaveArgument() {
        argument = nil
        defaultValueStack.removeLast()
        inputTypeStack.removeLast()
    }

    func leave(value: ValueNode) {
        switch value {
        case .list:
            defaultValueStack.removeLast()
            inputTypeStack.removeLast()
        case .enumValue:
            enumValue = nil
        default:
            break
        }
    }

    func leaveObjectField() {
        defaultValueStack.removeLast()
        inputTypeStack.removeLast()
    }

    // MARK: Field lookup

    /// The definition of a field selected on `parent`, including the introspection meta fields:
    /// `__schema` and `__type` on the query root type, `__typename` on every composite type.
    func fieldDefinition(on parent: NamedType, named name: String) -> FieldDefinition? {
        if name.utf8.first == UInt8(ascii: "_") {
            if name == "__typename" { return IntrospectionFields.typename }
            if parent === schema?.queryType {
                if name == "__schema" { return IntrospectionFields.schema }
                if name == "__type" { return IntrospectionFields.type }
            }
        }
        return (parent as? FieldsContainer)?.field(name)
    }
}

/// The schema type a type reference in the document names, or nil if a named type is unknown.
public func typeFromAST(_ schema: GraphQLSchema, _ node: TypeNode) -> GraphQLType? {
    switch node {
    case .named(let named): schema.type(named: named.name.value).map { .named($0) }
    case .list(let inner, _): typeFromAST(schema, inner).map { .list($0) }
    case .nonNull(let inner, _): typeFromAST(schema, inner).map { .nonNull($0) }
    }
}
