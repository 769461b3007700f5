import Testing
@testable import Schema

@Suite struct UniqueOperationNamesRuleTests {
    @Test func distinctNamesAndAnonymousOperationsPass() throws {
        try expectValid(UniqueOperationNamesRule.self, """
            query Viewer { viewer { login } }
            mutation Open { closeIssue(id: "1") { id } }
            { viewer { id } }
            """)
    }

    @Test func sameNameAcrossOperationKindsIsReportedAtBothNames() throws {
        try expectErrors(UniqueOperationNamesRule.self, """
            query Work { viewer { login } }
            mutation Work { closeIssue(id: "1") { id } }
            subscription Work { issueOpened(repository: "r") { id } }
            """, [
                ExpectedError("There can be only one operation named \"Work\".", [(1, 7), (2, 10)]),
                ExpectedError("There can be only one operation named \"Work\".", [(1, 7), (3, 14)]),
            ])
    }

    @Test func fragmentWithAnOperationsNameIsFine() throws {
        try expectValid(UniqueOperationNamesRule.self, """
            query Login { viewer { ...Login } }
            fragment Login on User { login }
            """)
    }
}
