/// Validates an executable document against a schema (spec section 5): all `rules` run in one
/// traversal. Returns the errors in the order found (empty when the document is valid); after
/// `maxErrors` errors validation stops with a final "Too many validation errors" error.
public func validate(schema: GraphQLSchema, document: Document,
                     rules: [any ValidationRule.Type] = specifiedRules, maxErrors: Int = 100) -> [GraphQLError] {
    let context = ValidationContext(schema: schema, document: document, maxErrors: maxErrors)
    runRules(rules, context: context)
    return context.errors
}

/// Validates a type-system document (SDL), optionally as an extension of `schema`, with the rules
/// that apply to SDL.
public func validateSDL(_ document: Document, schema: GraphQLSchema? = nil,
                        rules: [any ValidationRule.Type] = specifiedSDLRules) -> [GraphQLError] {
    let context = ValidationContext(schema: schema, document: document, maxErrors: Int.max)
    runRules(rules, context: context)
    return context.errors
}

private func runRules(_ rules: [any ValidationRule.Type], context: ValidationContext) {
    let dispatcher = RuleDispatcher(rules: rules.map { $0.init(context: context) }, context: context)
    DocumentWalker(visitor: dispatcher).walk(context.document)
}

/// Forwards every hook to all rules, keeping the context's type information in step:
/// type information enters a node before the rules do, and leaves it after them.
final class RuleDispatcher: WalkingVisitor {
    let rules: [any ValidationRule]
    let context: ValidationContext
    let typeInfo: TypeInfo

    init(rules: [any ValidationRule], context: ValidationContext) {
        self.rules = rules
        self.context = context
        self.typeInfo = context.typeInfo
    }

    var isStopped: Bool { context.isAborted }

    func enter(document: Document) { for r in rules { r.enter(document: document) } }
    func leave(document: Document) { for r in rules { r.leave(document: document) } }

    func enter(operation: OperationDefinition) {
        typeInfo.enter(operation: operation)
        for r in rules { r.enter(operation: operation) }
    }
    func leave(operation: OperationDefinition) {
        for r in rules { r.leave(operation: operation) }
        typeInfo.leaveTypeScope()
    }

    func enter(variableDefinition: VariableDefinition) {
        typeInfo.enter(variableDefinition: variableDefinition)
        for r in rules { r.enter(variableDefinition: variableDefinition) }
    }
    func leave(variableDefinition: VariableDefinition) {
        for r in rules { r.leave(variableDefinition: variableDefinition) }
        typeInfo.leaveVariableDefinition()
    }

    func enter(selectionSet: SelectionSet) {
        typeInfo.enter(selectionSet: selectionSet)
        for r in rules { r.enter(selectionSet: selectionSet) }
    }
    func leave(selectionSet: SelectionSet) {
        for r in rules { r.leave(selectionSet: selectionSet) }
        typeInfo.leaveSelectionSet()
    }

    func enter(field: Field) {
        typeInfo.enter(field: field)
        for r in rules { r.enter(field: field) }
    }
    func leave(field: Field) {
        for r in rules { r.leave(field: field) }
        typeInfo.leaveField()
    }

    func enter(argument: Argument) {
        typeInfo.enter(argument: argument)
        for r in rules { r.enter(argument: argument) }
    }
    func leave(argument: Argument) {
        for r in rules { r.leave(argument: argument) }
        typeInfo.leaveArgument()
    }

    func enter(fragmentSpread: FragmentSpread) { for r in rules { r.enter(fragmentSpread: fragmentSpread) } }
    func leave(fragmentSpread: FragmentSpread) { for r in rules { r.leave(fragmentSpread: fragmentSpread) } }

    func enter(inlineFragment: InlineFragment) {
        typeInfo.enter(typeCondition: inlineFragment.typeCondition)
        for r in rules { r.enter(inlineFragment: inlineFragment) }
    }
    func leave(inlineFragment: InlineFragment) {
        for r in rules { r.leave(inlineFragment: inlineFragment) }
        typeInfo.leaveTypeScope()
    }

    func enter(fragmentDefinition: FragmentDefinition) {
        typeInfo.enter(typeCondition: fragmentDefinition.typeCondition)
        for r in rules { r.enter(fragmentDefinition: fragmentDefinition) }
    }
    func leave(fragmentDefinition: FragmentDefinition) {
        for r in rules { r.leave(fragmentDefinition: fragmentDefinition) }
        typeInfo.leaveTypeScope()
    }

    func enter(directives: [Directive], on location: DirectiveLocation) {
        context.directiveLocation = location
        for r in rules { r.enter(directives: directives, on: location) }
    }
    func enter(directive: Directive) {
        typeInfo.enter(directive: directive)
        for r in rules { r.enter(directive: directive) }
    }
    func leave(directive: Directive) {
        for r in rules { r.leave(directive: directive) }
        typeInfo.leaveDirective()
    }

    func enter(value: ValueNode) {
        typeInfo.enter(value: value)
        for r in rules { r.enter(value: value) }
    }
    func leave(value: ValueNode) {
        for r in rules { r.leave(value: value) }
        typeInfo.leave(value: value)
    }

    func enter(objectField: ObjectField) {
        typeInfo.enter(objectField: objectField)
        for r in rules { r.enter(objectField: objectField) }
    }
    func leave(objectField: ObjectField) {
        for r in rules { r.leave(objectField: objectField) }
        typeInfo.leaveObjectField()
    }

    func enter(namedType: NamedTypeNode) { for r in rules { r.enter(namedType: namedType) } }

    func enter(schemaDefinition: SchemaDefinition) { for r in rules { r.enter(schemaDefinition: schemaDefinition) } }
    func leave(schemaDefinition: SchemaDefinition) { for r in rules { r.leave(schemaDefinition: schemaDefinition) } }
    func enter(schemaExtension: SchemaExtension) { for r in rules { r.enter(schemaExtension: schemaExtension) } }
    func leave(schemaExtension: SchemaExtension) { for r in rules { r.leave(schemaExtension: schemaExtension) } }
    func enter(operationTypeDefinition: OperationTypeDefinition) {
        for r in rules { r.enter(operationTypeDefinition: operationTypeDefinition) }
    }
    func enter(typeDefinition: TypeDefinition) { for r in rules { r.enter(typeDefinition: typeDefinition) } }
    func leave(typeDefinition: TypeDefinition) { for r in rules { r.leave(typeDefinition: typeDefinition) } }
    func enter(typeExtension: TypeExtension) { for r in rules { r.enter(typeExtension: typeExtension) } }
    func leave(typeExtension: TypeExtension) { for r in rules { r.leave(typeExtension: typeExtension) } }
    func enter(fieldDefinition: FieldDefinitionNode) { for r in rules { r.enter(fieldDefinition: fieldDefinition) } }
    func leave(fieldDefinition: FieldDefinitionNode) { for r in rules { r.leave(fieldDefinition: fieldDefinition) } }
    func enter(inputValueDefinition: InputValueDefinitionNode) {
        for r in rules { r.enter(inputValueDefinition: inputValueDefinition) }
    }
    func leave(inputValueDefinition: InputValueDefinitionNode) {
        for r in rules { r.leave(inputValueDefinition: inputValueDefinition) }
    }
    func enter(enumValueDefinition: EnumValueDefinitionNode) {
        for r in rules { r.enter(enumValueDefinition: enumValueDefinition) }
    }
    func enter(directiveDefinition: DirectiveDefinition) {
        for r in rules { r.enter(directiveDefinition: directiveDefinition) }
    }
    func leave(directiveDefinition: DirectiveDefinition) {
        for r in rules { r.leave(directiveDefinition: directiveDefinition) }
    }
}
