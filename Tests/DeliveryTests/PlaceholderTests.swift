import XCTest
@testable import Delivery
final class DeliveryPlaceholderTests: XCTestCase { func testNothing() {} }
