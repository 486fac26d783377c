// quiver::cli — how an engine error is shown on stderr:
//
//   Neo.ClientError.Statement.SyntaxError: <message>
//     at line 1, column 10 (offset: 9)
//     MATCH (n RETURN n
//              ^
#pragma once

#include <string>

namespace quiver {
class QuiverError;
}

namespace quiver::cli {

// `statement` is the text the position refers to (may be empty: no excerpt then).
std::string error_report(const QuiverError& error, const std::string& statement);

}  // namespace quiver::cli
