/// The introspection meta fields (spec 4.1 and 4.2) as field definitions, resolved against the
/// schema's own `String`, `__Schema` and `__Type` types so validation can type-check selections
/// below them. A field is absent when the schema lacks the type it returns.
struct MetaFields {
    let typename: FieldDefinition?
    let schema: FieldDefinition?
    let type: FieldDefinition?

    init(schema: GraphQLSchema) {
        let string = schema.type(named: "String")
        typename = string.map { FieldDefinition(name: "__typename", type: .nonNull(.named($0))) }
        self.schema = schema.type(named: "__Schema").map {
            FieldDefinition(name: "__schema", type: .nonNull(.named($0)))
        }
        if let typeType = schema.type(named: "__Type"), let string {
            type = FieldDefinition(name: "__type",
                                   arguments: [InputValue(name: "name", type: .nonNull(.named(string)))],
                                   type: .named(typeType))
        } else {
            type = nil
        }
    }
}
