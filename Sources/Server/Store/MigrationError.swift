/// Why migrations could not be listed or applied. `message` names the file concerned and never
/// quotes SQL values or the database URL.
public struct MigrationError: Error, Sendable, Equatable, CustomStringConvertible {
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        public let rawValue: String
        public init(_ rawValue: String) { self.rawValue = rawValue }
        public var description: String { rawValue }

        /// The migrations folder is missing, unreadable, or holds a badly named or duplicate file.
        public static let invalidDirectory = Code("invalid_directory")
        /// An applied file's content changed since it was applied.
        public static let editedFile = Code("edited_file")
        /// The database records a version whose file is not in the folder, below the newest file.
        public static let missingFile = Code("missing_file")
        /// A migration's SQL failed; nothing of that file was applied.
        public static let failed = Code("failed")
        /// The database could not be reached or queried.
        public static let database = Code("database")
        /// The database is not at the version the files describe (start-up check).
        public static let notCurrent = Code("not_current")
    }

    public var code: Code
    public var message: String
    /// The file concerned (`0003_add_index.sql`), when there is one.
    public var file: String?

    public init(code: Code, message: String, file: String? = nil) {
        self.code = code
        self.message = message
        self.file = file
    }

    public var description: String { message }
}
