import CouncilTestSupport
import PropertyBased

/// Generated text, shrunk by leaving pieces out.
typealias TextGenerator = Generator<String, Generator<String?, Shrink.None<String?>>.ArrayShrink>

/// Text strung together from `pieces`, up to `count` of them.
func text(of pieces: [String], count: ClosedRange<Int> = 0...60) -> TextGenerator {
    Gen<String?>.element(of: pieces).array(of: count).map { $0.compactMap { $0 }.joined() }
}

/// Where a delta ends: positions, taken modulo the length of what is cut.
let cuts = Gen.int(in: 0...4096).array(of: 0...12)
