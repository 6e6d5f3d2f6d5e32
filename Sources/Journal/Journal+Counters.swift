import GRDB

extension Journal {
    /// Reserves `count` consecutive numbers of the counter `name` (starting at 1, wrapping after `limit`
    /// back to 1), in one transaction: concurrent runs sharing the journal never get the same number.
    package func reserveNumbers(_ name: String, count: Int, limit: Int = 999_999_999) throws(JournalError) -> [Int] {
        guard count > 0 else { return [] }
        return try write("reserve \(count) numbers of \(name)") { db in
            let current = try Int.fetchOne(db, sql: "SELECT value FROM counters WHERE name = ?", arguments: [name]) ?? 0
            let numbers = (1...count).map { (current + $0 - 1) % limit + 1 }
            try db.execute(sql: "INSERT INTO counters (name, value) VALUES (?, ?) ON CONFLICT(name) DO UPDATE SET value = excluded.value",
                           arguments: [name, numbers.last!])
            try AuditedTable.counters.vouch(db, key: [name], run: nil, event: "counter.reserved", detail: ["count": "\(count)"])
            return numbers
        }
    }
}
