import CouncilCore
import GRDB

/// The engine's stages are stored by their raw names.
extension Stage: DatabaseValueConvertible {}
