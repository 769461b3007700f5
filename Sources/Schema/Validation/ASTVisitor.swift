/// Enter/leave hooks for every kind of node the validation walker visits, each typed by the
/// node it receives, so rules never cast. Every hook has a no-op default: a rule implements
/// only the ones it needs.
///
/// Order: for a node, `enter` runs before its children are visited and `leave` after; the
/// children are visited in the order graphql-js visits them (e.g. a field's arguments before its
/// directives, before its selection set).
public protocol ASTVisitor: AnyObject {
    func enter(document: Document)
    func leave(document: Document)

    // Executable definitions
    func enter(operation: OperationDefinition)
    func leave(operation: OperationDefinition)
    func enter(variableDefinition: VariableDefinition)
    func leave(variableDefinition: VariableDefinition)
    func enter(selectionSet: SelectionSet)
    func leave(selectionSet: SelectionSet)
    func enter(field: Field)
    func leave(field: Field)
    func enter(argument: Argument)
    func leave(argument: Argument)
    func enter(fragmentSpread: FragmentSpread)
    func leave(fragmentSpread: FragmentSpread)
    func enter(inlineFragment: InlineFragment)
    func leave(inlineFragment: InlineFragment)
    func enter(fragmentDefinition: FragmentDefinition)
    func leave(fragmentDefinition: FragmentDefinition)

    /// Called once for each non-empty directive list, before its directives are visited, with the
    /// location those directives are applied at. (`ValidationContext.directiveLocation` holds the
    /// same location while the directives are visited.)
    func enter(directives: [Directive], on location: DirectiveLocation)
    func enter(directive: Directive)
    func leave(directive: Directive)

    /// Every value literal: arguments, default values, list items and object field values,
    /// variable references included.
    func enter(value: ValueNode)
    func leave(value: ValueNode)
    func enter(objectField: ObjectField)
    func leave(objectField: ObjectField)

    /// Every named type reference (variable types, type conditions, and all type references in
    /// type-system definitions).
    func enter(namedType: NamedTypeNode)

    // Type-system definitions and extensions
    func enter(schemaDefinition: SchemaDefinition)
    func leave(schemaDefinition: SchemaDefinition)
    func enter(schemaExtension: SchemaExtension)
    func leave(schemaExtension: SchemaExtension)
    func enter(operationTypeDefinition: OperationTypeDefinition)
    func enter(typeDefinition: TypeDefinition)
    func leave(typeDefinition: TypeDefinition)
    func enter(typeExtension: TypeExtension)
    func leave(typeExtension: TypeExtension)
    func enter(fieldDefinition: FieldDefinitionNode)
    func leave(fieldDefinition: FieldDefinitionNode)
    func enter(inputValueDefinition: InputValueDefinitionNode)
    func leave(inputValueDefinition: InputValueDefinitionNode)
    func enter(enumValueDefinition: EnumValueDefinitionNode)
    func enter(directiveDefinition: DirectiveDefinition)
    func leave(directiveDefinition: DirectiveDefinition)
}

extension ASTVisitor {
    public func enter(document: Document) {}
    public func leave(document: Document) {}
    public func enter(operation: OperationDefinition) {}
    public func leave(operation: OperationDefinition) {}
    public func enter(variableDefinition: VariableDefinition) {}
    public func leave(variableDefinition: VariableDefinition) {}
    public func enter(selectionSet: SelectionSet) {}
    public func leave(selectionSet: SelectionSet) {}
    public func enter(field: Field) {}
    public func leave(field: Field) {}
    public func enter(argument: Argument) {}
    public func leave(argument: Argument) {}
    public func enter(fragmentSpread: FragmentSpread) {}
    public func leave(fragmentSpread: FragmentSpread) {}
    public func enter(inlineFragment: InlineFragment) {}
    public func leave(inlineFragment: InlineFragment) {}
    public func enter(fragmentDefinition: FragmentDefinition) {}
    public func leave(fragmentDefinition: FragmentDefinition) {}
    public func enter(directives: [Directive], on location: DirectiveLocation) {}
    public func enter(directive: Directive) {}
    public func leave(directive: Directive) {}
    public func enter(value: ValueNode) {}
    public func leave(value: ValueNode) {}
    public func enter(objectField: ObjectField) {}
    public func leave(objectField: ObjectField) {}
    public func enter(namedType: NamedTypeNode) {}
    public func enter(schemaDefinition: SchemaDefinition) {}
    public func leave(schemaDefinition: SchemaDefinition) {}
    public func enter(schemaExtension: SchemaExtension) {}
    public func leave(schemaExtension: SchemaExtension) {}
    public func enter(operationTypeDefinition: OperationTypeDefinition) {}
    public func enter(typeDefinition: TypeDefinition) {}
    public func leave(typeDefinition: TypeDefinition) {}
    public func enter(typeExtension: TypeExtension) {}
    public func leave(typeExtension: TypeExtension) {}
    public func enter(fieldDefinition: FieldDefinitionNode) {}
    public func leave(fieldDefinition: FieldDefinitionNode) {}
    public func enter(inputValueDefinition: InputValueDefinitionNode) {}
    public func leave(inputValueDefinition: InputValueDefinitionNode) {}
    public func enter(enumValueDefinition: EnumValueDefinitionNode) {}
    public func enter(directiveDefinition: DirectiveDefinition) {}
    public func leave(directiveDefinition: DirectiveDefinition) {}
}
