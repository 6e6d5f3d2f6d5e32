import Templates

/// A file an image element's `src` named for this record, inside the template's assets folder.
struct ResolvedImage: Sendable {
    let path: String
    let kind: ImageElement.Kind
}

extension DocumentComposer {
    /// The file `src` names for this record; nil when it names nothing (an empty value: the record has no
    /// logo). A name that leaves the assets folder, a missing file, another kind than PNG or SVG, or a broken
    /// file is the record's reject with the reason; the answer is kept for the next record that names it.
    func resolveImage(_ source: DynamicImageSource, _ env: inout Environment) throws(ComposeError) -> ResolvedImage? {
        let name = try text(source.path, &env)
        if name.isEmpty { return nil }
        if let known = imageSources[name] { return try known.get() }
        let answer = Self.check(name, source)
        imageSources[name] = answer
        return try answer.get()
    }

    private static func check(_ name: String, _ source: DynamicImageSource) -> Result<ResolvedImage, ComposeError> {
        func failure(_ reason: String) -> Result<ResolvedImage, ComposeError> {
            .failure(ComposeError("image at \(source.location): the file \"\(name.prefix(120))\" \(reason)"))
        }
        guard let kind = ImageElement.Kind(path: name) else { return failure("is not a PNG or SVG file (.png, .svg)") }
        switch AssetPath.inside(source.assets, name) {
        case .failure(let error): return failure(error.reason)
        case .success(let path):
            if let problem = AssetCheck.problem(path, kind: kind) { return failure(problem) }
            return .success(ResolvedImage(path: path, kind: kind))
        }
    }
}
