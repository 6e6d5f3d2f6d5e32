/// Channels other than print: email (MIME) and SMS encoding.
enum ChannelsPlaceholder {}
