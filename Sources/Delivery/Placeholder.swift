/// Delivery of what a run made: email over SMTP.
enum DeliveryPlaceholder {}
