/// A visitor the walker can ask whether to stop (validation stops once the error cap is hit).
protocol WalkingVisitor: ASTVisitor {
    var isStopped: Bool { get }
}

/// Depth-first traversal of a document that calls a visitor's enter/leave hooks on every node,
/// children in graphql-js visiting order. Recursion depth follows the document's nesting, which
/// the parser bounds (`ParseOptions.maxDepth`).
struct DocumentWalker<V: WalkingVisitor> {
    let visitor: V

    func walk(_ document: Document) {
        visitor.enter(document: document)
        for definition in document.definitions {
            if visitor.isStopped { return }
            walk(definition)
        }
        if visitor.isStopped { return }
        visitor.leave(document: document)
    }

    func walk(_ definition: Definition) {
        switch definition {
        case .operation(let op): walk(op)
        case .fragment(let fragment): walk(fragment)
        case .schema(let schema):
            visitor.enter(schemaDefinition: schema)
            walk(schema.directives, on: .schema)
            for operationType in schema.operationTypes { walk(operationType) }
            visitor.leave(schemaDefinition: schema)
        case .schemaExtension(let ext):
            visitor.enter(schemaExtension: ext)
            walk(ext.directives, on: .schema)
            for operationType in ext.operationTypes { walk(operationType) }
            visitor.leave(schemaExtension: ext)
        case .type(let type):
            visitor.enter(typeDefinition: type)
            walkTypeBody(type)
            visitor.leave(typeDefinition: type)
        case .typeExtension(let ext):
            visitor.enter(typeExtension: ext)
            walkTypeBody(ext.definition)
            visitor.leave(typeExtension: ext)
        case .directive(let directive):
            visitor.enter(directiveDefinition: directive)
            for argument in directive.arguments { walk(argument, on: .argumentDefinition) }
            visitor.leave(directiveDefinition: directive)
        }
    }

    // MARK: Executable nodes

    func walk(_ op: OperationDefinition) {
        visitor.enter(operation: op)
        for variableDefinition in op.variableDefinitions { walk(variableDefinition) }
        let location: DirectiveLocation = switch op.operation {
        case .query: .query
        case .mutation: .mutation
        case .subscription: .subscription
        }
        walk(op.directives, on: location)
        walk(op.selectionSet)
        visitor.leave(operation: op)
    }

    func walk(_ fragment: FragmentDefinition) {
        visitor.enter(fragmentDefinition: fragment)
        visitor.enter(namedType: fragment.typeCondition)
        walk(fragment.directives, on: .fragmentDefinition)
        walk(fragment.selectionSet)
        visitor.leave(fragmentDefinition: fragment)
    }

    func walk(_ variableDefinition: VariableDefinition) {
        visitor.enter(variableDefinition: variableDefinition)
        walk(variableDefinition.type)
        if let defaultValue = variableDefinition.defaultValue { walk(defaultValue) }
        walk(variableDefinition.directives, on: .variableDefinition)
        visitor.leave(variableDefinition: variableDefinition)
    }

    func walk(_ selectionSet: SelectionSet) {
        if visitor.isStopped { return }
        visitor.enter(selectionSet: selectionSet)
        for selection in selectionSet.selections {
            if visitor.isStopped { return }
            switch selection {
            case .field(let field):
                visitor.enter(field: field)
                for argument in field.arguments { walk(argument) }
                walk(field.directives, on: .field)
                if let subSelection = field.selectionSet { walk(subSelection) }
                visitor.leave(field: field)
            case .fragmentSpread(let spread):
                visitor.enter(fragmentSpread: spread)
                walk(spread.directives, on: .fragmentSpread)
                visitor.leave(fragmentSpread: spread)
            case .inlineFragment(let fragment):
                visitor.enter(inlineFragment: fragment)
                if let condition = fragment.typeCondition { visitor.enter(namedType: condition) }
                walk(fragment.directives, on: .inlineFragment)
                walk(fragment.selectionSet)
                visitor.leave(inlineFragment: fragment)
            }
        }
        visitor.leave(selectionSet: selectionSet)
    }

    func walk(_ argument: Argument) {
        visitor.enter(argument: argument)
        walk(argument.value)
        visitor.leave(argument: argument)
    }

    func walk(_ directives: [Directive], on location: DirectiveLocation) {
        if directives.isEmpty || visitor.isStopped { return }
        visitor.enter(directives: directives, on: location)
        for directive in directives {
            visitor.enter(directive: directive)
            for argument in directive.arguments { walk(argument) }
            visitor.leave(directive: directive)
        }
    }

    func walk(_ value: ValueNode) {
        visitor.enter(value: value)
        switch value {
        case .list(let items, _):
            for item in items { walk(item) }
        case .object(let fields, _):
            for field in fields {
                visitor.enter(objectField: field)
                walk(field.value)
                visitor.leave(objectField: field)
            }
        default:
            break
        }
        visitor.leave(value: value)
    }

    func walk(_ type: TypeNode) {
        switch type {
        case .named(let named): visitor.enter(namedType: named)
        case .list(let inner, _), .nonNull(let inner, _): walk(inner)
        }
    }

    // MARK: Type-system nodes

    func walk(_ operationType: OperationTypeDefinition) {
        visitor.enter(operationTypeDefinition: operationType)
        visitor.enter(namedType: operationType.type)
    }

    /// The children of a type definition or extension, in graphql-js order for its kind.
    func walkTypeBody(_ type: TypeDefinition) {
        switch type.kind {
        case .scalar:
            walk(type.directives, on: .scalar)
        case .object, .interface:
            for interface in type.interfaces { visitor.enter(namedType: interface) }
            walk(type.directives, on: type.kind == .object ? .object : .interface)
            for field in type.fields {
                visitor.enter(fieldDefinition: field)
                for argument in field.arguments { walk(argument, on: .argumentDefinition) }
                walk(field.type)
                walk(field.directives, on: .fieldDefinition)
                visitor.leave(fieldDefinition: field)
            }
        case .union:
            walk(type.directives, on: .union)
            for member in type.unionMembers { visitor.enter(namedType: member) }
        case .enum:
            walk(type.directives, on: .enum)
            for value in type.enumValues {
                visitor.enter(enumValueDefinition: value)
                walk(value.directives, on: .enumValue)
            }
        case .inputObject:
            walk(type.directives, on: .inputObject)
            for field in type.inputFields { walk(field, on: .inputFieldDefinition) }
        }
    }

    /// An argument definition or input field definition; `location` says which.
    func walk(_ input: InputValueDefinitionNode, on location: DirectiveLocation) {
        visitor.enter(inputValueDefinition: input)
        walk(input.type)
        if let defaultValue = input.defaultValue { walk(defaultValue) }
        walk(input.directives, on: location)
        visitor.leave(inputValueDefinition: input)
    }
}
