// The server's credentials record inside the database file: absent in a new (or older) file,
// survives reopening, is replaced in place, and leaves the graph and the integrity check alone.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>

#include "quiver/database.h"
#include "quiver/server_credentials.h"

namespace quiver {
namespace {

int64_t node_count(Database& db) {
    auto r = db.run("MATCH (n) RETURN count(n) AS c");
    std::vector<Value> row;
    EXPECT_TRUE(r->next(row));
    return row.empty() ? -1 : row[0].as_int();
}

TEST(ServerCredentials, StoredInTheFileAndReplaced) {
    auto path = (std::filesystem::temp_directory_path() /
                 ("quiver-credentials-" + std::to_string(::getpid()) + ".qdb")).string();
    std::filesystem::remove(path);
    {
        auto db = Database::open_file(path);
        db->run("CREATE (:Kept {v: 1}), (:Kept {v: 2})")->summary();
        EXPECT_FALSE(read_server_credentials(*db).has_value());
        write_server_credentials(*db, "quiver-auth-v1 neo4j aa bb");
        EXPECT_EQ(read_server_credentials(*db), "quiver-auth-v1 neo4j aa bb");
    }
    {
        auto db = Database::open_file(path);
        EXPECT_EQ(read_server_credentials(*db), "quiver-auth-v1 neo4j aa bb");
        write_server_credentials(*db, std::string(3000, 'x'));  // replaced, any length
        EXPECT_EQ(node_count(*db), 2);
        EXPECT_TRUE(db->check().ok);
    }
    {
        auto db = Database::open_file(path);
        EXPECT_EQ(read_server_credentials(*db), std::string(3000, 'x'));
        auto report = db->check();
        EXPECT_TRUE(report.ok) << (report.problems.empty() ? "" : report.problems[0]);
        EXPECT_EQ(node_count(*db), 2);
    }
    std::filesystem::remove(path);
}

TEST(ServerCredentials, InvisibleToQueries) {
    auto db = Database::open_memory();
    write_server_credentials(*db, "quiver-auth-v1 neo4j aa bb");
    EXPECT_EQ(node_count(*db), 0);
    auto r = db->run("CALL db.propertyKeys() YIELD propertyKey RETURN count(*) AS c");
    std::vector<Value> row;
    ASSERT_TRUE(r->next(row));
    EXPECT_EQ(row[0].as_int(), 0);
}

}  // namespace
}  // namespace quiver
