import XCTest
@testable import Inbound
final class InboundPlaceholderTests: XCTestCase { func testNothing() {} }
