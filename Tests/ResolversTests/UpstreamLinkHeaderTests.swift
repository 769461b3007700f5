import Testing
@testable import Resolvers

@Suite struct UpstreamLinkHeaderTests {
    @Test func parsesGitHubPagination() {
        let header = #"<https://api.github.com/user/repos?page=3&per_page=100>; rel="next", <https://api.github.com/user/repos?page=50&per_page=100>; rel="last", <https://api.github.com/user/repos?page=1&per_page=100>; rel="first", <https://api.github.com/user/repos?page=1&per_page=100>; rel="prev""#
        #expect(parseLinkHeader(header) == [
            "next": "https://api.github.com/user/repos?page=3&per_page=100",
            "last": "https://api.github.com/user/repos?page=50&per_page=100",
            "first": "https://api.github.com/user/repos?page=1&per_page=100",
            "prev": "https://api.github.com/user/repos?page=1&per_page=100",
        ])
    }

    @Test func parsesUnquotedAndMultipleRelations() {
        let header = #"<https://gitlab.example/api/v4/projects?page=2>;rel=next,<https://gitlab.example/api/v4/projects?page=2>; title="a, b"; REL="last next""#
        #expect(parseLinkHeader(header) == [
            "next": "https://gitlab.example/api/v4/projects?page=2",
            "last": "https://gitlab.example/api/v4/projects?page=2",
        ])
    }

    @Test func keepsCommasInsideURLs() {
        #expect(parseLinkHeader(#"<https://x.example/a?ids=1,2,3>; rel="next""#) == ["next": "https://x.example/a?ids=1,2,3"])
    }

    @Test func emptyOrMalformedGivesNothing() {
        #expect(parseLinkHeader("") == [:])
        #expect(parseLinkHeader("https://x.example/a; rel=next") == [:])
        #expect(parseLinkHeader("<https://x.example/a") == [:])
        #expect(parseLinkHeader("<https://x.example/a>; title=x") == [:])
    }
}
