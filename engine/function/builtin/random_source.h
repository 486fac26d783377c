// quiver::function — the pseudo-random source of rand() and randomUUID(): one generator per
// thread, seeded from std::random_device. A single-threaded WASM build has no thread-local
// storage (it is not linkable with bulk memory and without atomics), so there it is one
// generator for the module.
#pragma once

#include <random>

namespace quiver::function {

std::mt19937_64& random_source();

}  // namespace quiver::function
