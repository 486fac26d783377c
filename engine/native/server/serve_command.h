// quiver::server — `quiver serve DB [options]`: opens the database and runs the Bolt server until
// SIGINT/SIGTERM. Returns the process exit status.
#pragma once

namespace quiver::server {

int run_serve_command(int argc, char** argv);  // argv[0] is "serve"'s first argument

}  // namespace quiver::server
