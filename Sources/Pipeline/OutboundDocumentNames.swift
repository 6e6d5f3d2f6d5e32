import Journal

extension X12OutboundGroup {
    /// A set of ours named by the business document it is about, as notices to operations say it: an 855
    /// is the order confirmation for the purchase order in its BAK03.
    static func documentName(setID: String, about: String?) -> String {
        guard let about else { return "Transaction set \(setID)" }
        return setID == "855" ? "Order confirmation (855) for purchase order \(about)" : "Transaction set \(setID) about \(about)"
    }
}
