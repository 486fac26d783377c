#include "sample_data.h"

#include "quiver/database.h"
#include "statement_splitter.h"

namespace quiver::cli {

extern const char* const kMoviesCypher;  // generated from movies.cypher

const std::vector<SampleDataset>& sample_datasets() {
    static const std::vector<SampleDataset> datasets = {
        {"movies", "the Neo4j movie graph: movies, people and who acted in, directed, "
                   "produced, wrote and reviewed what",
         kMoviesCypher},
    };
    return datasets;
}

const SampleDataset* find_sample(std::string_view name) {
    for (const auto& d : sample_datasets())
        if (d.name == name) return &d;
    return nullptr;
}

void load_sample(Database& db, const SampleDataset& sample) {
    std::unique_ptr<Transaction> tx = db.begin(AccessMode::Write);
    try {
        for (const std::string& statement : split_statements(sample.script)) {
            std::unique_ptr<Result> result = tx->run(statement);
            std::vector<Value> row;
            while (result->next(row)) {
            }
            result->summary();
        }
        tx->commit();
    } catch (...) {
        try {
            if (tx->is_open()) tx->rollback();
        } catch (...) {
            // The original error is the one worth reporting.
        }
        throw;
    }
}

}  // namespace quiver::cli
