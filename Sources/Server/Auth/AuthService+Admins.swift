/// Admins named in the configuration (`auth.admins`).
extension AuthService {
    /// Whether one of `connections` is an account listed in `auth.admins`.
    public func isAdmin(connections: [ToolConnection]) -> Bool {
        guard !settings.admins.isEmpty else { return false }
        return connections.contains { settings.admins.contains("\($0.provider.rawValue):\($0.login.lowercased())") }
    }

    /// Whether the user connected an account listed in `auth.admins` (false when the store fails).
    public func isAdmin(userID: String) async -> Bool {
        guard !settings.admins.isEmpty else { return false }
        guard let connected = try? await connections.connections(userID: userID) else {
            logger.warning("The user's connections could not be read; not an admin for this request",
                           metadata: ["hyperpage.user": .string(userID)])
            return false
        }
        return isAdmin(connections: connected)
    }
}
