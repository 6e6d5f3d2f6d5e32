import XCTest
@testable import Journal
final class JournalPlaceholderTests: XCTestCase { func testNothing() {} }
