/// SDL validation (the type-system document rules: unique names, known types and directives,
/// possible extensions, …) run before a schema is linked; `schema` is set when `document`
/// extends it.
func sdlValidationErrors(_ document: Document, schema: GraphQLSchema?) -> [GraphQLError] {
    validateSDL(document, schema: schema)
}
