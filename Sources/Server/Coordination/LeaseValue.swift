/// The value of the `hp:leader` lease: `<fencing token> <pod id>`. The token comes from
/// `INCR hp:leader:fence`, so every new leadership has a larger one than all before it.
struct LeaseValue: Sendable, Equatable {
    var token: Int64
    var podID: String

    var text: String { "\(token) \(podID)" }

    init(token: Int64, podID: String) {
        self.token = token
        self.podID = podID
    }

    init?(_ text: String) {
        guard let space = text.firstIndex(of: " "), let token = Int64(text[..<space]) else { return nil }
        self.init(token: token, podID: String(text[text.index(after: space)...]))
    }
}
