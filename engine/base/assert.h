// QV_ASSERT: invariant checks, on in debug and sanitizer builds, never on user input.
// QV_CORRUPT_IF: a storage check that is always on; reports the detecting line.
#pragma once

#include "base/error.h"

#include <string>

#ifdef QUIVER_ASSERTS
#include <cstdio>
#include <cstdlib>
#define QV_ASSERT(cond)                                                                  \
    do {                                                                                 \
        if (!(cond)) {                                                                   \
            std::fprintf(stderr, "assertion failed: %s at %s:%d\n", #cond, __FILE__, __LINE__); \
            std::abort();                                                                \
        }                                                                                \
    } while (0)
#else
#define QV_ASSERT(cond) ((void)0)
#endif

#define QV_CORRUPT_IF(cond, what)                                                        \
    do {                                                                                 \
        if (cond)                                                                        \
            ::quiver::throw_corrupt(std::string(what) + " (" + __FILE__ + ":" +          \
                                    std::to_string(__LINE__) + ")");                     \
    } while (0)
