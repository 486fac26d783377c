#include "function/builtin/random_source.h"

namespace quiver::function {

std::mt19937_64& random_source() {
#if defined(__EMSCRIPTEN__) && !defined(__EMSCRIPTEN_PTHREADS__)
    static std::mt19937_64 gen{std::random_device{}()};
#else
    static thread_local std::mt19937_64 gen{std::random_device{}()};
#endif
    return gen;
}

}  // namespace quiver::function
