/// SDL validation (spec section 3 document rules: unique names, known types and directives,
/// possible extensions, …) run before a schema is linked; `schema` is set when `document`
/// extends it.
///
/// The rules themselves live in `Validation/`; until they are part of this module the linker's
/// own checks (unknown types, extensions of undefined types) are the only ones applied.
func sdlValidationErrors(_ document: Document, schema: GraphQLSchema?) -> [GraphQLError] {
    []
}
