// quiver::bolt — what the Bolt session needs from an authentication provider. The native server
// implements it (credentials stored in the database file); a null provider means no auth.
#pragma once

#include <string>

#include "value/value.h"

namespace quiver::bolt {

class Authenticator {
public:
    virtual ~Authenticator() = default;
    // `token` is the HELLO (4.4/5.0) or LOGON auth dictionary: scheme, principal, credentials...
    // Returns true and sets `user` when the token is accepted.
    virtual bool authenticate(const ValueMap& token, std::string& user) = 0;
    // ALTER CURRENT USER SET PASSWORD: throws QuiverError when `old_password` is wrong or the
    // new one is unacceptable.
    virtual void change_password(const std::string& user, const std::string& old_password,
                                 const std::string& new_password) = 0;
};

}  // namespace quiver::bolt
