/// The syntax tree of a GraphQL document, executable and type-system definitions alike
/// (spec sections 2 and 3). Every node records the byte range it spans in `Document.source`
/// so any later phase can point back at the text.

// MARK: - Document

public struct Document: Sendable, Equatable {
    public var definitions: [Definition]
    public var loc: Location
    /// The text this document was parsed from; `nil` for documents built in code.
    public var source: Source?

    public init(definitions: [Definition], loc: Location = .none, source: Source? = nil) {
        self.definitions = definitions
        self.loc = loc
        self.source = source
    }

    public static func == (lhs: Document, rhs: Document) -> Bool { lhs.definitions == rhs.definitions }
}

public enum Definition: Sendable, Equatable {
    case operation(OperationDefinition)
    case fragment(FragmentDefinition)
    case schema(SchemaDefinition)
    case type(TypeDefinition)
    case directive(DirectiveDefinition)
    case schemaExtension(SchemaExtension)
    case typeExtension(TypeExtension)

    public var loc: Location {
        switch self {
        case .operation(let d): d.loc
        case .fragment(let d): d.loc
        case .schema(let d): d.loc
        case .type(let d): d.loc
        case .directive(let d): d.loc
        case .schemaExtension(let d): d.loc
        case .typeExtension(let d): d.loc
        }
    }

    /// Operations and fragments; everything else is a type-system definition or extension.
    public var isExecutable: Bool {
        switch self {
        case .operation, .fragment: true
        default: false
        }
    }
}

// MARK: - Names

public struct Name: Sendable, Equatable {
    public var value: String
    public var loc: Location
    public init(_ value: String, loc: Location = .none) {
        self.value = value
        self.loc = loc
    }
}

// MARK: - Executable definitions

public enum OperationType: String, Sendable, Equatable {
    case query, mutation, subscription
}

public struct OperationDefinition: Sendable, Equatable {
    public var operation: OperationType
    public var name: Name?
    public var variableDefinitions: [VariableDefinition]
    public var directives: [Directive]
    public var selectionSet: SelectionSet
    public var loc: Location

    public init(operation: OperationType, name: Name? = nil, variableDefinitions: [VariableDefinition] = [],
                directives: [Directive] = [], selectionSet: SelectionSet, loc: Location = .none) {
        self.operation = operation
        self.name = name
        self.variableDefinitions = variableDefinitions
        self.directives = directives
        self.selectionSet = selectionSet
        self.loc = loc
    }
}

public struct VariableDefinition: Sendable, Equatable {
    public var variable: Variable
    public var type: TypeNode
    public var defaultValue: ValueNode?
    public var directives: [Directive]
    public var loc: Location

    public init(variable: Variable, type: TypeNode, defaultValue: ValueNode? = nil, directives: [Directive] = [],
                loc: Location = .none) {
        self.variable = variable
        self.type = type
        self.defaultValue = defaultValue
        self.directives = directives
        self.loc = loc
    }
}

public struct Variable: Sendable, Equatable {
    public var name: Name
    public var loc: Location
    public init(name: Name, loc: Location = .none) {
        self.name = name
        self.loc = loc
    }
}

public struct SelectionSet: Sendable, Equatable {
    public var selections: [Selection]
    public var loc: Location
    public init(selections: [Selection], loc: Location = .none) {
        self.selections = selections
        self.loc = loc
    }
}

public enum Selection: Sendable, Equatable {
    case field(Field)
    case fragmentSpread(FragmentSpread)
    case inlineFragment(InlineFragment)

    public var loc: Location {
        switch self {
        case .field(let f): f.loc
        case .fragmentSpread(let f): f.loc
        case .inlineFragment(let f): f.loc
        }
    }

    public var directives: [Directive] {
        switch self {
        case .field(let f): f.directives
        case .fragmentSpread(let f): f.directives
        case .inlineFragment(let f): f.directives
        }
    }
}

public struct Field: Sendable, Equatable {
    public var alias: Name?
    public var name: Name
    public var arguments: [Argument]
    public var directives: [Directive]
    public var selectionSet: SelectionSet?
    public var loc: Location

    public init(alias: Name? = nil, name: Name, arguments: [Argument] = [], directives: [Directive] = [],
                selectionSet: SelectionSet? = nil, loc: Location = .none) {
        self.alias = alias
        self.name = name
        self.arguments = arguments
        self.directives = directives
        self.selectionSet = selectionSet
        self.loc = loc
    }

    /// The key this field's value has in the response: the alias if there is one, else the name.
    public var responseKey: String { alias?.value ?? name.value }
}

public struct Argument: Sendable, Equatable {
    public var name: Name
    public var value: ValueNode
    public var loc: Location
    public init(name: Name, value: ValueNode, loc: Location = .none) {
        self.name = name
        self.value = value
        self.loc = loc
    }
}

public struct FragmentSpread: Sendable, Equatable {
    public var name: Name
    public var directives: [Directive]
    public var loc: Location
    public init(name: Name, directives: [Directive] = [], loc: Location = .none) {
        self.name = name
        self.directives = directives
        self.loc = loc
    }
}

public struct InlineFragment: Sendable, Equatable {
    public var typeCondition: NamedTypeNode?
    public var directives: [Directive]
    public var selectionSet: SelectionSet
    public var loc: Location
    public init(typeCondition: NamedTypeNode? = nil, directives: [Directive] = [], selectionSet: SelectionSet,
                loc: Location = .none) {
        self.typeCondition = typeCondition
        self.directives = directives
        self.selectionSet = selectionSet
        self.loc = loc
    }
}

public struct FragmentDefinition: Sendable, Equatable {
    public var name: Name
    /// Legacy fragment variables are not part of the spec; the parser rejects them.
    public var typeCondition: NamedTypeNode
    public var directives: [Directive]
    public var selectionSet: SelectionSet
    public var loc: Location
    public init(name: Name, typeCondition: NamedTypeNode, directives: [Directive] = [], selectionSet: SelectionSet,
                loc: Location = .none) {
        self.name = name
        self.typeCondition = typeCondition
        self.directives = directives
        self.selectionSet = selectionSet
        self.loc = loc
    }
}

// MARK: - Values

public indirect enum ValueNode: Sendable, Equatable {
    case variable(Variable)
    /// The literal's text as written, e.g. `-12`; converted when coerced so precision is kept.
    case int(String, Location)
    case float(String, Location)
    case string(String, block: Bool, Location)
    case boolean(Bool, Location)
    case null(Location)
    case enumValue(String, Location)
    case list([ValueNode], Location)
    case object([ObjectField], Location)

    public var loc: Location {
        switch self {
        case .variable(let v): v.loc
        case .int(_, let l), .float(_, let l), .string(_, _, let l), .boolean(_, let l), .null(let l),
             .enumValue(_, let l), .list(_, let l), .object(_, let l): l
        }
    }
}

public struct ObjectField: Sendable, Equatable {
    public var name: Name
    public var value: ValueNode
    public var loc: Location
    public init(name: Name, value: ValueNode, loc: Location = .none) {
        self.name = name
        self.value = value
        self.loc = loc
    }
}

// MARK: - Directives and type references

public struct Directive: Sendable, Equatable {
    public var name: Name
    public var arguments: [Argument]
    public var loc: Location
    public init(name: Name, arguments: [Argument] = [], loc: Location = .none) {
        self.name = name
        self.arguments = arguments
        self.loc = loc
    }
}

public struct NamedTypeNode: Sendable, Equatable {
    public var name: Name
    public var loc: Location
    public init(name: Name, loc: Location = .none) {
        self.name = name
        self.loc = loc
    }
}

public indirect enum TypeNode: Sendable, Equatable {
    case named(NamedTypeNode)
    case list(TypeNode, Location)
    case nonNull(TypeNode, Location)

    public var loc: Location {
        switch self {
        case .named(let n): n.loc
        case .list(_, let l), .nonNull(_, let l): l
        }
    }

    /// The named type at the core of list and non-null wrappers.
    public var namedType: NamedTypeNode {
        switch self {
        case .named(let n): n
        case .list(let t, _), .nonNull(let t, _): t.namedType
        }
    }
}

// MARK: - Type system definitions

public struct StringValueNode: Sendable, Equatable {
    public var value: String
    public var block: Bool
    public var loc: Location
    public init(value: String, block: Bool = false, loc: Location = .none) {
        self.value = value
        self.block = block
        self.loc = loc
    }
}

public struct SchemaDefinition: Sendable, Equatable {
    public var description: StringValueNode?
    public var directives: [Directive]
    public var operationTypes: [OperationTypeDefinition]
    public var loc: Location
    public init(description: StringValueNode? = nil, directives: [Directive] = [],
                operationTypes: [OperationTypeDefinition], loc: Location = .none) {
        self.description = description
        self.directives = directives
        self.operationTypes = operationTypes
        self.loc = loc
    }
}

public struct OperationTypeDefinition: Sendable, Equatable {
    public var operation: OperationType
    public var type: NamedTypeNode
    public var loc: Location
    public init(operation: OperationType, type: NamedTypeNode, loc: Location = .none) {
        self.operation = operation
        self.type = type
        self.loc = loc
    }
}

public struct SchemaExtension: Sendable, Equatable {
    public var directives: [Directive]
    public var operationTypes: [OperationTypeDefinition]
    public var loc: Location
    public init(directives: [Directive] = [], operationTypes: [OperationTypeDefinition] = [], loc: Location = .none) {
        self.directives = directives
        self.operationTypes = operationTypes
        self.loc = loc
    }
}

public enum TypeDefinitionKind: String, Sendable, Equatable {
    case scalar, object = "type", interface, union, `enum`, inputObject = "input"
}

/// One node for all six kinds of type definition; the fields a kind does not use stay empty.
/// A single shape keeps the parser, printer, extension merging and SDL rules short.
public struct TypeDefinition: Sendable, Equatable {
    public var kind: TypeDefinitionKind
    public var description: StringValueNode?
    public var name: Name
    /// Object and interface types: the interfaces they implement.
    public var interfaces: [NamedTypeNode]
    public var directives: [Directive]
    /// Object and interface types.
    public var fields: [FieldDefinitionNode]
    /// Union types.
    public var unionMembers: [NamedTypeNode]
    /// Enum types.
    public var enumValues: [EnumValueDefinitionNode]
    /// Input object types.
    public var inputFields: [InputValueDefinitionNode]
    public var loc: Location

    public init(kind: TypeDefinitionKind, description: StringValueNode? = nil, name: Name,
                interfaces: [NamedTypeNode] = [], directives: [Directive] = [], fields: [FieldDefinitionNode] = [],
                unionMembers: [NamedTypeNode] = [], enumValues: [EnumValueDefinitionNode] = [],
                inputFields: [InputValueDefinitionNode] = [], loc: Location = .none) {
        self.kind = kind
        self.description = description
        self.name = name
        self.interfaces = interfaces
        self.directives = directives
        self.fields = fields
        self.unionMembers = unionMembers
        self.enumValues = enumValues
        self.inputFields = inputFields
        self.loc = loc
    }
}

/// `extend type …` and friends: the same shape as a definition, without a description.
public struct TypeExtension: Sendable, Equatable {
    public var definition: TypeDefinition
    public var loc: Location { definition.loc }
    public init(definition: TypeDefinition) { self.definition = definition }
}

public struct FieldDefinitionNode: Sendable, Equatable {
    public var description: StringValueNode?
    public var name: Name
    public var arguments: [InputValueDefinitionNode]
    public var type: TypeNode
    public var directives: [Directive]
    public var loc: Location
    public init(description: StringValueNode? = nil, name: Name, arguments: [InputValueDefinitionNode] = [],
                type: TypeNode, directives: [Directive] = [], loc: Location = .none) {
        self.description = description
        self.name = name
        self.arguments = arguments
        self.type = type
        self.directives = directives
        self.loc = loc
    }
}

public struct InputValueDefinitionNode: Sendable, Equatable {
    public var description: StringValueNode?
    public var name: Name
    public var type: TypeNode
    public var defaultValue: ValueNode?
    public var directives: [Directive]
    public var loc: Location
    public init(description: StringValueNode? = nil, name: Name, type: TypeNode, defaultValue: ValueNode? = nil,
                directives: [Directive] = [], loc: Location = .none) {
        self.description = description
        self.name = name
        self.type = type
        self.defaultValue = defaultValue
        self.directives = directives
        self.loc = loc
    }
}

public struct EnumValueDefinitionNode: Sendable, Equatable {
    public var description: StringValueNode?
    public var name: Name
    public var directives: [Directive]
    public var loc: Location
    public init(description: StringValueNode? = nil, name: Name, directives: [Directive] = [], loc: Location = .none) {
        self.description = description
        self.name = name
        self.directives = directives
        self.loc = loc
    }
}

public struct DirectiveDefinition: Sendable, Equatable {
    public var description: StringValueNode?
    public var name: Name
    public var arguments: [InputValueDefinitionNode]
    public var repeatable: Bool
    public var locations: [Name]
    public var loc: Location
    public init(description: StringValueNode? = nil, name: Name, arguments: [InputValueDefinitionNode] = [],
                repeatable: Bool = false, locations: [Name], loc: Location = .none) {
        self.description = description
        self.name = name
        self.arguments = arguments
        self.repeatable = repeatable
        self.locations = locations
        self.loc = loc
    }
}

/// Where a directive may appear (spec 3.13 `DirectiveLocations`).
public enum DirectiveLocation: String, Sendable, CaseIterable, Equatable {
    case query = "QUERY", mutation = "MUTATION", subscription = "SUBSCRIPTION", field = "FIELD"
    case fragmentDefinition = "FRAGMENT_DEFINITION", fragmentSpread = "FRAGMENT_SPREAD"
    case inlineFragment = "INLINE_FRAGMENT", variableDefinition = "VARIABLE_DEFINITION"
    case schema = "SCHEMA", scalar = "SCALAR", object = "OBJECT", fieldDefinition = "FIELD_DEFINITION"
    case argumentDefinition = "ARGUMENT_DEFINITION", interface = "INTERFACE", union = "UNION"
    case `enum` = "ENUM", enumValue = "ENUM_VALUE", inputObject = "INPUT_OBJECT"
    case inputFieldDefinition = "INPUT_FIELD_DEFINITION"
}
