// quiver::server — basic authentication for the Bolt server: one user whose password is kept
// salted and hashed (SHA-256 over salt || password, OpenSSL). Accepts the `basic` scheme only.
#pragma once

#include <functional>
#include <mutex>
#include <optional>
#include <string>

#include "bolt/auth.h"

namespace quiver::server {

struct PasswordRecord {
    std::string user;
    std::string salt_hex;
    std::string hash_hex;
};

PasswordRecord make_password_record(const std::string& user, const std::string& password);
bool password_matches(const PasswordRecord& r, const std::string& password);
std::string random_password(size_t length);

// The record as text: "quiver-auth-v1 <user> <salt hex> <sha-256 hex>". Kept inside the
// database file (quiver/server_credentials.h); parse throws on anything else.
std::string format_password_record(const PasswordRecord& r);
PasswordRecord parse_password_record(const std::string& text, const std::string& where);

// The credentials file older servers kept beside a database file ("<db>.auth", one record
// line): read once to migrate it into the database.
std::optional<PasswordRecord> load_password_file(const std::string& path);

class PasswordAuth final : public bolt::Authenticator {
public:
    using OnChange = std::function<void(const PasswordRecord&)>;
    explicit PasswordAuth(PasswordRecord record, OnChange on_change = {})
        : record_(std::move(record)), on_change_(std::move(on_change)) {}

    bool authenticate(const ValueMap& token, std::string& user) override;
    void change_password(const std::string& user, const std::string& old_password,
                         const std::string& new_password) override;

private:
    std::mutex mu_;
    PasswordRecord record_;
    OnChange on_change_;
};

}  // namespace quiver::server
