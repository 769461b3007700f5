/// The type system (spec section 3) as built, linked objects. Named types are classes so that
/// fields can refer to their types directly (no name lookups while validating or executing).
///
/// Concurrency: every type is mutated only while `SchemaBuilder` links a schema together and
/// is immutable once the `GraphQLSchema` that owns it has been returned; that is why the
/// classes are `@unchecked Sendable`.

public enum TypeKind: String, Sendable {
    case scalar = "SCALAR", object = "OBJECT", interface = "INTERFACE", union = "UNION", `enum` = "ENUM"
    case inputObject = "INPUT_OBJECT", list = "LIST", nonNull = "NON_NULL"
}

/// Base of the six named types. Identity is equality: a schema holds one object per name.
public class NamedType: @unchecked Sendable, Hashable {
    public let name: String
    public internal(set) var description: String?
    public let kind: TypeKind
    public internal(set) var astNode: TypeDefinition?
    public internal(set) var extensionASTNodes: [TypeExtension] = []

    init(name: String, description: String?, kind: TypeKind, astNode: TypeDefinition?) {
        self.name = name
        self.description = description
        self.kind = kind
        self.astNode = astNode
    }

    public static func == (lhs: NamedType, rhs: NamedType) -> Bool { lhs === rhs }
    public func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }

    /// Scalars, enums and input objects may be used as inputs.
    public var isInputType: Bool { kind == .scalar || kind == .enum || kind == .inputObject }
    /// Everything but input objects may be used as outputs.
    public var isOutputType: Bool { kind != .inputObject }
    public var isLeafType: Bool { kind == .scalar || kind == .enum }
    public var isCompositeType: Bool { kind == .object || kind == .interface || kind == .union }
    public var isAbstractType: Bool { kind == .interface || kind == .union }
}

/// Coercion functions of a scalar (spec 3.5): how results serialise, and how variable values
/// and literals become internal values. Errors thrown are turned into located GraphQL errors.
public struct ScalarCoercion: Sendable {
    /// Result coercion: a resolver's leaf value to the value placed in the response.
    public var serialize: @Sendable (Value) throws -> Value
    /// Input coercion of a value that arrived in the variables JSON.
    public var parseValue: @Sendable (Value) throws -> Value
    /// Input coercion of a literal in the document (variables already substituted).
    public var parseLiteral: @Sendable (ValueNode) throws -> Value

    public init(serialize: @escaping @Sendable (Value) throws -> Value,
                parseValue: @escaping @Sendable (Value) throws -> Value,
                parseLiteral: @escaping @Sendable (ValueNode) throws -> Value) {
        self.serialize = serialize
        self.parseValue = parseValue
        self.parseLiteral = parseLiteral
    }
}

/// A coercion failure with a message meant for the client.
public struct CoercionError: Error, Sendable {
    public var message: String
    public init(_ message: String) { self.message = message }
}

public final class ScalarType: NamedType, @unchecked Sendable {
    public internal(set) var specifiedByURL: String?
    public let coercion: ScalarCoercion

    public init(name: String, description: String? = nil, specifiedByURL: String? = nil, coercion: ScalarCoercion,
                astNode: TypeDefinition? = nil) {
        self.specifiedByURL = specifiedByURL
        self.coercion = coercion
        super.init(name: name, description: description, kind: .scalar, astNode: astNode)
    }
}

/// Fields of object and interface types, in definition order, with a hashed lookup.
public final class FieldDefinition: @unchecked Sendable {
    public let name: String
    public internal(set) var description: String?
    public internal(set) var arguments: [InputValue]
    public internal(set) var type: GraphQLType
    public internal(set) var deprecationReason: String?
    public internal(set) var astNode: FieldDefinitionNode?

    public init(name: String, description: String? = nil, arguments: [InputValue] = [], type: GraphQLType,
                deprecationReason: String? = nil, astNode: FieldDefinitionNode? = nil) {
        self.name = name
        self.description = description
        self.arguments = arguments
        self.type = type
        self.deprecationReason = deprecationReason
        self.astNode = astNode
    }

    public var isDeprecated: Bool { deprecationReason != nil }
    public func argument(_ name: String) -> InputValue? { arguments.first { $0.name == name } }
}

/// An argument of a field or directive, or a field of an input object.
public final class InputValue: @unchecked Sendable {
    public let name: String
    public internal(set) var description: String?
    public internal(set) var type: GraphQLType
    /// The default as written in SDL; coerced against `type` where it is used.
    public internal(set) var defaultValue: ValueNode?
    public internal(set) var deprecationReason: String?
    public internal(set) var astNode: InputValueDefinitionNode?

    public init(name: String, description: String? = nil, type: GraphQLType, defaultValue: ValueNode? = nil,
                deprecationReason: String? = nil, astNode: InputValueDefinitionNode? = nil) {
        self.name = name
        self.description = description
        self.type = type
        self.defaultValue = defaultValue
        self.deprecationReason = deprecationReason
        self.astNode = astNode
    }

    public var isDeprecated: Bool { deprecationReason != nil }
    /// Required: non-null and without a default.
    public var isRequired: Bool { type.isNonNull && defaultValue == nil }
}

/// Shared by object and interface types.
public class FieldsContainer: NamedType, @unchecked Sendable {
    public internal(set) var fields: [FieldDefinition] = []
    public internal(set) var fieldsByName: [String: FieldDefinition] = [:]
    public internal(set) var interfaces: [InterfaceType] = []

    public func field(_ name: String) -> FieldDefinition? { fieldsByName[name] }

    func setFields(_ list: [FieldDefinition]) {
        fields = list
        fieldsByName = Dictionary(list.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    func setInterfaces(_ list: [InterfaceType]) { interfaces = list }
}

public final class ObjectType: FieldsContainer, @unchecked Sendable {
    public init(name: String, description: String? = nil, astNode: TypeDefinition? = nil) {
        super.init(name: name, description: description, kind: .object, astNode: astNode)
    }
}

public final class InterfaceType: FieldsContainer, @unchecked Sendable {
    public init(name: String, description: String? = nil, astNode: TypeDefinition? = nil) {
        super.init(name: name, description: description, kind: .interface, astNode: astNode)
    }
}

public final class UnionType: NamedType, @unchecked Sendable {
    public internal(set) var types: [ObjectType] = []
    public init(name: String, description: String? = nil, astNode: TypeDefinition? = nil) {
        super.init(name: name, description: description, kind: .union, astNode: astNode)
    }
}

public final class EnumValue: @unchecked Sendable {
    public let name: String
    public internal(set) var description: String?
    public internal(set) var deprecationReason: String?
    public internal(set) var astNode: EnumValueDefinitionNode?
    public init(name: String, description: String? = nil, deprecationReason: String? = nil,
                astNode: EnumValueDefinitionNode? = nil) {
        self.name = name
        self.description = description
        self.deprecationReason = deprecationReason
        self.astNode = astNode
    }
    public var isDeprecated: Bool { deprecationReason != nil }
}

public final class EnumType: NamedType, @unchecked Sendable {
    public internal(set) var values: [EnumValue] = []
    public internal(set) var valuesByName: [String: EnumValue] = [:]
    public init(name: String, description: String? = nil, astNode: TypeDefinition? = nil) {
        super.init(name: name, description: description, kind: .enum, astNode: astNode)
    }
    public func value(_ name: String) -> EnumValue? { valuesByName[name] }
    func setValues(_ list: [EnumValue]) {
        values = list
        valuesByName = Dictionary(list.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

public final class InputObjectType: NamedType, @unchecked Sendable {
    public internal(set) var fields: [InputValue] = []
    public internal(set) var fieldsByName: [String: InputValue] = [:]
    /// `@oneOf`: exactly one field must be given, and it must not be null.
    public internal(set) var isOneOf: Bool = false
    public init(name: String, description: String? = nil, astNode: TypeDefinition? = nil) {
        super.init(name: name, description: description, kind: .inputObject, astNode: astNode)
    }
    public func field(_ name: String) -> InputValue? { fieldsByName[name] }
    func setFields(_ list: [InputValue]) {
        fields = list
        fieldsByName = Dictionary(list.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }
}

/// A type reference: a named type wrapped in any number of list and non-null modifiers.
public indirect enum GraphQLType: Sendable, Hashable, CustomStringConvertible {
    case named(NamedType)
    case list(GraphQLType)
    case nonNull(GraphQLType)

    public var namedType: NamedType {
        switch self {
        case .named(let t): t
        case .list(let t), .nonNull(let t): t.namedType
        }
    }

    public var isNonNull: Bool { if case .nonNull = self { true } else { false } }
    public var isList: Bool { if case .list = self { true } else { false } }

    /// The type without its outermost non-null wrapper.
    public var nullable: GraphQLType {
        if case .nonNull(let t) = self { return t }
        return self
    }

    public var isInputType: Bool { namedType.isInputType }
    public var isOutputType: Bool { namedType.isOutputType }

    public var description: String {
        switch self {
        case .named(let t): t.name
        case .list(let t): "[\(t)]"
        case .nonNull(let t): "\(t)!"
        }
    }
}

/// A directive definition (spec 3.13).
public final class DirectiveType: @unchecked Sendable {
    public let name: String
    public internal(set) var description: String?
    public internal(set) var locations: [DirectiveLocation]
    public internal(set) var arguments: [InputValue]
    public internal(set) var isRepeatable: Bool
    public internal(set) var astNode: DirectiveDefinition?

    public init(name: String, description: String? = nil, locations: [DirectiveLocation], arguments: [InputValue] = [],
                isRepeatable: Bool = false, astNode: DirectiveDefinition? = nil) {
        self.name = name
        self.description = description
        self.locations = locations
        self.arguments = arguments
        self.isRepeatable = isRepeatable
        self.astNode = astNode
    }

    public func argument(_ name: String) -> InputValue? { arguments.first { $0.name == name } }
}
