#include "password_auth.h"

#include <fmt/format.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "base/error.h"

namespace quiver::server {

namespace {

std::string hex(const unsigned char* p, size_t n) {
    std::string s;
    for (size_t i = 0; i < n; ++i) s += fmt::format("{:02x}", p[i]);
    return s;
}

std::string hash_hex(const std::string& salt_hex, const std::string& password) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    std::string input = salt_hex + password;
    EVP_Digest(input.data(), input.size(), digest, &len, EVP_sha256(), nullptr);
    return hex(digest, len);
}

}  // namespace

PasswordRecord make_password_record(const std::string& user, const std::string& password) {
    unsigned char salt[16];
    RAND_bytes(salt, sizeof salt);
    PasswordRecord r;
    r.user = user;
    r.salt_hex = hex(salt, sizeof salt);
    r.hash_hex = hash_hex(r.salt_hex, password);
    return r;
}

bool password_matches(const PasswordRecord& r, const std::string& password) {
    std::string h = hash_hex(r.salt_hex, password);
    return h.size() == r.hash_hex.size() &&
           CRYPTO_memcmp(h.data(), r.hash_hex.data(), h.size()) == 0;
}

std::string random_password(size_t length) {
    static constexpr char kAlphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    std::string s;
    unsigned char b[64];
    RAND_bytes(b, sizeof b);
    for (size_t i = 0; i < length && i < sizeof b; ++i) s += kAlphabet[b[i] % (sizeof kAlphabet - 1)];
    return s;
}

bool PasswordAuth::authenticate(const ValueMap& token, std::string& user) {
    const Value* scheme = map_find(token, "scheme");
    const Value* principal = map_find(token, "principal");
    const Value* credentials = map_find(token, "credentials");
    if (!scheme || !scheme->is_string() || scheme->as_string() != "basic") return false;
    if (!principal || !principal->is_string() || !credentials || !credentials->is_string())
        return false;
    std::lock_guard lock(mu_);
    if (principal->as_string() != record_.user) return false;
    if (!password_matches(record_, credentials->as_string())) return false;
    user = record_.user;
    return true;
}

void PasswordAuth::change_password(const std::string& user, const std::string& old_password,
                                   const std::string& new_password) {
    std::lock_guard lock(mu_);
    if (user != record_.user || !password_matches(record_, old_password))
        throw QuiverError("Neo.ClientError.General.InvalidArguments",
                          "User supplied incorrect current password.");
    if (new_password.empty())
        throw QuiverError("Neo.ClientError.General.InvalidArguments",
                          "A password cannot be empty.");
    if (old_password == new_password)
        throw QuiverError("Neo.ClientError.General.InvalidArguments",
                          "Old password and new password cannot be the same.");
    record_ = make_password_record(user, new_password);
    if (on_change_) on_change_(record_);
}

std::string format_password_record(const PasswordRecord& r) {
    return fmt::format("quiver-auth-v1 {} {} {}", r.user, r.salt_hex, r.hash_hex);
}

PasswordRecord parse_password_record(const std::string& text, const std::string& where) {
    std::istringstream in(text);
    std::string magic;
    PasswordRecord r;
    if (!(in >> magic >> r.user >> r.salt_hex >> r.hash_hex) || magic != "quiver-auth-v1")
        throw std::runtime_error(fmt::format("{}: not a Quiver credentials record", where));
    return r;
}

std::optional<PasswordRecord> load_password_file(const std::string& path) {
    std::ifstream in(path);
    if (!in) return std::nullopt;
    std::stringstream text;
    text << in.rdbuf();
    return parse_password_record(text.str(), path);
}

}  // namespace quiver::server
