import XCTest
@testable import Bundles
final class BundlesPlaceholderTests: XCTestCase { func testNothing() {} }
