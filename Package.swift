// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Hyperpage",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "hyperpage", targets: ["hyperpage"]),
        .executable(name: "hyperpage-bare", targets: ["BareHandler"]),
        .library(name: "Schema", targets: ["Schema"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
    ],
    targets: [
        // The hand-written GraphQL engine: language, types, validation, execution, introspection.
        .target(name: "Schema"),
        // libcurl, for upstream HTTP calls (module map + shims for its variadic setters).
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),
        // hiredis 0.14, for the Redis client.
        .systemLibrary(name: "CHiredis", pkgConfig: "hiredis", providers: [.apt(["libhiredis-dev"])]),
        // libpq, for PostgreSQL persistence.
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // OpenSSL 3: HMAC-SHA256 cache key fingerprints, AES-256-GCM token encryption, randomness.
        .systemLibrary(name: "COpenSSL", pkgConfig: "openssl", providers: [.apt(["libssl-dev"])]),
        // The Redis client: hiredis's synchronous API on dedicated threads (pool, pipelining,
        // timeouts, reconnection, pub/sub).
        .target(name: "Redis", dependencies: ["CHiredis"]),
        // The PostgreSQL client: a libpq connection pool on dedicated threads, typed rows and errors.
        .target(name: "Postgres", dependencies: ["CLibPQ"]),
        // Tool connectors (GitHub, GitLab, Jira), aggregators, data loading and upstream access.
        .target(name: "Resolvers", dependencies: [
            "Schema", "CCurl", "COpenSSL", "Redis",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // Loopback servers that play GitHub, GitLab and Jira for the demo and the tests.
        .target(name: "Fakes", dependencies: [
            "COpenSSL",
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        // HTTP server, configuration, metrics, persistence, auth and the command line.
        .target(name: "Server", dependencies: [
            "Schema", "Resolvers", "Fakes", "Postgres", "Redis", "COpenSSL",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "Yams", package: "Yams"),
            .product(name: "Prometheus", package: "swift-prometheus"),
            .product(name: "Logging", package: "swift-log"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
        ]),
        .executableTarget(name: "hyperpage", dependencies: ["Server"]),
        // The bare Hummingbird handler that scripts/bench-http.sh compares the server with.
        .executableTarget(name: "BareHandler", dependencies: [
            .product(name: "Hummingbird", package: "hummingbird"),
        ]),
        .testTarget(name: "SchemaTests", dependencies: ["Schema"]),
        .testTarget(name: "RedisTests", dependencies: ["Redis"]),
        .testTarget(name: "ResolversTests", dependencies: [
            "Resolvers", "Fakes", "Schema", "Redis",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "PostgresTests", dependencies: ["Postgres"]),
        .testTarget(name: "ServerTests", dependencies: [
            "Server", "Schema", "Resolvers", "Fakes", "Postgres", "Redis",
            .product(name: "HummingbirdTesting", package: "hummingbird"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
