// quiver-bench: benchmarks with self-checking answers (docs/benchmarks.md).
//   quiver-bench storage [...]   raw graph-store operations (foundation targets)
//   quiver-bench cypher  [...]   the same graph through Cypher, beside the raw store operations
//   quiver-bench peers --data DIR  Quiver native's side of `bench/run peers` (a stdin protocol)
#include <cstdio>
#include <cstring>
#include <exception>

namespace quiver::bench {
int run_storage(int argc, char** argv);
int run_cypher(int argc, char** argv);
int run_peers(int argc, char** argv);
}  // namespace quiver::bench

int main(int argc, char** argv) {
    if (argc >= 2 && std::strcmp(argv[1], "peers") == 0) {
        try {
            return quiver::bench::run_peers(argc - 2, argv + 2);
        } catch (const std::exception& e) {
            std::fprintf(stderr, "error: %s\n", e.what());
            return 1;
        }
    }
    if (argc < 2 || (std::strcmp(argv[1], "storage") != 0 && std::strcmp(argv[1], "cypher") != 0)) {
        std::fprintf(stderr,
                     "usage: quiver-bench storage [--nodes N] [--rels M] [--page-size B] [--json]\n"
                     "       quiver-bench cypher  [--nodes N] [--rels M] [--query Q [--reps N]]\n"
                     "       quiver-bench peers   --data DIR [--db FILE] [--keep]   (driven by bench/run peers)\n");
        return 2;
    }
    try {
        if (std::strcmp(argv[1], "storage") == 0) return quiver::bench::run_storage(argc - 2, argv + 2);
        return quiver::bench::run_cypher(argc - 2, argv + 2);
    } catch (const std::exception& e) {
        std::fprintf(stderr, "error: %s\n", e.what());
        return 1;
    }
}
