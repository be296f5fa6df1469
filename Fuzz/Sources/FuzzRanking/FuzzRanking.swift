import CouncilCore
import FuzzSupport

/// The ranking parser (`RankingParser`) on a reviewer's reply.
///
/// Invariants, each checked (a broken one traps):
/// - it never crashes or hangs;
/// - a ranking it returns holds only labels that exist, each exactly once, and all of them;
/// - a failure names only labels that exist (a duplicate that is a label, missing ones that are labels).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRanking(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    var input = FuzzInput(data, size)
    let count = 1 + Int(input.takeByte() % 8)
    let labels = (0..<count).map { String(UnicodeScalar(UInt8(ascii: "A") + UInt8($0))) }
    switch RankingParser.parse(input.text, labels: labels) {
    case .success(let ranking):
        invariant(ranking.count == Set(ranking).count, "a label ranked twice: \(ranking)")
        invariant(Set(ranking) == Set(labels), "ranking \(ranking) is not a ranking of \(labels)")
    case .failure(.duplicate(let label)):
        invariant(labels.contains(label), "duplicate \(label) is not a label")
    case .failure(.missing(let missing)):
        invariant(!missing.isEmpty && missing.allSatisfy(labels.contains), "missing \(missing) are not labels")
    case .failure(.noRanking):
        break
    }
    return 0
}
