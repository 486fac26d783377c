// quiver::cli — sample datasets built into the binary (`--sample NAME`).
//
//   movies — the classic Neo4j movie graph: Movie and Person nodes with ACTED_IN, DIRECTED,
//            PRODUCED, WROTE, REVIEWED and FOLLOWS relationships (movies.cypher, embedded at
//            build time through the generated sample_movies.cpp).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace quiver {
class Database;
}

namespace quiver::cli {

struct SampleDataset {
    std::string_view name;
    std::string_view description;
    std::string_view script;  // Cypher statements separated by ';'
};

const std::vector<SampleDataset>& sample_datasets();
const SampleDataset* find_sample(std::string_view name);  // nullptr when unknown
// Runs the dataset's script in one write transaction (all or nothing). Throws QuiverError.
void load_sample(Database& db, const SampleDataset& sample);

}  // namespace quiver::cli
