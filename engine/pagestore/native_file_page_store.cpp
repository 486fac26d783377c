#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "base/error.h"
#include "pagestore/file_page_store.h"

namespace quiver::pagestore {
namespace {

class FilePageStore final : public PageStore {
public:
    FilePageStore(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
    ~FilePageStore() override {
        if (fd_ >= 0) ::close(fd_);  // closing releases the flock
    }

    uint64_t size() override {
        struct stat st;
        if (::fstat(fd_, &st) != 0) fail("fstat");
        return uint64_t(st.st_size);
    }
    void read(uint64_t offset, uint8_t* buf, size_t len) override {
        size_t done = 0;
        while (done < len) {
            ssize_t n = ::pread(fd_, buf + done, len - done, off_t(offset + done));
            if (n < 0) {
                if (errno == EINTR) continue;
                fail("pread");
            }
            if (n == 0) {  // past the end: zeros (contract item 1)
                std::memset(buf + done, 0, len - done);
                return;
            }
            done += size_t(n);
        }
    }
    void write(uint64_t offset, const uint8_t* buf, size_t len) override {
        size_t done = 0;
        while (done < len) {
            ssize_t n = ::pwrite(fd_, buf + done, len - done, off_t(offset + done));
            if (n < 0) {
                if (errno == EINTR) continue;
                fail("pwrite");
            }
            done += size_t(n);
        }
    }
    void sync() override {
#ifdef __APPLE__
        if (::fcntl(fd_, F_FULLFSYNC) != 0) fail("F_FULLFSYNC");
#else
        if (::fdatasync(fd_) != 0) fail("fdatasync");
#endif
    }
    void truncate(uint64_t size) override {
        if (::ftruncate(fd_, off_t(size)) != 0) fail("ftruncate");
    }
    std::string describe() const override { return "file:" + path_; }

private:
    [[noreturn]] void fail(const char* what) {
        throw_io(std::string(what) + " on " + path_ + ": " + std::strerror(errno));
    }
    int fd_;
    std::string path_;
};

}  // namespace

std::unique_ptr<PageStore> open_file_store(const std::string& path, bool read_only,
                                           bool create_if_missing) {
    int flags = read_only ? O_RDONLY : O_RDWR;
    if (!read_only && create_if_missing) flags |= O_CREAT;
    int fd = ::open(path.c_str(), flags | O_CLOEXEC, 0644);
    if (fd < 0)
        throw QuiverError(std::string(status::DatabaseNotFound),
                          "Cannot open database file " + path + ": " + std::strerror(errno));
    if (::flock(fd, (read_only ? LOCK_SH : LOCK_EX) | LOCK_NB) != 0) {
        ::close(fd);
        throw QuiverError(std::string(status::DatabaseLocked),
                          "Database file " + path + " is locked by another process");
    }
    return std::make_unique<FilePageStore>(fd, path);
}

}  // namespace quiver::pagestore
