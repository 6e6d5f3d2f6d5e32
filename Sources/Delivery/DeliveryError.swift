/// What stops delivery, and how far.
package struct DeliveryError: Error, Sendable, CustomStringConvertible {
    package enum Kind: Sendable {
        /// The connection failed or dropped, timed out, or the server is busy (421, 4xx on EHLO or AUTH):
        /// the message in hand is deferred and tried again later.
        case connection
        /// Settings that fail for every message (the certificate is not trusted, STARTTLS not offered,
        /// credentials refused, AUTH in the clear): delivery stops.
        case configuration
        /// Nothing to deliver (no OUT/email, no .eml files): exit 66.
        case noInput
    }

    package let kind: Kind
    package let description: String

    package init(_ kind: Kind, _ description: String) {
        self.kind = kind
        self.description = description
    }
}
