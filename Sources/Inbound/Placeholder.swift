/// Inbound B2B documents: X12 interchanges read, checked, acknowledged and mapped to records.
enum InboundPlaceholder {}
