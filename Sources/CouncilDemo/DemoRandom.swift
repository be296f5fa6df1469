import CouncilCore

/// The demo's randomness: the same seeded generator the review shuffles use, seeded from text parts
/// (the seed, the model, the call number) so a run can be reproduced.
typealias DemoRandom = SeededGenerator

extension SeededGenerator {
    /// Seeds from any number of text parts (FNV-1a over their bytes).
    init(seed: UInt64, _ parts: String...) {
        var hash = seed ^ 0xcbf2_9ce4_8422_2325
        for part in parts {
            for byte in part.utf8 {
                hash ^= UInt64(byte)
                hash = hash &* 0x0000_0100_0000_01B3
            }
            hash ^= 0xff
            hash = hash &* 0x0000_0100_0000_01B3
        }
        self.init(seed: hash)
    }

    /// A number in [0, 1).
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
