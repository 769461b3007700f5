import Testing
@testable import Schema
