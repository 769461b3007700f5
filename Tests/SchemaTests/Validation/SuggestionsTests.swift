import Testing
@testable import Schema

@Suite struct SuggestionsTests {
    @Test func closestFirstThenNaturalOrder() {
        #expect(suggestionList("lgoin", ["logout", "login", "Login", "begin"]) == ["Login", "login", "begin", "logout"])
        #expect(suggestionList("item2", ["item10", "item2", "item1", "other"]) == ["item2", "item1", "item10"])
        #expect(suggestionList("abc", []) == [])
    }

    @Test func caseOnlyDifferenceCountsAsOneEdit() {
        #expect(suggestionList("USER", ["user", "users"]) == ["user", "users"])
    }

    @Test func thresholdGrowsWithInputLength() {
        // "ab": threshold 1; "abcdefghij": threshold 5.
        #expect(suggestionList("ab", ["xy", "ax"]) == ["ax"])
        #expect(suggestionList("abcdefghij", ["abcdeXXXXX", "abcdXXXXXX"]) == ["abcdeXXXXX"])
    }

    @Test func didYouMeanWording() {
        #expect(didYouMean([]) == "")
        #expect(didYouMean(["a"]) == " Did you mean \"a\"?")
        #expect(didYouMean(["a", "b"]) == " Did you mean \"a\" or \"b\"?")
        #expect(didYouMean(["a", "b", "c", "d", "e", "f"]) == " Did you mean \"a\", \"b\", \"c\", \"d\", or \"e\"?")
        #expect(didYouMean(["T"], subMessage: "to use an inline fragment on")
                    == " Did you mean to use an inline fragment on \"T\"?")
    }

    @Test func naturalComparison() {
        #expect(naturalCompare("a2", "a10") < 0)
        #expect(naturalCompare("B", "a") < 0)
        #expect(naturalCompare("abc", "abc") == 0)
    }
}
