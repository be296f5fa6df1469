import Glibc

/// libedit decodes input with the C library's locale: in the default "C" locale it silently drops
/// every non-ASCII character. So adopt the user's locale, and when that is plain ASCII (LANG unset,
/// `C`, `POSIX` — common in containers and over ssh) use C.UTF-8 for characters, which Debian always
/// has and which matches what models write.
enum CharacterLocale {
    static func adoptForLineEditing() {
        setlocale(LC_ALL, "")
        guard !isUTF8() else { return }
        for candidate in ["C.UTF-8", "C.utf8", "en_US.UTF-8"] where setlocale(LC_CTYPE, candidate) != nil {
            return
        }
    }

    static func isUTF8() -> Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }
}
