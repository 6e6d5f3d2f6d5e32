enum JournalPlaceholder {}
