// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Hyperpage",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hyperpage", targets: ["hyperpage"]),
        .library(name: "Schema", targets: ["Schema"]),
    ],
    targets: [
        // The hand-written GraphQL engine: language, types, validation, execution, introspection.
        .target(name: "Schema"),
        // Tool connectors (GitHub, GitLab, Jira) and data loading.
        .target(name: "Resolvers", dependencies: ["Schema"]),
        // HTTP server, configuration, persistence, auth and the command line.
        .target(name: "Server", dependencies: ["Schema", "Resolvers"]),
        .executableTarget(name: "hyperpage", dependencies: ["Server"]),
        .testTarget(name: "SchemaTests", dependencies: ["Schema"]),
        .testTarget(name: "ServerTests", dependencies: ["Server", "Schema"]),
    ],
    swiftLanguageModes: [.v6]
)
