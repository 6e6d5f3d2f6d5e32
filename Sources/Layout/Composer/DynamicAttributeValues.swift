import Templates

/// The computed attributes of one element for one record, checked before anything is drawn: a position or
/// size that is not a finite number, reaches beyond `DynamicAttributes.limit`, or a size below 0 is the
/// record's reject (never a page with a shape somewhere off it); a colour is `#RRGGBB` or a palette name.
struct DynamicAttributeValues {
    private var numbers: [String: Double] = [:]
    private var colors: [String: Color] = [:]

    func number(_ key: String, _ fallback: Double) -> Double { numbers[key] ?? fallback }
    func color(_ key: String, _ fallback: Color?) -> Color? { colors[key] ?? fallback }

    init(_ d: DynamicAttributes, composer: DocumentComposer, env: Environment) throws(ComposeError) {
        for entry in d.numbers {
            let value = try composer.evaluate(entry.expression, env)
            guard case .number(let v) = value else {
                throw ComposeError("\(entry.key) at \(d.location) is \(Self.describe(value)), not a number")
            }
            guard v.isFinite, abs(v) <= DynamicAttributes.limit else {
                throw ComposeError("\(entry.key) at \(d.location) is \(v), beyond ±\(Int(DynamicAttributes.limit)) pt: "
                    + "check the data or the expression")
            }
            if DynamicAttributes.sizeKeys.contains(entry.key), v < 0 {
                throw ComposeError("\(entry.key) at \(d.location) is \(DocumentComposer.points(v)) pt; a size is never below 0")
            }
            numbers[entry.key] = v
        }
        for entry in d.colors {
            let value = try composer.evaluate(entry.expression, env)
            guard case .string(let text) = value else {
                throw ComposeError("\(entry.key) at \(d.location) is \(Self.describe(value)), not a colour")
            }
            guard let color = d.palette[text] ?? Color(hex: text) else {
                let names = d.palette.keys.sorted().prefix(8).joined(separator: ", ")
                throw ComposeError("\(entry.key) at \(d.location) is \"\(text.prefix(40))\", not a colour: give #RRGGBB"
                    + (names.isEmpty ? "" : " or one of the template's colours (\(names))"))
            }
            colors[entry.key] = color
        }
    }

    private static func describe(_ value: Value) -> String {
        switch value {
        case .null: "null"
        case .bool: "a true/false value"
        case .string(let s): "the text \"\(s.prefix(40))\""
        case .number(let n): "the number \(n)"
        case .date: "a date"
        case .list: "a list"
        case .record: "a record"
        }
    }
}

extension RectElement {
    func resolved(_ v: DynamicAttributeValues) -> RectElement {
        var r = self
        r.x = v.number("x", x); r.y = v.number("y", y)
        r.width = v.number("width", width); r.height = v.number("height", height)
        r.fill = v.color("fill", fill)
        if var s = stroke {
            s = Stroke(color: v.color("stroke", s.color) ?? s.color, width: v.number("line_width", s.width), dash: s.dash)
            r.stroke = s
        }
        return r
    }
}

extension LineElement {
    func resolved(_ v: DynamicAttributeValues) -> LineElement {
        var l = self
        l.x1 = v.number("x1", x1); l.y1 = v.number("y1", y1); l.x2 = v.number("x2", x2); l.y2 = v.number("y2", y2)
        l.stroke = Stroke(color: v.color("stroke", stroke.color) ?? stroke.color, width: v.number("line_width", stroke.width),
                          dash: stroke.dash)
        return l
    }
}

extension CircleElement {
    func resolved(_ v: DynamicAttributeValues) -> CircleElement {
        var c = self
        c.cx = v.number("cx", cx); c.cy = v.number("cy", cy); c.r = v.number("r", r)
        c.fill = v.color("fill", fill)
        if let s = stroke {
            c.stroke = Stroke(color: v.color("stroke", s.color) ?? s.color, width: v.number("line_width", s.width), dash: s.dash)
        }
        return c
    }
}

extension ImageElement {
    func resolved(_ v: DynamicAttributeValues) -> ImageElement {
        var i = self
        i.x = v.number("x", x); i.y = v.number("y", y); i.width = v.number("width", width); i.height = v.number("height", height)
        return i
    }
}

extension TextElement {
    func resolved(_ v: DynamicAttributeValues) -> TextElement {
        var t = self
        t.x = v.number("x", x); t.y = v.number("y", y)
        if let w = width { t.width = v.number("width", w) }
        if let h = height { t.height = v.number("height", h) }
        if let c = v.color("color", nil) { t.style.color = c }
        return t
    }
}
