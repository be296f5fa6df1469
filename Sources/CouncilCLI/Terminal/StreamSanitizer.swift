/// Sanitises streamed text delta by delta (see `TerminalSanitizer`). An escape sequence split across
/// deltas is recognised as one: the state between deltas remembers that we are inside a sequence, so
/// its tail never reaches the screen. Sequence content is dropped, never buffered, so nothing is held
/// back except the knowledge of where we are.
public struct StreamSanitizer: Sendable {
    private enum State: Sendable {
        case text
        /// After ESC.
        case escape
        /// After ESC and intermediate bytes (0x20–0x2F), waiting for the final byte (nF sequences).
        case escapeIntermediate
        /// Control sequence (ESC [ or U+009B): parameters and intermediates until a final byte.
        case controlSequence
        /// OSC, DCS, SOS, PM, APC: a payload until BEL or a string terminator.
        case controlString
        /// ESC seen inside a control string: `\` completes the terminator, anything else starts anew.
        case controlStringEscape
    }

    private var state: State = .text

    public init() {}

    /// True while the last delta ended inside an escape sequence.
    public var isInsideSequence: Bool { state != .text }

    /// Returns the printable part of `delta`.
    public mutating func feed(_ delta: String) -> String {
        if state == .text, Self.isPlainText(delta) { return delta }
        var output = String.UnicodeScalarView()
        for scalar in delta.unicodeScalars {
            consume(scalar, into: &output)
        }
        return String(output)
    }

    /// Forgets a sequence in progress (e.g. when a new stream starts).
    public mutating func reset() { state = .text }

    // MARK: - State machine

    private mutating func consume(_ scalar: Unicode.Scalar, into output: inout String.UnicodeScalarView) {
        let value = scalar.value
        switch state {
        case .text:
            emitOrStart(scalar, into: &output)

        case .escape:
            switch value {
            case 0x5B: state = .controlSequence                       // ESC [
            case 0x5D, 0x50, 0x58, 0x5E, 0x5F: state = .controlString // ESC ] P X ^ _
            case 0x1B: state = .escape                                // ESC ESC: start again
            case 0x20...0x2F: state = .escapeIntermediate
            case 0x30...0x7E: state = .text                           // two-byte sequence, e.g. ESC c
            default:
                // Not a sequence after all: the ESC is gone, the scalar is ordinary input.
                state = .text
                emitOrStart(scalar, into: &output)
            }

        case .escapeIntermediate:
            switch value {
            case 0x20...0x2F: break
            case 0x30...0x7E: state = .text
            default:
                state = .text
                emitOrStart(scalar, into: &output)
            }

        case .controlSequence:
            switch value {
            case 0x20...0x3F: break                                   // parameters, intermediates
            case 0x40...0x7E: state = .text                           // final byte
            default:
                // Malformed: abandon the sequence. What follows is harmless without its ESC.
                state = .text
                emitOrStart(scalar, into: &output)
            }

        case .controlString:
            switch value {
            case 0x07, 0x9C: state = .text                            // BEL or 8-bit ST
            case 0x1B: state = .controlStringEscape
            default: break                                            // payload: dropped
            }

        case .controlStringEscape:
            if value == 0x5C {                                        // ESC \ (ST)
                state = .text
            } else {
                state = .escape
                consume(scalar, into: &output)
            }
        }
    }

    /// In text: keeps a printable scalar, or enters the sequence it introduces, or drops it.
    private mutating func emitOrStart(_ scalar: Unicode.Scalar, into output: inout String.UnicodeScalarView) {
        switch scalar.value {
        case 0x0A, 0x09: output.append(scalar)                        // newline, tab
        case 0x1B: state = .escape
        case 0x9B: state = .controlSequence                           // 8-bit CSI
        case 0x9D, 0x90, 0x98, 0x9E, 0x9F: state = .controlString     // 8-bit OSC DCS SOS PM APC
        case 0x00...0x1F, 0x7F...0x9F: break                          // other C0, DEL, C1 (incl. CR, BEL, BS)
        case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: break // bidi marks, overrides, isolates
        default: output.append(scalar)
        }
    }

    /// Fast path: printable ASCII plus newline and tab, or UTF-8 that cannot encode a C1 control or a
    /// bidi control (those need lead bytes 0xC2, 0xD8 or 0xE2).
    private static func isPlainText(_ text: String) -> Bool {
        for byte in text.utf8 {
            switch byte {
            case 0x20...0x7E, 0x0A, 0x09: continue
            case 0xC2, 0xD8, 0xE2: return false
            case 0x80...0xFF: continue
            default: return false
            }
        }
        return true
    }
}
