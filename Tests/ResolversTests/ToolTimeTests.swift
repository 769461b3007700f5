import Testing
@testable import Resolvers

@Suite struct ToolTimeTests {
    @Test(arguments: [
        ("2024-01-02T10:20:30Z", "2024-01-02T10:20:30Z"),
        ("2024-01-02T10:20:30.123Z", "2024-01-02T10:20:30Z"),
        ("2024-01-02T11:20:30.000+0100", "2024-01-02T10:20:30Z"),
        ("2024-01-02T05:20:30-05:00", "2024-01-02T10:20:30Z"),
        ("2024-03-01T00:30:00+01:00", "2024-02-29T23:30:00Z"),
        ("1999-12-31T23:59:59-00:30", "2000-01-01T00:29:59Z"),
    ])
    func normalisesToUTCSeconds(input: String, expected: String) {
        #expect(RFC3339.normalize(input) == expected)
    }

    @Test(arguments: ["", "2024-01-02", "2024-13-02T10:20:30Z", "2024-01-02T10:20:30", "2024-01-02T10:20:30Zjunk"])
    func rejectsWhatIsNotADateTime(input: String) {
        #expect(RFC3339.normalize(input) == nil)
    }

    @Test func epochRoundTrips() {
        #expect(RFC3339.format(0) == "1970-01-01T00:00:00Z")
        #expect(RFC3339.seconds("2024-01-02T10:20:30Z") == 1_704_190_830)
        #expect(RFC3339.format(1_704_190_830) == "2024-01-02T10:20:30Z")
    }
}
