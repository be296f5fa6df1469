#ifndef COUNCIL_CEDITLINE_SHIM_H
#define COUNCIL_CEDITLINE_SHIM_H
#include <stdio.h>
#include <editline/readline.h>
#endif
