#ifndef COUNCIL_CEDITLINE_SHIM_H
#define COUNCIL_CEDITLINE_SHIM_H
#include <stdio.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include <editline/readline.h>

/*
 * Swift 6 strict concurrency refuses to read or assign C globals directly, so every libedit global
 * the line editor touches goes through one of these small functions. Strings handed to libedit must
 * outlive the call: the Swift side passes strdup'ed copies it never frees.
 */

static inline void council_rl_set_readline_name(const char *name) { rl_readline_name = name; }

static inline void council_rl_set_attempted_completion_function(rl_completion_func_t *function) {
    rl_attempted_completion_function = function;
}

/* 0 means "append nothing" after a completed word. */
static inline void council_rl_set_completion_append_character(int character) {
    rl_completion_append_character = character;
}

/* Non-zero stops libedit falling back to file-name completion when we offer no match. */
static inline void council_rl_set_attempted_completion_over(int over) { rl_attempted_completion_over = over; }

/* Characters that separate words for completion; model ids contain '/', ':' and '.'. */
static inline void council_rl_set_word_break_characters(const char *characters) {
    rl_basic_word_break_characters = characters;
}

/* 1 (libedit's default) lets libedit restore the terminal on SIGINT/SIGTSTP/SIGWINCH. */
static inline void council_rl_set_catch_signals(int catch_signals) { rl_catch_signals = catch_signals; }

/* The whole line being edited, for the completion callback (NULL outside readline). */
static inline const char *council_rl_line_buffer(void) { return rl_line_buffer; }

/* The newest history entry (e.g. loaded from the history file), or NULL when history is empty. */
static inline const char *council_history_newest(void) {
    HIST_ENTRY *entry = history_length > 0 ? history_get(history_base + history_length - 1) : NULL;
    return entry ? entry->line : NULL;
}

/* Window height of a terminal file descriptor, or 0 when it is not a terminal or unknown. */
static inline int council_terminal_rows(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return 0;
    return size.ws_row;
}

/* Window width of a terminal file descriptor, or 0 when it is not a terminal or unknown. */
static inline int council_terminal_columns(int fd) {
    struct winsize size;
    if (ioctl(fd, TIOCGWINSZ, &size) != 0) return 0;
    return size.ws_col;
}

#endif
