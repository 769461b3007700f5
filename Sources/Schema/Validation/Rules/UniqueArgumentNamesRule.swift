/// Argument Uniqueness (spec 5.4.2): a field or directive may not be given the same argument twice.
public final class UniqueArgumentNamesRule: ValidationRule {
    public static let name = "UniqueArgumentNamesRule"
    public let context: ValidationContext
    public init(context: ValidationContext) { self.context = context }

    public func enter(field: Field) { check(field.arguments) }
    public func enter(directive: Directive) { check(directive.arguments) }

    private func check(_ arguments: [Argument]) {
        if arguments.count < 2 { return }
        for (name, locations) in groupedByName(arguments.map { ($0.name.value, $0.name.loc) }) where locations.count > 1 {
            report("There can be only one argument named \"\(name)\".", at: locations)
        }
    }
}

/// Name/location pairs grouped by name, groups in order of each name's first occurrence.
func groupedByName(_ items: [(String, Location)]) -> [(String, [Location])] {
    var index: [String: Int] = [:]
    var groups: [(String, [Location])] = []
    for (name, loc) in items {
        if let i = index[name] {
            groups[i].1.append(loc)
        } else {
            index[name] = groups.count
            groups.append((name, [loc]))
        }
    }
    return groups
}
