extension HTTPServerConfiguration {
    /// Returns `error` as the client sees it: `setting` renamed through
    /// `settingNames` (or removed for a fixed limit), and `remedy` appended
    /// to `detail` together with the setting to raise.
    ///
    /// For example, a `maxBodyBytes` error with remedy "send a smaller body"
    /// and the name `--max-body-bytes` gets the detail "The Content-Length of
    /// 2874 bytes exceeds the limit of 2000 bytes; send a smaller body or
    /// raise --max-body-bytes on the server." An error without `remedy`
    /// keeps its detail.
    func presenting(_ error: HTTPError) -> HTTPError {
        var shown = error
        let isFixed = error.setting.map { fixedSettings.contains($0) } ?? false
        let displayName = error.setting.map { settingNames[$0] ?? $0 }
        shown.setting = isFixed ? nil : displayName

        if let remedy = error.remedy {
            let statement = error.detail.hasSuffix(".") ? String(error.detail.dropLast()) : error.detail
            if isFixed {
                shown.detail = "\(statement); \(remedy). The server's limit is fixed."
            } else if let displayName {
                shown.detail = "\(statement); \(remedy) or raise \(displayName) on the server."
            } else {
                shown.detail = "\(statement); \(remedy)."
            }
            // Cleared so that presenting the result again changes nothing.
            shown.remedy = nil
        }
        return shown
    }
}
