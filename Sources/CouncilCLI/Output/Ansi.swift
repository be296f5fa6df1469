/// The escape codes the renderer uses.
enum Ansi {
    static let reset = "\u{1B}[0m"
    static let bold = "\u{1B}[1m"
    static let dim = "\u{1B}[2m"
    static let italic = "\u{1B}[3m"
    static let underline = "\u{1B}[4m"
    static let code = "\u{1B}[36m"
    static let heading = "\u{1B}[1;35m"
    static let quote = "\u{1B}[3;2m"
    static let bullet = "\u{1B}[33m"
}
