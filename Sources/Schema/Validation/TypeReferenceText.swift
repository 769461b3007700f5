/// A type reference as written in GraphQL syntax, e.g. `[String!]!`, for error messages.
func typeReferenceText(_ type: TypeNode) -> String {
    switch type {
    case .named(let named): named.name.value
    case .list(let inner, _): "[" + typeReferenceText(inner) + "]"
    case .nonNull(let inner, _): typeReferenceText(inner) + "!"
    }
}
