import Testing
@testable import Resolvers

@Suite struct UpstreamResponseTests {
    @Test func headerLookupIgnoresCase() {
        let response = UpstreamResponse(status: 200, headers: [(name: "x-ratelimit-remaining", value: "42")], body: [])
        #expect(response.header("X-RateLimit-Remaining") == "42")
        #expect(response.header("retry-after") == nil)
    }
}
