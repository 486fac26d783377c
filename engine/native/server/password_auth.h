// quiver::server — basic authentication for the Bolt server: one user whose password is kept
// salted and hashed (SHA-256 over salt || password, OpenSSL). Accepts the `basic` scheme only.
#pragma once

#include <mutex>
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

class PasswordAuth final : public bolt::Authenticator {
public:
    explicit PasswordAuth(PasswordRecord record) : record_(std::move(record)) {}

    bool authenticate(const ValueMap& token, std::string& user) override;
    void change_password(const std::string& user, const std::string& old_password,
                         const std::string& new_password) override;

private:
    std::mutex mu_;
    PasswordRecord record_;
};

}  // namespace quiver::server
