import XCTest
@testable import Channels
final class ChannelsPlaceholderTests: XCTestCase { func testNothing() {} }
